// Room for a commit, checked before Xapian writes it: what the file system reports, what a folder
// holds, reservations shared by the threads of a run, and the in-place estimate's bounds.
#include <xapian.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "capsearch/error.hpp"
#include "capsearch/index.hpp"
#include "indexer/disk_space.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;
using namespace capsearch;
using namespace capsearch::index;
using capsearch::test::TempDir;

TEST_CASE("free_bytes asks the nearest existing folder, and folder_bytes sums the files under a folder",
          "[disk]") {
    TempDir tmp;
    const auto here = free_bytes(tmp.path());
    REQUIRE(here.has_value());
    CHECK(*here > 0);
    const auto below = free_bytes(tmp.path() / "not" / "yet" / "made");
    REQUIRE(below.has_value());
    CHECK(*below > 0);

    CHECK(folder_bytes(tmp.path() / "absent") == 0);
    capsearch::test::write_file(tmp.path() / "db" / "a", std::string(100, 'a'));
    capsearch::test::write_file(tmp.path() / "db" / "sub" / "b", std::string(250, 'b'));
    CHECK(folder_bytes(tmp.path() / "db") == 350);
}

TEST_CASE("a reservation larger than the free space is refused, naming the place and the need", "[disk]") {
    TempDir tmp;
    SpaceBudget budget(tmp.path() / "db");
    const std::uintmax_t free = *free_bytes(tmp.path());
    try {
        (void)budget.reserve(tmp.path(), free * 2, "writing a test segment");
        FAIL("a reservation of twice the free space was granted");
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::io);
        const std::string what = e.what();
        CHECK_THAT(what,
                   Catch::Contains("index " + (tmp.path() / "db").string() + ": No space left on device"));
        CHECK_THAT(what, Catch::Contains("writing a test segment needs about"));
        CHECK_THAT(what, Catch::Contains("KiB are free"));
    }
}

TEST_CASE("reservations held at once add up, and a released one frees its share", "[disk]") {
    TempDir tmp;
    SpaceBudget budget(tmp.path() / "db");
    const std::uintmax_t free = *free_bytes(tmp.path());
    {
        const SpaceBudget::Hold most = budget.reserve(tmp.path(), free / 4 * 3, "one commit");
        // Only about a quarter is left for a second commit.
        CHECK_THROWS_AS(budget.reserve(tmp.path(), free / 2, "another commit"), Error);
        CHECK_NOTHROW(budget.reserve(tmp.path(), 1024, "a small commit"));
    }
    CHECK_NOTHROW(budget.reserve(tmp.path(), free / 2, "another commit"));
}

TEST_CASE("the in-place commit estimate grows with the changes and is bounded by the index", "[disk]") {
    TempDir tmp;
    const fs::path db = tmp.path() / "db";
    {
        IndexWriter writer(db.string());
        for (int i = 0; i < 20; ++i) {
            Record r;
            r.figid = "PMC" + std::to_string(1000 + i) + "__F1";
            r.title = "EGFR signalling in lung cancer cells, figure " + std::to_string(i);
            r.caption = "Binding of EGF to EGFR activates KRAS, BRAF and MAPK1 downstream.";
            writer.put(r);
        }
        writer.commit();
    }
    const Xapian::Database xdb(db.string());
    const std::uintmax_t bytes = folder_bytes(db);
    REQUIRE(bytes > 0);
    CHECK(in_place_commit_estimate(xdb, bytes, 0) == kCommitOverhead);
    const std::uintmax_t one = in_place_commit_estimate(xdb, bytes, 1);
    const std::uintmax_t ten = in_place_commit_estimate(xdb, bytes, 10);
    CHECK(one > kCommitOverhead);
    CHECK(ten > one);
    // The rewritten blocks never exceed the index (or 16 blocks of a tiny one); the rest is the new
    // documents themselves, twice.
    const std::uintmax_t docs = 100000;
    const std::uintmax_t per_doc = bytes / xdb.get_doccount();
    CHECK(in_place_commit_estimate(xdb, bytes, docs) <=
          kCommitOverhead + 2 * docs * per_doc + std::max<std::uintmax_t>(bytes, 16 * 8192));

    // An empty index assumes a large record's share per document.
    const fs::path empty = tmp.path() / "empty";
    Xapian::WritableDatabase(empty.string(), Xapian::DB_CREATE).commit();
    const Xapian::Database edb(empty.string());
    CHECK(in_place_commit_estimate(edb, 0, 3) >= kCommitOverhead + 2 * 3 * kUnknownDocBytes);
}
