// The encoder matching decode_stored (document.hpp): StoredFields as the compact JSON a document's
// data holds.
#pragma once

#include <string>

#include "indexer/document.hpp"

namespace capsearch::index {

/// Compact JSON of `fields`; empty strings, empty lists and an unknown year are left out.
std::string encode_stored(const StoredFields& fields);

}  // namespace capsearch::index
