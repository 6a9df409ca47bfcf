// What Xapian's own matcher finds for a query: the reference the walk (match_walk.hpp) and the facet
// code filters (facet_filter.hpp) are compared with.
#pragma once

#include <xapian.h>

#include <algorithm>
#include <vector>

namespace capsearch::test {

/// Every document `query` matches in `db`, in ascending document order.
inline std::vector<Xapian::docid> matched(const Xapian::Database& db, const Xapian::Query& query) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    std::vector<Xapian::docid> out;
    const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount() + 1, db.get_doccount());
    for (auto it = mset.begin(); it != mset.end(); ++it) out.push_back(*it);
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace capsearch::test
