// Caption snippets with highlights: finds the query's words (and the genes it asked for, under any of
// their names) in a caption with our own analyzer, so a HER2 query highlights "ErbB2" too.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analyzers/lexicon.hpp"
#include "schema/stored.hpp"

namespace capsearch::search {

/// Where the gene names of a text come from: the spans the indexer stored with the document (read,
/// not recognised again: the search touches no lexicon page for them), else the lexicon's recognition
/// (documents written before the spans were stored). Both may be null: no gene names are found.
struct TextGenes {
    TextGenes(const analysis::Lexicon* lexicon) : lexicon(lexicon) {}  // NOLINT: a lexicon alone converts
    TextGenes(const std::vector<index::GeneSpan>* spans, const analysis::Lexicon* lexicon)
        : spans(spans), lexicon(lexicon) {}
    const std::vector<index::GeneSpan>* spans = nullptr;
    const analysis::Lexicon* lexicon = nullptr;
};

/// What a query wants highlighted, collected by the query builder from the non-excluded parts.
struct HighlightSpec {
    /// Unprefixed keys of query words: terms::query_term(token, ""), token.term and token.joined.
    std::vector<std::string> terms;
    /// Positional term sequences of quoted phrases (analysis::positional_terms of each token, in order).
    std::vector<std::vector<std::string>> phrases;
    /// Official symbols (upper case, as in concept terms) of the genes the query expanded to.
    std::vector<std::string> concepts;
    /// analysis::Lexicon::key() of those symbols, of their family names and of the names the query
    /// used: found in text cheaply, without running the lexicon's recognition over every caption.
    std::vector<std::string> concept_keys;

    /// Sorts and de-duplicates (call once after filling).
    void finish();
    bool empty() const {
        return terms.empty() && phrases.empty() && concepts.empty() && concept_keys.empty();
    }
};

/// A piece of text with the byte ranges [begin, end) of its highlighted words.
struct Snippet {
    std::string text;
    std::vector<std::pair<std::size_t, std::size_t>> highlights;
    bool shows_gene = false;  ///< A gene the query asked for is among the highlights.
};

/// Picks the window of about `length` characters of `nfkc_text` holding the most distinct query
/// matches (preferring one that starts a sentence), trims it to whole words with "…" where text was
/// cut, collapses runs of white space, and reports the matches' byte ranges inside the result.
/// Without any match the text's start is returned. `genes` finds the text's gene names for
/// spec.concepts. `nfkc_text` must be NFKC-normalised UTF-8.
Snippet make_snippet(std::string_view nfkc_text, const HighlightSpec& spec, const TextGenes& genes,
                     std::size_t length);

/// The byte ranges [begin, end) of every query match in the whole of `nfkc_text` (a title: short, so
/// genes are recognised over all of it), found as make_snippet finds them; sorted, not overlapping.
std::vector<std::pair<std::size_t, std::size_t>> highlight_all(std::string_view nfkc_text,
                                                               const HighlightSpec& spec,
                                                               const TextGenes& genes);

/// When `snippet` shows none of the genes the query asked for (spec.concepts) but the figure's gene
/// set (`gene_set`: official symbols separated by terms::kGeneSep) holds some, appends
/// " · genes: ERBB2, …" with them highlighted: the figure matched through its curated gene list.
void add_listed_genes(Snippet& snippet, std::string_view gene_set, const HighlightSpec& spec);

}  // namespace capsearch::search
