// Gene lists (see gene_list.hpp).
#include "gene_list.hpp"

#include <algorithm>
#include <fstream>
#include <iostream>

#include "capsearch/error.hpp"

namespace capsearch::cli {
namespace {

std::string trimmed(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r");
    if (b == std::string::npos) return "";
    return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

std::vector<std::string> split_tabs(const std::string& line) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (;;) {
        const std::size_t tab = line.find('\t', start);
        out.push_back(trimmed(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start)));
        if (tab == std::string::npos) return out;
        start = tab + 1;
    }
}

}  // namespace

std::vector<std::string> read_gene_list(std::istream& in, const std::string& where, const std::string& column) {
    std::vector<std::string> names;
    std::size_t index = 0;  // 1-based column; 0 = the whole line.
    const bool by_number = !column.empty() && column.find_first_not_of("0123456789") == std::string::npos;
    if (by_number) {
        index = std::stoul(column);
        if (index == 0) throw Error(ErrorCode::invalid_argument, "--column counts from 1");
    }
    bool header = !column.empty() && !by_number;
    std::string line;
    std::size_t line_no = 0;
    while (std::getline(in, line)) {
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (const auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
        if (trimmed(line).empty()) continue;
        if (header) {
            const std::vector<std::string> cells = split_tabs(line);
            const auto it = std::find(cells.begin(), cells.end(), column);
            if (it == cells.end()) {
                throw Error(ErrorCode::invalid_argument,
                            where + ":" + std::to_string(line_no) + ": no column '" + column + "' in the header");
            }
            index = static_cast<std::size_t>(it - cells.begin()) + 1;
            header = false;
            continue;
        }
        if (index == 0) {
            names.push_back(trimmed(line));
            continue;
        }
        const std::vector<std::string> cells = split_tabs(line);
        if (cells.size() < index || cells[index - 1].empty()) {
            std::cerr << "capsearch: " << where << ":" << line_no << ": no value in column " << column
                      << "; line skipped\n";
            continue;
        }
        names.push_back(cells[index - 1]);
    }
    return names;
}

std::vector<std::string> read_gene_file(const std::string& path, const std::string& column) {
    if (path == "-") return read_gene_list(std::cin, "stdin", column);
    std::ifstream in(path);
    if (!in) throw Error(ErrorCode::io, path + ": cannot open the gene list");
    std::vector<std::string> names = read_gene_list(in, path, column);
    if (in.bad()) throw Error(ErrorCode::io, path + ": cannot read the gene list");
    return names;
}

}  // namespace capsearch::cli
