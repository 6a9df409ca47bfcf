// Crash safety: a rebuild or a sync killed with SIGKILL at several moments leaves a whole, searchable
// index (the old one, or for a sync its last commit), and the next run completes the work.
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "capsearch/index.hpp"
#include "support/test_support.hpp"
#include "unit/sync_support.hpp"

using namespace capsearch;
using namespace capsearch::test;
using namespace capsearch::test::sync;

namespace {

using Clock = std::chrono::steady_clock;

// Runs index_paths in a child process and kills it with SIGKILL after `delay`. Returns true when the
// child had already finished (so it was not interrupted).
bool run_and_kill(const fs::path& db, const fs::path& records, const IndexOptions& options,
                  std::chrono::milliseconds delay) {
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        int code = 0;
        try {
            index_paths(db.string(), {records.string()}, options);
        } catch (...) {
            code = 3;
        }
        ::_exit(code);
    }
    std::this_thread::sleep_for(delay);
    ::kill(pid, SIGKILL);
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    if (WIFEXITED(status)) REQUIRE(WEXITSTATUS(status) == 0);
    return WIFEXITED(status);
}

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

}  // namespace

TEST_CASE("a rebuild killed at any moment leaves the old index; the next run completes", "[crash]") {
    TempDir tmp;
    const auto templates = record_templates();
    const fs::path old_records = tmp.path() / "old";
    const fs::path new_records = tmp.path() / "new";
    const fs::path db = tmp.path() / "db";
    write_corpus(old_records, "OLD", 0, 1000, templates);
    write_corpus(new_records, "NEW", 0, 1500, templates);
    IndexOptions options;
    options.threads = 2;
    const auto start = Clock::now();
    index_paths(db.string(), {old_records.string()}, options);
    const double build_seconds = seconds_since(start);

    options.rebuild = true;
    // Kill points spread over the rebuild (it takes ~1.5x the first build): while walking and
    // analysing in the shards, while merging, and around the switch.
    int interrupted = 0;
    for (double fraction : {0.02, 0.2, 0.5, 0.9, 1.2, 1.45}) {
        const auto delay = std::chrono::milliseconds(static_cast<int>(build_seconds * fraction * 1000));
        const bool finished = run_and_kill(db, new_records, options, delay);
        INFO("killed after " << delay.count() << " ms, finished: " << finished);
        const std::size_t n = doc_count(db);
        if (n == 1000) {
            // The old index, whole, and searchable.
            CHECK(has_figid(db, "OLD000999"));
            CHECK_FALSE(has_figid(db, "NEW000000"));
            Xapian::Enquire e(Xapian::Database(db.string()));
            e.set_query(Xapian::Query("QOLD000500"));
            CHECK(e.get_mset(0, 10).size() == 1);
            ++interrupted;
        } else {
            // The switch happened before the kill: the new index, whole.
            CHECK(n == 1500);
            CHECK(has_figid(db, "NEW001499"));
            CHECK_FALSE(has_figid(db, "OLD000000"));
            break;
        }
    }
    CHECK(interrupted >= 3);

    const IndexReport r = index_paths(db.string(), {new_records.string()}, options);
    CHECK(r.documents == 1500);
    CHECK(doc_count(db) == 1500);
    CHECK(leftovers(db).empty());
    CHECK(check_index(db.string()).ok);
}

TEST_CASE("a first build killed at any moment is completed by the next run", "[crash]") {
    TempDir tmp;
    const fs::path records = tmp.path() / "records";
    const fs::path db = tmp.path() / "db";
    write_corpus(records, "FIRST", 0, 600, record_templates());
    IndexOptions options;
    options.threads = 2;
    for (int ms : {5, 60, 250}) {
        if (run_and_kill(db, records, options, std::chrono::milliseconds(ms))) break;
        // Nothing, or an empty index: never a partial one.
        if (fs::exists(db / "XAPIANDB")) CHECK((doc_count(db) == 0 || doc_count(db) == 600));
    }
    const IndexReport r = index_paths(db.string(), {records.string()}, options);
    CHECK(doc_count(db) == 600);
    CHECK(r.documents == 600);
    CHECK(leftovers(db).empty());
}

TEST_CASE("a sync killed at any moment leaves its last commit; the next run completes", "[crash]") {
    TempDir tmp;
    const auto templates = record_templates();
    const fs::path records = tmp.path() / "records";
    const fs::path db = tmp.path() / "db";
    write_corpus(records, "SYNC", 0, 1000, templates);
    IndexOptions options;
    options.threads = 2;
    options.batch_size = 100;
    index_paths(db.string(), {records.string()}, options);

    // 500 changed, 1000 added, 100 deleted.
    for (std::size_t i = 0; i < 1000; i += 2) {
        write_file(record_path(records, "SYNC", i),
                   with_caption_word(read_file(record_path(records, "SYNC", i)), "crashproof"));
    }
    write_corpus(records, "SYNC", 1000, 1000, templates);
    for (std::size_t i = 1; i < 200; i += 2) fs::remove(record_path(records, "SYNC", i));

    const auto start = Clock::now();
    bool finished = false;
    std::size_t previous = 1000;
    for (int ms : {30, 150, 300, 500, 800}) {
        finished = run_and_kill(db, records, options, std::chrono::milliseconds(ms));
        INFO("killed after " << ms << " ms");
        // Some commits made it, and every figure is whole: one document per figid, data readable.
        const std::size_t n = doc_count(db);
        CHECK(n >= 900);
        CHECK(n <= 2000);
        const CheckReport check = check_index(db.string());
        CHECK(check.ok);
        for (const std::string& p : check.problems) UNSCOPED_INFO(p);
        CHECK(has_figid(db, "SYNC000998"));  // Changed or not, never lost.
        previous = n;
        if (finished) break;
    }
    (void)previous;
    (void)start;

    const IndexReport r = index_paths(db.string(), {records.string()}, options);
    CHECK(r.documents == 1900);
    CHECK(doc_count(db) == 1900);
    CHECK(term_docs(db, "crashproof") == 500);
    CHECK_FALSE(has_figid(db, "SYNC000001"));
    CHECK(has_figid(db, "SYNC001999"));
    // What the killed runs committed is not done again: the finishing run only did the rest.
    CHECK(r.added + r.updated + r.deleted + r.unchanged <= 1900 + 100);
    CHECK(check_index(db.string()).ok);

    const IndexReport again = index_paths(db.string(), {records.string()}, options);
    CHECK(again.added + again.updated + again.deleted == 0);
    CHECK(again.unchanged == 1900);
}
