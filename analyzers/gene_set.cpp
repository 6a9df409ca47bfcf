// Figure gene sets (see gene_set.hpp).
#include "analyzers/gene_set.hpp"

#include <algorithm>
#include <set>

namespace capsearch::analysis {

GeneSet resolve_gene_set(const Lexicon& lexicon, const std::vector<std::string>& listed) {
    GeneSet out;
    std::set<std::string> left_out;
    for (const std::string& entry : listed) {
        if (entry.empty()) continue;
        std::string symbol = lexicon.official_symbol(entry);
        if (symbol.empty()) {
            left_out.insert(entry);
        } else {
            out.symbols.push_back(std::move(symbol));
        }
    }
    std::sort(out.symbols.begin(), out.symbols.end());
    out.symbols.erase(std::unique(out.symbols.begin(), out.symbols.end()), out.symbols.end());
    out.left_out = left_out.size();
    return out;
}

}  // namespace capsearch::analysis
