// Remote shards behind xapian-tcpsrv on 127.0.0.1, through the public API: a long-lived Searcher
// survives the server's idle timeout and a rebuild or compaction under the running server, a shard
// that is down is an error (or, with allow_partial, a partial answer naming it), and one that comes
// back is used again.
#include <catch2/catch.hpp>
#include <chrono>
#include <cstddef>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "api/api_fixture.hpp"
#include "capsearch/capsearch.h"
#include "capsearch/capsearch.hpp"
#include "support/tcpsrv_process.hpp"
#include "support/test_support.hpp"

using namespace capsearch;

namespace {

using test::figids;

SearchResult find(const Searcher& s, const std::string& query) {
    SearchRequest req;
    req.query = query;
    req.limit = 100;
    req.facets = true;
    return s.search(req);
}

const std::string kTestName = "remote shards";

// The fixture in two shards served by xapian-tcpsrv: shard 1 the seed files, shard 2 the records folder.
struct TwoRemoteShards {
    test::TempDir dir;
    std::vector<std::string> paths = test::write_api_fixture(dir.path());
    std::string db1 = index_shard("db1", {paths[0], paths[1]});
    std::string db2 = index_shard("db2", {paths[2]});
    test::TcpServer one{{db1}};
    test::TcpServer two{{db2}};
    std::string stub = (dir.path() / "stub").string();
    std::string second_name = "127.0.0.1:" + std::to_string(two.port());

    TwoRemoteShards() { test::write_file(stub, one.stub_line() + two.stub_line()); }

    std::string index_shard(const std::string& name, const std::vector<std::string>& records) const {
        const std::string db = (dir.path() / name).string();
        index_paths(db, records, {});
        return db;
    }
};

}  // namespace

TEST_CASE("A long-lived Searcher over xapian-tcpsrv survives idle timeouts and rebuilds and compaction",
          "[api][remote]") {
    if (!test::have_tcpsrv(kTestName)) return;
    test::TempDir dir;
    const auto paths = test::write_api_fixture(dir.path());
    const std::string db = (dir.path() / "db").string();
    index_paths(db, paths, {});
    const std::string local_wnt_total = std::to_string(find(Searcher(db), "Wnt").total);

    // A 300 ms idle timeout: the connection a search leaves in the pool is closed by the server
    // before the next search.
    test::TcpServer server({"--idle-timeout", "300", db});
    const std::string stub = (dir.path() / "stub").string();
    test::write_file(stub, server.stub_line());
    Searcher searcher(stub);
    const std::set<std::string> her2{test::kSeedHer2, test::kSeedHer2NoYear};

    SECTION("idle timeout") {
        for (int i = 0; i < 3; ++i) {
            CHECK(figids(find(searcher, "HER2")) == her2);
            std::this_thread::sleep_for(std::chrono::milliseconds(800));
        }
        CHECK(std::to_string(find(searcher, "Wnt").total) == local_wnt_total);
    }
    SECTION("rebuild and compact under the running server") {
        CHECK(figids(find(searcher, "HER2")) == her2);
        IndexOptions rebuild;
        rebuild.rebuild = true;
        index_paths(db, paths, rebuild);
        CHECK(figids(find(searcher, "HER2")) == her2);
        compact_index(db);
        CHECK(figids(find(searcher, "HER2")) == her2);
        CHECK(std::to_string(find(searcher, "Wnt").total) == local_wnt_total);
    }
}

TEST_CASE("A remote shard that is down is an error or with allow_partial a partial answer naming it",
          "[api][remote]") {
    if (!test::have_tcpsrv(kTestName)) return;
    TwoRemoteShards shards;
    const std::string& stub = shards.stub;
    const std::string& second = shards.second_name;

    SearchOptions partial;
    partial.allow_partial = true;
    partial.timeout_seconds = 2;
    Searcher lenient(stub, partial);
    const SearchResult whole = find(lenient, "");
    CHECK(whole.total == test::kGoodRecords);
    CHECK_FALSE(whole.partial);

    shards.two.stop();
    CHECK_THROWS_AS(Searcher(stub), DatabaseError);
    try {
        Searcher strict(stub);
    } catch (const DatabaseError& e) {
        CHECK(std::string(e.what()).find(second) != std::string::npos);
    }
    const SearchResult half = find(lenient, "");
    CHECK(half.partial);
    CHECK(half.missing == std::vector<std::string>{second});
    CHECK(half.total == 2);  // The two seed records.
    CHECK(half.to_json().find("\"partial\":true,\"missing\":[\"" + second + "\"]") != std::string::npos);

    shards.two.start_again();
    const SearchResult back = find(lenient, "");
    CHECK_FALSE(back.partial);
    CHECK(back.total == test::kGoodRecords);
    CHECK(back.to_json() == whole.to_json());  // Same hits and facets.
}

