// Finds the YAML front matter of a record file and rejects bytes that cannot be a text record
// (empty, binary, invalid UTF-8) before YAML ever sees them.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace capsearch::index {

/// The YAML text between the opening and closing `---` lines.
struct FrontMatter {
    std::string_view yaml;  ///< Without the delimiter lines; a view into the file's text.
    int first_line = 0;  ///< 1-based file line of yaml's first line (so YAML line L is file line L + this).
};

/// Locates the front matter of `text` (the whole file). Throws InputError naming `path` for an empty
/// or binary file, invalid UTF-8 in the part that is read (up to the closing `---`), or missing
/// delimiters. Whatever follows the closing `---` line is ignored.
FrontMatter find_front_matter(std::string_view text, const std::string& path);

/// 1-based line number of byte `offset` in `text`.
int line_of_offset(std::string_view text, std::size_t offset);

}  // namespace capsearch::index
