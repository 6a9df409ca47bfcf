// Compiling lexicon sources: the curated core (lexicon_build_curated.cpp), NCBI (lexicon_build_ncbi.cpp)
// and HGNC (lexicon_build_hgnc.cpp) importers fill one draft, which is written in the compiled format here.
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
#include "analyzers/text.hpp"
#include "capsearch/error.hpp"
#include "capsearch/lexicon.hpp"

namespace capsearch {
namespace analysis {

extern const std::string_view kCuratedYaml;

using namespace build_detail;

namespace {

// Priority when one spelling comes from several sources: curated, then official symbols, then the rest.
int source_rank(char s) {
    switch (s) {
        case name_source::curated:
            return 0;
        case name_source::hgnc_symbol:
        case name_source::ncbi_symbol:
            return 1;
        case name_source::hgnc_prev:
            return 2;
        case name_source::ncbi_alias:
            return 3;
        default:
            return 4;
    }
}

bool numeric_less(const std::string& a, const std::string& b) {
    const bool na = !a.empty() && a.find_first_not_of("0123456789") == std::string::npos;
    const bool nb = !b.empty() && b.find_first_not_of("0123456789") == std::string::npos;
    if (na != nb) return na;
    if (na && a.size() != b.size()) return a.size() < b.size();
    return a < b;
}

}  // namespace

DraftGene& LexiconDraft::gene_by_id(const std::string& tax, const std::string& id) {
    DraftGene& g = genes_[{tax, id}];
    g.tax = tax;
    return g;
}

DraftGene* LexiconDraft::find_human_gene(const std::string& id) {
    const auto it = genes_.find({"9606", id});
    return it == genes_.end() ? nullptr : &it->second;
}

void LexiconDraft::flag_english_words(const std::string& path) {
    std::ifstream in = open_text(path, "word list");
    std::string w;
    std::size_t count = 0;
    while (std::getline(in, w)) {
        if (!w.empty() && w.back() == '\r') w.pop_back();
        // Lower-case entries only: capitalised ones are proper nouns, not common words.
        if (w.size() < 3 || w.find_first_not_of("abcdefghijklmnopqrstuvwxyz") != std::string::npos) continue;
        words_.insert(w);
        ++count;
    }
    provenance_.push_back("english-words " + std::filesystem::path(path).filename().string() + ": " +
                          std::to_string(count) + " words");
}

bool LexiconDraft::is_word(std::string_view spelling) const {
    // Compared without separators, as names are matched: "T-ALK" is the word "talk".
    if (words_.empty()) return false;
    std::string letters;
    for (char c : spelling) {
        if (c == '-' || c == ' ' || c == '.' || c == '/') continue;
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
        letters += c;
    }
    return letters.size() >= 3 && words_.count(lower_ascii(letters)) > 0;
}

namespace {

// Merges names with one spelling (best source, flags combined), drops `drop`, sorts by spelling.
std::vector<DraftName> tidy(std::vector<DraftName> names, const std::string& drop) {
    std::vector<DraftName> out;
    for (DraftName& n : names) {
        n.spelling = clean_field(n.spelling);
        if (n.spelling.empty() || n.spelling == drop || Lexicon::key(n.spelling).empty()) continue;
        auto it = std::find_if(out.begin(), out.end(),
                               [&](const DraftName& o) { return o.spelling == n.spelling; });
        if (it == out.end()) {
            out.push_back(std::move(n));
            continue;
        }
        if (source_rank(n.source) < source_rank(it->source)) it->source = n.source;
        it->case_exact = it->case_exact || n.case_exact;
        it->word = it->word || n.word;
    }
    for (DraftName& n : out) n.word = n.word && !n.case_exact;  // An exact spelling says it all.
    std::sort(out.begin(), out.end(),
              [](const DraftName& a, const DraftName& b) { return a.spelling < b.spelling; });
    return out;
}

void write_entries(std::string& out, const std::vector<DraftName>& names) {
    for (const DraftName& n : names) {
        out += '\t';
        out += n.source;
        if (n.case_exact) out += name_flag::case_exact;
        if (n.word) out += name_flag::word;
        out += ':';
        out += n.spelling;
    }
}

}  // namespace

std::string LexiconDraft::compile() const {
    std::string out(kLexiconMagic);
    out += '\n';
    for (const std::string& p : provenance_) out += "# source: " + clean_field(p) + "\n";

    auto flagged = [&](std::vector<DraftName> names) {
        for (DraftName& n : names) n.word = n.word || (!n.case_exact && is_word(n.spelling));
        return names;
    };

    std::vector<const DraftStop*> stops;
    for (const DraftStop& s : stops_) stops.push_back(&s);
    std::sort(stops.begin(), stops.end(), [](auto* a, auto* b) { return a->name < b->name; });
    for (const DraftStop* s : stops) {
        out += "s\t" + s->name + "\t" + clean_field(s->about);
        write_entries(out, tidy(flagged(s->names), ""));
        out += '\n';
    }
    std::vector<const DraftFamily*> families;
    for (const DraftFamily& f : families_) families.push_back(&f);
    std::sort(families.begin(), families.end(), [](auto* a, auto* b) { return a->name < b->name; });
    std::set<std::string> members;
    for (const DraftFamily* f : families) {
        std::string list;
        for (const std::string& m : f->members) {
            if (!list.empty()) list += ',';
            list += m;
            members.insert(m);
        }
        out += "f\t" + f->name + "\t" + list + "\t" + clean_field(f->about);
        write_entries(out, tidy(flagged(f->names), ""));
        out += '\n';
    }

    // Genes by organism, then by numeric Gene ID; family members nobody imported get a bare line.
    std::map<std::string, std::vector<const DraftGene*>, decltype(&numeric_less)> by_tax(&numeric_less);
    std::set<std::string> known;
    for (const auto& [k, g] : genes_) {
        if (g.symbol.empty()) continue;
        by_tax[g.tax].push_back(&g);
        known.insert(upper_ascii(g.symbol));
    }
    std::vector<DraftGene> bare;
    for (const std::string& m : members)
        if (!known.count(upper_ascii(m))) {
            DraftGene g;
            g.symbol = m;
            bare.push_back(g);
        }
    for (const DraftGene& g : bare) by_tax["9606"].push_back(&g);
    for (auto& [tax, genes] : by_tax) {
        std::stable_sort(genes.begin(), genes.end(), [](const DraftGene* a, const DraftGene* b) {
            if (a->id != b->id) return numeric_less(a->id, b->id);
            return a->symbol < b->symbol;
        });
        out += "o\t" + tax + "\n";
        for (const DraftGene* g : genes) {
            out += "g\t" + clean_field(g->symbol) + "\t" + g->id + "\t";
            out += g->type;
            out += g->symbol_source;
            if (g->symbol_word || is_word(g->symbol)) out += name_flag::word;
            out += '\t';  // Not `"\t" + clean_field(...)`: GCC 12 -O3 warns falsely (-Wrestrict) on it.
            out += clean_field(g->full_name);
            write_entries(out, tidy(flagged(g->names), g->symbol));
            out += '\n';
        }
    }
    return out;
}

}  // namespace analysis

std::string LexiconBuildReport::to_json() const {
    nlohmann::json j;
    j["id"] = id;
    j["concepts"] = concepts;
    j["genes"] = genes;
    j["families"] = families;
    j["stops"] = stops;
    j["names"] = names;
    j["ambiguous"] = ambiguous;
    return j.dump();
}

LexiconBuildReport build_lexicon(const LexiconSources& sources, const std::string& out_path) {
    analysis::LexiconDraft draft;
    if (sources.curated_yaml.empty()) {
        draft.add_curated(analysis::kCuratedYaml, "curated.yaml (built in)");
    } else {
        std::ifstream in(sources.curated_yaml, std::ios::binary);
        if (!in) throw Error(ErrorCode::io, sources.curated_yaml + ": cannot open the curated lexicon");
        std::ostringstream buf;
        buf << in.rdbuf();
        draft.add_curated(buf.str(), sources.curated_yaml);
    }
    if (!sources.ncbi_sqlite.empty()) draft.add_ncbi_sqlite(sources.ncbi_sqlite);
    for (const std::string& p : sources.ncbi_gene_info) draft.add_ncbi_gene_info(p);
    for (const std::string& p : sources.hgnc_tsv) draft.add_hgnc(p);
    if (!sources.english_words.empty()) draft.flag_english_words(sources.english_words);
    // Only with NCBI's (or HGNC's) symbols: the curated core alone compiles to exactly the built-in one.
    if (!sources.ncbi_sqlite.empty() || !sources.ncbi_gene_info.empty() || !sources.hgnc_tsv.empty())
        draft.add_series_families();
    const std::string text = draft.compile();
    const analysis::LexiconCounts counts = analysis::count_lexicon(text, out_path);

    // Written beside the target and renamed over it, so readers never see half a lexicon.
    const std::filesystem::path target(out_path);
    const std::filesystem::path tmp = target.string() + ".tmp-" + std::to_string(::getpid());
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) throw Error(ErrorCode::io, out_path + ": cannot write the lexicon");
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
        out.close();
        if (!out) {
            std::error_code ec;
            std::filesystem::remove(tmp, ec);
            throw Error(ErrorCode::io, out_path + ": cannot write the lexicon");
        }
    }
    std::error_code ec;
    std::filesystem::rename(tmp, target, ec);
    if (ec) {
        std::filesystem::remove(tmp, ec);
        throw Error(ErrorCode::io, out_path + ": cannot write the lexicon (" + ec.message() + ")");
    }
    LexiconBuildReport report;
    report.id = counts.id;
    report.concepts = counts.concepts;
    report.genes = counts.genes;
    report.families = counts.families;
    report.stops = counts.stops;
    report.names = counts.names;
    report.ambiguous = counts.ambiguous;
    return report;
}

}  // namespace capsearch
