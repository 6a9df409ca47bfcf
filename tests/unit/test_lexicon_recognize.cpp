// Gene names in token streams: each spelling family of issue 3 meets in one concept, slash lists and
// compound tokens are read name by name, and mentions never overlap.
#include <catch2/catch.hpp>

#include "test_lexicon_support.hpp"

using capsearch::analysis::Context;
using capsearch::analysis::GeneMention;
using capsearch::analysis::Lexicon;
using capsearch::test::expanded;
using capsearch::test::fixture_lexicon;
using Symbols = std::vector<std::string>;

namespace {

std::vector<GeneMention> mentions(const std::string& text, Context ctx = Context::text) {
    return fixture_lexicon()->recognize(capsearch::analysis::tokenize(capsearch::analysis::nfkc(text)), ctx);
}

std::string covered(const std::string& text, const GeneMention& m) {
    return text.substr(m.begin, m.end - m.begin);
}

}  // namespace

TEST_CASE("the key folds case, spells Greek letters and drops separators", "[lexicon][recognize]") {
    CHECK(Lexicon::key("NF-κB") == "nfkappab");
    CHECK(Lexicon::key("NF-kappaB") == "nfkappab");
    CHECK(Lexicon::key("NF kappa B") == "nfkappab");
    CHECK(Lexicon::key("HER-2") == "her2");
    CHECK(Lexicon::key("HER 2") == "her2");
    CHECK(Lexicon::key("Her2") == "her2");
    CHECK(Lexicon::key("TNF-α") == "tnfalpha");
    CHECK(Lexicon::key("IL-1β") == "il1beta");
    CHECK(Lexicon::key("p42/44 MAPK") == "p4244mapk");
    CHECK(Lexicon::key("Ca2+") == "ca2+");
}

TEST_CASE("every spelling of a name meets in one concept", "[lexicon][recognize]") {
    const auto& lex = *fixture_lexicon();
    const std::vector<std::pair<Symbols, std::vector<std::string>>> families = {
        {{"TNF"}, {"TNF-α", "TNF-alpha", "TNFα", "TNF alpha", "TNF"}},
        {{"NFKB1", "NFKB2", "REL", "RELA", "RELB"},
         {"NF-κB", "NF-kappaB", "NF-kappa B", "NFκB", "NFkB", "NF-kB"}},
        {{"ERBB2"}, {"HER2", "HER-2", "HER 2", "Her2", "ErbB2", "ERBB2", "HER-2/neu"}},
        {{"IL1B"}, {"IL-1β", "IL-1beta", "IL1B", "IL-1 beta"}},
        {{"CTNNB1"}, {"β-catenin", "beta-catenin", "β catenin"}},
        {{"TGFB1", "TGFB2", "TGFB3"}, {"TGF-β", "TGF-beta", "TGFβ"}},
        {{"IFNG"}, {"IFN-γ", "IFN-gamma", "IFNγ", "interferon gamma"}},
        {{"AKT1", "AKT2", "AKT3"}, {"Akt", "AKT", "PKB", "protein kinase B"}},
        {{"JUN"}, {"c-Jun", "c-JUN"}},
        {{"SRC"}, {"c-Src", "c-SRC", "Src"}},
        {{"TP53"}, {"p53", "P53", "TP53"}},
        {{"RELA"}, {"p65", "RelA", "RELA"}},
        {{"NFKB1"}, {"p50", "NFKB1"}},
    };
    for (const auto& [symbols, spellings] : families)
        for (const std::string& s : spellings) {
            INFO(s);
            CHECK(expanded(lex, s) == symbols);
            CHECK(expanded(lex, s, Context::query) == symbols);
        }
}

TEST_CASE("slash lists are read item by item", "[lexicon][recognize]") {
    const auto& lex = *fixture_lexicon();
    CHECK(expanded(lex, "ERK1/2") == Symbols{"MAPK1", "MAPK3"});
    CHECK(expanded(lex, "p42/44 MAPK") == Symbols{"MAPK1", "MAPK3"});
    CHECK(expanded(lex, "p44/42 MAPK") == Symbols{"MAPK1", "MAPK3"});
    CHECK(expanded(lex, "Smad2/3") == Symbols{"SMAD2", "SMAD3"});
    CHECK(expanded(lex, "JNK1/2") == Symbols{"MAPK8", "MAPK9"});
    // Each item is its own mention, and no two mentions overlap.
    const std::string t = "p42/44 MAPK";
    const auto ms = mentions(t);
    REQUIRE(ms.size() == 2);
    CHECK(ms[0].resolution.symbols == Symbols{"MAPK1"});
    CHECK(covered(t, ms[0]) == "p42");
    CHECK(ms[1].resolution.symbols == Symbols{"MAPK3"});
    CHECK(ms[0].last_token < ms[1].first_token);
}

