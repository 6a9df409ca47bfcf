// The Greek letter names of text.hpp: the one list that spelling, tokenizing and the benchmarks share.
#include "analyzers/text.hpp"

#include <array>

namespace capsearch::analysis::text {
namespace {

constexpr std::array<std::string_view, 24> kGreekLetterNames = {
    "alpha", "beta",  "gamma",  "delta",   "epsilon", "zeta", "eta",     "theta",
    "iota",  "kappa", "lambda", "mu",      "nu",      "xi",   "omicron", "pi",
    "rho",   "sigma", "tau",    "upsilon", "phi",     "chi",  "psi",     "omega"};

// Position in the alphabet of a letter counted from capital alpha (U+0391) or small alpha (U+03B1): the
// smalls have final sigma at offset 0x11 (the capitals nothing), then sigma, so from there on it is one less.
std::size_t alphabet_index(char32_t offset) { return offset <= 0x11 ? offset : offset - 1; }

}  // namespace

std::span<const std::string_view> greek_letter_names() { return kGreekLetterNames; }

std::string_view greek_letter_name(char32_t cp) {
    if (cp == 0x00B5) return "mu";  // MICRO SIGN.
    if (cp >= 0x0391 && cp <= 0x03A9 && cp != 0x03A2) return kGreekLetterNames[alphabet_index(cp - 0x0391)];
    if (cp >= 0x03B1 && cp <= 0x03C9) return kGreekLetterNames[alphabet_index(cp - 0x03B1)];
    return {};
}

bool is_greek_letter_name(std::string_view s) {
    for (const std::string_view n : kGreekLetterNames) {
        if (s == n) return true;
    }
    return false;
}

}  // namespace capsearch::analysis::text
