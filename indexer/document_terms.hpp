// Writes the terms of analysed text into a Xapian document the way schema/terms.hpp specifies:
// each field with and without its prefix, positions for phrases (on the prefixed terms only), a pair
// term per two adjacent words (terms::phrase_pair), joined forms, stems, wdf weights.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/tokenizer.hpp"
#include "schema/terms.hpp"

namespace capsearch::index {

using terms::kMaxTermBytes;

/// The items of a list field (keywords, gene names, organisms) as one NFKC text, so the field is
/// normalised and tokenized once. Items are separated by '\n'; `starts` holds each item's offset.
struct ItemText {
    std::string text;
    std::vector<std::size_t> starts;

    /// The index of the item holding byte `offset` of `text`.
    std::size_t item_at(std::size_t offset) const;
};

/// Joins `items` (newlines inside an item become spaces) and NFKC-normalises the result once.
ItemText join_items(const std::vector<const std::string*>& items);

/// Adds fields to one document, keeping the running term position across them.
class TermWriter {
  public:
    explicit TermWriter(Xapian::Document& doc) : doc_(doc) {}

    /// Indexes the tokens of one field under `prefix` and unprefixed, every term with `wdf`, and the
    /// phrase pair of every two positional terms it places at adjacent positions.
    /// With `items`, tokens of different items are kPositionGap apart, as fields are.
    void add_field(const std::vector<analysis::Token>& tokens, std::string_view prefix, unsigned wdf,
                   const ItemText* items = nullptr);

    /// Adds the concept term of an official symbol or terms::family_concept() ("XQ" + upper-cased
    /// symbol), wdf 1.
    void add_concept(std::string_view symbol);

  private:
    void posting(std::string_view prefix, const std::string& term, unsigned wdf);
    void plain(std::string_view prefix, const std::string& term, unsigned wdf);
    void stemmed(std::string_view prefix, const std::string& stem, unsigned wdf);

    Xapian::Document& doc_;
    // The first word is at kPositionGap + 1, as after a field: Xapian 1.4 takes a term with no
    // positions in a document (a joined form, "il6" of "IL-6") as at position 0 when it starts an
    // exact phrase, so "IL-6 signaling" would match a title that starts with "Signaling".
    Xapian::termpos pos_ = terms::kPositionGap;
    // The positional term last placed (at last_pos_), for the next one's phrase pair.
    std::string last_;
    Xapian::termpos last_pos_ = 0;
    std::string buf_;  // Reused for prefixed spellings: one allocation per document, not per term.
};

/// Adds to `doc` the phrase pairs its positions imply (the field terms' positions, as TermWriter
/// placed them): what a document written before pairs were (analysis version 7 and older) lacks.
/// Adding a pair the document has changes nothing. Returns how many pairs the positions imply.
std::size_t add_pairs_from_positions(Xapian::Document& doc);

}  // namespace capsearch::index
