// Snippet selection: mark the caption's tokens that match the query, choose the best window, trim it.
#include "searcher/snippet.hpp"

#include <algorithm>
#include <set>
#include <tuple>

#include "schema/terms.hpp"
#include "analyzers/tokenizer.hpp"

namespace capsearch::search {
namespace {

constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // U+2026

struct Match {
    std::size_t begin = 0;  // byte range in the text
    std::size_t end = 0;
    std::string key;  // what matched, for counting distinct matches
    bool gene = false;  // a gene of the query, named here under any of its names
};

bool contains(const std::vector<std::string>& sorted, const std::string& s) {
    return std::binary_search(sorted.begin(), sorted.end(), s);
}

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// Byte offset `chars` code points after `from` (or the text's end).
std::size_t advance_chars(std::string_view text, std::size_t from, std::size_t chars) {
    std::size_t i = from;
    while (i < text.size() && chars > 0) {
        ++i;
        while (i < text.size() && is_continuation(text[i])) ++i;
        --chars;
    }
    return i;
}

// Where the sentence holding byte `pos` starts: after the last ". ", "! ", "? " or line break before it.
std::size_t sentence_start(std::string_view text, std::size_t pos) {
    std::size_t i = std::min(pos, text.size());
    while (i > 0) {
        char c = text[i - 1];
        if (c == '\n') break;
        if (is_space(c) && i >= 2 && (text[i - 2] == '.' || text[i - 2] == '!' || text[i - 2] == '?')) break;
        --i;
    }
    while (i < pos && is_space(text[i])) ++i;
    return i;
}

void add_term_matches(const std::vector<analysis::Token>& tokens, const HighlightSpec& spec,
                      std::vector<Match>& found) {
    if (spec.terms.empty()) return;
    for (const analysis::Token& t : tokens) {
        // The stem first, so "signals" and "signaling" count as the same query word.
        std::string key = t.gene_like ? std::string() : terms::query_term(t, "");
        if (key.empty() || !contains(spec.terms, key)) {
            key = contains(spec.terms, t.joined) ? t.joined : contains(spec.terms, t.term) ? t.term : "";
        }
        if (!key.empty()) found.push_back({t.begin, t.end, std::move(key)});
    }
}

void add_phrase_matches(const std::vector<analysis::Token>& tokens, const HighlightSpec& spec,
                        std::vector<Match>& found) {
    if (spec.phrases.empty()) return;
    // The text's positional terms, each with the token it came from, as the index sees them.
    std::vector<std::pair<std::string, std::size_t>> flat;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        for (std::string& term : analysis::positional_terms(tokens[i])) flat.emplace_back(std::move(term), i);
    }
    for (const auto& phrase : spec.phrases) {
        if (phrase.empty() || phrase.size() > flat.size()) continue;
        std::string key;
        for (const auto& p : phrase) key += p + " ";
        for (std::size_t s = 0; s + phrase.size() <= flat.size(); ++s) {
            bool hit = true;
            for (std::size_t k = 0; k < phrase.size() && hit; ++k) hit = flat[s + k].first == phrase[k];
            if (hit) {
                found.push_back(
                    {tokens[flat[s].second].begin, tokens[flat[s + phrase.size() - 1].second].end, key});
            }
        }
    }
}

// Names of the query's genes spelled the way the lexicon compares names: up to four adjacent tokens
// whose joined forms concatenate to one of spec.concept_keys ("ErbB2", "NF-kappa B", "HER-2/neu").
// Cheap, so it runs over the whole text; full recognition runs on the chosen window only.
void add_concept_key_matches(const std::vector<analysis::Token>& tokens, const HighlightSpec& spec,
                             std::vector<Match>& found) {
    if (spec.concept_keys.empty()) return;
    constexpr std::size_t kMaxSpan = 4;
    std::string key;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        key.clear();
        std::size_t best = tokens.size();
        std::string best_key;
        for (std::size_t k = i; k < tokens.size() && k < i + kMaxSpan; ++k) {
            if (k > i && (tokens[k].synthetic || tokens[k].begin > tokens[k - 1].end + 1)) break;
            key += tokens[k].joined;
            if (contains(spec.concept_keys, key)) {
                best = k;
                best_key = key;
            }
        }
        if (best == tokens.size()) continue;
        found.push_back({tokens[i].begin, tokens[best].end, "XQ" + best_key, true});
        i = best;
    }
}

void add_gene_match(std::size_t begin, std::size_t end, const std::vector<std::string>& concepts,
                    const HighlightSpec& spec, std::vector<Match>& found) {
    for (const std::string& c : concepts) {
        const std::string term = terms::concept_term(c);
        if (!contains(spec.concepts, term)) continue;
        // The key only tells distinct matches apart: a family by its term, a gene by its symbol.
        found.push_back({begin, end, "XQ" + (c.starts_with('@') ? term : c), true});
        return;
    }
}

