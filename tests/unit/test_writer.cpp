// The write lock (a second writer fails at once, naming the first) and record-level editing with
// IndexWriter; check_index on healthy and damaged indexes.
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "schema/terms.hpp"
#include "capsearch/error.hpp"
#include "capsearch/index.hpp"
#include "capsearch/record.hpp"
#include "support/test_support.hpp"
#include "unit/sync_support.hpp"

using namespace capsearch;
using namespace capsearch::test;
using namespace capsearch::test::sync;

namespace {

Record make_record(const std::string& figid, const std::string& caption) {
    Record r;
    r.figid = figid;
    r.title = "Figure " + figid;
    r.caption = caption;
    r.year = 2020;
    r.organisms = {"Homo sapiens"};
    return r;
}

// A child process that holds the index's write lock (through IndexWriter) until told to finish.
class LockHolder {
  public:
    explicit LockHolder(const fs::path& db) {
        int ready[2], go[2];
        REQUIRE(::pipe(ready) == 0);
        REQUIRE(::pipe(go) == 0);
        pid_ = ::fork();
        REQUIRE(pid_ >= 0);
        if (pid_ == 0) {
            ::close(ready[0]);
            ::close(go[1]);
            int code = 0;
            try {
                IndexWriter writer(db.string());
                writer.put(make_record("HELD1", "written while holding the lock"));
                char c = 1;
                if (::write(ready[1], &c, 1) != 1) ::_exit(4);
                if (::read(go[0], &c, 1) != 1) ::_exit(5);
            } catch (...) {
                code = 3;
            }
            ::_exit(code);
        }
        ::close(ready[1]);
        ::close(go[0]);
        go_ = go[1];
        char c = 0;
        REQUIRE(::read(ready[0], &c, 1) == 1);
        ::close(ready[0]);
    }
    ~LockHolder() { finish(); }
    pid_t pid() const { return pid_; }
    /// Lets the child commit and exit; returns its exit status.
    int finish() {
        if (pid_ <= 0) return status_;
        char c = 1;
        (void)!::write(go_, &c, 1);
        ::close(go_);
        int status = 0;
        ::waitpid(pid_, &status, 0);
        pid_ = 0;
        status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 100;
        return status_;
    }

  private:
    pid_t pid_ = 0;
    int go_ = -1;
    int status_ = -1;
};

}  // namespace

TEST_CASE("a second writer fails at once naming the first, the first completes", "[writer]") {
    TempDir tmp;
    const fs::path records = tmp.path() / "records";
    const fs::path db = tmp.path() / "db";
    write_corpus(records, "LCK", 0, 5, record_templates());
    index_paths(db.string(), {records.string()});

    LockHolder holder(db);
    const std::string expected = "index " + db.string() + " is being updated by another process (pid " +
                                 std::to_string(holder.pid()) + ", started ";
    // "At once": the holder keeps the lock until finish(), so a writer that waited would never return.
    try {
        index_paths(db.string(), {records.string()});
        FAIL("the second writer was let in");
    } catch (const DatabaseLockedError& e) {
        CHECK(e.code() == ErrorCode::database_locked);
        CHECK(std::string(e.what()).rfind(expected, 0) == 0);
    }
    CHECK_THROWS_AS(IndexWriter(db.string()), DatabaseLockedError);
    CHECK_THROWS_AS(compact_index(db.string()), DatabaseLockedError);
    IndexOptions rebuild;
    rebuild.rebuild = true;
    CHECK_THROWS_AS(index_paths(db.string(), {records.string()}, rebuild), DatabaseLockedError);
    // Readers are not writers.
    CHECK(doc_count(db) == 5);
    CHECK(check_index(db.string()).ok);

    CHECK(holder.finish() == 0);
    CHECK(has_figid(db, "HELD1"));
    CHECK_FALSE(fs::exists(db / "writer.json"));
    const IndexReport after = index_paths(db.string(), {records.string()});
    CHECK(after.unchanged == 5);
    CHECK(doc_count(db) == 6);  // The writer's own record is not under records/, so it stays.
}

TEST_CASE("while a long sync runs in another process, a second sync fails and the first completes",
          "[writer]") {
    TempDir tmp;
    const fs::path records = tmp.path() / "records";
    const fs::path db = tmp.path() / "db";
    write_corpus(records, "LONG", 0, 600, record_templates());
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        // Stopped half-way through, holding the lock, until the parent has tried: no race with its end.
        ::setenv("CAPSEARCH_FAULT_STOP", "build-record:300", 1);
        int code = 0;
        try {
            IndexOptions o;
            o.threads = 1;
            const IndexReport r = index_paths(db.string(), {records.string()}, o);
            code = r.documents == 600 ? 0 : 6;
        } catch (...) {
            code = 3;
        }
        ::_exit(code);
    }
    int status = 0;
    REQUIRE(::waitpid(pid, &status, WUNTRACED) == pid);
    REQUIRE(WIFSTOPPED(status));
    bool refused = false;
    std::string message;
    try {
        index_paths(db.string(), {records.string()});
    } catch (const DatabaseLockedError& e) {
        refused = true;
        message = e.what();
    }
    ::kill(pid, SIGCONT);
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    REQUIRE(refused);
    CHECK(message.find("(pid " + std::to_string(pid) + ", started ") != std::string::npos);
    CHECK(doc_count(db) == 600);
}

