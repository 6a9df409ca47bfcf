// Facet values per record (facet_values.hpp).
#include "indexer/facet_values.hpp"

#include <algorithm>
#include <unordered_set>

#include "schema/terms.hpp"

namespace capsearch::index {
namespace {

std::vector<std::string> distinct_sorted(const std::vector<std::string>& raw, bool fold) {
    std::vector<std::string> out;
    std::unordered_set<std::string> seen;
    for (const std::string& r : raw) {
        std::string value = fold ? terms::filter_key(r) : terms::collapse_whitespace(r);
        if (value.empty()) continue;
        if (seen.insert(terms::filter_key(value)).second) out.push_back(std::move(value));
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

std::vector<std::string> facet_values(const Record& r, std::string_view name) {
    if (name == "year")
        return r.year ? std::vector<std::string>{std::to_string(*r.year)} : std::vector<std::string>{};
    if (name == "organism") return distinct_sorted(r.organisms, false);
    if (name == "journal") return distinct_sorted({r.journal}, false);
    // Papers capitalise the same keyword differently ("Apoptosis", "apoptosis"): one value, folded.
    if (name == "keyword") return distinct_sorted(r.keywords, true);
    if (name == "disease") return distinct_sorted(r.diseases, false);
    if (name == "chemical") return distinct_sorted(r.chemicals, false);
    return {};
}

std::string facet_slot_value(const std::vector<std::string>& values) {
    std::string joined;
    for (const std::string& v : values) {
        if (!joined.empty()) joined += terms::kFacetSep;
        joined += v;
    }
    return joined;
}

}  // namespace capsearch::index
