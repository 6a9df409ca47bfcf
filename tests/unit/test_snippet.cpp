// Tests of caption snippets: the chosen window, "…" at cut ends, white space, and highlight byte ranges
// that point at the matched words (also for multi-byte text and for genes named another way).
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "analyzers/lexicon.hpp"
#include "analyzers/unicode.hpp"
#include "searcher/query_builder.hpp"
#include "searcher/query_parser.hpp"
#include "searcher/snippet.hpp"

using capsearch::analysis::Lexicon;
using namespace capsearch::search;

namespace {

Snippet snip(const std::string& caption, const std::string& query, std::size_t length = 240,
             bool synonyms = true) {
    auto lexicon = Lexicon::builtin();
    BuiltQuery b = build_query(parse_query(query), *lexicon, synonyms);
    std::string text = capsearch::analysis::nfkc(caption);
    return make_snippet(text, b.highlights, lexicon.get(), length);
}

std::vector<std::string> marked(const Snippet& s) {
    std::vector<std::string> out;
    for (auto [b, e] : s.highlights) {
        REQUIRE(b < e);
        REQUIRE(e <= s.text.size());
        out.push_back(s.text.substr(b, e - b));
    }
    return out;
}

const std::string kEllipsis = "\xE2\x80\xA6";

std::string filler(int sentences) {
    std::string out;
    for (int i = 0; i < sentences; ++i) out += "Cells were cultured in standard medium for three days. ";
    return out;
}

}  // namespace

TEST_CASE("short captions are returned whole with the matches marked", "[snippet]") {
    Snippet s = snip("HER2 drives resistance to trastuzumab.", "resistance trastuzumab", 240, false);
    CHECK(s.text == "HER2 drives resistance to trastuzumab.");
    CHECK(marked(s) == std::vector<std::string>{"resistance", "trastuzumab"});
}

TEST_CASE("stems, case and spellings of the query words are marked", "[snippet]") {
    Snippet s = snip("Signalling by IL6 and IL-6R; SIGNALING proceeds.", "signaling IL-6", 240, false);
    CHECK(marked(s) == std::vector<std::string>{"Signalling", "IL6", "SIGNALING"});
}

TEST_CASE("phrases mark the whole sequence", "[snippet]") {
    Snippet s = snip("The IL 6 family and IL-6 itself, but not 6 IL.", "\"IL 6\"", 240, false);
    CHECK(marked(s) == std::vector<std::string>{"IL 6", "IL-6"});
}

TEST_CASE("genes are marked under any of their names", "[snippet]") {
    Snippet s = snip("ErbB2 heterodimers with EGFR drive growth.", "HER2");
    CHECK(marked(s) == std::vector<std::string>{"ErbB2"});
    Snippet off = snip("ErbB2 heterodimers with EGFR drive growth.", "HER2", 240, false);
    CHECK(off.highlights.empty());
}

TEST_CASE("excluded words are not marked", "[snippet]") {
    Snippet s = snip("Yorkie and Warts control growth.", "growth -Warts", 240, false);
    CHECK(marked(s) == std::vector<std::string>{"growth"});
}

TEST_CASE("titles: every match is marked, genes under their other names too", "[snippet]") {
    auto lexicon = Lexicon::builtin();
    const std::string title = capsearch::analysis::nfkc("ErbB2 and EGFR signaling: HER2 in signalling");
    BuiltQuery b = build_query(parse_query("HER2 signaling -EGFR"), *lexicon, true);
    std::vector<std::string> got;
    for (auto [begin, end] : highlight_all(title, b.highlights, lexicon.get()))
        got.push_back(title.substr(begin, end - begin));
    CHECK(got == std::vector<std::string>{"ErbB2", "signaling", "HER2", "signalling"});
    CHECK(
        highlight_all(title, build_query(parse_query("apoptosis"), *lexicon, true).highlights, lexicon.get())
            .empty());
}

TEST_CASE("multi-byte text keeps valid UTF-8 and exact byte ranges", "[snippet]") {
    Snippet s = snip("TNF-α and IFN-γ activate NF-κB in β-cells.", "TNF-alpha NF-kappaB", 240, false);
    CHECK(marked(s) == std::vector<std::string>{"TNF-α", "NF-κB"});
    CHECK(capsearch::analysis::is_valid_utf8(s.text));
}

