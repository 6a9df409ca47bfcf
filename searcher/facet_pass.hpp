// Facets counted in a match of their own. Over remote shards (xapian-tcpsrv), Xapian 1.4's
// ValueCountMatchSpy sees some documents twice when the match sorts by value and returns a page
// (1 <= limit < total): the year/organism counts come out too high. A relevance-order match that
// returns no page counts every document once, so a search sorted otherwise counts its facets that way.
//
// Local shards count through a facet table each, in a match per shard: Xapian 1.4 hands a MatchSpy of a
// match over several databases each shard's own document ids, without saying which shard, so one match
// cannot look them up.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <vector>

#include "capsearch/search.hpp"

namespace capsearch::search {

/// True when a search in `sort` order must count its value-spy facets with count_facets_apart().
bool facets_need_own_pass(SortOrder sort);

/// Exact counts of the chosen facets (indexes into schema::facet_fields()) over every document
/// `query` matches in `db`, with the value spies.
Facets count_facets_apart(const Xapian::Database& db, const Xapian::Query& query, std::vector<std::size_t> facets);

class FacetSpies;

/// Counts `query`'s matches in each of `shards` into `spies` (a table per shard, in the same order),
/// with one unranked match per shard; returns how many documents matched in all, exactly.
std::size_t count_facets_by_shard(const std::vector<Xapian::Database>& shards, const Xapian::Query& query,
                                  FacetSpies& spies);

}  // namespace capsearch::search
