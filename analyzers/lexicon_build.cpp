// Compiling lexicon sources: the curated YAML core and the NCBI (org.Hs.eg.sqlite, gene_info TSV) and
// HGNC (complete-set TSV) importers fill one draft, which is written in the compiled format.
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
#include "analyzers/lexicon_sources.hpp"
#include "analyzers/text.hpp"
#include "capsearch/error.hpp"
#include "capsearch/lexicon.hpp"

namespace capsearch {
namespace analysis {

extern const std::string_view kCuratedYaml;

namespace {

[[noreturn]] void fail(const std::string& where, const std::string& what) {
    throw Error(ErrorCode::lexicon, where + ": " + what);
}

std::string at(const std::string& origin, const YAML::Node& node) {
    const YAML::Mark mark = node.Mark();
    return mark.line >= 0 ? origin + ":" + std::to_string(mark.line + 1) : origin;
}

using text::lower_ascii;  // The shared text helpers (analyzers/text.hpp).
using text::upper_ascii;

// Tabs and line breaks would break the compiled format: fields keep one line.
std::string clean_field(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) out += (c == '\t' || c == '\n' || c == '\r') ? ' ' : c;
    const auto b = out.find_first_not_of(' ');
    if (b == std::string::npos) return {};
    const auto e = out.find_last_not_of(' ');
    return out.substr(b, e - b + 1);
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

std::vector<std::string> split(std::string_view s, char sep) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (true) {
        const std::size_t p = s.find(sep, start);
        out.emplace_back(s.substr(start, p == std::string_view::npos ? std::string_view::npos : p - start));
        if (p == std::string_view::npos) return out;
        start = p + 1;
    }
}

// A multi-valued TSV cell: '|'-separated, possibly quoted, "-" or "" for none.
std::vector<std::string> cell_values(std::string_view cell) {
    std::vector<std::string> out;
    if (cell.size() >= 2 && cell.front() == '"' && cell.back() == '"') cell = cell.substr(1, cell.size() - 2);
    if (cell.empty() || cell == "-") return out;
    for (std::string& v : split(cell, '|')) {
        v = clean_field(v);
        if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
        if (!v.empty() && v != "-") out.push_back(std::move(v));
    }
    return out;
}

std::string unquote(std::string_view cell) {
    if (cell.size() >= 2 && cell.front() == '"' && cell.back() == '"') cell = cell.substr(1, cell.size() - 2);
    return clean_field(cell);
}

// NCBI's type_of_gene / org.Hs.eg.db's gene_type as our one-letter type; 0 = not a gene (skipped).
char ncbi_type(std::string_view t) {
    if (t == "protein-coding") return 'p';
    if (t == "pseudo") return 's';
    if (t == "ncRNA" || t == "rRNA" || t == "tRNA" || t == "snRNA" || t == "snoRNA" || t == "scRNA" ||
        t == "miscRNA")
        return 'r';
    if (t == "biological-region") return 0;  // Enhancers, silencers, ...: regions, not genes.
    return t.empty() ? '-' : 'o';
}

char hgnc_type(std::string_view locus_group) {
    if (locus_group == "protein-coding gene") return 'p';
    if (locus_group == "non-coding RNA") return 'r';
    if (locus_group == "pseudogene") return 's';
    return locus_group.empty() ? '-' : 'o';
}

std::ifstream open_text(const std::string& path, const char* what) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(ErrorCode::io, path + ": cannot open the " + what);
    return in;
}

// Column positions by header name; -1 when absent.
struct Columns {
    std::unordered_map<std::string, int> pos;
    int operator[](const std::string& name) const {
        const auto it = pos.find(name);
        return it == pos.end() ? -1 : it->second;
    }
};

Columns read_header(std::string_view line) {
    Columns c;
    if (!line.empty() && line.front() == '#') line.remove_prefix(1);
    const std::vector<std::string> names = split(line, '\t');
    for (std::size_t i = 0; i < names.size(); ++i) c.pos.emplace(unquote(names[i]), static_cast<int>(i));
    return c;
}

std::string_view field(const std::vector<std::string>& cells, int col) {
    return col >= 0 && static_cast<std::size_t>(col) < cells.size() ? std::string_view(cells[col])
                                                                    : std::string_view();
}

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

struct Sqlite {
    sqlite3* db = nullptr;
    ~Sqlite() { sqlite3_close(db); }
};

struct Statement {
    sqlite3_stmt* st = nullptr;
    ~Statement() { sqlite3_finalize(st); }
};

std::string column_text(sqlite3_stmt* st, int i) {
    const unsigned char* t = sqlite3_column_text(st, i);
    return t ? reinterpret_cast<const char*>(t) : std::string();
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

DraftGene& LexiconDraft::gene_by_id(const std::string& tax, const std::string& id) {
    DraftGene& g = genes_[{tax, id}];
    g.tax = tax;
    return g;
}

DraftGene* LexiconDraft::find_human_gene(const std::string& id) {
    const auto it = genes_.find({"9606", id});
    return it == genes_.end() ? nullptr : &it->second;
}

namespace {

// Fills a gene from an NCBI record: NCBI's symbol is authoritative; a different curated symbol stays a name.
void take_ncbi(DraftGene& g, const std::string& id, const std::string& symbol, char type,
               const std::string& full) {
    if (!g.symbol.empty() && g.symbol != symbol) {
        DraftName old;
        old.spelling = g.symbol;
        old.source = g.symbol_source == 'h' ? name_source::hgnc_symbol : name_source::curated;
        g.names.push_back(old);
    }
    g.symbol = symbol;
    g.id = id;
    g.symbol_source = 'n';
    g.type = type;
    if (!full.empty() && full != "-") g.full_name = full;
}

void add_names(DraftGene& g, const std::vector<std::string>& spellings, char source) {
    for (const std::string& s : spellings) {
        DraftName n;
        n.spelling = s;
        n.source = source;
        g.names.push_back(std::move(n));
    }
}

}  // namespace

void LexiconDraft::add_ncbi_sqlite(const std::string& path) {
    if (!std::filesystem::is_regular_file(path)) throw Error(ErrorCode::io, path + ": no such file");
    Sqlite db;
    if (sqlite3_open_v2(path.c_str(), &db.db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
        throw Error(ErrorCode::io, path + ": cannot open: " + sqlite3_errmsg(db.db));
    auto prepare = [&](const char* sql, Statement& st) {
        if (sqlite3_prepare_v2(db.db, sql, -1, &st.st, nullptr) != SQLITE_OK)
            fail(path, std::string("not an org.Hs.eg.db database (") + sqlite3_errmsg(db.db) + ")");
    };
    auto has_table = [&](const char* name) {
        Statement st;
        prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", st);
        sqlite3_bind_text(st.st, 1, name, -1, SQLITE_STATIC);
        return sqlite3_step(st.st) == SQLITE_ROW;
    };
    std::string tax = "9606", source_date;
    if (has_table("metadata")) {
        Statement st;
        prepare("SELECT name, value FROM metadata", st);
        while (sqlite3_step(st.st) == SQLITE_ROW) {
            const std::string k = column_text(st.st, 0), v = column_text(st.st, 1);
            if (k == "TAXID" && !v.empty()) tax = v;
            if (k == "EGSOURCEDATE") source_date = v;
        }
    }
    const bool typed = has_table("genetype");
    Statement genes;
    prepare(typed ? "SELECT g._id, g.gene_id, i.symbol, i.gene_name, t.gene_type FROM genes g "
                    "JOIN gene_info i ON i._id = g._id LEFT JOIN genetype t ON t._id = g._id"
                  : "SELECT g._id, g.gene_id, i.symbol, i.gene_name, '' FROM genes g "
                    "JOIN gene_info i ON i._id = g._id",
            genes);
    std::unordered_map<long long, DraftGene*> by_row;
    std::size_t count = 0;
    int rc;
    while ((rc = sqlite3_step(genes.st)) == SQLITE_ROW) {
        const std::string id = clean_field(column_text(genes.st, 1));
        const std::string symbol = clean_field(column_text(genes.st, 2));
        const char type = ncbi_type(column_text(genes.st, 4));
        if (id.empty() || symbol.empty() || type == 0) continue;
        DraftGene& g = gene_by_id(tax, id);
        take_ncbi(g, id, symbol, type, clean_field(column_text(genes.st, 3)));
        by_row[sqlite3_column_int64(genes.st, 0)] = &g;
        ++count;
    }
    if (rc != SQLITE_DONE) fail(path, std::string("reading genes: ") + sqlite3_errmsg(db.db));
    Statement aliases;
    prepare("SELECT _id, alias_symbol FROM alias", aliases);
    std::size_t alias_count = 0;
    while ((rc = sqlite3_step(aliases.st)) == SQLITE_ROW) {
        const auto it = by_row.find(sqlite3_column_int64(aliases.st, 0));
        if (it == by_row.end()) continue;
        const std::string alias = clean_field(column_text(aliases.st, 1));
        if (alias.empty() || alias == it->second->symbol) continue;
        add_names(*it->second, {alias}, name_source::ncbi_alias);
        ++alias_count;
    }
    if (rc != SQLITE_DONE) fail(path, std::string("reading aliases: ") + sqlite3_errmsg(db.db));
    provenance_.push_back("ncbi-sqlite " + std::filesystem::path(path).filename().string() +
                          " (Entrez Gene " + (source_date.empty() ? "?" : source_date) + ", tax " + tax +
                          "): " + std::to_string(count) + " genes, " + std::to_string(alias_count) +
                          " aliases");
}

void LexiconDraft::add_ncbi_gene_info(const std::string& path) {
    std::ifstream in = open_text(path, "gene_info file");
    std::string line;
    std::size_t line_no = 0, count = 0;
    // NCBI's column order, used when the file has no header line.
    Columns cols;
    cols.pos = {{"tax_id", 0},   {"GeneID", 1},      {"Symbol", 2},
                {"Synonyms", 4}, {"description", 8}, {"type_of_gene", 9}};
    while (std::getline(in, line)) {
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) continue;
        if (line[0] == '#') {
            if (line_no == 1) {
                cols = read_header(line);
                for (const char* need : {"tax_id", "GeneID", "Symbol", "Synonyms"})
                    if (cols[need] < 0)
                        fail(path + ":1", std::string("gene_info header lacks the column ") + need);
            }
            continue;
        }
        const std::vector<std::string> cells = split(line, '\t');
        const int last_needed = std::max({cols["tax_id"], cols["GeneID"], cols["Symbol"], cols["Synonyms"]});
        if (static_cast<int>(cells.size()) <= last_needed)
            fail(path + ":" + std::to_string(line_no),
                 "expected at least " + std::to_string(last_needed + 1) + " tab-separated columns, found " +
                     std::to_string(cells.size()));
        const std::string tax = clean_field(field(cells, cols["tax_id"]));
        const std::string id = clean_field(field(cells, cols["GeneID"]));
        const std::string symbol = clean_field(field(cells, cols["Symbol"]));
        if (tax.empty() || tax.find_first_not_of("0123456789") != std::string::npos ||
            id.find_first_not_of("0123456789") != std::string::npos || id.empty())
            fail(path + ":" + std::to_string(line_no), "tax_id and GeneID must be numbers");
        if (symbol.empty() || symbol == "-" || symbol == "NEWENTRY") continue;
        const char type = ncbi_type(clean_field(field(cells, cols["type_of_gene"])));
        if (type == 0) continue;
        DraftGene& g = gene_by_id(tax, id);
        take_ncbi(g, id, symbol, type, clean_field(field(cells, cols["description"])));
        std::vector<std::string> synonyms = cell_values(field(cells, cols["Synonyms"]));
        synonyms.erase(std::remove(synonyms.begin(), synonyms.end(), symbol), synonyms.end());
        add_names(g, synonyms, name_source::ncbi_alias);
        ++count;
    }
    provenance_.push_back("ncbi-gene-info " + std::filesystem::path(path).filename().string() + ": " +
                          std::to_string(count) + " genes");
}

void LexiconDraft::add_hgnc(const std::string& path) {
    std::ifstream in = open_text(path, "HGNC file");
    std::string line;
    std::size_t line_no = 0, count = 0;
    Columns cols;
    bool have_header = false;
    while (std::getline(in, line)) {
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) continue;
        if (!have_header) {
            cols = read_header(line);
            if (cols["symbol"] < 0) fail(path + ":1", "an HGNC complete-set header with a \"symbol\" column");
            have_header = true;
            continue;
        }
        const std::vector<std::string> cells = split(line, '\t');
        if (static_cast<int>(cells.size()) <= cols["symbol"])
            fail(path + ":" + std::to_string(line_no), "the line has fewer columns than the header");
        const std::string symbol = unquote(field(cells, cols["symbol"]));
        if (symbol.empty()) fail(path + ":" + std::to_string(line_no), "empty symbol");
        const std::string status = unquote(field(cells, cols["status"]));
        if (!status.empty() && status != "Approved") continue;
        const std::string entrez = unquote(field(cells, cols["entrez_id"]));
        if (!entrez.empty() && entrez.find_first_not_of("0123456789") != std::string::npos)
            fail(path + ":" + std::to_string(line_no), "entrez_id must be a number");
        DraftGene* g = entrez.empty() ? nullptr : find_human_gene(entrez);
        if (g == nullptr) {
            const std::string hgnc_id = unquote(field(cells, cols["hgnc_id"]));
            g = &gene_by_id(
                "9606", entrez.empty() ? "=" + (hgnc_id.empty() ? upper_ascii(symbol) : hgnc_id) : entrez);
        }
        if (g->symbol.empty() || g->symbol_source == 'c') {
            if (!g->symbol.empty() && g->symbol != symbol) add_names(*g, {g->symbol}, name_source::curated);
            g->symbol = symbol;
            g->id = entrez;
            g->symbol_source = 'h';
            g->type = hgnc_type(unquote(field(cells, cols["locus_group"])));
            const std::string name = unquote(field(cells, cols["name"]));
            if (!name.empty()) g->full_name = name;
        } else if (g->symbol != symbol) {
            add_names(*g, {symbol}, name_source::hgnc_symbol);
        }
        add_names(*g, cell_values(field(cells, cols["alias_symbol"])), name_source::hgnc_alias);
        add_names(*g, cell_values(field(cells, cols["prev_symbol"])), name_source::hgnc_prev);
        ++count;
    }
    if (!have_header) fail(path, "empty HGNC file");
    provenance_.push_back("hgnc " + std::filesystem::path(path).filename().string() + ": " +
                          std::to_string(count) + " genes");
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
