// A per-revision table of every figure's gene set (document id -> gene ids) and figid, read once from
// the value streams the indexer writes, so an enrichment over 100k figures touches no document.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "searcher/facet_table.hpp"

namespace capsearch::search {

struct GeneTable {
    std::optional<FacetTableKey> key;                      ///< The revision it describes (none: uncached).
    std::vector<std::string> symbols;                      ///< Gene id -> official symbol.
    std::unordered_map<std::string, std::uint32_t> id_of;  ///< Official symbol -> gene id.
    std::vector<std::uint32_t> offsets;  ///< Genes of docid d: genes[offsets[d] .. offsets[d + 1]).
    std::vector<std::uint32_t> genes;
    std::vector<std::string> figids;     ///< Indexed by docid ("" for no document).
    std::vector<std::uint32_t> figid_rank;  ///< Indexed by docid: position in figid order (ties by integer).

    Xapian::docid last_docid() const { return static_cast<Xapian::docid>(offsets.size()) - 2; }
    std::size_t set_size(Xapian::docid d) const { return offsets[d + 1] - offsets[d]; }

    /// Reads the gene-set and figid value streams of `db`.
    static std::shared_ptr<const GeneTable> build(const Xapian::Database& db, std::optional<FacetTableKey> key);
};

}  // namespace capsearch::search
