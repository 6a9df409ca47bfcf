// A sync that must analyse every record again (another lexicon, an older analysis version) builds a new
// generation in parallel: the same documents as a fresh build, a sync's semantics (what is not walked,
// or fails to parse now, is kept; --delete-missing), the same result as the in-place sync, a sync's report.
#include <xapian.h>

#include <catch2/catch.hpp>
#include <map>
#include <nlohmann/json.hpp>

#include "capsearch/index.hpp"
#include "schema/index_meta.hpp"
#include "schema/terms.hpp"
#include "support/test_support.hpp"
#include "unit/sync_support.hpp"

using namespace capsearch;
using namespace capsearch::test;
using namespace capsearch::test::sync;

namespace {

// `options` with the small curated lexicon of tests/fixtures/sync.
IndexOptions with_tiny_lexicon(IndexOptions options, const fs::path& dir) {
    options.lexicon_path = tiny_lexicon(dir).string();
    return options;
}

// One document as text: terms with wdf and positions, values, data.
std::string describe(const Xapian::Document& doc) {
    std::string s;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        s += *t + " " + std::to_string(t.get_wdf()) + " @";
        for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) s += " " + std::to_string(*p);
        s += "\n";
    }
    for (auto v = doc.values_begin(); v != doc.values_end(); ++v) {
        s += "value " + std::to_string(v.get_valueno()) + " " + *v + "\n";
    }
    return s + doc.get_data();
}

// Every document of the database at `path`, by figid (prefixed with `tag`).
void add_documents(const fs::path& path, const std::string& tag, std::map<std::string, std::string>& out) {
    Xapian::Database d(path.string());
    for (auto p = d.postlist_begin(""); p != d.postlist_end(""); ++p) {
        const Xapian::Document doc = d.get_document(*p);
        auto t = doc.termlist_begin();
        t.skip_to("Q");
        REQUIRE(t != doc.termlist_end());
        out[tag + (*t).substr(1)] = describe(doc);
    }
}

// Every document of index `db`, by shard and figid: equal maps mean equal indexes, whatever the docids.
std::map<std::string, std::string> documents(const fs::path& db, unsigned shards = 1) {
    std::map<std::string, std::string> out;
    if (shards <= 1) add_documents(db, "", out);
    for (unsigned k = 0; shards > 1 && k < shards; ++k) {
        add_documents(db / ("shard-" + std::to_string(k)), std::to_string(k) + "/", out);
    }
    return out;
}

// Sets the analysis version every shard of `db` records, as an older capsearch left it.
void set_analysis_version(const fs::path& db, unsigned shards, const std::string& version) {
    for (unsigned k = 0; k < std::max(shards, 1U); ++k) {
        Xapian::WritableDatabase w((shards > 1 ? db / ("shard-" + std::to_string(k)) : db).string(),
                                   Xapian::DB_OPEN);
        w.set_metadata(std::string(terms::kMetaAnalysis), version);
        w.commit();
    }
}

std::string live_of(const fs::path& db, unsigned shards) {
    return live_generation(shards > 1 ? db / "shard-0" : db);
}

// Rewrites `db` as analysis version 7 left it: no phrase pair terms, and no mark saying every
// document holds them. Returns how many pair terms were removed.
std::size_t strip_phrase_pairs(const fs::path& db, unsigned shards) {
    std::size_t removed = 0;
    for (unsigned k = 0; k < std::max(shards, 1U); ++k) {
        const fs::path shard = shards > 1 ? db / ("shard-" + std::to_string(k)) : db;
        Xapian::WritableDatabase w((shard / live_generation(shard)).string(), Xapian::DB_OPEN);
        removed += remove_phrase_pairs(w);
        w.set_metadata(terms::kMetaPhrasePairs, "");
        w.set_metadata(terms::kMetaAnalysis, "7");
        w.commit();
    }
    return removed;
}

