// The shared text helpers (analyzers/text.hpp): ASCII case, UTF-8 decoding through ICU, Greek names.
#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "analyzers/text.hpp"
#include "analyzers/unicode.hpp"

namespace text = capsearch::analysis::text;

TEST_CASE("ASCII case helpers change A-Z and a-z only", "[text]") {
    const std::string mixed = "Tnf-\xCE\xB1 pmc123 \xC3\x89Z";  // Greek alpha and É stay as they are.
    CHECK(text::lower_ascii(mixed) == "tnf-\xCE\xB1 pmc123 \xC3\x89z");
    CHECK(text::upper_ascii(mixed) == "TNF-\xCE\xB1 PMC123 \xC3\x89Z");
    std::string s = "AbC@[`{";
    text::lower_ascii_in_place(s);
    CHECK(s == "abc@[`{");
    CHECK(text::upper_ascii('z') == 'Z');
    CHECK(text::lower_ascii('\xC3') == '\xC3');
    CHECK(text::iequal_ascii("Braf", "BRAF"));
    CHECK_FALSE(text::iequal_ascii("BRAF", "BRAF1"));
    CHECK_FALSE(text::iequal_ascii("@", "`"));  // Neighbours of the letters are not letters.
    CHECK(text::is_lower_ascii_word("kinase"));
    CHECK_FALSE(text::is_lower_ascii_word(""));
    CHECK_FALSE(text::is_lower_ascii_word("Kinase"));
    CHECK_FALSE(text::is_lower_ascii_word("p53"));
    CHECK(text::is_ascii("plain"));
    CHECK_FALSE(text::is_ascii("caf\xC3\xA9"));
}

TEST_CASE("UTF-8 decoding accepts well-formed sequences only", "[text]") {
    char32_t cp = 0;
    CHECK(text::decode_utf8("a", 0, cp) == 1);
    CHECK(cp == U'a');
    CHECK(text::decode_utf8("x\xCE\xBA", 1, cp) == 2);
    CHECK(cp == 0x03BA);
    CHECK(text::decode_utf8("\xE2\x80\x93", 0, cp) == 3);
    CHECK(cp == 0x2013);
    CHECK(text::decode_utf8("\xF0\x9F\x98\x80", 0, cp) == 4);
    CHECK(cp == 0x1F600);
    for (const std::string bad : {"\xC0\x80", "\xE0\x80\x80", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\x80",
                                  "\xC3", "\xE2\x80", "\xF5\x80\x80\x80", "\xFF"}) {
        CHECK(text::decode_utf8(bad, 0, cp) == 0);
    }
    // The lenient reader: ill-formed bytes read as U+FFFD, and reading goes on after them.
    const std::string s = "\xCE\xB1\x80z\xE2\x80";
    std::size_t i = 0;
    CHECK(text::next_code_point(s, i) == 0x03B1);
    CHECK(i == 2);
    CHECK(text::next_code_point(s, i) == 0xFFFD);
    CHECK(i == 3);
    CHECK(text::next_code_point(s, i) == U'z');
    CHECK(text::next_code_point(s, i) == 0xFFFD);
    CHECK(i == s.size());
}

TEST_CASE("one list of Greek letter names, one spelling each", "[text]") {
    const auto names = text::greek_letter_names();
    REQUIRE(names.size() == 24);
    CHECK(std::set<std::string_view>(names.begin(), names.end()).size() == 24);
    CHECK(names[14] == "omicron");
    CHECK(names[19] == "upsilon");
    // Capital and small letters in alphabet order, skipping U+03A2 (unassigned) among the capitals.
    std::size_t k = 0;
    for (char32_t cp = 0x0391; cp <= 0x03A9; ++cp) {
        if (cp == 0x03A2) {
            CHECK(text::greek_letter_name(cp).empty());
            continue;
        }
        CHECK(text::greek_letter_name(cp) == names[k]);
        CHECK(text::greek_letter_name(cp + 0x20) == names[k]);  // The small letter.
        CHECK(text::is_greek_letter_name(names[k]));
        ++k;
    }
    CHECK(k == 24);
    CHECK(text::greek_letter_name(0x03C2) == "sigma");  // Final sigma.
    CHECK(text::greek_letter_name(0x00B5) == "mu");     // Micro sign.
    CHECK(text::greek_letter_name(U'a').empty());
    CHECK_FALSE(text::is_greek_letter_name("omikron"));
    CHECK_FALSE(text::is_greek_letter_name("Alpha"));
    // Accented letters and letter symbols take the same names when spelled out.
    CHECK(capsearch::analysis::spell_greek("\xCF\x8C\xCE\x8C") == "omicronomicron");      // ό Ό
    CHECK(capsearch::analysis::spell_greek("\xCF\x91\xCF\x95\xCF\x96") == "thetaphipi");  // ϑ ϕ ϖ
    CHECK(capsearch::analysis::spell_greek("\xC2\xB5\xCF\x82") == "musigma");             // µ ς
}
