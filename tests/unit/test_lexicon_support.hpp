// Shared by the lexicon tests: a lexicon compiled from the fixtures in tests/fixtures/lexicon (a tiny
// org.Hs.eg.sqlite built from its SQL script, gene_info and HGNC lines, a word list), and shortcuts.
#pragma once

#include <sqlite3.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "analyzers/lexicon.hpp"
#include "analyzers/tokenizer.hpp"
#include "analyzers/unicode.hpp"
#include "capsearch/error.hpp"
#include "capsearch/lexicon.hpp"
#include "support/test_support.hpp"

namespace capsearch::test {

/// Builds org.Hs.eg.sqlite in `dir` from tests/fixtures/lexicon/org_hs_eg.sql.
inline std::string make_fixture_sqlite(const TempDir& dir) {
    const std::string path = (dir.path() / "org.Hs.eg.sqlite").string();
    sqlite3* db = nullptr;
    if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) throw std::runtime_error("cannot create " + path);
    const std::string sql = read_file(fixture("lexicon/org_hs_eg.sql"));
    char* err = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
    const std::string message = err ? err : "";
    sqlite3_free(err);
    sqlite3_close(db);
    if (rc != SQLITE_OK) throw std::runtime_error("fixture SQL failed: " + message);
    return path;
}

/// The sources of the fixture lexicon (all importers and the word list).
inline LexiconSources fixture_sources(const TempDir& dir) {
    LexiconSources s;
    s.ncbi_sqlite = make_fixture_sqlite(dir);
    s.ncbi_gene_info = {fixture("lexicon/gene_info.tsv").string()};
    s.hgnc_tsv = {fixture("lexicon/hgnc_complete_set.tsv").string()};
    s.english_words = fixture("lexicon/words.txt").string();
    return s;
}

/// The fixture lexicon, compiled once per test run.
inline std::shared_ptr<const analysis::Lexicon> fixture_lexicon() {
    static const std::shared_ptr<const analysis::Lexicon> lex = [] {
        TempDir dir;
        const std::string out = (dir.path() / "lexicon.tsv").string();
        build_lexicon(fixture_sources(dir), out);
        return analysis::Lexicon::load_file(out);
    }();
    return lex;
}

/// The gene symbols the names in `text` expand to (sorted, unique), as the indexer would read them.
inline std::vector<std::string> expanded(const analysis::Lexicon& lex, const std::string& text,
                                         analysis::Context ctx = analysis::Context::text) {
    std::vector<std::string> out;
    for (const auto& m : lex.recognize(analysis::tokenize(analysis::nfkc(text)), ctx))
        for (const auto& s : m.resolution.symbols) out.push_back(s);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

}  // namespace capsearch::test
