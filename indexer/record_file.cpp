// Bounded reading of record files (see record_file.hpp).
#include "indexer/record_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "capsearch/error.hpp"
#include "capsearch/record.hpp"

namespace capsearch::index {
namespace {

// Closes the descriptor on every way out.
struct Fd {
    int fd;
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
};

[[noreturn]] void unreadable(const std::string& path, int err) {
    throw InputError(path, 0, std::string("cannot read: ") + std::strerror(err));
}

}  // namespace

const char* file_type_name(mode_t mode) {
    if (S_ISREG(mode)) return "regular file";
    if (S_ISDIR(mode)) return "directory";
    if (S_ISFIFO(mode)) return "fifo";
    if (S_ISSOCK(mode)) return "socket";
    if (S_ISCHR(mode)) return "character device";
    if (S_ISBLK(mode)) return "block device";
    if (S_ISLNK(mode)) return "symbolic link";
    return "unknown file type";
}

std::string too_large_reason(std::uint64_t size) {
    return "too large (" + std::to_string(size) + " bytes; a record is at most " +
           std::to_string(kMaxRecordBytes) + " bytes)";
}

std::string read_record_bytes(const std::string& path) {
    // O_NONBLOCK: opening a FIFO with no writer must not wait for one; the type is checked right after.
    const Fd file{::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)};
    if (file.fd < 0) unreadable(path, errno);
    struct stat st {};
    if (::fstat(file.fd, &st) != 0) unreadable(path, errno);
    if (!S_ISREG(st.st_mode)) {
        throw InputError(path, 0, std::string("not a regular file (") + file_type_name(st.st_mode) + ")");
    }
    auto too_large = [&](std::uint64_t size) { throw InputError(path, 0, too_large_reason(size)); };
    if (static_cast<std::uint64_t>(st.st_size) > kMaxRecordBytes) too_large(static_cast<std::uint64_t>(st.st_size));

    // The file may grow while it is read: never read past the cap, whatever fstat said.
    std::string bytes(static_cast<std::size_t>(st.st_size), '\0');
    std::size_t have = 0;
    for (;;) {
        if (have == bytes.size()) {
            if (bytes.size() > kMaxRecordBytes) too_large(bytes.size());
            bytes.resize(std::min<std::size_t>(bytes.size() + 65536, kMaxRecordBytes + 1));
        }
        const ssize_t n = ::read(file.fd, bytes.data() + have, bytes.size() - have);
        if (n == 0) break;
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN) continue;
            unreadable(path, errno);
        }
        have += static_cast<std::size_t>(n);
    }
    bytes.resize(have);
    if (bytes.size() > kMaxRecordBytes) too_large(bytes.size());
    return bytes;
}

}  // namespace capsearch::index
