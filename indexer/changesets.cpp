// XAPIAN_MAX_CHANGESETS for the indexer's writes; see changesets.hpp.
#include "indexer/changesets.hpp"

#include <cstdlib>
#include <string>

namespace capsearch::index {

void enable_changesets() { ::setenv("XAPIAN_MAX_CHANGESETS", std::to_string(kChangesetsKept).c_str(), 0); }

}  // namespace capsearch::index
