// Field names of the query language and the unknown-field check (query_fields.hpp).
#include "searcher/query_fields.hpp"

#include <array>
#include <utility>
#include <vector>

#include "capsearch/closest_name.hpp"
#include "schema/fields.hpp"

namespace capsearch::search {
namespace {

// The query language's behaviour per schema field (schema/fields.hpp names them all).
constexpr std::array<std::pair<std::string_view, Field>, 13> kFieldNames{{
    {"title", Field::title},
    {"caption", Field::caption},
    {"paper", Field::paper},
    {"keyword", Field::keyword},
    {"gene", Field::gene},
    {"organism", Field::organism},
    {"year", Field::year},
    {"figid", Field::figid},
    {"pmcid", Field::pmcid},
    {"journal", Field::journal},
    {"disease", Field::disease},
    {"chemical", Field::chemical},
    {"author", Field::author},
}};

// Fields people know from PubMed, Europe PMC and Google Scholar; PFOCR records do not carry them.
constexpr std::array<std::string_view, 6> kForeignFields{"authors", "abstract",    "doi",
                                                         "mesh",    "affiliation", "pmid"};

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
    const schema::Field* row = schema::find_field(name);
    if (!row) return std::nullopt;
    for (const auto& [n, f] : kFieldNames) {
        if (n == row->name) return f;
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
    for (const schema::Field& f : schema::kFields) out += (out.empty() ? "" : ", ") + std::string(f.name) + ":";
    return out;
}

std::optional<std::string> unknown_field_message(std::string_view prefix) {
    if (!is_ascii_word(prefix)) return std::nullopt;
    std::vector<std::string> names;
    for (const schema::Field& f : schema::kFields) names.emplace_back(f.name);
    const std::string closest = closest_name(prefix, names, 1);
    bool foreign = false;
    for (std::string_view n : kForeignFields) foreign = foreign || same_name(n, prefix);
    if (closest.empty() && !foreign) return std::nullopt;
    std::string message = "unknown field '" + std::string(prefix) + ":'";
    if (!closest.empty()) message += "; did you mean '" + closest + ":'?";
    return message + " (the fields are " + field_list() + ")";
}

}  // namespace capsearch::search
