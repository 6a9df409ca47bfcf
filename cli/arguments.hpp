// The command line checked before CLI11 parses it: a mistyped command or option is named with the
// closest valid one, `capsearch help [COMMAND]` is COMMAND's --help, and a search query's words may
// start with '-' once the query has begun (`search HER2 -EGFR`).
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace capsearch::cli {

/// Checks and rewrites `args` (the arguments after the program name) for `app`, whose commands are
/// already added. Returns an error message naming the wrong word, or "" when CLI11 may parse `args`.
std::string prepare_arguments(CLI::App& app, std::vector<std::string>& args);

}  // namespace capsearch::cli