bool reported(const IndexReport& r, const fs::path& file, const std::string& reason_part) {
    for (const SkippedRecord& s : r.skipped) {
        if (s.file == file.string() && s.reason.find(reason_part) != std::string::npos) return true;
    }
    return false;
}

}  // namespace

TEST_CASE("a lexicon change builds a new generation equal to a fresh build with the new lexicon",
          "[sync][reanalysis]") {
    for (const unsigned shards : {1U, 3U}) {
        TempDir tmp;
        const fs::path records = tmp.path() / "records";
        const fs::path db = tmp.path() / "db";
        write_corpus(records, "RLX", 0, 40, record_templates());
        write_file(record_path(records, "RLX", 5),
                   with_caption_word(read_file(record_path(records, "RLX", 5)), "Wombatase"));
        age_files(records);
        index_paths(db.string(), {records.string()}, with_shards(shards));
        const std::string before = live_of(db, shards);
        REQUIRE(term_docs(db, "XQWOMBAT1") == 0);
        // A reader holding the old generation keeps working through the switch.
        Searcher reader(db.string());
        SearchRequest request;
        request.query = "pathway";
        const std::size_t total = reader.search(request).total;

        std::vector<IndexProgress> calls;
        IndexOptions tiny = with_tiny_lexicon(with_shards(0), tmp.path());
        tiny.on_progress = [&](const IndexProgress& p) { calls.push_back(p); };
        const IndexReport r = index_paths(db.string(), {records.string()}, tiny);
        CHECK(r.lexicon_changed);
        CHECK_FALSE(r.rebuilt);
        CHECK(r.updated == 40);
        CHECK(r.added == 0);
        CHECK(r.deleted == 0);
        CHECK(r.unchanged == 0);
        CHECK(r.documents == 40);
        CHECK(r.skipped.empty());
        const auto json = nlohmann::json::parse(r.to_json());
        CHECK(json["lexicon_changed"] == true);
        CHECK(json["updated"] == 40);
        REQUIRE_FALSE(calls.empty());
        CHECK(calls.back().done == 40);
        CHECK(calls.back().total == 40);

        CHECK(live_of(db, shards) != before);  // The parallel path: a new generation.
        if (shards == 1) CHECK(leftovers(db).empty());
        CHECK(term_docs(db, "XQWOMBAT1") == 1);
        CHECK(reader.search(request).total == total);

        const fs::path fresh = tmp.path() / "fresh";
        index_paths(fresh.string(), {records.string()}, with_tiny_lexicon(with_shards(shards), tmp.path()));
        CHECK(documents(db, shards) == documents(fresh, shards));
        CHECK(metadata(db, terms::kMetaLexiconId) == metadata(fresh, terms::kMetaLexiconId));
        CHECK(metadata(db, terms::kMetaLexicon) == metadata(fresh, terms::kMetaLexicon));
        CHECK(metadata(db, terms::kMetaAnalysis) == metadata(fresh, terms::kMetaAnalysis));

        // The next sync with that lexicon trusts every stamp.
        const IndexReport again = index_paths(db.string(), {records.string()}, tiny);
        CHECK_FALSE(again.lexicon_changed);
        CHECK(again.unchanged == 40);
    }
}