// The query's genes among the text's gene names that lie within bytes [from, to): the stored spans, or
// the lexicon's recognition over the tokens there.
void add_genes(std::string_view text, const std::vector<analysis::Token>& tokens, const HighlightSpec& spec,
               const TextGenes& genes, std::size_t from, std::size_t to, std::vector<Match>& found) {
    if (spec.concepts.empty()) return;
    if (genes.spans != nullptr) {
        for (const index::GeneSpan& g : *genes.spans) {
            // Spans come from the index: one that does not fit this text (past its end, or cutting a
            // character) is skipped, never followed.
            if (g.begin < from || g.end > to || g.begin >= g.end || g.end > text.size()) continue;
            if (is_continuation(text[g.begin]) || (g.end < text.size() && is_continuation(text[g.end])))
                continue;
            add_gene_match(g.begin, g.end, g.concepts, spec, found);
        }
        return;
    }
    if (genes.lexicon == nullptr) return;
    std::vector<analysis::Token> window;
    for (const analysis::Token& t : tokens) {
        if (t.begin >= from && t.end <= to) window.push_back(t);
    }
    // As the indexer: a family named in the text is the family, not each of its members, so a query
    // for one member does not light up "NF-κB".
    for (const analysis::GeneMention& m : genes.lexicon->recognize(window, analysis::Context::text))
        add_gene_match(m.begin, m.end, terms::mention_concepts(m), spec, found);
}

// Sorts and merges overlapping ranges; a merged range keeps the first key (only counts are affected)
// and shows a gene when any of its parts did: the query's own spelling ("HER2") is both a word match
// and a gene match of the same bytes, and either may come first.
std::vector<Match> merge(std::vector<Match> found) {
    std::sort(found.begin(), found.end(), [](const Match& a, const Match& b) {
        return std::tie(a.begin, a.end) < std::tie(b.begin, b.end);
    });
    std::vector<Match> merged;
    for (Match& m : found) {
        if (!merged.empty() && m.begin < merged.back().end) {
            merged.back().end = std::max(merged.back().end, m.end);
            merged.back().gene = merged.back().gene || m.gene;
        } else {
            merged.push_back(std::move(m));
        }
    }
    return merged;
}

// The end of a window starting at `start`: the end of the last token that fits in `length` characters
// (with punctuation glued to it), or a cut at a character boundary when not even one token fits.
std::size_t window_end(std::string_view text, const std::vector<analysis::Token>& tokens, std::size_t start,
                       std::size_t length) {
    std::size_t limit = advance_chars(text, start, length);
    if (limit >= text.size()) return text.size();
    std::size_t end = start;
    for (const analysis::Token& t : tokens) {
        if (t.begin < start) continue;
        if (t.end > limit) break;
        end = std::max(end, t.end);
    }
    if (end == start) return limit;
    while (end < limit && !is_space(text[end])) ++end;
    return end;
}

}  // namespace

void HighlightSpec::finish() {
    for (auto* v : {&terms, &concepts, &concept_keys}) {
        std::sort(v->begin(), v->end());
        v->erase(std::unique(v->begin(), v->end()), v->end());
        v->erase(std::remove(v->begin(), v->end(), std::string()), v->end());
    }
    std::sort(phrases.begin(), phrases.end());
    phrases.erase(std::unique(phrases.begin(), phrases.end()), phrases.end());
}

