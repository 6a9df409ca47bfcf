// Turns what Xapian, the file system and the standard library throw into capsearch::Error subclasses
// that name the index, so nothing untranslated escapes the public indexing API.
#pragma once

#include <string>

namespace capsearch::index {

/// Call inside a catch (...) block: rethrows the exception in flight as a capsearch::Error naming
/// the index at `db` (capsearch errors pass through unchanged).
[[noreturn]] void rethrow_translated(const std::string& db);

}  // namespace capsearch::index
