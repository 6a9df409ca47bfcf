// Front matter location and byte-level validation of record files (see record_front_matter.hpp).
#include "indexer/record_front_matter.hpp"

#include <algorithm>
#include <cstdio>

#include "analyzers/unicode.hpp"
#include "capsearch/error.hpp"

namespace capsearch::index {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

// A `---` line; trailing blanks and a CR (files written on Windows) are tolerated.
bool is_delimiter(std::string_view line) {
    if (line.substr(0, 3) != "---") return false;
    line.remove_prefix(3);
    return std::all_of(line.begin(), line.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
}

std::string hex_byte(unsigned char c) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "0x%02X", static_cast<unsigned>(c));
    return buf;
}

}  // namespace

int line_of_offset(std::string_view text, std::size_t offset) {
    offset = std::min(offset, text.size());
    return 1 + static_cast<int>(
                   std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

FrontMatter find_front_matter(std::string_view text, const std::string& path) {
    std::size_t start = text.substr(0, kBom.size()) == kBom ? kBom.size() : 0;
    if (std::all_of(text.begin() + static_cast<std::ptrdiff_t>(start), text.end(), is_blank)) {
        throw InputError(path, 0, "empty file");
    }
    std::size_t first_end = text.find('\n', start);
    bool opened = is_delimiter(
        text.substr(start, first_end == std::string_view::npos ? std::string_view::npos : first_end - start));
    std::size_t yaml_begin = first_end == std::string_view::npos ? text.size() : first_end + 1;
    std::size_t yaml_end = std::string_view::npos;
    std::size_t read_end = text.size();  // Bytes after the closing line are never looked at.
    if (opened) {
        for (std::size_t pos = yaml_begin; pos < text.size();) {
            std::size_t nl = text.find('\n', pos);
            std::size_t line_end = nl == std::string_view::npos ? text.size() : nl;
            if (is_delimiter(text.substr(pos, line_end - pos))) {
                yaml_end = pos;
                read_end = line_end;
                break;
            }
            pos = nl == std::string_view::npos ? text.size() : nl + 1;
        }
    }

    // Only the front matter is read: a NUL in the ignored body is no reason to reject the record.
    if (text.substr(0, read_end).find('\0') != std::string_view::npos)
        throw InputError(path, 0, "binary file (contains NUL bytes)");
    // Checked before the delimiters so a Latin-1 file is named for what it is.
    std::size_t bad = analysis::first_invalid_utf8(text.substr(0, read_end));
    if (bad != std::string_view::npos) {
        throw InputError(path, line_of_offset(text, bad),
                         "invalid UTF-8 (byte " + hex_byte(static_cast<unsigned char>(text[bad])) + ")");
    }
    if (!opened) throw InputError(path, 1, "no front matter: the first line is not '---'");
    if (yaml_end == std::string_view::npos)
        throw InputError(path, 1, "no front matter: no closing '---' line");
    return FrontMatter{text.substr(yaml_begin, yaml_end - yaml_begin), 2};
}

}  // namespace capsearch::index
