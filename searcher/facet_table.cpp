// Facet code tables; see facet_table.hpp for why they exist.
#include "searcher/facet_table.hpp"

#include <cstring>
#include <unordered_map>

#include "schema/fields.hpp"

namespace capsearch::search {
namespace {

// Fills codes[did * width + facet] for one value slot, naming each distinct value once in `names`.
void read_slot(const Xapian::Database& db, Xapian::valueno slot, std::size_t facet, std::size_t width,
               std::vector<std::uint32_t>& codes, std::vector<std::string>& names) {
    std::unordered_map<std::string, std::uint32_t> seen;
    for (auto it = db.valuestream_begin(slot); it != db.valuestream_end(slot); ++it) {
        const std::size_t at = static_cast<std::size_t>(it.get_docid()) * width + facet;
        if (at >= codes.size()) continue;
        std::string value = *it;
        if (value.empty()) continue;
        auto [pos, added] = seen.try_emplace(value, static_cast<std::uint32_t>(names.size()));
        if (added) names.push_back(std::move(value));
        codes[at] = pos->second;
    }
}

}  // namespace

std::optional<FacetTableKey> local_state_key(const std::vector<Xapian::Database>& shards) {
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

std::optional<FacetTableKey> facet_table_key(const std::vector<Xapian::Database>& shards) {
    // Xapian 1.4 matches shards one after another and hands a MatchSpy each shard's own document ids,
    // so a table over the combined ids cannot be used with more than one: each shard has its own.
    if (shards.size() != 1) return std::nullopt;
    return local_state_key(shards);
}

void FacetTable::lay_out() {
    code_bytes.clear();
    code_offset.clear();
    row_bytes = 0;
    for (const auto& v : values) {
        code_bytes.push_back(code_size(v.size()));
        code_offset.push_back(row_bytes);
        row_bytes += code_bytes.back();
    }
}

std::shared_ptr<const FacetTable> FacetTable::build(const Xapian::Database& db, FacetTableKey key) {
    auto table = std::make_shared<FacetTable>();
    table->key = std::move(key);
    const auto facets = schema::facet_fields();
    table->width = facets.size();
    table->rows = static_cast<std::size_t>(db.get_lastdocid()) + 1;
    // Codes are numbered as values are met, so their sizes are known only after every slot is read.
    std::vector<std::uint32_t> codes(table->rows * table->width, 0);
    table->values.assign(table->width, std::vector<std::string>{""});
    for (std::size_t i = 0; i < facets.size(); ++i)
        read_slot(db, static_cast<Xapian::valueno>(facets[i]->slot), i, table->width, codes,
                  table->values[i]);
    table->lay_out();
    table->owned.resize(table->rows * table->row_bytes);
    std::byte* out = table->owned.data();
    for (std::size_t row = 0; row < table->rows; ++row) {
        for (std::size_t i = 0; i < table->width; ++i) {
            const std::uint32_t c = codes[row * table->width + i];
            switch (table->code_bytes[i]) {
                case 1:
                    *out = static_cast<std::byte>(c);
                    break;
                case 2: {
                    const auto c16 = static_cast<std::uint16_t>(c);
                    std::memcpy(out, &c16, sizeof c16);
                    break;
                }
                default:
                    std::memcpy(out, &c, sizeof c);
            }
            out += table->code_bytes[i];
        }
    }
    table->packed = table->owned;
    return table;
}

TableFacetSpy::TableFacetSpy(std::shared_ptr<const FacetTable> table, std::vector<std::size_t> facets)
    : table_(std::move(table)), facets_(std::move(facets)) {
    for (std::size_t i : facets_) counts_.emplace_back(table_->values[i].size(), 0);
}

void TableFacetSpy::operator()(const Xapian::Document& doc, double) { count(doc.get_docid()); }

}  // namespace capsearch::search
