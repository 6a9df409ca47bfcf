// `capsearch synonyms NAME`: the explanation of a name as text and JSON (tokens, key, concept, the names
// it will match, and why an ambiguous or stop name is not expanded).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "analyzers/lexicon_explain.hpp"
#include "test_lexicon_support.hpp"

using capsearch::test::TempDir;

namespace {

// The fixture lexicon as a file, for the public path-based functions.
std::string fixture_lexicon_file(const TempDir& dir) {
    const std::string path = (dir.path() / "lexicon.tsv").string();
    capsearch::test::write_file(path, std::string(capsearch::test::fixture_lexicon()->serialized()));
    return path;
}

}  // namespace

TEST_CASE("explain_name_json shows analysis, concept and names", "[lexicon][explain]") {
    TempDir dir;
    const std::string path = fixture_lexicon_file(dir);
    const auto j = nlohmann::json::parse(capsearch::explain_name_json("HER-2", path));
    CHECK(j.at("name") == "HER-2");
    CHECK(j.at("key") == "her2");
    CHECK(j.at("lexicon").at("id") == capsearch::test::fixture_lexicon()->id());
    CHECK(j.at("lexicon").at("from") == path);
    REQUIRE(j.at("tokens").size() == 1);
    CHECK(j.at("tokens")[0].at("surface") == "HER-2");
    CHECK(j.at("query").at("kind") == "gene");
    CHECK(j.at("query").at("concept") == "ERBB2");
    CHECK(j.at("expands_to") == nlohmann::json::array({"ERBB2"}));
    bool has_alias = false;
    for (const auto& n : j.at("names"))
        has_alias = has_alias || (n.at("name") == "HER-2/neu" && n.at("source") == "ncbi-alias");
    CHECK(has_alias);
}

TEST_CASE("explanations say why a name is not expanded", "[lexicon][explain]") {
    TempDir dir;
    const std::string path = fixture_lexicon_file(dir);
    const auto amb = nlohmann::json::parse(capsearch::explain_name_json("HSP27", path));
    CHECK(amb.at("query").at("kind") == "ambiguous");
    CHECK(amb.at("query").at("symbols") == nlohmann::json::array({"HSPB1", "HSPB2"}));
    CHECK(amb.at("expands_to").empty());
    CHECK(amb.at("query").at("reason").get<std::string>().find("not expanded") != std::string::npos);
    const auto stop = nlohmann::json::parse(capsearch::explain_name_json("ATP", path));
    CHECK(stop.at("query").at("kind") == "stop");
    CHECK(stop.at("query").at("reason").get<std::string>().find("never expanded") != std::string::npos);
    const std::string text = capsearch::explain_name_text("Camp", path);
    CHECK(text.find("case decides") != std::string::npos);
    CHECK(text.find("expands:   nothing") != std::string::npos);
}

TEST_CASE("explaining several names lists each", "[lexicon][explain]") {
    const auto lex = capsearch::test::fixture_lexicon();
    const std::string text = capsearch::analysis::explain_text(*lex, "p42/44 MAPK", "fixture");
    CHECK(text.find("p42 -> gene MAPK1") != std::string::npos);
    CHECK(text.find("expands:   MAPK1 MAPK3") != std::string::npos);
    const auto j =
        nlohmann::json::parse(capsearch::analysis::explain_json(*lex, "ERK1/2 and TNF-α", "fixture"));
    CHECK(j.at("expands_to") == nlohmann::json::array({"MAPK1", "MAPK3", "TNF"}));
    CHECK(j.at("mentions").size() == 3);
}

TEST_CASE("explanations say what a family and its members match", "[lexicon][explain]") {
    const auto lex = capsearch::test::fixture_lexicon();
    const auto family =
        nlohmann::json::parse(capsearch::analysis::explain_json(*lex, "NF-kappaB", "fixture"));
    CHECK(family.at("expands_to") == nlohmann::json::array({"NFKB1", "NFKB2", "REL", "RELA", "RELB"}));
    CHECK(family.at("families") == nlohmann::json::array({"NF-κB"}));
    CHECK(family.at("not_via_families").empty());
    const std::string pkc = capsearch::analysis::explain_text(*lex, "PKC", "fixture");
    CHECK(pkc.find(", families PKC, aPKC (with the words as written") != std::string::npos);
    CHECK(pkc.find("atypical PKC (curated)") != std::string::npos);
    // A member: its own names only, and a word on the family figures it does not find.
    const auto member = nlohmann::json::parse(capsearch::analysis::explain_json(*lex, "p65", "fixture"));
    CHECK(member.at("expands_to") == nlohmann::json::array({"RELA"}));
    CHECK(member.at("families").empty());
    CHECK(member.at("not_via_families") == nlohmann::json::array({"NF-κB"}));
    for (const auto& n : member.at("names")) CHECK(n.at("name") != "NF-κB");
    const std::string text = capsearch::analysis::explain_text(*lex, "p65", "fixture");
    CHECK(text.find("not:       figures naming only the family NF-κB") != std::string::npos);
}

TEST_CASE("explain uses the built-in core when no lexicon is installed", "[lexicon][explain]") {
    const char* old = std::getenv("CAPSEARCH_LEXICON");
    const std::string saved = old ? old : "";
    ::unsetenv("CAPSEARCH_LEXICON");
    if (capsearch::default_lexicon_path().empty()) {
        const auto j = nlohmann::json::parse(capsearch::explain_name_json("Akt"));
        CHECK(j.at("lexicon").at("from") == "built-in curated core");
        CHECK(j.at("expands_to") == nlohmann::json::array({"AKT1", "AKT2", "AKT3"}));
        CHECK(j.at("families") == nlohmann::json::array({"AKT"}));
    }
    if (old) ::setenv("CAPSEARCH_LEXICON", saved.c_str(), 1);
}
