// Where capsearch keeps what it derives once and later processes reuse (lexicon images, facet tables):
// $XDG_CACHE_HOME/capsearch/<kind>, else ~/.cache/capsearch/<kind>.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string_view>

namespace capsearch::analysis {

/// The user's cache folder for `kind` ("lexicons", "facets"); empty without $XDG_CACHE_HOME or $HOME.
inline std::filesystem::path user_cache_folder(std::string_view kind) {
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg)
        return std::filesystem::path(xdg) / "capsearch" / kind;
    if (const char* home = std::getenv("HOME"); home && *home)
        return std::filesystem::path(home) / ".cache" / "capsearch" / kind;
    return {};
}

}  // namespace capsearch::analysis
