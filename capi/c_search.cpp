// The C API's searcher and result handles: a thin translation onto capsearch::Searcher.
#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "capi/c_handles.hpp"

using capsearch::Error;
using capsearch::ErrorCode;
using capsearch::capi::guarded;
using capsearch::capi::require;

namespace {

// The `count` strings at `items` (a C list option such as request->organisms); `what` names the field
// in the error for a NULL list or entry.
std::vector<std::string> string_list(const char* const* items, std::size_t count, const char* function,
                                     const std::string& what) {
    std::vector<std::string> out;
    if (count > 0) require(items, function, what.c_str());
    for (std::size_t i = 0; i < count; ++i) {
        require(items[i], function, ("an entry of " + what).c_str());
        out.emplace_back(items[i]);
    }
    return out;
}

capsearch::SearchRequest to_request(const capsearch_request& r) {
    capsearch::SearchRequest out;
    out.query = r.query ? r.query : "";
    out.offset = r.offset;
    out.limit = r.limit;
    if (r.has_year_from) out.year_from = r.year_from;
    if (r.has_year_to) out.year_to = r.year_to;
    out.organisms = string_list(r.organisms, r.organism_count, "capsearch_search", "request->organisms");
    out.facets = r.facets != 0;
    out.facet_names =
        string_list(r.facet_names, r.facet_name_count, "capsearch_search", "request->facet_names");
    if (r.sort == CAPSEARCH_SORT_RELEVANCE) {
        out.sort = capsearch::SortOrder::relevance;
    } else if (r.sort == CAPSEARCH_SORT_YEAR) {
        out.sort = capsearch::SortOrder::year;
    } else {
        throw Error(ErrorCode::invalid_argument,
                    "capsearch_search: request->sort is " + std::to_string(r.sort) +
                        " (expected CAPSEARCH_SORT_RELEVANCE or CAPSEARCH_SORT_YEAR)");
    }
    out.synonyms = r.synonyms != 0;
    out.snippet_length = r.snippet_length;
    out.bm25 = {r.bm25_k1, r.bm25_k2, r.bm25_k3, r.bm25_b, r.bm25_min_normlen};
    out.strict = r.strict != 0;
    out.explain = r.explain != 0;
    return out;
}

// The C options as SearchOptions: only the fields inside options->struct_size are read, so a caller
// built against an older, shorter struct gets the defaults of the fields it does not know.
capsearch::SearchOptions to_options(const capsearch_open_options* options, const char* function) {
    capsearch::SearchOptions out;
    if (options == nullptr) return out;
    const std::size_t size = options->struct_size;
    auto has = [size](std::size_t offset, std::size_t field_size) { return offset + field_size <= size; };
    if (!has(offsetof(capsearch_open_options, timeout_seconds), sizeof options->timeout_seconds)) {
        throw Error(ErrorCode::invalid_argument,
                    std::string(function) + ": options->struct_size is " + std::to_string(size) +
                        " (initialise the options with capsearch_open_options_init())");
    }
    if (options->timeout_seconds != 0) out.timeout_seconds = options->timeout_seconds;
    if (has(offsetof(capsearch_open_options, allow_partial), sizeof options->allow_partial)) {
        out.allow_partial = options->allow_partial != 0;
    }
    return out;
}

const capsearch::Hit* hit_at(const capsearch_result* result, size_t i) {
    if (result == nullptr || i >= result->result.hits.size()) return nullptr;
    return &result->result.hits[i];
}

}  // namespace

