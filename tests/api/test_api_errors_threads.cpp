// Public API failure modes (each a documented capsearch::Error subclass with a useful message) and a
// Searcher shared by several threads giving the same results as sequential searches.
#include <catch2/catch.hpp>
#include <string>
#include <thread>
#include <vector>

#include "api/api_fixture.hpp"
#include "capsearch/capsearch.hpp"
#include "support/test_support.hpp"

using namespace capsearch;

TEST_CASE("opening a missing index throws DatabaseError(database_not_found) naming the path", "[api]") {
    test::TempDir dir;
    std::string missing = (dir.path() / "no-such-index").string();
    try {
        Searcher s(missing);
        FAIL("opened a missing index");
    } catch (const DatabaseError& e) {
        CHECK(e.code() == ErrorCode::database_not_found);
        CHECK(std::string(e.what()).find(missing) != std::string::npos);
    }
    CHECK_THROWS_AS(Searcher(std::vector<std::string>{missing}), DatabaseError);
    CHECK_THROWS_AS(check_index(missing), Error);
}

TEST_CASE("malformed queries throw QueryError with strict, the Searcher stays usable", "[api]") {
    test::TempDir dir;
    std::string db = (dir.path() / "db").string();
    index_paths(db, test::write_api_fixture(dir.path()));
    Searcher searcher(db);
    const std::string deep = std::string(10000, '(') + "Wnt" + std::string(10000, ')');
    const std::string nested = std::string(65, '(') + "Wnt" + std::string(65, ')');
    for (std::string bad : {std::string("\"unclosed phrase"), std::string("(Wnt OR insulin"), std::string("Wnt AND"),
                            std::string("year:20x5"), deep, nested, std::string(120000, '(')}) {
        SearchRequest req;
        req.query = bad;
        req.strict = true;
        INFO(bad.substr(0, 80));
        try {
            searcher.search(req);
            FAIL("accepted a malformed query");
        } catch (const QueryError& e) {
            CHECK(e.code() == ErrorCode::query);
            CHECK_FALSE(std::string(e.what()).empty());
        }
    }
    SearchRequest good;
    good.query = "Wnt";
    CHECK(searcher.search(good).total == 2);
}

TEST_CASE("a second IndexWriter on the same index fails with DatabaseLockedError", "[api]") {
    test::TempDir dir;
    std::string db = (dir.path() / "db").string();
    IndexWriter first(db);
    CHECK_THROWS_AS(IndexWriter(db), DatabaseLockedError);
    CHECK_THROWS_AS(index_paths(db, {(test::source_dir() / "corpus").string()}), DatabaseLockedError);
}

TEST_CASE("reading a bad record throws InputError naming the file", "[api]") {
    test::TempDir dir;
    test::write_api_fixture(dir.path());
    auto broken = test::broken_record(dir.path()).string();
    try {
        read_record_file(broken);
        FAIL("read a record without a figid");
    } catch (const InputError& e) {
        CHECK(e.file() == broken);
        CHECK(std::string(e.what()).find(broken) != std::string::npos);
        CHECK_FALSE(e.reason().empty());
    }
}

TEST_CASE("concurrent searches on one Searcher equal sequential ones", "[api][threads]") {
    test::TempDir dir;
    std::string db = (dir.path() / "db").string();
    index_paths(db, test::write_api_fixture(dir.path()));
    const Searcher searcher(db);

    const std::vector<std::string> queries = {
        "HER2", "Wnt",         "signaling",  "insulin OR notch", "\"fin regeneration\"",
        "",     "caption:akt", "resistance", "stem cells",       "title:signaling"};
    auto make = [](const std::string& q) {
        SearchRequest req;
        req.query = q;
        req.limit = 100;
        req.facets = true;
        return req;
    };
    std::vector<std::string> expected;
    for (const auto& q : queries) expected.push_back(searcher.search(make(q)).to_json());

    constexpr int kThreads = 6;
    constexpr int kRounds = 25;
    std::vector<std::vector<std::string>> got(kThreads);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int round = 0; round < kRounds; ++round) {
                for (std::size_t i = 0; i < queries.size(); ++i) {
                    // Each thread walks the queries from a different start to interleave them.
                    std::size_t q = (i + static_cast<std::size_t>(t)) % queries.size();
                    std::string json = searcher.search(make(queries[q])).to_json();
                    if (json != expected[q]) got[t].push_back(queries[q] + " -> " + json);
                }
            }
        });
    }
    for (auto& th : threads) th.join();
    for (int t = 0; t < kThreads; ++t) {
        INFO("thread " << t);
        CHECK(got[t].empty());
    }
}
