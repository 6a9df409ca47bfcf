// Umbrella header: everything a C++ program needs to index and search PFOCR figures with capsearch.
#pragma once

#include "capsearch/closest_name.hpp"
#include "capsearch/config.hpp"
#include "capsearch/enrich.hpp"
#include "capsearch/error.hpp"
#include "capsearch/index.hpp"
#include "capsearch/lexicon.hpp"
#include "capsearch/record.hpp"
#include "capsearch/search.hpp"
#include "capsearch/version.hpp"
