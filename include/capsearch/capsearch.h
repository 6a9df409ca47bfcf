/* The C interface to libcapsearch (C99): opaque handles, plain C types and status codes, so that C,
 * Python (ctypes/cffi), R and other languages can search and build capsearch indexes. */
#ifndef CAPSEARCH_CAPSEARCH_H
#define CAPSEARCH_CAPSEARCH_H

#include <stddef.h>

#if defined(_WIN32)
#define CAPSEARCH_C_API
#else
#define CAPSEARCH_C_API __attribute__((visibility("default")))
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* Conventions
 * - Every function that can fail returns a capsearch_status (CAPSEARCH_OK = 0 on success) and takes a
 *   last argument `capsearch_error** err`. When `err` is not NULL, `*err` is set to NULL on success and
 *   to a new error object on failure; free it with capsearch_error_free(). Pass NULL to ignore details.
 * - NULL handles or arguments never crash: the function returns CAPSEARCH_INVALID_ARGUMENT (accessors
 *   return 0 or NULL instead).
 * - Strings are UTF-8 and NUL-terminated. `const char*` results belong to the object they came from and
 *   stay valid until it is freed; `char*` results belong to the caller (free with capsearch_string_free()).
 * - Thread-safety: one capsearch_searcher may be used by many threads at once (capsearch_search() is
 *   safe to call concurrently); results and errors are not shared between threads. */

/** Status codes; the same values as capsearch::ErrorCode in the C++ API. */
typedef enum capsearch_status {
    CAPSEARCH_OK = 0,                 /**< Success. */
    CAPSEARCH_INVALID_ARGUMENT = 1,   /**< A NULL handle, a bad option or request value. */
    CAPSEARCH_QUERY_ERROR = 2,        /**< The query text could not be parsed. */
    CAPSEARCH_DATABASE_NOT_FOUND = 3, /**< No index at the given path, or it cannot be opened. */
    CAPSEARCH_DATABASE_LOCKED = 4,    /**< Another writer is updating the index. */
    CAPSEARCH_DATABASE_ERROR = 5,     /**< Any other index failure (corrupt, version mismatch, I/O). */
    CAPSEARCH_IO_ERROR = 6,           /**< A file or folder could not be read or written. */
    CAPSEARCH_LEXICON_ERROR = 7,      /**< A lexicon file is malformed. */
    CAPSEARCH_INPUT_ERROR = 8,        /**< A record could not be read. */
    CAPSEARCH_INTERNAL_ERROR = 9      /**< A bug or out of memory: please report it. */
} capsearch_status;

/** How hits are ordered (capsearch_request.sort). */
typedef enum capsearch_sort {
    CAPSEARCH_SORT_RELEVANCE = 0, /**< BM25 score, best first. */
    CAPSEARCH_SORT_YEAR = 1       /**< Newest year first; relevance breaks ties; unknown years last. */
} capsearch_sort;

/** An open index (opaque). */
typedef struct capsearch_searcher capsearch_searcher;
/** The result of one search (opaque). */
typedef struct capsearch_result capsearch_result;
/** A failure: a status code and a one-line message (opaque). */
typedef struct capsearch_error capsearch_error;

/** One search; initialise with capsearch_request_init(), then set the fields you need. */
typedef struct capsearch_request {
    const char* query;            /**< Query text (README "Query syntax"); NULL or "" matches all. */
    size_t offset;                /**< Hits to skip (default 0). */
    size_t limit;                 /**< Hits to return at most (default 10). */
    int has_year_from;            /**< Non-zero: keep figures with year >= year_from. */
    int year_from;                /**< Lower year bound, used when has_year_from. */
    int has_year_to;              /**< Non-zero: keep figures with year <= year_to. */
    int year_to;                  /**< Upper year bound, used when has_year_to. */
    const char* const* organisms; /**< Keep figures with any of these organisms (may be NULL). */
    size_t organism_count;        /**< Number of entries in `organisms`. */
    int facets;                   /**< Non-zero: count every facet (year, organism, journal, keyword, disease, chemical) over all matches; they are in the result JSON. */
    int sort;                     /**< A capsearch_sort value (default CAPSEARCH_SORT_RELEVANCE). */
    int synonyms;                 /**< Non-zero (default): expand gene names through the lexicon. */
    size_t snippet_length;        /**< Approximate snippet length in characters (default 240). */
    double bm25_k1;               /**< BM25 term-frequency saturation (default 1.2). */
    double bm25_k2;               /**< BM25 query-length correction (default 0). */
    double bm25_k3;               /**< BM25 within-query frequency saturation (default 1). */
    double bm25_b;                /**< BM25 document-length normalisation (default 0.5). */
    double bm25_min_normlen;      /**< BM25 floor on the normalised document length (default 0.5). */
    int strict;                   /**< Non-zero: a query syntax slip is CAPSEARCH_QUERY_ERROR; 0 (default):
                                       it is read past, see capsearch_result_query_note(). */
    int explain;                  /**< Non-zero: each hit of capsearch_result_json() gets its "explanation"
                                       (query parts, fields, matched names, BM25 weights summing to its score). */
    const char* const* facet_names; /**< With `facets`: count only these facets ("year", "journal", ...;
                                         NULL = all); an unknown name is CAPSEARCH_INVALID_ARGUMENT. */
    size_t facet_name_count;        /**< Number of entries in `facet_names`. */
} capsearch_request;

