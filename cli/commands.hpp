// The subcommands of the `capsearch` program. Each registers itself on the CLI11 app and, when it is
// the one given, stores in `selected` the action main() runs after parsing (returning the exit status).
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

#include "capsearch/search.hpp"

namespace capsearch::cli {

/// What main() runs once the command line is parsed; returns the process exit status.
using Action = std::function<int()>;

void add_index_command(CLI::App& app, Action& selected);
void add_search_command(CLI::App& app, Action& selected);
void add_stats_command(CLI::App& app, Action& selected);
void add_synonyms_command(CLI::App& app, Action& selected);
void add_lexicon_command(CLI::App& app, Action& selected);
void add_enrich_command(CLI::App& app, Action& selected);
void add_similar_command(CLI::App& app, Action& selected);
void add_export_command(CLI::App& app, Action& selected);
void add_maintenance_commands(CLI::App& app, Action& selected);  ///< compact, check and stub.

/// Checks that an option's value is a whole number >= 0, or >= 1 when `positive` (CLI11 alone would
/// wrap "-1" into a huge count).
CLI::Validator whole_number(bool positive = false);

/// Adds `--db` to `cmd`, stored in `db`; when it is not given, `db` becomes default_db_path()
/// ($CAPSEARCH_DB, else the config file), and the command fails with a hint when there is none.
void add_db_option(CLI::App* cmd, std::string& db, const std::string& help);

/// `--timeout SECONDS` and `--allow-partial`: how a search reaches remote shards.
struct RemoteArgs {
    double timeout = 0;  ///< 0: Xapian's default (10 s).
    bool allow_partial = false;
    SearchOptions options() const;
};

/// Adds `--timeout` and `--allow-partial` to `cmd`, stored in `remote`.
void add_remote_options(CLI::App* cmd, RemoteArgs& remote);

/// Notes on stderr which shards a partial answer left out (nothing when it is whole).
void note_missing_shards(const std::vector<std::string>& missing);

/// Adds `--format text|json` (default text) to `cmd`, stored in `format`.
void add_format_option(CLI::App* cmd, std::string& format);

/// Adds `--facet-size N` (rows per facet or organism chart in text output; 0 = all) to `cmd`.
void add_facet_size_option(CLI::App* cmd, std::size_t& size);

}  // namespace capsearch::cli
