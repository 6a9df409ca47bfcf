// Tests of the Unicode helpers: UTF-8 validation, NFKC, case folding and Greek spelling.
#include <catch2/catch.hpp>
#include <string>

#include "analyzers/unicode.hpp"

using namespace capsearch::analysis;

TEST_CASE("valid UTF-8 is accepted", "[unicode]") {
    CHECK(is_valid_utf8(""));
    CHECK(is_valid_utf8("plain ASCII"));
    CHECK(is_valid_utf8("TNF-\xCE\xB1"));          // α, 2 bytes
    CHECK(is_valid_utf8("\xE2\x80\x93"));          // en dash, 3 bytes
    CHECK(is_valid_utf8("\xF0\x9F\x98\x80"));      // U+1F600, 4 bytes
    CHECK(is_valid_utf8("\xF4\x8F\xBF\xBF"));      // U+10FFFF, the last code point
    CHECK(is_valid_utf8("\xED\x9F\xBF"));          // U+D7FF, just below the surrogates
    CHECK(is_valid_utf8(std::string("a\0b", 3)));  // NUL is a valid code point
    CHECK(first_invalid_utf8("IL-6 \xCE\xBA") == std::string::npos);
}

TEST_CASE("malformed UTF-8 is rejected at the right offset", "[unicode]") {
    CHECK(first_invalid_utf8("ab\xC0\xAF") == 2);         // overlong '/'
    CHECK(first_invalid_utf8("\xE0\x80\xAF") == 0);       // overlong 3-byte
    CHECK(first_invalid_utf8("x\xF0\x80\x80\xAF") == 1);  // overlong 4-byte
    CHECK(first_invalid_utf8("ok\xED\xA0\x80") == 2);     // surrogate U+D800
    CHECK(first_invalid_utf8("\xF4\x90\x80\x80") == 0);   // U+110000
    CHECK(first_invalid_utf8("\xF5\x80\x80\x80") == 0);   // lead byte past F4
    CHECK(first_invalid_utf8("abc\xCE") == 3);            // truncated at the end
    CHECK(first_invalid_utf8("\xE2\x80 x") == 0);         // truncated in the middle
    CHECK(first_invalid_utf8("a\x80") == 1);              // stray continuation byte
    CHECK(first_invalid_utf8("\xCE\xB1\xFF") == 2);       // after a valid Greek letter
    CHECK_FALSE(is_valid_utf8("\xC1\xBF"));
    CHECK_FALSE(is_valid_utf8("\xFE"));
}

TEST_CASE("NFKC folds compatibility characters", "[unicode]") {
    CHECK(nfkc("\xEF\xAC\x81"
               "broblast") == "fibroblast");                                    // ﬁ ligature
    CHECK(nfkc("\xEF\xBC\xA9\xEF\xBC\xAC\xEF\xBC\x8D\xEF\xBC\x96") == "IL-6");  // full-width ＩＬ－６
    CHECK(nfkc("\xC2\xB5M") == "\xCE\xBCM");                                    // micro sign -> mu
    CHECK(nfkc("Ca\xC2\xB2\xE2\x81\xBA") == "Ca2+");                            // Ca²⁺
    CHECK(nfkc("e\xCC\x81") == "\xC3\xA9");  // e + combining acute composes
    CHECK(nfkc("plain text") == "plain text");
}

TEST_CASE("case folding is full Unicode folding", "[unicode]") {
    CHECK(fold_case("ErbB2") == "erbb2");
    CHECK(fold_case("TNF-\xCE\x91") == "tnf-\xCE\xB1");  // capital alpha -> small alpha
    CHECK(fold_case("Stra\xC3\x9F"
                    "e") == "strasse");                        // ß folds to ss
    CHECK(fold_case("\xC2\xB5") == "\xCE\xBC");                // micro sign folds to mu
    CHECK(fold_case("\xC3\x89TAT") == "\xC3\xA9tat");          // É -> é
    const std::string folded = fold_case("\xCE\x91\xCD\x85");  // Α + combining ypogegrammeni
    CHECK(folded == nfkc(folded));                             // stays NFKC-stable
}

TEST_CASE("Greek letters are spelled out", "[unicode]") {
    CHECK(spell_greek("tnf-\xCE\xB1") == "tnf-alpha");
    CHECK(spell_greek("nf-\xCE\xBA"
                      "b") == "nf-kappab");
    CHECK(spell_greek("ifn-\xCE\xB3") == "ifn-gamma");
    CHECK(spell_greek("il-1\xCE\xB2") == "il-1beta");
    CHECK(spell_greek("\xCE\xB4\xCE\xB5\xCE\xBB\xCE\xBC\xCF\x83\xCF\x84\xCF\x89") ==
          "deltaepsilonlambdamusigmatauomega");
    CHECK(spell_greek("\xCF\x82") == "sigma");  // final sigma
    CHECK(spell_greek("\xC2\xB5") == "mu");     // micro sign, if it slipped through
    CHECK(spell_greek("\xCE\x91") == "alpha");  // capitals too
    CHECK(spell_greek("\xCE\xAC") == "alpha");  // with tonos
    CHECK(spell_greek("\xCF\x90") == "beta");   // beta symbol
    CHECK(spell_greek("caf\xC3\xA9 \xE2\x80\x93") == "caf\xC3\xA9 \xE2\x80\x93");  // others copied
    // Every small letter α..ω has a name and none is left in Greek.
    for (char32_t cp = 0x03B1; cp <= 0x03C9; ++cp) {
        std::string s;
        s += static_cast<char>(0xC0 | (cp >> 6));
        s += static_cast<char>(0x80 | (cp & 0x3F));
        const std::string spelled = spell_greek(s);
        CAPTURE(static_cast<unsigned>(cp));
        CHECK(spelled.size() >= 2);
        CHECK(is_valid_utf8(spelled));
        CHECK(spelled.find_first_not_of("abcdefghijklmnopqrstuvwxyz") == std::string::npos);
    }
}
