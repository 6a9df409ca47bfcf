// `capsearch synonyms NAME...`: how each gene name is analysed and what it expands to, with an index's
// lexicon (--db), a lexicon file (--lexicon) or the default lexicon.
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "capsearch/lexicon.hpp"
#include "capsearch/search.hpp"
#include "commands.hpp"

namespace capsearch::cli {

namespace {

struct SynonymsArgs {
    std::string db;
    std::string lexicon;
    std::string format = "text";
    std::vector<std::string> words;
};

// Each argument is one name ("TNF alpha" quoted is one); several are explained one after another
// (text: a blank line between them; JSON: one object per line).
int run_synonyms(const SynonymsArgs& args) {
    bool json = args.format == "json";
    std::optional<Searcher> searcher;
    if (!args.db.empty()) searcher.emplace(args.db);
    for (std::size_t i = 0; i < args.words.size(); ++i) {
        const std::string& name = args.words[i];
        std::string out;
        if (searcher) {
            out = json ? searcher->explain_json(name) : searcher->explain_text(name);
        } else {
            out = json ? explain_name_json(name, args.lexicon) : explain_name_text(name, args.lexicon);
        }
        if (i > 0 && !json) std::cout << "\n";
        std::cout << out;
        if (out.empty() || out.back() != '\n') std::cout << "\n";
    }
    return 0;
}

}  // namespace

void add_synonyms_command(CLI::App& app, Action& selected) {
    auto args = std::make_shared<SynonymsArgs>();
    auto* cmd = app.add_subcommand("synonyms", "Show how a gene name is analysed and what it expands to");
    auto* db = cmd->add_option("--db", args->db, "Use the lexicon stored in this index");
    auto* lexicon = cmd->add_option("--lexicon", args->lexicon,
                                    "Use this compiled lexicon file (default: $CAPSEARCH_LEXICON, else "
                                    "lexicon.tsv beside the program, else ../share/capsearch/lexicon.tsv, "
                                    "else the built-in curated core)");
    db->excludes(lexicon);
    add_format_option(cmd, args->format);
    cmd->add_option("name", args->words, "The names, each one argument: HER2 Akt 'TNF alpha'")->required();
    cmd->callback([args, &selected] { selected = [args] { return run_synonyms(*args); }; });
}

}  // namespace capsearch::cli