TEST_CASE("an analysis version change builds a new generation equal to a fresh build", "[sync][reanalysis]") {
    for (const unsigned shards : {1U, 3U}) {
        TempDir tmp;
        const fs::path records = tmp.path() / "records";
        const fs::path db = tmp.path() / "db";
        write_corpus(records, "RAV", 0, 30, record_templates());
        age_files(records);
        index_paths(db.string(), {records.string()}, with_shards(shards));
        const fs::path fresh = tmp.path() / "fresh";
        index_paths(fresh.string(), {records.string()}, with_shards(shards));
        {
            // What an older analysis left: another term in every document, no version recorded.
            Xapian::WritableDatabase w(
                (shards > 1 ? db / "shard-1" / live_of(db, shards) : db / live_of(db, shards)).string(),
                Xapian::DB_OPEN);
            std::vector<Xapian::docid> ids(w.postlist_begin(""), w.postlist_end(""));
            for (const Xapian::docid id : ids) {
                Xapian::Document doc = w.get_document(id);
                doc.add_term("XQOLDANALYSIS");
                w.replace_document(id, doc);
            }
            w.commit();
        }
        set_analysis_version(db, shards, "");
        REQUIRE(term_docs(db, "XQOLDANALYSIS") > 0);
        REQUIRE(documents(db, shards) != documents(fresh, shards));

        const IndexReport r = index_paths(db.string(), {records.string()}, with_shards(0));
        CHECK(r.lexicon_changed);
        CHECK(r.updated == 30);
        CHECK(r.unchanged == 0);
        CHECK(term_docs(db, "XQOLDANALYSIS") == 0);
        CHECK(documents(db, shards) == documents(fresh, shards));
        CHECK(metadata(db, terms::kMetaAnalysis) == std::string(index::kAnalysisVersion));
    }
}

TEST_CASE("a re-analysing sync keeps what it is not given and a file turned bad keeps its document",
          "[sync][reanalysis]") {
    for (const auto& [shards, delete_missing] :
         std::vector<std::pair<unsigned, bool>>{{1, true}, {1, false}, {3, true}, {3, false}}) {
        TempDir tmp;
        const auto templates = record_templates();
        const fs::path records = tmp.path() / "records";
        const fs::path other = tmp.path() / "other";
        const fs::path db = tmp.path() / "db";
        write_corpus(records, "RKA", 0, 30, templates);
        write_corpus(other, "RKB", 0, 5, templates);
        age_files(records);
        age_files(other);
        index_paths(db.string(), {records.string(), other.string()}, with_shards(shards));
        const auto old_documents = documents(db, shards);
        auto old_document = [&](const std::string& figid) {
            for (const auto& [key, text] : old_documents) {
                if (key.ends_with("/" + figid) || key == figid) return text;
            }
            FAIL("no document " + figid);
            return std::string();
        };

        const fs::path bad = record_path(records, "RKA", 4);
        write_file(bad, "---\nfigid: [broken\n---\n");
        fs::remove(record_path(records, "RKA", 7));
        // A new file takes the figid of a document outside the walk.
        write_file(records / "taker.md",
                   with_figid(with_caption_word(templates[1], "takeover"), figid_of("RKB", 2)));
        write_corpus(records, "RKA", 30, 2, templates);

        IndexOptions tiny = with_tiny_lexicon(with_shards(0), tmp.path());
        tiny.delete_missing = delete_missing;
        const std::string before = live_of(db, shards);
        const IndexReport r = index_paths(db.string(), {records.string()}, tiny);
        CHECK(live_of(db, shards) != before);
        CHECK(r.lexicon_changed);
        CHECK(r.added == 2);
        CHECK(r.updated == 28 + 1);  // 30 files but the bad and the removed one, and the figid taken over.
        CHECK(r.deleted == (tiny.delete_missing ? 1U : 0U));
        CHECK(r.documents == (tiny.delete_missing ? 36U : 37U));
        REQUIRE(r.skipped.size() == 1);
        CHECK(reported(r, bad, ""));

        const auto now = documents(db, shards);
        auto document = [&](const std::string& figid) {
            for (const auto& [key, text] : now) {
                if (key.ends_with("/" + figid) || key == figid) return text;
            }
            return std::string();
        };
        // Kept as they were: the old analysis, the old file stamp.
        CHECK(document(figid_of("RKA", 4)) == old_document(figid_of("RKA", 4)));
        for (std::size_t i : {0, 1, 3, 4})
            CHECK(document(figid_of("RKB", i)) == old_document(figid_of("RKB", i)));
        CHECK(document(figid_of("RKA", 7)) == (tiny.delete_missing ? "" : old_document(figid_of("RKA", 7))));
        CHECK(term_docs(db, "takeover") == 1);
        CHECK(term_docs(db, std::string(terms::kPath) + (records / "taker.md").string()) == 1);
        CHECK(search_total(db, "figid:" + figid_of("RKB", 2)) == 1);
        CHECK(search_total(db, "takeover") == 1);
    }
}

