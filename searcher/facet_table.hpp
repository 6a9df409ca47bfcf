// A per-revision table from document id to year and organism-set codes, so facet counting over every
// match is an array lookup instead of a value-slot read (which in Xapian 1.4 is a B-tree lookup and a
// chunk decode per document: ~180 ns each, most of a faceted query's time at 100k figures).
#pragma once

#include <xapian.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace capsearch::search {

/// Which committed state of which databases a table describes: each shard's UUID and revision.
struct FacetTableKey {
    std::vector<std::pair<std::string, Xapian::rev>> shards;
    bool operator==(const FacetTableKey&) const = default;
};

/// The key of the current state of a search over `shards`, or nothing when no table can serve it (a
/// remote database, which cannot report its revision, or several shards, whose matches reach a spy
/// with per-shard document ids); the caller then counts with Xapian::ValueCountMatchSpy instead.
std::optional<FacetTableKey> facet_table_key(const std::vector<Xapian::Database>& shards);

/// Codes per document id: 0 means "no value"; otherwise code i names years[i] / organism_sets[i].
struct FacetTable {
    FacetTableKey key;
    std::vector<std::uint32_t> year_code;        ///< Indexed by (combined) document id.
    std::vector<std::uint32_t> organism_code;    ///< Indexed by (combined) document id.
    std::vector<std::string> years{""};          ///< years[0] is the "no value" code.
    std::vector<std::string> organism_sets{""};  ///< Joined as in the organism slot.

    /// Reads the year and organism value streams of `db` once (sequentially, which is fast).
    static std::shared_ptr<const FacetTable> build(const Xapian::Database& db, FacetTableKey key);
};

/// Counts codes for every match, in the matcher's own loop. The table's key guarantees that every
/// document id of the match is inside it.
class TableFacetSpy : public Xapian::MatchSpy {
  public:
    explicit TableFacetSpy(std::shared_ptr<const FacetTable> table);
    void operator()(const Xapian::Document& doc, double wt) override;

    const FacetTable& table() const { return *table_; }
    const std::vector<std::size_t>& year_counts() const { return year_counts_; }
    const std::vector<std::size_t>& organism_counts() const { return organism_counts_; }

  private:
    std::shared_ptr<const FacetTable> table_;
    std::vector<std::size_t> year_counts_;
    std::vector<std::size_t> organism_counts_;
};

}  // namespace capsearch::search
