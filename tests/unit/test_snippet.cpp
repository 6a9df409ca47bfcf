// Tests of caption snippets: the chosen window, "…" at cut ends, white space, and highlight byte ranges
// that point at the matched words (also for multi-byte text and for genes named another way).
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "analyzers/lexicon.hpp"
#include "analyzers/unicode.hpp"
#include "capsearch/record.hpp"
#include "indexer/document.hpp"
#include "schema/stored.hpp"
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

    // The query's own spelling is a word match and a gene match of the same bytes; the merged highlight
    // still shows the gene, whichever of the two it kept, in the window found first or in the one
    // recognised afterwards.
    for (const char* text : {"HER2 drives resistance.", "Trastuzumab blocks HER2 dimers."}) {
        Snippet spelled = make_snippet(text, b.highlights, lexicon.get(), 240);
        CHECK(spelled.shows_gene);
        const std::string shown = spelled.text;
        add_listed_genes(spelled, "ERBB2", b.highlights);
        CHECK(spelled.text == shown);
    }
}

TEST_CASE("the gene names the indexer stored give the snippets the lexicon gives", "[snippet]") {
    auto lexicon = Lexicon::builtin();
    // Genes under other names, a family, a name the query spelled, a window chosen among many, a title.
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"ErbB2 heterodimers with EGFR drive growth.", "HER2"},
        {"ErbB2 and HER-2/neu: HER2 drives resistance to trastuzumab in breast cancer.", "HER2 resistance"},
        {"TNF-α and IFN-γ activate NF-κB in β-cells; p65 moves to the nucleus.", "RELA NF-kappaB"},
        {filler(6) + "Here ErbB2 and STAT3 act. " + filler(3) + "Growth needs p53 and resistance. " +
             filler(5),
         "HER2 STAT3 resistance"},
        {filler(4) + "Only an alias: neu signaling in the tumour cells. " + filler(4), "ERBB2"},
        {"Alterations and drug resistance in bladder cancer.", "HER2 resistance"},
    };
    for (const auto& [caption, query] : cases) {
        INFO(query << " in " << caption);
        capsearch::Record r;
        r.figid = "F1";
        r.title = caption.substr(0, 90);
        r.caption = caption;
        const auto stored =
            capsearch::index::decode_stored(capsearch::index::build_document(r, *lexicon).get_data());
        REQUIRE(stored.caption_genes);
        REQUIRE(stored.title_genes);
        BuiltQuery b = build_query(parse_query(query), *lexicon, true);
        // The query's own spec, and its genes alone: then only recognised (or stored) names can match.
        HighlightSpec genes_only;
        genes_only.concepts = b.highlights.concepts;
        genes_only.finish();
        for (const HighlightSpec* spec : {&b.highlights, &genes_only}) {
            for (std::size_t length : {40, 80, 240}) {
                const Snippet recognised = make_snippet(stored.caption, *spec, lexicon.get(), length);
                const Snippet read =
                    make_snippet(stored.caption, *spec, TextGenes(&*stored.caption_genes, nullptr), length);
                CHECK(read.text == recognised.text);
                CHECK(read.highlights == recognised.highlights);
                CHECK(read.shows_gene == recognised.shows_gene);
            }
            const std::string title = capsearch::analysis::nfkc(r.title);
            CHECK(highlight_all(title, *spec, TextGenes(&*stored.title_genes, nullptr)) ==
                  highlight_all(title, *spec, lexicon.get()));
        }
        // Every case but the last names a gene the query asked for.
        CHECK(make_snippet(stored.caption, genes_only, lexicon.get(), 240).highlights.empty() ==
              (query == cases.back().second && caption == cases.back().first));
    }
}

TEST_CASE("stored gene names: what they were indexed as, and ranges that do not fit are skipped",
          "[snippet]") {
    auto lexicon = Lexicon::builtin();
    capsearch::Record r;
    r.figid = "F1";
    r.title = "No gene here";
    r.caption = "ErbB2 and NF-κB.";
    const auto stored =
        capsearch::index::decode_stored(capsearch::index::build_document(r, *lexicon).get_data());
    REQUIRE(stored.caption_genes);
    REQUIRE(stored.caption_genes->size() == 2);
    CHECK(stored.caption.substr(0, (*stored.caption_genes)[0].end) == "ErbB2");
    CHECK((*stored.caption_genes)[0].begin == 0);
    CHECK((*stored.caption_genes)[0].concepts == std::vector<std::string>{"ERBB2"});
    CHECK((*stored.caption_genes)[1].concepts.at(0).starts_with('@'));
    // A title without genes still says so: an empty list, not an absent one.
    REQUIRE(stored.title_genes);
    CHECK(stored.title_genes->empty());

    // The gene alone, so that only a recognised or stored name can be marked (not the query's words).
    HighlightSpec spec;
    spec.concepts = build_query(parse_query("HER2"), *lexicon, true).highlights.concepts;
    spec.finish();
    CHECK(marked(make_snippet(stored.caption, spec, TextGenes(&*stored.caption_genes, nullptr), 240)) ==
          std::vector<std::string>{"ErbB2"});
    // The stored spans are used, not the lexicon: spans of another text are followed only where they
    // fit it (past its end, reversed, or starting or ending inside "κ": skipped); no spans and no
    // lexicon: no genes.
    const std::vector<capsearch::index::GeneSpan> foreign = {
        {10, 16, {"ERBB2"}}, {5, 400, {"ERBB2"}}, {3, 2, {"ERBB2"}}, {14, 16, {"ERBB2"}}, {0, 14, {"ERBB2"}}};
    CHECK(marked(make_snippet(stored.caption, spec, TextGenes(&foreign, lexicon.get()), 240)) ==
          std::vector<std::string>{"NF-κB"});
    CHECK(make_snippet(stored.caption, spec, TextGenes(nullptr, nullptr), 240).highlights.empty());
    CHECK(marked(make_snippet(stored.caption, spec, TextGenes(nullptr, lexicon.get()), 240)) ==
          std::vector<std::string>{"ErbB2"});
}
