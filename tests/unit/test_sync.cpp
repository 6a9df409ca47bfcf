// Incremental sync of an index with folders of records: adds, changes, deletes and unchanged files,
// stamps and hashes, bad and duplicate records, lexicon changes, plain Xapian databases, the report.
#include <sys/stat.h>
#include <xapian.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <thread>

#include "analyzers/fnv1a.hpp"
#include "analyzers/lexicon_data.hpp"
#include "schema/terms.hpp"
#include "schema/index_meta.hpp"
#include "capsearch/error.hpp"
#include "capsearch/index.hpp"
#include "capsearch/lexicon.hpp"
#include "capsearch/search.hpp"
#include "indexer/document.hpp"
#include "support/test_support.hpp"
#include "unit/sync_support.hpp"

using namespace capsearch;
using namespace capsearch::test;
using namespace capsearch::test::sync;

namespace {

IndexOptions quiet(unsigned threads = 2) {
    IndexOptions o;
    o.threads = threads;
    return o;
}

// Puts `words` at the start of the caption of generated record `i` of the corpus `prefix`.
void add_caption_word(const fs::path& records, const std::string& prefix, std::size_t i,
                      const std::string& words) {
    const fs::path path = record_path(records, prefix, i);
    write_file(path, with_caption_word(read_file(path), words));
}

std::string stored_value(const fs::path& db, const std::string& figid, unsigned slot) {
    Xapian::Database xdb(db.string());
    auto p = xdb.postlist_begin("Q" + figid);
    REQUIRE(p != xdb.postlist_end("Q" + figid));
    return xdb.get_document(*p).get_value(slot);
}

bool skipped_file(const IndexReport& r, const std::string& name) {
    for (const SkippedRecord& s : r.skipped) {
        if (fs::path(s.file).filename() == name) return true;
    }
    return false;
}

}  // namespace

TEST_CASE("a new index holds every record and a second sync changes nothing", "[sync]") {
    TempDir tmp;
    const auto templates = record_templates();
    const fs::path records = tmp.path() / "records";
    const fs::path db = tmp.path() / "db";
    write_corpus(records, "NEW", 0, 40, templates);

    const IndexReport first = index_paths(db.string(), {records.string()}, quiet());
    CHECK(first.added == 40);
    CHECK(first.updated == 0);
    CHECK(first.deleted == 0);
    CHECK(first.skipped.empty());
    CHECK_FALSE(first.rebuilt);
    CHECK(first.documents == 40);
    CHECK(doc_count(db) == 40);
    for (std::size_t i = 0; i < 40; ++i) CHECK(has_figid(db, figid_of("NEW", i)));
    // capsearch's layout, with the schema and lexicon recorded for searchers.
    CHECK(fs::is_regular_file(db / "XAPIANDB"));
    CHECK(leftovers(db).empty());
    Xapian::Database xdb(db.string());
    CHECK(xdb.get_metadata(terms::kMetaSchema) == "1");
    CHECK_FALSE(xdb.get_metadata(terms::kMetaLexicon).empty());
    CHECK_FALSE(xdb.get_metadata(terms::kMetaLexiconId).empty());
    CHECK(search_total(db, "figid:" + figid_of("NEW", 7)) == 1);

    const IndexReport second = index_paths(db.string(), {records.string()}, quiet());
    CHECK(second.added == 0);
    CHECK(second.updated == 0);
    CHECK(second.deleted == 0);
    CHECK(second.unchanged == 40);
    CHECK(second.documents == 40);
    CHECK_FALSE(second.lexicon_changed);
}

