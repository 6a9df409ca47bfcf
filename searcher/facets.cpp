// Facet counting with ValueCountMatchSpy; see facets.hpp for why the organism slot is split here.
#include "searcher/facets.hpp"

#include <string_view>

#include "analyzers/terms.hpp"

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

std::size_t sum(const std::map<std::string, std::size_t>& counts) {
    std::size_t n = 0;
    for (const auto& [value, count] : counts) n += count;
    return n;
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

}  // namespace

FacetSpies::FacetSpies() : year_(terms::kSlotYear), organisms_(terms::kSlotOrganisms) {}

FacetSpies::FacetSpies(std::shared_ptr<const FacetTable> table)
    : year_(terms::kSlotYear), organisms_(terms::kSlotOrganisms), table_(std::in_place, std::move(table)) {}

void FacetSpies::attach(Xapian::Enquire& enquire) {
    if (table_) {
        enquire.add_matchspy(&*table_);
        return;
    }
    enquire.add_matchspy(&year_);
    enquire.add_matchspy(&organisms_);
}

std::map<std::string, std::size_t> FacetSpies::year_counts() const {
    return table_ ? named(table_->table().years, table_->year_counts()) : spy_counts(year_);
}

std::map<std::string, std::size_t> FacetSpies::organism_set_counts() const {
    return table_ ? named(table_->table().organism_sets, table_->organism_counts()) : spy_counts(organisms_);
}

Facets FacetSpies::collect() const {
    Facets f;
    f.year = year_counts();
    f.organism = split_organism_counts(organism_set_counts());
    return f;
}

std::size_t FacetSpies::figures_with_year() const { return sum(year_counts()); }

std::size_t FacetSpies::figures_with_organism() const { return sum(organism_set_counts()); }

std::map<std::string, std::size_t> split_organism_counts(const std::map<std::string, std::size_t>& combined) {
    std::map<std::string, std::size_t> out;
    for (const auto& [value, count] : combined) {
        std::string_view rest = value;
        while (!rest.empty()) {
            std::size_t sep = rest.find(terms::kOrganismSep);
            std::string_view name = rest.substr(0, sep);
            if (!name.empty()) out[std::string(name)] += count;
            if (sep == std::string_view::npos) break;
            rest.remove_prefix(sep + 1);
        }
    }
    return out;
}

}  // namespace capsearch::search