TEST_CASE("Enrichment, similar figures, gene sets and stats answer from the shards left, naming the missing",
          "[api][remote]") {
    if (!test::have_tcpsrv(kTestName)) return;
    TwoRemoteShards shards;
    SearchOptions partial;
    partial.allow_partial = true;
    Searcher lenient(shards.stub, partial);
    const Searcher alone(shards.db1);  // What the shard that stays up holds.
    EnrichRequest enrich;
    enrich.genes = {"HER2", "EGFR", "BRAF"};
    SimilarRequest similar;
    similar.figid = test::kSeedHer2NoYear;
    const std::vector<std::string> missing{shards.second_name};
    const std::string marker = "\"partial\":true,\"missing\":[\"" + shards.second_name + "\"]";

    // Whole while both are up.
    CHECK_FALSE(lenient.enrich(enrich).partial);
    CHECK(lenient.stats().documents == test::kGoodRecords);

    shards.two.stop();
    CHECK_THROWS_AS(Searcher(shards.stub), DatabaseError);

    const EnrichResult e = lenient.enrich(enrich);
    const EnrichResult e_alone = alone.enrich(enrich);
    CHECK(e.partial);
    CHECK(e.missing == missing);
    CHECK(e.to_json().find(marker) != std::string::npos);
    CHECK(e.universe == e_alone.universe);
    CHECK(e.tested == e_alone.tested);
    CHECK(e.to_tsv() == e_alone.to_tsv());  // Same hits, p-values and FDRs.

    const SimilarResult sim = lenient.similar(similar);
    CHECK(sim.partial);
    CHECK(sim.missing == missing);
    CHECK(sim.to_json().find(marker) != std::string::npos);
    REQUIRE(sim.genes);
    CHECK(sim.genes->to_tsv() == alone.similar(similar).genes->to_tsv());

    const GeneSets sets = lenient.gene_sets({});
    CHECK(sets.partial);
    CHECK(sets.missing == missing);
    CHECK_FALSE(sets.sets.empty());
    CHECK(to_gmt(sets.sets) == to_gmt(alone.gene_sets({}).sets));

    const IndexStats st = lenient.stats();
    const IndexStats st_alone = alone.stats();
    CHECK(st.partial);
    CHECK(st.missing == missing);
    CHECK(st.to_json().find(marker) != std::string::npos);
    CHECK(st.documents == 2);
    CHECK(st.genes == st_alone.genes);
    CHECK(st.facets.fields == st_alone.facets.fields);

    shards.two.start_again();
    const IndexStats back = lenient.stats();
    CHECK_FALSE(back.partial);
    CHECK(back.to_json().find("\"partial\"") == std::string::npos);
    CHECK(back.documents == test::kGoodRecords);
}

