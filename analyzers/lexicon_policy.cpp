// What a name means: the ambiguity policy (curated first, official symbols before aliases, shared
// aliases unexpanded, case and context rules) applied to the candidates a key finds in the lexicon.
#include <algorithm>
#include <string>
#include <vector>

#include "analyzers/lexicon.hpp"
#include "analyzers/lexicon_data.hpp"
#include "analyzers/lexicon_sources.hpp"

namespace capsearch::analysis {

using namespace lexicon_detail;

namespace {

// The pieces of a name between separators, as key text, with what separated them: where a space may
// be dropped or added decides whether "acts as" may spell ACTSA (it may not) or "HER 2" HER2 (it may).
struct Split {
    std::string key;
    std::vector<std::pair<std::size_t, char>> seps;          // Key offset -> ' ' (a space) or '-' (other).
    std::vector<std::pair<std::size_t, std::size_t>> greek;  // Key ranges of pieces that are a Greek letter.
};

bool is_greek_word(std::string_view w) {
    static const char* const names[] = {"alpha",   "beta",  "gamma", "delta", "epsilon", "zeta",
                                        "eta",     "theta", "iota",  "kappa", "lambda",  "mu",
                                        "nu",      "xi",    "pi",    "rho",   "sigma",   "tau",
                                        "upsilon", "phi",   "chi",   "psi",   "omega"};
    for (const char* n : names)
        if (w == n) return true;
    return false;
}

Split split_of(std::string_view s) {
    Split out;
    std::size_t i = 0;
    char pending = 0;
    while (i < s.size()) {
        std::size_t j = i;
        char sep = 0;
        // A run of separators.
        while (j < s.size()) {
            std::size_t k = j;
            const char32_t cp = text::next_code_point(s, k);
            if (!is_sep_cp(cp)) break;
            if (cp == ' ' || cp == '\t' || cp == 0xA0)
                sep = ' ';
            else if (sep == 0)
                sep = '-';
            j = k;
        }
        if (j > i) {
            pending = sep == ' ' || pending == ' ' ? ' ' : '-';
            i = j;
            continue;
        }
        // A piece.
        while (j < s.size()) {
            std::size_t k = j;
            if (is_sep_cp(text::next_code_point(s, k))) break;
            j = k;
        }
        const std::size_t at = out.key.size();
        if (pending && at > 0) out.seps.emplace_back(at, pending);
        pending = 0;
        append_key(out.key, s.substr(i, j - i));
        if (is_greek_word(std::string_view(out.key).substr(at))) out.greek.emplace_back(at, out.key.size());
        i = j;
    }
    return out;
}

char sep_at(const Split& sp, std::size_t pos) {
    for (const auto& [at, c] : sp.seps)
        if (at == pos) return c;
    return 0;
}

bool greek_next_to(const Split& sp, std::size_t pos) {
    for (const auto& [b, e] : sp.greek)
        if (b == pos || e == pos) return true;
    return false;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// A space may be added or dropped only between a letter and a digit ("HER 2", "MLN19") or beside a
// Greek letter ("NF kappa B"); elsewhere the name and the text must split alike.
bool splits_agree(std::string_view surface, std::string_view name) {
    if (surface.find(' ') == std::string_view::npos && name.find(' ') == std::string_view::npos) return true;
    const Split a = split_of(surface);
    const Split b = split_of(name);
    if (a.key != b.key) return true;  // Compared by key only when they share one.
    auto check = [&](const Split& with, const Split& without) {
        for (const auto& [pos, c] : with.seps) {
            if (c != ' ' || sep_at(without, pos) != 0) continue;
            const char l = with.key[pos - 1], r = with.key[pos];
            if (is_digit(l) != is_digit(r)) continue;
            if (greek_next_to(with, pos) || greek_next_to(without, pos)) continue;
            return false;
        }
        return true;
    };
    return check(a, b) && check(b, a);
}

// "NPs", "APCs", "DEGs": an abbreviation's plural is not the symbol ending in S (NPS, APCS, DEGS1).
bool plural_of_caps(std::string_view surface, std::string_view spelling) {
    if (surface.size() < 3 || surface.back() != 's' || spelling.empty() || spelling.back() != 'S')
        return false;
    const char before = surface[surface.size() - 2];
    return (before >= 'A' && before <= 'Z') || is_digit(before);
}

// An all-lower-case word inside a phrase ("at 2", "alpha chain"): the phrase is ordinary text.
bool has_lower_word(std::string_view surface) {
    if (surface.find(' ') == std::string_view::npos) return false;
    std::size_t start = 0;
    while (start <= surface.size()) {
        std::size_t end = surface.find(' ', start);
        if (end == std::string_view::npos) end = surface.size();
        const std::string_view w = surface.substr(start, end - start);
        const Shape sh = shape_of(w);
        if (sh.lower_word() && !is_greek_word(Lexicon::key(w))) return true;
        start = end + 1;
    }
    return false;
}

// "ldhA", "ispD", "aceE": bacterial gene names (three lower-case letters and a capital) are not the
// human symbols LDHA, ISPD or ACHE's alias ACEE.
bool bacterial_style(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size() && s[i] >= 'a' && s[i] <= 'z') ++i;
    if (i < 3 || i >= s.size() || !(s[i] >= 'A' && s[i] <= 'Z')) return false;
    ++i;
    while (i < s.size() && is_digit(s[i])) ++i;
    return i == s.size();
}

// Why an imported name of a gene of `type` may not be used for this surface, or "" when it may.
std::string imported_block(const Name& n, char type, std::string_view surface, std::size_t key_len,
                           const Shape& sh, bool exact, Context ctx) {
    if (!splits_agree(surface, n.spelling)) return "its words are split differently";
    if (plural_of_caps(surface, n.spelling)) return "a plural abbreviation is not a symbol ending in S";
    if (key_len < 3) {
        if (n.tier != kSymbol) return "names shorter than three characters expand only as official symbols";
        if (type != 'p' && type != '-')
            return "a short symbol of a locus that is not a gene product is not expanded";
        if (ctx == Context::text && !exact) return "a short symbol matches in text only written exactly";
        return {};
    }
    if (ctx == Context::text) {
        if (sh.lower_word()) return "an all-lower-case word in text is read as a word, not a gene name";
        if (!exact && bacterial_style(surface)) return "it is written as a bacterial gene name";
        if (n.source != kSrcFullName && has_lower_word(surface))
            return "a phrase with a lower-case word in text is read as words, not a gene name";
        if (n.word && !exact && !sh.all_caps())
            return "it is a common English word: in text it names the gene only in capitals";
    } else if (n.word && sh.all_lower()) {
        return "it is a common English word: typed in lower case it is not expanded";
    }
    return {};
}

std::string curated_block(const Name& n, std::string_view surface, const Shape& sh, bool exact) {
    if (!splits_agree(surface, n.spelling)) return "its words are split differently";
    if (n.case_exact) return exact ? std::string() : "it matches only written exactly";
    if (n.word && !(exact || sh.all_caps() || sh.title))
        return "it is an English word: it names the gene only capitalised";
    return {};
}

}  // namespace

namespace {

struct Resolver {
    const Lexicon::Data& d;

