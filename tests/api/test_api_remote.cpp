// Remote shards behind xapian-tcpsrv on 127.0.0.1, through the public API: a long-lived Searcher
// survives the server's idle timeout and a rebuild or compaction under the running server, a shard
// that is down is an error (or, with allow_partial, a partial answer naming it), and one that comes
// back is used again.
#include <catch2/catch.hpp>
#include <chrono>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "api/api_fixture.hpp"
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
    test::TempDir dir;
    const auto paths = test::write_api_fixture(dir.path());
    // Shard 1: the seed files; shard 2: the records folder.
    const std::string db1 = (dir.path() / "db1").string();
    const std::string db2 = (dir.path() / "db2").string();
    index_paths(db1, {paths[0], paths[1]}, {});
    index_paths(db2, {paths[2]}, {});
    test::TcpServer one({db1});
    test::TcpServer two({db2});
    const std::string stub = (dir.path() / "stub").string();
    test::write_file(stub, one.stub_line() + two.stub_line());
    const std::string second = "127.0.0.1:" + std::to_string(two.port());

    SearchOptions partial;
    partial.allow_partial = true;
    partial.timeout_seconds = 2;
    Searcher lenient(stub, partial);
    const SearchResult whole = find(lenient, "");
    CHECK(whole.total == test::kGoodRecords);
    CHECK_FALSE(whole.partial);

    two.stop();
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

    two.start_again();
    const SearchResult back = find(lenient, "");
    CHECK_FALSE(back.partial);
    CHECK(back.total == test::kGoodRecords);
    CHECK(back.to_json() == whole.to_json());  // Same hits and facets.
}

TEST_CASE("SearchOptions rejects a remote timeout that is not positive", "[api][remote]") {
    test::TempDir dir;
    const std::string db = (dir.path() / "db").string();
    index_paths(db, test::write_api_fixture(dir.path()), {});
    SearchOptions o;
    o.timeout_seconds = 0;
    CHECK_THROWS_AS(Searcher(db, o), Error);
}
