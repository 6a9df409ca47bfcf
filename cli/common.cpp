// Options shared by several subcommands.
#include "commands.hpp"

namespace capsearch::cli {

void add_format_option(CLI::App* cmd, std::string& format) {
    cmd->add_option("--format", format, "Output format: text (for people) or json (one object per line)")
        ->check(CLI::IsMember({"text", "json"}))
        ->default_str("text");
}

}  // namespace capsearch::cli