Snippet make_snippet(std::string_view text, const HighlightSpec& spec, const TextGenes& genes,
                     std::size_t length) {
    Snippet out;
    if (text.empty()) return out;
    length = std::max<std::size_t>(length, 20);
    const std::vector<analysis::Token> tokens = analysis::tokenize(text);
    std::vector<Match> found;
    add_term_matches(tokens, spec, found);
    add_phrase_matches(tokens, spec, found);
    add_concept_key_matches(tokens, spec, found);
    // Gene recognition is the expensive part: over the whole text only when nothing cheaper matched
    // (a figure found through an alias the query did not spell), else on the chosen window below.
    // Stored spans follow the same steps, so a snippet is the same whichever way its genes came, but
    // for a name the window's edge cuts: a stored name is whole or left out, where recognition of the
    // cut window may find a shorter name in its part ("NF-κB" of "NF-κB p65").
    const bool recognize = (genes.spans != nullptr || genes.lexicon != nullptr) && !spec.concepts.empty();
    const bool recognized_all = recognize && found.empty();
    if (recognized_all) add_genes(text, tokens, spec, genes, 0, text.size(), found);
    std::vector<Match> matches = merge(std::move(found));

    // Candidate starts: the text's start, and for each match its sentence's start (when the match
    // still fits in the window) or a few words before it.
    std::vector<std::pair<std::size_t, bool>> starts{{0, true}};
    for (const Match& m : matches) {
        std::size_t s = sentence_start(text, m.begin);
        if (advance_chars(text, s, length) >= m.end) {
            starts.emplace_back(s, true);
            continue;
        }
        std::size_t lead = length / 5;
        std::size_t begin = m.begin;
        for (auto it = tokens.rbegin(); it != tokens.rend(); ++it) {
            if (it->begin > m.begin) continue;
            if (advance_chars(text, it->begin, lead) < m.begin) break;
            begin = it->begin;
        }
        // Start after white space, so "(g), leading" keeps its bracket.
        while (begin > 0 && !is_space(text[begin - 1])) --begin;
        starts.emplace_back(begin, false);
    }

    std::size_t best_start = 0;
    std::size_t best_end = window_end(text, tokens, 0, length);
    std::tuple<std::size_t, bool, std::size_t> best_score{0, true, 0};
    bool have_best = false;
    for (const auto& [s, sentence] : starts) {
        std::size_t e = window_end(text, tokens, s, length);
        std::set<std::string_view> distinct;
        std::size_t total = 0;
        for (const Match& m : matches) {
            if (m.begin >= s && m.end <= e) {
                distinct.insert(m.key);
                ++total;
            }
        }
        std::tuple<std::size_t, bool, std::size_t> score{distinct.size(), sentence, total};
        if (!have_best || score > best_score) {
            best_score = score;
            best_start = s;
            best_end = e;
            have_best = true;
        }
    }

    std::size_t s = best_start;
    std::size_t e = best_end;
    if (recognize && !recognized_all) {
        add_genes(text, tokens, spec, genes, s, e, matches);
        matches = merge(std::move(matches));
    }

    // Copy the window, collapsing white space, and carry the match ranges over.
    while (e > s && is_space(text[e - 1])) --e;
    if (s > 0) out.text += kEllipsis;
    std::vector<Match> inside;
    for (const Match& m : matches) {
        if (m.begin >= s && m.end <= e) {
            inside.push_back(m);
            out.shows_gene = out.shows_gene || m.gene;
        }
    }
    std::size_t next = 0;  // index into `inside`
    std::size_t open_at = 0;
    bool in_space = false;
    for (std::size_t i = s; i < e; ++i) {
        if (next < inside.size() && i == inside[next].begin) open_at = out.text.size() + (in_space ? 1 : 0);
        if (is_space(text[i])) {
            in_space = true;
        } else {
            if (in_space) out.text += ' ';
            in_space = false;
            out.text += text[i];
        }
        if (next < inside.size() && i + 1 == inside[next].end) {
            out.highlights.emplace_back(open_at, out.text.size());
            ++next;
        }
    }
    if (e < text.size()) out.text += kEllipsis;
    return out;
}

std::vector<std::pair<std::size_t, std::size_t>> highlight_all(std::string_view text,
                                                               const HighlightSpec& spec,
                                                               const TextGenes& genes) {
    std::vector<std::pair<std::size_t, std::size_t>> ranges;
    if (text.empty() || spec.empty()) return ranges;
    const std::vector<analysis::Token> tokens = analysis::tokenize(text);
    std::vector<Match> found;
    add_term_matches(tokens, spec, found);
    add_phrase_matches(tokens, spec, found);
    add_concept_key_matches(tokens, spec, found);
    add_genes(text, tokens, spec, genes, 0, text.size(), found);
    for (const Match& m : merge(std::move(found))) ranges.emplace_back(m.begin, m.end);
    return ranges;
}

void add_listed_genes(Snippet& snippet, std::string_view gene_set, const HighlightSpec& spec) {
    if (snippet.shows_gene || spec.concepts.empty()) return;
    std::string listed;
    std::vector<std::pair<std::size_t, std::size_t>> ranges;
    std::size_t from = snippet.text.empty() ? 0 : snippet.text.size() + std::string_view(" · ").size();
    for (std::size_t at = 0; at < gene_set.size();) {
        std::size_t end = gene_set.find(terms::kGeneSep, at);
        if (end == std::string_view::npos) end = gene_set.size();
        const std::string symbol(gene_set.substr(at, end - at));
        at = end + 1;
        if (symbol.empty() || !contains(spec.concepts, terms::concept_term(symbol))) continue;
        listed += listed.empty() ? "genes: " : ", ";
        ranges.emplace_back(from + listed.size(), from + listed.size() + symbol.size());
        listed += symbol;
    }
    if (listed.empty()) return;
    if (!snippet.text.empty()) snippet.text += " · ";
    snippet.text += listed;
    snippet.highlights.insert(snippet.highlights.end(), ranges.begin(), ranges.end());
    snippet.shows_gene = true;
}

}  // namespace capsearch::search
