// Crash safety: a rebuild or a sync killed with SIGKILL at exact points (a test-only fault hook)
// leaves a whole, searchable index (the old one, or for a sync its last commit), and the next run
// completes the work.
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "capsearch/index.hpp"
#include "schema/terms.hpp"
#include "support/test_support.hpp"
#include "unit/sync_support.hpp"

using namespace capsearch;
using namespace capsearch::test;
using namespace capsearch::test::sync;

namespace {

// Runs index_paths in a child process that kills itself with SIGKILL at `fault` ("POINT:N", see
// indexer/fault_injection.hpp): exact points instead of guessed delays. Returns true when the child
// was killed there, false when it finished first.
bool run_with_fault(const fs::path& db, const fs::path& records, const IndexOptions& options,
                    const std::string& fault) {
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        ::setenv("CAPSEARCH_FAULT_KILL", fault.c_str(), 1);
        int code = 0;
        try {
            index_paths(db.string(), {records.string()}, options);
        } catch (...) {
            code = 3;
        }
        ::_exit(code);
    }
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    if (WIFEXITED(status)) REQUIRE(WEXITSTATUS(status) == 0);
    return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

}  // namespace

TEST_CASE("a rebuild killed at any moment leaves the old index, the next run completes", "[crash]") {
    TempDir tmp;
    const auto templates = record_templates();
    const fs::path old_records = tmp.path() / "old";
    const fs::path new_records = tmp.path() / "new";
    const fs::path db = tmp.path() / "db";
    write_corpus(old_records, "OLD", 0, 600, templates);
    write_corpus(new_records, "NEW", 0, 900, templates);
    IndexOptions options;
    options.threads = 2;
    index_paths(db.string(), {old_records.string()}, options);

    options.rebuild = true;
    // Kill points (exact, not timed): while analysing into the shards (early and late), as the merge
    // into the new generation starts, once it is complete (before the switch), and just after the switch.
    const std::string live = live_generation(db);
    const std::vector<std::string> points = {"build-record:20", "build-record:800", "build-merge:1",
                                             "build-merged:1", "build-switched:1"};
    for (const std::string& point : points) {
        const fs::path copy = tmp.path() / ("db-" + std::string(point).replace(point.find(':'), 1, "-"));
        fs::copy(db, copy, fs::copy_options::recursive);
        INFO("killed at " << point);
        REQUIRE(run_with_fault(copy, new_records, options, point));
        const std::size_t n = doc_count(copy);
        if (point != "build-switched:1") {
            // The old index, whole, and searchable.
            CHECK(n == 600);
            CHECK(has_figid(copy, "OLD000599"));
            CHECK_FALSE(has_figid(copy, "NEW000000"));
            Xapian::Enquire e(Xapian::Database(copy.string()));
            e.set_query(Xapian::Query("QOLD000500"));
            CHECK(e.get_mset(0, 10).size() == 1);
            CHECK(live_generation(copy) == live);
        } else {
            // The switch happened before the kill: the new index, whole.
            CHECK(n == 900);
            CHECK(has_figid(copy, "NEW000899"));
            CHECK_FALSE(has_figid(copy, "OLD000000"));
        }
        // The next run completes the work and removes what the killed one left.
        const IndexReport r = index_paths(copy.string(), {new_records.string()}, options);
        CHECK(r.documents == 900);
        CHECK(doc_count(copy) == 900);
        CHECK(leftovers(copy).empty());
        CHECK(check_index(copy.string()).ok);
    }
}

TEST_CASE("a first build killed at any moment is completed by the next run", "[crash]") {
    TempDir tmp;
    const fs::path records = tmp.path() / "records";
    write_corpus(records, "FIRST", 0, 600, record_templates());
    IndexOptions options;
    options.threads = 2;
    for (const char* point : {"build-record:5", "build-record:300", "build-merged:1"}) {
        INFO("killed at " << point);
        const fs::path db =
            tmp.path() / ("db-" + std::string(point).replace(std::string(point).find(':'), 1, "-"));
        REQUIRE(run_with_fault(db, records, options, point));
        // Nothing, or an empty index: never a partial one.
        if (fs::exists(db / "XAPIANDB")) CHECK(doc_count(db) == 0);
        const IndexReport r = index_paths(db.string(), {records.string()}, options);
        CHECK(doc_count(db) == 600);
        CHECK(r.documents == 600);
        CHECK(leftovers(db).empty());
    }
}