TEST_CASE("a sync adds, changes and deletes records and leaves the others", "[sync]") {
    TempDir tmp;
    const auto templates = record_templates();
    const fs::path records = tmp.path() / "records";
    const fs::path db = tmp.path() / "db";
    write_corpus(records, "SYN", 0, 30, templates);
    REQUIRE(index_paths(db.string(), {records.string()}, quiet()).added == 30);
    REQUIRE(term_docs(db, "quokkaization") == 0);

    for (std::size_t i : {3, 14, 25}) {  // Changed.
        const fs::path p = record_path(records, "SYN", i);
        write_file(p, with_caption_word(read_file(p), "quokkaization"));
    }
    fs::remove(record_path(records, "SYN", 5));  // Deleted.
    fs::remove(record_path(records, "SYN", 29));
    write_corpus(records, "SYN", 30, 4, templates);  // Added.

    const IndexReport r = index_paths(db.string(), {records.string()}, quiet());
    CHECK(r.added == 4);
    CHECK(r.updated == 3);
    CHECK(r.deleted == 2);
    CHECK(r.unchanged == 25);
    CHECK(r.skipped.empty());
    CHECK(r.documents == 32);
    CHECK(doc_count(db) == 32);
    CHECK_FALSE(has_figid(db, figid_of("SYN", 5)));
    CHECK_FALSE(has_figid(db, figid_of("SYN", 29)));
    for (std::size_t i = 30; i < 34; ++i) CHECK(has_figid(db, figid_of("SYN", i)));
    CHECK(term_docs(db, "quokkaization") == 3);
    CHECK(search_total(db, "quokkaization") == 3);
    CHECK(search_total(db, "caption:quokkaization") == 3);
}

TEST_CASE("with delete_missing off, figures whose file is gone stay", "[sync]") {
    TempDir tmp;
    const fs::path records = tmp.path() / "records";
    const fs::path db = tmp.path() / "db";
    write_corpus(records, "KEEP", 0, 10, record_templates());
    index_paths(db.string(), {records.string()}, quiet());
    fs::remove(record_path(records, "KEEP", 2));
    fs::remove(record_path(records, "KEEP", 8));

    IndexOptions keep = quiet();
    keep.delete_missing = false;
    const IndexReport r = index_paths(db.string(), {records.string()}, keep);
    CHECK(r.deleted == 0);
    CHECK(r.documents == 10);
    CHECK(has_figid(db, figid_of("KEEP", 2)));

    const IndexReport again = index_paths(db.string(), {records.string()}, quiet());
    CHECK(again.deleted == 2);
    CHECK(again.documents == 8);
}

TEST_CASE("only files under the paths given are candidates for deletion", "[sync]") {
    TempDir tmp;
    const auto templates = record_templates();
    const fs::path a = tmp.path() / "a";
    const fs::path b = tmp.path() / "ab";  // Shares a's name as a string prefix, not as a folder.
    const fs::path db = tmp.path() / "db";
    write_corpus(a, "A", 0, 5, templates);
    write_corpus(b, "B", 0, 5, templates);
    index_paths(db.string(), {a.string(), b.string()}, quiet());
    REQUIRE(doc_count(db) == 10);

    const IndexReport r = index_paths(db.string(), {a.string()}, quiet());
    CHECK(r.deleted == 0);
    CHECK(r.unchanged == 5);
    CHECK(doc_count(db) == 10);
}

TEST_CASE("an unchanged stamp is trusted without reading, a new stamp with the same bytes is unchanged",
          "[sync]") {
    TempDir tmp;
    const fs::path records = tmp.path() / "records";
    const fs::path db = tmp.path() / "db";
    write_corpus(records, "STAMP", 0, 6, record_templates());
    age_files(records);
    index_paths(db.string(), {records.string()}, quiet());

    // Same size and mtime, other bytes: a sync must not read the file (the stamp is the contract).
    const fs::path p = record_path(records, "STAMP", 1);
    const auto mtime = fs::last_write_time(p);
    const std::string hash_before = stored_value(db, figid_of("STAMP", 1), terms::kSlotContentHash);
    std::string text = read_file(p);
    const std::size_t at = text.find("\ncaption: ");
    REQUIRE(at != std::string::npos);
    text[at + 11] = text[at + 11] == 'x' ? 'y' : 'x';
    write_file(p, text);
    fs::last_write_time(p, mtime);
    const IndexReport r = index_paths(db.string(), {records.string()}, quiet());
    CHECK(r.unchanged == 6);
    CHECK(r.updated == 0);
    CHECK(stored_value(db, figid_of("STAMP", 1), terms::kSlotContentHash) == hash_before);
    CHECK(hash_before != index::content_hash(text));

    // Touched but identical: read and hashed, found unchanged, stamp refreshed.
    const fs::path q = record_path(records, "STAMP", 2);
    fs::last_write_time(q, mtime - std::chrono::minutes(5));
    const IndexReport touched = index_paths(db.string(), {records.string()}, quiet());
    CHECK(touched.unchanged == 6);
    CHECK(touched.updated == 0);
    struct stat st {};
    REQUIRE(::stat(q.c_str(), &st) == 0);
    const long long ns = static_cast<long long>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
    CHECK(stored_value(db, figid_of("STAMP", 2), terms::kSlotFileStamp) ==
          std::to_string(st.st_size) + ":" + std::to_string(ns));
}

