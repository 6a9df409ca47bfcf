// The config file and the default index (see capsearch/config.hpp).
#include "capsearch/config.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "capsearch/error.hpp"

namespace fs = std::filesystem;

namespace capsearch {

namespace {

std::string env(const char* name) {
    const char* value = std::getenv(name);
    return value != nullptr ? value : "";
}

std::string trim(const std::string& s) {
    const auto begin = s.find_first_not_of(" \t\r");
    if (begin == std::string::npos) return "";
    return s.substr(begin, s.find_last_not_of(" \t\r") - begin + 1);
}

// `db` from the config file, or "" when the file does not set it.
std::string configured_db(const std::string& file) {
    std::ifstream in(file);
    if (!in) throw Error(ErrorCode::io, "cannot read the config file " + file);
    std::string line, db;
    for (int number = 1; std::getline(in, line); ++number) {
        const std::string text = trim(line.substr(0, line.find('#')));
        if (text.empty()) continue;
        const auto eq = text.find('=');
        if (eq == std::string::npos || trim(text.substr(0, eq)).empty()) {
            throw Error(ErrorCode::invalid_argument,
                        file + ":" + std::to_string(number) + ": expected `key = value` (e.g. db = ~/pfocr-index)");
        }
        if (trim(text.substr(0, eq)) == "db") db = trim(text.substr(eq + 1));  // Other keys: for later use.
    }
    if (db.empty()) return db;
    if (db.rfind("~/", 0) == 0) return env("HOME") + db.substr(1);
    // Relative to the home folder, as notmuch's database.path: the same wherever capsearch runs.
    if (fs::path(db).is_relative()) return (fs::path(env("HOME")) / db).string();
    return db;
}

}  // namespace

std::string config_file_path() {
    const std::string home = env("HOME");
    const std::string xdg = !env("XDG_CONFIG_HOME").empty() ? env("XDG_CONFIG_HOME") : home.empty() ? "" : home + "/.config";
    if (!env("CAPSEARCH_CONFIG").empty()) return env("CAPSEARCH_CONFIG");  // Named: must be readable.
    std::error_code ec;
    for (const std::string& candidate : {xdg.empty() ? "" : xdg + "/capsearch/config",
                                        home.empty() ? "" : home + "/.capsearch-config"}) {
        if (!candidate.empty() && fs::is_regular_file(candidate, ec)) return candidate;
    }
    return "";
}

std::string default_db_path() {
    if (!env("CAPSEARCH_DB").empty()) return env("CAPSEARCH_DB");
    const std::string file = config_file_path();
    return file.empty() ? "" : configured_db(file);
}

}  // namespace capsearch
