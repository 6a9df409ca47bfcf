// The lexicon importers on small fixtures in the real formats (org.Hs.eg.sqlite, NCBI gene_info, HGNC
// complete set), build_lexicon's file and report, and default_lexicon_path.
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "test_lexicon_support.hpp"

using capsearch::Error;
using capsearch::ErrorCode;
using capsearch::LexiconSources;
using capsearch::analysis::Context;
using capsearch::analysis::Lexicon;
using capsearch::test::fixture;
using capsearch::test::TempDir;
using Kind = capsearch::analysis::Resolution::Kind;
using Symbols = std::vector<std::string>;

namespace {

std::shared_ptr<const Lexicon> build(const LexiconSources& sources, const TempDir& dir,
                                     capsearch::LexiconBuildReport* report = nullptr) {
    const std::string out = (dir.path() / "lexicon.tsv").string();
    const auto r = capsearch::build_lexicon(sources, out);
    if (report) *report = r;
    return Lexicon::load_file(out);
}

std::string build_error(const LexiconSources& sources, ErrorCode* code = nullptr) {
    TempDir dir;
    try {
        build(sources, dir);
    } catch (const Error& e) {
        if (code) *code = e.code();
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("org.Hs.eg.sqlite: symbols, aliases, gene types and the source date", "[lexicon][importers]") {
    TempDir dir;
    LexiconSources s;
    s.ncbi_sqlite = capsearch::test::make_fixture_sqlite(dir);
    const auto lex = build(s, dir);
    CHECK(lex->resolve("AREG", Context::query).source == "ncbi-symbol");
    const auto cd340 = lex->resolve("CD340", Context::query);
    CHECK(cd340.symbols == Symbols{"ERBB2"});
    CHECK(cd340.source == "ncbi-alias");
    // genetype: the pseudogene AHSA2P loses the shared alias AHA1 to protein-coding AHSA1.
    CHECK(lex->resolve("AHA1", Context::query).symbols == Symbols{"AHSA1"});
    CHECK(
        lex->serialized().find("# source: ncbi-sqlite org.Hs.eg.sqlite (Entrez Gene 2022-Sep12, tax 9606)") !=
        std::string::npos);
    // Full names of protein-coding genes are derived names: "androgen receptor", "caspase 3".
    CHECK(lex->resolve("androgen receptor", Context::text).symbols == Symbols{"AR"});
    CHECK(lex->resolve("caspase-3", Context::text).symbols == Symbols{"CASP3"});
}

TEST_CASE("gene_info TSV: any organism, synonyms, types, regions skipped", "[lexicon][importers]") {
    TempDir dir;
    LexiconSources s;
    s.ncbi_gene_info = {fixture("lexicon/gene_info.tsv").string()};
    const auto lex = build(s, dir);
    CHECK(lex->resolve("ERBB2", Context::query).symbols == Symbols{"ERBB2"});
    CHECK(lex->resolve("HER-2/neu", Context::query).symbols == Symbols{"ERBB2"});
    CHECK(lex->resolve("MLN 19", Context::query).symbols == Symbols{"ERBB2"});  // A synonym with a space.
    CHECK(lex->resolve("Trp53", Context::query).symbols == Symbols{"Trp53"});
    CHECK(lex->resolve("MIR1299", Context::query).symbols == Symbols{"MIR1299"});
    CHECK(lex->resolve("hsa-mir-1299", Context::query).symbols == Symbols{"MIR1299"});
    CHECK(lex->resolve("LOC110599563", Context::query).kind == Kind::none);  // biological-region.
    const std::string text(lex->serialized());
    CHECK(text.find("\no\t10090\n") != std::string::npos);
    CHECK(text.find("\ng\tMIR1299\t100302111\trn\tmicroRNA 1299\t") != std::string::npos);
}

TEST_CASE("gene_info without a header uses NCBI's column order", "[lexicon][importers]") {
    TempDir dir;
    std::string body = capsearch::test::read_file(fixture("lexicon/gene_info.tsv"));
    body = body.substr(body.find('\n') + 1);
    capsearch::test::write_file(dir.path() / "noheader.tsv", body);
    LexiconSources s;
    s.ncbi_gene_info = {(dir.path() / "noheader.tsv").string()};
    CHECK(build(s, dir)->resolve("c-neu", Context::query).symbols == Symbols{"Erbb2"});
}

TEST_CASE("HGNC complete set: quoted multi-values, previous symbols, withdrawn entries",
          "[lexicon][importers]") {
    TempDir dir;
    LexiconSources s;
    s.hgnc_tsv = {fixture("lexicon/hgnc_complete_set.tsv").string()};
    const auto lex = build(s, dir);
    CHECK(lex->resolve("ERBB1", Context::query).symbols == Symbols{"EGFR"});
    const auto lfs1 = lex->resolve("LFS1", Context::query);
    CHECK(lfs1.symbols == Symbols{"TP53"});
    CHECK(lfs1.source == "hgnc-alias");
    const auto prev = lex->resolve("NGL", Context::query);
    CHECK(prev.symbols == Symbols{"ERBB2"});
    CHECK(prev.source == "hgnc-prev");
    CHECK(lex->resolve("CD340", Context::query).symbols == Symbols{"ERBB2"});  // Inside a quoted list.
    CHECK(lex->resolve("OLDGENE", Context::query).kind == Kind::none);
    CHECK(lex->serialized().find("\ng\tEGFR\t1956\tph\tepidermal growth factor receptor\t") !=
          std::string::npos);
}

TEST_CASE("sources merge by NCBI Gene ID", "[lexicon][importers]") {
    TempDir dir;
    capsearch::LexiconBuildReport report;
    const auto lex = build(capsearch::test::fixture_sources(dir), dir, &report);
    // ERBB2 appears in the sqlite, gene_info and HGNC: one gene line.
    const std::string text(lex->serialized());
    const auto first = text.find("\ng\tERBB2\t");
    CHECK(first != std::string::npos);
    CHECK(text.find("\ng\tERBB2\t", first + 1) == std::string::npos);
    // EGFR only in HGNC (and curated) still becomes a gene with HGNC's names.
    CHECK(lex->resolve("ERBB1", Context::query).symbols == Symbols{"EGFR"});
    CHECK(report.concepts > 50);
    CHECK(report.names == lex->size());
    CHECK(report.ambiguous >= 1);  // HSP27 at least.
    CHECK(report.id == lex->id());
    const auto j = nlohmann::json::parse(report.to_json());
    CHECK(j.at("id") == report.id);
    CHECK(j.at("concepts") == report.concepts);
    // Concepts are counted by kind: the curated families and stops are not genes.
    CHECK(report.genes + report.families + report.stops == report.concepts);
    CHECK(report.families > 40);
    CHECK(report.stops > 100);
    CHECK(j.at("genes") == report.genes);
    CHECK(j.at("families") == report.families);
    CHECK(j.at("stops") == report.stops);
    CHECK(j.at("names") == report.names);
    CHECK(j.at("ambiguous") == report.ambiguous);
}

TEST_CASE("importer errors name the file and line", "[lexicon][importers]") {
    TempDir dir;
    ErrorCode code{};
    LexiconSources s;
    s.ncbi_sqlite = (dir.path() / "missing.sqlite").string();
    CHECK(build_error(s, &code).find("missing.sqlite") != std::string::npos);
    CHECK(code == ErrorCode::io);

    capsearch::test::write_file(dir.path() / "empty.sqlite", "");
    s.ncbi_sqlite = (dir.path() / "empty.sqlite").string();
    CHECK(build_error(s, &code).find("not an org.Hs.eg.db database") != std::string::npos);
    CHECK(code == ErrorCode::lexicon);

    s = {};
    capsearch::test::write_file(
        dir.path() / "short.tsv",
        "#tax_id\tGeneID\tSymbol\tLocusTag\tSynonyms\n9606\t367\tAR\t-\tAIS|DHTR\n9606\t7157\n");
    s.ncbi_gene_info = {(dir.path() / "short.tsv").string()};
    CHECK(build_error(s).find("short.tsv:3: expected at least 5 tab-separated columns") != std::string::npos);

    s = {};
    capsearch::test::write_file(dir.path() / "bad.tsv", "hgnc_id\tname\nHGNC:1\tfoo\n");
    s.hgnc_tsv = {(dir.path() / "bad.tsv").string()};
    CHECK(build_error(s).find("bad.tsv:1:") != std::string::npos);

    s = {};
    s.curated_yaml = (dir.path() / "nope.yaml").string();
    CHECK(build_error(s, &code).find("nope.yaml") != std::string::npos);
    CHECK(code == ErrorCode::io);
}

TEST_CASE("build_lexicon writes the file whole and the curated core is always in", "[lexicon][importers]") {
    TempDir dir;
    const std::string out = (dir.path() / "lexicon.tsv").string();
    const auto report = capsearch::build_lexicon({}, out);
    CHECK(std::filesystem::is_regular_file(out));
    CHECK(report.id == Lexicon::builtin()->id());
    for (const auto& entry : std::filesystem::directory_iterator(dir.path()))
        CHECK(entry.path().filename() == "lexicon.tsv");  // No temporary left behind.
    // Writing into a missing folder fails cleanly.
    ErrorCode code{};
    try {
        capsearch::build_lexicon({}, (dir.path() / "no" / "such" / "dir.tsv").string());
    } catch (const Error& e) {
        code = e.code();
    }
    CHECK(code == ErrorCode::io);
}

TEST_CASE("default_lexicon_path follows CAPSEARCH_LEXICON", "[lexicon][importers]") {
    const char* old = std::getenv("CAPSEARCH_LEXICON");
    const std::string saved = old ? old : "";
    ::setenv("CAPSEARCH_LEXICON", "/some/where/lexicon.tsv", 1);
    CHECK(capsearch::default_lexicon_path() == "/some/where/lexicon.tsv");
    ::unsetenv("CAPSEARCH_LEXICON");
    const std::string fallback = capsearch::default_lexicon_path();
    const auto beside = std::filesystem::read_symlink("/proc/self/exe").parent_path() / "lexicon.tsv";
    CHECK(fallback == (std::filesystem::exists(beside) ? beside.string() : std::string()));
    if (fallback.empty()) {
        // A registered fallback (the Python package's installed lexicon) is used when it exists.
        TempDir dir;
        const std::string file = (dir.path() / "lexicon.tsv").string();
        capsearch::set_fallback_lexicon_path(file);
        CHECK(capsearch::default_lexicon_path().empty());
        std::ofstream(file) << "x";
        CHECK(capsearch::default_lexicon_path() == file);
        ::setenv("CAPSEARCH_LEXICON", "/some/where/lexicon.tsv", 1);
        CHECK(capsearch::default_lexicon_path() == "/some/where/lexicon.tsv");
        ::unsetenv("CAPSEARCH_LEXICON");
        capsearch::set_fallback_lexicon_path("");
        CHECK(capsearch::default_lexicon_path().empty());
    }
    if (old) ::setenv("CAPSEARCH_LEXICON", saved.c_str(), 1);
}

TEST_CASE("the real org.Hs.eg.sqlite compiles into a compact, fast lexicon", "[lexicon][importers][ncbi]") {
    const auto sqlite = capsearch::test::source_dir() / "third_party" / "data" / "org.Hs.eg.sqlite";
    if (!std::filesystem::exists(sqlite)) {
        WARN("SKIPPED (no " << sqlite.string() << "; run scripts/fetch-gene-data.sh)");
        return;
    }
    TempDir dir;
    LexiconSources s;
    s.ncbi_sqlite = sqlite.string();
    if (std::filesystem::exists("/usr/share/dict/words")) s.english_words = "/usr/share/dict/words";
    const std::string out = (dir.path() / "lexicon.tsv").string();
    const auto report = capsearch::build_lexicon(s, out);
    CHECK(report.concepts > 60000);
    CHECK(std::filesystem::file_size(out) < 5u * 1024 * 1024);  // Stored in every index's metadata.
    const auto t0 = std::chrono::steady_clock::now();
    const auto lex = Lexicon::load_file(out);
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    WARN("NCBI lexicon: " << std::filesystem::file_size(out) << " bytes, " << lex->size()
                          << " names, loaded in " << ms << " ms");
    // Load time is reported, not asserted: speed is measured in bench/ (bench/SYNONYMS.md), never in tests.
    // The naive alias table's traps, on the real data.
    CHECK(lex->resolve("ATP", Context::query).kind == Kind::stop);
    CHECK(lex->resolve("PKC", Context::query).concept_name == "PKC");
    CHECK(lex->resolve("RAF", Context::query).concept_name == "RAF");
    CHECK(lex->resolve("TORC1", Context::query).concept_name == "mTORC1");
    CHECK(lex->resolve("AR", Context::query).symbols == Symbols{"AR"});
    CHECK(lex->resolve("HER2", Context::query).symbols == Symbols{"ERBB2"});
}