TEST_CASE(
    "bad records are skipped with their file, the good ones indexed, a file turning bad keeps its "
    "document",
    "[sync]") {
    TempDir tmp;
    const fs::path records = tmp.path() / "records";
    const fs::path db = tmp.path() / "db";
    write_corpus(records, "MIX", 0, 8, record_templates());
    for (const auto& e : fs::directory_iterator(fixture("sync/broken"))) {
        fs::copy_file(e.path(), records / e.path().filename());
    }
    std::vector<SkippedRecord> seen;
    IndexOptions o = quiet();
    o.on_skip = [&](const SkippedRecord& s) { seen.push_back(s); };
    const IndexReport r = index_paths(db.string(), {records.string()}, o);
    CHECK(r.added == 8);
    CHECK(r.skipped.size() == 3);
    CHECK(seen.size() == 3);
    CHECK(skipped_file(r, "bad_yaml.md"));
    CHECK(skipped_file(r, "no_figid.md"));
    CHECK(skipped_file(r, "empty.md"));
    for (const SkippedRecord& s : r.skipped) {
        CHECK_FALSE(s.reason.empty());
        CHECK(fs::path(s.file).is_absolute());
        if (fs::path(s.file).filename() == "bad_yaml.md") CHECK(s.line > 0);
    }
    CHECK(doc_count(db) == 8);

    const fs::path p = record_path(records, "MIX", 4);
    write_file(p, "---\nfigid: [broken\n---\n");
    const IndexReport again = index_paths(db.string(), {records.string()}, quiet());
    CHECK(skipped_file(again, p.filename().string()));
    CHECK(again.deleted == 0);
    CHECK(has_figid(db, figid_of("MIX", 4)));  // Nothing indexed is lost.
    CHECK(doc_count(db) == 8);
}

TEST_CASE("one figid in two files: the later file in walk order wins, the other is reported", "[sync]") {
    TempDir tmp;
    const auto templates = record_templates();
    const fs::path records = tmp.path() / "records";
    const fs::path db = tmp.path() / "db";
    write_file(records / "a.md", with_figid(templates[0], "DUP1"));
    write_file(records / "b.md", with_figid(with_caption_word(templates[1], "wombatish"), "DUP1"));
    const IndexReport r = index_paths(db.string(), {records.string()}, quiet(1));
    CHECK(r.added == 1);
    REQUIRE(r.skipped.size() == 1);
    CHECK(fs::path(r.skipped[0].file).filename() == "a.md");
    CHECK(r.skipped[0].reason.find("duplicate figid DUP1") != std::string::npos);
    CHECK(r.skipped[0].reason.find("b.md") != std::string::npos);
    CHECK(doc_count(db) == 1);
    CHECK(term_docs(db, "wombatish") == 1);

    // A later file with the same figid appears: it takes the figure over.
    write_file(records / "c.md", with_figid(templates[2], "DUP1"));
    const IndexReport s = index_paths(db.string(), {records.string()}, quiet());
    CHECK(s.updated == 1);
    CHECK(doc_count(db) == 1);
    CHECK(term_docs(db, "wombatish") == 0);
    CHECK(skipped_file(s, "a.md"));
    CHECK(skipped_file(s, "b.md"));
    CHECK(term_docs(db, std::string(terms::kPath) + (records / "c.md").string()) == 1);

    // A file whose figid changes gives up its old figure.
    write_file(records / "c.md", with_figid(templates[2], "DUP2"));
    const IndexReport t = index_paths(db.string(), {records.string()}, quiet());
    CHECK(has_figid(db, "DUP1"));  // b.md holds it again.
    CHECK(has_figid(db, "DUP2"));
    CHECK(doc_count(db) == 2);
    CHECK(term_docs(db, "wombatish") == 1);
    CHECK(t.skipped.size() == 1);  // a.md still duplicates b.md.
}

