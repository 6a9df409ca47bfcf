// Turns a Record into the Xapian document the searcher expects: terms per schema/terms.hpp,
// value slots for facets, filters and sync, and the stored fields results display (schema/stored.hpp).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "analyzers/lexicon.hpp"
#include "capsearch/record.hpp"

namespace capsearch::index {

/// Where a record came from, for incremental sync (empty when built in code).
struct SourceInfo {
    std::string content_hash;  ///< content_hash() of the file's bytes.
    std::string file_stamp;    ///< "size:mtime_ns" of the file.
};

/// Builds the complete document for `record` (caller sets nothing else). Thread-safe for distinct
/// records (the lexicon is immutable).
Xapian::Document build_document(const Record& record, const analysis::Lexicon& lexicon,
                                const SourceInfo& source = {});

/// Stable 64-bit content hash of file bytes, as 16 hex digits (FNV-1a).
std::string content_hash(std::string_view bytes);

}  // namespace capsearch::index
