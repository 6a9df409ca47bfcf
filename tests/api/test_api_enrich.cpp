// Enrichment through the public API: Searcher::enrich finds the seed figure listing ERBB2 and EGFR,
// reports names it cannot use, and the C API returns exactly the C++ API's results (JSON and GMT),
// with every enrichment option and for similar figures.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "api/api_fixture.hpp"
#include "capsearch/capsearch.h"
#include "capsearch/capsearch.hpp"
#include "support/test_support.hpp"

namespace {

struct EnrichIndex {
    capsearch::test::TempDir dir;
    std::string db = (dir.path() / "db").string();
    EnrichIndex() { capsearch::index_paths(db, capsearch::test::write_api_fixture(dir.path())); }
};

}  // namespace

TEST_CASE("API: enrich ranks the figure holding the genes, reports unknown names", "[api][enrich]") {
    EnrichIndex index;
    capsearch::Searcher searcher(index.db);
    capsearch::EnrichRequest request;
    request.genes = {"HER2", "EGFR", "not-a-gene-xyz"};
    const capsearch::EnrichResult result = searcher.enrich(request);
    CHECK(result.input.resolved.at("HER2") == std::vector<std::string>{"ERBB2"});
    CHECK(result.input.unresolved == std::vector<std::string>{"not-a-gene-xyz"});
    CHECK(result.genes == std::vector<std::string>{"EGFR", "ERBB2"});
    CHECK(result.query_size == 2);
    REQUIRE_FALSE(result.hits.empty());
    const capsearch::EnrichHit& top = result.hits.front();
    CHECK(top.figid == capsearch::test::kSeedHer2NoYear);
    CHECK(top.overlap_genes == std::vector<std::string>{"EGFR", "ERBB2"});
    CHECK(top.overlap == 2);
    // Both query genes drawn from the figure's K of N: P(X >= 2) = K(K-1) / (N(N-1)).
    const double K = static_cast<double>(top.set_size), N = static_cast<double>(result.universe);
    CHECK(top.pvalue == Approx(K * (K - 1) / (N * (N - 1))).epsilon(1e-12));
    CHECK(top.fdr >= top.pvalue);
    // Every figure listing one of the genes is a hit, and no other figure is.
    for (const capsearch::GeneSetEntry& set : searcher.gene_sets({}).sets) {
        bool holds = false;
        for (const std::string& g : set.symbols) holds = holds || g == "EGFR" || g == "ERBB2";
        bool hit = false;
        for (const capsearch::EnrichHit& h : result.hits) hit = hit || h.figid == set.figid;
        CHECK(holds == hit);
    }

    request.organisms = {"zebrafish"};
    CHECK(searcher.enrich(request).tested == 0);
    request.organisms.clear();
    request.universe = 1;
    CHECK_THROWS_AS(searcher.enrich(request), capsearch::Error);
}

TEST_CASE("C API: enrich_json, similar_json and export_gmt equal the C++ results", "[capi][enrich]") {
    EnrichIndex index;
    capsearch::Searcher cpp(index.db);
    capsearch::EnrichRequest request;
    request.genes = {"HER2", "EGFR", "BRAF"};
    request.limit = 3;

    capsearch_searcher* searcher = nullptr;
    capsearch_error* err = nullptr;
    REQUIRE(capsearch_searcher_open(index.db.c_str(), &searcher, &err) == CAPSEARCH_OK);
    const char* genes[] = {"HER2", "EGFR", "BRAF"};
    capsearch_request c_request;
    capsearch_request_init(&c_request);
    c_request.limit = 3;
    char* json = nullptr;
    REQUIRE(capsearch_enrich_json(searcher, genes, 3, &c_request, nullptr, &json, &err) == CAPSEARCH_OK);
    CHECK(std::string(json) == cpp.enrich(request).to_json());
    capsearch_string_free(json);

    // The statistics' options reach the library: min_overlap 2 keeps only the figure with both genes,
    // a universe and an FDR cut-off are used as given.
    capsearch_enrich_options options;
    capsearch_enrich_options_init(&options);
    CHECK(options.min_overlap == 1);
    CHECK(options.has_fdr == 0);
    options.min_overlap = 2;
    options.has_fdr = 1;
    options.fdr = 0.5;
    options.universe = 20000;
    request.min_overlap = 2;
    request.fdr = 0.5;
    request.universe = 20000;
    REQUIRE(capsearch_enrich_json(searcher, genes, 3, &c_request, &options, &json, &err) == CAPSEARCH_OK);
    const capsearch::EnrichResult strict = cpp.enrich(request);
    CHECK(std::string(json) == strict.to_json());
    CHECK(strict.universe == 20000);
    for (const capsearch::EnrichHit& h : strict.hits) CHECK(h.overlap >= 2);
    capsearch_string_free(json);
    options.fdr = 1.5;
    CHECK(capsearch_enrich_json(searcher, genes, 3, &c_request, &options, &json, &err) ==
          CAPSEARCH_INVALID_ARGUMENT);
    capsearch_error_free(err);
    err = nullptr;

    // Similar figures: the same JSON as the C++ API; an unknown figid is an invalid argument.
    capsearch::SimilarRequest similar;
    similar.figid = capsearch::test::kSeedHer2NoYear;
    similar.limit = 3;
    REQUIRE(capsearch_similar_json(searcher, similar.figid.c_str(), CAPSEARCH_SIMILAR_BOTH, &c_request, &json,
                                   &err) == CAPSEARCH_OK);
    CHECK(std::string(json) == cpp.similar(similar).to_json());
    capsearch_string_free(json);
    similar.by_text = false;
    REQUIRE(capsearch_similar_json(searcher, similar.figid.c_str(), CAPSEARCH_SIMILAR_GENES, &c_request,
                                   &json, &err) == CAPSEARCH_OK);
    CHECK(std::string(json) == cpp.similar(similar).to_json());
    capsearch_string_free(json);
    CHECK(capsearch_similar_json(searcher, "no-such-figure", CAPSEARCH_SIMILAR_BOTH, nullptr, &json, &err) ==
          CAPSEARCH_INVALID_ARGUMENT);
    capsearch_error_free(err);
    err = nullptr;

    char* gmt = nullptr;
    REQUIRE(capsearch_export_gmt(searcher, nullptr, &gmt, &err) == CAPSEARCH_OK);
    CHECK(std::string(gmt) == capsearch::to_gmt(cpp.gene_sets({}).sets));
    CHECK(std::string(gmt).find(capsearch::test::kSeedHer2NoYear + "\t") != std::string::npos);
    capsearch_string_free(gmt);

    CHECK(capsearch_enrich_json(searcher, nullptr, 1, nullptr, nullptr, &json, &err) ==
          CAPSEARCH_INVALID_ARGUMENT);
    capsearch_error_free(err);
    capsearch_searcher_close(searcher);
}
