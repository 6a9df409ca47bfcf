// `capsearch export --format gmt`: the gene sets of the figures matching a query and filters, as GMT
// (figid, title, symbols) for clusterProfiler, GSEA and gseapy.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "capsearch/enrich.hpp"
#include "capsearch/search.hpp"
#include "commands.hpp"
#include "values.hpp"

namespace capsearch::cli {
namespace {

struct ExportArgs {
    std::string db;
    std::string format = "gmt";
    std::string year;
    std::vector<std::string> organisms;
    bool no_synonyms = false;
    RemoteArgs remote;
    std::vector<std::string> words;
};

int run_export(const ExportArgs& args) {
    SearchRequest request;
    request.query = join_words(args.words);
    apply_year_range(args.year, request.year_from, request.year_to);
    request.organisms = args.organisms;
    request.synonyms = !args.no_synonyms;
    Searcher searcher(args.db, args.remote.options());
    const GeneSets found = searcher.gene_sets(request);
    note_missing_shards(found.missing);
    std::cout << to_gmt(found.sets);
    return found.sets.empty() ? 1 : 0;
}

}  // namespace

void add_export_command(CLI::App& app, Action& selected) {
    auto args = std::make_shared<ExportArgs>();
    auto* cmd = app.add_subcommand("export", "Write the gene sets of the matching figures (GMT)");
    add_db_option(cmd, args->db, "Index folder or Xapian stub file");
    cmd->add_option("--format", args->format, "Output format: gmt")->check(CLI::IsMember({"gmt"}))->capture_default_str();
    cmd->add_option("--year", args->year, "Year or range: 2015, 2010..2015, ..2012, 2015..");
    cmd->add_option("--organism", args->organisms, "Keep figures of this organism (repeatable)")
        ->allow_extra_args(false);
    cmd->add_flag("--no-synonyms", args->no_synonyms, "Do not expand gene names in the query");
    add_remote_options(cmd, args->remote);
    cmd->add_option("query", args->words, "Query words (see README 'Query syntax'); none exports every figure");
    cmd->footer("Exit status: 0 gene sets written, 1 no matching figure has genes, 2 error.");
    cmd->callback([args, &selected] { selected = [args] { return run_export(*args); }; });
}

}  // namespace capsearch::cli
