// `capsearch compact` and `capsearch check`: index maintenance, quiet enough for cron.
#include <filesystem>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "capsearch/index.hpp"
#include "commands.hpp"
#include "render.hpp"

namespace capsearch::cli {

namespace {

struct MaintenanceArgs {
    std::string db;
    std::string format = "text";
};

// Bytes under `path`; 0 when it cannot be walked (the size is only informative).
std::uintmax_t folder_size(const std::string& path) {
    std::error_code ec;
    std::uintmax_t total = 0;
    for (std::filesystem::recursive_directory_iterator it(path, ec), end; !ec && it != end;
         it.increment(ec)) {
        std::error_code size_ec;
        if (it->is_regular_file(size_ec)) {
            auto size = it->file_size(size_ec);
            if (!size_ec) total += size;
        }
    }
    return total;
}

int run_compact(const MaintenanceArgs& args) {
    auto before = folder_size(args.db);
    compact_index(args.db);
    auto after = folder_size(args.db);
    if (args.format == "json") {
        nlohmann::ordered_json j{{"path", args.db}, {"size_before", before}, {"size_after", after}};
        std::cout << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    } else {
        std::cout << "compacted " << args.db << ": " << human_size(before) << " -> " << human_size(after) << "\n";
    }
    return 0;
}

int run_check(const MaintenanceArgs& args) {
    CheckReport report = check_index(args.db);
    if (args.format == "json") {
        std::cout << report.to_json() << "\n";
    } else if (report.ok) {
        std::cout << args.db << ": ok (" << report.documents << " figures)\n";
    } else {
        std::cout << args.db << ": " << report.problems.size()
                  << (report.problems.size() == 1 ? " problem" : " problems") << " (" << report.documents
                  << " figures)\n";
        for (const auto& p : report.problems) std::cout << "  " << p << "\n";
    }
    return report.ok ? 0 : 1;
}

struct StubArgs {
    std::vector<std::string> remotes;
    std::vector<std::string> locals;
    std::string output;
};

int run_stub(const StubArgs& args) {
    write_stub(args.output, args.remotes, args.locals);
    return 0;
}

}  // namespace

void add_maintenance_commands(CLI::App& app, Action& selected) {
    auto compact_args = std::make_shared<MaintenanceArgs>();
    auto* compact = app.add_subcommand("compact", "Compact an index in place (Xapian compaction)");
    add_db_option(compact, compact_args->db, "Index folder");
    add_format_option(compact, compact_args->format);
    compact->footer("Exit status: 0 done, 2 error (e.g. another writer holds the index).");
    compact->callback(
        [compact_args, &selected] { selected = [compact_args] { return run_compact(*compact_args); }; });

    auto check_args = std::make_shared<MaintenanceArgs>();
    auto* check = app.add_subcommand("check", "Check an index's consistency");
    add_db_option(check, check_args->db, "Index folder");
    add_format_option(check, check_args->format);
    check->footer("Exit status: 0 consistent, 1 problems found (listed), 2 the check could not run.");
    check->callback([check_args, &selected] { selected = [check_args] { return run_check(*check_args); }; });

    auto stub_args = std::make_shared<StubArgs>();
    auto* stub = app.add_subcommand("stub", "Write a Xapian stub file naming shards searched as one index");
    stub->add_option("--remote", stub_args->remotes,
                     "A shard served by xapian-tcpsrv at HOST:PORT (repeatable)")
        ->allow_extra_args(false);
    stub->add_option("--local", stub_args->locals, "A local index folder (repeatable)")
        ->allow_extra_args(false);
    stub->add_option("--output,-o", stub_args->output, "The stub file to write (replaced atomically)")
        ->required();
    stub->footer("Exit status: 0 written, 2 error. The stub is then an index for search and check.");
    stub->callback([stub_args, &selected] { selected = [stub_args] { return run_stub(*stub_args); }; });
}

}  // namespace capsearch::cli
