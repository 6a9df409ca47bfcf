// The fields a document's data stores for display, and their codec (compact JSON): the indexer
// encodes them, the searcher decodes them into hits.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "capsearch/search.hpp"

namespace capsearch::index {

/// A gene name the indexer recognised in a stored text: its byte range in the NFKC text, and what it
/// was indexed as (an official symbol, or terms::family_concept() of a family). Stored so that
/// highlighting a result reads them instead of running the lexicon's recognition again: a search then
/// touches the lexicon only for the query's own words.
struct GeneSpan {
    std::size_t begin = 0;
    std::size_t end = 0;
    std::vector<std::string> concepts;  ///< Never empty.
    bool operator==(const GeneSpan&) const = default;
};

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
    /// Gene names in the caption and in nfkc(title), in text order. Absent (not empty) in data written
    /// before analysis version 7, or added from code and never re-analysed: the searcher then
    /// recognises them with the lexicon as before.
    std::optional<std::vector<GeneSpan>> caption_genes;
    std::optional<std::vector<GeneSpan>> title_genes;
};

/// Moves the displayed fields (figid, title, year, organisms, pmcid, papertitle, figlink) into `hit`.
void move_into_hit(StoredFields& stored, Hit& hit);

/// Decodes Xapian::Document::get_data(). Throws capsearch::DatabaseError on malformed data.
StoredFields decode_stored(const std::string& data);

/// Compact JSON of `fields`; empty strings, empty lists and an unknown year are left out (but an
/// empty caption_genes or title_genes is written: it says the text was looked at and holds none).
std::string encode_stored(const StoredFields& fields);

}  // namespace capsearch::index
