// Term spelling shared by indexer and searcher: stems, query terms, concept, id and filter terms.
#include "schema/terms.hpp"

#include <xapian.h>

#include "analyzers/text.hpp"
#include "analyzers/unicode.hpp"

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

std::string phrase_pair(std::string_view first, std::string_view second) {
    if (first.empty() || second.empty()) return {};
    if (kPhrasePair.size() + first.size() + 1 + second.size() > kMaxTermBytes) return {};
    if (first.find(' ') != std::string_view::npos || second.find(' ') != std::string_view::npos) return {};
    std::string out;
    out.reserve(kPhrasePair.size() + first.size() + 1 + second.size());
    out += kPhrasePair;
    out += first;
    out += ' ';
    out += second;
    return out;
}

// ASCII only: official symbols and pmcids are ASCII, and a locale-free mapping keeps terms stable.
using analysis::text::upper_ascii;

std::string concept_term(std::string_view symbol) {
    return upper_ascii(symbol);
}

std::string family_concept(std::string_view family) {
    std::string out = "@";
    out += family;
    return out;
}

std::vector<std::string> mention_concepts(const analysis::GeneMention& mention) {
    if (mention.resolution.kind == analysis::Resolution::Kind::family)
        return {family_concept(mention.resolution.concept_name)};
    return mention.resolution.symbols;
}

std::string figid_term(std::string_view figid) {
    std::string term(kFigid);
    term += figid;
    return term;
}

std::string collapse_whitespace(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool space = false;
    for (char c : text) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == kFacetSep) {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

std::string filter_key(std::string_view value) {
    return collapse_whitespace(analysis::fold_case(analysis::nfkc(value)));
}

std::string organism_term(std::string_view name) { return std::string(kOrganism) + filter_key(name); }

std::string pmcid_term(std::string_view pmcid) { return std::string(kPmcid) + upper_ascii(pmcid); }

}  // namespace capsearch::terms
