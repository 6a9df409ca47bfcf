// The yaml-cpp event tree under record parsing: null and alias rules, lines, first document only,
// limits, control characters kept, and exact values of every scalar form in a record.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "capsearch/error.hpp"
#include "capsearch/record.hpp"
#include "indexer/yaml_tree.hpp"
#include "support/test_support.hpp"

namespace yaml = capsearch::index::yaml;
using capsearch::InputError;
using Strings = std::vector<std::string>;

namespace {

yaml::Node parse(const std::string& text) { return yaml::parse(text, "t.md", 2); }

InputError parse_error(const std::string& text) {
    try {
        parse(text);
    } catch (const InputError& e) {
        return e;
    }
    FAIL("no InputError for:\n" << text);
    throw std::logic_error("unreachable");
}

// The value of `key` in mapping `map` (the first, if repeated).
const yaml::Node& at(const yaml::Node& map, const std::string& key) {
    for (const auto entry : map.entries())
        if (entry.key.scalar() == key) return entry.value;
    FAIL("no key " << key);
    throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("yaml tree: kinds, nulls as yaml-cpp's IsNull, lines", "[yaml]") {
    yaml::Node root = parse(
        "a: ~\nb: null\nc: Null\nd: NULL\ne:\nf: 'null'\ng: \"~\"\nh: !!str null\n"
        "i: nULL\nj: [x, {k: v}]\nk: 2013\n");
    REQUIRE(root.is_mapping());
    CHECK(root.line() == 0);
    for (const char* key : {"a", "b", "c", "d", "e"}) CHECK(at(root, key).is_null());
    for (const char* key : {"f", "g", "h", "i"}) CHECK(at(root, key).is_scalar());
    CHECK(at(root, "f").scalar() == "null");
    CHECK(at(root, "g").scalar() == "~");
    CHECK(at(root, "h").scalar() == "null");
    const yaml::Node& j = at(root, "j");
    REQUIRE(j.is_sequence());
    REQUIRE(j.items().size() == 2);
    CHECK(j.items()[0].scalar() == "x");
    CHECK(j.items()[1].is_mapping());
    CHECK(j.line() == 9);
    CHECK(at(root, "k").scalar() == "2013");  // Numbers stay text.
    CHECK(at(root, "k").line() == 10);
    CHECK(j.entries().begin() == j.entries().end());  // A sequence has no entries ...
    CHECK(root.items().empty());                      // ... and a mapping no items.
}

TEST_CASE("yaml tree: duplicate keys kept in order, aliases copied with the anchor's line", "[yaml]") {
    yaml::Node root = parse("a: 1\nlist: &l\n- x\n- y\na: 2\nb: *l\nc: &s text\nd: *s\n");
    std::vector<std::string> keys;
    for (const auto entry : root.entries()) keys.push_back(entry.key.scalar());
    CHECK(keys == Strings{"a", "list", "a", "b", "c", "d"});
    const yaml::Node& b = at(root, "b");
    REQUIRE(b.is_sequence());
    CHECK(b.items().size() == 2);
    CHECK(b.line() == 1);  // Where the anchored list starts (its anchor), as yaml-cpp's shared node.
    CHECK(at(root, "d").scalar() == "text");
}

TEST_CASE("yaml tree: empty text, first document only, roots of any kind", "[yaml]") {
    CHECK(parse("").is_null());
    CHECK(parse("# only a comment\n").is_null());
    CHECK(parse("just text\n").scalar() == "just text");
    CHECK(parse("- a\n").is_sequence());
    // YAML::Load read the first document and ignored the rest, even a broken one.
    yaml::Node first = parse("a: 1\n...\nb: [\n");
    REQUIRE(first.is_mapping());
    CHECK(at(first, "a").scalar() == "1");
    CHECK(parse("a: 1\n--- x\n").is_mapping());
}

TEST_CASE("yaml tree: malformed YAML names the file line", "[yaml]") {
    InputError e = parse_error("a: 1\nb: [x, y\n");
    CHECK(e.file() == "t.md");
    CHECK(e.reason() == "malformed YAML: end of sequence flow not found");
    CHECK(e.line() == 4);  // End of text: YAML line 2, plus first_line 2.
    CHECK(parse_error("a: 1\nb: c: d\n").line() == 3);
    CHECK(parse_error("a: *nope\n").reason() == "malformed YAML: the referenced anchor is not defined");
    CHECK(parse_error("a: &x [*x]\n").reason() ==
          "malformed YAML: an alias refers to a node that is not complete");
    // yaml-cpp reads a double-quoted scalar left open at the end of the text up to there.
    CHECK(at(parse("a: \"unterminated\n"), "a").scalar() == "unterminated ");
}

TEST_CASE("yaml tree: limits against hostile input", "[yaml]") {
    // Below yaml-cpp's own recursion guard (about 500 levels) and far above it: the same message.
    CHECK(parse_error(std::string(5000, '[') + std::string(5000, ']')).reason() ==
          "malformed YAML: nested more than 256 levels deep");
    for (std::size_t levels : {258, 400, 600}) {
        CHECK(parse_error(std::string(levels, '[') + std::string(levels, ']')).reason() ==
              "malformed YAML: nested more than 256 levels deep");
        std::string block;
        for (std::size_t i = 0; i < levels; ++i) block += std::string(i, ' ') + "k:\n";
        CHECK(parse_error(block).reason() == "malformed YAML: nested more than 256 levels deep");
    }
    CHECK(parse(std::string(257, '[') + std::string(257, ']')).is_sequence());  // Levels 0 to 256.
    // Each level doubles the copies an alias makes: 2^30 nodes if nothing stopped it.
    std::string bomb = "a0: &a0 [x, x]\n";
    for (int i = 1; i <= 30; ++i) {
        const std::string p = "a" + std::to_string(i - 1);
        bomb += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [*" + p + ", *" + p + "]\n";
    }
    CHECK(parse_error(bomb).reason().find("nodes") != std::string::npos);
}

TEST_CASE("yaml tree: control characters and odd line breaks are ordinary characters", "[yaml]") {
    // Form feed, DEL, C1 controls with NEL, U+2028/U+2029, U+FFFE and a CR without LF.
    const std::string odd =
        "a\x0C"
        "b\x7F"
        "c\xC2\x85"
        "d\xC2\x9F"
        "e\xE2\x80\xA8"
        "f\xE2\x80\xA9"
        "g\xEF\xBF\xBE"
        "h\ri";
    yaml::Node root =
        parse("plain: " + odd + "\nquoted: \"" + odd + "\"\nblock: |\n  " + odd + "\nnext: 1\n");
    CHECK(at(root, "plain").scalar() == odd);
    CHECK(at(root, "quoted").scalar() == odd);
    CHECK(at(root, "block").scalar() == odd + "\n");
    CHECK(at(root, "next").line() == 4);  // None of them counted as a line break.
    // Characters of the private-use planes, which the libyaml tree used as stand-ins, are plain text too.
    yaml::Node planes = parse("a: \xF3\xB0\x80\x80\nb: x\x0C\n");
    CHECK(at(planes, "a").scalar() == "\xF3\xB0\x80\x80");
    CHECK(at(planes, "b").scalar() == "x\x0C");
}

TEST_CASE("every scalar form of a record file is read exactly", "[yaml][record]") {
    capsearch::Record r =
        capsearch::read_record_file(capsearch::test::fixture("records/good/yaml-scalar-forms.md").string());
    CHECK(r.figid == "PMC1__yaml-forms");                        // \u escape in double quotes.
    CHECK(r.title == "It's a folded single-quoted title");       // '' and a folded line.
    CHECK(r.caption == "Line one\n  indented\n\nLine three\n");  // | keeps breaks and the last one.
    CHECK(r.papertitle == "Folded block\nwith a paragraph");     // >- folds, strips the last break.
    CHECK(r.reftext == "Escapes: tab\tend, \"quoted\", caf\xC3\xA9, \xF0\x9F\x98\x80, folded\nline\\");
    CHECK(r.doi.empty());         // ~
    CHECK(r.journal == "null");   // Quoted: a string.
    CHECK(r.figlink == r.figid);  // Alias of the anchored figid.
    CHECK(r.filename == "2013");  // A number read as its text.
    CHECK(r.year == 2013);
    CHECK(r.organisms == Strings{"Homo sapiens", "Mus musculus"});
    CHECK(r.organisms_ner == Strings{"Rattus norvegicus"});  // Null and NULL are nulls.
    CHECK(r.keywords == Strings{"one", "two", "reaction mechanism"});
    CHECK(r.genes == Strings{"TP53", "On", "NO", "BRAF"});
    CHECK(r.gene_words == Strings{"p53", "TP53", "Braf"});
}
