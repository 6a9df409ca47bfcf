// `capsearch stats`: what an index holds (figures, years, organisms, size, lexicon).
#include <algorithm>
#include <iostream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "capsearch/search.hpp"
#include "commands.hpp"
#include "render.hpp"
#include "terminal.hpp"

namespace capsearch::cli {

namespace {

struct StatsArgs {
    std::string db;
    std::string format = "text";
    std::size_t facet_size = 10;
    RemoteArgs remote;
};

void render_stats(std::ostream& out, const IndexStats& s, const Style& st, std::size_t facet_size) {
    auto row = [&](const std::string& label, const std::string& value) {
        out << st.bold << label << st.reset << std::string(12 - label.size(), ' ') << value << "\n";
    };
    row("index", s.path);
    row("figures", std::to_string(s.documents));
    std::string years = s.year_min && s.year_max
                            ? std::to_string(*s.year_min) + ".." + std::to_string(*s.year_max)
                            : std::string("-");
    row("years", years + " (" + std::to_string(s.figures_without_year) +
                     (s.figures_without_year == 1 ? " figure has none)" : " figures have none)"));
    row("genes", std::to_string(s.genes) + " in the gene sets of " + std::to_string(s.figures_with_genes) +
                     " figures (" + std::to_string(s.gene_entries_left_out) +
                     " listed entries left out: not a human gene symbol)");
    row("size", human_size(s.size_bytes));
    for (std::size_t k = 0; k < s.shards.size(); ++k) {
        row(k == 0 ? "shards" : "", s.shards[k].path + "  " + std::to_string(s.shards[k].documents) +
                                        " figures, " + human_size(s.shards[k].size_bytes));
    }
    row("lexicon", (s.lexicon_id.empty() ? std::string("-") : s.lexicon_id) + " (" +
                       std::to_string(s.lexicon_names) + " names)");
    row("phrases", s.phrase_pairs ? "from pair terms (every figure holds them)"
                                  : "from positions: some figures were analysed before pair terms; "
                                    "`capsearch index --rebuild` adds them");
    row("spelling", s.vocabulary_listed
                        ? "did-you-mean reads the index's list of its words"
                        : "did-you-mean walks the index's terms (slower); the next sync lists them");
    for (const auto& [name, counts] : s.facets.fields) {
        if (name == "year") continue;  // the years row above says it
        auto none = s.figures_without.find(name);
        std::size_t without = none == s.figures_without.end() ? 0 : none->second;
        row(name, std::to_string(counts.size()) + (counts.size() == 1 ? " value (" : " values (") +
                      std::to_string(without) + (without == 1 ? " figure has none)" : " figures have none)"));
    }
    render_facets(out, s.facets, st, facet_size);
}

int run_stats(const StatsArgs& args) {
    Searcher searcher(args.db, args.remote.options());
    IndexStats stats = searcher.stats();
    note_missing_shards(stats.missing);
    if (args.format == "json") {
        std::cout << stats.to_json() << "\n";
    } else {
        render_stats(std::cout, stats, Style(use_color("auto")), args.facet_size);
    }
    return 0;
}

}  // namespace

void add_stats_command(CLI::App& app, Action& selected) {
    auto args = std::make_shared<StatsArgs>();
    auto* cmd = app.add_subcommand(
        "stats",
        "Summarise an index: figures, years, genes, size, and every facet (organisms, journals, ...)");
    add_db_option(cmd, args->db, "Index folder or Xapian stub file");
    add_format_option(cmd, args->format);
    add_facet_size_option(cmd, args->facet_size);
    add_remote_options(cmd, args->remote);
    cmd->callback([args, &selected] { selected = [args] { return run_stats(*args); }; });
}

}  // namespace capsearch::cli
