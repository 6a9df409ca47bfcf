// Running an enrichment (and the figure selection it shares with similar and GMT export) over one
// database state, given its gene table; Searcher supplies the handle, lexicon and cached tables.
#pragma once

#include <xapian.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analyzers/lexicon.hpp"
#include "capsearch/enrich.hpp"
#include "searcher/facet_table.hpp"
#include "searcher/gene_table.hpp"

namespace capsearch::search {

/// The figures a query and filters select.
struct Selection {
    std::string query;
    bool synonyms = true;
    std::optional<int> year_from;
    std::optional<int> year_to;
    std::vector<std::string> organisms;
};

/// The document ids `selection` matches, ascending; nothing means every document (no query, no filter).
/// `phrase_pairs`: every shard of `db` holds phrase pairs (query_builder.hpp QueryTarget). `walkable`:
/// `db` is one local shard, so a query of terms is selected by walking its posting lists
/// (match_walk.hpp) rather than through the matcher; the same documents either way. A year range
/// needs `codes` for that (the facet table of `db`'s state, whose codes the walk's figures are checked
/// against: facet_filter.hpp); without, it goes through the matcher, whose filters read `codes` (a
/// table per local shard) when given, else the index.
std::optional<std::vector<Xapian::docid>> select_documents(const Xapian::Database& db,
                                                           const analysis::Lexicon& lexicon,
                                                           const Selection& selection, bool phrase_pairs,
                                                           bool walkable = false,
                                                           const ShardFacetTables& codes = {});

/// What an enrichment reads.
struct EnrichSources {
    const Xapian::Database& db;
    const analysis::Lexicon& lexicon;
    const GeneTable& genes;
    /// The tables of `db`'s local shards; empty: facets read the documents' values instead, and
    /// filters the index's (select_documents).
    ShardFacetTables facets;
    bool phrase_pairs = false;  ///< Every shard of `db` holds phrase pairs (query_builder.hpp QueryTarget).
    bool walkable = false;      ///< `db` is one local shard (select_documents).
};

/// Tests the query genes `symbols` (already resolved, recorded in `result.input`) against every
/// selected figure except `exclude` (0: none); fills the rest of `result`.
void run_enrichment(const EnrichSources& src, const EnrichRequest& request, const std::vector<std::string>& symbols,
                    Xapian::docid exclude, EnrichResult& result);

/// Stored figid, title, year, organisms of a document, into an EnrichHit.
void fill_figure(const Xapian::Database& db, Xapian::docid did, EnrichHit& hit);

}  // namespace capsearch::search
