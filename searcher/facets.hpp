// Exact year and organism counts over all matches, from Xapian::ValueCountMatchSpy on the value slots
// the indexer fills. The organism slot holds a figure's sorted organisms joined by terms::kOrganismSep,
// so the spy counts each figure once per combination; splitting the combinations and summing gives
// each organism's count exactly (a figure lists an organism at most once), and, unlike a custom
// MatchSpy, this works over Xapian's remote backend and across shards. Local databases count through a
// FacetTable instead (the same numbers, without a value-slot read per match).
#pragma once

#include <xapian.h>

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "capsearch/search.hpp"
#include "searcher/facet_table.hpp"

namespace capsearch::search {

/// The spies of one search; attach() them before get_mset() and read them after.
class FacetSpies {
  public:
    /// Counts with ValueCountMatchSpy (works everywhere, including remote databases).
    FacetSpies();
    /// Counts through `table`, which must describe the state of the database being searched.
    explicit FacetSpies(std::shared_ptr<const FacetTable> table);
    /// Registers the spies with `enquire` (which keeps pointers: the spies must outlive the match).
    void attach(Xapian::Enquire& enquire);
    /// Counts per year ("2013") and per organism; figures without a value are in neither.
    Facets collect() const;
    /// Figures counted under some year / with at least one organism.
    std::size_t figures_with_year() const;
    std::size_t figures_with_organism() const;

  private:
    std::map<std::string, std::size_t> year_counts() const;
    std::map<std::string, std::size_t> organism_set_counts() const;

    Xapian::ValueCountMatchSpy year_;
    Xapian::ValueCountMatchSpy organisms_;
    std::optional<TableFacetSpy> table_;
};

/// Splits combined organism values ("Homo sapiens\x1fMus musculus" -> 3) into per-organism counts.
std::map<std::string, std::size_t> split_organism_counts(const std::map<std::string, std::size_t>& combined);

}  // namespace capsearch::search
