// The small collection the API tests index: the repository's two seed records (corpus/*.txt, passed
// as files) plus records written into a temporary folder, one of them broken.
#pragma once

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "capsearch/search.hpp"

namespace capsearch::test {

/// Figure ids of the good records, and what the tests know about them.
inline const std::string kSeedHer2 = "PMC3808214__brc-0008-0256-g02";    // 2013, Homo sapiens
inline const std::string kSeedHer2NoYear = "PMC3835685__nihms524354f1";  // year and organism unknown
inline const std::string kWntFish = "APITEST01__f1";                     // 2015, Danio rerio
inline const std::string kInsulin = "APITEST02__f1";                     // 2010, Homo sapiens + Mus musculus
inline const std::string kNotchMouse = "APITEST03__f1";                  // 2018, Mus musculus
inline constexpr std::size_t kGoodRecords = 5;

/// Writes the temporary records under `dir`/records (three good ones and `broken.md`, which has no
/// figid) and returns the paths to index: the two seed files and that folder.
std::vector<std::string> write_api_fixture(const std::filesystem::path& dir);

/// The figure ids of a result's hits.
std::set<std::string> figids(const SearchResult& r);

/// The broken record's file.
std::filesystem::path broken_record(const std::filesystem::path& dir);

}  // namespace capsearch::test