TEST_CASE("a sync killed at any moment leaves its last commit, the next run completes", "[crash]") {
    TempDir tmp;
    const auto templates = record_templates();
    const fs::path records = tmp.path() / "records";
    const fs::path db = tmp.path() / "db";
    write_corpus(records, "SYNC", 0, 600, templates);
    IndexOptions options;
    options.threads = 2;
    options.batch_size = 50;
    index_paths(db.string(), {records.string()}, options);

    // 300 changed (even numbers), 600 added, 60 deleted (odd numbers below 120).
    for (std::size_t i = 0; i < 600; i += 2) {
        const fs::path p = record_path(records, "SYNC", i);
        write_file(p, with_caption_word(read_file(p), "crashproof"));
    }
    write_corpus(records, "SYNC", 600, 600, templates);
    for (std::size_t i = 1; i < 120; i += 2) fs::remove(record_path(records, "SYNC", i));

    // Each killed run goes further than the one before: the first commits nothing new, the second 400
    // of the 960 changes, so the third has at least 560 to make. (It may have more: a file changed too
    // recently for its stamp to be trusted is stamped again by a later run, which counts as a change.)
    for (const char* point : {"sync-record:30", "sync-record:400", "sync-record:500"}) {
        INFO("killed at " << point);
        REQUIRE(run_with_fault(db, records, options, point));
        // Whatever was committed is whole: one document per figid, every document readable.
        const CheckReport check = check_index(db.string());
        CHECK(check.ok);
        for (const std::string& p : check.problems) UNSCOPED_INFO(p);
        const std::size_t n = doc_count(db);
        CHECK(n >= 540);
        CHECK(n <= 1200);
        CHECK(has_figid(db, "SYNC000598"));  // Changed or not, never lost.
    }

    // The next run does exactly what the killed runs did not commit.
    std::size_t missing = 0, lingering = 0;
    {
        Xapian::Database d(db.string());
        for (std::size_t i = 600; i < 1200; ++i) missing += d.term_exists("Q" + figid_of("SYNC", i)) ? 0 : 1;
        for (std::size_t i = 1; i < 120; i += 2)
            lingering += d.term_exists("Q" + figid_of("SYNC", i)) ? 1 : 0;
    }
    const std::size_t stale = 300 - term_docs(db, "crashproof");
    const IndexReport r = index_paths(db.string(), {records.string()}, options);
    CHECK(r.added == missing);
    CHECK(r.deleted == lingering);
    CHECK(r.updated == stale);
    CHECK(r.documents == 1140);
    CHECK(term_docs(db, "crashproof") == 300);
    CHECK_FALSE(has_figid(db, "SYNC000001"));
    CHECK(has_figid(db, "SYNC001199"));
    CHECK(check_index(db.string()).ok);

    const IndexReport again = index_paths(db.string(), {records.string()}, options);
    CHECK(again.added + again.updated + again.deleted == 0);
    CHECK(again.unchanged == 1140);
}

