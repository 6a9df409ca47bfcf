// A figure's gene set for enrichment: the genes PFOCR lists for it, resolved to human official symbols
// through the lexicon (case-insensitively, so mouse "Akt1" counts as AKT1); the rest is left out.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "analyzers/lexicon.hpp"

namespace capsearch::analysis {

struct GeneSet {
    std::vector<std::string> symbols;  ///< Distinct official symbols, sorted.
    std::size_t left_out = 0;          ///< Distinct listed entries that are no human gene symbol.
};

/// Resolves a figure's listed genes. Entries such as "Cancer" or "UNK", and non-human symbols with no
/// human namesake, are left out (counted, not guessed).
GeneSet resolve_gene_set(const Lexicon& lexicon, const std::vector<std::string>& listed);

}  // namespace capsearch::analysis
