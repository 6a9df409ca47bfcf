// The fields a query can name (`title:`, `gene:`, ...), and how a field name capsearch does not have
// (`titel:`, `abstract:`) is told apart from an ordinary word with a colon in it (`3':UTR`, `site:x`).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace capsearch::search {

/// The fields a query can name.
enum class Field { any, title, caption, paper, keyword, gene, organism, year, figid, pmcid, journal, disease, chemical, author };

/// Returns the field for a query field name ("title", "Title"), or nullopt when it is not one.
std::optional<Field> field_from_name(std::string_view name);
/// The field's name as written in queries ("title"); "" for Field::any.
std::string_view field_name(Field field);
/// "title:, caption:, ..." for messages.
std::string field_list();

/// When `prefix` (the text before a word's colon, not a field) looks meant as a field, the error
/// message naming it and the fields there are; nullopt when the colon is just part of a word. A prefix
/// is meant as a field when it is one edit from a field name (`titel`, `genes`, `pmid`) or a field of
/// other literature search engines that capsearch does not index (author, abstract, doi, mesh,
/// affiliation); anything else (`site:`, `http:`, `3'`) stays text, as in Xapian's QueryParser.
std::optional<std::string> unknown_field_message(std::string_view prefix);

}  // namespace capsearch::search
