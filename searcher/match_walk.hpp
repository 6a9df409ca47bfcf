// The documents a search matches, found by walking its posting lists in document order without
// weighing them: how a search over a local index counts its exact total and facets, and how enrichment
// and export select their figures (enrich.hpp select_documents: nothing is ranked there, so any
// planned query is walked).
//
// Asked for an exact total (checkatleast = every document), Xapian 1.4's matcher weighs and ranks
// every match: about 130 ns a match over a 100k index, where reading a posting costs 15-22 ns. A
// search over one local shard whose query is a word, a gene name with its synonyms, a field's word or
// an OR of such, with no filter, is counted here instead, and the matcher is asked only for the ranked
// page, which lets it pass over documents that cannot reach that page. The walk evaluates any boolean
// tree of terms (AND, OR, SYNONYM, FILTER, AND_NOT, ...); queries that need positions (longer phrases,
// NEAR), wildcards or value ranges are not planned, and pays_for() says where the walk is worth it.
#pragma once

#include <xapian.h>

#include <memory>
#include <optional>

namespace capsearch::search {

/// Ascending walk over the documents a query matches.
class MatchWalk {
  public:
    /// Most operators deep a planned query may be (the parser's queries are far shallower).
    static constexpr int kMaxDepth = 64;

    /// The walk over `db` (local databases only: over a remote one each posting list would cross the
    /// network) of what `query` matches; nothing when `query` holds an operator the walk does not
    /// evaluate.
    static std::optional<MatchWalk> plan(const Xapian::Database& db, const Xapian::Query& query);

    /// Whether counting `query` here and ranking only the page is faster than the matcher's exact
    /// count. It is where the query's weight comes from alternatives (a term, a name and its synonyms,
    /// an OR): the matcher then passes over documents whose best possible weight cannot reach the
    /// page (about half the time of a word's exact count at 100k figures). An AND or a filter checks
    /// every candidate either way, so the walk would only add its own pass (measured slower).
    static bool pays_for(const Xapian::Query& query);

    MatchWalk(MatchWalk&&) noexcept;
    MatchWalk& operator=(MatchWalk&&) noexcept;
    ~MatchWalk();

    /// The next matching document id, ascending; 0 once every match has been returned.
    Xapian::docid next();

    struct Node;  // one operator or term of the planned query (match_walk.cpp)

  private:
    explicit MatchWalk(std::unique_ptr<Node> root);
    std::unique_ptr<Node> root_;
};

}  // namespace capsearch::search