extern "C" {

void capsearch_open_options_init(capsearch_open_options* options) {
    if (options == nullptr) return;
    *options = capsearch_open_options{};
    options->struct_size = sizeof(capsearch_open_options);
}

capsearch_status capsearch_searcher_open(const char* path, capsearch_searcher** out, capsearch_error** err) {
    return capsearch_searcher_open_with(path, nullptr, out, err);
}

capsearch_status capsearch_searcher_open_with(const char* path, const capsearch_open_options* options,
                                              capsearch_searcher** out, capsearch_error** err) {
    if (out != nullptr) *out = nullptr;
    return guarded(err, [&] {
        require(path, "capsearch_searcher_open", "path");
        require(out, "capsearch_searcher_open", "out");
        const capsearch::SearchOptions o = to_options(options, "capsearch_searcher_open_with");
        *out = new capsearch_searcher{capsearch::Searcher(std::string(path), o)};
    });
}

capsearch_status capsearch_searcher_open_shards(const char* const* paths, size_t count,
                                                capsearch_searcher** out, capsearch_error** err) {
    return capsearch_searcher_open_shards_with(paths, count, nullptr, out, err);
}

capsearch_status capsearch_searcher_open_shards_with(const char* const* paths, size_t count,
                                                     const capsearch_open_options* options,
                                                     capsearch_searcher** out, capsearch_error** err) {
    if (out != nullptr) *out = nullptr;
    return guarded(err, [&] {
        require(paths, "capsearch_searcher_open_shards", "paths");
        require(out, "capsearch_searcher_open_shards", "out");
        if (count == 0) {
            throw Error(ErrorCode::invalid_argument, "capsearch_searcher_open_shards: no shard paths given");
        }
        const capsearch::SearchOptions o = to_options(options, "capsearch_searcher_open_shards_with");
        const std::vector<std::string> shards =
            string_list(paths, count, "capsearch_searcher_open_shards", "paths");
        *out = new capsearch_searcher{capsearch::Searcher(shards, o)};
    });
}

void capsearch_searcher_close(capsearch_searcher* searcher) { delete searcher; }

capsearch_status capsearch_searcher_reopen(capsearch_searcher* searcher, capsearch_error** err) {
    return guarded(err, [&] {
        require(searcher, "capsearch_searcher_reopen", "searcher");
        searcher->searcher.reopen();
    });
}

capsearch_status capsearch_searcher_stats_json(const capsearch_searcher* searcher, char** json,
                                               capsearch_error** err) {
    if (json != nullptr) *json = nullptr;
    return guarded(err, [&] {
        require(searcher, "capsearch_searcher_stats_json", "searcher");
        require(json, "capsearch_searcher_stats_json", "json");
        *json = capsearch::capi::copy_string(searcher->searcher.stats().to_json());
    });
}

capsearch_status capsearch_searcher_explain_json(const capsearch_searcher* searcher, const char* name,
                                                 char** json, capsearch_error** err) {
    if (json != nullptr) *json = nullptr;
    return guarded(err, [&] {
        require(searcher, "capsearch_searcher_explain_json", "searcher");
        require(name, "capsearch_searcher_explain_json", "name");
        require(json, "capsearch_searcher_explain_json", "json");
        *json = capsearch::capi::copy_string(searcher->searcher.explain_json(name));
    });
}

void capsearch_enrich_options_init(capsearch_enrich_options* options) {
    if (options == nullptr) return;
    const capsearch::EnrichRequest d;
    *options = capsearch_enrich_options{};
    options->expand_families = d.expand_families ? 1 : 0;
    options->min_overlap = d.min_overlap;
}

capsearch_status capsearch_enrich_json(const capsearch_searcher* searcher, const char* const* genes,
                                       size_t gene_count, const capsearch_request* request,
                                       const capsearch_enrich_options* options, char** json,
                                       capsearch_error** err) {
    if (json != nullptr) *json = nullptr;
    return guarded(err, [&] {
        require(searcher, "capsearch_enrich_json", "searcher");
        require(json, "capsearch_enrich_json", "json");
        if (gene_count > 0) require(genes, "capsearch_enrich_json", "genes");
        capsearch::EnrichRequest er;
        for (std::size_t i = 0; i < gene_count; ++i) {
            require(genes[i], "capsearch_enrich_json", "an entry of genes");
            er.genes.emplace_back(genes[i]);
        }
        if (request != nullptr) {
            const capsearch::SearchRequest r = to_request(*request);
            er.query = r.query;
            er.year_from = r.year_from;
            er.year_to = r.year_to;
            er.organisms = r.organisms;
            er.offset = r.offset;
            er.limit = r.limit;
            er.facets = r.facets;
            er.synonyms = r.synonyms;
        }
        if (options != nullptr) {
            er.expand_families = options->expand_families != 0;
            er.min_overlap = options->min_overlap;
            if (options->has_fdr != 0) {
                if (!(options->fdr >= 0.0 && options->fdr <= 1.0)) {
                    throw capsearch::Error(capsearch::ErrorCode::invalid_argument,
                                           "capsearch_enrich_json: fdr must be between 0 and 1");
                }
                er.fdr = options->fdr;
            }
            if (options->universe > 0) er.universe = options->universe;
            er.background = string_list(options->background, options->background_count,
                                        "capsearch_enrich_json", "background");
        }
        *json = capsearch::capi::copy_string(searcher->searcher.enrich(er).to_json());
    });
}

capsearch_status capsearch_similar_json(const capsearch_searcher* searcher, const char* figid, int by,
                                        const capsearch_request* request, char** json,
                                        capsearch_error** err) {
    if (json != nullptr) *json = nullptr;
    return guarded(err, [&] {
        require(searcher, "capsearch_similar_json", "searcher");
        require(figid, "capsearch_similar_json", "figid");
        require(json, "capsearch_similar_json", "json");
        if (by != CAPSEARCH_SIMILAR_BOTH && by != CAPSEARCH_SIMILAR_GENES && by != CAPSEARCH_SIMILAR_TEXT) {
            throw capsearch::Error(
                capsearch::ErrorCode::invalid_argument,
                "capsearch_similar_json: by must be CAPSEARCH_SIMILAR_BOTH, _GENES or _TEXT");
        }
        capsearch::SimilarRequest sr;
        sr.figid = figid;
        sr.by_genes = by != CAPSEARCH_SIMILAR_TEXT;
        sr.by_text = by != CAPSEARCH_SIMILAR_GENES;
        if (request != nullptr) {
            const capsearch::SearchRequest r = to_request(*request);
            sr.limit = r.limit;
            sr.year_from = r.year_from;
            sr.year_to = r.year_to;
            sr.organisms = r.organisms;
        }
        *json = capsearch::capi::copy_string(searcher->searcher.similar(sr).to_json());
    });
}

capsearch_status capsearch_export_gmt(const capsearch_searcher* searcher, const capsearch_request* request,
                                      char** gmt, capsearch_error** err) {
    return capsearch_export_gmt_with_missing(searcher, request, gmt, nullptr, err);
}

capsearch_status capsearch_export_gmt_with_missing(const capsearch_searcher* searcher,
                                                   const capsearch_request* request, char** gmt,
                                                   char** missing, capsearch_error** err) {
    if (gmt != nullptr) *gmt = nullptr;
    if (missing != nullptr) *missing = nullptr;
    return guarded(err, [&] {
        require(searcher, "capsearch_export_gmt", "searcher");
        require(gmt, "capsearch_export_gmt", "gmt");
        const capsearch::SearchRequest r = request ? to_request(*request) : capsearch::SearchRequest{};
        const capsearch::GeneSets found = searcher->searcher.gene_sets(r);
        char* text = capsearch::capi::copy_string(capsearch::to_gmt(found.sets));
        if (missing != nullptr && found.partial) {
            try {
                *missing = capsearch::capi::copy_string(
                    nlohmann::json(found.missing)
                        .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
            } catch (...) {
                capsearch_string_free(text);
                throw;
            }
        }
        *gmt = text;
    });
}

void capsearch_request_init(capsearch_request* request) {
    if (request == nullptr) return;
    const capsearch::SearchRequest d;
    *request = capsearch_request{};
    request->query = "";
    request->offset = d.offset;
    request->limit = d.limit;
    request->facets = d.facets ? 1 : 0;
    request->sort = CAPSEARCH_SORT_RELEVANCE;
    request->synonyms = d.synonyms ? 1 : 0;
    request->snippet_length = d.snippet_length;
    request->bm25_k1 = d.bm25.k1;
    request->bm25_k2 = d.bm25.k2;
    request->bm25_k3 = d.bm25.k3;
    request->bm25_b = d.bm25.b;
    request->bm25_min_normlen = d.bm25.min_normlen;
    request->strict = d.strict ? 1 : 0;
    request->explain = d.explain ? 1 : 0;
}

capsearch_status capsearch_search(const capsearch_searcher* searcher, const capsearch_request* request,
                                  capsearch_result** out, capsearch_error** err) {
    if (out != nullptr) *out = nullptr;
    return guarded(err, [&] {
        require(searcher, "capsearch_search", "searcher");
        require(request, "capsearch_search", "request");
        require(out, "capsearch_search", "out");
        auto result = std::make_unique<capsearch_result>();
        result->result = searcher->searcher.search(to_request(*request));
        result->json = result->result.to_json();
        *out = result.release();
    });
}

void capsearch_result_free(capsearch_result* result) { delete result; }

size_t capsearch_result_total(const capsearch_result* result) { return result ? result->result.total : 0; }

size_t capsearch_result_hit_count(const capsearch_result* result) {
    return result ? result->result.hits.size() : 0;
}

const char* capsearch_result_json(const capsearch_result* result) {
    return result ? result->json.c_str() : nullptr;
}

const char* capsearch_result_suggestion(const capsearch_result* result) {
    return result && result->result.suggestion ? result->result.suggestion->c_str() : nullptr;
}

const char* capsearch_result_query_note(const capsearch_result* result) {
    return result && !result->result.query_note.empty() ? result->result.query_note.c_str() : nullptr;
}

int capsearch_result_partial(const capsearch_result* result) {
    return result && result->result.partial ? 1 : 0;
}

size_t capsearch_result_missing_count(const capsearch_result* result) {
    return result ? result->result.missing.size() : 0;
}

const char* capsearch_result_missing(const capsearch_result* result, size_t i) {
    return result && i < result->result.missing.size() ? result->result.missing[i].c_str() : nullptr;
}

const char* capsearch_result_hit_figid(const capsearch_result* result, size_t i) {
    const auto* hit = hit_at(result, i);
    return hit ? hit->figid.c_str() : nullptr;
}

const char* capsearch_result_hit_title(const capsearch_result* result, size_t i) {
    const auto* hit = hit_at(result, i);
    return hit ? hit->title.c_str() : nullptr;
}

const char* capsearch_result_hit_pmcid(const capsearch_result* result, size_t i) {
    const auto* hit = hit_at(result, i);
    return hit ? hit->pmcid.c_str() : nullptr;
}

const char* capsearch_result_hit_snippet(const capsearch_result* result, size_t i) {
    const auto* hit = hit_at(result, i);
    return hit ? hit->snippet.c_str() : nullptr;
}

int capsearch_result_hit_year(const capsearch_result* result, size_t i) {
    const auto* hit = hit_at(result, i);
    return hit && hit->year ? *hit->year : 0;
}

double capsearch_result_hit_score(const capsearch_result* result, size_t i) {
    const auto* hit = hit_at(result, i);
    return hit ? hit->score : 0.0;
}

size_t capsearch_result_hit_organism_count(const capsearch_result* result, size_t i) {
    const auto* hit = hit_at(result, i);
    return hit ? hit->organisms.size() : 0;
}

const char* capsearch_result_hit_organism(const capsearch_result* result, size_t i, size_t j) {
    const auto* hit = hit_at(result, i);
    return hit && j < hit->organisms.size() ? hit->organisms[j].c_str() : nullptr;
}

}  // extern "C"
