// Term writing for documents (see document_terms.hpp).
#include "indexer/document_terms.hpp"

#include <algorithm>

#include "schema/terms.hpp"
#include "analyzers/unicode.hpp"

namespace capsearch::index {

std::size_t ItemText::item_at(std::size_t offset) const {
    auto it = std::upper_bound(starts.begin(), starts.end(), offset);
    return it == starts.begin() ? 0 : static_cast<std::size_t>(it - starts.begin()) - 1;
}

ItemText join_items(const std::vector<const std::string*>& items) {
    std::size_t size = 0;
    for (const std::string* item : items) size += item->size() + 1;
    std::string raw;
    raw.reserve(size);
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) raw += '\n';
        for (char c : *items[i]) raw += c == '\n' ? ' ' : c;
    }
    ItemText out;
    // No NFKC mapping produces or removes U+000A, so the separators survive normalisation in place.
    out.text = analysis::nfkc(raw);
    if (!items.empty()) out.starts.push_back(0);
    for (std::size_t i = 0; i < out.text.size(); ++i) {
        if (out.text[i] == '\n') out.starts.push_back(i + 1);
    }
    return out;
}

void TermWriter::add_field(const std::vector<analysis::Token>& tokens, std::string_view prefix, unsigned wdf,
                           const ItemText* items) {
    std::size_t item = 0;
    for (const analysis::Token& token : tokens) {
        if (items) {
            const std::size_t k = items->item_at(token.begin);
            if (k != item) {
                pos_ += terms::kPositionGap;
                item = k;
            }
        }
        for (const std::string& term : analysis::positional_terms(token)) {
            ++pos_;
            posting(prefix, term, wdf);
        }
        if (!token.parts.empty()) plain(prefix, token.term, wdf);
        // Also for tokens without parts: "Ca2+" is searched by its joined form "ca2".
        if (token.joined != token.term) plain(prefix, token.joined, wdf);
        if (!token.gene_like) stemmed(prefix, terms::stem(token.term), wdf);
    }
    pos_ += terms::kPositionGap;
}

void TermWriter::add_concept(std::string_view symbol) {
    if (symbol.empty()) return;
    buf_.assign(terms::kConcept);
    buf_ += terms::concept_term(symbol);
    if (buf_.size() <= kMaxTermBytes) doc_.add_term(buf_, 1);
}

void TermWriter::posting(std::string_view prefix, const std::string& term, unsigned wdf) {
    if (term.empty() || term.size() > kMaxTermBytes) return;
    // Positions once, on the prefixed copy (terms::kFreeTextPrefixes says how phrases read them).
    doc_.add_term(term, wdf);
    buf_.assign(prefix);
    buf_ += term;
    if (buf_.size() <= kMaxTermBytes) doc_.add_posting(buf_, pos_, wdf);
}

void TermWriter::plain(std::string_view prefix, const std::string& term, unsigned wdf) {
    if (term.empty() || term.size() > kMaxTermBytes) return;
    doc_.add_term(term, wdf);
    buf_.assign(prefix);
    buf_ += term;
    if (buf_.size() <= kMaxTermBytes) doc_.add_term(buf_, wdf);
}

void TermWriter::stemmed(std::string_view prefix, const std::string& stem, unsigned wdf) {
    if (stem.empty()) return;
    buf_.assign(terms::kStemmed);
    buf_ += stem;
    if (buf_.size() <= kMaxTermBytes) doc_.add_term(buf_, wdf);
    buf_.assign(terms::kStemmed);
    buf_ += prefix;
    buf_ += stem;
    if (buf_.size() <= kMaxTermBytes) doc_.add_term(buf_, wdf);
}

}  // namespace capsearch::index