TEST_CASE("names inside compound tokens are found", "[lexicon][recognize]") {
    const auto& lex = *fixture_lexicon();
    const std::string t = "anti-HER2 and NF-κB-dependent IL-6-induced signals";
    const auto ms = mentions(t);
    REQUIRE(ms.size() == 3);
    CHECK(covered(t, ms[0]) == "HER2");
    CHECK(ms[0].resolution.symbols == Symbols{"ERBB2"});
    CHECK(covered(t, ms[1]) == "NF-κB");
    CHECK(ms[1].resolution.concept_name == "NF-κB");
    CHECK(covered(t, ms[2]) == "IL-6");
    // Ca2+ is a stop name: "Ca2+-dependent" does not name CA2 (carbonic anhydrase 2).
    CHECK(expanded(lex, "Ca2+-dependent kinase").empty());
    CHECK(expanded(lex, "Ca2+ influx").empty());
    CHECK(expanded(lex, "CA2 expression") == Symbols{"CA2"});
    // A charge sign does not hide a gene: CD4+ T cells.
    CHECK(expanded(lex, "CD4+ T cells") == Symbols{"CD4"});
}

TEST_CASE("the longest name wins and mentions do not overlap", "[lexicon][recognize]") {
    const std::string t = "p38 MAPK and protein kinase C activate NF kappa B";
    const auto ms = mentions(t);
    REQUIRE(ms.size() == 3);
    CHECK(covered(t, ms[0]) == "p38 MAPK");
    CHECK(ms[0].first_token == 0);
    CHECK(ms[0].last_token == 1);
    CHECK(ms[1].resolution.concept_name == "PKC");
    CHECK(covered(t, ms[2]) == "NF kappa B");
    for (std::size_t i = 1; i < ms.size(); ++i) CHECK(ms[i - 1].last_token < ms[i].first_token);
}

TEST_CASE("words of one name are not joined across punctuation", "[lexicon][recognize]") {
    CHECK(expanded(*fixture_lexicon(), "NF. kappa B").empty());
    // "(p38) MAPK" is the family p38 MAPK named by "p38" alone, then "MAPK" on its own (the numbered
    // series MAPK1 ... MAPK15, derived from NCBI's symbols), not the name "p38 MAPK" across ')'.
    const auto t = capsearch::analysis::tokenize("(p38) MAPK");
    const auto ms = fixture_lexicon()->recognize(t, capsearch::analysis::Context::text);
    REQUIRE(ms.size() == 2);
    CHECK(ms[0].resolution.concept_name == "p38 MAPK");
    CHECK(ms[0].first_token == ms[0].last_token);
    CHECK(ms[1].resolution.concept_name == "MAPK");
}

TEST_CASE("stops and ambiguous names produce no mention but block their words", "[lexicon][recognize]") {
    const auto& lex = *fixture_lexicon();
    CHECK(expanded(lex, "ATP and ROS and LPS and cAMP").empty());
    CHECK(expanded(lex, "HSP27 is phosphorylated").empty());
    CHECK(expanded(lex, "cAMP-dependent PKA") ==
          Symbols{"PRKACA", "PRKACB", "PRKACG", "PRKAR1A", "PRKAR1B", "PRKAR2A", "PRKAR2B"});
    // Lower-case English words in text are words.
    CHECK(expanded(lex, "we set the max can").empty());
}

TEST_CASE("recognition works with the built-in curated core alone", "[lexicon][recognize]") {
    const auto lex = Lexicon::builtin();
    CHECK(expanded(*lex, "HER2-positive tumours") == Symbols{"ERBB2"});
    CHECK(expanded(*lex, "ERBB2 amplification") == Symbols{"ERBB2"});
    CHECK(expanded(*lex, "AKT1 and Smad3") == Symbols{"AKT1", "SMAD3"});  // Family members are known.
    CHECK(expanded(*lex, "ATP").empty());
}

TEST_CASE("a name at the end of a long hyphen chain is found, the chain's runs are bounded", "[lexicon][recognize]") {
    // 3,000 parts: every start x end of the parts was tried before (minutes); now a run spans at most
    // sixteen parts, so the work is linear and the gene at the end is still named.
    std::string chain;
    for (int i = 0; i < 1500; ++i) chain += "a1-";
    chain += "HER2";
    const auto found = mentions(chain);
    REQUIRE(found.size() == 1);
    CHECK(covered(chain, found[0]) == "HER2");
    CHECK(mentions("anti-HER2-dependent").size() == 1);
}
