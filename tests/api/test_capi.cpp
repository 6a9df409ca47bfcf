// The C API (capsearch.h): every function on success and on error (bad path, bad query, NULL handles
// and arguments), freeing everything so LeakSanitizer can check it.
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "api/api_fixture.hpp"
#include "api/capi_from_c.h"
#include "capsearch/capsearch.h"
#include "capsearch/capsearch.hpp"
#include "support/test_support.hpp"

namespace {

// Builds the fixture index through the C API itself.
struct CIndex {
    capsearch::test::TempDir dir;
    std::string db = (dir.path() / "db").string();
    CIndex() {
        auto paths = capsearch::test::write_api_fixture(dir.path());
        std::vector<const char*> c_paths;
        for (const auto& p : paths) c_paths.push_back(p.c_str());
        char* report = nullptr;
        capsearch_error* err = nullptr;
        REQUIRE(capsearch_index_paths(db.c_str(), c_paths.data(), c_paths.size(), nullptr, &report, &err) ==
                CAPSEARCH_OK);
        REQUIRE(err == nullptr);
        REQUIRE(report != nullptr);
        std::string json = report;
        capsearch_string_free(report);
        CHECK(json.find("\"added\":5") != std::string::npos);
        CHECK(json.find("broken.md") != std::string::npos);
    }
};

std::string take_message(capsearch_error* err) {
    std::string m = capsearch_error_message(err);
    capsearch_error_free(err);
    return m;
}

}  // namespace

TEST_CASE("C API: version, errors and strings", "[capi]") {
    CHECK(std::string(capsearch_version()) == capsearch::version());
    CHECK(capsearch_error_code(nullptr) == CAPSEARCH_OK);
    CHECK(std::string(capsearch_error_message(nullptr)).empty());
    capsearch_error_free(nullptr);
    capsearch_string_free(nullptr);
    capsearch_searcher_close(nullptr);
    capsearch_result_free(nullptr);
    capsearch_request_init(nullptr);
    capsearch_index_options_init(nullptr);
}

