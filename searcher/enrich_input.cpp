// Gene-list resolution (see enrich_input.hpp).
#include "searcher/enrich_input.hpp"

#include <algorithm>

namespace capsearch::search {

std::vector<std::string> resolve_gene_names(const analysis::Lexicon& lexicon, const std::vector<std::string>& names,
                                            bool expand_families, EnrichInput& input) {
    using Kind = analysis::Resolution::Kind;
    std::vector<std::string> symbols;
    for (const std::string& name : names) {
        if (name.empty()) continue;
        input.names.push_back(name);
        if (input.resolved.count(name) || input.ambiguous.count(name) || input.families.count(name)) continue;
        // A gene list holds symbols first of all: "Akt1" or "Tp53" is the symbol whatever its case.
        std::string symbol = lexicon.official_symbol(name);
        if (!symbol.empty()) {
            input.resolved[name] = {symbol};
            symbols.push_back(std::move(symbol));
            continue;
        }
        const analysis::Resolution r = lexicon.resolve(name, analysis::Context::query);
        if (r.kind == Kind::gene && !r.symbols.empty()) {
            input.resolved[name] = {r.symbols.front()};
            symbols.push_back(r.symbols.front());
        } else if (r.kind == Kind::family && expand_families) {
            input.resolved[name] = r.symbols;
            symbols.insert(symbols.end(), r.symbols.begin(), r.symbols.end());
        } else if (r.kind == Kind::family) {
            input.families[name] = r.symbols;
        } else if (r.kind == Kind::ambiguous) {
            input.ambiguous[name] = r.symbols;
        } else if (std::find(input.unresolved.begin(), input.unresolved.end(), name) == input.unresolved.end()) {
            input.unresolved.push_back(name);
        }
    }
    std::sort(symbols.begin(), symbols.end());
    symbols.erase(std::unique(symbols.begin(), symbols.end()), symbols.end());
    return symbols;
}

}  // namespace capsearch::search
