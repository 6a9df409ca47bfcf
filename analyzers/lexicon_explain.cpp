// Explaining a name with a lexicon: the analysis a query gets (tokens, key, recognised names), how the
// same words are read in record text, and the names that meet it; as text or as one JSON object.
#include "analyzers/lexicon_explain.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "analyzers/lexicon_cache.hpp"
#include "analyzers/lexicon_data.hpp"
#include "analyzers/tokenizer.hpp"
#include "analyzers/unicode.hpp"
#include "capsearch/error.hpp"
#include "capsearch/lexicon.hpp"

namespace capsearch {
namespace analysis {
namespace {

const char* kind_name(Resolution::Kind k) {
    switch (k) {
        case Resolution::Kind::gene:
            return "gene";
        case Resolution::Kind::family:
            return "family";
        case Resolution::Kind::stop:
            return "stop";
        case Resolution::Kind::ambiguous:
            return "ambiguous";
        case Resolution::Kind::none:
            break;
    }
    return "none";
}

nlohmann::json resolution_json(const Resolution& r) {
    return {{"kind", kind_name(r.kind)}, {"concept", r.concept_name}, {"symbols", r.symbols},
            {"matched", r.matched},      {"source", r.source},        {"reason", r.reason}};
}

struct Explanation {
    std::string name;
    std::string normal;  // NFKC form: token and mention offsets refer to it.
    std::string key;
    std::vector<Token> tokens;
    Resolution query;                   // The whole name, as a query word.
    Resolution text;                    // The whole name, as record text.
    std::vector<GeneMention> mentions;  // What a query expands, name by name.
    std::vector<std::string> expands_to;
    std::vector<std::string> families;  // Family terms the query matches (figures naming the family).
    std::vector<std::string> outside;   // Families of the genes: figures naming only them do not match.
    std::vector<std::pair<std::string, std::string>> names;
};

void sort_unique(std::vector<std::string>& v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
}

Explanation explain(const Lexicon& lex, const std::string& name) {
    Explanation e;
    e.name = name;
    e.normal = nfkc(name);
    const std::string& normal = e.normal;
    e.key = Lexicon::key(normal);
    e.tokens = tokenize(normal);
    e.query = lex.resolve(normal, Context::query);
    e.text = lex.resolve(normal, Context::text);
    e.mentions = lex.recognize(e.tokens, Context::query);
    for (const GeneMention& m : e.mentions) {
        for (const std::string& s : m.resolution.symbols) e.expands_to.push_back(s);
        std::vector<std::string> named;
        if (m.resolution.kind == Resolution::Kind::family) {
            named = lex.families_covered(m.resolution.concept_name);
            e.families.insert(e.families.end(), named.begin(), named.end());
        } else {
            named = {m.resolution.symbols.front()};
            for (std::string& f : lex.families_of(m.resolution.symbols.front()))
                e.outside.push_back(std::move(f));
        }
        for (const std::string& of : named) {
            for (auto& n : lex.names_of(of)) e.names.push_back(std::move(n));
        }
    }
    sort_unique(e.expands_to);
    sort_unique(e.families);
    sort_unique(e.outside);
    std::erase_if(e.outside, [&](const std::string& f) {
        return std::binary_search(e.families.begin(), e.families.end(), f);
    });
    std::sort(e.names.begin(), e.names.end());
    e.names.erase(std::unique(e.names.begin(), e.names.end()), e.names.end());
    return e;
}

std::string families_named(const std::vector<std::string>& names) {
    return (names.size() == 1 ? "family " : "families ") + lexicon_detail::join(names, ", ");
}

std::string describe(const Resolution& r) {
    switch (r.kind) {
        case Resolution::Kind::gene:
            return "gene " + r.concept_name;
        case Resolution::Kind::family: {
            std::string s = "family " + r.concept_name + " =";
            for (const std::string& m : r.symbols) s += " " + m;
            return s;
        }
        case Resolution::Kind::stop:
            return "stop name " + r.concept_name + " (never expanded)";
        case Resolution::Kind::ambiguous: {
            std::string s = "ambiguous, not expanded (";
            for (std::size_t i = 0; i < r.symbols.size(); ++i) s += (i ? ", " : "") + r.symbols[i];
            return s + ")";
        }
        case Resolution::Kind::none:
            break;
    }
    return "not a gene name";
}

}  // namespace

std::string explain_text(const Lexicon& lex, const std::string& name, const std::string& label) {
    const Explanation e = explain(lex, name);
    std::string out;
    out += "name:      " + e.name + "\n";
    out += "lexicon:   " + lex.id() + " (" + std::to_string(lex.size()) + " names; " + label + ")\n";
    out += "tokens:   ";
    for (const Token& t : e.tokens) {
        out += " " + t.surface + " [" + t.term;
        if (!t.parts.empty()) {
            out += ":";
            for (const TokenPart& p : t.parts) out += " " + p.term;
        }
        out += "]";
    }
    out += "\nkey:       " + e.key + "\n";
    out += "query:     " + describe(e.query) + "\n";
    if (!e.query.reason.empty()) out += "  why:     " + e.query.reason + "\n";
    out += "text:      " + describe(e.text) + "\n";
    if (!e.text.reason.empty() && e.text.reason != e.query.reason)
        out += "  why:     " + e.text.reason + "\n";
    if (e.mentions.size() > 1 || (e.mentions.size() == 1 && e.query.kind == Resolution::Kind::none)) {
        out += "names:\n";
        for (const GeneMention& m : e.mentions)
            out += "  " + e.normal.substr(std::min(m.begin, e.normal.size()), m.end - m.begin) + " -> " +
                   describe(m.resolution) + " (as \"" + m.resolution.matched + "\")\n";
    }
    if (e.expands_to.empty()) {
        out += "expands:   nothing; the query matches the words as written\n";
    } else {
        out += "expands:   ";
        for (std::size_t i = 0; i < e.expands_to.size(); ++i) out += (i ? " " : "") + e.expands_to[i];
        if (!e.families.empty()) out += ", " + families_named(e.families);
        out += " (with the words as written, as one term)\n";
        out += "matches:   ";
        for (std::size_t i = 0; i < e.names.size(); ++i)
            out += (i ? ", " : "") + e.names[i].first + " (" + e.names[i].second + ")";
        if (!e.families.empty()) out += "; and every name of the members";
        out += "\n";
        if (!e.outside.empty()) {
            out += "not:       figures naming only the " + families_named(e.outside) +
                   " (a family name in text is indexed as the family; search for the family to find them)\n";
        }
    }
    return out;
}

std::string explain_json(const Lexicon& lex, const std::string& name, const std::string& label) {
    const Explanation e = explain(lex, name);
    nlohmann::json j;
    j["name"] = e.name;
    j["lexicon"] = {{"id", lex.id()}, {"names", lex.size()}, {"from", label}};
    j["key"] = e.key;
    nlohmann::json tokens = nlohmann::json::array();
    for (const Token& t : e.tokens) {
        nlohmann::json parts = nlohmann::json::array();
        for (const TokenPart& p : t.parts) parts.push_back(p.term);
        tokens.push_back({{"surface", t.surface}, {"term", t.term}, {"joined", t.joined}, {"parts", parts}});
    }
    j["tokens"] = tokens;
    j["query"] = resolution_json(e.query);
    j["text"] = resolution_json(e.text);
    nlohmann::json mentions = nlohmann::json::array();
    for (const GeneMention& m : e.mentions) {
        nlohmann::json mj = resolution_json(m.resolution);
        mj["first_token"] = m.first_token;
        mj["last_token"] = m.last_token;
        mj["begin"] = m.begin;
        mj["end"] = m.end;
        mentions.push_back(mj);
    }
    j["mentions"] = mentions;
    j["expands_to"] = e.expands_to;
    j["families"] = e.families;
    j["not_via_families"] = e.outside;
    nlohmann::json names = nlohmann::json::array();
    for (const auto& [n, source] : e.names) names.push_back({{"name", n}, {"source", source}});
    j["names"] = names;
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

namespace {

std::shared_ptr<const Lexicon> open_lexicon(const std::string& path, std::string& label) {
    const std::string chosen = path.empty() ? default_lexicon_path() : path;
    if (chosen.empty()) {
        label = "built-in curated core";
        return Lexicon::builtin();
    }
    label = chosen;
    // `capsearch synonyms` without --db: one name looked up, so a mapped image, not a parse.
    return load_lexicon_file_cached(chosen);
}

}  // namespace
}  // namespace analysis

std::string explain_name_text(const std::string& name, const std::string& lexicon_path) {
    std::string label;
    const auto lex = analysis::open_lexicon(lexicon_path, label);
    return analysis::explain_text(*lex, name, label);
}

std::string explain_name_json(const std::string& name, const std::string& lexicon_path) {
    std::string label;
    const auto lex = analysis::open_lexicon(lexicon_path, label);
    return analysis::explain_json(*lex, name, label);
}

}  // namespace capsearch