TEST_CASE("files named directly are always read, folders are walked for the extensions", "[sync]") {
    TempDir tmp;
    const auto templates = record_templates();
    const fs::path records = tmp.path() / "records";
    const fs::path db = tmp.path() / "db";
    write_file(records / "one.md", with_figid(templates[0], "EXT1"));
    write_file(records / "two.MD", with_figid(templates[1], "EXT2"));
    write_file(records / "three.txt", with_figid(templates[2], "EXT3"));
    write_file(records / ".hidden" / "four.md", with_figid(templates[3 % templates.size()], "EXT4"));
    write_file(tmp.path() / "five.txt", with_figid(templates[0], "EXT5"));

    const IndexReport r =
        index_paths(db.string(), {records.string(), (tmp.path() / "five.txt").string()}, quiet());
    CHECK(r.added == 3);
    CHECK(has_figid(db, "EXT1"));
    CHECK(has_figid(db, "EXT2"));
    CHECK_FALSE(has_figid(db, "EXT3"));
    CHECK_FALSE(has_figid(db, "EXT4"));
    CHECK(has_figid(db, "EXT5"));

    IndexOptions txt = quiet();
    txt.extensions = {".txt"};
    const IndexReport t = index_paths(db.string(), {records.string()}, txt);
    CHECK(has_figid(db, "EXT3"));
    // Walking for .txt only, the .md files under records/ are no longer found, so they are deleted.
    CHECK(t.deleted == 2);
    CHECK(has_figid(db, "EXT5"));
}

TEST_CASE("a path that does not exist fails the run before anything changes", "[sync]") {
    TempDir tmp;
    const fs::path db = tmp.path() / "db";
    try {
        index_paths(db.string(), {(tmp.path() / "missing").string()}, quiet());
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::io);
        CHECK(std::string(e.what()).find("missing") != std::string::npos);
    }
    CHECK_FALSE(fs::exists(db));
    IndexOptions zero = quiet();
    zero.batch_size = 0;
    CHECK_THROWS_AS(index_paths(db.string(), {tmp.str()}, zero), Error);
}

TEST_CASE("small batches commit along the way and give the same index", "[sync]") {
    TempDir tmp;
    const auto templates = record_templates();
    const fs::path records = tmp.path() / "records";
    const fs::path db = tmp.path() / "db";
    write_corpus(records, "BAT", 0, 5, templates);
    index_paths(db.string(), {records.string()}, quiet());
    write_corpus(records, "BAT", 5, 45, templates);
    const Xapian::rev before = Xapian::Database(db.string()).get_revision();
    IndexOptions small = quiet();
    small.batch_size = 7;
    const IndexReport r = index_paths(db.string(), {records.string()}, small);
    CHECK(r.added == 45);
    CHECK(doc_count(db) == 50);
    // 45 changes in batches of 7: six intermediate commits and a final one.
    CHECK(Xapian::Database(db.string()).get_revision() - before == 7);
}

TEST_CASE("progress is reported from the calling thread with the file count", "[sync]") {
    TempDir tmp;
    const fs::path records = tmp.path() / "records";
    const fs::path db = tmp.path() / "db";
    write_corpus(records, "PRO", 0, 300, record_templates());
    std::vector<IndexProgress> calls;
    const auto caller = std::this_thread::get_id();
    bool other_thread = false;
    IndexOptions o = quiet();
    o.on_progress = [&](const IndexProgress& p) {
        calls.push_back(p);
        other_thread = other_thread || std::this_thread::get_id() != caller;
    };
    const IndexReport r = index_paths(db.string(), {records.string()}, o);
    REQUIRE_FALSE(calls.empty());
    CHECK_FALSE(other_thread);
    CHECK(calls.back().done == 300);
    CHECK(calls.back().total == 300);
    // At most about ten a second, plus the final one.
    CHECK(calls.size() <= static_cast<std::size_t>(r.seconds * 10) + 2);
    for (std::size_t i = 1; i < calls.size(); ++i) CHECK(calls[i].done >= calls[i - 1].done);
}

