// `capsearch index`: sync (or rebuild) an index with folders of records, with a progress bar on a
// terminal, one stderr line per skipped record and a summary (text, or JSON as stdout's last line).
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "capsearch/index.hpp"
#include "commands.hpp"
#include "index_run.hpp"
#include "terminal.hpp"
#include "values.hpp"

namespace capsearch::cli {

namespace {

struct IndexArgs {
    std::string db;
    bool rebuild = false;
    unsigned shards = 0;
    bool no_delete = false;
    std::size_t batch_size = IndexOptions{}.batch_size;
    unsigned threads = 0;
    std::string lexicon;
    std::vector<std::string> extensions;
    std::string format = "text";
    bool quiet = false;
    std::vector<std::string> paths;
};

int run_index(const IndexArgs& args) {
    IndexOptions options;
    options.lexicon_path = args.lexicon;
    options.rebuild = args.rebuild;
    options.shards = args.shards;
    options.delete_missing = !args.no_delete;
    options.batch_size = args.batch_size;
    options.threads = args.threads;
    if (!args.extensions.empty()) options.extensions = normalize_extensions(args.extensions);
    std::size_t found = 0;
    int status = run_indexing(args.db, options, {args.format, args.quiet}, [&](const IndexOptions& o) {
        IndexReport report = index_paths(args.db, args.paths, o);
        found = report.files_found;
        return report;
    });
    if (found > 0) return status;
    // "0 added" and exit 0 would look like success when the folder holds other files or --ext is wrong.
    std::string extensions;
    for (const std::string& e : options.extensions) extensions += (extensions.empty() ? "" : ",") + e;
    std::string paths;
    for (const std::string& p : args.paths) paths += (paths.empty() ? "" : " ") + printable(p);
    std::cerr << "capsearch: no record files in " << paths << " (folders are searched for " << extensions
              << " files; --ext changes that, and files named directly are always read)\n";
    return 1;
}

}  // namespace

void add_index_command(CLI::App& app, Action& selected) {
    auto args = std::make_shared<IndexArgs>();
    auto* cmd = app.add_subcommand("index", "Create or sync an index with the record files under PATH...");
    add_db_option(cmd, args->db, "Index folder (created when absent)");
    cmd->add_flag("--rebuild", args->rebuild,
                  "Build a complete new index beside the live one and switch to it atomically");
    cmd->add_option(
           "--shards", args->shards,
           "Index of N shards (DB/shard-K/, each figure in the one its figid hashes to), searched as "
           "one; default: as the index is (1 for a new one); another N needs --rebuild")
        ->check(CLI::Range(1u, 1024u));
    cmd->add_flag("--no-delete", args->no_delete, "Keep figures whose file is no longer under PATH");
    cmd->add_option("--batch-size", args->batch_size,
                    "Changed records per Xapian commit (each commit is atomic)")
        ->check(whole_number(true))
        ->capture_default_str();
    cmd->add_option("--threads", args->threads, "Worker threads analysing records (0 = one per core)")
        ->check(whole_number())
        ->capture_default_str();
    cmd->add_option(
        "--lexicon", args->lexicon,
        "Compiled gene lexicon to analyse with, replacing the index's own (default: the lexicon the index "
        "keeps; for a new index $CAPSEARCH_LEXICON, else lexicon.tsv beside the program, else "
        "../share/capsearch/lexicon.tsv, else the built-in curated core)");
    cmd->add_option("--ext", args->extensions, "Extensions read when walking folders (default .md)")
        ->delimiter(',')
        ->allow_extra_args(false);
    add_format_option(cmd, args->format);
    cmd->add_flag("--quiet,-q", args->quiet, "No progress bar and no text summary");
    cmd->add_option("path", args->paths, "Record files and folders (searched recursively)")->required();
    cmd->footer(
        "Exit status: 0 every record indexed, 1 some records skipped (each named on stderr), 2 the run "
        "failed.");
    cmd->callback([args, &selected] { selected = [args] { return run_index(*args); }; });
}

}  // namespace capsearch::cli
