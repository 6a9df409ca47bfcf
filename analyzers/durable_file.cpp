// Atomic, durable whole-file writes; see durable_file.hpp.
#include "analyzers/durable_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "capsearch/error.hpp"

namespace capsearch::analysis {
namespace {

// Writes all of `bytes` to `fd` and flushes it to disk; false (errno set) when either fails.
bool write_synced(int fd, std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t n = ::write(fd, bytes.data(), bytes.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return ::fsync(fd) == 0;
}

}  // namespace

void write_file_durably(const std::string& path, std::string_view bytes, std::string_view what) {
    // Written beside, flushed and renamed over, then the folder flushed: a reader opens either no file
    // or a whole one, and a crash never leaves a renamed file whose bytes did not reach the disk.
    const std::string tmp = path + ".tmp." + std::to_string(::getpid());
    const auto fail = [&](const std::string& file, int err) {
        return Error(ErrorCode::io, file + ": cannot write " + std::string(what) + ": " + std::strerror(err));
    };
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) throw fail(tmp, errno);
    const bool written = write_synced(fd, bytes);
    const int write_err = errno;
    if (::close(fd) != 0 || !written) {
        const int err = written ? errno : write_err;
        std::remove(tmp.c_str());
        throw fail(tmp, err);
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
        const int err = errno;
        std::remove(tmp.c_str());
        throw fail(path, err);
    }
    const std::string folder = std::filesystem::path(path).parent_path().string();
    if (const int dir = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        dir >= 0) {
        ::fsync(dir);  // Best effort: the file is complete either way, at worst missing after a crash.
        ::close(dir);
    }
}

}  // namespace capsearch::analysis
