// Families of numbered series (see LexiconDraft::add_series_families): PFOCR figures name KLF, CDK or
// ZNF as families, and NCBI's symbols say who the members are, so a rule finds them, not hand-made rows.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "analyzers/lexicon.hpp"
#include "analyzers/lexicon_sources.hpp"

namespace capsearch::analysis {
namespace {

// At least this many members: two symbols sharing letters are a coincidence more often than a series.
constexpr std::size_t kMinMembers = 3;

// "KLF17" -> "KLF": two or more capital letters, then digits only; "" otherwise.
std::string series_stem(const std::string& symbol) {
    std::size_t letters = 0;
    while (letters < symbol.size() && symbol[letters] >= 'A' && symbol[letters] <= 'Z') ++letters;
    if (letters < 2 || letters == symbol.size()) return "";
    for (std::size_t i = letters; i < symbol.size(); ++i)
        if (!std::isdigit(static_cast<unsigned char>(symbol[i]))) return "";
    return symbol.substr(0, letters);
}

}  // namespace

void LexiconDraft::add_series_families() {
    // Every key already taken by some name: a stem that is one (a gene's symbol or alias, a curated
    // family or stop) keeps its meaning.
    std::set<std::string> taken;
    for (const auto& [key, g] : genes_) {
        taken.insert(Lexicon::key(g.symbol));
        for (const DraftName& n : g.names) taken.insert(Lexicon::key(n.spelling));
    }
    for (const DraftFamily& f : families_)
        for (const DraftName& n : f.names) taken.insert(Lexicon::key(n.spelling));
    for (const DraftStop& s : stops_)
        for (const DraftName& n : s.names) taken.insert(Lexicon::key(n.spelling));

    std::map<std::string, std::vector<std::pair<int, std::string>>> series;
    for (const auto& [key, g] : genes_) {
        if (g.tax != "9606" || g.type != 'p') continue;
        const std::string stem = series_stem(g.symbol);
        if (stem.empty()) continue;
        series[stem].emplace_back(std::stoi(g.symbol.substr(stem.size()).substr(0, 9)), g.symbol);
    }
    std::size_t added = 0;
    for (auto& [stem, members] : series) {
        if (members.size() < kMinMembers || taken.count(Lexicon::key(stem)) || is_word(stem)) continue;
        std::sort(members.begin(), members.end());
        DraftFamily f;
        f.name = stem;
        f.about = "numbered series " + members.front().second + " ... " + members.back().second +
                  " (derived from NCBI's symbols)";
        for (const auto& m : members) f.members.push_back(m.second);
        f.names.push_back(DraftName{stem, name_source::series, false, false});
        families_.push_back(std::move(f));
        ++added;
    }
    if (added > 0) provenance_.push_back("numbered series of symbols: " + std::to_string(added) + " families");
}

}  // namespace capsearch::analysis
