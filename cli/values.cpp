// Option value parsing for the `capsearch` program (see values.hpp).
#include "values.hpp"

#include <charconv>
#include <cmath>

#include "capsearch/error.hpp"

namespace capsearch::cli {

namespace {

[[noreturn]] void bad(const std::string& option, const std::string& text, const std::string& why) {
    throw Error(ErrorCode::invalid_argument, option + " '" + text + "': " + why);
}

std::optional<int> parse_year(const std::string& whole, const std::string& part) {
    if (part.empty()) return std::nullopt;
    int year = 0;
    auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), year);
    if (ec != std::errc() || end != part.data() + part.size() || part.size() > 4 || year < 1) {
        bad("--year", whole, "'" + part + "' is not a year (expected e.g. 2015, 2010..2015, ..2012, 2015..)");
    }
    return year;
}

}  // namespace

YearRange parse_year_range(const std::string& text) {
    YearRange range;
    auto dots = text.find("..");
    if (dots == std::string::npos) {
        if (text.empty()) bad("--year", text, "empty (expected e.g. 2015, 2010..2015, ..2012, 2015..)");
        range.from = range.to = parse_year(text, text);
        return range;
    }
    range.from = parse_year(text, text.substr(0, dots));
    range.to = parse_year(text, text.substr(dots + 2));
    if (!range.from && !range.to) bad("--year", text, "give at least one year (e.g. 2010..2015)");
    if (range.from && range.to && *range.from > *range.to) {
        bad("--year", text, "the first year is after the second");
    }
    return range;
}

void parse_bm25(const std::string& text, Bm25Params& params) {
    std::size_t start = 0;
    while (start <= text.size()) {
        auto comma = text.find(',', start);
        std::string item = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        start = comma == std::string::npos ? text.size() + 1 : comma + 1;
        auto eq = item.find('=');
        if (eq == std::string::npos) bad("--bm25", text, "expected KEY=VALUE pairs such as k1=1.2,b=0.5");
        std::string key = item.substr(0, eq);
        std::string value_text = item.substr(eq + 1);
        double value = 0;
        auto [end, ec] = std::from_chars(value_text.data(), value_text.data() + value_text.size(), value);
        if (value_text.empty() || ec != std::errc() || end != value_text.data() + value_text.size() ||
            !std::isfinite(value) || value < 0) {
            bad("--bm25", text, "the value of " + key + " must be a number >= 0");
        }
        if (key == "k1") {
            params.k1 = value;
        } else if (key == "k2") {
            params.k2 = value;
        } else if (key == "k3") {
            params.k3 = value;
        } else if (key == "b") {
            if (value > 1) bad("--bm25", text, "b must be between 0 and 1");
            params.b = value;
        } else if (key == "min_normlen") {
            params.min_normlen = value;
        } else {
            bad("--bm25", text, "unknown parameter '" + key + "' (known: k1, k2, k3, b, min_normlen)");
        }
    }
}

std::vector<std::string> normalize_extensions(const std::vector<std::string>& extensions) {
    std::vector<std::string> out;
    for (std::string ext : extensions) {
        if (ext.empty()) continue;
        if (ext[0] != '.') ext.insert(ext.begin(), '.');
        out.push_back(ext);
    }
    return out;
}

std::string join_words(const std::vector<std::string>& words) {
    std::string out;
    for (const auto& w : words) {
        if (!out.empty()) out += ' ';
        out += w;
    }
    return out;
}

void apply_year_range(const std::string& text, std::optional<int>& from, std::optional<int>& to) {
    if (text.empty()) return;
    const YearRange range = parse_year_range(text);
    from = range.from;
    to = range.to;
}

}  // namespace capsearch::cli
