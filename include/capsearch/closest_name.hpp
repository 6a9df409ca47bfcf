// The closest of a list of names to a word someone typed, for "did you mean" hints on their mistakes
// (an unknown query field, a mistyped command or option).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "capsearch/export.hpp"

namespace capsearch {

/// The name in `names` nearest to `word` by edit distance (insertions, deletions, substitutions and
/// swaps of two neighbours, ASCII case ignored) when it is at most `max_distance` edits away; "" when
/// none is. Ties go to the earlier name.
CAPSEARCH_API std::string closest_name(std::string_view word, const std::vector<std::string>& names,
                                       std::size_t max_distance = 2);

/// The edit distance closest_name() uses (optimal string alignment, ASCII case ignored).
CAPSEARCH_API std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace capsearch