TEST_CASE("C API: open, search, read hits, stats, explain, reopen", "[capi]") {
    CIndex index;
    capsearch_searcher* searcher = nullptr;
    capsearch_error* err = reinterpret_cast<capsearch_error*>(0x1);  // Must be reset to NULL on success.
    REQUIRE(capsearch_searcher_open(index.db.c_str(), &searcher, &err) == CAPSEARCH_OK);
    CHECK(err == nullptr);
    REQUIRE(searcher != nullptr);

    capsearch_request req;
    capsearch_request_init(&req);
    CHECK(req.limit == 10);
    CHECK(req.synonyms == 1);
    CHECK(req.sort == CAPSEARCH_SORT_RELEVANCE);
    CHECK(req.bm25_k1 == Approx(1.2));
    req.query = "blastema";
    req.facets = 1;
    capsearch_result* result = nullptr;
    REQUIRE(capsearch_search(searcher, &req, &result, &err) == CAPSEARCH_OK);
    CHECK(capsearch_result_total(result) == 1);
    REQUIRE(capsearch_result_hit_count(result) == 1);
    CHECK(std::string(capsearch_result_hit_figid(result, 0)) == capsearch::test::kWntFish);
    CHECK(std::string(capsearch_result_hit_title(result, 0)) ==
          "Wnt signaling in zebrafish fin regeneration");
    CHECK(std::string(capsearch_result_hit_pmcid(result, 0)) == "PMC9000001");
    CHECK(std::string(capsearch_result_hit_snippet(result, 0)).find("blastema") != std::string::npos);
    CHECK(capsearch_result_hit_year(result, 0) == 2015);
    CHECK(capsearch_result_hit_score(result, 0) > 0);
    REQUIRE(capsearch_result_hit_organism_count(result, 0) == 1);
    CHECK(std::string(capsearch_result_hit_organism(result, 0, 0)) == "Danio rerio");
    std::string json = capsearch_result_json(result);
    CHECK(json.find("\"total\":1") != std::string::npos);
    // Every facet of the schema is a key of "facets", the new ones too.
    for (const char* key :
         {"\"facets\":{\"year\":{\"2015\":1}", "\"organism\":{\"Danio rerio\":1}", "\"journal\":{}",
          "\"keyword\":{", "\"regeneration\":1", "\"disease\":{}", "\"chemical\":{}"}) {
        CHECK(json.find(key) != std::string::npos);
    }
    SECTION("facet_names chooses the facets, as SearchRequest::facet_names does") {
        const char* chosen[] = {"keyword", "year"};
        req.facet_names = chosen;
        req.facet_name_count = 2;
        capsearch_result* some = nullptr;
        REQUIRE(capsearch_search(searcher, &req, &some, &err) == CAPSEARCH_OK);
        const std::string some_json = capsearch_result_json(some);
        CHECK(some_json.find("\"facets\":{\"year\":{\"2015\":1},\"keyword\":{") != std::string::npos);
        CHECK(some_json.find("\"organism\":") == std::string::npos);
        CHECK(some_json.find("\"journal\":") == std::string::npos);
        capsearch_result_free(some);
        const char* unknown[] = {"nosuch"};
        req.facet_names = unknown;
        req.facet_name_count = 1;
        CHECK(capsearch_search(searcher, &req, &some, &err) == CAPSEARCH_INVALID_ARGUMENT);
        CHECK(take_message(err).find("nosuch") != std::string::npos);
        req.facet_names = nullptr;
        CHECK(capsearch_search(searcher, &req, &some, &err) == CAPSEARCH_INVALID_ARGUMENT);
        CHECK(take_message(err).find("request->facet_names is NULL") != std::string::npos);
        err = nullptr;
    }
    SECTION("out-of-range accessors return NULL or 0") {
        CHECK(capsearch_result_hit_figid(result, 1) == nullptr);
        CHECK(capsearch_result_hit_title(result, 7) == nullptr);
        CHECK(capsearch_result_hit_pmcid(result, 7) == nullptr);
        CHECK(capsearch_result_hit_snippet(result, 7) == nullptr);
        CHECK(capsearch_result_hit_year(result, 7) == 0);
        CHECK(capsearch_result_hit_score(result, 7) == 0.0);
        CHECK(capsearch_result_hit_organism_count(result, 7) == 0);
        CHECK(capsearch_result_hit_organism(result, 0, 1) == nullptr);
        CHECK(capsearch_result_hit_organism(result, 7, 0) == nullptr);
    }
    capsearch_result_free(result);

    SECTION("filters and sorting") {
        const char* organisms[] = {"Mus musculus"};
        capsearch_request_init(&req);
        req.query = "Wnt";
        req.organisms = organisms;
        req.organism_count = 1;
        REQUIRE(capsearch_search(searcher, &req, &result, &err) == CAPSEARCH_OK);
        REQUIRE(capsearch_result_total(result) == 1);
        CHECK(std::string(capsearch_result_hit_figid(result, 0)) == capsearch::test::kNotchMouse);
        capsearch_result_free(result);

        capsearch_request_init(&req);
        req.query = "signaling";
        req.has_year_from = 1;
        req.year_from = 2011;
        req.has_year_to = 1;
        req.year_to = 2016;
        req.sort = CAPSEARCH_SORT_YEAR;
        REQUIRE(capsearch_search(searcher, &req, &result, &err) == CAPSEARCH_OK);
        REQUIRE(capsearch_result_total(result) == 2);
        CHECK(capsearch_result_hit_year(result, 0) == 2015);
        CHECK(capsearch_result_hit_year(result, 1) == 2013);
        capsearch_result_free(result);
    }
    SECTION("stats, explain and reopen") {
        char* stats = nullptr;
        REQUIRE(capsearch_searcher_stats_json(searcher, &stats, &err) == CAPSEARCH_OK);
        CHECK(std::string(stats).find("\"documents\":5") != std::string::npos);
        capsearch_string_free(stats);
        char* explain = nullptr;
        REQUIRE(capsearch_searcher_explain_json(searcher, "HER2", &explain, &err) == CAPSEARCH_OK);
        CHECK(std::string(explain).find('{') == 0);
        capsearch_string_free(explain);
        CHECK(capsearch_searcher_reopen(searcher, &err) == CAPSEARCH_OK);
        CHECK(err == nullptr);
    }
    SECTION("a query that matches nothing is a success with total 0") {
        capsearch_request_init(&req);
        req.query = "zebrafish insulin";
        REQUIRE(capsearch_search(searcher, &req, &result, nullptr) == CAPSEARCH_OK);
        CHECK(capsearch_result_total(result) == 0);
        CHECK(capsearch_result_hit_count(result) == 0);
        CHECK(capsearch_result_suggestion(result) == nullptr);  // Both words are spelt right.
        capsearch_result_free(result);
    }
    SECTION("a misspelt query comes with a suggestion") {
        capsearch_request_init(&req);
        req.query = "zebrafsh";
        REQUIRE(capsearch_search(searcher, &req, &result, nullptr) == CAPSEARCH_OK);
        CHECK(capsearch_result_total(result) == 0);
        REQUIRE(capsearch_result_suggestion(result) != nullptr);
        CHECK(std::string(capsearch_result_suggestion(result)) == "zebrafish");
        capsearch_result_free(result);
    }
    capsearch_searcher_close(searcher);
}

