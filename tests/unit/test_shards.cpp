// Sharded indexes (index --shards N): the layout on disk, the recorded shard count, leftovers of
// interrupted runs, and record-level edits routed to the figid's shard.
#include <xapian.h>

#include <algorithm>
#include <catch2/catch.hpp>

#include "capsearch/error.hpp"
#include "capsearch/index.hpp"
#include "schema/shard_route.hpp"
#include "support/test_support.hpp"
#include "unit/sync_support.hpp"

using namespace capsearch;
using namespace capsearch::test;
using namespace capsearch::test::sync;

namespace {

IndexOptions sharded(unsigned shards, bool rebuild = false) {
    IndexOptions o;
    o.threads = 2;
    o.shards = shards;
    o.rebuild = rebuild;
    return o;
}

// The figids in shard `k` of `db`.
std::vector<std::string> shard_figids(const fs::path& db, unsigned k) {
    Xapian::Database d((db / ("shard-" + std::to_string(k))).string());
    std::vector<std::string> out;
    for (auto t = d.allterms_begin("Q"); t != d.allterms_end("Q"); ++t) out.push_back((*t).substr(1));
    return out;
}

// `count` generated records in tmp/records, indexed into tmp/db with `shards` shards.
struct ShardedIndex {
    TempDir tmp;
    fs::path records = tmp.path() / "records";
    fs::path db = tmp.path() / "db";
    IndexReport built;

    ShardedIndex(const std::string& prefix, std::size_t count, unsigned shards) {
        write_corpus(records, prefix, 0, count, record_templates());
        built = index_paths(db.string(), {records.string()}, sharded(shards));
    }
};

}  // namespace

TEST_CASE("the shard of a figid is FNV-1a 64 of its bytes modulo the count, forever", "[shards]") {
    // Values computed once from the documented function: a change would misplace every sharded index.
    CHECK(index::shard_of("PMC3808214__brc-0008-0256-g02", 3) == 0x383fa2175ca8e667ULL % 3);
    CHECK(index::shard_of("", 7) == 0xcbf29ce484222325ULL % 7);
    CHECK(index::shard_of("a", 1000) == 0xaf63dc4c8601ec8cULL % 1000);
}

TEST_CASE("a sharded build lays out DB/shard-K, each shard an index of its own", "[shards]") {
    const ShardedIndex idx("SH", 60, 3);
    const fs::path& db = idx.db;
    const IndexReport& r = idx.built;
    CHECK(r.added == 60);
    CHECK(r.documents == 60);
    const std::string gen = live_generation(db / "shard-0");
    CHECK(read_file(db / "XAPIANDB") ==
          "glass shard-0/" + gen + "\nglass shard-1/" + gen + "\nglass shard-2/" + gen + "\n");
    std::size_t total = 0;
    for (unsigned k = 0; k < 3; ++k) {
        const fs::path shard = db / ("shard-" + std::to_string(k));
        CHECK(leftovers(shard).empty());
        for (const std::string& figid : shard_figids(db, k)) CHECK(index::shard_of(figid, 3) == k);
        total += doc_count(shard);
        // Each shard carries the index's lexicon and schema.
        CHECK(Xapian::Database(shard.string()).get_metadata("capsearch:lexicon-id") == r.lexicon_id);
    }
    CHECK(total == 60);
    CHECK(doc_count(db) == 60);
    for (std::size_t i = 0; i < 60; ++i) CHECK(has_figid(db, figid_of("SH", i)));
    // Nothing but the stub, the lexicon image (once, for all shards) and the shard folders (the first
    // run's empty generation is gone).
    std::vector<std::string> entries;
    for (const auto& e : fs::directory_iterator(db)) entries.push_back(e.path().filename().string());
    std::sort(entries.begin(), entries.end());
    CHECK(entries == std::vector<std::string>{"XAPIANDB", "lexicon-" + r.lexicon_id + ".img", "shard-0",
                                              "shard-1", "shard-2"});
}

