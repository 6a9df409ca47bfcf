// JSON pieces shared by the result objects (search, enrichment, similar figures).
#pragma once

#include <nlohmann/json.hpp>

#include "capsearch/search.hpp"

namespace capsearch::search {

nlohmann::ordered_json hit_json(const Hit& h);
nlohmann::ordered_json facets_json(const Facets& facets);
/// Adds "partial": true and "missing": [...] to `j` when a partial answer left shards out (nothing
/// when it is whole, so whole answers keep their documented keys).
void add_missing_shards(nlohmann::ordered_json& j, bool partial, const std::vector<std::string>& missing);
/// One line, invalid UTF-8 replaced.
std::string dump_line(const nlohmann::ordered_json& j);

}  // namespace capsearch::search
