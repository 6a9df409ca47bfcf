// Unicode helpers on UTF-8 strings: strict validation, NFKC and case folding through ICU's UTF-8 APIs
// (no UTF-16 round trip), and spelling Greek letters out so "TNF-α" and "TNF-alpha" meet.
#include "analyzers/unicode.hpp"

#include <unicode/bytestream.h>
#include <unicode/casemap.h>
#include <unicode/normalizer2.h>
#include <unicode/stringoptions.h>
#include <unicode/utypes.h>

#include "analyzers/text.hpp"
#include "capsearch/error.hpp"

namespace capsearch::analysis {
namespace {

const icu::Normalizer2& nfkc_instance() {
    // getNFKCInstance returns a process-wide singleton; fetch it once, not per call.
    static const icu::Normalizer2* const instance = [] {
        UErrorCode status = U_ZERO_ERROR;
        const icu::Normalizer2* n = icu::Normalizer2::getNFKCInstance(status);
        if (U_FAILURE(status) || n == nullptr) {
            throw Error(ErrorCode::internal,
                        std::string("ICU NFKC normalizer unavailable: ") + u_errorName(status));
        }
        return n;
    }();
    return *instance;
}

void check(UErrorCode status, const char* what) {
    if (U_FAILURE(status)) throw Error(ErrorCode::internal, std::string(what) + ": " + u_errorName(status));
}

// Letters with tonos or dialytika and symbol variants of letters (in case the text was not normalised),
// each with the small letter whose name it takes from text::greek_letter_name.
struct GreekVariant {
    char32_t cp;
    char32_t letter;
};
constexpr GreekVariant kGreekVariants[] = {
    {0x0386, 0x03B1}, {0x03AC, 0x03B1}, {0x0388, 0x03B5}, {0x03AD, 0x03B5}, {0x03F5, 0x03B5},
    {0x0389, 0x03B7}, {0x03AE, 0x03B7}, {0x038A, 0x03B9}, {0x03AA, 0x03B9}, {0x03AF, 0x03B9},
    {0x0390, 0x03B9}, {0x03CA, 0x03B9}, {0x038C, 0x03BF}, {0x03CC, 0x03BF}, {0x038E, 0x03C5},
    {0x03AB, 0x03C5}, {0x03B0, 0x03C5}, {0x03CB, 0x03C5}, {0x03CD, 0x03C5}, {0x03D2, 0x03C5},
    {0x038F, 0x03C9}, {0x03CE, 0x03C9}, {0x03D0, 0x03B2}, {0x03D1, 0x03B8}, {0x03F4, 0x03B8},
    {0x03D5, 0x03C6}, {0x03D6, 0x03C0}, {0x03F0, 0x03BA}, {0x03F1, 0x03C1}, {0x03F2, 0x03C3},
    {0x03F9, 0x03C3},
};

std::string_view greek_name(char32_t cp) {
    if (const std::string_view name = text::greek_letter_name(cp); !name.empty()) return name;
    for (const GreekVariant& v : kGreekVariants) {
        if (v.cp == cp) return text::greek_letter_name(v.letter);
    }
    return {};
}

}  // namespace

std::size_t first_invalid_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        // Skip ASCII quickly; it is nearly all of the text.
        if (static_cast<unsigned char>(s[i]) < 0x80) {
            ++i;
            continue;
        }
        char32_t cp;
        const std::size_t len = text::decode_utf8(s, i, cp);
        if (len == 0) return i;
        i += len;
    }
    return std::string_view::npos;
}

bool is_valid_utf8(std::string_view s) { return first_invalid_utf8(s) == std::string_view::npos; }

// Ill-formed UTF-8 is copied through unchanged by ICU; callers validate first (is_valid_utf8).
std::string nfkc(std::string_view s) {
    if (text::is_ascii(s)) return std::string(s);  // ASCII is NFKC already.
    std::string out;
    out.reserve(s.size());
    icu::StringByteSink<std::string> sink(&out);
    UErrorCode status = U_ZERO_ERROR;
    nfkc_instance().normalizeUTF8(0, icu::StringPiece(s.data(), static_cast<int32_t>(s.size())), sink,
                                  nullptr, status);
    check(status, "NFKC normalisation failed");
    return out;
}

std::string fold_case(std::string_view s) {
    if (text::is_ascii(s)) return text::lower_ascii(s);
    std::string out;
    out.reserve(s.size());
    icu::StringByteSink<std::string> sink(&out);
    UErrorCode status = U_ZERO_ERROR;
    icu::CaseMap::utf8Fold(U_FOLD_CASE_DEFAULT, icu::StringPiece(s.data(), static_cast<int32_t>(s.size())),
                           sink, nullptr, status);
    check(status, "case folding failed");
    // Folding can leave NFKC (U+0345 folds to ι, which then composes); renormalise only when needed.
    const icu::Normalizer2& n = nfkc_instance();
    const bool normalized = n.isNormalizedUTF8(out, status);
    check(status, "NFKC check failed");
    return normalized ? out : nfkc(out);
}

std::string spell_greek(std::string_view folded) {
    std::string out;
    out.reserve(folded.size() + 8);
    std::size_t i = 0;
    while (i < folded.size()) {
        const unsigned char b = static_cast<unsigned char>(folded[i]);
        if (b < 0x80) {
            out.push_back(folded[i++]);
            continue;
        }
        char32_t cp;
        std::size_t len = text::decode_utf8(folded, i, cp);
        if (len == 0) {
            out.push_back(folded[i++]);  // Not ours to repair: copy malformed bytes through.
            continue;
        }
        if (const std::string_view name = greek_name(cp); !name.empty()) {
            out += name;
        } else {
            out.append(folded, i, len);
        }
        i += len;
    }
    return out;
}

}  // namespace capsearch::analysis
