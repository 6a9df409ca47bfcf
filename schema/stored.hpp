// The fields a document's data stores for display, and their codec (compact JSON): the indexer
// encodes them, the searcher decodes them into hits.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "capsearch/search.hpp"

namespace capsearch::index {

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

/// Compact JSON of `fields`; empty strings, empty lists and an unknown year are left out.
std::string encode_stored(const StoredFields& fields);

}  // namespace capsearch::index
