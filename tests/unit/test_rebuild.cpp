// Full builds and rebuilds: a new generation built in parallel shards beside the live one, switched
// atomically, the old one removed; readers see a whole index throughout; leftovers are cleaned; compaction.
#include <xapian.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <map>
#include <thread>
#include <utility>

#include "capsearch/error.hpp"
#include "capsearch/index.hpp"
#include "support/test_support.hpp"
#include "unit/sync_support.hpp"

using namespace capsearch;
using namespace capsearch::test;
using namespace capsearch::test::sync;

namespace {

IndexOptions with_threads(unsigned threads, bool rebuild = false, unsigned shards = 0) {
    IndexOptions o;
    o.threads = threads;
    o.rebuild = rebuild;
    o.shards = shards;
    return o;
}

// Every term with its document frequency: equal maps mean equal indexes, whatever the docids.
std::map<std::string, Xapian::doccount> term_frequencies(const fs::path& db) {
    Xapian::Database d(db.string());
    std::map<std::string, Xapian::doccount> out;
    for (auto t = d.allterms_begin(); t != d.allterms_end(); ++t) out[*t] = t.get_termfreq();
    return out;
}

}  // namespace

TEST_CASE("a rebuild switches to a new generation and removes the old one", "[rebuild]") {
    TempDir tmp;
    const auto templates = record_templates();
    const fs::path records = tmp.path() / "records";
    const fs::path db = tmp.path() / "db";
    write_corpus(records, "REB", 0, 50, templates);
    index_paths(db.string(), {records.string()}, with_threads(2));
    const std::string first = live_generation(db);
    REQUIRE(fs::is_directory(db / first));

    fs::remove(record_path(records, "REB", 0));
    write_corpus(records, "REB", 50, 5, templates);
    const IndexReport r = index_paths(db.string(), {records.string()}, with_threads(2, true));
    CHECK(r.rebuilt);
    CHECK(r.added == 5);
    CHECK(r.updated == 49);
    CHECK(r.deleted == 1);
    CHECK(r.documents == 54);
    CHECK(doc_count(db) == 54);
    const std::string second = live_generation(db);
    CHECK(second != first);
    CHECK_FALSE(fs::exists(db / first));
    CHECK(leftovers(db).empty());
    CHECK_FALSE(has_figid(db, figid_of("REB", 0)));
    CHECK(has_figid(db, figid_of("REB", 54)));
    // The stub is what Xapian opens, and it is one line naming the generation.
    CHECK(read_file(db / "XAPIANDB") == "glass " + second + "\n");
}

TEST_CASE("a parallel full build equals a single-threaded one, duplicates across shards included",
          "[rebuild]") {
    TempDir tmp;
    const auto templates = record_templates();
    const fs::path records = tmp.path() / "records";
    write_corpus(records, "PAR", 0, 600, templates);
    // The same figid early (first shard) and late (last shard): the later file must win.
    write_file(record_path(records, "PAR", 3),
               with_figid(read_file(record_path(records, "PAR", 3)), "PAR-SAME"));
    write_file(record_path(records, "PAR", 590),
               with_figid(with_caption_word(read_file(record_path(records, "PAR", 590)), "lastfilewins"),
                          "PAR-SAME"));

    const fs::path one = tmp.path() / "one";
    const fs::path four = tmp.path() / "four";
    const IndexReport r1 = index_paths(one.string(), {records.string()}, with_threads(1));
    const IndexReport r4 = index_paths(four.string(), {records.string()}, with_threads(4));
    CHECK(r1.added == 599);
    CHECK(r4.added == 599);
    REQUIRE(r4.skipped.size() == 1);
    CHECK(r4.skipped[0].file == record_path(records, "PAR", 3).string());
    CHECK(r4.skipped[0].reason.find("duplicate figid PAR-SAME") != std::string::npos);
    CHECK(term_docs(four, "lastfilewins") == 1);
    CHECK(term_docs(four, "QPAR-SAME") == 1);
    CHECK(term_frequencies(one) == term_frequencies(four));
    Xapian::Database a(one.string()), b(four.string());
    CHECK(a.get_metadata("capsearch:lexicon-id") == b.get_metadata("capsearch:lexicon-id"));
    CHECK(a.get_avlength() == Approx(b.get_avlength()));
}

TEST_CASE("leftovers of interrupted runs are removed by the next run", "[rebuild]") {
    TempDir tmp;
    const fs::path records = tmp.path() / "records";
    const fs::path db = tmp.path() / "db";
    write_corpus(records, "LEFT", 0, 10, record_templates());
    index_paths(db.string(), {records.string()}, with_threads(1));
    fs::create_directories(db / "gen-000009" / "junk");
    fs::create_directories(db / "gen-000010.shards" / "shard-0");
    write_file(db / "XAPIANDB.tmp", "glass gen-000009\n");

    const IndexReport r = index_paths(db.string(), {records.string()}, with_threads(1));
    CHECK(r.unchanged == 10);
    CHECK(leftovers(db).empty());

    // A first build that died before its stub existed: the folder holds only our leftovers.
    const fs::path fresh = tmp.path() / "fresh";
    fs::create_directories(fresh / "gen-000001");
    fs::create_directories(fresh / "gen-000002.shards");
    const IndexReport f = index_paths(fresh.string(), {records.string()}, with_threads(1));
    CHECK(f.added == 10);
    CHECK(leftovers(fresh).empty());
}

