// Searching an index: the request, the result, and the Searcher that runs one against the other.
#pragma once

#include "capsearch/export.hpp"

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace capsearch {

/// Xapian::BM25Weight parameters (see Xapian's documentation); defaults are Xapian's.
struct Bm25Params {
    double k1 = 1.2;           ///< Term-frequency saturation.
    double k2 = 0.0;           ///< Query-length correction.
    double k3 = 1.0;           ///< Within-query frequency saturation.
    double b = 0.5;            ///< Document-length normalisation (0 = none, 1 = full).
    double min_normlen = 0.5;  ///< Floor on the normalised document length.
};

/// How hits are ordered.
enum class SortOrder {
    relevance,  ///< BM25 score, best first.
    year,       ///< Newest year first; relevance breaks ties; unknown years last.
};

/// One search. Only `query` is required.
struct SearchRequest {
    std::string query;                   ///< Query text (see README "Query syntax"); empty matches all.
    std::size_t offset = 0;              ///< Hits to skip.
    std::size_t limit = 10;              ///< Hits to return at most.
    std::optional<int> year_from;        ///< Keep figures with year >= this (unknown years dropped).
    std::optional<int> year_to;          ///< Keep figures with year <= this (unknown years dropped).
    std::vector<std::string> organisms;  ///< Keep figures with any of these organisms (case-insensitive).
    bool facets = false;                 ///< Count every facet (Facets) over all matches.
    /// With `facets`: only these facets ("year", "journal", ...; empty = all). Unknown names are an
    /// Error(invalid_argument) naming the facets there are.
    std::vector<std::string> facet_names;
    SortOrder sort = SortOrder::relevance;
    bool synonyms = true;                ///< Expand gene names through the lexicon.
    Bm25Params bm25;                     ///< Ranking parameters.
    std::size_t snippet_length = 240;    ///< Approximate snippet length in characters.
    bool suggest = true;                 ///< Offer a corrected query when few figures match.
    /// false (the default): a syntax slip in `query` (an unclosed quote or parenthesis, empty
    /// parentheses, a dangling operator, ...) is read past and SearchResult::query_note says how;
    /// true: it is a QueryError. Unknown fields, unsupported syntax and the size and depth limits are
    /// QueryErrors either way. Only search() reads leniently; enrich(), gene_sets() use the strict grammar.
    bool strict = false;
    /// Give every hit its Hit::explanation (costs one extra match per weighted query part).
    bool explain = false;
};

/// One weighted part of the query and what it contributed to a hit's score (SearchRequest::explain).
struct ExplanationPart {
    std::string part;                  ///< The query part as written: a word, a gene name, a phrase, `apopt*`.
    std::string field;                 ///< Where it matched: "title", "caption", "genes", ... joined by ','.
    std::vector<std::string> matched;  ///< The words, gene symbols or names that matched.
    double weight = 0.0;               ///< Its BM25 weight; a hit's parts add up to its score.
};

/// A matched figure as displayed.
struct Hit {
    std::size_t rank = 0;                ///< 1-based position in the whole result list.
    std::string figid;
    double score = 0.0;                  ///< BM25 score (0 when sorted by year with an empty query).
    std::string title;
    /// Byte ranges [begin, end) of matched words inside `title` (filled with the snippet).
    std::vector<std::pair<std::size_t, std::size_t>> title_highlights;
    std::optional<int> year;
    std::vector<std::string> organisms;
    std::string pmcid;
    std::string papertitle;
    std::string figlink;
    std::string snippet;                 ///< Part of the caption around the matched words.
    /// Byte ranges [begin, end) of matched words inside `snippet`.
    std::vector<std::pair<std::size_t, std::size_t>> highlights;
    /// The query parts that matched, with their weights (only with SearchRequest::explain).
    std::vector<ExplanationPart> explanation;
};

/// Figures per value of one facet ("2013" -> 12); a figure counts once under each of its values, and
/// figures without a value are in none.
using FacetCounts = std::map<std::string, std::size_t>;

/// Exact counts over every figure that matched (not just the page returned), one entry per facet of
/// the index schema in its order: "year", "organism", then the others (README "Facets").
struct Facets {
    std::vector<std::pair<std::string, FacetCounts>> fields;

    /// The counts of facet `name`; empty when it was not counted.
    const FacetCounts& operator[](std::string_view name) const {
        static const FacetCounts none;
        for (const auto& [n, counts] : fields) {
            if (n == name) return counts;
        }
        return none;
    }
};

/// What a search returns.
struct CAPSEARCH_API SearchResult {
    std::string query;
    std::size_t total = 0;  ///< Exact number of matching figures.
    std::size_t offset = 0;
    std::size_t limit = 0;
    std::vector<Hit> hits;
    std::optional<Facets> facets;  ///< Present when the request asked for facets.
    /// "Did you mean": the query with misspelt words corrected from the index's vocabulary, set when
    /// at most 2 figures matched and the corrected query matches more (README "Did you mean").
    std::optional<std::string> suggestion;
    /// True when some shards could not be reached and SearchOptions::allow_partial let the search
    /// answer from the others; `missing` names them ("host:port" or path). JSON: "partial", "missing"
    /// (only when partial).
    bool partial = false;
    std::vector<std::string> missing;
    /// How a query with syntax slips was read ("query read as '...': added the missing ')' ..."); empty
    /// when the query had none (always with SearchRequest::strict).
    std::string query_note;

    /// The documented JSON object (README "JSON output"), one line.
    std::string to_json() const;
};

/// Summary of an index.
struct CAPSEARCH_API IndexStats {
    /// One shard of a sharded index or of a stub (index --shards N, stub --remote/--local).
    struct Shard {
        std::string path;  ///< The shard's database ("host:port" for a remote one).
        std::size_t documents = 0;
        std::uint64_t size_bytes = 0;  ///< On-disk size (0 for remote).
    };

    std::size_t documents = 0;
    std::optional<int> year_min;
    std::optional<int> year_max;
    std::map<std::string, std::size_t> organisms;  ///< Organism -> figures (facets["organism"]).
    std::size_t figures_without_year = 0;
    std::size_t figures_without_organism = 0;
    /// Figures per value of every facet of the schema (year, organism, journal, ...), in schema order.
    Facets facets;
    /// Per facet name: the figures with no value of that facet.
    std::map<std::string, std::size_t> figures_without;
    std::size_t figures_with_genes = 0;           ///< Figures with a non-empty gene set.
    std::size_t genes = 0;                        ///< Distinct genes over all gene sets (the universe).
    std::size_t gene_entries_left_out = 0;        ///< Listed entries that are no human gene symbol.
    std::uint64_t size_bytes = 0;                 ///< On-disk size of the index (0 for remote).
    std::string lexicon_id;                       ///< Which lexicon the index was built with.
    std::size_t lexicon_names = 0;                ///< Names in that lexicon.
    /// Every figure holds a term per two adjacent words, from which phrases are answered; false for
    /// an index an older capsearch analysed in part (an in-place sync re-analysed only some of its
    /// figures), whose phrases are read from positions until `capsearch index --rebuild`.
    bool phrase_pairs = false;
    /// Every shard lists its prose words, from which did-you-mean reads; false for an index written by
    /// an older capsearch and not synced since (its words are found by walking its terms, slower).
    bool vocabulary_listed = false;
    std::string path;
    /// The shards, in stub order, when the index is made of several (empty for one index); a shard
    /// left out (SearchOptions::allow_partial) is not listed.
    std::vector<Shard> shards;
    /// As SearchResult::partial / missing: the counts leave out these shards (SearchOptions::allow_partial).
    bool partial = false;
    std::vector<std::string> missing;

    /// `{"documents": N, ...}` on one line.
    std::string to_json() const;
};

struct EnrichRequest;
struct EnrichResult;
struct SimilarRequest;
struct SimilarResult;
struct GeneSetEntry;
struct GeneSets;

/// How a Searcher reaches its shards (README "Beyond one machine").
struct SearchOptions {
    /// Seconds a remote shard (xapian-tcpsrv) may take to connect or to answer; unset: Xapian's 10 s.
    std::optional<double> timeout_seconds;
    /// false: a shard that cannot be reached is a DatabaseError. true: searches answer from the
    /// other shards and SearchResult::partial / missing say which were left out (tried again on
    /// each search, so a shard that comes back is used again).
    bool allow_partial = false;
};

/// Opens one index (a folder, a Xapian stub file, or several shards searched as one) for searching.
///
/// Thread-safety: a Searcher may be shared by many threads; concurrent search() calls are safe and
/// run in parallel (each borrows its own Xapian handle from an internal pool). reopen() may also be
/// called concurrently; searches started after it see the newest committed revision.
class CAPSEARCH_API Searcher {
  public:
    /// Opens the index at `path` (an index folder or a stub file). Throws DatabaseError.
    explicit Searcher(const std::string& path);
    /// Opens several shards and searches them as one index. Throws DatabaseError.
    explicit Searcher(const std::vector<std::string>& shard_paths);
    /// As above, with remote timeouts and partial answers set by `options`.
    Searcher(const std::string& path, const SearchOptions& options);
    Searcher(const std::vector<std::string>& shard_paths, const SearchOptions& options);
    ~Searcher();
    Searcher(Searcher&&) noexcept;
    Searcher& operator=(Searcher&&) noexcept;
    Searcher(const Searcher&) = delete;
    Searcher& operator=(const Searcher&) = delete;

    /// Runs one search. Throws QueryError for malformed queries, Error(invalid_argument) for bad
    /// request values, DatabaseError when the index fails.
    SearchResult search(const SearchRequest& request) const;

    /// Gene-set enrichment of the figures that pass the request's filters (capsearch/enrich.hpp).
    /// Throws as search() does, and Error(invalid_argument) for a bad universe.
    EnrichResult enrich(const EnrichRequest& request) const;

    /// Figures like one figure, by gene-set overlap and by text. Throws Error(invalid_argument) when
    /// the figure is not in the index.
    SimilarResult similar(const SimilarRequest& request) const;

    /// The gene sets of every figure matching `request`'s query and filters (offset and limit are
    /// ignored), in figid order; figures without genes are left out.
    GeneSets gene_sets(const SearchRequest& request) const;

    /// Counts and ranges of the whole index.
    IndexStats stats() const;

    /// Makes later searches see the latest committed revision (and a rebuilt index after a switch).
    void reopen();

    /// How `name` is analysed and expanded with this index's lexicon (as `capsearch synonyms`).
    std::string explain_json(const std::string& name) const;
    /// The same explanation as text for people.
    std::string explain_text(const std::string& name) const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace capsearch
