// `capsearch synonyms NAME` against an open index: how a name is analysed and what it expands to with
// the lexicon the index was built with.
#pragma once

#include <string>

#include "analyzers/lexicon.hpp"

namespace capsearch::search {

/// For people: the tokens, the lexicon key, the resolution and why, and the names that will match.
std::string explain_text(const std::string& name, const analysis::Lexicon& lexicon);
/// The same as one JSON object on one line.
std::string explain_json(const std::string& name, const analysis::Lexicon& lexicon);

}  // namespace capsearch::search
