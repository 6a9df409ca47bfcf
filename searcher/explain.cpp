// Name explanations for an index's embedded lexicon, built from Lexicon::resolve and names_of.
#include "searcher/explain.hpp"

#include <nlohmann/json.hpp>

#include "analyzers/terms.hpp"
#include "analyzers/tokenizer.hpp"
#include "analyzers/unicode.hpp"

namespace capsearch::search {
namespace {

using json = nlohmann::ordered_json;

const char* kind_name(analysis::Resolution::Kind k) {
    switch (k) {
        case analysis::Resolution::Kind::gene:
            return "gene";
        case analysis::Resolution::Kind::family:
            return "family";
        case analysis::Resolution::Kind::stop:
            return "stop";
        case analysis::Resolution::Kind::ambiguous:
            return "ambiguous";
        case analysis::Resolution::Kind::none:
            break;
    }
    return "none";
}

json build(const std::string& name, const analysis::Lexicon& lexicon) {
    const std::string text = analysis::nfkc(name);
    json j;
    j["name"] = name;
    json tokens = json::array();
    for (const analysis::Token& t : analysis::tokenize(text)) {
        json tj;
        tj["surface"] = t.surface;
        tj["term"] = t.term;
        tj["joined"] = t.joined;
        tj["query_term"] = terms::query_term(t, "");
        tj["positional_terms"] = analysis::positional_terms(t);
        tokens.push_back(std::move(tj));
    }
    j["tokens"] = std::move(tokens);
    j["key"] = analysis::Lexicon::key(text);
    const analysis::Resolution r = lexicon.resolve(text, analysis::Context::query);
    j["kind"] = kind_name(r.kind);
    j["expands"] = r.expands();
    j["concept"] = r.concept_name;
    j["symbols"] = r.symbols;
    j["matched"] = r.matched;
    j["source"] = r.source;
    j["reason"] = r.reason;
    json concept_terms = json::array();
    json names = json::object();
    if (r.expands()) {
        for (const std::string& s : r.symbols) {
            concept_terms.push_back(std::string(terms::kConcept) + terms::concept_term(s));
            json list = json::array();
            for (const auto& [n, source] : lexicon.names_of(s)) list.push_back(json::array({n, source}));
            names[s] = std::move(list);
        }
    }
    j["concept_terms"] = std::move(concept_terms);
    j["names"] = std::move(names);
    j["lexicon_id"] = lexicon.id();
    return j;
}

}  // namespace

std::string explain_json(const std::string& name, const analysis::Lexicon& lexicon) {
    return build(name, lexicon).dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string explain_text(const std::string& name, const analysis::Lexicon& lexicon) {
    const json j = build(name, lexicon);
    std::string out = name + "\n  analysed as:";
    for (const auto& t : j["tokens"]) {
        out += " " + t["surface"].get<std::string>() + " -> " + t["query_term"].get<std::string>();
    }
    out += "\n  lexicon key: " + j["key"].get<std::string>() + "\n";
    const std::string kind = j["kind"].get<std::string>();
    if (kind == "none") {
        out +=
            "  not a gene name in lexicon " + j["lexicon_id"].get<std::string>() + ": searched as written\n";
        return out;
    }
    out += "  means: " + kind + " " + j["concept"].get<std::string>();
    if (!j["matched"].get<std::string>().empty()) {
        out += " (matched \"" + j["matched"].get<std::string>() + "\", source " +
               j["source"].get<std::string>() + ")";
    }
    out += "\n";
    if (!j["reason"].get<std::string>().empty()) out += "  why: " + j["reason"].get<std::string>() + "\n";
    if (!j["expands"].get<bool>()) {
        if (!j["symbols"].empty()) {
            out += "  candidates:";
            for (const auto& s : j["symbols"]) out += " " + s.get<std::string>();
            out += "\n";
        }
        out += "  not expanded: searched as written\n";
        return out;
    }
    out += "  concept terms:";
    for (const auto& t : j["concept_terms"]) out += " " + t.get<std::string>();
    out += "\n  matches names:\n";
    for (const auto& [symbol, list] : j["names"].items()) {
        out += "    " + symbol + ":";
        bool first = true;
        for (const auto& pair : list) {
            out +=
                (first ? " " : ", ") + pair[0].get<std::string>() + " (" + pair[1].get<std::string>() + ")";
            first = false;
        }
        out += "\n";
    }
    return out;
}

}  // namespace capsearch::search