TEST_CASE("the report is one line of JSON with the documented keys", "[sync]") {
    TempDir tmp;
    const fs::path records = tmp.path() / "records";
    const fs::path db = tmp.path() / "db";
    write_corpus(records, "JS", 0, 3, record_templates());
    fs::copy_file(fixture("sync/broken/bad_yaml.md"), records / "bad_yaml.md");
    const IndexReport r = index_paths(db.string(), {records.string()}, quiet());
    const std::string line = r.to_json();
    CHECK(line.find('\n') == std::string::npos);
    const auto j = nlohmann::json::parse(line);
    CHECK(j["added"] == 3);
    CHECK(j["updated"] == 0);
    CHECK(j["deleted"] == 0);
    CHECK(j["unchanged"] == 0);
    CHECK(j["documents"] == 3);
    CHECK(j["rebuilt"] == false);
    CHECK(j["lexicon_changed"] == false);
    CHECK(j["seconds"].is_number());
    REQUIRE(j["skipped"].size() == 1);
    CHECK(j["skipped"][0]["file"].get<std::string>().find("bad_yaml.md") != std::string::npos);
    CHECK(j["skipped"][0]["line"].is_number_integer());
    CHECK(j["skipped"][0]["reason"].is_string());
}

TEST_CASE("a plain Xapian database folder (not capsearch's layout) can be synced and searched", "[sync]") {
    TempDir tmp;
    const auto templates = record_templates();
    const fs::path records = tmp.path() / "records";
    const fs::path db = tmp.path() / "db";
    write_corpus(records, "PLAIN", 0, 6, templates);
    index_paths(db.string(), {records.string()}, quiet());
    const fs::path plain = tmp.path() / "plain";
    fs::copy(db / live_generation(db), plain, fs::copy_options::recursive);
    REQUIRE(fs::exists(plain / "iamglass"));

    write_corpus(records, "PLAIN", 6, 2, templates);
    const IndexReport r = index_paths(plain.string(), {records.string()}, quiet());
    CHECK(r.added == 2);
    CHECK(r.unchanged == 6);
    CHECK(doc_count(plain) == 8);
    CHECK_FALSE(fs::exists(plain / "XAPIANDB"));
    CHECK(search_total(plain, "figid:" + figid_of("PLAIN", 7)) == 1);

    IndexOptions rebuild = quiet();
    rebuild.rebuild = true;
    CHECK_THROWS_AS(index_paths(plain.string(), {records.string()}, rebuild), DatabaseError);
    CHECK(doc_count(plain) == 8);
}

TEST_CASE("a folder holding other files is not taken for an index", "[sync]") {
    TempDir tmp;
    write_file(tmp.path() / "notes.txt", "mine\n");
    const fs::path records = tmp.path() / "records";
    write_corpus(records, "NOT", 0, 1, record_templates());
    CHECK_THROWS_AS(index_paths(tmp.str(), {records.string()}, quiet()), DatabaseError);
    CHECK(fs::exists(tmp.path() / "notes.txt"));
    CHECK_FALSE(fs::exists(tmp.path() / "XAPIANDB"));
}

TEST_CASE("an index analysed the older way is analysed again on its next sync", "[sync]") {
    // Before capsearch:analysis existed, a family named in text added its members' concept terms; an
    // index written so must not keep answering member queries with family figures after an upgrade.
    TempDir tmp;
    const fs::path records = tmp.path() / "records";
    const fs::path db = tmp.path() / "db";
    write_corpus(records, "ANA", 0, 6, record_templates());
    add_caption_word(records, "ANA", 2, "NF-κB");
    age_files(records);
    REQUIRE_FALSE(index_paths(db.string(), {records.string()}, quiet()).lexicon_changed);
    CHECK(Xapian::Database(db.string()).get_metadata(terms::kMetaAnalysis) == std::string(capsearch::index::kAnalysisVersion));
    const std::size_t family_docs = term_docs(db, "XQ@NF-κB");
    REQUIRE(family_docs >= 1);
    const std::size_t rela_docs = term_docs(db, "XQRELA");
    {
        // What the older capsearch left: no analysis version, member terms instead of the family's.
        Xapian::WritableDatabase w(db.string(), Xapian::DB_OPEN);
        w.set_metadata(terms::kMetaAnalysis, "");
        std::vector<Xapian::docid> ids(w.postlist_begin("XQ@NF-κB"), w.postlist_end("XQ@NF-κB"));
        for (const Xapian::docid id : ids) {
            Xapian::Document doc = w.get_document(id);
            doc.remove_term("XQ@NF-κB");
            doc.add_term("XQRELA");
            w.replace_document(id, doc);
        }
        w.commit();
    }
    REQUIRE(term_docs(db, "XQ@NF-κB") == 0);

    const IndexReport upgraded = index_paths(db.string(), {records.string()}, quiet());
    CHECK(upgraded.lexicon_changed);
    CHECK(upgraded.updated == 6);
    CHECK(Xapian::Database(db.string()).get_metadata(terms::kMetaAnalysis) == std::string(capsearch::index::kAnalysisVersion));
    CHECK(term_docs(db, "XQ@NF-κB") == family_docs);
    CHECK(term_docs(db, "XQRELA") == rela_docs);

    const IndexReport again = index_paths(db.string(), {records.string()}, quiet());
    CHECK_FALSE(again.lexicon_changed);
    CHECK(again.unchanged == 6);
}