    Concept concept_of(const Name& n) const { return d.concept_at(n.concept_index); }

    Resolution from_name(const Name& n, std::string reason) const {
        const Concept& c = concept_of(n);
        Resolution r;
        r.concept_name = std::string(c.name);
        r.matched = std::string(n.spelling);
        r.source = std::string(source_name(n.source));
        switch (c.kind) {
            case ConceptKind::gene:
                r.kind = Resolution::Kind::gene;
                r.symbols = {std::string(c.name)};
                break;
            case ConceptKind::family:
                r.kind = Resolution::Kind::family;
                r.symbols = split_members(c.members);
                break;
            case ConceptKind::stop:
                r.kind = Resolution::Kind::stop;
                break;
        }
        r.reason = std::move(reason);
        return r;
    }

    std::string describe(const Concept& c) const {
        std::string s(c.name);
        if (!c.about.empty()) s += " (" + std::string(c.about) + ")";
        return s;
    }

    Resolution curated_result(const Name& n) const {
        const Concept& c = concept_of(n);
        const std::string m = quoted(n.spelling);
        switch (c.kind) {
            case ConceptKind::stop:
                return from_name(n, m + " is a curated stop name (" + std::string(c.about) +
                                        "): it is never expanded to a gene");
            case ConceptKind::family: {
                const std::size_t k = split_members(c.members).size();
                return from_name(n, m + " is a curated name of the family " + describe(c) +
                                        ": a query for it finds its " + std::to_string(k) +
                                        " members and the family; in record text it names the family, "
                                        "not each member");
            }
            case ConceptKind::gene:
                break;
        }
        return from_name(n, m + " is a curated name of " + describe(c));
    }