TEST_CASE("a sync killed after any record keeps whole batches: within one batch, all or nothing", "[crash]") {
    TempDir tmp;
    const auto templates = record_templates();
    const fs::path records = tmp.path() / "records";
    write_corpus(records, "ATOM", 0, 300, templates);
    age_files(records);  // Stable stamps: the unchanged files are not read (nor re-stamped) again.
    IndexOptions options;
    options.threads = 2;
    const fs::path built = tmp.path() / "built";
    index_paths(built.string(), {records.string()}, options);

    // 300 changed records: 100 updated (even numbers below 200), 60 given another figid (200-259: two
    // Xapian operations each, which a batch must not count twice), 100 added, 40 deleted (odd below 80).
    for (std::size_t i = 0; i < 200; i += 2) {
        const fs::path p = record_path(records, "ATOM", i);
        write_file(p, with_caption_word(read_file(p), "crashproof"));
    }
    for (std::size_t i = 200; i < 260; ++i) {
        const fs::path p = record_path(records, "ATOM", i);
        write_file(p, with_figid(read_file(p), figid_of("ATOX", i)));
    }
    write_corpus(records, "ATOM", 300, 100, templates);
    for (std::size_t i = 1; i < 80; i += 2) fs::remove(record_path(records, "ATOM", i));
    constexpr std::size_t kChanges = 300;

    // The changes of the sync that the index at `db` holds, counted per record.
    auto committed_changes = [&](const fs::path& db) {
        std::size_t n = term_docs(db, "crashproof");
        Xapian::Database d(db.string());
        for (std::size_t i = 300; i < 400; ++i) n += d.term_exists("Q" + figid_of("ATOM", i)) ? 1 : 0;
        for (std::size_t i = 200; i < 260; ++i) n += d.term_exists("Q" + figid_of("ATOX", i)) ? 1 : 0;
        for (std::size_t i = 1; i < 80; i += 2) n += d.term_exists("Q" + figid_of("ATOM", i)) ? 0 : 1;
        return n;
    };

    for (const std::size_t batch : {std::size_t{2000}, kChanges, std::size_t{50}}) {
        options.batch_size = batch;
        for (const std::size_t kill_at : {1, 2, 49, 50, 51, 120, 230, 261, 299, 300}) {
            const fs::path db = tmp.path() / ("db-" + std::to_string(batch) + "-" + std::to_string(kill_at));
            fs::copy(built, db, fs::copy_options::recursive);
            INFO("batch size " << batch << ", killed after record " << kill_at);
            REQUIRE(run_with_fault(db, records, options, "sync-record:" + std::to_string(kill_at)));
            CHECK(check_index(db.string()).ok);
            // Batches are committed whole: the index holds exactly the batches completed before the kill.
            CHECK(committed_changes(db) == kill_at / batch * batch);
            const IndexReport r = index_paths(db.string(), {records.string()}, options);
            CHECK(committed_changes(db) == kChanges);
            CHECK(r.documents == 360);
        }
    }
}

TEST_CASE("a re-analysing sync killed at any moment leaves the old index, the next run completes",
          "[crash][reanalysis]") {
    TempDir tmp;
    const fs::path records = tmp.path() / "records";
    const fs::path db = tmp.path() / "db";
    write_corpus(records, "RE", 0, 400, record_templates());
    write_file(record_path(records, "RE", 7),
               with_caption_word(read_file(record_path(records, "RE", 7)), "Wombatase"));
    IndexOptions options;
    options.threads = 2;
    index_paths(db.string(), {records.string()}, options);
    const std::string live = live_generation(db);
    const std::string lexicon_id =
        Xapian::Database(db.string()).get_metadata(std::string(terms::kMetaLexiconId));
    REQUIRE(term_docs(db, "XQWOMBAT1") == 0);

    // Another lexicon: every record is analysed again, through a new generation.
    options.lexicon_path = tiny_lexicon(tmp.path()).string();
    for (const std::string point :
         {"build-record:20", "build-record:350", "build-merge:1", "build-merged:1"}) {
        const fs::path copy = tmp.path() / ("db-" + std::string(point).replace(point.find(':'), 1, "-"));
        fs::copy(db, copy, fs::copy_options::recursive);
        INFO("killed at " << point);
        REQUIRE(run_with_fault(copy, records, options, point));
        // The old index, whole, unchanged and searchable.
        CHECK(live_generation(copy) == live);
        CHECK(doc_count(copy) == 400);
        CHECK(Xapian::Database(copy.string()).get_metadata(std::string(terms::kMetaLexiconId)) == lexicon_id);
        CHECK(term_docs(copy, "XQWOMBAT1") == 0);
        Xapian::Enquire e(Xapian::Database(copy.string()));
        e.set_query(Xapian::Query("QRE000300"));
        CHECK(e.get_mset(0, 10).size() == 1);

        const IndexReport r = index_paths(copy.string(), {records.string()}, options);
        CHECK(r.lexicon_changed);
        CHECK(r.updated == 400);
        CHECK(doc_count(copy) == 400);
        CHECK(term_docs(copy, "XQWOMBAT1") == 1);
        CHECK(leftovers(copy).empty());
        CHECK(check_index(copy.string()).ok);
    }
}
