// Finding the record files an indexing run reads: the named files, and the files under the named
// folders whose extension is wanted, in one deterministic (sorted) order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "capsearch/index.hpp"

namespace capsearch::index {

/// One record file found by the walk.
struct WalkedFile {
    std::string path;   ///< Absolute, lexically normal: the same spelling in every run.
    std::string stamp;  ///< "size:mtime_ns", or "" when the file changed too recently to trust it.
};

/// Everything an indexing run needs to know about its inputs.
struct WalkResult {
    std::vector<WalkedFile> files;  ///< Sorted by path, no duplicates.
    /// The paths given, normalised like WalkedFile::path. A folder's documents are those whose
    /// path starts with it and a '/'; a file's, the one with exactly its path.
    std::vector<std::string> file_roots;
    std::vector<std::string> folder_roots;
    /// Folders that could not be listed: their documents must not be taken for deleted.
    std::vector<std::string> unreadable_folders;
    /// Why each unreadable folder was not read (reported as skipped, line 0).
    std::vector<SkippedRecord> problems;

    /// Position of `path` in files, or npos.
    std::size_t find(std::string_view path) const;
    /// True when `path` lies under the given roots and under no unreadable folder.
    bool covers(std::string_view path) const;
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);
};

/// Absolute, lexically normal form of `path`, without a trailing '/' (except for "/").
std::string normalize_path(const std::string& path);

/// True when `name` ends with one of `extensions` (compared without regard to ASCII case); an empty
/// list accepts every name.
bool has_wanted_extension(std::string_view name, const std::vector<std::string>& extensions);

/// "size:mtime_ns" of a file stat'ed at `now_ns`; "" when it was modified less than two seconds before
/// (a later change within the same clock tick could keep size and mtime, so such a stamp is not trusted).
std::string file_stamp(std::uint64_t size, std::int64_t mtime_ns, std::int64_t now_ns);

/// Walks `paths`: files named are always taken; folders are walked recursively for files with a
/// wanted extension, skipping hidden entries (names starting with '.') and not following symbolic
/// links to folders. Throws capsearch::Error(io) when a named path does not exist.
WalkResult walk_paths(const std::vector<std::string>& paths, const std::vector<std::string>& extensions);

}  // namespace capsearch::index
