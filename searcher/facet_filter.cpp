// Filters from facet codes; see facet_filter.hpp for why.
#include "searcher/facet_filter.hpp"

#include <algorithm>
#include <charconv>
#include <string_view>
#include <unordered_set>
#include <utility>

#include "schema/terms.hpp"
#include "searcher/facets.hpp"

namespace capsearch::search {
namespace {

// One facet's condition: which of its codes pass.
struct Condition {
    std::size_t facet = 0;
    std::vector<char> passes;  ///< Per code; code 0 ("no value") never passes.
};

// A shard's table and the conditions in its codes (each table numbers its values itself).
struct ShardCodes {
    std::shared_ptr<const FacetTable> table;
    std::vector<Condition> conditions;
};

// The documents every condition passes, in document id order. The matcher calls check() on the
// candidates the rest of the query found (the estimate below puts this list last in an AND), and
// next()/skip_to() only when the filter stands alone.
//
// Over several local shards Xapian matches each shard with its own clone of the source, initialised
// with that shard alone and handed its own document ids: init() picks the shard's table by UUID.
class CodeSource : public Xapian::PostingSource {
  public:
    explicit CodeSource(std::shared_ptr<const std::vector<ShardCodes>> shards)
        : shards_(std::move(shards)), at_shard_(&shards_->front()) {}

    Xapian::doccount get_termfreq_min() const override { return 0; }
    Xapian::doccount get_termfreq_est() const override { return size(); }
    Xapian::doccount get_termfreq_max() const override { return size(); }

    void init(const Xapian::Database& db) override {
        at_shard_ = &shard_of(db);
        docs_ = db.get_doccount();
        at_ = 0;
        started_ = false;
        valid_ = false;
    }
    void next(double) override { advance(started_ ? at_ + 1 : 1); }
    void skip_to(Xapian::docid did, double) override {
        if (started_ && at_ >= did) {
            if (valid_) return;
            did = at_ + 1;  // after a failed check() of at_
        }
        advance(did);
    }
    bool check(Xapian::docid did, double) override {
        if (started_ && valid_ && at_ >= did) return true;  // already at or past it
        started_ = true;
        at_ = did;
        // Not passing: "not here" (valid = false); the caller moves on with skip_to() or check().
        valid_ = did >= rows() || passes(did);
        return valid_;
    }
    bool at_end() const override { return started_ && at_ >= rows(); }
    Xapian::docid get_docid() const override { return at_; }

    Xapian::PostingSource* clone() const override { return new CodeSource(shards_); }
    std::string name() const override { return {}; }  // not serialisable: local databases only
    std::string get_description() const override { return "capsearch facet code filter"; }

  private:
    // The table of `db`: the one whose key names its UUID, or the only one (a single database, whose
    // table's key the caller vouches for).
    const ShardCodes& shard_of(const Xapian::Database& db) const {
        if (shards_->size() == 1) return shards_->front();
        const std::string uuid = db.get_uuid();
        for (const ShardCodes& s : *shards_) {
            if (s.table->key.shards.size() == 1 && s.table->key.shards.front().first == uuid) return s;
        }
        throw Xapian::InvalidArgumentError("facet code filter: no facet table for the shard " + uuid);
    }
    std::size_t rows() const { return at_shard_->table->rows; }
    // At most the database's documents: the table's rows count document ids, gaps and id 0 included,
    // and Xapian 1.4 takes an estimate above the document count into a match's estimated total
    // unclamped (2 matches estimated, at most 1, over a shard of one figure).
    Xapian::doccount size() const {
        return static_cast<Xapian::doccount>(std::min<std::size_t>(rows(), docs_));
    }
    bool passes(Xapian::docid did) const {
        for (const Condition& c : at_shard_->conditions)
            if (!c.passes[at_shard_->table->code(did, c.facet)]) return false;
        return true;
    }
    void advance(Xapian::docid from) {
        started_ = true;
        valid_ = true;
        at_ = from;
        while (at_ < rows() && !passes(at_)) ++at_;
    }

