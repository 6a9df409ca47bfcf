// What a record holds for each facet field of the schema: the extraction half of "a facet is a table
// row plus its extraction" (the row is in schema/fields.hpp).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "capsearch/record.hpp"

namespace capsearch::index {

/// The values of facet field `name` in `record`: whitespace collapsed, distinct (ignoring case, the
/// first spelling kept; keywords are case-folded), sorted; empty when the record lacks the field.
std::vector<std::string> facet_values(const Record& record, std::string_view name);

/// The facet slot value: `values` joined by terms::kFacetSep.
std::string facet_slot_value(const std::vector<std::string>& values);

}  // namespace capsearch::index
