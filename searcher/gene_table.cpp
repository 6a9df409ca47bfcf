// Gene-set tables (see gene_table.hpp).
#include "searcher/gene_table.hpp"

#include <algorithm>

#include "schema/terms.hpp"

namespace capsearch::search {

std::shared_ptr<const GeneTable> GeneTable::build(const Xapian::Database& db, std::optional<FacetTableKey> key) {
    auto t = std::make_shared<GeneTable>();
    t->key = std::move(key);
    const std::size_t last = db.get_lastdocid();
    t->offsets.assign(last + 2, 0);
    t->figids.assign(last + 1, std::string());
    Xapian::docid next = 0;
    for (auto it = db.valuestream_begin(terms::kSlotGeneSet); it != db.valuestream_end(terms::kSlotGeneSet); ++it) {
        const Xapian::docid did = it.get_docid();
        if (did > last) break;
        while (next <= did) t->offsets[next++] = static_cast<std::uint32_t>(t->genes.size());
        const std::string value = *it;
        std::size_t start = 0;
        while (start < value.size()) {
            std::size_t end = value.find(terms::kGeneSep, start);
            if (end == std::string::npos) end = value.size();
            std::string symbol = value.substr(start, end - start);
            start = end + 1;
            if (symbol.empty()) continue;
            auto [pos, added] = t->id_of.try_emplace(symbol, static_cast<std::uint32_t>(t->symbols.size()));
            if (added) t->symbols.push_back(std::move(symbol));
            t->genes.push_back(pos->second);
        }
    }
    while (next <= last + 1) t->offsets[next++] = static_cast<std::uint32_t>(t->genes.size());
    for (auto it = db.valuestream_begin(terms::kSlotFigid); it != db.valuestream_end(terms::kSlotFigid); ++it) {
        if (it.get_docid() <= last) t->figids[it.get_docid()] = *it;
    }
    std::vector<std::uint32_t> order(last + 1);
    for (std::uint32_t i = 0; i <= last; ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return t->figids[a] < t->figids[b]; });
    t->figid_rank.assign(last + 1, 0);
    for (std::uint32_t r = 0; r <= last; ++r) t->figid_rank[order[r]] = r;
    return t;
}

}  // namespace capsearch::search
