// Options shared by several subcommands.
#include "commands.hpp"

namespace capsearch::cli {

CLI::Validator whole_number() {
    return CLI::Validator(
        [](std::string& value) -> std::string {
            bool digits = !value.empty() && value.find_first_not_of("0123456789") == std::string::npos;
            return digits ? "" : "'" + value + "' is not a whole number >= 0";
        },
        "N");
}

void add_format_option(CLI::App* cmd, std::string& format) {
    cmd->add_option("--format", format, "Output format: text (for people) or json (one object per line)")
        ->check(CLI::IsMember({"text", "json"}))
        ->default_str("text");
}

}  // namespace capsearch::cli
