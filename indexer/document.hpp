// Turns a Record into the Xapian document the searcher expects: terms per analyzers/terms.hpp,
// value slots for facets, filters and sync, and the stored fields results display.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "analyzers/lexicon.hpp"
#include "capsearch/record.hpp"
#include "capsearch/search.hpp"

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

/// The unique-id term of a figure ("Q" + figid), for replace_document / delete_document.
std::string figid_term(std::string_view figid);

/// An organism as its filter term spells it after terms::kOrganism: folded, single spaces, no spaces
/// at the ends ("Homo  Sapiens " -> "homo sapiens"). The searcher reads organism names the same way.
std::string organism_key(std::string_view name);

/// Stable 64-bit content hash of file bytes, as 16 hex digits (FNV-1a).
std::string content_hash(std::string_view bytes);

/// The fields stored in a document's data, as the searcher displays them.
struct StoredFields {
    std::string figid;
    std::string title;
    std::optional<int> year;
    std::vector<std::string> organisms;
    std::string pmcid;
    std::string papertitle;
    std::string figlink;
    std::string caption;      ///< NFKC-normalised, as analysed (snippet offsets refer to it).
    std::string source_path;
};

/// Moves the displayed fields (figid, title, year, organisms, pmcid, papertitle, figlink) into `hit`.
void move_into_hit(StoredFields& stored, Hit& hit);

/// Decodes Xapian::Document::get_data(). Throws capsearch::DatabaseError on malformed data.
StoredFields decode_stored(const std::string& data);

}  // namespace capsearch::index
