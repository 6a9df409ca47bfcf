// Unicode helpers on UTF-8 strings, backed by ICU: validation, NFKC, case folding, Greek spelling.
#pragma once

#include <string>
#include <string_view>

namespace capsearch::analysis {

/// True when `s` is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
bool is_valid_utf8(std::string_view s);

/// Byte offset of the first malformed sequence, or std::string_view::npos.
std::size_t first_invalid_utf8(std::string_view s);

/// Unicode NFKC normalisation (compatibility characters folded: ﬁ -> fi, full-width -> ASCII, µ -> μ).
std::string nfkc(std::string_view s);

/// Full Unicode case folding (ICU u_strFoldCase); result is NFKC-stable for NFKC input.
std::string fold_case(std::string_view s);

/// Replaces Greek letters by their Latin names in already folded text: "tnf-α" -> "tnf-alpha",
/// "nf-κb" -> "nf-kappab", "ifn-γ" -> "ifn-gamma". Other characters are copied.
std::string spell_greek(std::string_view folded);

}  // namespace capsearch::analysis