TEST_CASE("C API: errors come back as status codes with messages", "[capi]") {
    CIndex index;
    capsearch_searcher* searcher = nullptr;
    capsearch_error* err = nullptr;
    REQUIRE(capsearch_searcher_open(index.db.c_str(), &searcher, &err) == CAPSEARCH_OK);
    capsearch_request req;
    capsearch_request_init(&req);
    capsearch_result* result = nullptr;

    SECTION("bad path") {
        std::string missing = (index.dir.path() / "missing").string();
        capsearch_searcher* other = reinterpret_cast<capsearch_searcher*>(0x1);
        CHECK(capsearch_searcher_open(missing.c_str(), &other, &err) == CAPSEARCH_DATABASE_NOT_FOUND);
        CHECK(other == nullptr);
        REQUIRE(err != nullptr);
        CHECK(capsearch_error_code(err) == CAPSEARCH_DATABASE_NOT_FOUND);
        CHECK(take_message(err).find(missing) != std::string::npos);
        const char* shards[] = {index.db.c_str(), missing.c_str()};
        CHECK(capsearch_searcher_open_shards(shards, 2, &other, &err) == CAPSEARCH_DATABASE_NOT_FOUND);
        CHECK(other == nullptr);
        take_message(err);
        CHECK(capsearch_searcher_open(missing.c_str(), &other, nullptr) == CAPSEARCH_DATABASE_NOT_FOUND);
    }
    SECTION("a query slip is read past with a note, and is an error with strict") {
        req.query = "\"unclosed";
        REQUIRE(capsearch_search(searcher, &req, &result, &err) == CAPSEARCH_OK);
        REQUIRE(capsearch_result_query_note(result) != nullptr);
        CHECK(std::string(capsearch_result_query_note(result)).find("unclosed quote") != std::string::npos);
        CHECK(std::string(capsearch_result_json(result)).find("\"query_note\":\"query read as") != std::string::npos);
        capsearch_result_free(result);
        req.query = "Wnt";
        REQUIRE(capsearch_search(searcher, &req, &result, &err) == CAPSEARCH_OK);
        CHECK(capsearch_result_query_note(result) == nullptr);
        CHECK(std::string(capsearch_result_json(result)).find("\"query_note\":null") != std::string::npos);
        capsearch_result_free(result);
        req.query = "\"unclosed";
        req.strict = 1;
        CHECK(capsearch_search(searcher, &req, &result, &err) == CAPSEARCH_QUERY_ERROR);
        CHECK(result == nullptr);
        CHECK(capsearch_error_code(err) == CAPSEARCH_QUERY_ERROR);
        CHECK_FALSE(take_message(err).empty());
    }
    SECTION("explain puts each hit's explanation in the JSON") {
        req.query = "Wnt";
        REQUIRE(capsearch_search(searcher, &req, &result, &err) == CAPSEARCH_OK);
        CHECK(std::string(capsearch_result_json(result)).find("\"explanation\"") == std::string::npos);
        capsearch_result_free(result);
        req.explain = 1;
        REQUIRE(capsearch_search(searcher, &req, &result, &err) == CAPSEARCH_OK);
        CHECK(std::string(capsearch_result_json(result)).find("\"explanation\":[{\"part\":\"Wnt\"") !=
              std::string::npos);
        capsearch_result_free(result);
    }
    SECTION("bad request values") {
        req.sort = 7;
        CHECK(capsearch_search(searcher, &req, &result, &err) == CAPSEARCH_INVALID_ARGUMENT);
        CHECK(take_message(err).find("sort") != std::string::npos);
        capsearch_request_init(&req);
        req.organism_count = 2;
        CHECK(capsearch_search(searcher, &req, &result, &err) == CAPSEARCH_INVALID_ARGUMENT);
        CHECK(take_message(err).find("organisms") != std::string::npos);
        const char* organisms[] = {"Homo sapiens", nullptr};
        req.organisms = organisms;
        CHECK(capsearch_search(searcher, &req, &result, &err) == CAPSEARCH_INVALID_ARGUMENT);
        take_message(err);
    }
    SECTION("NULL handles and arguments") {
        capsearch_searcher* other = reinterpret_cast<capsearch_searcher*>(0x1);
        CHECK(capsearch_searcher_open(nullptr, &other, nullptr) == CAPSEARCH_INVALID_ARGUMENT);
        CHECK(other == nullptr);
        CHECK(capsearch_searcher_open(index.db.c_str(), nullptr, &err) == CAPSEARCH_INVALID_ARGUMENT);
        CHECK(take_message(err).find("out") != std::string::npos);
        CHECK(capsearch_searcher_open_shards(nullptr, 1, &other, &err) == CAPSEARCH_INVALID_ARGUMENT);
        take_message(err);
        const char* shards[] = {index.db.c_str()};
        CHECK(capsearch_searcher_open_shards(shards, 0, &other, &err) == CAPSEARCH_INVALID_ARGUMENT);
        take_message(err);
        const char* null_shard[] = {nullptr};
        CHECK(capsearch_searcher_open_shards(null_shard, 1, &other, &err) == CAPSEARCH_INVALID_ARGUMENT);
        take_message(err);
        CHECK(capsearch_searcher_open_shards(shards, 1, nullptr, &err) == CAPSEARCH_INVALID_ARGUMENT);
        take_message(err);
        CHECK(capsearch_search(nullptr, &req, &result, &err) == CAPSEARCH_INVALID_ARGUMENT);
        CHECK(take_message(err).find("searcher") != std::string::npos);
        CHECK(capsearch_search(searcher, nullptr, &result, &err) == CAPSEARCH_INVALID_ARGUMENT);
        take_message(err);
        CHECK(capsearch_search(searcher, &req, nullptr, &err) == CAPSEARCH_INVALID_ARGUMENT);
        take_message(err);
        CHECK(capsearch_searcher_reopen(nullptr, &err) == CAPSEARCH_INVALID_ARGUMENT);
        take_message(err);
        char* json = nullptr;
        CHECK(capsearch_searcher_stats_json(nullptr, &json, &err) == CAPSEARCH_INVALID_ARGUMENT);
        take_message(err);
        CHECK(capsearch_searcher_stats_json(searcher, nullptr, &err) == CAPSEARCH_INVALID_ARGUMENT);
        take_message(err);
        CHECK(capsearch_searcher_explain_json(nullptr, "HER2", &json, &err) == CAPSEARCH_INVALID_ARGUMENT);
        take_message(err);
        CHECK(capsearch_searcher_explain_json(searcher, nullptr, &json, &err) == CAPSEARCH_INVALID_ARGUMENT);
        take_message(err);
        CHECK(capsearch_searcher_explain_json(searcher, "HER2", nullptr, &err) == CAPSEARCH_INVALID_ARGUMENT);
        take_message(err);
        CHECK(json == nullptr);
        CHECK(capsearch_result_total(nullptr) == 0);
        CHECK(capsearch_result_hit_count(nullptr) == 0);
        CHECK(capsearch_result_json(nullptr) == nullptr);
        CHECK(capsearch_result_suggestion(nullptr) == nullptr);
        CHECK(capsearch_result_hit_figid(nullptr, 0) == nullptr);
        CHECK(capsearch_result_hit_title(nullptr, 0) == nullptr);
        CHECK(capsearch_result_hit_pmcid(nullptr, 0) == nullptr);
        CHECK(capsearch_result_hit_snippet(nullptr, 0) == nullptr);
        CHECK(capsearch_result_hit_year(nullptr, 0) == 0);
        CHECK(capsearch_result_hit_score(nullptr, 0) == 0.0);
        CHECK(capsearch_result_hit_organism_count(nullptr, 0) == 0);
        CHECK(capsearch_result_hit_organism(nullptr, 0, 0) == nullptr);
    }
    capsearch_searcher_close(searcher);
}

