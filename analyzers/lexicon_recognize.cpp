// Gene names in token streams: longest spans of words first, slash lists item by item, names inside
// compound words, never overlapping; each found name resolved by the policy.
#include <algorithm>
#include <string>
#include <vector>

#include "analyzers/lexicon.hpp"
#include "analyzers/lexicon_data.hpp"

namespace capsearch::analysis {

namespace {

// Where each part of a compound token sits in its surface; false when they cannot all be found.
bool locate_parts(const Token& t, std::vector<std::pair<std::size_t, std::size_t>>& where) {
    where.clear();
    std::size_t from = 0;
    for (const TokenPart& p : t.parts) {
        const std::size_t at = t.surface.find(p.surface, from);
        if (p.surface.empty() || at == std::string::npos) return false;
        where.emplace_back(at, at + p.surface.size());
        from = at + p.surface.size();
    }
    return true;
}

}  // namespace

std::vector<GeneMention> Lexicon::recognize(const std::vector<Token>& tokens, Context ctx) const {
    std::vector<GeneMention> out;
    const std::size_t n = tokens.size();
    constexpr std::size_t kMaxSpan = 6;  // "receptor activator of nuclear factor-κB ligand" is six.
    // Parts (split at connectors and letter/digit boundaries) of one compound word a name may span:
    // "NF-κB" is 2, "LY6G6F-LY6G6D" 10; the longest NCBI name, "DTX2P1-UPK3BP1-PMS2P11", is 12.
    constexpr std::size_t kMaxNameParts = 16;

    // The last token of the slash list each token belongs to ("p42/44 MAPK": p42 -> p44).
    std::vector<std::size_t> list_end(n);
    for (std::size_t i = n; i-- > 0;)
        list_end[i] = (i + 1 < n && tokens[i + 1].sep_before == '/') ? list_end[i + 1] : i;

    // Words of one name are separated by one character at most ("p38 MAPK", "HER-2/neu"), never by
    // punctuation and a space ("ERK. MAPK").
    auto adjacent = [&](std::size_t k) { return tokens[k].begin <= tokens[k - 1].end + 1; };

    auto emit = [&](const Resolution& r, std::size_t first, std::size_t last, std::size_t begin,
                    std::size_t end) {
        if (!r.expands()) return;
        GeneMention m;
        m.first_token = first;
        m.last_token = last;
        m.begin = begin;
        m.end = end;
        m.resolution = r;
        out.push_back(std::move(m));
    };

    // Keys of spans are their words' keys back to back: most spans are rejected by the lexicon's
    // filter before any surface is built or resolved.
    std::vector<std::string> keys(n);
    for (std::size_t k = 0; k < n; ++k) keys[k] = key(tokens[k].surface);
    std::string span_key;
    auto worth_resolving = [&](const std::string& k) {
        if (data_->may_have(k)) return true;
        return k.size() >= 4 && k.back() == 's' &&
               data_->may_have(std::string_view(k).substr(0, k.size() - 1));
    };

    std::vector<std::pair<std::size_t, std::size_t>> where;
    std::size_t i = 0;
    while (i < n) {
        const Token& t = tokens[i];
        bool done = false;

        // An item of a slash list followed by words takes those words too: "p42/44 MAPK" -> p42 MAPK.
        const std::size_t last = list_end[i];
        if (last > i) {
            for (std::size_t len = std::min(kMaxSpan - 1, n - 1 - last); len >= 1 && !done; --len) {
                std::string surface = t.surface;
                span_key = keys[i];
                bool ok = true;
                for (std::size_t k = last + 1; k <= last + len; ++k) {
                    if (tokens[k].sep_before == '/' || tokens[k].synthetic || !adjacent(k)) ok = false;
                    surface += ' ';
                    surface += tokens[k].surface;
                    span_key += keys[k];
                }
                if (!ok || !worth_resolving(span_key)) continue;
                Resolution r = resolve(surface, ctx);
                if (r.kind == Resolution::Kind::none) continue;
                emit(r, i, i, t.begin, t.end);
                done = true;
            }
            if (done) {
                ++i;
                continue;
            }
        }

        // Spans of up to six tokens, longest first; synthetic tokens stand alone.
        for (std::size_t len = std::min(kMaxSpan, n - i); len >= 1 && !done; --len) {
            if (len > 1) {
                bool ok = true;
                for (std::size_t k = i + 1; k < i + len && ok; ++k) ok = !tokens[k].synthetic && adjacent(k);
                if (!ok) continue;
            }
            span_key = keys[i];
            for (std::size_t k = i + 1; k < i + len; ++k) span_key += keys[k];
            if (!worth_resolving(span_key)) continue;
            std::string surface = t.surface;
            for (std::size_t k = i + 1; k < i + len; ++k) {
                surface += tokens[k].sep_before == '/' ? '/' : ' ';
                surface += tokens[k].surface;
            }
            Resolution r = resolve(surface, ctx);
            if (r.kind == Resolution::Kind::none) continue;
            emit(r, i, i + len - 1, t.begin, tokens[i + len - 1].end);
            i += len;
            done = true;
        }
        if (done) continue;

        // A charge sign is not part of a gene name: "CD4+ T cells" name CD4 (Ca2+ was a stop above).
        if (t.parts.empty() && t.surface.size() > 1 && t.surface.back() == '+') {
            std::size_t end = t.surface.size();
            while (end > 0 && t.surface[end - 1] == '+') --end;
            const Resolution r = resolve(std::string_view(t.surface).substr(0, end), ctx);
            emit(r, i, i, t.begin, t.begin + end);
        }
        // Runs of a compound token's parts between connectors: "anti-HER2" -> HER2, "NF-κB-dependent".
        if (t.parts.size() > 1 && !t.synthetic && locate_parts(t, where)) {
            const std::size_t m = t.parts.size();
            auto boundary_before = [&](std::size_t k) {
                return k == 0 || where[k].first > where[k - 1].second;
            };
            auto boundary_after = [&](std::size_t k) {
                return k + 1 == m || where[k + 1].first > where[k].second;
            };
            std::size_t s = 0;
            while (s < m) {
                bool matched = false;
                if (boundary_before(s)) {
                    // A name spans a few parts at most: bounding the run keeps this linear in the
                    // parts, where every start x end of a hostile "a1-a1-a1-..." was cubic.
                    for (std::size_t e = std::min(m, s + kMaxNameParts); e-- > s && !matched;) {
                        if (!boundary_after(e)) continue;
                        const std::size_t b = where[s].first;
                        const std::size_t end = where[e].second;
                        // A charge sign belongs to the name before it: "Ca2+-dependent" holds Ca2+.
                        std::size_t plus_end = end;
                        while (plus_end < t.surface.size() && t.surface[plus_end] == '+') ++plus_end;
                        for (const std::size_t stop_at : {plus_end, end}) {
                            if (matched) break;
                            if (b == 0 && stop_at == t.surface.size()) continue;  // Tried whole above.
                            // Inside a word, a connector between parts counts as a space: a name
                            // must split there too ("SK-N-SH" cells do not name SKN; "NF-κB-" does
                            // name NF-κB, and "IL-6-" IL6).
                            std::string sub;
                            for (std::size_t k = s; k <= e; ++k) {
                                if (k > s && where[k].first > where[k - 1].second) sub += ' ';
                                sub += t.surface.substr(where[k].first, where[k].second - where[k].first);
                            }
                            sub += t.surface.substr(end, stop_at - end);
                            // The lexicon's filter first, as for spans above: most runs name nothing.
                            if (!worth_resolving(key(sub))) continue;
                            const Resolution r = resolve(sub, ctx);
                            if (r.kind == Resolution::Kind::none) continue;
                            emit(r, i, i, t.begin + b, t.begin + stop_at);
                            matched = true;
                        }
                        if (matched) s = e + 1;
                    }
                }
                if (!matched) ++s;
            }
        }
        ++i;
    }
    return out;
}

}  // namespace capsearch::analysis
