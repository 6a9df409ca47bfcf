// Unicode helpers on UTF-8 strings: strict validation, NFKC and case folding through ICU's UTF-8 APIs
// (no UTF-16 round trip), and spelling Greek letters out so "TNF-α" and "TNF-alpha" meet.
#include "analyzers/unicode.hpp"

#include <unicode/bytestream.h>
#include <unicode/casemap.h>
#include <unicode/normalizer2.h>
#include <unicode/stringoptions.h>
#include <unicode/utypes.h>

#include <array>

#include "analyzers/text_utf8.hpp"
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

// Latin names of the Greek letters, indexed by code point - U+0391 (capital alpha). Capitals and small
// letters share a name; U+03A2 is unassigned in the capitals and final sigma sits there in the smalls.
constexpr std::array<const char*, 25> kGreekNames = {
    "alpha", "beta",   "gamma",   "delta", "epsilon", "zeta",    "eta",  "theta", "iota",
    "kappa", "lambda", "mu",      "nu",    "xi",      "omicron", "pi",   "rho",   "sigma",
    "sigma", "tau",    "upsilon", "phi",   "chi",     "psi",     "omega"};

// Letters with tonos or dialytika, symbol variants of letters, and the micro sign (in case the text
// was not normalised; NFKC and folding both turn it into mu).
struct GreekVariant {
    char32_t cp;
    const char* name;
};
constexpr GreekVariant kGreekVariants[] = {
    {0x00B5, "mu"},      {0x0386, "alpha"},   {0x03AC, "alpha"},   {0x0388, "epsilon"}, {0x03AD, "epsilon"},
    {0x03F5, "epsilon"}, {0x0389, "eta"},     {0x03AE, "eta"},     {0x038A, "iota"},    {0x03AA, "iota"},
    {0x03AF, "iota"},    {0x0390, "iota"},    {0x03CA, "iota"},    {0x038C, "omicron"}, {0x03CC, "omicron"},
    {0x038E, "upsilon"}, {0x03AB, "upsilon"}, {0x03B0, "upsilon"}, {0x03CB, "upsilon"}, {0x03CD, "upsilon"},
    {0x03D2, "upsilon"}, {0x038F, "omega"},   {0x03CE, "omega"},   {0x03D0, "beta"},    {0x03D1, "theta"},
    {0x03F4, "theta"},   {0x03D5, "phi"},     {0x03D6, "pi"},      {0x03F0, "kappa"},   {0x03F1, "rho"},
    {0x03F2, "sigma"},   {0x03F9, "sigma"},
};

const char* greek_name(char32_t cp) {
    if (cp >= 0x0391 && cp <= 0x03A9) return cp == 0x03A2 ? nullptr : kGreekNames[cp - 0x0391];
    if (cp >= 0x03B1 && cp <= 0x03C9) return kGreekNames[cp - 0x03B1];
    for (const GreekVariant& v : kGreekVariants) {
        if (v.cp == cp) return v.name;
    }
    return nullptr;
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
    if (text::is_ascii(s)) {
        std::string out(s);
        for (char& c : out) {
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        }
        return out;
    }
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
        if (const char* name = greek_name(cp)) {
            out += name;
        } else {
            out.append(folded, i, len);
        }
        i += len;
    }
    return out;
}

}  // namespace capsearch::analysis