TEST_CASE("a re-analysing sync gives what the in-place sync gives, clashes and all", "[sync][reanalysis]") {
    // A plain Xapian database is synced in place; the same index in capsearch's layout goes through
    // the new generation. Both must end with the same documents and the same report.
    TempDir tmp;
    const auto templates = record_templates();
    const fs::path records = tmp.path() / "records";
    const fs::path outside = tmp.path() / "outside";
    const fs::path db = tmp.path() / "db";
    write_corpus(records, "RIP", 0, 20, templates);
    write_corpus(outside, "RIQ", 0, 3, templates);
    age_files(records);
    age_files(outside);
    index_paths(db.string(), {records.string(), outside.string()}, with_shards(1));
    const fs::path plain = tmp.path() / "plain";
    fs::copy(db / live_generation(db), plain, fs::copy_options::recursive);

    // A file turns bad; an earlier file now claims its figid, and a later one the figid of an earlier bad
    // file.
    write_file(record_path(records, "RIP", 12), "---\nfigid: [broken\n---\n");
    write_file(record_path(records, "RIP", 3), with_figid(templates[3], figid_of("RIP", 12)));
    write_file(record_path(records, "RIP", 2), "---\nfigid: [broken\n---\n");
    write_file(record_path(records, "RIP", 15), with_figid(templates[4], figid_of("RIP", 2)));
    // Two walked files with one figid, and one taking a figid from outside the walk.
    write_file(record_path(records, "RIP", 8), with_figid(templates[5], "RIP-TWIN"));
    write_file(record_path(records, "RIP", 17), with_figid(templates[6], "RIP-TWIN"));
    write_file(record_path(records, "RIP", 19), with_figid(templates[7], figid_of("RIQ", 1)));
    fs::remove(record_path(records, "RIP", 10));
    write_corpus(records, "RIP", 20, 3, templates);

    const IndexOptions tiny = with_tiny_lexicon(with_shards(0), tmp.path());
    const std::string before = live_generation(db);
    const IndexReport a = index_paths(db.string(), {records.string()}, tiny);
    const IndexReport b = index_paths(plain.string(), {records.string()}, tiny);
    CHECK(live_generation(db) != before);
    CHECK(documents(db) == documents(plain));
    CHECK(a.added == b.added);
    CHECK(a.updated == b.updated);
    CHECK(a.deleted == b.deleted);
    CHECK(a.unchanged == b.unchanged);
    CHECK(a.documents == b.documents);
    CHECK(a.lexicon_changed == b.lexicon_changed);
    std::vector<std::string> a_files, b_files;
    for (const SkippedRecord& s : a.skipped) a_files.push_back(s.file);
    for (const SkippedRecord& s : b.skipped) b_files.push_back(s.file);
    std::sort(a_files.begin(), a_files.end());
    std::sort(b_files.begin(), b_files.end());
    CHECK(a_files == b_files);
    CHECK(reported(a, record_path(records, "RIP", 3), "also in " + record_path(records, "RIP", 12).string()));
    CHECK(reported(a, record_path(records, "RIP", 8), "duplicate figid RIP-TWIN"));
}

