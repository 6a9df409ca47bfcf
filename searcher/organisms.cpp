// Organism names as people write them (see organisms.hpp).
#include "searcher/organisms.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <mutex>
#include <utility>

#include "analyzers/text.hpp"
#include "schema/terms.hpp"
#include "searcher/suggest.hpp"

namespace capsearch::search {
namespace {

// Common names of the organisms pathway figures most often show, each in its singular and plural
// (and other usual) forms. Plurals are written out: "fish", "mice" and "cattle" follow no rule.
constexpr std::array<std::pair<std::string_view, std::string_view>, 38> kCommonNames{{
    {"human", "homo sapiens"},           {"humans", "homo sapiens"},
    {"mouse", "mus musculus"},           {"mice", "mus musculus"},
    {"rat", "rattus norvegicus"},        {"rats", "rattus norvegicus"},
    {"fly", "drosophila melanogaster"},  {"flies", "drosophila melanogaster"},
    {"fruit fly", "drosophila melanogaster"}, {"fruit flies", "drosophila melanogaster"},
    {"worm", "caenorhabditis elegans"},  {"worms", "caenorhabditis elegans"},
    {"yeast", "saccharomyces cerevisiae"}, {"yeasts", "saccharomyces cerevisiae"},
    {"zebrafish", "danio rerio"},        {"zebrafishes", "danio rerio"},
    {"rice", "oryza sativa"},            {"chicken", "gallus gallus"},
    {"chickens", "gallus gallus"},       {"pig", "sus scrofa"},
    {"pigs", "sus scrofa"},              {"cow", "bos taurus"},
    {"cows", "bos taurus"},              {"cattle", "bos taurus"},
    {"dog", "canis lupus familiaris"},   {"dogs", "canis lupus familiaris"},
    {"frog", "xenopus laevis"},          {"frogs", "xenopus laevis"},
    {"rabbit", "oryctolagus cuniculus"}, {"rabbits", "oryctolagus cuniculus"},
    {"sheep", "ovis aries"},             {"maize", "zea mays"},
    {"corn", "zea mays"},                {"tomato", "solanum lycopersicum"},
    {"tomatoes", "solanum lycopersicum"}, {"ecoli", "escherichia coli"},
    {"sars-cov-2", "severe acute respiratory syndrome coronavirus 2"},
    {"sars-cov2", "severe acute respiratory syndrome coronavirus 2"},
}};

std::string_view common_to_latin(std::string_view name) {
    for (const auto& [common, latin] : kCommonNames) {
        if (name == common) return latin;
    }
    return {};
}

bool covers(std::string_view latin, std::string_view organism) {
    return organism.size() >= latin.size() && organism.substr(0, latin.size()) == latin &&
           (organism.size() == latin.size() || organism[latin.size()] == ' ');
}

// "e. coli" / "e coli" -> ('e', "coli"); nullopt-like ('\0', "") when the name is no abbreviation.
std::pair<char, std::string_view> abbreviation(std::string_view name) {
    if (name.size() < 3 || !std::isalpha(static_cast<unsigned char>(name[0]))) return {'\0', {}};
    std::size_t rest = name[1] == '.' ? 2 : 1;
    if (rest < name.size() && name[rest] == ' ') ++rest;
    if (rest == 1 || rest >= name.size()) return {'\0', {}};
    return {name[0], name.substr(rest)};
}

std::string_view genus_of(std::string_view organism) { return organism.substr(0, organism.find(' ')); }

}  // namespace

std::vector<std::string> index_organisms(const Xapian::Database& db) {
    // The committed state a list describes: one local database's UUID and revision. Several
    // subdatabases or a remote one report no revision, and are listed at every call.
    std::string key;
    try {
        // An in-memory database has no UUID (and no revision that tells its states apart).
        if (const std::string uuid = db.get_uuid(); !uuid.empty())
            key = uuid + "@" + std::to_string(db.get_revision());
    } catch (const Xapian::InvalidOperationError&) {
    } catch (const Xapian::UnimplementedError&) {
    }
    static std::mutex mutex;
    static std::map<std::string, std::vector<std::string>> lists;  // a few indexes per process
    if (!key.empty()) {
        std::lock_guard lock(mutex);
        if (auto it = lists.find(key); it != lists.end()) return it->second;
    }
    const std::string prefix(terms::kOrganism);
    std::vector<std::string> out;
    for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
        out.push_back((*it).substr(prefix.size()));
    }
    if (!key.empty()) {
        std::lock_guard lock(mutex);
        if (lists.size() >= 16) lists.clear();  // old revisions are never asked for again
        lists[key] = out;
    }
    return out;
}

std::vector<std::string> resolve_organism(std::string_view name, const std::vector<std::string>& known) {
    const std::string f = terms::filter_key(name);
    std::vector<std::string> out;
    std::string_view latin = common_to_latin(f);
    if (latin.empty()) latin = f;
    for (const std::string& organism : known) {
        if (covers(latin, organism)) out.push_back(organism);
    }
    if (!out.empty()) return out;
    const auto [initial, species] = abbreviation(f);
    if (initial == '\0') return out;
    for (const std::string& organism : known) {
        const std::string_view genus = genus_of(organism);
        if (genus.size() < 2 || genus[0] != initial || genus.size() == organism.size()) continue;
        if (covers(species, std::string_view(organism).substr(genus.size() + 1))) out.push_back(organism);
    }
    return out;
}

std::vector<std::string> closest_organisms(std::string_view name, const std::vector<std::string>& known,
                                           std::size_t n) {
    const std::string f = terms::filter_key(name);
    constexpr std::size_t kFar = 1000;
    std::vector<std::pair<std::size_t, std::string>> scored;
    for (const std::string& organism : known) {
        std::size_t d = std::min(edit_distance(f, organism, kFar), edit_distance(f, genus_of(organism), kFar));
        for (const auto& [common, latin] : kCommonNames) {
            if (covers(latin, organism)) d = std::min(d, edit_distance(f, common, kFar));
        }
        scored.emplace_back(d, organism);
    }
    std::sort(scored.begin(), scored.end());
    std::vector<std::string> out;
    for (std::size_t i = 0; i < scored.size() && out.size() < n; ++i) {
        std::string shown = scored[i].second;
        if (!shown.empty()) shown[0] = analysis::text::upper_ascii(shown[0]);
        out.push_back(std::move(shown));
    }
    return out;
}

}  // namespace capsearch::search
