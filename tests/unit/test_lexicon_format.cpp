// The compiled lexicon format: deterministic, content-addressed, round-trips through parse(), and
// rejects malformed text with the origin and line; the built-in curated core.
#include <catch2/catch.hpp>
#include <fstream>
#include <set>
#include <sstream>

#include "analyzers/lexicon_sources.hpp"
#include "test_lexicon_support.hpp"

using capsearch::Error;
using capsearch::ErrorCode;
using capsearch::analysis::Context;
using capsearch::analysis::Lexicon;
using Kind = capsearch::analysis::Resolution::Kind;

namespace {

// The error a parse of `text` throws ("" when it does not throw).
std::string parse_error(const std::string& text, ErrorCode* code = nullptr) {
    try {
        Lexicon::parse(text, "test.tsv");
    } catch (const Error& e) {
        if (code) *code = e.code();
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("the built-in lexicon is the curated core, compiled", "[lexicon][format]") {
    const auto lex = Lexicon::builtin();
    REQUIRE(lex);
    CHECK(lex == Lexicon::builtin());  // Built once.
    const std::string& id = lex->id();
    CHECK(id.size() == 21);
    CHECK(id.rfind("lex1-", 0) == 0);
    CHECK(id.find_first_not_of("0123456789abcdef", 5) == std::string::npos);
    CHECK(lex->serialized().rfind("# capsearch-lexicon 1\n", 0) == 0);
    CHECK(lex->size() > 500);
    CHECK(lex->resolve("TORC1", Context::query).concept_name == "mTORC1");
    CHECK(lex->resolve("ATP", Context::query).kind == Kind::stop);
}

TEST_CASE("a compiled lexicon round-trips through parse", "[lexicon][format]") {
    const auto a = capsearch::test::fixture_lexicon();
    const auto b = Lexicon::parse(a->serialized(), "copy");
    CHECK(b->serialized() == a->serialized());
    CHECK(b->id() == a->id());
    CHECK(b->size() == a->size());
    CHECK(Lexicon::parse(std::string(a->serialized()) + "# a comment\n", "x")->id() != a->id());  // The id hashes content.
}

TEST_CASE("compiling is deterministic", "[lexicon][format]") {
    capsearch::test::TempDir d1, d2;
    const std::string out1 = (d1.path() / "a.tsv").string(), out2 = (d2.path() / "b.tsv").string();
    const auto r1 = capsearch::build_lexicon(capsearch::test::fixture_sources(d1), out1);
    const auto r2 = capsearch::build_lexicon(capsearch::test::fixture_sources(d2), out2);
    CHECK(r1.id == r2.id);
    CHECK(capsearch::test::read_file(out1) == capsearch::test::read_file(out2));
}

TEST_CASE("gene lines carry the symbol, id, type, full name and sourced names", "[lexicon][format]") {
    const std::string text(capsearch::test::fixture_lexicon()->serialized());
    const auto at = text.find("\ng\tERBB2\t2064\tpn\terb-b2 receptor tyrosine kinase 2\t");
    REQUIRE(at != std::string::npos);
    const std::string line = text.substr(at + 1, text.find('\n', at + 1) - at - 1);
    CHECK(line.find("\ta:HER-2/neu") != std::string::npos);  // NCBI alias.
    CHECK(line.find("\tc:HER2\t") != std::string::npos);     // Curated beats the NCBI copy.
    CHECK(line.find(":NGL") == line.rfind(":NGL"));          // NCBI alias and HGNC prev: one entry.
    CHECK(text.find("\ns\tATP\tadenosine triphosphate\tc:ATP\n") != std::string::npos);
    CHECK(text.find("\nf\tRAF\tARAF,BRAF,RAF1\tRAF kinases\t") != std::string::npos);
    CHECK(text.find("\ns\tcAMP\t") != std::string::npos);
    CHECK(text.find("cX:cAMP") != std::string::npos);                // Case-exact flag.
    CHECK(text.find("\ng\tSET\t6418\tpnW\t") != std::string::npos);  // English-word flag on a symbol.
}

TEST_CASE("malformed lexicons are rejected with origin and line", "[lexicon][format]") {
    ErrorCode code{};
    CHECK(parse_error("hello\n", &code).find("test.tsv:1: not a capsearch lexicon") == 0);
    CHECK(code == ErrorCode::lexicon);
    CHECK(parse_error("").find("test.tsv:1:") == 0);
    const std::string head = "# capsearch-lexicon 1\n";
    CHECK(parse_error(head + "# ok\nx\tfoo\n").find("test.tsv:3: unknown record type") == 0);
    CHECK(parse_error(head + "g\tAR\t367\tpn\tandrogen receptor\tHER2\n")
              .find("test.tsv:2: malformed name entry") == 0);
    CHECK(parse_error(head + "g\tAR\t367\tpn\tandrogen receptor\tz:AR2\n").find("unknown name source") !=
          std::string::npos);
    CHECK(parse_error(head + "g\tAR\t367\tpn\tandrogen receptor\taQ:AR2\n").find("unknown name flag") !=
          std::string::npos);
    CHECK(parse_error(head + "g\tAR\t367\tqn\tandrogen receptor\n").find("unknown gene type") !=
          std::string::npos);
    CHECK(parse_error(head + "f\tAKT\n").find("test.tsv:2:") == 0);
    CHECK(parse_error(head + "s\tATP\tadenosine triphosphate\tc:ATP\n").empty());
}

TEST_CASE("load_file reports unreadable files as io errors", "[lexicon][format]") {
    try {
        Lexicon::load_file("/nonexistent/lexicon.tsv");
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::io);
        CHECK(std::string(e.what()).find("/nonexistent/lexicon.tsv") != std::string::npos);
    }
}

TEST_CASE("curated English words are marked so lower-case text does not match them", "[lexicon][format]") {
    std::ifstream words("/usr/share/dict/words");
    if (!words) {
        WARN("SKIPPED (no /usr/share/dict/words)");
        return;
    }
    std::set<std::string> dict;
    for (std::string w; std::getline(words, w);)
        if (w.size() >= 3 && w.find_first_not_of("abcdefghijklmnopqrstuvwxyz") == std::string::npos)
            dict.insert(w);
    // Every curated family or gene name that is a lower-case dictionary word must carry W or X.
    std::istringstream in{std::string(Lexicon::builtin()->serialized())};
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("f\t", 0) != 0 && line.rfind("g\t", 0) != 0) continue;
        std::istringstream fields(line);
        for (std::string f; std::getline(fields, f, '\t');) {
            if (f.rfind("c:", 0) != 0) continue;
            std::string lower = f.substr(2);
            for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            INFO(line);
            CHECK_FALSE(dict.count(lower));
        }
    }
}

TEST_CASE("curated YAML errors name the line", "[lexicon][format]") {
    auto error_of = [](const std::string& yaml) -> std::string {
        try {
            capsearch::analysis::LexiconDraft d;
            d.add_curated(yaml, "c.yaml");
        } catch (const Error& e) {
            CHECK(e.code() == ErrorCode::lexicon);
            return e.what();
        }
        return "";
    };
    CHECK(error_of("families:\n  - family: X\n    members: [A]\n    colour: red\n")
              .find("c.yaml:4: unknown key") == 0);
    CHECK(error_of("stops:\n  - stop: ATP\n    names: [{name: ATP, case: upper}]\n").find("c.yaml:3:") == 0);
    CHECK(error_of("families:\n  - family: X\n    names: [Y]\n").find("needs a list of members") !=
          std::string::npos);
    CHECK(error_of("families:\n  - family: X\n    members: [A]\n    names: [NF-kB]\n"
                   "stops:\n  - stop: NFkB\n")
              .find("same key") != std::string::npos);
    CHECK(error_of("genes: [\n").find("c.yaml:") == 0);
    CHECK(error_of("families:\n  - family: X\n    members: [A]\n").empty());
}
