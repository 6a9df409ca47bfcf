// Finding the record files of an indexing run (see file_walk.hpp).
#include "indexer/file_walk.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "analyzers/text.hpp"
#include "capsearch/error.hpp"
#include "indexer/record_file.hpp"

namespace fs = std::filesystem;

namespace capsearch::index {
namespace {

constexpr std::int64_t kRacyWindowNs = 2'000'000'000;

std::int64_t now_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

struct StatResult {
    bool ok = false;
    bool directory = false;
    bool regular = false;
    bool link = false;
    mode_t mode = 0;
    std::uint64_t size = 0;
    std::int64_t mtime_ns = 0;
    int error = 0;
};

StatResult stat_path(const std::string& path, bool follow) {
    struct stat st {};
    StatResult r;
    if ((follow ? ::stat(path.c_str(), &st) : ::lstat(path.c_str(), &st)) != 0) {
        r.error = errno;
        return r;
    }
    r.ok = true;
    r.directory = S_ISDIR(st.st_mode);
    r.regular = S_ISREG(st.st_mode);
    r.link = S_ISLNK(st.st_mode);
    r.mode = st.st_mode;
    r.size = static_cast<std::uint64_t>(st.st_size);
    r.mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
    return r;
}

std::string not_regular(mode_t mode) {
    return std::string("not a regular file (") + file_type_name(mode) + ")";
}

bool is_under(std::string_view path, std::string_view folder) {
    if (folder == "/") return !path.empty() && path.front() == '/';
    return path.size() > folder.size() && path.compare(0, folder.size(), folder) == 0 &&
           path[folder.size()] == '/';
}

class Walker {
  public:
    Walker(const std::vector<std::string>& extensions, WalkResult& out)
        : extensions_(extensions), out_(out), now_(now_ns()) {}

    void add_file(const std::string& path, const StatResult& st) {
        out_.files.push_back({path, file_stamp(st.size, st.mtime_ns, now_)});
    }

    void walk_folder(const std::string& folder) {
        std::error_code ec;
        fs::directory_iterator it(folder, ec);
        if (ec) return unreadable(folder, ec.message());
        for (const fs::directory_iterator end; it != end; it.increment(ec)) {
            const fs::path& entry = it->path();
            const std::string name = entry.filename().string();
            if (name.empty() || name.front() == '.') continue;
            const std::string path = folder == "/" ? "/" + name : folder + "/" + name;
            const StatResult link = stat_path(path, false);
            if (!link.ok) continue;  // Vanished since the listing.
            if (link.directory) {
                walk_folder(path);
                continue;
            }
            if (!has_wanted_extension(name, extensions_)) continue;
            // Symbolic links to files are followed; links to folders are not (no cycles).
            const StatResult target = link.regular ? link : stat_path(path, true);
            if (target.ok && target.regular) {
                add_file(path, target);
            } else if (!target.ok) {
                not_a_record(path, link.link ? "dangling symbolic link" : std::strerror(target.error));
            } else if (!target.directory) {
                not_a_record(path, not_regular(target.mode));
            }
        }
        if (ec) unreadable(folder, ec.message());
    }

    // A special file (FIFO, socket, device) or a dangling link: named, counted as skipped, never read.
    void not_a_record(const std::string& path, const std::string& why) {
        out_.problems.push_back({path, 0, why});
    }

  private:
    void unreadable(const std::string& folder, const std::string& why) {
        out_.unreadable_folders.push_back(folder);
        out_.problems.push_back({folder, 0, "cannot read folder: " + why});
    }

    const std::vector<std::string>& extensions_;
    WalkResult& out_;
    std::int64_t now_;
};

}  // namespace

std::string normalize_path(const std::string& path) {
    std::string s = fs::absolute(fs::path(path)).lexically_normal().string();
    while (s.size() > 1 && s.back() == '/') s.pop_back();
    return s;
}

bool has_wanted_extension(std::string_view name, const std::vector<std::string>& extensions) {
    if (extensions.empty()) return true;
    for (const std::string& ext : extensions) {
        if (ext.empty() || name.size() < ext.size()) continue;
        const std::string_view tail = name.substr(name.size() - ext.size());
        if (analysis::text::iequal_ascii(tail, ext)) {
            return true;
        }
    }
    return false;
}

std::string file_stamp(std::uint64_t size, std::int64_t mtime_ns, std::int64_t now_ns) {
    if (now_ns - mtime_ns < kRacyWindowNs) return "";
    return std::to_string(size) + ":" + std::to_string(mtime_ns);
}

std::size_t WalkResult::find(std::string_view path) const {
    auto it = std::lower_bound(files.begin(), files.end(), path,
                               [](const WalkedFile& f, std::string_view p) { return f.path < p; });
    return (it != files.end() && it->path == path) ? static_cast<std::size_t>(it - files.begin()) : npos;
}

bool WalkResult::covers(std::string_view path) const {
    for (const std::string& folder : unreadable_folders) {
        if (path == folder || is_under(path, folder)) return false;
    }
    for (const std::string& file : file_roots) {
        if (path == file) return true;
    }
    for (const std::string& folder : folder_roots) {
        if (is_under(path, folder)) return true;
    }
    return false;
}

WalkResult walk_paths(const std::vector<std::string>& paths, const std::vector<std::string>& extensions) {
    WalkResult out;
    Walker walker(extensions, out);
    for (const std::string& given : paths) {
        const std::string path = normalize_path(given);
        const StatResult st = stat_path(path, true);
        if (!st.ok) {
            throw Error(ErrorCode::io, given + ": " + std::strerror(st.error));
        }
        if (st.directory) {
            out.folder_roots.push_back(path);
            walker.walk_folder(path);
        } else if (st.regular) {
            out.file_roots.push_back(path);
            walker.add_file(path, st);
        } else {
            walker.not_a_record(path, not_regular(st.mode));
        }
    }
    std::sort(out.files.begin(), out.files.end(),
              [](const WalkedFile& a, const WalkedFile& b) { return a.path < b.path; });
    out.files.erase(std::unique(out.files.begin(), out.files.end(),
                                [](const WalkedFile& a, const WalkedFile& b) { return a.path == b.path; }),
                    out.files.end());
    return out;
}

}  // namespace capsearch::index