TEST_CASE("long captions: the window with the matches, cut at words with ellipses", "[snippet]") {
    std::string caption = filler(8) + "Here HER2 amplification confers resistance to lapatinib. " + filler(8);
    Snippet s = snip(caption, "HER2 resistance lapatinib", 120, false);
    CHECK(s.text.rfind(kEllipsis, 0) == 0);
    CHECK(s.text.size() >= kEllipsis.size());
    CHECK(s.text.compare(s.text.size() - kEllipsis.size(), kEllipsis.size(), kEllipsis) == 0);
    CHECK(marked(s) == std::vector<std::string>{"HER2", "resistance", "lapatinib"});
    // It starts at the sentence holding the matches.
    CHECK(s.text.substr(kEllipsis.size(), 4) == "Here");
    // About the asked length (plus the ellipses).
    CHECK(s.text.size() <= 120 + 2 * kEllipsis.size());
    CHECK(s.text.size() > 60);
}

TEST_CASE("the window with the most distinct words wins over repeats", "[snippet]") {
    std::string caption = "Akt Akt Akt Akt. " + filler(6) + "Here mTOR and Akt meet. " + filler(6);
    Snippet s = snip(caption, "Akt OR mTOR", 80, false);
    std::vector<std::string> m = marked(s);
    CHECK(std::find(m.begin(), m.end(), "mTOR") != m.end());
    CHECK(std::find(m.begin(), m.end(), "Akt") != m.end());
}

TEST_CASE("without matches the caption's start is returned", "[snippet]") {
    std::string caption = filler(10);
    Snippet s = snip(caption, "zebrafish", 100, false);
    CHECK(s.highlights.empty());
    CHECK(s.text.rfind("Cells were cultured", 0) == 0);
    CHECK(s.text.compare(s.text.size() - kEllipsis.size(), kEllipsis.size(), kEllipsis) == 0);
    Snippet none = snip("", "x");
    CHECK(none.text.empty());
}

TEST_CASE("white space runs collapse and highlights follow", "[snippet]") {
    Snippet s = snip("Line one\n\n   HER2   here.\tEnd", "HER2 End", 240, false);
    CHECK(s.text == "Line one HER2 here. End");
    CHECK(marked(s) == std::vector<std::string>{"HER2", "End"});
}

TEST_CASE("a window starting mid-sentence starts at a whole word", "[snippet]") {
    std::string caption = filler(4) +
                          "In the last panel the treated cells were imaged again after a long drug exposure "
                          "(trastuzumab) and resistance was scored. " +
                          filler(4);
    Snippet s = snip(caption, "trastuzumab", 20, false);
    REQUIRE(s.text.rfind(kEllipsis, 0) == 0);
    CHECK(s.text.substr(kEllipsis.size(), 13) == "(trastuzumab)");
    CHECK(marked(s) == std::vector<std::string>{"trastuzumab"});
}

TEST_CASE("a gene matched only through the figure's gene list is named after the snippet", "[snippet]") {
    auto lexicon = Lexicon::builtin();
    BuiltQuery b = build_query(parse_query("HER2 resistance"), *lexicon, true);
    Snippet s = make_snippet("Alterations and drug resistance in bladder cancer.", b.highlights, lexicon.get(), 240);
    CHECK_FALSE(s.shows_gene);
    add_listed_genes(s, "AKT1 ERBB2 FRS2", b.highlights);
    CHECK(s.text == "Alterations and drug resistance in bladder cancer. \xC2\xB7 genes: ERBB2");
    CHECK(marked(s) == std::vector<std::string>{"resistance", "ERBB2"});

    // A snippet that shows the gene (under another name) gets nothing added; nor does a list without it.
    Snippet named = make_snippet("ErbB2 drives resistance.", b.highlights, lexicon.get(), 240);
    CHECK(named.shows_gene);
    const std::string before = named.text;
    add_listed_genes(named, "ERBB2", b.highlights);
    CHECK(named.text == before);
    Snippet other = make_snippet("Alterations in bladder cancer.", b.highlights, lexicon.get(), 240);
    add_listed_genes(other, "AKT1 FRS2", b.highlights);
    CHECK(other.text == "Alterations in bladder cancer.");
}
