// Facet code tables; see facet_table.hpp for why they exist.
#include "searcher/facet_table.hpp"

#include <unordered_map>

#include "analyzers/terms.hpp"

namespace capsearch::search {
namespace {

// Fills codes[docid] for one value slot, naming each distinct value once in `names`.
void read_slot(const Xapian::Database& db, Xapian::valueno slot, std::vector<std::uint32_t>& codes,
               std::vector<std::string>& names) {
    std::unordered_map<std::string, std::uint32_t> seen;
    for (auto it = db.valuestream_begin(slot); it != db.valuestream_end(slot); ++it) {
        const Xapian::docid did = it.get_docid();
        if (did >= codes.size()) continue;
        std::string value = *it;
        if (value.empty()) continue;
        auto [pos, added] = seen.try_emplace(value, static_cast<std::uint32_t>(names.size()));
        if (added) names.push_back(std::move(value));
        codes[did] = pos->second;
    }
}

}  // namespace

std::optional<FacetTableKey> facet_table_key(const std::vector<Xapian::Database>& shards) {
    // Xapian 1.4 matches shards one after another and hands a MatchSpy each shard's own document ids,
    // so a table over the combined ids cannot be used with more than one.
    if (shards.size() != 1) return std::nullopt;
    FacetTableKey key;
    for (const Xapian::Database& shard : shards) {
        try {
            key.shards.emplace_back(shard.get_uuid(), shard.get_revision());
        } catch (const Xapian::InvalidOperationError&) {
            return std::nullopt;  // remote (or otherwise revision-less) shard
        } catch (const Xapian::UnimplementedError&) {
            return std::nullopt;
        }
    }
    return key;
}

std::shared_ptr<const FacetTable> FacetTable::build(const Xapian::Database& db, FacetTableKey key) {
    auto table = std::make_shared<FacetTable>();
    table->key = std::move(key);
    const std::size_t size = static_cast<std::size_t>(db.get_lastdocid()) + 1;
    table->year_code.assign(size, 0);
    table->organism_code.assign(size, 0);
    read_slot(db, terms::kSlotYear, table->year_code, table->years);
    read_slot(db, terms::kSlotOrganisms, table->organism_code, table->organism_sets);
    return table;
}

TableFacetSpy::TableFacetSpy(std::shared_ptr<const FacetTable> table)
    : table_(std::move(table)),
      year_counts_(table_->years.size(), 0),
      organism_counts_(table_->organism_sets.size(), 0) {}

void TableFacetSpy::operator()(const Xapian::Document& doc, double) {
    const Xapian::docid did = doc.get_docid();
    ++year_counts_[table_->year_code[did]];
    ++organism_counts_[table_->organism_code[did]];
}

}  // namespace capsearch::search