TEST_CASE("the shard count is recorded: another one needs --rebuild", "[shards]") {
    const ShardedIndex idx("CNT", 10, 3);
    const fs::path& db = idx.db;
    const fs::path& records = idx.records;
    const fs::path one = idx.tmp.path() / "one";
    index_paths(one.string(), {records.string()}, sharded(0));
    CHECK_THROWS_WITH(index_paths(db.string(), {records.string()}, sharded(2)),
                      Catch::Contains("has 3 shards, not 2: add --rebuild"));
    CHECK_THROWS_WITH(index_paths(one.string(), {records.string()}, sharded(4)),
                      Catch::Contains("has 1 shard, not 4: add --rebuild"));
    // No --shards: the recorded count; the same count: a sync.
    CHECK(index_paths(db.string(), {records.string()}, sharded(0)).unchanged == 10);
    CHECK(index_paths(db.string(), {records.string()}, sharded(3)).unchanged == 10);
    const IndexReport r = index_paths(db.string(), {records.string()}, sharded(2, true));
    CHECK(r.rebuilt);
    CHECK(r.updated == 10);
    CHECK_FALSE(fs::exists(db / "shard-2"));
    CHECK(doc_count(db) == 10);
    for (unsigned k = 0; k < 2; ++k) {
        for (const std::string& figid : shard_figids(db, k)) CHECK(index::shard_of(figid, 2) == k);
    }
}

TEST_CASE("leftovers of an interrupted sharded run are removed by the next run", "[shards]") {
    const ShardedIndex idx("LEFT", 10, 2);
    const fs::path& db = idx.db;
    const fs::path& records = idx.records;
    // A re-shard killed before its switch leaves new generations, a third shard and a work folder.
    fs::create_directories(db / "shard-0" / "gen-000009");
    fs::create_directories(db / "shard-2" / "gen-000009");
    fs::create_directories(db / "gen-000009.shards");
    index_paths(db.string(), {records.string()}, sharded(0));
    CHECK_FALSE(fs::exists(db / "shard-2"));
    CHECK_FALSE(fs::exists(db / "gen-000009.shards"));
    CHECK(leftovers(db / "shard-0").empty());
    CHECK(doc_count(db) == 10);
}

TEST_CASE("IndexWriter puts and removes figures in their shard", "[shards][writer]") {
    const ShardedIndex idx("WR", 10, 3);
    const fs::path& db = idx.db;
    {
        IndexWriter writer(db.string());
        Record rec;
        rec.figid = "WR-new-figure";
        rec.title = "A figure put by IndexWriter";
        CHECK_FALSE(writer.put(rec));
        CHECK(writer.put(rec));
        CHECK(writer.remove(figid_of("WR", 4)));
        CHECK_FALSE(writer.remove(figid_of("WR", 4)));
        CHECK(writer.size() == 10);
    }
    CHECK(doc_count(db) == 10);
    CHECK(has_figid(db, "WR-new-figure"));
    CHECK_FALSE(has_figid(db, figid_of("WR", 4)));
    const auto in_shard = shard_figids(db, index::shard_of("WR-new-figure", 3));
    CHECK(std::find(in_shard.begin(), in_shard.end(), "WR-new-figure") != in_shard.end());
}

TEST_CASE("check finds a figure in the wrong shard or in two shards", "[shards][check]") {
    const ShardedIndex idx("CHK", 30, 3);
    CheckReport ok = check_index(idx.db.string());
    INFO((ok.problems.empty() ? "" : ok.problems.front()));
    CHECK(ok.ok);
    CHECK(ok.documents == 30);
    // Copy a figure of shard 1 into shard 0 (its hash names shard 1): in two shards, one wrong.
    const std::string figid = shard_figids(idx.db, 1).front();
    const std::string gen = live_generation(idx.db / "shard-0");
    {
        Xapian::Database from((idx.db / "shard-1").string());
        Xapian::WritableDatabase to((idx.db / "shard-0" / gen).string(), Xapian::DB_OPEN);
        const std::string term = "Q" + figid;
        to.replace_document(term, from.get_document(*from.postlist_begin(term)));
        to.commit();
    }
    const CheckReport bad = check_index(idx.db.string());
    CHECK_FALSE(bad.ok);
    auto mentions = [&](const std::string& text) {
        return std::any_of(bad.problems.begin(), bad.problems.end(),
                           [&](const std::string& p) { return p.find(text) != std::string::npos; });
    };
    CHECK(mentions("figid " + figid + " is held by 2 documents"));
    CHECK(mentions("figid " + figid + " is in shard-0, but its hash names shard-1"));
}
