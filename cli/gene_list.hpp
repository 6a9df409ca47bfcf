// Reading a gene list for `capsearch enrich`: one name per line with `#` comments, or one column of a
// TSV file (by number or header name); "-" reads stdin. Bad lines are named on stderr and skipped.
#pragma once

#include <istream>
#include <string>
#include <vector>

namespace capsearch::cli {

/// The names in `in` (called `where` in messages). `column` is "" (whole line), a 1-based column
/// number, or the column's name in the first line. Lines without that column are reported and skipped.
std::vector<std::string> read_gene_list(std::istream& in, const std::string& where, const std::string& column);

/// read_gene_list() of a file, or of stdin when `path` is "-". Throws Error(io) when it cannot be read.
std::vector<std::string> read_gene_file(const std::string& path, const std::string& column);

}  // namespace capsearch::cli