    Resolution resolve_key(std::string_view surface, Context ctx) const {
        Resolution none;
        const std::string key = Lexicon::key(surface);
        if (key.empty()) {
            none.reason = "it has no letters or digits";
            return none;
        }
        std::vector<std::uint32_t> found = d.candidates(key);
        if (found.empty()) {
            none.reason = "no name in the lexicon has the key \"" + key + "\"";
            return none;
        }
        std::sort(found.begin(), found.end());
        // The few names with this key, read from the image once (pointers below point into this).
        std::vector<Name> cands;
        cands.reserve(found.size());
        for (const std::uint32_t i : found) cands.push_back(d.name_at(i));
        const Shape sh = shape_of(surface);
        auto exact_of = [&](const Name& n) { return case_form(n.spelling) == sh.form; };

        // Tier 0: curated names decide first.
        std::vector<const Name*> curated, usable;
        std::string blocked_why;
        bool has_case_exact = false;
        for (const Name& n : cands) {
            if (n.tier != kCurated) continue;
            curated.push_back(&n);
            has_case_exact = has_case_exact || n.case_exact;
            const std::string why = curated_block(n, surface, sh, exact_of(n));
            if (why.empty())
                usable.push_back(&n);
            else if (blocked_why.empty())
                blocked_why = quoted(n.spelling) + " is curated, but " + why;
        }
        if (!usable.empty()) {
            // An exactly spelled name wins over a case-insensitive one (cAMP vs a CAMP curated entry).
            // Prefer the name spelled as written, then one equal but for separators.
            const Name* best = usable.front();
            for (const Name* n : usable)
                if (exact_of(*n)) {
                    best = n;
                    break;
                }
            for (const Name* n : usable)
                if (n->spelling == surface) {
                    best = n;
                    break;
                }
            for (const Name* n : usable) {
                if (n->concept_index != best->concept_index && !exact_of(*best)) {
                    Resolution r;
                    r.kind = Resolution::Kind::ambiguous;
                    for (const Name* u : usable) r.symbols.emplace_back(concept_of(*u).name);
                    std::sort(r.symbols.begin(), r.symbols.end());
                    r.symbols.erase(std::unique(r.symbols.begin(), r.symbols.end()), r.symbols.end());
                    r.matched = std::string(best->spelling);
                    r.source = "curated";
                    r.reason = quoted(surface) + " is a curated name of several concepts (" +
                               join(r.symbols, ", ") + "): not expanded";
                    return r;
                }
            }
            return curated_result(*best);
        }
        if (!curated.empty()) {
            bool imported_exact = false;
            for (const Name& n : cands)
                if (n.tier != kCurated && exact_of(n)) imported_exact = true;
            if (!(has_case_exact && imported_exact)) {
                Resolution r;
                r.reason = blocked_why;
                if (has_case_exact) {
                    r.kind = Resolution::Kind::ambiguous;
                    std::vector<std::string> spellings;
                    for (const Name& n : cands) {
                        if (n.tier == kCurated || n.tier == kSymbol) {
                            spellings.push_back(quoted(n.spelling) + " is " + describe(concept_of(n)));
                            if (concept_of(n).kind == ConceptKind::gene)
                                r.symbols.emplace_back(concept_of(n).name);
                        }
                    }
                    std::sort(r.symbols.begin(), r.symbols.end());
                    r.symbols.erase(std::unique(r.symbols.begin(), r.symbols.end()), r.symbols.end());
                    r.reason = "case decides here and " + quoted(surface) +
                               " matches no spelling exactly: " + join(spellings, "; ");
                }
                return r;
            }
        }

        // Tiers 1-3: official symbols, then aliases and previous symbols, then derived names.
        std::string first_block;
        for (std::uint8_t tier = kSymbol; tier <= kDerived; ++tier) {
            std::vector<const Name*> ok;
            for (const Name& n : cands) {
                if (n.tier != tier) continue;
                const std::string why =
                    imported_block(n, concept_of(n).type, surface, key.size(), sh, exact_of(n), ctx);
                if (why.empty())
                    ok.push_back(&n);
                else if (first_block.empty())
                    first_block = quoted(n.spelling) + " (" + std::string(source_name(n.source)) + " of " +
                                  std::string(concept_of(n).name) + ") is not used: " + why;
            }
            if (ok.empty()) continue;
            return decide(surface, tier, ok, cands);
        }
        none.reason = first_block.empty() ? "no usable name" : first_block;
        return none;
    }

