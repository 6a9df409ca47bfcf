// The query language: parses a user's query text into a syntax tree (query_builder.hpp turns the tree
// into a Xapian::Query). Parsing knows nothing of analysis; it only finds words, phrases and operators.
//
// Query syntax
// ------------
// - Words separated by spaces must all match (the default operator is AND): `HER2 resistance` finds
//   figures that mention both.
// - `A OR B` matches either; `A AND B` is the same as `A B`; `NOT A` and `-A` exclude. The operators
//   are recognised in upper case only: a lower-case "and", "or", "not" is an ordinary word.
//   Precedence, tightest first: NOT (and `-`), AND, OR; so `a b OR c` is `(a AND b) OR c`.
//   Parentheses group: `(HER2 OR EGFR) resistance`.
// - A query with nothing but exclusions (`NOT apoptosis`, `-mouse`) matches every figure except those.
// - "Quoted phrases" match the words in that order: `"IL-6 signaling"` (also `“...”`).
// - Field prefixes restrict a word, a "phrase" or a (parenthesised group) to one field:
//     title:     the figure title            caption:   the figure caption
//     paper:     the paper's title           keyword:   the paper's keywords
//     author:    the first author's name (from the citation, reftext)
//     gene:      genes listed for the figure and names printed in it (explicit gene search)
//     organism:  the curated organism (`organism:human`, `organism:"Mus musculus"`); a filter
//     year:      `year:2013`, a range `year:2010..2015`, or an open one `year:..2012`, `year:2015..`
//     figid:     the figure id exactly            pmcid:     `pmcid:PMC3808214` (or `pmcid:3808214`)
//   Field names are matched case-insensitively and take their value directly after the colon
//   (`title:kinase`, no space). A word with a colon whose prefix is not one of these names is an
//   ordinary word (`3':UTR`, `foo:bar`). organism:, year:, figid: and pmcid: filter without
//   changing scores.
// - Words are matched through the same analyzer as the records: case is ignored, prose words are
//   stemmed (`signal` finds "signaling", "signalling"), and `IL-6`, `IL6` and `"IL 6"` meet.
// - Gene names (`HER2`, `Akt`, `NF-κB`, `p38 MAPK`, also spanning words) also find the gene's other
//   names, and a family name finds its members; `--no-synonyms` turns this off. Names that are not
//   genes (ATP, LPS, ROS, ...) and ambiguous aliases are matched as written. Words under title:,
//   caption:, paper: and keyword: are matched as written too; `gene:NAME` asks for the gene itself.
// - An empty query (or only spaces) matches every figure, useful with filters and facets.
// - Slips (strict mode: capsearch::QueryError, one line naming the 1-based column): an unclosed quote
//   or parenthesis, a stray `)`, empty parentheses or quotes, a field with nothing after it, and an
//   operator (AND, OR, NOT, -) without its operand. The lenient mode (the default of a search) reads
//   past them as Xapian's QueryParser and Elasticsearch's simple_query_string do and says how in a
//   note: an unclosed quote runs to the end of the query (a `"` stuck to the end of a word is dropped),
//   a missing `)` is added, a stray `)`, empty parentheses or quotes and a dangling operator are left
//   out, and `field:` with nothing after it is the word `field`.
// - Mistakes (QueryError in both modes): a malformed or reversed year range, a field name capsearch
//   does not have (`titel:`, `abstract:`; see query_fields.hpp), and unsupported syntax (`HER2^2`
//   boosting).
// - Limits (QueryError beyond them): a query is at most kMaxQueryBytes (8 KiB) of text and nests
//   parentheses and NOTs at most kMaxQueryDepth (64) levels deep, so hostile input cannot exhaust
//   the stack or the analyzer.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "searcher/query_fields.hpp"

namespace capsearch::search {

/// Longest query text accepted, in bytes.
inline constexpr std::size_t kMaxQueryBytes = 8 * 1024;
/// Deepest nesting of parentheses and NOT / `-` accepted.
inline constexpr std::size_t kMaxQueryDepth = 64;

/// One node of a parsed query.
struct QueryNode {
    enum class Kind {
        all,         ///< Matches every figure (the empty query).
        word,        ///< `text` is one space-free word (it may still analyse into several tokens).
        phrase,      ///< `text` is the phrase's content between the quotes.
        year_range,  ///< `year_from` / `year_to` (either may be absent, not both).
        and_,        ///< All children.
        or_,         ///< Any child.
        not_,        ///< Exactly one child, excluded.
    };
    Kind kind = Kind::all;
    Field field = Field::any;  ///< For word and phrase.
    std::string text;
    std::optional<int> year_from;
    std::optional<int> year_to;
    std::vector<QueryNode> children;
    std::size_t column = 0;  ///< 1-based column (in characters) where the node starts in the query.

    bool operator==(const QueryNode&) const = default;
};

/// Parses `query` strictly. Throws capsearch::QueryError naming the column of the problem.
QueryNode parse_query(std::string_view query);

/// A query read leniently: the tree, and a one-line note saying how slips were read ("" when none).
struct LenientQuery {
    QueryNode root;
    std::string note;
};

/// Parses `query`, reading past syntax slips (see above); still throws QueryError for mistakes and
/// for the size and depth limits.
LenientQuery parse_query_lenient(std::string_view query);

/// `word` without its final '*'s (`apopt**` -> `apopt`).
std::string_view wildcard_stem(std::string_view word);
/// Whether `word` is a prefix wildcard capsearch expands: one word of the analyser and a final '*'
/// (`apopt*`, `kinas*`), not `***`, `*.*` or `a*b*`.
bool is_prefix_wildcard(std::string_view word);

/// A compact, unambiguous rendering of a tree for tests and debugging, e.g.
/// `AND(word:HER2, NOT(title:"two words"), year:2010..)`.
std::string describe(const QueryNode& node);

}  // namespace capsearch::search
