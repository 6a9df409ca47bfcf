// "More like this" for one figure: by gene-set overlap (an enrichment with its own genes) and by text
// (Xapian relevance feedback: the figure's most telling words as a query).
#pragma once

#include "capsearch/enrich.hpp"
#include "searcher/enrich.hpp"

namespace capsearch::search {

/// The document id of `figid`, or 0 when it is not in the index.
Xapian::docid find_figure(const Xapian::Database& db, const std::string& figid);

/// Runs `request` for the figure `did`.
SimilarResult run_similar(const EnrichSources& src, const SimilarRequest& request, Xapian::docid did);

}  // namespace capsearch::search
