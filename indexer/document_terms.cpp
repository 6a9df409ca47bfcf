// Term writing for documents (see document_terms.hpp).
#include "indexer/document_terms.hpp"

#include <algorithm>
#include <iterator>
#include <map>

#include "analyzers/unicode.hpp"
#include "schema/terms.hpp"

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
    if (buf_.size() > kMaxTermBytes) return;
    doc_.add_posting(buf_, pos_, wdf);
    // Only words a phrase can match at their positions make pairs: a word left without a position
    // (too long) breaks the run, as it breaks every phrase through it.
    if (last_pos_ + 1 == pos_) {
        const std::string pair = terms::phrase_pair(last_, term);
        if (!pair.empty()) doc_.add_boolean_term(pair);
    }
    last_ = term;
    last_pos_ = pos_;
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

std::size_t add_pairs_from_positions(Xapian::Document& doc) {
    std::map<Xapian::termpos, std::string> words;  // Positions are unique across fields.
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        const std::string term = *t;
        const std::string_view prefix = terms::free_text_prefix(term);
        if (prefix.empty()) continue;
        const std::string word = term.substr(prefix.size());
        for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) words.emplace(*p, word);
    }
    std::vector<std::string> found;
    for (auto it = words.begin(); it != words.end(); ++it) {
        const auto next = std::next(it);
        if (next == words.end() || next->first != it->first + 1) continue;
        std::string pair = terms::phrase_pair(it->second, next->second);
        if (!pair.empty()) found.push_back(std::move(pair));
    }
    std::sort(found.begin(), found.end());
    found.erase(std::unique(found.begin(), found.end()), found.end());
    for (const std::string& pair : found) doc.add_boolean_term(pair);
    return found.size();
}

}  // namespace capsearch::index