// A reader opening and searching `db` in a loop while it is rebuilt (from `old_shards` shards to
// `new_shards`) sees the old or the new index, never a mix.
static void check_reader_during_rebuild(unsigned old_shards, unsigned new_shards) {
    TempDir tmp;
    const auto templates = record_templates();
    const fs::path old_records = tmp.path() / "old";
    const fs::path new_records = tmp.path() / "new";
    const fs::path db = tmp.path() / "db";
    write_corpus(old_records, "OLD", 0, 300, templates);
    write_corpus(new_records, "NEW", 0, 500, templates);
    index_paths(db.string(), {old_records.string()}, with_threads(2, false, old_shards));

    std::atomic<bool> done{false};
    std::atomic<int> saw_old{0}, saw_new{0}, saw_other{0}, reopen_races{0};
    std::string other;
    std::thread reader([&] {
        while (!done) {
            try {
                Xapian::Database d(db.string());
                const Xapian::doccount n = d.get_doccount();
                const bool has_old = d.term_exists("QOLD000123");
                const bool has_new = d.term_exists("QNEW000456");
                Xapian::Enquire e(d);
                e.set_query(Xapian::Query(std::string("Q") + (n == 300 ? "OLD000299" : "NEW000499")));
                const Xapian::doccount hits = e.get_mset(0, 10).size();
                if (n == 300 && has_old && !has_new && hits == 1) {
                    ++saw_old;
                } else if (n == 500 && has_new && !has_old && hits == 1) {
                    ++saw_new;
                } else {
                    ++saw_other;
                    other = std::to_string(n);
                }
            } catch (const Xapian::DatabaseOpeningError&) {
                // Opened the stub just before the switch and the old generation was removed before its
                // tables were opened: a reader retries (as the searcher does when the stub changed).
                ++reopen_races;
            }
        }
    });
    // No guessed delays: the reader must have seen the old index before the rebuild starts and the new
    // one after it ends, however slowly a loaded machine schedules it.
    const bool read_old = wait_until([&] { return saw_old > 0 || saw_other > 0; });
    const IndexReport r = index_paths(db.string(), {new_records.string()}, with_threads(2, true, new_shards));
    const bool read_new = wait_until([&] { return saw_new > 0 || saw_other > 0; });
    done = true;
    reader.join();
    CHECK(r.documents == 500);
    CHECK(saw_other == 0);
    INFO("other doc count " << other << "; reopen races " << reopen_races);
    CHECK(read_old);
    CHECK(read_new);
    CHECK(saw_old > 0);
    CHECK(saw_new > 0);
}

TEST_CASE("a reader searching during a rebuild sees the old or the new index, never a mix", "[rebuild]") {
    check_reader_during_rebuild(1, 1);
}

TEST_CASE("a reader searching during a re-shard sees the old or the new shards, never a mix",
          "[rebuild][shards]") {
    SECTION("3 shards to 2") { check_reader_during_rebuild(3, 2); }
    SECTION("one index to 3 shards") { check_reader_during_rebuild(1, 3); }
    SECTION("2 shards to one index") { check_reader_during_rebuild(2, 1); }
}

TEST_CASE("a reader with the old generation open keeps working after the switch", "[rebuild]") {
    // One index, and a sharded one re-sharded (its old shard generations and folders removed).
    const auto [old_shards, new_shards] = GENERATE(std::pair(1u, 1u), std::pair(3u, 2u));
    TempDir tmp;
    const auto templates = record_templates();
    const fs::path records = tmp.path() / "records";
    const fs::path db = tmp.path() / "db";
    write_corpus(records, "KEEP", 0, 20, templates);
    index_paths(db.string(), {records.string()}, with_threads(1, false, old_shards));
    Xapian::Database held(db.string());
    write_corpus(records, "KEEP", 20, 5, templates);
    index_paths(db.string(), {records.string()}, with_threads(1, true, new_shards));
    CHECK(fs::exists(db / "shard-2") == (new_shards > 2));
    // The old generation's files are gone from the folder, but the open handle still reads them.
    Xapian::Enquire e(held);
    e.set_query(Xapian::Query("QKEEP000003"));
    CHECK(e.get_mset(0, 10).size() == 1);
    CHECK(held.get_doccount() == 20);
    CHECK(doc_count(db) == 25);
}

TEST_CASE("compact_index rewrites the live generation and switches to it", "[rebuild]") {
    TempDir tmp;
    const auto templates = record_templates();
    const fs::path records = tmp.path() / "records";
    const fs::path db = tmp.path() / "db";
    write_corpus(records, "CMP", 0, 60, templates);
    index_paths(db.string(), {records.string()}, with_threads(1));
    for (std::size_t i = 0; i < 60; i += 3) {
        write_file(record_path(records, "CMP", i),
                   with_caption_word(read_file(record_path(records, "CMP", i)), "compactable"));
    }
    IndexOptions small;
    small.batch_size = 5;
    index_paths(db.string(), {records.string()}, small);
    const auto before = term_frequencies(db);
    const std::string gen = live_generation(db);

    compact_index(db.string());
    CHECK(live_generation(db) != gen);
    CHECK(leftovers(db).empty());
    CHECK(term_frequencies(db) == before);
    CHECK(term_docs(db, "compactable") == 20);
    CHECK(check_index(db.string()).ok);
    // Still an index we can sync.
    CHECK(index_paths(db.string(), {records.string()}).unchanged == 60);
}

TEST_CASE("compact and check of a missing index fail clearly", "[rebuild]") {
    TempDir tmp;
    const fs::path db = tmp.path() / "nothing";
    try {
        compact_index(db.string());
        FAIL("no error");
    } catch (const DatabaseError& e) {
        CHECK(e.code() == ErrorCode::database_not_found);
        CHECK(std::string(e.what()).find(db.string()) != std::string::npos);
    }
    CHECK_THROWS_AS(check_index(db.string()), DatabaseError);
    CHECK_FALSE(fs::exists(db));
}
