// SearchResult as the documented one-line JSON object (README "JSON output").
#include "searcher/result_json.hpp"

namespace capsearch {
namespace search {

using json = nlohmann::ordered_json;

static json ranges_json(const std::vector<std::pair<std::size_t, std::size_t>>& ranges) {
    json out = json::array();
    for (const auto& [b, e] : ranges) out.push_back(json::array({b, e}));
    return out;
}

json hit_json(const Hit& h) {
    json hj;
    hj["rank"] = h.rank;
    hj["figid"] = h.figid;
    hj["score"] = h.score;
    hj["title"] = h.title;
    hj["year"] = h.year ? json(*h.year) : json(nullptr);
    hj["organisms"] = h.organisms;
    hj["pmcid"] = h.pmcid;
    hj["snippet"] = h.snippet;
    hj["highlights"] = ranges_json(h.highlights);
    hj["title_highlights"] = ranges_json(h.title_highlights);
    hj["papertitle"] = h.papertitle;
    hj["figlink"] = h.figlink;
    if (!h.explanation.empty()) {
        json parts = json::array();
        for (const ExplanationPart& p : h.explanation) {
            parts.push_back({{"part", p.part}, {"field", p.field}, {"matched", p.matched}, {"weight", p.weight}});
        }
        hj["explanation"] = std::move(parts);
    }
    return hj;
}

json facets_json(const Facets& facets) {
    json f = json::object();
    for (const auto& [field, counts] : facets.fields) {
        json& values = f[field] = json::object();
        // Appended to the object's vector: ordered_json's operator[] first looks for the key among
        // those already there, which made a facet of n values cost n^2 / 2 string comparisons (a
        // tenth of a faceted search process's instructions). A FacetCounts holds each value once.
        auto& entries = values.get_ref<json::object_t&>();
        entries.reserve(counts.size());
        for (const auto& [value, n] : counts) entries.Container::emplace_back(value, n);
    }
    return f;
}

void add_missing_shards(json& j, bool partial, const std::vector<std::string>& missing) {
    if (!partial) return;
    j["partial"] = true;
    j["missing"] = missing;
}

std::string dump_line(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

}  // namespace search

std::string SearchResult::to_json() const {
    using json = nlohmann::ordered_json;
    json j;
    j["query"] = query;
    j["query_note"] = query_note.empty() ? json(nullptr) : json(query_note);
    j["total"] = total;
    j["offset"] = offset;
    j["limit"] = limit;
    json hits_json = json::array();
    for (const Hit& h : hits) hits_json.push_back(search::hit_json(h));
    j["hits"] = std::move(hits_json);
    j["suggestion"] = suggestion ? json(*suggestion) : json(nullptr);
    if (facets) j["facets"] = search::facets_json(*facets);
    search::add_missing_shards(j, partial, missing);
    return search::dump_line(j);
}

}  // namespace capsearch
