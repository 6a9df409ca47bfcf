// Why a hit matched: each weighted query part's BM25 weight in the hit, and the words, genes or names
// of it the figure holds. Xapian 1.4 has no explain API, so each part's weight is measured by Xapian
// itself: the same query with every other part scaled to weight 0 scores the hits by that part alone.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <functional>
#include <vector>

#include "capsearch/search.hpp"
#include "searcher/query_builder.hpp"

namespace capsearch::search {

/// Fills Hit::explanation of each of `hits` (whose documents are `docids` in `db`). `weighted_by(i)`
/// is the search's query with only part i weighted (build_query's weighted_part; kNoPartWeighted for
/// none); `query_length` and `weight` are the search's (Query::get_length of the query it ran, and its
/// scheme). With `length_term` (BM25 k2 > 0) the weight each run adds for the document length is
/// listed once, as its own entry.
void explain_hits(const Xapian::Database& db, const std::vector<QueryPart>& parts,
                  const std::function<Xapian::Query(std::size_t)>& weighted_by,
                  Xapian::termcount query_length, const Xapian::Weight& weight, bool length_term,
                  const std::vector<Xapian::docid>& docids, std::vector<Hit>& hits);

}  // namespace capsearch::search
