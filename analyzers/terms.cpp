// Term spelling shared by indexer and searcher: stems, query terms and concept terms.
#include "analyzers/terms.hpp"

#include <xapian.h>

namespace capsearch::terms {

std::string stem(const std::string& folded_word) {
    // A Xapian::Stem must not be used by two threads at once; one per thread is cheap.
    thread_local Xapian::Stem stemmer("english");
    return stemmer(folded_word);
}

std::string query_term(const analysis::Token& token, std::string_view prefix) {
    std::string out;
    if (token.gene_like) {
        out.reserve(prefix.size() + token.joined.size());
        out += prefix;
        out += token.joined;
        return out;
    }
    const std::string stemmed = stem(token.term);
    out.reserve(kStemmed.size() + prefix.size() + stemmed.size());
    out += kStemmed;
    out += prefix;
    out += stemmed;
    return out;
}

std::string concept_term(std::string_view symbol) {
    // ASCII only: official symbols are ASCII, and a locale-free mapping keeps terms stable.
    std::string out;
    out.reserve(symbol.size());
    for (const char c : symbol) out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    return out;
}

std::string family_concept(std::string_view family) {
    std::string out = "@";
    out += family;
    return out;
}

}  // namespace capsearch::terms
