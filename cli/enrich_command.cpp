// `capsearch enrich` (which figures hold my genes, and how surprising is the overlap) and `capsearch
// similar` (figures like one figure, by genes and by text). Exit 0 = hits, 1 = none, 2 = error.
#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "capsearch/enrich.hpp"
#include "capsearch/error.hpp"
#include "capsearch/search.hpp"
#include "commands.hpp"
#include "gene_list.hpp"
#include "render.hpp"
#include "terminal.hpp"
#include "values.hpp"

namespace capsearch::cli {
namespace {

struct EnrichArgs {
    std::string db;
    std::vector<std::string> genes;
    std::string genes_file;
    std::string column;
    bool expand_families = false;
    std::string query;
    std::string year;
    std::vector<std::string> organisms;
    bool no_synonyms = false;
    std::size_t min_overlap = 1;
    double fdr = -1;
    std::size_t universe = 0;
    std::string background;
    std::size_t limit = 10;
    std::size_t offset = 0;
    bool facets = false;
    std::size_t facet_size = 10;
    std::string format = "text";
    std::string color = "auto";
    RemoteArgs remote;
};

std::string listed(const std::vector<std::string>& items) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) out += (i > 0 ? ", " : "") + items[i];
    return out;
}

// Every input name that was not used, one line each on stderr: never dropped silently.
void report_input(const EnrichInput& in) {
    for (const std::string& name : in.unresolved)
        std::cerr << "capsearch: gene '" << name << "' is not a known gene name; left out\n";
    for (const auto& [name, candidates] : in.ambiguous)
        std::cerr << "capsearch: gene '" << name << "' is ambiguous (" << listed(candidates) << "); left out\n";
    for (const auto& [name, members] : in.families)
        std::cerr << "capsearch: '" << name << "' is a gene family (" << listed(members)
                  << "); left out (--expand-families uses its members)\n";
    for (const std::string& symbol : in.outside_universe)
        std::cerr << "capsearch: gene " << symbol
                  << " is outside the universe (in no figure's gene set, or not in --background); left out\n";
}

TextLayout layout_for(const std::string& color_mode) {
    TextLayout layout{Style(use_color(color_mode)), 0};
    if (const std::size_t width = output_width()) layout.wrap = std::min<std::size_t>(width, 100);
    return layout;
}

int run_enrich(const EnrichArgs& args) {
    EnrichRequest request;
    for (const std::string& g : args.genes) {
        if (g == "-") {
            const std::vector<std::string> more = read_gene_file("-", args.column);
            request.genes.insert(request.genes.end(), more.begin(), more.end());
        } else {
            request.genes.push_back(g);
        }
    }
    if (!args.genes_file.empty()) {
        const std::vector<std::string> more = read_gene_file(args.genes_file, args.column);
        request.genes.insert(request.genes.end(), more.begin(), more.end());
    }
    if (!args.background.empty()) request.background = read_gene_file(args.background, "");
    if (request.genes.empty()) throw Error(ErrorCode::invalid_argument, "no genes given (GENE..., --genes-file or -)");
    request.expand_families = args.expand_families;
    request.query = args.query;
    apply_year_range(args.year, request.year_from, request.year_to);
    request.organisms = args.organisms;
    request.synonyms = !args.no_synonyms;
    request.min_overlap = args.min_overlap;
    if (args.fdr >= 0) request.fdr = args.fdr;
    if (args.universe > 0) request.universe = args.universe;
    request.limit = args.limit;
    request.offset = args.offset;
    request.facets = args.facets;
    const TextLayout layout = layout_for(args.color);

    Searcher searcher(args.db, args.remote.options());
    const EnrichResult result = searcher.enrich(request);
    report_input(result.input);
    note_missing_shards(result.missing);
    if (args.format == "json") {
        std::cout << result.to_json() << "\n";
    } else if (args.format == "tsv") {
        std::cout << result.to_tsv();
    } else {
        render_enrichment(std::cout, result, layout);
        if (result.facets) render_facets(std::cout, *result.facets, layout.style, args.facet_size);
    }
    return result.total > 0 ? 0 : 1;
}

struct SimilarArgs {
    std::string db;
    std::string figid;
    std::string by = "both";
    std::string year;
    std::vector<std::string> organisms;
    std::size_t limit = 10;
    std::string format = "text";
    std::string color = "auto";
    RemoteArgs remote;
};

