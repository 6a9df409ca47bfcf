// The small text helpers, once for the whole project: ASCII case, UTF-8 decoding (ICU's U8_NEXT) and
// character classes, and the Latin names of the Greek letters.
#pragma once

#include <unicode/utf8.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace capsearch::analysis::text {

// --- ASCII case: only A-Z and a-z change; other bytes (UTF-8 included) are copied, whatever the locale.

constexpr char lower_ascii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
constexpr char upper_ascii(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

inline void lower_ascii_in_place(std::string& s) {
    for (char& c : s) c = lower_ascii(c);
}
inline std::string lower_ascii(std::string_view s) {
    std::string out(s);
    lower_ascii_in_place(out);
    return out;
}
inline std::string upper_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = upper_ascii(c);
    return out;
}

/// Equal but for ASCII case.
constexpr bool iequal_ascii(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (lower_ascii(a[i]) != lower_ascii(b[i])) return false;
    }
    return true;
}

/// Non-empty and only the letters a-z.
constexpr bool is_lower_ascii_word(std::string_view s) {
    for (const char c : s) {
        if (c < 'a' || c > 'z') return false;
    }
    return !s.empty();
}

/// True when every byte is below 0x80 (the common case, where ICU work can be skipped).
constexpr bool is_ascii(std::string_view s) {
    for (const char c : s) {
        if (static_cast<unsigned char>(c) >= 0x80) return false;
    }
    return true;
}

// --- UTF-8 (ICU's macros: well-formed means no overlongs, surrogates or code points past U+10FFFF).

/// Decodes the code point starting at s[i] (i < s.size()). Returns its length in bytes, or 0 when the
/// bytes there are not well-formed UTF-8.
inline std::size_t decode_utf8(std::string_view s, std::size_t i, char32_t& cp) {
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(s.data());
    std::size_t next = i;
    UChar32 c;
    U8_NEXT(bytes, next, s.size(), c);
    if (c < 0) return 0;
    cp = static_cast<char32_t>(c);
    return next - i;
}

/// The code point at s[i], advancing i past it; an ill-formed sequence reads as U+FFFD and is skipped
/// (as far as ICU's U8_NEXT_OR_FFFD takes it).
inline char32_t next_code_point(std::string_view s, std::size_t& i) {
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(s.data());
    UChar32 c;
    U8_NEXT_OR_FFFD(bytes, i, s.size(), c);
    return static_cast<char32_t>(c);
}

/// Greek and Coptic, Greek Extended, and the micro sign (which case folding turns into mu).
constexpr bool is_greek(char32_t cp) {
    return (cp >= 0x0370 && cp <= 0x03FF) || (cp >= 0x1F00 && cp <= 0x1FFF) || cp == 0x00B5;
}

// --- Greek letters by their Latin names.

/// The 24 letters' names, alpha to omega ("omicron", "upsilon": the one spelling the index uses).
std::span<const std::string_view> greek_letter_names();

/// The name of a Greek letter, capital or small (final sigma too), or of the micro sign ("mu");
/// empty for any other code point. Letters with accents are not covered here (see spell_greek).
std::string_view greek_letter_name(char32_t cp);

/// True when `s` is one of greek_letter_names() (lower case).
bool is_greek_letter_name(std::string_view s);

}  // namespace capsearch::analysis::text
