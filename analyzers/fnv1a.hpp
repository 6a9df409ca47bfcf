// FNV-1a 64-bit: the one small hash behind content hashes, the lexicon id and the lexicon's key table.
#pragma once

#include <cstdint>
#include <string_view>

namespace capsearch::analysis {

inline constexpr std::uint64_t kFnvOffsetBasis = 14695981039346656037ULL;  // 0xcbf29ce484222325
inline constexpr std::uint64_t kFnvPrime = 1099511628211ULL;               // 0x100000001b3
/// The offset basis the lexicon id used until it was fixed (a digit short): only to recognise old ids.
inline constexpr std::uint64_t kLexiconIdBasisBeforeFix = 1469598103934665603ULL;

constexpr std::uint64_t fnv1a64(std::string_view bytes, std::uint64_t basis = kFnvOffsetBasis) {
    std::uint64_t h = basis;
    for (char c : bytes) {
        h ^= static_cast<unsigned char>(c);
        h *= kFnvPrime;
    }
    return h;
}

}  // namespace capsearch::analysis
