// Tests of the biomedical tokenizer: connectors, slash lists, Greek letters, folding, offsets.
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "analyzers/tokenizer.hpp"
#include "analyzers/unicode.hpp"
#include "support/test_support.hpp"

using namespace capsearch::analysis;

namespace {

std::vector<Token> tok(const std::string& text) { return tokenize(nfkc(text)); }

std::vector<std::string> surfaces(const std::vector<Token>& tokens) {
    std::vector<std::string> out;
    for (const auto& t : tokens) out.push_back(t.surface);
    return out;
}

std::vector<std::string> part_terms(const Token& t) {
    std::vector<std::string> out;
    for (const auto& p : t.parts) out.push_back(p.term);
    return out;
}

// Every term at consecutive positions, over all tokens, as a phrase query would see them.
std::vector<std::string> positions(const std::vector<Token>& tokens) {
    std::vector<std::string> out;
    for (const auto& t : tokens) {
        for (auto& s : positional_terms(t)) out.push_back(s);
    }
    return out;
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("IL-6, IL6 and IL 6 produce compatible terms", "[tokenizer]") {
    const auto hyphen = tok("IL-6");
    const auto joined = tok("IL6");
    const auto spaced = tok("IL 6");
    REQUIRE(hyphen.size() == 1);
    REQUIRE(joined.size() == 1);
    REQUIRE(spaced.size() == 2);
    CHECK(hyphen[0].surface == "IL-6");
    CHECK(hyphen[0].term == "il-6");
    CHECK(hyphen[0].joined == "il6");
    CHECK(joined[0].term == "il6");
    CHECK(joined[0].joined == "il6");
    CHECK(part_terms(hyphen[0]) == V{"il", "6"});
    CHECK(joined[0].parts.empty());  // Letter/digit boundaries do not split ("ATP8A2" keeps no "atp").
    CHECK(hyphen[0].parts[0].surface == "IL");
    // "IL-6" and "IL 6" give the same positional terms; "IL6" is one (the searcher's phrases try both).
    CHECK(positions(hyphen) == V{"il", "6"});
    CHECK(positions(joined) == V{"il6"});
    CHECK(positions(spaced) == positions(hyphen));
    CHECK(hyphen[0].gene_like);
    CHECK(joined[0].gene_like);
}

TEST_CASE("letter/digit boundaries do not split words", "[tokenizer]") {
    const auto t = tok("ERBB2 signaling p53");
    REQUIRE(t.size() == 3);
    CHECK(t[0].parts.empty());
    CHECK(t[0].term == "erbb2");
    CHECK(t[1].parts.empty());
    CHECK(t[1].term == "signaling");
    CHECK(t[1].joined == "signaling");
    CHECK(positional_terms(t[1]) == V{"signaling"});
    CHECK(t[2].parts.empty());
    CHECK(tok("ATP8A2")[0].parts.empty());
}

TEST_CASE("Greek letters are spelled out in terms, joined and parts", "[tokenizer]") {
    const auto greek = tok("TNF-\xCE\xB1");  // TNF-α
    const auto latin = tok("TNF-alpha");
    REQUIRE(greek.size() == 1);
    REQUIRE(latin.size() == 1);
    CHECK(greek[0].surface == "TNF-\xCE\xB1");
    CHECK(greek[0].term == "tnf-alpha");
    CHECK(greek[0].joined == "tnfalpha");
    CHECK(part_terms(greek[0]) == V{"tnf", "alpha"});
    CHECK(latin[0].term == greek[0].term);
    CHECK(latin[0].joined == greek[0].joined);
    CHECK(part_terms(latin[0]) == part_terms(greek[0]));

    const auto beta = tok("IL-1\xCE\xB2 IL-1beta");  // IL-1β IL-1beta
    REQUIRE(beta.size() == 2);
    CHECK(beta[0].term == "il-1beta");
    CHECK(beta[0].joined == "il1beta");
    CHECK(part_terms(beta[0]) == V{"il", "1beta"});
    CHECK(beta[1].term == beta[0].term);
    CHECK(part_terms(beta[1]) == part_terms(beta[0]));

    const auto nfkb =
        tok("NF-\xCE\xBA"
            "B");  // NF-κB
    REQUIRE(nfkb.size() == 1);
    CHECK(nfkb[0].term == "nf-kappab");
    CHECK(nfkb[0].joined == "nfkappab");
    REQUIRE(nfkb[0].parts.size() == 2);
    CHECK(nfkb[0].parts[1].surface ==
          "\xCE\xBA"
          "B");
    CHECK(nfkb[0].parts[1].term == "kappab");

    const auto more =
        tok("IFN-\xCE\xB3 PKC\xCE\xB4 \xCE\xB2-catenin ER\xCE\xB1");  // IFN-γ PKCδ β-catenin ERα
    REQUIRE(more.size() == 4);
    CHECK(more[0].joined == "ifngamma");
    CHECK(more[1].term == "pkcdelta");
    CHECK(more[2].term == "beta-catenin");
    CHECK(part_terms(more[2]) == V{"beta", "catenin"});
    CHECK(more[3].term == "eralpha");
    for (const auto& t : more) CHECK(t.gene_like);
}

TEST_CASE("the micro sign becomes mu through NFKC", "[tokenizer]") {
    const auto micro = tok("10 \xC2\xB5M");  // µ, U+00B5
    const auto mu = tok("10 \xCE\xBCM");     // μ, U+03BC
    REQUIRE(micro.size() == 2);
    CHECK(micro[1].term == "mum");
    CHECK(micro[1].term == mu[1].term);
}

TEST_CASE("slash lists split and expand bare numbers", "[tokenizer]") {
    SECTION("ERK1/2") {
        const std::string text = "ERK1/2";
        const auto t = tokenize(text);
        REQUIRE(surfaces(t) == V{"ERK1", "ERK2"});
        CHECK_FALSE(t[0].synthetic);
        CHECK(t[0].sep_before == ' ');
        CHECK(t[1].synthetic);
        CHECK(t[1].sep_before == '/');
        CHECK(t[1].begin == 5);  // The synthetic token covers the "2" as written.
        CHECK(t[1].end == 6);
        CHECK(t[1].term == "erk2");
        CHECK(t[1].parts.empty());
        CHECK(t[1].gene_like);
    }
    SECTION("p42/44 MAPK") {
        const auto t = tokenize("p42/44 MAPK");
        REQUIRE(surfaces(t) == V{"p42", "p44", "MAPK"});
        CHECK(t[1].synthetic);
        CHECK(t[1].begin == 4);
        CHECK(t[1].end == 6);
        CHECK(t[2].sep_before == ' ');
        CHECK_FALSE(t[2].synthetic);
    }
    SECTION("Smad2/3") {
        const auto t = tokenize("Smad2/3");
        REQUIRE(surfaces(t) == V{"Smad2", "Smad3"});
        CHECK(t[1].joined == "smad3");
    }
    SECTION("GLUT1/3/4") {
        const auto t = tokenize("GLUT1/3/4");
        REQUIRE(surfaces(t) == V{"GLUT1", "GLUT3", "GLUT4"});
        CHECK(t[1].begin == 6);
        CHECK(t[1].end == 7);
        CHECK(t[2].begin == 8);
        CHECK(t[2].end == 9);
        CHECK(t[2].sep_before == '/');
        CHECK(t[2].synthetic);
    }
    SECTION("HER-2/neu") {
        const auto t = tokenize("HER-2/neu");
        REQUIRE(surfaces(t) == V{"HER-2", "neu"});
        CHECK(t[0].joined == "her2");
        CHECK(t[1].sep_before == '/');
        CHECK_FALSE(t[1].synthetic);
        CHECK(t[1].begin == 6);
        CHECK(t[1].end == 9);
    }
    SECTION("p62/ZIP") {
        const auto t = tokenize("p62/ZIP");
        REQUIRE(surfaces(t) == V{"p62", "ZIP"});
        CHECK(t[1].sep_before == '/');
        CHECK_FALSE(t[1].synthetic);
    }
    SECTION("a prefix with a connector carries over: IL-4/13") {
        const auto t = tokenize("IL-4/13");
        REQUIRE(surfaces(t) == V{"IL-4", "IL-13"});
        CHECK(t[1].joined == "il13");
    }
    SECTION("numbers alone are not expanded") {
        const auto t = tokenize("1/2 2010/2011");
        CHECK(surfaces(t) == V{"1", "2", "2010", "2011"});
        for (const auto& x : t) CHECK_FALSE(x.synthetic);
    }
    SECTION("a slash with spaces is punctuation") {
        const auto t = tokenize("ERK1 / 2 and JNK/ p38");
        REQUIRE(surfaces(t) == V{"ERK1", "2", "and", "JNK", "p38"});
        for (const auto& x : t) CHECK(x.sep_before == ' ');
    }
}

TEST_CASE("a trailing plus after a digit belongs to the token", "[tokenizer]") {
    const auto t = tok("Ca2+ and HER2+ tumors; Ca2+/calmodulin, CD4+/CD8+ Na+");
    REQUIRE(surfaces(t) == V{"Ca2+", "and", "HER2+", "tumors", "Ca2+", "calmodulin", "CD4+", "CD8+", "Na"});
    CHECK(t[0].term == "ca2+");
    CHECK(t[0].joined == "ca2");
    CHECK(t[0].parts.empty());
    CHECK(t[0].end == 4);
    CHECK(t[2].term == "her2+");
    CHECK(t[2].joined == "her2");
    CHECK(t[5].sep_before == '/');
    CHECK(t[7].sep_before == '/');
    // Ca²⁺ is normalised to Ca2+ first.
    const auto sup = tok("Ca\xC2\xB2\xE2\x81\xBA");
    REQUIRE(sup.size() == 1);
    CHECK(sup[0].term == "ca2+");
}

TEST_CASE("connectors join only between word characters without spaces", "[tokenizer]") {
    const auto t = tok("IL-6. The 3'-UTR of c-Jun - and e.g. TNF:TNFR x+y");
    REQUIRE(surfaces(t) == V{"IL-6", "The", "3'-UTR", "of", "c-Jun", "and", "e.g", "TNF:TNFR", "x+y"});
    CHECK(t[2].term == "3'-utr");
    CHECK(t[2].joined == "3utr");
    CHECK(part_terms(t[2]) == V{"3", "utr"});
    CHECK(t[4].joined == "cjun");
    CHECK(t[7].joined == "tnftnfr");
}

TEST_CASE("dash variants join and are written as '-' in terms", "[tokenizer]") {
    const auto t =
        tok("TrkA\xE2\x80\x93src-aPKC IL\xE2\x80\x90"
            "6 IL\xE2\x80\x91"
            "6");  // en dash, U+2010, U+2011
    REQUIRE(t.size() == 3);
    CHECK(t[0].surface == "TrkA\xE2\x80\x93src-aPKC");
    CHECK(t[0].term == "trka-src-apkc");
    CHECK(t[0].joined == "trkasrcapkc");
    CHECK(part_terms(t[0]) == V{"trka", "src", "apkc"});
    CHECK(t[1].term == "il-6");
    CHECK(t[2].term == "il-6");
    // An em dash is punctuation, not a connector.
    CHECK(surfaces(tok("kinase\xE2\x80\x94which")) == V{"kinase", "which"});
}

TEST_CASE("apostrophes join words, typographic ones are written as the ASCII apostrophe", "[tokenizer]") {
    const auto t = tok("Crohn's 5\xE2\x80\xB2-end cells' ");  // 5′-end (prime)
    REQUIRE(surfaces(t) == V{"Crohn's", "5\xE2\x80\xB2-end", "cells"});
    CHECK(t[0].term == "crohn's");
    CHECK(t[1].term == "5'-end");
    CHECK(surfaces(tok("Crohn\xE2\x80\x99s"))[0] == "Crohn\xE2\x80\x99s");  // right single quote
    CHECK(tok("Crohn\xE2\x80\x99s")[0].term == "crohn's");
}

TEST_CASE("a hyphen before a plain word ends a gene-like name", "[tokenizer]") {
    const auto t =
        tok("IL-6-induced NF-\xCE\xBA"
            "B-dependent p53-mediated Ca2+-dependent ERK1/2-mediated");
    CHECK(surfaces(t) == V{"IL-6", "induced",
                           "NF-\xCE\xBA"
                           "B",
                           "dependent", "p53", "mediated", "Ca2+", "dependent", "ERK1", "ERK2", "mediated"});
    // Names whose second part is a word, and Greek letter names, stay whole.
    CHECK(surfaces(tok("\xCE\xB2-catenin c-Jun IL-1-alpha well-known")) ==
          V{"\xCE\xB2-catenin", "c-Jun", "IL-1-alpha", "well-known"});
}

TEST_CASE("case is folded and NFKC text tokenizes like ASCII", "[tokenizer]") {
    const auto t =
        tok("ErbB2 \xEF\xBC\xA9\xEF\xBC\xAC\xEF\xBC\x8D\xEF\xBC\x96 \xEF\xAC\x81"
            "broblasts");
    REQUIRE(surfaces(t) == V{"ErbB2", "IL-6", "fibroblasts"});
    CHECK(t[0].term == "erbb2");
    CHECK(t[0].parts.empty());
    CHECK(t[1].joined == "il6");
    CHECK(t[2].term == "fibroblasts");
    CHECK(tok("\xC3\x89TAT")[0].term == "\xC3\xA9tat");
}

TEST_CASE("punctuation around words is stripped", "[tokenizer]") {
    const auto t =
        tok("(IL-6), [NF-\xCE\xBA"
            "B]. \"p53\" \xE2\x80\x9C"
            "Akt\xE2\x80\x9D; {Ras}! -6 --- ... / +");
    CHECK(surfaces(t) == V{"IL-6",
                           "NF-\xCE\xBA"
                           "B",
                           "p53", "Akt", "Ras", "6"});
    CHECK(tok(" -- + / ... ,;!? ").empty());
    CHECK(tok("").empty());
}

TEST_CASE("gene_like marks names, not prose", "[tokenizer]") {
    const auto t = tok("Signaling pathways ErbB2 MAPK Akt mRNA \xCE\xB1 well-known 42");
    REQUIRE(t.size() == 9);
    CHECK_FALSE(t[0].gene_like);  // capital only at the start
    CHECK_FALSE(t[1].gene_like);
    CHECK(t[2].gene_like);        // digit, inner capital
    CHECK(t[3].gene_like);        // capital after the first letter
    CHECK_FALSE(t[4].gene_like);  // "Akt" reads like a capitalised word
    CHECK(t[5].gene_like);
    CHECK(t[6].gene_like);  // Greek
    CHECK(t[7].gene_like);  // connector
    CHECK(t[8].gene_like);  // digit
}

TEST_CASE("offsets are UTF-8 byte offsets into the input", "[tokenizer]") {
    const std::string text = nfkc(
        "\xCE\xB2-catenin binds TNF-\xCE\xB1 in caf\xC3\xA9s \xE2\x80\x94 ERK1/2 (NF-\xCE\xBA"
        "B).");
    const auto t = tokenize(text);
    REQUIRE(surfaces(t) == V{"\xCE\xB2-catenin", "binds", "TNF-\xCE\xB1", "in", "caf\xC3\xA9s", "ERK1",
                             "ERK2",
                             "NF-\xCE\xBA"
                             "B"});
    for (const auto& x : t) {
        CAPTURE(x.surface);
        REQUIRE(x.end <= text.size());
        if (x.synthetic) {
            CHECK(text.substr(x.begin, x.end - x.begin) == "2");
        } else {
            CHECK(text.substr(x.begin, x.end - x.begin) == x.surface);
        }
    }
    CHECK(t[0].begin == 0);
    CHECK(t[0].end == 10);  // β is two bytes
    CHECK(t[2].begin == 17);
    CHECK(t[7].begin == text.rfind("NF-"));
}

TEST_CASE("words in scripts without spaces are split by ICU", "[tokenizer]") {
    // 基因 ("gene") directly followed by IL6: ICU breaks between Han and Latin.
    const auto t = tok("\xE5\x9F\xBA\xE5\x9B\xA0IL6");
    REQUIRE(surfaces(t) == V{"\xE5\x9F\xBA\xE5\x9B\xA0", "IL6"});
    CHECK(t[1].begin == 6);
    CHECK_FALSE(t[0].gene_like);
}

TEST_CASE("malformed bytes never crash the tokenizer", "[tokenizer]") {
    const std::string bad = "IL-6 \xFF\xC0 p53\xCE";
    const auto t = tokenize(bad);
    CHECK(surfaces(t) == V{"IL-6", "p53"});
}

TEST_CASE("tokenize gives the same result from several threads at once", "[tokenizer]") {
    const std::string text =
        nfkc("IL-6 and TNF-\xCE\xB1 activate ERK1/2 via Ca2+ in \xCE\xB2-cells; p42/44 MAPK.");
    const V expected = surfaces(tokenize(text));
    REQUIRE(expected.size() == 13);
    std::vector<int> wrong(4, 0);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < wrong.size(); ++i) {
        threads.emplace_back([&, i] {
            for (int k = 0; k < 300; ++k) {
                if (surfaces(tokenize(text)) != expected) ++wrong[i];
            }
        });
    }
    for (auto& t : threads) t.join();
    for (const int w : wrong) CHECK(w == 0);
}

TEST_CASE("tokens without parts have term == joined (real records)", "[tokenizer]") {
    CAPSEARCH_REQUIRE_SHARED_OR_SKIP(shared);
    std::size_t files = 0, tokens = 0;
    for (const auto& entry : std::filesystem::directory_iterator(shared / "corpus" / "pfocr")) {
        const std::string text = nfkc(capsearch::test::read_file(entry.path()));
        for (const auto& t : tokenize(text)) {
            ++tokens;
            INFO(entry.path().filename().string() << ": " << t.surface);
            REQUIRE(!t.term.empty());
            REQUIRE(t.end <= text.size());
            REQUIRE(t.begin < t.end);
            if (!t.synthetic) REQUIRE(text.compare(t.begin, t.end - t.begin, t.surface) == 0);
            // Without parts, term and joined differ only by a trailing '+' ("Ca2+" / "ca2").
            if (t.parts.empty() && t.term != t.joined) REQUIRE(t.term == t.joined + "+");
            if (!t.parts.empty()) REQUIRE(t.parts.size() >= 2);
        }
        ++files;
    }
    CHECK(files > 100);
    CHECK(tokens > 10000);
}
