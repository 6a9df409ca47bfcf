// Parsing the option values CLI11 cannot check by itself: year ranges, BM25 parameters, extensions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "capsearch/search.hpp"

namespace capsearch::cli {

/// An inclusive year range; either end may be open.
struct YearRange {
    std::optional<int> from;
    std::optional<int> to;
};

/// Parses `2015`, `2010..2015`, `..2012` or `2015..`. Throws Error(invalid_argument) naming --year.
YearRange parse_year_range(const std::string& text);

/// Sets `from`/`to` from a --year value; nothing when `text` is empty.
void apply_year_range(const std::string& text, std::optional<int>& from, std::optional<int>& to);

/// Applies `k1=1.2,b=0.5,...` (keys k1, k2, k3, b, min_normlen) to `params`.
/// Throws Error(invalid_argument) naming --bm25.
void parse_bm25(const std::string& text, Bm25Params& params);

/// `md` becomes `.md`; empty entries are dropped.
std::vector<std::string> normalize_extensions(const std::vector<std::string>& extensions);

/// The words joined by single spaces.
std::string join_words(const std::vector<std::string>& words);

}  // namespace capsearch::cli