/** Options of capsearch_enrich_json(); initialise with capsearch_enrich_options_init(). */
typedef struct capsearch_enrich_options {
    int expand_families;           /**< Non-zero: a family name (AKT, NF-kB) stands for its members. */
    size_t min_overlap;            /**< Keep figures sharing at least this many genes (default 1). */
    int has_fdr;                   /**< Non-zero: keep hits with an FDR at or below `fdr`. */
    double fdr;                    /**< FDR cut-off (0..1), used when has_fdr. */
    size_t universe;               /**< Genes in the universe; 0 (default) = the genes of all figures. */
    const char* const* background; /**< Gene names forming the universe instead (may be NULL). */
    size_t background_count;       /**< Number of entries in `background`. */
} capsearch_enrich_options;

/** How capsearch_searcher_open_with() reaches remote shards (README "Beyond one machine"); initialise
 *  with capsearch_open_options_init(), then set the fields you need. Fields are only ever added at the
 *  end, and the library reads no further than `struct_size`, so a program built against an older
 *  header keeps working with a newer library. */
typedef struct capsearch_open_options {
    size_t struct_size;     /**< sizeof(capsearch_open_options); set by capsearch_open_options_init(). */
    double timeout_seconds; /**< Seconds a remote shard (xapian-tcpsrv) may take to connect or answer,
                                 more than 0 and at most 86400; 0 (default) = Xapian's 10 s. */
    int allow_partial;      /**< 0 (default): a shard that cannot be reached is CAPSEARCH_DATABASE_NOT_FOUND
                                 naming it. Non-zero: answer from the other shards; results then say
                                 which were left out (capsearch_result_partial(), "partial" and "missing"
                                 in every result JSON), and each call tries them again. */
} capsearch_open_options;

/** What capsearch_similar_json() ranks by. */
enum { CAPSEARCH_SIMILAR_BOTH = 0, CAPSEARCH_SIMILAR_GENES = 1, CAPSEARCH_SIMILAR_TEXT = 2 };

/** Options of capsearch_index_paths(); initialise with capsearch_index_options_init(). */
typedef struct capsearch_index_options {
    const char* lexicon_path;      /**< Compiled lexicon file; NULL or "" = the default lexicon. */
    int rebuild;                   /**< Non-zero: build a new index beside the live one, then switch. */
    int delete_missing;            /**< Non-zero (default): delete figures whose file is gone. */
    size_t batch_size;             /**< Records per commit (default 2000). */
    unsigned threads;              /**< Worker threads for a full build; 0 (default) = one per core. */
    const char* const* extensions; /**< Extensions read when walking folders; NULL = {".md"}. */
    size_t extension_count;        /**< Number of entries in `extensions`. */
    unsigned shards;               /**< Shards (index --shards N); 0 (default) = as the index is. */
} capsearch_index_options;

/** The library version, "MAJOR.MINOR.PATCH" (static storage; never NULL). */
CAPSEARCH_C_API const char* capsearch_version(void);

/** The status code of an error (CAPSEARCH_OK when `err` is NULL). */
CAPSEARCH_C_API capsearch_status capsearch_error_code(const capsearch_error* err);
/** The error's one-line message, owned by `err` ("" when `err` is NULL). */
CAPSEARCH_C_API const char* capsearch_error_message(const capsearch_error* err);
/** Frees an error; NULL is ignored. */
CAPSEARCH_C_API void capsearch_error_free(capsearch_error* err);
/** Frees a string the library returned as `char*`; NULL is ignored. */
CAPSEARCH_C_API void capsearch_string_free(char* str);

/** Opens the index at `path` (an index folder or a Xapian stub file) into `*out`. */
CAPSEARCH_C_API capsearch_status capsearch_searcher_open(const char* path, capsearch_searcher** out,
                                                         capsearch_error** err);
