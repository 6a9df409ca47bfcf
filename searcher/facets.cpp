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

}  // namespace

FacetSpies::FacetSpies() : year_(terms::kSlotYear), organisms_(terms::kSlotOrganisms) {}

void FacetSpies::attach(Xapian::Enquire& enquire) {
    enquire.add_matchspy(&year_);
    enquire.add_matchspy(&organisms_);
}

Facets FacetSpies::collect() const {
    Facets f;
    f.year = spy_counts(year_);
    f.organism = split_organism_counts(spy_counts(organisms_));
    return f;
}

std::size_t FacetSpies::figures_with_year() const { return sum(spy_counts(year_)); }

std::size_t FacetSpies::figures_with_organism() const { return sum(spy_counts(organisms_)); }

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
