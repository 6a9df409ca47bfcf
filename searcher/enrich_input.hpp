// Reading a user's gene list for enrichment: each name resolved through the index's lexicon to one
// official symbol, or reported as unresolved, ambiguous or a family (expanded only when asked).
#pragma once

#include <string>
#include <vector>

#include "analyzers/lexicon.hpp"
#include "capsearch/enrich.hpp"

namespace capsearch::search {

/// Fills `input` (names, resolved, unresolved, ambiguous, families) and returns the distinct official
/// symbols, sorted. Never guesses: a name shared by several genes is only reported.
std::vector<std::string> resolve_gene_names(const analysis::Lexicon& lexicon, const std::vector<std::string>& names,
                                            bool expand_families, EnrichInput& input);

}  // namespace capsearch::search