    // One tier's usable names: one gene (by upper-cased symbol) expands; several are ambiguous.
    Resolution decide(std::string_view surface, std::uint8_t tier, const std::vector<const Name*>& ok,
                      const std::vector<Name>& cands) const {
        std::vector<std::pair<std::string, const Name*>> groups;  // Upper symbol -> representative name.
        // Concept terms are human symbols: a name some human gene carries means that gene, not a mouse
        // gene with another symbol (mouse Trp53's alias p53 does not make p53 ambiguous).
        const bool any_human = std::any_of(ok.begin(), ok.end(), [&](const Name* n) {
            return concept_of(*n).kind != ConceptKind::gene || concept_of(*n).tax == "9606";
        });
        for (const Name* n : ok) {
            if (any_human && concept_of(*n).kind == ConceptKind::gene && concept_of(*n).tax != "9606")
                continue;
            const std::string up = upper_ascii(concept_of(*n).name);
            auto it =
                std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == up; });
            if (it == groups.end()) {
                groups.emplace_back(up, n);
            } else if (concept_of(*n).tax == "9606" && concept_of(*it->second).tax != "9606") {
                it->second = n;  // Prefer the human gene as the representative.
            }
        }
        const std::string m = quoted(surface);
        if (groups.size() == 1) {
            const Name& n = *groups.front().second;
            const Concept& c = concept_of(n);
            std::string reason;
            if (tier == kSymbol) {
                reason = m + " is the official symbol of " + describe(c);
                std::vector<std::string> others;
                for (const Name& o : cands) {
                    if (o.tier > kSymbol && !text::iequal_ascii(concept_of(o).name, c.name))
                        others.emplace_back(concept_of(o).name);
                }
                std::sort(others.begin(), others.end());
                others.erase(std::unique(others.begin(), others.end()), others.end());
                if (!others.empty())
                    reason += "; it is also a name of " + join(others, ", ") +
                              ", but an official symbol beats aliases";
            } else if (tier == kAlias) {
                reason = m + " is an alias (" + std::string(source_name(n.source)) + ") of " + describe(c) +
                         " and of no other gene";
            } else {
                reason = m + " is the " + std::string(source_name(n.source)) + " " + quoted(n.spelling) +
                         " of " + describe(c);
            }
            return from_name(n, reason);
        }
        // Captions name proteins: one protein-coding gene among pseudogenes and non-coding genes wins.
        const Name* coding = nullptr;
        int coding_count = 0;
        for (const auto& g : groups)
            if (concept_of(*g.second).type == 'p') {
                coding = g.second;
                ++coding_count;
            }
        std::vector<std::string> symbols;
        for (const auto& g : groups) symbols.emplace_back(concept_of(*g.second).name);
        std::sort(symbols.begin(), symbols.end());
        if (coding_count == 1) {
            return from_name(*coding, m + " names " + std::to_string(groups.size()) + " genes (" +
                                          join(symbols, ", ") + ") but only " +
                                          std::string(concept_of(*coding).name) +
                                          " is protein-coding, so it means " + describe(concept_of(*coding)));
        }
        Resolution r;
        r.kind = Resolution::Kind::ambiguous;
        r.symbols = symbols;
        r.matched = std::string(ok.front()->spelling);
        r.source = std::string(source_name(ok.front()->source));
        const char* what = tier == kSymbol  ? "the official symbol"
                           : tier == kAlias ? "a name"
                                            : "a derived name";
        r.reason = m + " is " + what + " of " + std::to_string(groups.size()) + " genes (" +
                   join(symbols, ", ") + ") and is not expanded to any one of them";
        return r;
    }
};

}  // namespace

Resolution Lexicon::resolve(std::string_view surface, Context ctx) const {
    Resolver res{*data_};
    Resolution r = res.resolve_key(surface, ctx);
    // Plurals of family names: "ERKs", "SMADs", "STATs".
    if (r.kind == Resolution::Kind::none && surface.size() >= 4 && surface.back() == 's' &&
        surface[surface.size() - 2] != 's') {
        Resolution p = res.resolve_key(surface.substr(0, surface.size() - 1), ctx);
        if (p.kind == Resolution::Kind::family) {
            p.reason = quoted(surface) + " is the plural of a family name: " + p.reason;
            return p;
        }
    }
    return r;
}

namespace lexicon_detail {

Resolution resolve_key(const Lexicon::Data& d, std::string_view surface, Context ctx) {
    return Resolver{d}.resolve_key(surface, ctx);
}

}  // namespace lexicon_detail

}  // namespace capsearch::analysis
