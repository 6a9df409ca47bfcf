// The NCBI importers: org.Hs.eg.sqlite (org.Hs.eg.db) and gene_info TSV files into the draft.
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

}  // namespace analysis
}  // namespace capsearch