TEST_CASE("a writer.json left by a dead process does not block and is not quoted", "[writer]") {
    TempDir tmp;
    const fs::path records = tmp.path() / "records";
    const fs::path db = tmp.path() / "db";
    write_corpus(records, "STALE", 0, 3, record_templates());
    index_paths(db.string(), {records.string()});
    // A pid that is not running: a child that already exited.
    const pid_t dead = ::fork();
    if (dead == 0) ::_exit(0);
    ::waitpid(dead, nullptr, 0);
    write_file(db / "writer.json",
               nlohmann::json{{"pid", dead}, {"started", "2020-01-01T00:00:00Z"}, {"command", "x"}}.dump());
    CHECK(index_paths(db.string(), {records.string()}).unchanged == 3);
    CHECK_FALSE(fs::exists(db / "writer.json"));
}

TEST_CASE("IndexWriter puts, replaces, removes and commits records", "[writer]") {
    TempDir tmp;
    const fs::path db = tmp.path() / "db";
    {
        IndexWriter w(db.string());
        CHECK(w.size() == 0);
        CHECK_FALSE(w.put(make_record("W1", "first caption about kinases")));
        CHECK_FALSE(w.put(make_record("W2", "second caption about phosphatases")));
        CHECK(w.size() == 2);
        CHECK(w.put(make_record("W1", "replaced caption about ubiquitination")));
        CHECK(w.size() == 2);
        w.commit();
        CHECK(doc_count(db) == 2);
        CHECK(term_docs(db, "ubiquitination") == 1);
        CHECK(term_docs(db, "kinases") == 0);
        CHECK(w.remove("W2"));
        CHECK_FALSE(w.remove("W2"));
        CHECK_FALSE(w.remove("nope"));
        CHECK(w.size() == 1);
        CHECK(doc_count(db) == 2);  // Not committed yet.
        CHECK_THROWS_AS(w.put(make_record("", "no figid")), InputError);
    }  // The destructor commits.
    CHECK(doc_count(db) == 1);
    CHECK(has_figid(db, "W1"));
    Xapian::Database xdb(db.string());
    CHECK(xdb.get_metadata(terms::kMetaSchema) == "1");
    CHECK_FALSE(xdb.get_metadata(terms::kMetaLexiconId).empty());
    CHECK(check_index(db.string()).ok);

    // Moving keeps the lock with the object moved to.
    IndexWriter a(db.string());
    IndexWriter b(std::move(a));
    CHECK(b.put(make_record("W1", "moved")));
    CHECK_THROWS_AS(IndexWriter(db.string()), DatabaseLockedError);
}

TEST_CASE("IndexWriter edits an index made by index_paths, which a later sync keeps", "[writer]") {
    TempDir tmp;
    const fs::path records = tmp.path() / "records";
    const fs::path db = tmp.path() / "db";
    write_corpus(records, "MIXW", 0, 4, record_templates());
    index_paths(db.string(), {records.string()});
    const std::string lexicon_id = Xapian::Database(db.string()).get_metadata(terms::kMetaLexiconId);
    {
        IndexWriter w(db.string());
        w.put(make_record("EXTRA", "edited in by a tool"));
        CHECK(w.remove(figid_of("MIXW", 1)));
    }
    CHECK(doc_count(db) == 4);
    CHECK(Xapian::Database(db.string()).get_metadata(terms::kMetaLexiconId) == lexicon_id);
    // The sync restores the figure whose file is still there, and keeps the one without a file.
    const IndexReport r = index_paths(db.string(), {records.string()});
    CHECK(r.added == 1);
    CHECK(r.unchanged == 3);
    CHECK(has_figid(db, "EXTRA"));
    CHECK(doc_count(db) == 5);
}

TEST_CASE("check_index reports a healthy index as ok and names the problems of a damaged one", "[writer]") {
    TempDir tmp;
    const fs::path records = tmp.path() / "records";
    const fs::path db = tmp.path() / "db";
    write_corpus(records, "CHK", 0, 12, record_templates());
    index_paths(db.string(), {records.string()});
    const CheckReport good = check_index(db.string());
    CHECK(good.ok);
    CHECK(good.documents == 12);
    CHECK(good.problems.empty());
    const auto j = nlohmann::json::parse(good.to_json());
    CHECK(j["ok"] == true);
    CHECK(j["documents"] == 12);
    CHECK(j["problems"].empty());

    // Damage a copy through Xapian directly: a duplicated figid, unreadable data, no lexicon.
    const fs::path bad = tmp.path() / "bad";
    fs::copy(db / live_generation(db), bad, fs::copy_options::recursive);
    {
        Xapian::WritableDatabase w(bad.string(), Xapian::DB_OPEN);
        Xapian::Document dup;
        dup.add_term("Q" + figid_of("CHK", 3));
        dup.set_data("not stored fields");
        w.add_document(dup);
        Xapian::Document spans;
        spans.add_term("QCHKT");
        spans.set_data(R"({"figid":"CHKT","title":"ab","title_genes":[[0,9,"ERBB2"]]})");
        w.add_document(spans);
        w.set_metadata(terms::kMetaLexicon, "");
        w.commit();
    }
    const CheckReport r = check_index(bad.string());
    CHECK_FALSE(r.ok);
    CHECK(r.documents == 14);
    std::string all;
    for (const std::string& p : r.problems) all += p + "\n";
    INFO(all);
    CHECK(all.find("figid " + figid_of("CHK", 3) + " is held by 2 documents") != std::string::npos);
    CHECK(all.find("stored fields unreadable") != std::string::npos);
    CHECK(all.find("(figid CHKT): a gene name stored for its title lies past the title's end") !=
          std::string::npos);
    CHECK(all.find("lexicon") != std::string::npos);
    CHECK(nlohmann::json::parse(r.to_json())["ok"] == false);
}
