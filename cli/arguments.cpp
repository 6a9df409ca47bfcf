// Checks the command line before CLI11 parses it (arguments.hpp).
#include "arguments.hpp"

#include <algorithm>

#include "capsearch/closest_name.hpp"

namespace capsearch::cli {
namespace {

std::vector<std::string> command_names(const CLI::App& cmd) {
    std::vector<std::string> names;
    for (const CLI::App* sub : cmd.get_subcommands([](const CLI::App*) { return true; })) {
        names.push_back(sub->get_name());
    }
    return names;
}

std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
}

// Up to two edits, fewer for short words: "-n" is no typo of "-h".
std::string did_you_mean(const std::string& word, const std::vector<std::string>& names) {
    std::string closest = closest_name(word, names, std::min<std::size_t>(2, word.size() / 3));
    return closest.empty() ? "" : "; did you mean '" + closest + "'?";
}

std::vector<std::string> option_names(const CLI::App& cmd) {
    std::vector<std::string> names;
    for (const CLI::Option* opt : cmd.get_options()) {
        for (const std::string& n : opt->get_lnames()) names.push_back("--" + n);
        for (const std::string& n : opt->get_snames()) names.push_back("-" + n);
    }
    return names;
}

// An argument CLI11 would take for an option: "-x..." or "--name...", but not "-", "--" or "-3".
bool looks_like_option(const std::string& a) {
    return a.size() > 1 && a[0] == '-' && a != "--" && !(a[1] >= '0' && a[1] <= '9') && a[1] != '.';
}

}  // namespace

std::string prepare_arguments(CLI::App& app, std::vector<std::string>& args) {
    if (args.empty()) return "no command given; the commands are " + joined(command_names(app)) + " (see 'capsearch --help')";
    if (args.front() == "help") {  // `capsearch help [COMMAND...]` is `capsearch [COMMAND...] --help`
        args.erase(args.begin());
        args.emplace_back("--help");
    }
    CLI::App* cmd = &app;
    std::string path = "capsearch";
    std::size_t i = 0;
    for (; i < args.size() && !looks_like_option(args[i]); ++i) {
        const std::vector<std::string> names = command_names(*cmd);
        if (names.empty()) break;  // A command without subcommands: its positional arguments follow.
        CLI::App* sub = nullptr;
        for (CLI::App* candidate : cmd->get_subcommands([](CLI::App*) { return true; })) {
            if (candidate->check_name(args[i])) sub = candidate;
        }
        if (sub == nullptr) {
            return "unknown command '" + args[i] + "'" + did_you_mean(args[i], names) + " (the commands of " + path +
                   " are " + joined(names) + "; see '" + path + " --help')";
        }
        cmd = sub;
        path += " " + args[i];
    }
    if (cmd == &app) return "";  // Top-level options (--help, --version): CLI11's own.

    const bool query_words = cmd->get_name() == "search";  // Its positional arguments are one query.
    std::vector<std::string> options;
    std::vector<std::string> words;
    const std::size_t first = i;
    for (; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--") {
            words.insert(words.end(), args.begin() + static_cast<std::ptrdiff_t>(i) + 1, args.end());
            break;
        }
        if (!looks_like_option(a)) {
            words.push_back(a);
            continue;
        }
        const bool long_form = a.rfind("--", 0) == 0;
        const std::string name = long_form ? a.substr(0, a.find('=')) : a.substr(0, 2);
        const CLI::Option* opt = cmd->get_option_no_throw(name);
        if (opt != nullptr && opt->nonpositional()) {
            options.push_back(a);
            const bool attached = long_form ? a.find('=') != std::string::npos : a.size() > 2;
            if (opt->get_expected_min() > 0 && !attached && i + 1 < args.size()) options.push_back(args[++i]);
            continue;
        }
        if (query_words && !words.empty()) {  // `HER2 -EGFR`: part of the query
            words.push_back(a);
            continue;
        }
        const std::string hint = did_you_mean(long_form ? name : a, option_names(*cmd));
        std::string message = "unknown option '" + a + "' for '" + path + "'" + hint;
        if (query_words && hint.empty()) {
            message += " (a query that starts with '-' goes after '--': " + path + " -- " + a + " ...; ";
        } else {
            message += " (";
        }
        return message + "see '" + path + " --help')";
    }
    if (query_words) {  // Options first, then "--" and the query words in their order.
        args.resize(first);
        args.insert(args.end(), options.begin(), options.end());
        if (!words.empty()) args.emplace_back("--");
        args.insert(args.end(), words.begin(), words.end());
    }
    return "";
}

}  // namespace capsearch::cli
