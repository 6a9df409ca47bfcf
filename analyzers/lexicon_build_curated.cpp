// The curated YAML core of the lexicon (families, stop names, curated gene names) into the draft.
#include <sqlite3.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <unordered_map>

#include "analyzers/lexicon.hpp"
#include "analyzers/lexicon_build_text.hpp"
#include "analyzers/lexicon_sources.hpp"
#include "capsearch/error.hpp"
#include "capsearch/lexicon.hpp"

namespace capsearch {
namespace analysis {

using namespace build_detail;

namespace {

std::string at(const std::string& origin, const YAML::Node& node) {
    const YAML::Mark mark = node.Mark();
    return mark.line >= 0 ? origin + ":" + std::to_string(mark.line + 1) : origin;
}

std::string scalar(const std::string& origin, const YAML::Node& node, const char* what) {
    if (!node || !node.IsScalar()) fail(at(origin, node), std::string(what) + " must be a string");
    std::string s = clean_field(node.as<std::string>());
    if (s.empty()) fail(at(origin, node), std::string(what) + " is empty");
    return s;
}

void check_keys(const std::string& origin, const YAML::Node& map,
                std::initializer_list<const char*> allowed) {
    for (const auto& kv : map) {
        const std::string k = kv.first.as<std::string>();
        if (std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return k == a; }))
            fail(at(origin, kv.first), "unknown key \"" + k + "\"");
    }
}

DraftName curated_name(const std::string& origin, const YAML::Node& node) {
    DraftName n;
    n.source = name_source::curated;
    if (node.IsScalar()) {
        n.spelling = scalar(origin, node, "a name");
        return n;
    }
    if (!node.IsMap()) fail(at(origin, node), "a name must be a string or a map {name: ...}");
    check_keys(origin, node, {"name", "case", "word"});
    n.spelling = scalar(origin, node["name"], "name");
    if (node["case"]) {
        const std::string c = scalar(origin, node["case"], "case");
        if (c != "exact") fail(at(origin, node["case"]), "case must be \"exact\"");
        n.case_exact = true;
    }
    if (node["word"]) {
        try {
            n.word = node["word"].as<bool>();
        } catch (const YAML::Exception&) {
            fail(at(origin, node["word"]), "word must be true or false");
        }
    }
    return n;
}

std::vector<DraftName> curated_names(const std::string& origin, const YAML::Node& node) {
    std::vector<DraftName> out;
    if (!node || node.IsNull()) return out;
    if (!node.IsSequence()) fail(at(origin, node), "names must be a list");
    for (const auto& item : node) out.push_back(curated_name(origin, item));
    return out;
}

}  // namespace

