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

const char* greek_name(char32_t cp) {
    if (cp >= 0x0391 && cp <= 0x03A9) return cp == 0x03A2 ? nullptr : kGreekNames[cp - 0x0391];
    if (cp >= 0x03B1 && cp <= 0x03C9) return kGreekNames[cp - 0x03B1];
    switch (cp) {
        case 0x00B5:
            return "mu";  // Micro sign, in case the text was not normalised.
        // Letters with tonos or dialytika, and the symbol variants of letters.
        case 0x0386:
        case 0x03AC:
            return "alpha";
        case 0x0388:
        case 0x03AD:
        case 0x03F5:
            return "epsilon";
        case 0x0389:
        case 0x03AE:
            return "eta";
        case 0x038A:
        case 0x03AA:
        case 0x03AF:
        case 0x0390:
        case 0x03CA:
            return "iota";
        case 0x038C:
        case 0x03CC:
            return "omicron";
        case 0x038E:
        case 0x03AB:
        case 0x03B0:
        case 0x03CB:
        case 0x03CD:
        case 0x03D2:
            return "upsilon";
        case 0x038F:
        case 0x03CE:
            return "omega";
        case 0x03D0:
            return "beta";
        case 0x03D1:
        case 0x03F4:
            return "theta";
        case 0x03D5:
            return "phi";
        case 0x03D6:
            return "pi";
        case 0x03F0:
            return "kappa";
        case 0x03F1:
            return "rho";
        case 0x03F2:
        case 0x03F9:
            return "sigma";
        default:
            return nullptr;
    }
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
