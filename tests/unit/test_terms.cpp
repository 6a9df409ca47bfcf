// Tests of the term scheme functions: stemming, query terms and concept terms.
#include <catch2/catch.hpp>
#include <string>
#include <thread>
#include <vector>

#include "schema/terms.hpp"
#include "analyzers/tokenizer.hpp"
#include "analyzers/unicode.hpp"

using namespace capsearch;

namespace {
analysis::Token only_token(const std::string& text) {
    const auto tokens = analysis::tokenize(analysis::nfkc(text));
    REQUIRE(tokens.size() == 1);
    return tokens[0];
}
}  // namespace

TEST_CASE("stem uses the English stemmer", "[terms]") {
    CHECK(terms::stem("signaling") == "signal");
    CHECK(terms::stem("pathways") == "pathway");
    CHECK(terms::stem("phosphorylation") == "phosphoryl");
    CHECK(terms::stem("cells") == "cell");
}

TEST_CASE("query terms: prose is stemmed, gene-like tokens are not", "[terms]") {
    CHECK(terms::query_term(only_token("Signaling"), "") == "Zsignal");
    CHECK(terms::query_term(only_token("pathways"), terms::kCaption) == "ZXCpathway");
    CHECK(terms::query_term(only_token("IL-6"), "") == "il6");
    CHECK(terms::query_term(only_token("IL6"), terms::kTitle) == "Sil6");
    CHECK(terms::query_term(only_token("TNF-\xCE\xB1"), "") == "tnfalpha");
    CHECK(terms::query_term(only_token("ErbB2"), terms::kGeneText) == "XGerbb2");
    // "Receptors" is prose and stemmed; "RECEPTORS" has capitals inside, so it counts as a name.
    CHECK(terms::query_term(only_token("Receptors"), "") == "Zreceptor");
    CHECK(terms::query_term(only_token("RECEPTORS"), "") == "receptors");
}

TEST_CASE("a word and its gene-like spelling variants reach the same query term", "[terms]") {
    CHECK(terms::query_term(only_token("IL-1\xCE\xB2"), "") == terms::query_term(only_token("IL-1beta"), ""));
    CHECK(terms::query_term(only_token("NF-\xCE\xBA"
                                       "B"),
                            "") == terms::query_term(only_token("NF-kappaB"), ""));
    CHECK(terms::query_term(only_token("HER-2"), "") == terms::query_term(only_token("HER2"), ""));
}

TEST_CASE("concept terms are ASCII upper case", "[terms]") {
    CHECK(terms::concept_term("Erbb2") == "ERBB2");
    CHECK(terms::concept_term("Il6") == "IL6");
    CHECK(terms::concept_term("TP53") == "TP53");
    CHECK(terms::concept_term("C1orf112") == "C1ORF112");
}

TEST_CASE("stem is safe to call from several threads", "[terms]") {
    std::vector<int> wrong(4, 0);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < wrong.size(); ++i) {
        threads.emplace_back([&wrong, i] {
            for (int k = 0; k < 2000; ++k) {
                const bool even = k % 2 == 0;
                const std::string s = terms::stem(even ? "signaling" : "activation");
                if (s != (even ? "signal" : "activ")) ++wrong[i];
            }
        });
    }
    for (auto& t : threads) t.join();
    for (const int w : wrong) CHECK(w == 0);
}
