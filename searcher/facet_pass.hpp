// Facets counted in a match of their own. Over remote shards (xapian-tcpsrv), Xapian 1.4's
// ValueCountMatchSpy sees some documents twice when the match sorts by value and returns a page
// (1 <= limit < total): the year/organism counts come out too high. A relevance-order match that
// returns no page counts every document once, so a search sorted otherwise counts its facets that way.
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

}  // namespace capsearch::search