TEST_CASE("C API: index_paths options and failures", "[capi]") {
    capsearch::test::TempDir dir;
    auto paths = capsearch::test::write_api_fixture(dir.path());
    std::string db = (dir.path() / "db").string();
    std::string folder = paths.back();
    const char* only_folder[] = {folder.c_str()};
    capsearch_error* err = nullptr;

    capsearch_index_options options;
    capsearch_index_options_init(&options);
    CHECK(options.delete_missing == 1);
    CHECK(options.rebuild == 0);
    CHECK(options.batch_size == capsearch::IndexOptions{}.batch_size);
    CHECK(options.shards == 0);
    const char* extensions[] = {".txt"};
    options.extensions = extensions;
    options.extension_count = 1;
    char* report = nullptr;
    // The folder holds only .md files, so with {".txt"} nothing is indexed.
    REQUIRE(capsearch_index_paths(db.c_str(), only_folder, 1, &options, &report, &err) == CAPSEARCH_OK);
    CHECK(std::string(report).find("\"documents\":0") != std::string::npos);
    capsearch_string_free(report);

    options.extension_count = 0;
    options.rebuild = 1;
    options.shards = 2;  // The rebuild makes it an index of 2 shards, searched as one.
    REQUIRE(capsearch_index_paths(db.c_str(), only_folder, 1, &options, nullptr, &err) == CAPSEARCH_OK);
    CHECK(std::filesystem::is_directory(dir.path() / "db" / "shard-1"));
    CHECK(capi_c_search(db.c_str(), "Wnt", "Mus musculus", nullptr, 0) == 1);
    char figid[64];
    CHECK(capi_c_search(db.c_str(), "blastema", nullptr, figid, sizeof figid) == 1);
    CHECK(std::string(figid) == capsearch::test::kWntFish);
    CHECK(capi_c_search(db.c_str(), "titel:Wnt", nullptr, figid, sizeof figid) == -CAPSEARCH_QUERY_ERROR);
    CHECK(capi_c_search((db + "-missing").c_str(), "Wnt", nullptr, figid, sizeof figid) ==
          -CAPSEARCH_DATABASE_NOT_FOUND);

    SECTION("shards searched as one index") {
        std::string seeds_db = (dir.path() / "seeds").string();
        const char* seeds[] = {paths[0].c_str(), paths[1].c_str()};
        REQUIRE(capsearch_index_paths(seeds_db.c_str(), seeds, 2, nullptr, nullptr, &err) == CAPSEARCH_OK);
        const char* shards[] = {db.c_str(), seeds_db.c_str()};
        capsearch_searcher* both = nullptr;
        REQUIRE(capsearch_searcher_open_shards(shards, 2, &both, &err) == CAPSEARCH_OK);
        capsearch_request req;
        capsearch_request_init(&req);
        capsearch_result* result = nullptr;
        REQUIRE(capsearch_search(both, &req, &result, &err) == CAPSEARCH_OK);
        CHECK(capsearch_result_total(result) == capsearch::test::kGoodRecords);
        capsearch_result_free(result);
        req.query = "HER2 OR blastema";
        REQUIRE(capsearch_search(both, &req, &result, &err) == CAPSEARCH_OK);
        CHECK(capsearch_result_total(result) == 3);
        capsearch_result_free(result);
        capsearch_searcher_close(both);
    }
    SECTION("NULL arguments") {
        CHECK(capsearch_index_paths(nullptr, only_folder, 1, nullptr, &report, &err) ==
              CAPSEARCH_INVALID_ARGUMENT);
        CHECK(report == nullptr);
        CHECK(take_message(err).find("db_path") != std::string::npos);
        CHECK(capsearch_index_paths(db.c_str(), nullptr, 1, nullptr, &report, &err) ==
              CAPSEARCH_INVALID_ARGUMENT);
        take_message(err);
        const char* null_entry[] = {nullptr};
        CHECK(capsearch_index_paths(db.c_str(), null_entry, 1, nullptr, &report, &err) ==
              CAPSEARCH_INVALID_ARGUMENT);
        take_message(err);
        options.extensions = nullptr;
        options.extension_count = 1;
        CHECK(capsearch_index_paths(db.c_str(), only_folder, 1, &options, &report, &err) ==
              CAPSEARCH_INVALID_ARGUMENT);
        take_message(err);
    }
    SECTION("an index that cannot be created is an error with a message") {
        std::string blocked = (dir.path() / "records" / "wnt.md" / "db").string();  // Under a file.
        CHECK(capsearch_index_paths(blocked.c_str(), only_folder, 1, nullptr, &report, &err) != CAPSEARCH_OK);
        CHECK(report == nullptr);
        REQUIRE(err != nullptr);
        CHECK(capsearch_error_code(err) != CAPSEARCH_OK);
        CHECK_FALSE(take_message(err).empty());
    }
    SECTION("a second writer is refused as CAPSEARCH_DATABASE_LOCKED") {
        capsearch::IndexWriter holder(db);
        CHECK(capsearch_index_paths(db.c_str(), only_folder, 1, nullptr, &report, &err) ==
              CAPSEARCH_DATABASE_LOCKED);
        CHECK(take_message(err).find("being updated") != std::string::npos);
    }
}