void LexiconDraft::add_curated(std::string_view yaml_text, const std::string& origin) {
    YAML::Node root;
    try {
        root = YAML::Load(std::string(yaml_text));
    } catch (const YAML::Exception& e) {
        fail(e.mark.line >= 0 ? origin + ":" + std::to_string(e.mark.line + 1) : origin, e.msg);
    }
    if (!root.IsMap()) fail(origin, "the curated lexicon must be a map with families, genes and stops");
    try {
        check_keys(origin, root, {"families", "genes", "stops"});
        std::size_t nf = 0, ng = 0, ns = 0;
        if (const YAML::Node fams = root["families"]; fams && !fams.IsNull()) {
            if (!fams.IsSequence()) fail(at(origin, fams), "families must be a list");
            for (const auto& f : fams) {
                if (!f.IsMap()) fail(at(origin, f), "a family must be a map");
                check_keys(origin, f, {"family", "about", "members", "names"});
                DraftFamily fam;
                fam.name = scalar(origin, f["family"], "family");
                if (f["about"]) fam.about = scalar(origin, f["about"], "about");
                const YAML::Node members = f["members"];
                if (!members || !members.IsSequence() || members.size() == 0)
                    fail(at(origin, f), "family " + fam.name + " needs a list of members");
                for (const auto& m : members) fam.members.push_back(scalar(origin, m, "a member"));
                DraftName own;
                own.spelling = fam.name;
                fam.names.push_back(own);
                for (DraftName& n : curated_names(origin, f["names"])) fam.names.push_back(std::move(n));
                for (const DraftFamily& other : families_)
                    if (other.name == fam.name)
                        fail(at(origin, f), "family " + fam.name + " is defined twice");
                families_.push_back(std::move(fam));
                ++nf;
            }
        }
        if (const YAML::Node genes = root["genes"]; genes && !genes.IsNull()) {
            if (!genes.IsSequence()) fail(at(origin, genes), "genes must be a list");
            for (const auto& g : genes) {
                if (!g.IsMap()) fail(at(origin, g), "a gene must be a map");
                check_keys(origin, g, {"gene", "id", "about", "names"});
                const std::string symbol = scalar(origin, g["gene"], "gene");
                std::string id;
                if (g["id"]) {
                    id = scalar(origin, g["id"], "id");
                    if (id.find_first_not_of("0123456789") != std::string::npos)
                        fail(at(origin, g["id"]), "id must be an NCBI Gene ID (digits)");
                }
                DraftGene& gene = gene_by_id("9606", id.empty() ? "=" + upper_ascii(symbol) : id);
                if (gene.symbol.empty()) {
                    gene.symbol = symbol;
                    gene.id = id;
                    gene.symbol_source = 'c';
                }
                if (g["about"]) gene.full_name = scalar(origin, g["about"], "about");
                for (DraftName& n : curated_names(origin, g["names"])) gene.names.push_back(std::move(n));
                ++ng;
            }
        }
        if (const YAML::Node stops = root["stops"]; stops && !stops.IsNull()) {
            if (!stops.IsSequence()) fail(at(origin, stops), "stops must be a list");
            for (const auto& s : stops) {
                if (!s.IsMap()) fail(at(origin, s), "a stop must be a map");
                check_keys(origin, s, {"stop", "about", "names"});
                DraftStop stop;
                stop.name = scalar(origin, s["stop"], "stop");
                if (s["about"]) stop.about = scalar(origin, s["about"], "about");
                DraftName own;
                own.spelling = stop.name;
                stop.names.push_back(own);
                for (DraftName& n : curated_names(origin, s["names"])) stop.names.push_back(std::move(n));
                stops_.push_back(std::move(stop));
                ++ns;
            }
        }
        // Two curated concepts may share a key only when case tells them apart.
        std::map<std::string, std::pair<std::string, bool>> owner;  // key -> (concept, case exact)
        auto claim = [&](const std::string& concept_name, const DraftName& n) {
            const std::string key = Lexicon::key(n.spelling);
            if (key.empty()) fail(origin, "the name \"" + n.spelling + "\" has no letters or digits");
            auto [it, inserted] = owner.emplace(key, std::make_pair(concept_name, n.case_exact));
            if (!inserted && it->second.first != concept_name && !(it->second.second && n.case_exact))
                fail(origin, "the name \"" + n.spelling + "\" of " + concept_name + " has the same key (" +
                                 key + ") as a name of " + it->second.first);
        };
        for (const DraftFamily& f : families_)
            for (const DraftName& n : f.names) claim("family " + f.name, n);
        for (const DraftStop& s : stops_)
            for (const DraftName& n : s.names) claim("stop " + s.name, n);
        for (const auto& [k, g] : genes_)
            for (const DraftName& n : g.names)
                if (n.source == name_source::curated) claim("gene " + g.symbol, n);
        provenance_.push_back("curated " + origin + ": " + std::to_string(nf) + " families, " +
                              std::to_string(ng) + " genes, " + std::to_string(ns) + " stops");
    } catch (const YAML::Exception& e) {
        fail(e.mark.line >= 0 ? origin + ":" + std::to_string(e.mark.line + 1) : origin, e.msg);
    }
}

}  // namespace analysis
}  // namespace capsearch
