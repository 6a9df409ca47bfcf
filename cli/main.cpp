// Entry point of the `capsearch` program: parses the command line and runs one subcommand, turning
// every failure into one "capsearch: error: ..." line on stderr and exit status 2.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "arguments.hpp"
#include "capsearch/capsearch.hpp"
#include "commands.hpp"

namespace {

// Query errors get a "query:" prefix so the user knows which input was wrong.
std::string describe(const capsearch::Error& e) {
    std::string message = e.what();
    if (e.code() == capsearch::ErrorCode::query && message.rfind("query", 0) != 0) return "query: " + message;
    return message;
}

int run(int argc, char** argv) {
    CLI::App app{"capsearch: full-text search over PFOCR pathway figures", "capsearch"};
    app.set_version_flag("--version,-V", std::string("capsearch ") + capsearch::version());
    app.require_subcommand(1);
    app.footer("Run 'capsearch COMMAND --help' for the options of a command.");

    capsearch::cli::Action selected;
    capsearch::cli::add_index_command(app, selected);
    capsearch::cli::add_search_command(app, selected);
    capsearch::cli::add_enrich_command(app, selected);
    capsearch::cli::add_similar_command(app, selected);
    capsearch::cli::add_export_command(app, selected);
    capsearch::cli::add_stats_command(app, selected);
    capsearch::cli::add_synonyms_command(app, selected);
    capsearch::cli::add_lexicon_command(app, selected);
    capsearch::cli::add_maintenance_commands(app, selected);

    std::vector<std::string> args(argv + 1, argv + argc);
    if (std::string mistake = capsearch::cli::prepare_arguments(app, args); !mistake.empty()) {
        std::cerr << "capsearch: error: " << mistake << "\n";
        return 2;
    }
    try {
        std::reverse(args.begin(), args.end());  // CLI11 takes a vector in reverse order.
        app.parse(args);
    } catch (const CLI::Success& e) {
        return app.exit(e);  // --help or --version: printed on stdout.
    } catch (const CLI::ParseError& e) {
        std::cerr << "capsearch: error: " << e.what() << " (see 'capsearch --help')\n";
        return 2;
    }
    if (!selected) {
        std::cerr << "capsearch: error: no command given (see 'capsearch --help')\n";
        return 2;
    }
    return selected();
}

}  // namespace

int main(int argc, char** argv) {
    std::ios::sync_with_stdio(false);
    int status = 2;
    try {
        status = run(argc, argv);
    } catch (const capsearch::Error& e) {
        std::cout.flush();
        std::cerr << "capsearch: error: " << describe(e) << "\n";
    } catch (const std::exception& e) {
        std::cout.flush();
        std::cerr << "capsearch: error: " << e.what() << "\n";
    } catch (...) {
        std::cout.flush();
        std::cerr << "capsearch: error: unexpected failure (please report it)\n";
    }
    std::cout.flush();
    if (std::cout.fail()) {  // E.g. a full disk: the output is incomplete, so say so.
        std::cerr << "capsearch: error: writing the output failed\n";
        return 2;
    }
    return status;
}
