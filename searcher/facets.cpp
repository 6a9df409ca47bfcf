// Facet counting with ValueCountMatchSpy or a FacetTable; see facets.hpp for why slots are split here.
#include "searcher/facets.hpp"

#include "capsearch/error.hpp"
#include "schema/fields.hpp"
#include "schema/terms.hpp"

namespace capsearch::search {
namespace {

std::map<std::string, std::size_t> spy_counts(const Xapian::ValueCountMatchSpy& spy) {
    std::map<std::string, std::size_t> out;
    for (auto it = spy.values_begin(); it != spy.values_end(); ++it) {
        std::string value = *it;
        if (!value.empty()) out[value] += it.get_termfreq();
    }
    return out;
}

// Code counts -> value counts; code 0 is "no value" and is left out, as the value spies leave it out.
std::map<std::string, std::size_t> named(const std::vector<std::string>& names,
                                         const std::vector<std::size_t>& counts) {
    std::map<std::string, std::size_t> out;
    for (std::size_t code = 1; code < counts.size(); ++code) {
        if (counts[code] > 0) out[names[code]] += counts[code];
    }
    return out;
}

std::string facet_names() {
    std::string out;
    for (const schema::Field* f : schema::facet_fields())
        out += (out.empty() ? "" : ", ") + std::string(f->name);
    return out;
}

}  // namespace

std::vector<std::size_t> choose_facets(const std::vector<std::string>& names) {
    const auto facets = schema::facet_fields();
    std::vector<bool> chosen(facets.size(), names.empty());
    for (const std::string& name : names) {
        const schema::Field* row = schema::find_field(name);
        std::size_t i = 0;
        while (i < facets.size() && facets[i] != row) ++i;
        if (i == facets.size()) {
            throw Error(ErrorCode::invalid_argument,
                        "no facet '" + name + "' (the facets are " + facet_names() + ")");
        }
        chosen[i] = true;
    }
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < facets.size(); ++i) {
        if (chosen[i]) out.push_back(i);
    }
    return out;
}

FacetSpies::FacetSpies(std::vector<std::size_t> facets) : facets_(std::move(facets)) {
    for (std::size_t i : facets_) {
        spies_.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(
            static_cast<Xapian::valueno>(schema::facet_fields()[i]->slot)));
    }
}

FacetSpies::FacetSpies(std::shared_ptr<const FacetTable> table, std::vector<std::size_t> facets)
    : FacetSpies(std::vector{std::move(table)}, std::move(facets)) {}

FacetSpies::FacetSpies(const std::vector<std::shared_ptr<const FacetTable>>& tables,
                       std::vector<std::size_t> facets)
    : facets_(std::move(facets)) {
    for (const auto& table : tables) tables_.push_back(std::make_unique<TableFacetSpy>(table, facets_));
}

void FacetSpies::attach(Xapian::Enquire& enquire, std::size_t shard) {
    if (!tables_.empty()) {
        enquire.add_matchspy(tables_.at(shard).get());
        return;
    }
    for (const auto& spy : spies_) enquire.add_matchspy(spy.get());
}

std::map<std::string, std::size_t> FacetSpies::combined_counts(std::size_t k) const {
    if (tables_.empty()) return spy_counts(*spies_[k]);
    if (tables_.size() == 1) return named(tables_[0]->table().values[facets_[k]], tables_[0]->counts(k));
    // Each shard's table numbers its values itself: counts meet by value.
    std::map<std::string, std::size_t> out;
    for (const auto& spy : tables_) {
        for (auto& [value, n] : named(spy->table().values[facets_[k]], spy->counts(k))) out[value] += n;
    }
    return out;
}

Facets FacetSpies::collect() const {
    Facets f;
    for (std::size_t k = 0; k < facets_.size(); ++k) {
        f.fields.emplace_back(schema::facet_fields()[facets_[k]]->name,
                              split_facet_counts(combined_counts(k)));
    }
    return f;
}

std::size_t FacetSpies::figures_with(std::string_view name) const {
    for (std::size_t k = 0; k < facets_.size(); ++k) {
        if (schema::facet_fields()[facets_[k]]->name != name) continue;
        std::size_t n = 0;
        for (const auto& [value, count] : combined_counts(k)) n += count;
        return n;
    }
    return 0;
}

FacetCounts split_facet_counts(const std::map<std::string, std::size_t>& combined) {
    FacetCounts out;
    for (const auto& [value, count] : combined) {
        std::string_view rest = value;
        while (!rest.empty()) {
            std::size_t sep = rest.find(terms::kFacetSep);
            std::string_view name = rest.substr(0, sep);
            if (!name.empty()) out[std::string(name)] += count;
            if (sep == std::string_view::npos) break;
            rest.remove_prefix(sep + 1);
        }
    }
    return out;
}

}  // namespace capsearch::search
