// Small helpers the lexicon importers share (see lexicon_build_text.hpp).
#include "analyzers/lexicon_build_text.hpp"

#include "capsearch/error.hpp"

namespace capsearch::analysis::build_detail {

[[noreturn]] void fail(const std::string& where, const std::string& what) {
    throw Error(ErrorCode::lexicon, where + ": " + what);
}

// Tabs and line breaks would break the compiled format: fields keep one line.
std::string clean_field(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) out += (c == '\t' || c == '\n' || c == '\r') ? ' ' : c;
    const auto b = out.find_first_not_of(' ');
    if (b == std::string::npos) return {};
    const auto e = out.find_last_not_of(' ');
    return out.substr(b, e - b + 1);
}

std::vector<std::string> split(std::string_view s, char sep) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (true) {
        const std::size_t p = s.find(sep, start);
        out.emplace_back(s.substr(start, p == std::string_view::npos ? std::string_view::npos : p - start));
        if (p == std::string_view::npos) return out;
        start = p + 1;
    }
}

// A multi-valued TSV cell: '|'-separated, possibly quoted, "-" or "" for none.
std::vector<std::string> cell_values(std::string_view cell) {
    std::vector<std::string> out;
    if (cell.size() >= 2 && cell.front() == '"' && cell.back() == '"') cell = cell.substr(1, cell.size() - 2);
    if (cell.empty() || cell == "-") return out;
    for (std::string& v : split(cell, '|')) {
        v = clean_field(v);
        if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
        if (!v.empty() && v != "-") out.push_back(std::move(v));
    }
    return out;
}

std::string unquote(std::string_view cell) {
    if (cell.size() >= 2 && cell.front() == '"' && cell.back() == '"') cell = cell.substr(1, cell.size() - 2);
    return clean_field(cell);
}

std::ifstream open_text(const std::string& path, const char* what) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(ErrorCode::io, path + ": cannot open the " + what);
    return in;
}

Columns read_header(std::string_view line) {
    Columns c;
    if (!line.empty() && line.front() == '#') line.remove_prefix(1);
    const std::vector<std::string> names = split(line, '\t');
    for (std::size_t i = 0; i < names.size(); ++i) c.pos.emplace(unquote(names[i]), static_cast<int>(i));
    return c;
}

std::string_view field(const std::vector<std::string>& cells, int col) {
    return col >= 0 && static_cast<std::size_t>(col) < cells.size() ? std::string_view(cells[col])
                                                                    : std::string_view();
}

void add_names(DraftGene& g, const std::vector<std::string>& spellings, char source) {
    for (const std::string& s : spellings) {
        DraftName n;
        n.spelling = s;
        n.source = source;
        g.names.push_back(std::move(n));
    }
}

}  // namespace capsearch::analysis::build_detail
