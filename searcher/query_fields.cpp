// Field names of the query language and the unknown-field check (query_fields.hpp).
#include "searcher/query_fields.hpp"

#include <array>
#include <utility>
#include <vector>

#include "capsearch/closest_name.hpp"

namespace capsearch::search {
namespace {

constexpr std::array<std::pair<std::string_view, Field>, 9> kFieldNames{{
    {"title", Field::title},
    {"caption", Field::caption},
    {"paper", Field::paper},
    {"keyword", Field::keyword},
    {"gene", Field::gene},
    {"organism", Field::organism},
    {"year", Field::year},
    {"figid", Field::figid},
    {"pmcid", Field::pmcid},
}};

// Fields people know from PubMed, Europe PMC and Google Scholar; PFOCR records do not carry them.
constexpr std::array<std::string_view, 8> kForeignFields{"author",  "authors", "journal", "abstract",
                                                         "doi",     "mesh",    "affiliation", "pmid"};

bool is_ascii_word(std::string_view s) {
    if (s.size() < 2) return false;
    for (char c : s) {
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
    }
    return true;
}

// Equal but for ASCII case.
bool same_name(std::string_view a, std::string_view b) { return a.size() == b.size() && edit_distance(a, b) == 0; }

}  // namespace

std::optional<Field> field_from_name(std::string_view name) {
    for (const auto& [n, f] : kFieldNames) {
        if (same_name(n, name)) return f;
    }
    return std::nullopt;
}

std::string_view field_name(Field field) {
    for (const auto& [n, f] : kFieldNames) {
        if (f == field) return n;
    }
    return "";
}

std::string field_list() {
    std::string out;
    for (const auto& [n, f] : kFieldNames) out += (out.empty() ? "" : ", ") + std::string(n) + ":";
    return out;
}

std::optional<std::string> unknown_field_message(std::string_view prefix) {
    if (!is_ascii_word(prefix)) return std::nullopt;
    std::vector<std::string> names;
    for (const auto& [n, f] : kFieldNames) names.emplace_back(n);
    const std::string closest = closest_name(prefix, names, 1);
    bool foreign = false;
    for (std::string_view n : kForeignFields) foreign = foreign || same_name(n, prefix);
    if (closest.empty() && !foreign) return std::nullopt;
    std::string message = "unknown field '" + std::string(prefix) + ":'";
    if (!closest.empty()) message += "; did you mean '" + closest + ":'?";
    return message + " (the fields are " + field_list() + ")";
}

}  // namespace capsearch::search