namespace {

// Positions of `term` in every document of `db`, concatenated.
std::size_t position_count(const fs::path& db, const std::string& term) {
    Xapian::Database xdb(db.string());
    std::size_t n = 0;
    for (auto id = xdb.postlist_begin(term); id != xdb.postlist_end(term); ++id) {
        n += xdb.positionlist_end(*id, term) == xdb.positionlist_begin(*id, term) ? 0 : 1;
    }
    return n;
}

}  // namespace

TEST_CASE("an index of analysis version 5 is searched as before and rewritten by its next sync", "[sync]") {
    // Version 5 also gave every unprefixed word the positions of its field terms; version 6 keeps
    // them on the field terms only, and the query side reads only those, so both layouts answer alike.
    TempDir tmp;
    const fs::path records = tmp.path() / "records";
    const fs::path db = tmp.path() / "db";
    write_corpus(records, "POS", 0, 6, record_templates());
    add_caption_word(records, "POS", 2, "quokka wombat");
    add_caption_word(records, "POS", 4, "wombat quokka");
    age_files(records);
    index_paths(db.string(), {records.string()}, quiet());
    REQUIRE(search_total(db, "quokka") == 2);
    REQUIRE(search_total(db, "\"quokka wombat\"") == 1);
    REQUIRE(search_total(db, "caption:\"wombat quokka\"") == 1);
    CHECK(position_count(db, "quokka") == 0);
    CHECK(position_count(db, "XCquokka") == 2);
    {
        // What version 5 wrote: the field terms' positions on the unprefixed words as well.
        Xapian::WritableDatabase w(db.string(), Xapian::DB_OPEN);
        w.set_metadata(terms::kMetaAnalysis, "5");
        std::vector<Xapian::docid> ids(w.postlist_begin(""), w.postlist_end(""));
        for (const Xapian::docid id : ids) {
            Xapian::Document doc = w.get_document(id);
            std::vector<std::pair<std::string, Xapian::termpos>> postings;
            for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
                const std::string term = *t;
                for (std::string_view prefix : terms::kFreeTextPrefixes) {
                    if (!term.starts_with(prefix) || term.size() == prefix.size()) continue;
                    for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p)
                        postings.emplace_back(term.substr(prefix.size()), *p);
                }
            }
            for (const auto& [term, pos] : postings) doc.add_posting(term, pos, 0);
            w.replace_document(id, doc);
        }
        w.commit();
    }
    REQUIRE(position_count(db, "quokka") == 2);
    // Searched before its sync: the same answers.
    CHECK(search_total(db, "quokka") == 2);
    CHECK(search_total(db, "\"quokka wombat\"") == 1);
    CHECK(search_total(db, "caption:\"wombat quokka\"") == 1);

    const IndexReport upgraded = index_paths(db.string(), {records.string()}, quiet());
    CHECK(upgraded.lexicon_changed);
    CHECK(upgraded.updated == 6);
    CHECK(Xapian::Database(db.string()).get_metadata(terms::kMetaAnalysis) ==
          std::string(capsearch::index::kAnalysisVersion));
    CHECK(position_count(db, "quokka") == 0);
    CHECK(position_count(db, "XCquokka") == 2);
    CHECK(search_total(db, "quokka") == 2);
    CHECK(search_total(db, "\"quokka wombat\"") == 1);
    CHECK(search_total(db, "caption:\"wombat quokka\"") == 1);
}

TEST_CASE("the lexicon id is FNV-1a with the full offset basis", "[sync][lexicon]") {
    using namespace capsearch::analysis;
    CHECK(fnv1a64("") == 0xcbf29ce484222325ULL);  // The published FNV-1a 64-bit test vectors.
    CHECK(fnv1a64("a") == 0xaf63dc4c8601ec8cULL);
    CHECK(fnv1a64("foobar") == 0x85944171f73967e8ULL);
    const auto lexicon = Lexicon::builtin();
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(fnv1a64(lexicon->serialized())));
    CHECK(lexicon->id() == std::string("lex1-") + hex);
}

