// `capsearch lexicon build`: compile gene-name sources (curated core, NCBI, HGNC, a word list) into
// the lexicon file indexing and searching use; `capsearch lexicon update`: change the lexicon an index keeps.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "capsearch/lexicon.hpp"
#include "commands.hpp"
#include "index_run.hpp"

namespace capsearch::cli {

namespace {

struct LexiconArgs {
    LexiconSources sources;
    std::string out;
    std::string format = "text";
};

struct UpdateArgs {
    std::string db;
    std::string lexicon;
    unsigned threads = 0;
    ReportStyle style;
};

int run_lexicon_build(const LexiconArgs& args) {
    LexiconBuildReport report = build_lexicon(args.sources, args.out);
    if (args.format == "json") {
        std::cout << report.to_json() << "\n";
    } else {
        std::cout << "wrote " << args.out << ": lexicon " << report.id << ", " << report.genes << " genes, "
                  << report.families << " families, " << report.stops << " stops, " << report.names
                  << " names (" << report.ambiguous << " ambiguous names left unexpanded)\n";
    }
    return 0;
}

int run_lexicon_update(const UpdateArgs& args) {
    IndexOptions options;
    options.threads = args.threads;
    return run_indexing(args.db, options, args.style, [&args](const IndexOptions& o) {
        return update_lexicon(args.db, args.lexicon, o);
    });
}

}  // namespace

void add_lexicon_command(CLI::App& app, Action& selected) {
    auto* lexicon = app.add_subcommand("lexicon", "Gene lexicon tools");
    lexicon->require_subcommand(1);

    auto args = std::make_shared<LexiconArgs>();
    auto* build = lexicon->add_subcommand("build", "Compile gene-name sources into a lexicon file");
    auto& s = args->sources;
    build->add_option("--curated", s.curated_yaml, "Curated core YAML (default: the built-in copy)");
    build->add_option("--ncbi-sqlite", s.ncbi_sqlite, "org.Hs.eg.sqlite (Debian r-bioc-org.hs.eg.db)");
    build->add_option("--gene-info", s.ncbi_gene_info, "NCBI gene_info TSV file (repeatable)")
        ->allow_extra_args(false);
    build->add_option("--hgnc", s.hgnc_tsv, "HGNC complete-set TSV file (repeatable)")
        ->allow_extra_args(false);
    build->add_option("--english-words", s.english_words,
                      "Word list flagging common English words (e.g. /usr/share/dict/words)");
    build->add_option("-o,--output", args->out, "The lexicon file to write")->required();
    add_format_option(build, args->format);
    build->callback([args, &selected] { selected = [args] { return run_lexicon_build(*args); }; });

    auto update_args = std::make_shared<UpdateArgs>();
    auto* update = lexicon->add_subcommand(
        "update", "Analyse every figure of an index again with another lexicon, which the index keeps from then on");
    add_db_option(update, update_args->db, "The index");
    update->add_option("--lexicon", update_args->lexicon,
                       "Compiled lexicon file (default: $CAPSEARCH_LEXICON, else lexicon.tsv beside the "
                       "program, else ../share/capsearch/lexicon.tsv, else the built-in curated core)");
    update->add_option("--threads", update_args->threads, "Worker threads analysing records (0 = one per core)")
        ->check(whole_number())
        ->capture_default_str();
    add_format_option(update, update_args->style.format);
    update->add_flag("--quiet,-q", update_args->style.quiet, "No progress bar and no text summary");
    update->footer(
        "Each figure's source file is read again; figures whose file is gone keep their old analysis and "
        "are named on stderr. Exit status: 0 every figure analysed again, 1 some skipped, 2 the run failed.");
    update->callback([update_args, &selected] { selected = [update_args] { return run_lexicon_update(*update_args); }; });
}

}  // namespace capsearch::cli
