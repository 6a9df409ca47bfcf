// Where the lexicon file comes from when none is named (default_lexicon_path, see capsearch/lexicon.hpp).
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <string>

#include "capsearch/lexicon.hpp"

namespace fs = std::filesystem;

namespace capsearch {

namespace {

std::mutex fallback_mutex;
std::string fallback_path;  // set_fallback_lexicon_path(); guarded by fallback_mutex.

}  // namespace

void set_fallback_lexicon_path(const std::string& path) {
    std::lock_guard lock(fallback_mutex);
    fallback_path = path;
}

std::string default_lexicon_path() {
    if (const char* env = std::getenv("CAPSEARCH_LEXICON"); env != nullptr && *env != '\0') return env;
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        // Beside the program (the build folder), then where `cmake --install` puts it (PREFIX/bin/..).
        for (const fs::path& candidate :
             {exe.parent_path() / "lexicon.tsv", exe.parent_path() / ".." / "share" / "capsearch" / "lexicon.tsv"}) {
            if (fs::is_regular_file(candidate, ec)) return candidate.lexically_normal().string();
        }
    }
    std::lock_guard lock(fallback_mutex);
    if (!fallback_path.empty() && fs::is_regular_file(fallback_path, ec)) return fallback_path;
    return "";
}

}  // namespace capsearch