/** Opens `count` shards (index folders or stub files) and searches them as one index. */
CAPSEARCH_C_API capsearch_status capsearch_searcher_open_shards(const char* const* paths, size_t count,
                                                                capsearch_searcher** out,
                                                                capsearch_error** err);
/** Sets every field of `options` to its default (Xapian's timeout, no partial answers) and
 *  `struct_size` to sizeof(capsearch_open_options). */
CAPSEARCH_C_API void capsearch_open_options_init(capsearch_open_options* options);
/** capsearch_searcher_open() with `options` (NULL = the defaults). A `struct_size` too small for the
 *  first field, or a timeout out of range, is CAPSEARCH_INVALID_ARGUMENT. */
CAPSEARCH_C_API capsearch_status capsearch_searcher_open_with(const char* path,
                                                              const capsearch_open_options* options,
                                                              capsearch_searcher** out,
                                                              capsearch_error** err);
/** capsearch_searcher_open_shards() with `options` (NULL = the defaults). */
CAPSEARCH_C_API capsearch_status capsearch_searcher_open_shards_with(const char* const* paths, size_t count,
                                                                     const capsearch_open_options* options,
                                                                     capsearch_searcher** out,
                                                                     capsearch_error** err);
/** Closes a searcher; NULL is ignored. Results obtained from it stay valid. */
CAPSEARCH_C_API void capsearch_searcher_close(capsearch_searcher* searcher);
/** Makes later searches see the latest committed revision of the index (or a rebuilt index). */
CAPSEARCH_C_API capsearch_status capsearch_searcher_reopen(capsearch_searcher* searcher,
                                                           capsearch_error** err);
/** The index summary as one JSON object (`{"documents": N, ...}`) in `*json`; free it with
 *  capsearch_string_free(). */
CAPSEARCH_C_API capsearch_status capsearch_searcher_stats_json(const capsearch_searcher* searcher,
                                                               char** json, capsearch_error** err);
/** How the gene name `name` is analysed and expanded with the index's lexicon, as one JSON object in
 *  `*json` (the same as `capsearch synonyms --db DB --format json NAME`); free with capsearch_string_free().
 */
CAPSEARCH_C_API capsearch_status capsearch_searcher_explain_json(const capsearch_searcher* searcher,
                                                                 const char* name, char** json,
                                                                 capsearch_error** err);
/** Gene-set enrichment of the `gene_count` names in `genes` (as `capsearch enrich --format json`):
 *  `request` (NULL = defaults) gives the query, year and organism filters restricting the figures
 *  tested, offset, limit, facets and synonyms (its other fields are ignored); `options` (NULL =
 *  defaults) the statistics' options. The result object in `*json`; free it with capsearch_string_free(). */
CAPSEARCH_C_API capsearch_status capsearch_enrich_json(const capsearch_searcher* searcher,
                                                       const char* const* genes, size_t gene_count,
                                                       const capsearch_request* request,
                                                       const capsearch_enrich_options* options, char** json,
                                                       capsearch_error** err);
/** Figures like the figure `figid` (as `capsearch similar --format json`): `by` is
 *  CAPSEARCH_SIMILAR_BOTH, _GENES or _TEXT; `request` (NULL = defaults) gives limit and the year and
 *  organism filters (its other fields are ignored). An unknown figid is CAPSEARCH_INVALID_ARGUMENT.
 *  The result object in `*json`; free it with capsearch_string_free(). */
CAPSEARCH_C_API capsearch_status capsearch_similar_json(const capsearch_searcher* searcher, const char* figid,
                                                        int by, const capsearch_request* request, char** json,
                                                        capsearch_error** err);
/** The gene sets of the figures matching `request`'s query and filters (NULL = every figure) as GMT
 *  text in `*gmt` (as `capsearch export --format gmt`); free it with capsearch_string_free(). */
CAPSEARCH_C_API capsearch_status capsearch_export_gmt(const capsearch_searcher* searcher,
                                                      const capsearch_request* request, char** gmt,
                                                      capsearch_error** err);
/** capsearch_export_gmt() that also says which shards a partial export left out (GMT has no room for
 *  it): `*missing` is NULL when the export is whole, else a JSON array of their names
 *  (`["127.0.0.1:7002"]`, see capsearch_open_options.allow_partial); free both with
 *  capsearch_string_free(). `missing` may be NULL. */
CAPSEARCH_C_API capsearch_status capsearch_export_gmt_with_missing(const capsearch_searcher* searcher,
                                                                   const capsearch_request* request,
                                                                   char** gmt, char** missing,
                                                                   capsearch_error** err);

