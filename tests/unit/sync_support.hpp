// Record corpora and index probes for the index lifecycle tests (sync, rebuild, crash, writer): real
// PFOCR records from ../shared copied under new figids when present, else tests/fixtures/sync records.
#pragma once

#include <sys/stat.h>
#include <utime.h>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/lexicon_cache.hpp"
#include "capsearch/index.hpp"
#include "capsearch/lexicon.hpp"
#include "capsearch/search.hpp"
#include "schema/terms.hpp"
#include "support/test_support.hpp"

namespace capsearch::test::sync {

namespace fs = std::filesystem;

/// ../shared/corpus/pfocr when present (quietly: these tests fall back to fixtures instead of skipping).
inline std::optional<fs::path> shared_corpus() {
    fs::path p = CAPSEARCH_SHARED_DIR;
    if (const char* env = std::getenv("CAPSEARCH_SHARED_DIR")) p = env;
    p /= "corpus/pfocr";
    if (fs::is_directory(p)) return p;
    return std::nullopt;
}

/// Texts of the records new ones are made from, sorted by file name.
inline std::vector<std::string> record_templates() {
    const fs::path dir = shared_corpus().value_or(fixture("sync"));
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir)) {
        if (e.path().extension() == ".md") files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    std::vector<std::string> out;
    for (const fs::path& f : files) out.push_back(read_file(f));
    return out;
}

/// `text` with its "figid:" line (the first one) saying `figid`.
inline std::string with_figid(const std::string& text, const std::string& figid) {
    const std::size_t at = text.find("\nfigid:");
    if (at == std::string::npos) return text;
    const std::size_t eol = text.find('\n', at + 1);
    return text.substr(0, at) + "\nfigid: " + figid + text.substr(eol);
}

/// `text` with `word` added to the first line of its caption, so that the record changes.
inline std::string with_caption_word(const std::string& text, const std::string& word) {
    std::size_t at = text.find("\ncaption: ");
    if (at == std::string::npos) return text;
    at += 10;
    const bool quoted = text[at] == '\'' || text[at] == '"';
    return text.substr(0, at + (quoted ? 1 : 0)) + word + " " + text.substr(at + (quoted ? 1 : 0));
}

/// Figid of generated record `i` of a corpus named `prefix`.
inline std::string figid_of(const std::string& prefix, std::size_t i) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%06zu", i);
    return prefix + buf;
}

/// Path of generated record `i` under `dir` (100 per folder, like a large collection).
inline fs::path record_path(const fs::path& dir, const std::string& prefix, std::size_t i) {
    return dir / std::to_string(i / 100) / (figid_of(prefix, i) + ".md");
}

/// Writes records [first, first + count) of corpus `prefix` into `dir`, made from `templates` in turn.
inline void write_corpus(const fs::path& dir, const std::string& prefix, std::size_t first, std::size_t count,
                         const std::vector<std::string>& templates) {
    for (std::size_t i = first; i < first + count; ++i) {
        write_file(record_path(dir, prefix, i),
                   with_figid(templates[i % templates.size()], figid_of(prefix, i)));
    }
}

/// Moves every file's mtime an hour into the past, so that its stamp is trusted by the next sync.
inline void age_files(const fs::path& dir) {
    const auto past = fs::file_time_type::clock::now() - std::chrono::hours(1);
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
        if (e.is_regular_file()) fs::last_write_time(e.path(), past);
    }
}

/// The small curated lexicon of tests/fixtures/sync (another id than the built-in one), built into
/// `dir` on first use.
inline fs::path tiny_lexicon(const fs::path& dir) {
    const fs::path lexicon = dir / "tiny.lexicon";
    if (!fs::exists(lexicon)) {
        LexiconSources sources;
        sources.curated_yaml = fixture("sync/tiny_curated.yaml").string();
        build_lexicon(sources, lexicon.string());
    }
    return lexicon;
}

/// Options for a run on 2 threads into an index of `shards` shards (0: as the index is).
inline IndexOptions with_shards(unsigned shards) {
    IndexOptions o;
    o.threads = 2;
    o.shards = shards;
    return o;
}

/// The metadata `key` of the index or shard at `db`.
inline std::string metadata(const fs::path& db, std::string_view key) {
    return Xapian::Database(db.string()).get_metadata(std::string(key));
}

/// Removes every phrase pair term (terms::kPhrasePair) from the documents of `w`, as analysis version 7
/// and older wrote them (the caller sets the metadata and commits). Returns how many it removed.
inline std::size_t remove_phrase_pairs(Xapian::WritableDatabase& w) {
    std::size_t removed = 0;
    const std::vector<Xapian::docid> ids(w.postlist_begin(""), w.postlist_end(""));
    for (const Xapian::docid id : ids) {
        Xapian::Document doc = w.get_document(id);
        std::vector<std::string> pairs;
        for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
            if ((*t).starts_with(terms::kPhrasePair)) pairs.push_back(*t);
        }
        for (const std::string& p : pairs) doc.remove_term(p);
        removed += pairs.size();
        w.replace_document(id, doc);
    }
    return removed;
}

/// Figures matching `query` (at most 1000).
inline std::size_t search_total(const fs::path& db, const std::string& query) {
    Searcher searcher(db.string());
    SearchRequest request;
    request.query = query;
    request.limit = 1000;
    return searcher.search(request).total;
}

inline std::size_t doc_count(const fs::path& db) { return Xapian::Database(db.string()).get_doccount(); }

/// Documents holding `term` (e.g. "Q" + figid, or an unprefixed word).
inline std::size_t term_docs(const fs::path& db, const std::string& term) {
    Xapian::Database d(db.string());
    return d.term_exists(term) ? d.get_termfreq(term) : 0;
}

inline bool has_figid(const fs::path& db, const std::string& figid) {
    return term_docs(db, "Q" + figid) == 1;
}

/// The live generation named by DB/XAPIANDB ("gen-000002").
inline std::string live_generation(const fs::path& db) {
    std::string text = read_file(db / "XAPIANDB");
    while (!text.empty() && text.back() == '\n') text.pop_back();
    return text.substr(text.find(' ') + 1);
}

/// Entries of `db` other than the stub, the live generation and the image of the live lexicon (what a
/// finished run must not leave).
inline std::vector<std::string> leftovers(const fs::path& db) {
    const std::string live = live_generation(db);
    const std::string image =
        analysis::lexicon_image_name(Xapian::Database(db.string()).get_metadata(terms::kMetaLexiconId));
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(db)) {
        const std::string name = e.path().filename().string();
        if (name != "XAPIANDB" && name != live && name != image) out.push_back(name);
    }
    return out;
}

}  // namespace capsearch::test::sync
