// Turns a parsed query into a Xapian::Query spelled exactly as the indexer writes terms
// (schema/terms.hpp), expanding gene names through the lexicon with OP_SYNONYM.
//
// Per word (outside phrases) each token gives terms::query_term(token, prefix); a token that is not
// gene-like also matches its unstemmed term (OP_SYNONYM of both), because the same word written in
// capitals ("AKT", a title in upper case) is gene-like in the text and indexed unstemmed. Tokens of one
// word are ANDed, except the items of a slash list ("ERK1/2", "HER-2/neu"), which are alternatives.
// A phrase is OP_PHRASE over the positional terms of its tokens; unfielded, over the OR of each term's
// field spellings (the unprefixed terms have no positions), weighted as the AND of the unprefixed terms.
// Where the index holds phrase pairs (terms::phrase_pair), an unfielded two-word phrase is its pair
// term instead, and other phrases also require their pairs, so positions are read only where they are.
//
// Synonyms (unprefixed words, and phrases that are one gene name): the lexicon recognises gene names in
// runs of consecutive words (a name may span words: "NF kappa B", "p38 MAPK"); each name becomes one
// OP_SYNONYM of its literal query and the concept terms of its genes, so BM25 counts it as one term. A
// family name's concept terms are its members' and the family terms (terms::family_concept) of itself
// and of the families inside it; a gene's are only its own, so p65 does not find a figure that names
// only NF-κB. The literal query of a name of several words is the phrase of those words: a
// slash inside one name ("C/EBPα", "HER-2/neu") is not a list. gene:NAME is OP_SYNONYM of the gene-text
// literal and the concept terms (or, for a name that does not expand, the concept term spelled as NAME).
// Words restricted to another field (title:, caption:, ...) stay literal: concept terms are not per field.
//
// A word ending in `*` (`apopt*`, `title:kinas*`) is a prefix wildcard: Xapian's OP_WILDCARD over the
// unstemmed index words of the field that start with the folded word, combined with OP_SYNONYM; more
// than kMaxWildcardTerms of them is an error, never a silent cut. A bare `*` matches every figure.
#pragma once

#include <xapian.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/lexicon.hpp"
#include "searcher/query_parser.hpp"
#include "searcher/snippet.hpp"

namespace capsearch::search {

struct FacetTable;  // facet_table.hpp

/// Most index words a prefix wildcard (`apopt*`) may stand for; past it the search is a QueryError.
inline constexpr Xapian::termcount kMaxWildcardTerms = 200;

/// A part of the query that BM25 weighs as one term (a word, a gene name with its synonyms, a phrase,
/// a wildcard), for explanations. Parts of excluded (NOT) subqueries and boolean filters are none.
struct QueryPart {
    std::string text;         ///< As the query wrote it: `HER2`, `"cell cycle"`, `title:apopt*`.
    Field field = Field::any;  ///< The field the query restricted it to.
    Xapian::Query query;      ///< The part alone (its terms say what it can match).
    std::string wildcard;     ///< For a wildcard: the term prefix it expands; else empty.
};

/// A query ready to run, what its hits' snippets should highlight, and its weighted parts.
struct BuiltQuery {
    Xapian::Query query;
    HighlightSpec highlights;
    std::vector<QueryPart> parts;
};

/// build_query's `weighted_part` value that leaves no part weighted (only BM25's k2 term remains).
inline constexpr std::size_t kNoPartWeighted = static_cast<std::size_t>(-1);

/// The term prefix of a text field's words (terms.hpp); "" for Field::any and the boolean fields.
std::string_view prefix_of(Field field);

/// The index a query is built for: what its terms may be spelled against.
struct QueryTarget {
    /// `organism:NAME` reads its organisms (organisms.hpp); without it such a word matches nothing.
    const Xapian::Database* db = nullptr;
    /// Every document holds its phrase pairs (index_meta.hpp has_phrase_pairs, of every shard): a
    /// two-word phrase is then one pair term, and a longer one checks positions only where all its
    /// pairs are. Matches and weights are those of the phrase over positions either way.
    bool phrase_pairs = false;

    QueryTarget() = default;
    QueryTarget(const Xapian::Database* database, bool pairs = false) : db(database), phrase_pairs(pairs) {}
};

/// Builds the Xapian query for `root`. An empty query (QueryNode::Kind::all) matches every document;
/// a query whose words analyse to nothing (only punctuation) matches none.
/// With `weighted_part` (an index into BuiltQuery::parts, or kNoPartWeighted), every other part is
/// scaled to weight 0: the same matches, scored by that part alone (how explanations are computed).
BuiltQuery build_query(const QueryNode& root, const analysis::Lexicon& lexicon, bool synonyms,
                       const QueryTarget& target = {},
                       std::optional<std::size_t> weighted_part = std::nullopt);

/// Boolean year filter on the sortable year slot; at least one end must be given.
Xapian::Query year_filter(std::optional<int> from, std::optional<int> to);

/// The OR of `db`'s organism terms that `names` stand for (organisms.hpp: common names, plurals, a
/// genus, a species with its strains, "E. coli"). A name that stands for none adds nothing, or with
/// `strict` throws Error(invalid_argument) naming the closest known organisms.
Xapian::Query organism_query(const Xapian::Database& db, const std::vector<std::string>& names, bool strict);

/// Boolean filter: figures of any of the organisms `names` stand for in `db`; strict as above.
Xapian::Query organism_filter(const Xapian::Database& db, const std::vector<std::string>& names);

/// The filter keys of `db`'s organisms that `names` stand for (the organism terms' suffixes); strict
/// as organism_query().
std::vector<std::string> organism_keys(const Xapian::Database& db, const std::vector<std::string>& names,
                                       bool strict);

/// `query` restricted to the year range and organisms given (unchanged when none is). With `codes`, the
/// facet table of `db`'s current state, the filter checks its codes (facet_filter.hpp): the same
/// matches, cheaper to find; without, the index's year values and organism terms.
Xapian::Query with_filters(const Xapian::Database& db, Xapian::Query query, std::optional<int> year_from,
                           std::optional<int> year_to, const std::vector<std::string>& organisms,
                           std::shared_ptr<const FacetTable> codes = nullptr);
/// The same with the facet table of each of `db`'s local shards (`codes[k]` of shard k; none: the
/// index's filters).
Xapian::Query with_filters(const Xapian::Database& db, Xapian::Query query, std::optional<int> year_from,
                           std::optional<int> year_to, const std::vector<std::string>& organisms,
                           const std::vector<std::shared_ptr<const FacetTable>>& codes);

}  // namespace capsearch::search