TEST_CASE("C API: capsearch_searcher_open_with a remote shard down: an error, or allow_partial naming it",
          "[api][remote][capi]") {
    if (!test::have_tcpsrv(kTestName)) return;
    TwoRemoteShards shards;
    shards.two.stop();
    const char* name = shards.second_name.c_str();
    capsearch_searcher* searcher = nullptr;
    capsearch_error* err = nullptr;

    capsearch_open_options options;
    capsearch_open_options_init(&options);
    CHECK(options.struct_size == sizeof options);
    CHECK(options.timeout_seconds == 0);
    CHECK(options.allow_partial == 0);
    options.timeout_seconds = 2;
    REQUIRE(capsearch_searcher_open_with(shards.stub.c_str(), &options, &searcher, &err) ==
            CAPSEARCH_DATABASE_NOT_FOUND);
    CHECK(searcher == nullptr);
    CHECK(std::string(capsearch_error_message(err)).find(name) != std::string::npos);
    capsearch_error_free(err);
    REQUIRE(capsearch_searcher_open_with(shards.stub.c_str(), nullptr, &searcher, &err) ==
            CAPSEARCH_DATABASE_NOT_FOUND);
    capsearch_error_free(err);

    options.allow_partial = 1;
    const char* stubs[] = {shards.stub.c_str()};
    REQUIRE(capsearch_searcher_open_shards_with(stubs, 1, &options, &searcher, &err) == CAPSEARCH_OK);
    capsearch_request request;
    capsearch_request_init(&request);
    request.facets = 1;
    capsearch_result* result = nullptr;
    REQUIRE(capsearch_search(searcher, &request, &result, &err) == CAPSEARCH_OK);
    CHECK(capsearch_result_total(result) == 2);  // The seed records of shard 1.
    CHECK(capsearch_result_partial(result) == 1);
    REQUIRE(capsearch_result_missing_count(result) == 1);
    CHECK(std::string(capsearch_result_missing(result, 0)) == name);
    CHECK(capsearch_result_missing(result, 1) == nullptr);
    const std::string marker = std::string("\"partial\":true,\"missing\":[\"") + name + "\"]";
    CHECK(std::string(capsearch_result_json(result)).find(marker) != std::string::npos);
    capsearch_result_free(result);

    // The JSON of the other calls says so too.
    char* json = nullptr;
    REQUIRE(capsearch_searcher_stats_json(searcher, &json, &err) == CAPSEARCH_OK);
    CHECK(std::string(json).find(marker) != std::string::npos);
    capsearch_string_free(json);
    const char* genes[] = {"HER2", "EGFR"};
    REQUIRE(capsearch_enrich_json(searcher, genes, 2, nullptr, nullptr, &json, &err) == CAPSEARCH_OK);
    CHECK(std::string(json).find(marker) != std::string::npos);
    capsearch_string_free(json);
    REQUIRE(capsearch_similar_json(searcher, test::kSeedHer2NoYear.c_str(), CAPSEARCH_SIMILAR_BOTH, nullptr,
                                   &json, &err) == CAPSEARCH_OK);
    CHECK(std::string(json).find(marker) != std::string::npos);
    capsearch_string_free(json);
    // GMT has no room for it: the export says it beside.
    char* gmt = nullptr;
    char* missing = nullptr;
    REQUIRE(capsearch_export_gmt_with_missing(searcher, nullptr, &gmt, &missing, &err) == CAPSEARCH_OK);
    REQUIRE(missing != nullptr);
    CHECK(std::string(missing) == std::string("[\"") + name + "\"]");
    CHECK(std::string(gmt) == to_gmt(Searcher(shards.db1).gene_sets({}).sets));
    capsearch_string_free(gmt);
    capsearch_string_free(missing);
    capsearch_searcher_close(searcher);

    // Shard 2 back: whole answers, without the keys.
    shards.two.start_again();
    REQUIRE(capsearch_searcher_open_with(shards.stub.c_str(), &options, &searcher, &err) == CAPSEARCH_OK);
    REQUIRE(capsearch_search(searcher, &request, &result, &err) == CAPSEARCH_OK);
    CHECK(capsearch_result_total(result) == test::kGoodRecords);
    CHECK(capsearch_result_partial(result) == 0);
    CHECK(capsearch_result_missing_count(result) == 0);
    CHECK(std::string(capsearch_result_json(result)).find("\"partial\"") == std::string::npos);
    capsearch_result_free(result);
    REQUIRE(capsearch_export_gmt_with_missing(searcher, nullptr, &gmt, &missing, &err) == CAPSEARCH_OK);
    CHECK(missing == nullptr);
    CHECK(std::string(gmt) == to_gmt(Searcher(shards.stub).gene_sets({}).sets));
    capsearch_string_free(gmt);
    capsearch_searcher_close(searcher);
}

TEST_CASE("C API: capsearch_open_options is checked: its size and the timeout", "[api][remote][capi]") {
    test::TempDir dir;
    const std::string db = (dir.path() / "db").string();
    index_paths(db, test::write_api_fixture(dir.path()), {});
    capsearch_searcher* searcher = nullptr;
    capsearch_error* err = nullptr;
    capsearch_open_options options;
    capsearch_open_options_init(&options);
    capsearch_open_options_init(nullptr);

    options.struct_size = 0;  // Not initialised.
    CHECK(capsearch_searcher_open_with(db.c_str(), &options, &searcher, &err) == CAPSEARCH_INVALID_ARGUMENT);
    CHECK(std::string(capsearch_error_message(err)).find("capsearch_open_options_init") != std::string::npos);
    capsearch_error_free(err);

    // An older caller's struct that ends before allow_partial: the default (no partial answers).
    options.struct_size = offsetof(capsearch_open_options, allow_partial);
    options.timeout_seconds = 3;
    options.allow_partial = 7;
    REQUIRE(capsearch_searcher_open_with(db.c_str(), &options, &searcher, &err) == CAPSEARCH_OK);
    capsearch_searcher_close(searcher);

    capsearch_open_options_init(&options);
    for (double bad : {-1.0, 86401.0}) {
        options.timeout_seconds = bad;
        CHECK(capsearch_searcher_open_with(db.c_str(), &options, &searcher, &err) ==
              CAPSEARCH_INVALID_ARGUMENT);
        CHECK(std::string(capsearch_error_message(err)).find("timeout") != std::string::npos);
        capsearch_error_free(err);
        CHECK(searcher == nullptr);
    }
    const char* shards[] = {db.c_str()};
    options.timeout_seconds = -1;
    CHECK(capsearch_searcher_open_shards_with(shards, 1, &options, &searcher, &err) ==
          CAPSEARCH_INVALID_ARGUMENT);
    capsearch_error_free(err);
    options.timeout_seconds = 0.5;
    REQUIRE(capsearch_searcher_open_shards_with(shards, 1, &options, &searcher, &err) == CAPSEARCH_OK);
    capsearch_searcher_close(searcher);
}

TEST_CASE("SearchOptions rejects a remote timeout that is not positive", "[api][remote]") {
    test::TempDir dir;
    const std::string db = (dir.path() / "db").string();
    index_paths(db, test::write_api_fixture(dir.path()), {});
    SearchOptions o;
    o.timeout_seconds = 0;
    CHECK_THROWS_AS(Searcher(db, o), Error);
}
