// `capsearch search`: one query against an index, printed for people (ranked hits, highlighted
// snippets, facet bar charts) or as one JSON object. Exit 0 = hits, 1 = no match, 2 = error.
#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "capsearch/search.hpp"
#include "commands.hpp"
#include "render.hpp"
#include "terminal.hpp"
#include "values.hpp"

namespace capsearch::cli {

namespace {

struct SearchArgs {
    std::string db;
    std::size_t limit = 10;
    std::size_t offset = 0;
    std::string year;
    std::vector<std::string> organisms;
    bool facets = false;
    std::vector<std::string> facet_names;
    std::size_t facet_size = 10;
    std::string sort = "relevance";
    std::string format = "text";
    bool no_synonyms = false;
    bool no_suggest = false;
    std::string bm25;
    std::size_t snippet_length = SearchRequest{}.snippet_length;
    std::string color = "auto";
    bool strict = false;
    RemoteArgs remote;
    bool explain = false;
    std::vector<std::string> words;
};

// --format jsonl, for pipelines (as ripgrep's --json): one line per hit, {"type":"hit", ...the hit's
// fields of --format json}, then one {"type":"summary", ...} line with the rest of the JSON object
// (query, query_note, total, offset, limit, suggestion, facets), so a consumer reading lines knows the
// totals once the hits are through.
void print_jsonl(std::ostream& out, const SearchResult& result) {
    using json = nlohmann::ordered_json;
    json whole = json::parse(result.to_json());
    for (json& hit : whole["hits"]) {
        json line = {{"type", "hit"}};
        line.update(hit);
        out << line.dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
    }
    whole.erase("hits");
    json summary = {{"type", "summary"}};
    summary.update(whole);
    out << summary.dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
}

int run_search(const SearchArgs& args) {
    SearchRequest request;
    request.query = join_words(args.words);
    request.limit = args.limit;
    request.offset = args.offset;
    apply_year_range(args.year, request.year_from, request.year_to);
    request.organisms = args.organisms;
    request.facets = args.facets || !args.facet_names.empty();
    request.facet_names = args.facet_names;
    request.sort = args.sort == "year" ? SortOrder::year : SortOrder::relevance;
    request.synonyms = !args.no_synonyms;
    request.suggest = !args.no_suggest;
    if (!args.bm25.empty()) parse_bm25(args.bm25, request.bm25);
    request.snippet_length = args.snippet_length;
    request.strict = args.strict;
    request.explain = args.explain;
    bool color = use_color(args.color);  // Checked before the search so a bad value fails fast.

    Searcher searcher(args.db, args.remote.options());
    SearchResult result = searcher.search(request);
    if (!result.query_note.empty()) std::cerr << "capsearch: note: " << result.query_note << "\n";
    note_missing_shards(result.missing);

    if (args.format == "json") {
        std::cout << result.to_json() << "\n";
    } else if (args.format == "jsonl") {
        print_jsonl(std::cout, result);
    } else {
        TextLayout layout{Style(color), 0};
        // Lines of prose read best at most 100 columns wide.
        if (const std::size_t width = output_width()) layout.wrap = std::min<std::size_t>(width, 100);
        render_hits(std::cout, result, layout);
        if (result.facets) render_facets(std::cout, *result.facets, layout.style, args.facet_size);
    }
    return result.total > 0 ? 0 : 1;
}

}  // namespace

void add_search_command(CLI::App& app, Action& selected) {
    auto args = std::make_shared<SearchArgs>();
    auto* cmd = app.add_subcommand("search", "Search an index; the QUERY words are joined by spaces");
    add_db_option(cmd, args->db, "Index folder or Xapian stub file");
    cmd->add_option("--limit,-n", args->limit, "Hits to show at most")
        ->check(whole_number())
        ->capture_default_str();
    cmd->add_option("--offset", args->offset, "Hits to skip (for paging)")
        ->check(whole_number())
        ->capture_default_str();
    cmd->add_option("--year", args->year, "Year or range: 2015, 2010..2015, ..2012, 2015..");
    cmd->add_option("--organism", args->organisms, "Keep figures of this organism (repeatable: any of them)")
        ->allow_extra_args(false);
    cmd->add_flag("--facets", args->facets,
                  "Count the matching figures by year, organism, journal, keyword, disease and chemical");
    cmd->add_option("--facet", args->facet_names,
                    "Count only this facet (repeatable; implies --facets): year, organism, journal, keyword, "
                    "disease, chemical")
        ->allow_extra_args(false);
    add_facet_size_option(cmd, args->facet_size);
    cmd->add_option("--sort", args->sort, "Order: relevance (BM25) or year (newest first)")
        ->check(CLI::IsMember({"relevance", "year"}))
        ->capture_default_str();
    cmd->add_option("--format", args->format,
                    "Output format: text (for people), json (one object) or jsonl (a line per hit, then a "
                    "summary line)")
        ->check(CLI::IsMember({"text", "json", "jsonl"}))
        ->default_str("text");
    cmd->add_flag("--no-synonyms", args->no_synonyms, "Do not expand gene names through the lexicon");
    cmd->add_flag("--no-suggest", args->no_suggest, "Do not suggest a corrected query when few figures match");
    cmd->add_option("--bm25", args->bm25, "BM25 parameters, e.g. k1=1.2,b=0.5 (also k2, k3, min_normlen)");
    cmd->add_option("--snippet-length", args->snippet_length, "Approximate snippet length in characters")
        ->check(whole_number())
        ->capture_default_str();
    cmd->add_option("--color", args->color, "Colour: auto (terminal and no NO_COLOR), always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->capture_default_str();
    cmd->add_flag("--strict", args->strict,
                  "A syntax slip in the query (unclosed quote or parenthesis, dangling operator) is an error");
    add_remote_options(cmd, args->remote);
    cmd->add_flag("--explain", args->explain,
                  "Show under each hit which query parts matched in which fields, and their BM25 weights");
    cmd->add_option("query", args->words, "Query words (see README 'Query syntax'); none matches all");
    cmd->footer("Exit status: 0 figures matched, 1 nothing matched, 2 error (bad query, option or index).");
    cmd->callback([args, &selected] { selected = [args] { return run_search(*args); }; });
}

}  // namespace capsearch::cli
