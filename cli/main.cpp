// Entry point of the `capsearch` program: parses the command line and runs one subcommand, turning
// every failure into one "capsearch: error: ..." line on stderr and exit status 2.
#include <execinfo.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <iostream>
#include <string>
#include <string_view>
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

// The commands in the order `capsearch --help` lists them, with the names each registration adds.
struct Registration {
    std::array<std::string_view, 3> names;
    void (*add)(CLI::App&, capsearch::cli::Action&);
};
constexpr std::array kRegistrations{
    Registration{{"index"}, capsearch::cli::add_index_command},
    Registration{{"search"}, capsearch::cli::add_search_command},
    Registration{{"enrich"}, capsearch::cli::add_enrich_command},
    Registration{{"similar"}, capsearch::cli::add_similar_command},
    Registration{{"export"}, capsearch::cli::add_export_command},
    Registration{{"stats"}, capsearch::cli::add_stats_command},
    Registration{{"synonyms"}, capsearch::cli::add_synonyms_command},
    Registration{{"lexicon"}, capsearch::cli::add_lexicon_command},
    Registration{{"compact", "check", "stub"}, capsearch::cli::add_maintenance_commands},
};

const Registration* registration_of(std::string_view word) {
    if (word.empty()) return nullptr;  // The names' unused places are empty.
    for (const Registration& r : kRegistrations) {
        if (std::find(r.names.begin(), r.names.end(), word) != r.names.end()) return &r;
    }
    return nullptr;
}

int run(int argc, char** argv) {
    CLI::App app{"capsearch: full-text search over PFOCR pathway figures", "capsearch"};
    app.set_version_flag("--version,-V", std::string("capsearch ") + capsearch::version());
    app.require_subcommand(1);
    app.footer("Run 'capsearch COMMAND --help' for the options of a command.");

    std::vector<std::string> args(argv + 1, argv + argc);
    // Adding a command builds all its options, about 1 ms for all of them: a third of what a one-shot
    // search costs beyond loading the program. A command line that names its command needs only that
    // one; help, --version and mistakes (listed with the closest name) get every command.
    const Registration* named = args.empty() ? nullptr : registration_of(args.front());
    capsearch::cli::Action selected;
    for (const Registration& r : kRegistrations) {
        if (named == nullptr || named == &r) r.add(app, selected);
    }

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

// Anything that ends the program through std::terminate (an exception escaping a destructor or a
// thread, a joinable std::thread destroyed) is a bug: name it on stderr with the stack where it
// happened, which is what a report needs, then abort as the default handler would.
[[noreturn]] void report_terminate() {
    static const char head[] = "capsearch: internal error: the program ended through std::terminate";
    (void)!::write(2, head, sizeof head - 1);
    if (std::exception_ptr e = std::current_exception()) {
        // Not only std::exception: Xapian 1.4 can throw its own errors out of a destructor.
        const std::string what = capsearch::describe_exception(e);
        (void)!::write(2, " (", 2);
        (void)!::write(2, what.data(), what.size());
        (void)!::write(2, ")", 1);
    }
    static const char tail[] = "; please report it with this stack:\n";
    (void)!::write(2, tail, sizeof tail - 1);
    void* frames[64];
    ::backtrace_symbols_fd(frames, ::backtrace(frames, 64), 2);
    std::abort();
}

}  // namespace

int main(int argc, char** argv) {
    std::set_terminate(report_terminate);
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
