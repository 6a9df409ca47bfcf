// Parsed YAML front matter -> Record for both PFOCR layouts: unknown markers, string-or-list fields,
// the two gene lists (minus the chemicals and diseases listed with them), type checks with lines.
#pragma once

#include <string>
#include <string_view>

#include "capsearch/record.hpp"
#include "indexer/yaml_tree.hpp"

namespace capsearch::index {

/// True for the spellings PFOCR uses for "unknown": "NA", "" and ".na.character" (blanks around ignored).
bool is_unknown_value(std::string_view value);

/// Builds the record from the front matter mapping `front` (the caller checked it is a mapping).
/// `first_line` is the file line of the YAML text's first line, so node marks become file lines.
/// Throws InputError naming `path` (missing figid, a list or mapping where a string belongs, bad year).
Record record_from_yaml(const yaml::Node& front, const std::string& path, int first_line);

}  // namespace capsearch::index
