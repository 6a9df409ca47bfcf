// Reading a record file's bytes safely: only regular files, never more than kMaxRecordBytes, and
// never blocking on a FIFO or reading a device without end.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>

namespace capsearch::index {

/// What kind of file `mode` (struct stat's st_mode) describes: "fifo", "socket", "character device",
/// "block device", "directory", "symbolic link", "regular file".
const char* file_type_name(mode_t mode);

/// The reason a record of `size` bytes is refused: "too large (N bytes; a record is at most M bytes)".
std::string too_large_reason(std::uint64_t size);

/// Reads the record file at `path` whole. Throws capsearch::InputError naming it when it cannot be
/// opened, is not a regular file, or is larger than capsearch::kMaxRecordBytes.
std::string read_record_bytes(const std::string& path);

}  // namespace capsearch::index
