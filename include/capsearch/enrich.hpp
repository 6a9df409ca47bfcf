// Gene-set enrichment over the figures' gene sets: which figures hold most of a list of genes, and how
// surprising the overlap is (one-sided hypergeometric test = Fisher's exact test, with BH FDR); figures
// similar to one figure; the figures' gene sets for GMT export. Plain structs, to bind easily.
#pragma once

#include "capsearch/export.hpp"
#include "capsearch/search.hpp"

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace capsearch {

/// One enrichment. Only `genes` is required.
struct EnrichRequest {
    std::vector<std::string> genes;      ///< Gene names as the user wrote them (HER2, p53, Akt1 ...).
    bool expand_families = false;        ///< A family name (AKT, NF-κB) stands for its members.
    std::string query;                   ///< Restrict the figures tested (full query syntax); empty: all.
    std::optional<int> year_from;        ///< As in SearchRequest.
    std::optional<int> year_to;
    std::vector<std::string> organisms;  ///< As in SearchRequest.
    bool synonyms = true;                ///< Expand gene names in `query`.
    std::size_t min_overlap = 1;         ///< Keep figures sharing at least this many genes.
    std::optional<double> fdr;           ///< Keep hits with FDR <= this.
    std::optional<std::size_t> universe; ///< N; default: distinct genes over all figures' sets.
    std::vector<std::string> background; ///< Gene names forming the universe (overrides the default).
    std::size_t offset = 0;
    std::size_t limit = 10;
    bool facets = false;                 ///< Every facet's counts over the hits that pass `fdr`.
};

/// How the input names were understood.
struct EnrichInput {
    std::vector<std::string> names;                               ///< As given, in order.
    std::map<std::string, std::vector<std::string>> resolved;     ///< Name -> official symbol(s).
    std::vector<std::string> unresolved;                          ///< Names of no gene.
    std::map<std::string, std::vector<std::string>> ambiguous;    ///< Name -> candidate genes (not used).
    std::map<std::string, std::vector<std::string>> families;     ///< Family names not expanded -> members.
    std::vector<std::string> outside_universe;                    ///< Resolved genes not in the universe.
};

/// One enriched figure.
struct EnrichHit {
    std::size_t rank = 0;  ///< 1-based position in the whole ordered list.
    std::string figid;
    std::string title;
    std::optional<int> year;
    std::vector<std::string> organisms;
    std::size_t overlap = 0;                 ///< k
    std::size_t set_size = 0;                ///< K
    std::vector<std::string> overlap_genes;  ///< The shared genes, sorted.
    double pvalue = 1.0;                     ///< P(X >= k); 0 when below ~1e-308 (see log10_pvalue).
    double log10_pvalue = 0.0;               ///< Exact even where pvalue underflows.
    double fdr = 1.0;                        ///< Benjamini-Hochberg over the `tested` figures.
    double odds_ratio = 0.0;                 ///< Sample odds ratio (0.5 added to each cell when one is 0).
};

/// What an enrichment returns. Hits are ordered by p-value, then overlap (larger first), then figid.
struct CAPSEARCH_API EnrichResult {
    EnrichInput input;
    std::vector<std::string> genes;  ///< The query genes used (resolved, inside the universe), sorted.
    std::size_t query_size = 0;      ///< n
    std::size_t universe = 0;        ///< N
    std::size_t tested = 0;          ///< Figures that passed the filters with a non-empty gene set.
    std::size_t total = 0;           ///< Hits before offset/limit (after min_overlap and fdr).
    std::size_t offset = 0;
    std::size_t limit = 0;
    std::vector<EnrichHit> hits;
    std::optional<Facets> facets;
    /// As SearchResult::partial / missing: shards left out (SearchOptions::allow_partial).
    bool partial = false;
    std::vector<std::string> missing;

    /// The documented JSON object (README "Gene-set enrichment"), one line.
    std::string to_json() const;
    /// A header row and one tab-separated row per hit (for R and pandas).
    std::string to_tsv() const;
};

/// A figure's gene set, for export.
struct GeneSetEntry {
    std::string figid;
    std::string title;
    std::vector<std::string> symbols;  ///< Official symbols, sorted.
};

/// What Searcher::gene_sets() returns: the sets, and the shards they leave out.
struct GeneSets {
    std::vector<GeneSetEntry> sets;
    /// As SearchResult::partial / missing: shards left out (SearchOptions::allow_partial).
    bool partial = false;
    std::vector<std::string> missing;
};

/// GMT text (one line per set: figid, title, symbols, tab-separated) for clusterProfiler, GSEA, gseapy.
CAPSEARCH_API std::string to_gmt(const std::vector<GeneSetEntry>& sets);

/// "More like this" for one figure.
struct SimilarRequest {
    std::string figid;
    bool by_genes = true;   ///< Rank by gene-set overlap (enrichment with the figure's own genes).
    bool by_text = true;    ///< Rank by text (Xapian relevance feedback on the figure).
    std::size_t limit = 10;
    std::optional<int> year_from;
    std::optional<int> year_to;
    std::vector<std::string> organisms;
};

struct CAPSEARCH_API SimilarResult {
    std::string figid;
    std::string title;
    std::optional<EnrichResult> genes;     ///< With by_genes; the figure itself left out.
    std::vector<Hit> text;                 ///< With by_text; the figure itself left out.
    std::vector<std::string> text_terms;   ///< The expansion terms the text ranking used.
    /// As SearchResult::partial / missing: shards left out (SearchOptions::allow_partial).
    bool partial = false;
    std::vector<std::string> missing;

    std::string to_json() const;
};

}  // namespace capsearch
