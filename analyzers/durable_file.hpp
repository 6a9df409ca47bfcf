// Writing a whole file so that a reader, even after a crash, finds either no file or all of it: the
// one way capsearch writes files that later processes trust (lexicon images, cached facet tables).
#pragma once

#include <string>
#include <string_view>

namespace capsearch::analysis {

/// Writes `bytes` to `path` atomically and durably: a temporary file beside it ("<path>.tmp.<pid>"),
/// flushed to disk, renamed over `path`, then the folder flushed. Throws Error(io) naming the file and
/// `what` ("the lexicon image") when any step fails, and leaves no temporary file behind.
void write_file_durably(const std::string& path, std::string_view bytes, std::string_view what);

}  // namespace capsearch::analysis
