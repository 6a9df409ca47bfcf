// Facets in a relevance-order match of their own; see facet_pass.hpp for the Xapian behaviour it avoids.
#include "searcher/facet_pass.hpp"

#include "searcher/facets.hpp"

namespace capsearch::search {

bool facets_need_own_pass(SortOrder sort) { return sort != SortOrder::relevance; }

Facets count_facets_apart(const Xapian::Database& db, const Xapian::Query& query, std::vector<std::size_t> facets) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    // No page and no ranking: the spies see each match once, and nothing is weighted for nothing.
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    FacetSpies spies(std::move(facets));
    spies.attach(enquire);
    enquire.get_mset(0, 0, db.get_doccount());
    return spies.collect();
}

std::size_t count_facets_by_shard(const std::vector<Xapian::Database>& shards, const Xapian::Query& query,
                                  FacetSpies& spies) {
    std::size_t total = 0;
    for (std::size_t k = 0; k < shards.size(); ++k) {
        Xapian::Enquire enquire(shards[k]);
        enquire.set_query(query);
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        spies.attach(enquire, k);
        // Every match was visited (checkatleast = all documents), so the bounds meet at the count.
        total += enquire.get_mset(0, 0, shards[k].get_doccount()).get_matches_lower_bound();
    }
    return total;
}

}  // namespace capsearch::search
