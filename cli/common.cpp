// Options shared by several subcommands.
#include <iostream>

#include "capsearch/config.hpp"
#include "capsearch/error.hpp"
#include "commands.hpp"

namespace capsearch::cli {

CLI::Validator whole_number(bool positive) {
    return CLI::Validator(
        [positive](std::string& value) -> std::string {
            bool digits = !value.empty() && value.find_first_not_of("0123456789") == std::string::npos;
            if (!digits) return "'" + value + "' is not a whole number";
            if (positive && value.find_first_not_of('0') == std::string::npos) return "must be at least 1";
            return "";
        },
        positive ? "N>0" : "N");
}

SearchOptions RemoteArgs::options() const {
    SearchOptions o;
    if (timeout > 0) o.timeout_seconds = timeout;
    o.allow_partial = allow_partial;
    return o;
}

void add_remote_options(CLI::App* cmd, RemoteArgs& remote) {
    cmd->add_option("--timeout", remote.timeout,
                    "Seconds a remote shard may take to connect or answer (default 10)")
        ->check(CLI::Range(0.001, 86400.0));
    cmd->add_flag(
        "--allow-partial", remote.allow_partial,
        "Answer from the shards that can be reached when some cannot (named on stderr and in JSON)");
}

void note_missing_shards(const std::vector<std::string>& missing) {
    if (missing.empty()) return;
    std::cerr << "capsearch: note: partial answer: " << missing.size() << " shard"
              << (missing.size() == 1 ? "" : "s") << " could not be reached and "
              << (missing.size() == 1 ? "is" : "are") << " left out:";
    for (const std::string& name : missing) std::cerr << " " << name;
    std::cerr << "\n";
}

void add_db_option(CLI::App* cmd, std::string& db, const std::string& help) {
    cmd->add_option("--db", db, help + " (default: $CAPSEARCH_DB, else `db` in the config file)");
    cmd->parse_complete_callback([&db] {
        if (!db.empty()) return;
        db = default_db_path();
        if (db.empty()) {
            throw Error(ErrorCode::invalid_argument,
                        "no index given: pass --db DB, set CAPSEARCH_DB, or write `db = PATH` in "
                        "~/.config/capsearch/config");
        }
    });
}

void add_facet_size_option(CLI::App* cmd, std::size_t& size) {
    cmd->add_option("--facet-size", size, "Rows per facet chart in text output, largest counts first (0 = all)")
        ->check(whole_number())
        ->capture_default_str();
}

void add_format_option(CLI::App* cmd, std::string& format) {
    cmd->add_option("--format", format, "Output format: text (for people) or json (one object per line)")
        ->check(CLI::IsMember({"text", "json"}))
        ->default_str("text");
}

}  // namespace capsearch::cli