TEST_CASE("a re-analysing sync of a few files into a large index stays in place", "[sync][reanalysis]") {
    TempDir tmp;
    const auto templates = record_templates();
    const fs::path few = tmp.path() / "few";
    const fs::path many = tmp.path() / "many";
    const fs::path db = tmp.path() / "db";
    write_corpus(few, "RFA", 0, 3, templates);
    write_corpus(many, "RFB", 0, 12, templates);
    index_paths(db.string(), {few.string(), many.string()}, with_shards(1));
    const std::string before = live_generation(db);

    const IndexReport r =
        index_paths(db.string(), {few.string()}, with_tiny_lexicon(with_shards(0), tmp.path()));
    CHECK(r.lexicon_changed);
    CHECK(r.updated == 3);
    CHECK(live_generation(db) == before);  // Replaced one by one: cheaper than copying 12 kept documents.
    CHECK(doc_count(db) == 15);
}

TEST_CASE("documents a re-analysing sync carries over get their phrase pairs from their positions",
          "[sync][reanalysis]") {
    for (const unsigned shards : {1U, 3U}) {
        TempDir tmp;
        const auto templates = record_templates();
        const fs::path records = tmp.path() / "records";
        const fs::path other = tmp.path() / "other";
        const fs::path db = tmp.path() / "db";
        write_corpus(records, "RPA", 0, 20, templates);
        write_corpus(other, "RPB", 0, 5, templates);
        age_files(records);
        age_files(other);
        index_paths(db.string(), {records.string(), other.string()}, with_shards(shards));
        const auto with_pairs = documents(db, shards);
        CHECK(metadata(shards > 1 ? db / "shard-0" : db, terms::kMetaPhrasePairs) == "1");
        REQUIRE(strip_phrase_pairs(db, shards) > 0);
        REQUIRE(documents(db, shards) != with_pairs);

        // Only `records` is given: `other`'s documents are carried over, and must come out as the
        // indexer writes them today, pairs and all.
        const std::string before = live_of(db, shards);
        const IndexReport r = index_paths(db.string(), {records.string()}, with_shards(0));
        CHECK(r.lexicon_changed);
        CHECK(r.updated == 20);
        CHECK(live_of(db, shards) != before);
        CHECK(documents(db, shards) == with_pairs);
        for (unsigned k = 0; k < std::max(shards, 1U); ++k) {
            const fs::path shard = shards > 1 ? db / ("shard-" + std::to_string(k)) : db;
            CHECK(metadata(shard, terms::kMetaPhrasePairs) == "1");
        }
    }
}

TEST_CASE("an in-place re-analysing sync leaves phrases to positions until a rebuild", "[sync][reanalysis]") {
    TempDir tmp;
    const auto templates = record_templates();
    const fs::path few = tmp.path() / "few";
    const fs::path many = tmp.path() / "many";
    const fs::path db = tmp.path() / "db";
    write_corpus(few, "RQA", 0, 3, templates);
    write_corpus(many, "RQB", 0, 12, templates);
    index_paths(db.string(), {few.string(), many.string()}, with_shards(1));
    SearchRequest phrase;
    phrase.query = "\"of the\"";
    phrase.limit = 100;
    auto hits = [&] {
        std::vector<std::pair<std::string, double>> out;
        for (const Hit& h : Searcher(db.string()).search(phrase).hits) out.emplace_back(h.figid, h.score);
        return out;
    };
    const auto expected = hits();
    REQUIRE_FALSE(expected.empty());
    REQUIRE(strip_phrase_pairs(db, 1) > 0);

    const std::string before = live_generation(db);
    const IndexReport r = index_paths(db.string(), {few.string()}, with_shards(0));
    CHECK(r.updated == 3);
    CHECK(live_generation(db) == before);  // In place: the 12 others keep their old analysis.
    CHECK(metadata(db, terms::kMetaAnalysis) == std::string(index::kAnalysisVersion));
    CHECK(metadata(db, terms::kMetaPhrasePairs).empty());
    CHECK(hits() == expected);  // Read from positions: the kept documents have no pairs.

    IndexOptions rebuild = with_shards(0);
    rebuild.rebuild = true;
    index_paths(db.string(), {few.string(), many.string()}, rebuild);
    CHECK(metadata(db, terms::kMetaPhrasePairs) == "1");
    CHECK(hits() == expected);
}
