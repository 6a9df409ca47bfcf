// Exact counts per facet (schema::facet_fields(): year, organism, ...) over all matches, from
// Xapian::ValueCountMatchSpy on the value slots the indexer fills. A multi-valued facet's slot holds a
// figure's sorted distinct values joined by terms::kFacetSep, so the spy counts each figure once per
// combination; splitting the combinations and summing gives each value's count exactly (a figure holds
// a value at most once), and, unlike a custom MatchSpy, this works over Xapian's remote backend and
// across shards. Local databases count through a FacetTable instead (the same numbers, without a
// value-slot read per match).
#pragma once

#include <xapian.h>

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "capsearch/search.hpp"
#include "searcher/facet_table.hpp"

namespace capsearch::search {

/// Indexes into schema::facet_fields() of the facets `names` chooses (all when empty), in schema order.
/// Throws Error(invalid_argument) for a name that is no facet.
std::vector<std::size_t> choose_facets(const std::vector<std::string>& names);

/// The spies of one search; attach() them before get_mset() and read them after.
class FacetSpies {
  public:
    /// Counts `facets` (indexes into schema::facet_fields()) with ValueCountMatchSpy (works
    /// everywhere, including remote databases).
    explicit FacetSpies(std::vector<std::size_t> facets = choose_facets({}));
    /// Counts through `table`, which must describe the state of the database being searched.
    FacetSpies(std::shared_ptr<const FacetTable> table, std::vector<std::size_t> facets = choose_facets({}));
    /// Counts through one table per local shard: `tables[k]` describes shard k, and its matches are
    /// counted by a match over that shard alone (count_facets_by_shard(), facet_pass.hpp), whose
    /// document ids are the shard's own.
    FacetSpies(const std::vector<std::shared_ptr<const FacetTable>>& tables,
               std::vector<std::size_t> facets = choose_facets({}));
    /// Registers the spies with `enquire` (which keeps pointers: the spies must outlive the match); with
    /// a table per shard, the spy of `shard`, for a match over that shard alone.
    void attach(Xapian::Enquire& enquire, std::size_t shard = 0);
    /// Counts match `did`, found outside the matcher (match_walk.hpp); only for spies built on one table.
    void count(Xapian::docid did) { tables_.front()->count(did); }
    /// Counts per value of each chosen facet; figures without a value are in none.
    Facets collect() const;
    /// Figures counted with at least one value of facet `name` (0 when it was not counted).
    std::size_t figures_with(std::string_view name) const;

  private:
    std::map<std::string, std::size_t> combined_counts(std::size_t k) const;

    std::vector<std::size_t> facets_;
    std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies_;
    std::vector<std::unique_ptr<TableFacetSpy>> tables_;  ///< Xapian's spies cannot be copied or moved.
};

/// Splits combined values ("Homo sapiens\x1fMus musculus" -> 3) into per-value counts.
FacetCounts split_facet_counts(const std::map<std::string, std::size_t>& combined);

}  // namespace capsearch::search
