// SearchRequest::explain: every hit's explanation parts add up to its score (for the fixture's
// queries and, when ../shared is present, the real corpus with its evaluation queries), under several
// BM25 settings, and the parts name what matched where.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "api/api_fixture.hpp"
#include "capsearch/capsearch.hpp"
#include "support/test_support.hpp"

using namespace capsearch;

namespace {

// Queries of every kind the builder weighs: words (stemmed and gene-like), gene names with synonyms,
// phrases, fields, wildcards, OR and NOT (whose excluded side weighs nothing), filters.
const std::vector<std::string> kQueries = {
    "HER2",
    "HER2 resistance",
    "Wnt OR insulin",
    "\"fin regeneration\"",
    "title:notch",
    "regenerat*",
    "signal* -Wnt",
    "gene:ERBB2",
    "caption:cells",
    "HER2 OR (Wnt zebrafish)",
    "organism:mouse Notch",
    "IL 6 OR insulin",
    "p38 MAPK",
    "\"NF kappa B\"",
    "year:2015 Wnt",
    "HER2 HER2 breast",
};

std::vector<Bm25Params> bm25_settings() {
    Bm25Params k2;
    k2.k2 = 1.0;
    Bm25Params saturated;
    saturated.k1 = 2.0;
    saturated.k3 = 0.0;
    saturated.b = 1.0;
    return {Bm25Params{}, k2, saturated};
}

// Checks the sum for every hit of `query`; returns how many hits had a positive score.
std::size_t check_sums(const Searcher& s, const std::string& query, const Bm25Params& bm25,
                       std::size_t limit) {
    SearchRequest req;
    req.query = query;
    req.limit = limit;
    req.bm25 = bm25;
    req.explain = true;
    req.suggest = false;
    const SearchResult r = s.search(req);
    std::size_t scored = 0;
    for (const Hit& h : r.hits) {
        double sum = 0;
        for (const ExplanationPart& p : h.explanation) {
            CHECK(p.weight > 0);
            sum += p.weight;
        }
        INFO("query '" << query << "' hit " << h.figid << " k2=" << bm25.k2);
        CHECK(sum == Approx(h.score).epsilon(1e-9).margin(1e-9));
        if (h.score > 0) {
            ++scored;
            CHECK_FALSE(h.explanation.empty());
        }
    }
    return scored;
}

const ExplanationPart* find_part(const Hit& h, const std::string& part) {
    for (const ExplanationPart& p : h.explanation) {
        if (p.part == part) return &p;
    }
    return nullptr;
}

}  // namespace

TEST_CASE("explain: the parts' weights add up to every hit's score", "[api]") {
    test::TempDir dir;
    const std::string db = (dir.path() / "db").string();
    index_paths(db, test::write_api_fixture(dir.path()));
    Searcher searcher(db);
    std::size_t scored = 0;
    for (const Bm25Params& bm25 : bm25_settings()) {
        for (const std::string& q : kQueries) scored += check_sums(searcher, q, bm25, 100);
    }
    CHECK(scored > 30);
}

TEST_CASE("explain: parts name the fields and the words or genes that matched", "[api]") {
    test::TempDir dir;
    const std::string db = (dir.path() / "db").string();
    index_paths(db, test::write_api_fixture(dir.path()));
    Searcher searcher(db);
    SearchRequest req;
    req.explain = true;

    SECTION("a word found in a field restricted to it") {
        req.query = "title:notch Wnt";
        const SearchResult r = searcher.search(req);
        REQUIRE(r.total == 1);
        const ExplanationPart* notch = find_part(r.hits[0], "title:notch");
        REQUIRE(notch != nullptr);
        CHECK(notch->field == "title");
        CHECK(notch->matched == std::vector<std::string>{"notch"});
        REQUIRE(find_part(r.hits[0], "Wnt") != nullptr);
    }
    SECTION("a gene name lists the genes matched under any of their names") {
        req.query = "HER2";
        const SearchResult r = searcher.search(req);
        REQUIRE(r.total >= 1);
        for (const Hit& h : r.hits) {
            const ExplanationPart* her2 = find_part(h, "HER2");
            REQUIRE(her2 != nullptr);
            CHECK(std::find(her2->matched.begin(), her2->matched.end(), "ERBB2") != her2->matched.end());
            CHECK(her2->field.find("genes") != std::string::npos);
        }
    }
    SECTION("a wildcard lists the words it stood for; an excluded word is no part") {
        req.query = "regenerat* -insulin";
        const SearchResult r = searcher.search(req);
        REQUIRE(r.total >= 1);
        const ExplanationPart* w = find_part(r.hits[0], "regenerat*");
        REQUIRE(w != nullptr);
        CHECK_FALSE(w->matched.empty());
        for (const std::string& m : w->matched) CHECK(m.rfind("regenerat", 0) == 0);
        CHECK(r.hits[0].explanation.size() == 1);
    }
    SECTION("without the flag there is no explanation, in the hit or its JSON") {
        req.query = "HER2";
        req.explain = false;
        const SearchResult r = searcher.search(req);
        REQUIRE_FALSE(r.hits.empty());
        CHECK(r.hits[0].explanation.empty());
        CHECK(r.to_json().find("\"explanation\"") == std::string::npos);
        req.explain = true;
        CHECK(searcher.search(req).to_json().find("\"explanation\":[{\"part\":\"HER2\",\"field\":") !=
              std::string::npos);
    }
}

TEST_CASE("explain: on the real corpus the weights add up for every hit of the evaluation queries", "[api]") {
    CAPSEARCH_REQUIRE_SHARED_OR_SKIP(shared);
    test::TempDir dir;
    const std::string db = (dir.path() / "db").string();
    index_paths(db, {(shared / "corpus" / "pfocr").string()});
    Searcher searcher(db);
    std::vector<std::string> queries = kQueries;
    std::ifstream in(shared / "eval" / "queries.tsv");
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#' || line.rfind("kind\t", 0) == 0) continue;
        std::istringstream fields(line);
        std::string kind, query;
        std::getline(fields, kind, '\t');
        std::getline(fields, query, '\t');
        queries.push_back(query);
    }
    REQUIRE(queries.size() > 50);
    std::size_t scored = 0;
    for (const Bm25Params& bm25 : bm25_settings()) {
        for (const std::string& q : queries) scored += check_sums(searcher, q, bm25, 50);
    }
    CHECK(scored > 500);
}