    std::shared_ptr<const std::vector<ShardCodes>> shards_;
    const ShardCodes* at_shard_;
    Xapian::doccount docs_ = 0;  ///< Of the database init() was given.
    Xapian::docid at_ = 0;
    bool started_ = false;
    bool valid_ = false;  ///< at_ passes (or is past the table): false after a failed check()
};

std::optional<int> as_year(std::string_view value) {
    int year = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), year);
    if (ec != std::errc() || end != value.data() + value.size()) return std::nullopt;
    return year;
}

// The conditions on `table`'s codes: none when nothing is given.
std::vector<Condition> conditions_for(const FacetTable& table, std::optional<int> year_from,
                                      std::optional<int> year_to,
                                      const std::vector<std::string>& organism_keys) {
    std::vector<Condition> conditions;
    if (year_from || year_to) {
        Condition c;
        c.facet = choose_facets({"year"}).front();
        const auto& values = table.values[c.facet];
        c.passes.assign(values.size(), 0);
        for (std::size_t code = 1; code < values.size(); ++code) {
            const std::optional<int> y = as_year(values[code]);
            c.passes[code] = y && (!year_from || *y >= *year_from) && (!year_to || *y <= *year_to);
        }
        conditions.push_back(std::move(c));
    }
    if (!organism_keys.empty()) {
        const std::unordered_set<std::string> wanted(organism_keys.begin(), organism_keys.end());
        Condition c;
        c.facet = choose_facets({"organism"}).front();
        const auto& values = table.values[c.facet];
        c.passes.assign(values.size(), 0);
        // A value is the figure's organisms joined by kFacetSep; its terms are their filter keys.
        for (std::size_t code = 1; code < values.size(); ++code) {
            std::string_view rest = values[code];
            while (!c.passes[code]) {
                const std::size_t sep = rest.find(terms::kFacetSep);
                c.passes[code] = wanted.count(terms::filter_key(rest.substr(0, sep))) > 0;
                if (sep == std::string_view::npos) break;
                rest.remove_prefix(sep + 1);
            }
        }
        conditions.push_back(std::move(c));
    }
    return conditions;
}

}  // namespace

std::unique_ptr<Xapian::PostingSource> facet_code_source(
    const std::vector<std::shared_ptr<const FacetTable>>& tables, std::optional<int> year_from,
    std::optional<int> year_to, const std::vector<std::string>& organism_keys) {
    if (tables.empty() || (!year_from && !year_to && organism_keys.empty())) return nullptr;
    auto shards = std::make_shared<std::vector<ShardCodes>>();
    for (const auto& table : tables)
        shards->push_back({table, conditions_for(*table, year_from, year_to, organism_keys)});
    return std::make_unique<CodeSource>(std::move(shards));
}

std::unique_ptr<Xapian::PostingSource> facet_code_source(std::shared_ptr<const FacetTable> table,
                                                         std::optional<int> year_from,
                                                         std::optional<int> year_to,
                                                         const std::vector<std::string>& organism_keys) {
    return facet_code_source(std::vector{std::move(table)}, year_from, year_to, organism_keys);
}

Xapian::Query facet_code_filter(const std::vector<std::shared_ptr<const FacetTable>>& tables,
                                std::optional<int> year_from, std::optional<int> year_to,
                                const std::vector<std::string>& organism_keys) {
    std::unique_ptr<Xapian::PostingSource> source =
        facet_code_source(tables, year_from, year_to, organism_keys);
    if (!source) return Xapian::Query::MatchAll;
    return Xapian::Query(source.release()->release());  // reference counted by the query from here
}

Xapian::Query facet_code_filter(std::shared_ptr<const FacetTable> table, std::optional<int> year_from,
                                std::optional<int> year_to, const std::vector<std::string>& organism_keys) {
    return facet_code_filter(std::vector{std::move(table)}, year_from, year_to, organism_keys);
}

}  // namespace capsearch::search
