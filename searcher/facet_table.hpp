// A per-revision table from document id to a code per facet (schema::facet_fields()), so facet
// counting over every match is an array lookup instead of a value-slot read (which in Xapian 1.4 is a
// B-tree lookup and a chunk decode per document: ~180 ns each, most of a faceted query's time at 100k
// figures).
#pragma once

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
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
/// with per-shard document ids: they have a table each); the caller then counts with
/// Xapian::ValueCountMatchSpy instead.
std::optional<FacetTableKey> facet_table_key(const std::vector<Xapian::Database>& shards);

/// Every shard's UUID and revision, or nothing when one is remote: the state a table over the combined
/// document ids of local shards describes (the gene table, gene_table.hpp).
std::optional<FacetTableKey> local_state_key(const std::vector<Xapian::Database>& shards);

/// A cached table whose codes do not fit its values or its rows (a damaged file). The searcher drops
/// the file and answers again from a table built from the index (searcher.cpp).
struct DamagedFacetTable : std::runtime_error {
    DamagedFacetTable() : std::runtime_error("the cached facet table is damaged") {}
};

/// Codes per document id and facet: 0 means "no value"; otherwise code c of facet i names
/// values[i][c], the facet slot's value (the figure's sorted values joined by terms::kFacetSep).
///
/// A row holds one document's codes, each in as few bytes as its facet's values need (1, 2 or 4:
/// code_size()). Counting a broad query's facets reads a row per match, and at 100k figures those reads
/// missed the CPU's caches: six 4-byte codes were 24 bytes a document, packed they are about 8.
struct FacetTable {
    FacetTableKey key;
    std::size_t width = 0;                         ///< Facets per document: schema::facet_fields().size().
    std::size_t rows = 0;  ///< Document ids 0 .. rows - 1 of the database `key` names.
    std::vector<std::vector<std::string>> values;  ///< values[i][0] is "" (no value).
    std::vector<std::uint8_t> code_bytes;          ///< Per facet: code_size(values[i].size()).
    std::vector<std::size_t> code_offset;          ///< Per facet: where its code starts in a row.
    std::size_t row_bytes = 0;
    std::span<const std::byte> packed;  ///< rows * row_bytes: document did's row at did * row_bytes.
    /// What `packed` views: bytes built here, or a cached file's mapping (facet_table_cache.hpp).
    std::vector<std::byte> owned;
    std::shared_ptr<const void> mapping;

    FacetTable() = default;
    FacetTable(const FacetTable&) = delete;  // `packed` may view `owned`
    FacetTable& operator=(const FacetTable&) = delete;

    /// Bytes a code takes in a facet of `values` values (code 0, "no value", included).
    static std::uint8_t code_size(std::size_t values) {
        return values <= 0x100 ? 1 : values <= 0x10000 ? 2 : 4;
    }
    /// Sets code_bytes, code_offset and row_bytes from `values`: the layout is a function of the
    /// value lists, so a cached file need not store it.
    void lay_out();

    /// Document `did`'s code of `facet`. A cached file's codes are checked here, where they are read,
    /// not all at load (which read the whole file in every process); throws DamagedFacetTable for a
    /// document past the table or a code naming no value.
    std::uint32_t code(Xapian::docid did, std::size_t facet) const {
        if (did >= rows) throw DamagedFacetTable();
        const std::byte* at = packed.data() + static_cast<std::size_t>(did) * row_bytes + code_offset[facet];
        std::uint32_t c = 0;
        switch (code_bytes[facet]) {
            case 1:
                c = static_cast<std::uint8_t>(*at);
                break;
            case 2: {
                std::uint16_t c16;
                std::memcpy(&c16, at, sizeof c16);
                c = c16;
                break;
            }
            default:
                std::memcpy(&c, at, sizeof c);
        }
        if (c >= values[facet].size()) throw DamagedFacetTable();
        return c;
    }
    const std::string& value(Xapian::docid did, std::size_t facet) const {
        return values[facet][code(did, facet)];
    }

    /// Reads the facet value streams of `db` once (sequentially, which is fast).
    static std::shared_ptr<const FacetTable> build(const Xapian::Database& db, FacetTableKey key);
};

/// The facet tables of a database's local shards, in shard order (one table for one database): a
/// value by the database's combined document id, which Xapian interleaves over several databases
/// (shard (did - 1) % n holds its own document (did - 1) / n + 1). Empty: no tables at hand.
struct ShardFacetTables {
    std::vector<std::shared_ptr<const FacetTable>> tables;

    bool empty() const { return tables.empty(); }
    const std::string& value(Xapian::docid did, std::size_t facet) const {
        const auto n = static_cast<Xapian::docid>(tables.size());
        return tables[(did - 1) % n]->value((did - 1) / n + 1, facet);
    }
};

/// Counts codes of the chosen facets for every match, in the matcher's own loop. The table's key
/// guarantees that every document id of the match is inside it; a damaged file's codes throw
/// DamagedFacetTable out of the match.
class TableFacetSpy : public Xapian::MatchSpy {
  public:
    /// `facets`: indexes into schema::facet_fields().
    TableFacetSpy(std::shared_ptr<const FacetTable> table, std::vector<std::size_t> facets);
    void operator()(const Xapian::Document& doc, double wt) override;
    /// Counts document `did`'s codes (a match found outside the matcher: match_walk.hpp).
    void count(Xapian::docid did) {
        for (std::size_t k = 0; k < facets_.size(); ++k) ++counts_[k][table_->code(did, facets_[k])];
    }

    const FacetTable& table() const { return *table_; }
    /// Counts per code of the k-th chosen facet.
    const std::vector<std::size_t>& counts(std::size_t k) const { return counts_[k]; }

  private:
    std::shared_ptr<const FacetTable> table_;
    std::vector<std::size_t> facets_;
    std::vector<std::vector<std::size_t>> counts_;
};

}  // namespace capsearch::search
