// `capsearch lexicon build`: compile gene-name sources (curated core, NCBI, HGNC, a word list) into
// the lexicon file indexing and searching use.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "capsearch/lexicon.hpp"
#include "commands.hpp"

namespace capsearch::cli {

namespace {

struct LexiconArgs {
    LexiconSources sources;
    std::string out;
    std::string format = "text";
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
}

}  // namespace capsearch::cli
