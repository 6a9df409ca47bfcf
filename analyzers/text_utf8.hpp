// Internal: strict UTF-8 decoding and the character classes the tokenizer needs, shared by
// unicode.cpp and tokenizer.cpp so validation and tokenizing agree on what a code point is.
#pragma once

#include <cstddef>
#include <string_view>

namespace capsearch::analysis::text {

/// Decodes the code point starting at s[i] (i < s.size()). Returns its length in bytes, or 0 when the
/// bytes there are not well-formed UTF-8 (overlong, surrogate, past U+10FFFF, truncated, stray byte).
inline std::size_t decode_utf8(std::string_view s, std::size_t i, char32_t& cp) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char b0 = byte(i);
    if (b0 < 0x80) {
        cp = b0;
        return 1;
    }
    std::size_t len;
    unsigned char lo = 0x80, hi = 0xBF;  // Allowed range of the second byte (Unicode Table 3-7).
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        len = 2;
        cp = b0 & 0x1F;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        len = 3;
        cp = b0 & 0x0F;
        if (b0 == 0xE0)
            lo = 0xA0;  // Overlong below U+0800.
        else if (b0 == 0xED)
            hi = 0x9F;  // Surrogates U+D800..U+DFFF.
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        len = 4;
        cp = b0 & 0x07;
        if (b0 == 0xF0)
            lo = 0x90;  // Overlong below U+10000.
        else if (b0 == 0xF4)
            hi = 0x8F;  // Past U+10FFFF.
    } else {
        return 0;  // Continuation byte, C0/C1 overlong lead, or F5..FF.
    }
    if (s.size() - i < len) return 0;
    const unsigned char b1 = byte(i + 1);
    if (b1 < lo || b1 > hi) return 0;
    cp = (cp << 6) | (b1 & 0x3F);
    for (std::size_t k = 2; k < len; ++k) {
        const unsigned char b = byte(i + k);
        if ((b & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (b & 0x3F);
    }
    return len;
}

/// True when every byte is below 0x80 (the common case, where ICU work can be skipped).
inline bool is_ascii(std::string_view s) {
    for (const char c : s) {
        if (static_cast<unsigned char>(c) >= 0x80) return false;
    }
    return true;
}

/// Greek and Coptic, Greek Extended, and the micro sign (which case folding turns into mu).
inline bool is_greek(char32_t cp) {
    return (cp >= 0x0370 && cp <= 0x03FF) || (cp >= 0x1F00 && cp <= 0x1FFF) || cp == 0x00B5;
}

}  // namespace capsearch::analysis::text