int run_similar(const SimilarArgs& args) {
    SimilarRequest request;
    request.figid = args.figid;
    request.by_genes = args.by != "text";
    request.by_text = args.by != "genes";
    request.limit = args.limit;
    apply_year_range(args.year, request.year_from, request.year_to);
    request.organisms = args.organisms;
    const TextLayout layout = layout_for(args.color);

    Searcher searcher(args.db, args.remote.options());
    const SimilarResult result = searcher.similar(request);
    note_missing_shards(result.missing);
    if (args.format == "json") {
        std::cout << result.to_json() << "\n";
    } else {
        std::cout << "Figures like " << printable(result.figid) << ": " << printable(result.title) << "\n";
        if (result.genes) {
            std::cout << "\nBy genes\n";
            render_enrichment(std::cout, *result.genes, layout);
        }
        if (request.by_text) {
            std::cout << "\nBy text (" << listed(result.text_terms) << ")\n";
            SearchResult text;
            text.total = result.text.size();
            text.hits = result.text;
            text.limit = request.limit;
            render_hits(std::cout, text, layout);
        }
    }
    const bool any = (result.genes && result.genes->total > 0) || !result.text.empty();
    return any ? 0 : 1;
}

}  // namespace

void add_enrich_command(CLI::App& app, Action& selected) {
    auto args = std::make_shared<EnrichArgs>();
    auto* cmd = app.add_subcommand("enrich", "Figures enriched for a list of genes (hypergeometric test, BH FDR)");
    add_db_option(cmd, args->db, "Index folder or Xapian stub file");
    cmd->add_option("--genes-file", args->genes_file, "Genes, one per line (# comments); - reads stdin");
    cmd->add_option("--column", args->column, "Read this TSV column of the gene list (number or header name)");
    cmd->add_flag("--expand-families", args->expand_families, "A family name (AKT, NF-kB) stands for its members");
    cmd->add_option("--query", args->query, "Test only figures matching this query (README 'Query syntax')");
    cmd->add_option("--year", args->year, "Year or range: 2015, 2010..2015, ..2012, 2015..");
    cmd->add_option("--organism", args->organisms, "Test only figures of this organism (repeatable)")
        ->allow_extra_args(false);
    cmd->add_flag("--no-synonyms", args->no_synonyms, "Do not expand gene names in --query");
    cmd->add_option("--min-overlap", args->min_overlap, "Keep figures sharing at least this many genes")
        ->check(whole_number(true))
        ->capture_default_str();
    cmd->add_option("--fdr", args->fdr, "Keep hits with a Benjamini-Hochberg FDR at or below this")
        ->check(CLI::Range(0.0, 1.0));
    cmd->add_option("--universe", args->universe, "Number of genes in the universe (default: genes of all figures)")
        ->check(whole_number(true));
    cmd->add_option("--background", args->background, "Genes forming the universe, one per line");
    cmd->add_option("--limit,-n", args->limit, "Hits to show at most")->check(whole_number())->capture_default_str();
    cmd->add_option("--offset", args->offset, "Hits to skip (for paging)")->check(whole_number())->capture_default_str();
    cmd->add_flag("--facets", args->facets, "Count the hits by year and organism");
    add_facet_size_option(cmd, args->facet_size);
    cmd->add_option("--format", args->format, "Output: text (for people), json (one object) or tsv (one row per hit)")
        ->check(CLI::IsMember({"text", "json", "tsv"}))
        ->default_str("text");
    cmd->add_option("--color", args->color, "Colour: auto (terminal and no NO_COLOR), always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->capture_default_str();
    add_remote_options(cmd, args->remote);
    cmd->add_option("genes", args->genes, "Gene names (symbols, aliases, any case); - reads them from stdin");
    cmd->footer("Exit status: 0 figures enriched, 1 none, 2 error. Names not used are listed on stderr.");
    cmd->callback([args, &selected] { selected = [args] { return run_enrich(*args); }; });
}

void add_similar_command(CLI::App& app, Action& selected) {
    auto args = std::make_shared<SimilarArgs>();
    auto* cmd = app.add_subcommand("similar", "Figures like one figure, by gene-set overlap and by text");
    add_db_option(cmd, args->db, "Index folder or Xapian stub file");
    cmd->add_option("--by", args->by, "Rank by genes, text or both")
        ->check(CLI::IsMember({"genes", "text", "both"}))
        ->capture_default_str();
    cmd->add_option("--year", args->year, "Year or range: 2015, 2010..2015, ..2012, 2015..");
    cmd->add_option("--organism", args->organisms, "Only figures of this organism (repeatable)")
        ->allow_extra_args(false);
    cmd->add_option("--limit,-n", args->limit, "Figures to show per ranking")->check(whole_number())->capture_default_str();
    add_format_option(cmd, args->format);
    cmd->add_option("--color", args->color, "Colour: auto (terminal and no NO_COLOR), always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->capture_default_str();
    add_remote_options(cmd, args->remote);
    cmd->add_option("figid", args->figid, "The figure's figid")->required();
    cmd->footer("Exit status: 0 similar figures found, 1 none, 2 error (such as an unknown figid).");
    cmd->callback([args, &selected] { selected = [args] { return run_similar(*args); }; });
}

}  // namespace capsearch::cli
