// Figure gene sets (analyzers/gene_set.hpp): listed entries resolve to human official symbols whatever
// their case; entries that are no gene symbol (diseases, UNK, aliases) are left out and counted.
#include <catch2/catch.hpp>

#include "analyzers/gene_set.hpp"
#include "analyzers/lexicon.hpp"

using capsearch::analysis::Lexicon;
using capsearch::analysis::resolve_gene_set;

TEST_CASE("gene set: symbols in any case, once, non-genes left out and counted", "[gene_set]") {
    const auto lexicon = Lexicon::builtin();
    REQUIRE(lexicon->official_symbol("erbb2") == "ERBB2");
    const auto set = resolve_gene_set(*lexicon, {"Erbb2", "ERBB2", "Egfr", "Cancer", "UNK", "Cancer", ""});
    CHECK(set.symbols == std::vector<std::string>{"EGFR", "ERBB2"});
    CHECK(set.left_out == 2);  // "Cancer" (twice, counted once) and "UNK"; empty entries are not entries
}

TEST_CASE("gene set: an alias is not an official symbol", "[gene_set]") {
    const auto lexicon = Lexicon::builtin();
    // HER2 names ERBB2 in queries, but a figure's gene list holds symbols: an alias there is left out.
    CHECK(lexicon->official_symbol("HER2").empty());
    const auto set = resolve_gene_set(*lexicon, {"HER2"});
    CHECK(set.symbols.empty());
    CHECK(set.left_out == 1);
}