/** Sets every field of `request` to its default (empty query, limit 10, synonyms on, ...). */
CAPSEARCH_C_API void capsearch_request_init(capsearch_request* request);
/** Runs one search; on success `*out` holds the result (free it with capsearch_result_free()).
 *  A query that matches nothing is a success with total 0. */
CAPSEARCH_C_API capsearch_status capsearch_search(const capsearch_searcher* searcher,
                                                  const capsearch_request* request, capsearch_result** out,
                                                  capsearch_error** err);
/** Frees a result; NULL is ignored. */
CAPSEARCH_C_API void capsearch_result_free(capsearch_result* result);
/** The exact number of matching figures (not just the hits returned). */
CAPSEARCH_C_API size_t capsearch_result_total(const capsearch_result* result);
/** The number of hits in this result (at most the request's limit). */
CAPSEARCH_C_API size_t capsearch_result_hit_count(const capsearch_result* result);
/** The whole result as the documented JSON object (README "JSON output"), including facets; owned by
 *  `result`. */
CAPSEARCH_C_API const char* capsearch_result_json(const capsearch_result* result);
/** Did you mean: the query with misspelt words corrected, or NULL when there is none (README "Did you
 *  mean"); owned by `result`. */
CAPSEARCH_C_API const char* capsearch_result_suggestion(const capsearch_result* result);
/** How a query with syntax slips was read (one line), or NULL when it had none; owned by `result`. */
CAPSEARCH_C_API const char* capsearch_result_query_note(const capsearch_result* result);
/** Non-zero when shards could not be reached and allow_partial left them out of this result. */
CAPSEARCH_C_API int capsearch_result_partial(const capsearch_result* result);
/** The number of shards left out of this result (0 when it is whole). */
CAPSEARCH_C_API size_t capsearch_result_missing_count(const capsearch_result* result);
/** The name ("host:port" or path) of left-out shard `i` (NULL when out of range); owned by `result`. */
CAPSEARCH_C_API const char* capsearch_result_missing(const capsearch_result* result, size_t i);
/** Hit `i`'s figure id (NULL when `i` is out of range). */
CAPSEARCH_C_API const char* capsearch_result_hit_figid(const capsearch_result* result, size_t i);
/** Hit `i`'s figure title ("" when unknown, NULL when `i` is out of range). */
CAPSEARCH_C_API const char* capsearch_result_hit_title(const capsearch_result* result, size_t i);
/** Hit `i`'s PubMed Central id ("" when unknown, NULL when `i` is out of range). */
CAPSEARCH_C_API const char* capsearch_result_hit_pmcid(const capsearch_result* result, size_t i);
/** Hit `i`'s caption snippet around the matched words (NULL when `i` is out of range). */
CAPSEARCH_C_API const char* capsearch_result_hit_snippet(const capsearch_result* result, size_t i);
/** Hit `i`'s publication year, or 0 when unknown or `i` is out of range. */
CAPSEARCH_C_API int capsearch_result_hit_year(const capsearch_result* result, size_t i);
/** Hit `i`'s BM25 score (0 when `i` is out of range). */
CAPSEARCH_C_API double capsearch_result_hit_score(const capsearch_result* result, size_t i);
/** The number of organisms of hit `i` (0 when unknown or out of range). */
CAPSEARCH_C_API size_t capsearch_result_hit_organism_count(const capsearch_result* result, size_t i);
/** Organism `j` of hit `i` (NULL when out of range). */
CAPSEARCH_C_API const char* capsearch_result_hit_organism(const capsearch_result* result, size_t i, size_t j);

/** Sets every field of `options` to its default (sync, delete missing figures, batch 2000, ...). */
CAPSEARCH_C_API void capsearch_index_options_init(capsearch_index_options* options);
/** Sets every field of `options` to its default (min_overlap 1, no FDR cut-off, default universe). */
CAPSEARCH_C_API void capsearch_enrich_options_init(capsearch_enrich_options* options);
/** Syncs (or rebuilds) the index at `db_path` with the record files under `paths` (files or folders),
 *  creating it when absent; `options` may be NULL for the defaults. Records that cannot be read are
 *  skipped, not an error: the report lists them. On success, when `report_json` is not NULL, it receives
 *  the run's report as one JSON object (keys added, updated, deleted, unchanged, skipped, seconds, ...);
 *  free it with capsearch_string_free(). */
CAPSEARCH_C_API capsearch_status capsearch_index_paths(const char* db_path, const char* const* paths,
                                                       size_t count, const capsearch_index_options* options,
                                                       char** report_json, capsearch_error** err);

#ifdef __cplusplus
}
#endif

#endif /* CAPSEARCH_CAPSEARCH_H */
