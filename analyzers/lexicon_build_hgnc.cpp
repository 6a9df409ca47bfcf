// The HGNC importer: the complete-set TSV (symbols, aliases, previous symbols) into the draft.
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

char hgnc_type(std::string_view locus_group) {
    if (locus_group == "protein-coding gene") return 'p';
    if (locus_group == "non-coding RNA") return 'r';
    if (locus_group == "pseudogene") return 's';
    return locus_group.empty() ? '-' : 'o';
}

}  // namespace

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

}  // namespace analysis
}  // namespace capsearch
