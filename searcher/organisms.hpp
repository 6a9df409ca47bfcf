// Organisms as people write them: which of an index's organisms a name given to --organism or
// `organism:` stands for, and the closest ones when it stands for none.
//
// A name is read, case-insensitively, as (first that applies):
// - a common name of the table in organisms.cpp, singular or plural ("mouse", "mice", "flies",
//   "humans"), or a written-together form such as "ecoli", standing for its Latin name;
// - an abbreviated genus, "E. coli" / "E coli" / "S. cerevisiae": every index organism whose genus
//   starts with that letter and whose next word is the species;
// - a Latin name as given.
// A Latin name covers every index organism that is it or starts with it and a space: a genus alone
// ("Drosophila") means each of its species, a species ("Escherichia coli") its strains and
// subspecies ("Escherichia coli BL21DE3").
#pragma once

#include <xapian.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace capsearch::search {

/// The index's organisms as its filter terms spell them (folded, single spaces), sorted. Listing them
/// walks every posting chunk of every organism term (about 2 ms at 100k figures, most of a filtered
/// query), so the list of a local database is kept per UUID and revision for the next query.
std::vector<std::string> index_organisms(const Xapian::Database& db);

/// The organisms of `known` that `name` stands for (see above); empty when none.
std::vector<std::string> resolve_organism(std::string_view name, const std::vector<std::string>& known);

/// Up to `n` organisms of `known` closest to `name` by edit distance (to the whole name, its genus or
/// a common name of it), each with its first letter capitalised for display.
std::vector<std::string> closest_organisms(std::string_view name, const std::vector<std::string>& known,
                                           std::size_t n);

}  // namespace capsearch::search