TEST_CASE("an index with the lexicon id of the old FNV basis is searched as before and analysed again", "[sync]") {
    // Until the fix the lexicon id's offset basis missed a digit: an index made then has an id no
    // lexicon of this version has, so its next sync analyses every record again, once.
    TempDir tmp;
    const fs::path records = tmp.path() / "records";
    const fs::path db = tmp.path() / "db";
    write_corpus(records, "FNV", 0, 5, record_templates());
    age_files(records);
    REQUIRE_FALSE(index_paths(db.string(), {records.string()}, quiet()).lexicon_changed);
    const std::string id = Xapian::Database(db.string()).get_metadata(terms::kMetaLexiconId);
    const std::size_t total = search_total(db, "pathway");
    REQUIRE(total >= 1);
    const std::string old_id = analysis::lexicon_detail::fnv_id(
        Xapian::Database(db.string()).get_metadata(terms::kMetaLexicon), analysis::kLexiconIdBasisBeforeFix);
    REQUIRE(old_id != id);
    {
        Xapian::WritableDatabase w(db.string(), Xapian::DB_OPEN);
        w.set_metadata(terms::kMetaLexiconId, old_id);  // What the older capsearch stored.
        w.commit();
    }
    const CheckReport check = check_index(db.string());
    CHECK_FALSE(check.ok);
    REQUIRE(check.problems.size() == 1);
    CHECK(check.problems[0].find("is the old spelling of " + id) != std::string::npos);
    CHECK(search_total(db, "pathway") == total);  // The stored lexicon is read as before.

    const IndexReport upgraded = index_paths(db.string(), {records.string()}, quiet());
    CHECK(upgraded.lexicon_changed);
    CHECK(upgraded.updated == 5);
    CHECK(upgraded.lexicon_id == id);
    CHECK(Xapian::Database(db.string()).get_metadata(terms::kMetaLexiconId) == id);
    CHECK(check_index(db.string()).ok);
    CHECK(search_total(db, "pathway") == total);
    const IndexReport again = index_paths(db.string(), {records.string()}, quiet());
    CHECK_FALSE(again.lexicon_changed);
    CHECK(again.unchanged == 5);
}

TEST_CASE("a sync with another gene lexicon analyses every record again and says so", "[sync]") {
    TempDir tmp;
    const auto templates = record_templates();
    const fs::path records = tmp.path() / "records";
    const fs::path db = tmp.path() / "db";
    write_corpus(records, "LEX", 0, 12, templates);
    write_file(record_path(records, "LEX", 5),
               with_caption_word(read_file(record_path(records, "LEX", 5)), "Wombatase"));
    age_files(records);
    const IndexReport first = index_paths(db.string(), {records.string()}, quiet());
    CHECK_FALSE(first.lexicon_changed);
    CHECK(term_docs(db, "XQWOMBAT1") == 0);
    const std::string builtin_id = Xapian::Database(db.string()).get_metadata(terms::kMetaLexiconId);

    const fs::path lexicon = tmp.path() / "tiny.lexicon";
    LexiconSources sources;
    sources.curated_yaml = fixture("sync/tiny_curated.yaml").string();
    const LexiconBuildReport built = build_lexicon(sources, lexicon.string());
    REQUIRE(built.id != builtin_id);
    IndexOptions tiny = quiet();
    tiny.lexicon_path = lexicon.string();
    const IndexReport changed = index_paths(db.string(), {records.string()}, tiny);
    CHECK(changed.lexicon_changed);
    CHECK(changed.updated == 12);
    CHECK(changed.unchanged == 0);
    CHECK(nlohmann::json::parse(changed.to_json())["lexicon_changed"] == true);
    Xapian::Database xdb(db.string());
    CHECK(xdb.get_metadata(terms::kMetaLexiconId) == built.id);
    CHECK(xdb.get_metadata(terms::kMetaLexicon) == read_file(lexicon));
    CHECK(term_docs(db, "XQWOMBAT1") == 1);

    const IndexReport again = index_paths(db.string(), {records.string()}, tiny);
    CHECK_FALSE(again.lexicon_changed);
    CHECK(again.unchanged == 12);
}
