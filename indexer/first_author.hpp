// The first author's name from a record's citation text (reftext), for the author: field.
#pragma once

#include <string>
#include <string_view>

namespace capsearch::index {

/// The first author of `reftext` as PMC writes citations: "Marie W. Wooten, et al. Mol Cell Biol. ..."
/// -> "Marie W. Wooten"; "Peter J. Barnes. J Clin Invest. ..." -> "Peter J. Barnes". The name ends at
/// the first ',' or at a '.' after a word that is not an initial; empty when there is no such end.
std::string first_author(std::string_view reftext);

}  // namespace capsearch::index
