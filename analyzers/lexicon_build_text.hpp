// Small helpers the lexicon importers share (lexicon_build*.cpp): errors, ASCII case, one-line fields,
// TSV cells and headers, and adding names to a draft gene.
#pragma once

#include <fstream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analyzers/lexicon_sources.hpp"
#include "analyzers/text.hpp"

namespace capsearch::analysis::build_detail {

[[noreturn]] void fail(const std::string& where, const std::string& what);
using text::lower_ascii;  // The shared text helpers (analyzers/text.hpp).
using text::upper_ascii;
/// Tabs and line breaks would break the compiled format: fields keep one line.
std::string clean_field(std::string_view s);
std::vector<std::string> split(std::string_view s, char sep);
/// A multi-valued TSV cell: '|'-separated, possibly quoted, "-" or "" for none.
std::vector<std::string> cell_values(std::string_view cell);
std::string unquote(std::string_view cell);
std::ifstream open_text(const std::string& path, const char* what);

/// Column positions by header name; -1 when absent.
struct Columns {
    std::unordered_map<std::string, int> pos;
    int operator[](const std::string& name) const {
        const auto it = pos.find(name);
        return it == pos.end() ? -1 : it->second;
    }
};

Columns read_header(std::string_view line);
std::string_view field(const std::vector<std::string>& cells, int col);
void add_names(DraftGene& g, const std::vector<std::string>& spellings, char source);

}  // namespace capsearch::analysis::build_detail
