// Explaining a name (`capsearch synonyms NAME`): its tokens and key, what it resolves to in queries and
// in record text, the names that meet it, and why an ambiguous or stop name is not expanded.
#pragma once

#include <string>

#include "analyzers/lexicon.hpp"

namespace capsearch::analysis {

/// The explanation as text for people. `label` says where the lexicon came from (a path, "index", ...).
std::string explain_text(const Lexicon& lexicon, const std::string& name, const std::string& label);

/// The same as one JSON object on one line.
std::string explain_json(const Lexicon& lexicon, const std::string& name, const std::string& label);

}  // namespace capsearch::analysis
