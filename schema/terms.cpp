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

namespace {

// A word after its prefix starts with no upper-case letter (prefixes are upper case).
bool starts_word(std::string_view rest) { return !rest.empty() && (rest[0] < 'A' || rest[0] > 'Z'); }

bool is_stem(std::string_view term) { return term.starts_with(kStemmed); }

}  // namespace

std::string in_field(std::string_view prefix, std::string_view term) {
    const bool stem = is_stem(term);
    std::string out(stem ? kStemmed : std::string_view());
    out += prefix;
    out += term.substr(out.size() - prefix.size());
    return out;
}

std::vector<std::string> field_spellings(std::string_view term) {
    std::vector<std::string> out;
    out.reserve(kFreeTextPrefixes.size());
    for (std::string_view prefix : kFreeTextPrefixes) out.push_back(in_field(prefix, term));
    return out;
}

std::string_view free_text_prefix(std::string_view term) {
    const std::string_view rest = is_stem(term) ? term.substr(kStemmed.size()) : term;
    for (std::string_view prefix : kFreeTextPrefixes) {
        if (rest.starts_with(prefix) && starts_word(rest.substr(prefix.size()))) return prefix;
    }
    return {};
}

std::string default_spelling(std::string_view term) {
    const std::string_view prefix = free_text_prefix(term);
    if (prefix.empty()) return std::string(term);
    std::string out(is_stem(term) ? kStemmed : std::string_view());
    out += term.substr(out.size() + prefix.size());
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
