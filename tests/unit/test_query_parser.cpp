// Tests of the query language parser: every syntax form and every error, through describe().
#include <catch2/catch.hpp>
#include <string>

#include "capsearch/error.hpp"
#include "searcher/query_parser.hpp"

using capsearch::QueryError;
using capsearch::search::describe;
using capsearch::search::Field;
using capsearch::search::parse_query;
using capsearch::search::kMaxQueryBytes;
using capsearch::search::kMaxQueryDepth;
using capsearch::search::QueryNode;

namespace {

std::string tree(const std::string& q) { return describe(parse_query(q)); }

// The message of the QueryError `q` raises ("" when it parses).
std::string error_of(const std::string& q) {
    try {
        parse_query(q);
    } catch (const QueryError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("empty and blank queries match everything", "[parser]") {
    CHECK(parse_query("").kind == QueryNode::Kind::all);
    CHECK(parse_query("  \t ").kind == QueryNode::Kind::all);
}

TEST_CASE("words are ANDed by default", "[parser]") {
    CHECK(tree("HER2") == "HER2");
    CHECK(tree("HER2 resistance") == "AND(HER2, resistance)");
    CHECK(tree("HER2 AND resistance") == "AND(HER2, resistance)");
    CHECK(tree("  a   b\tc ") == "AND(a, b, c)");
}

TEST_CASE("operators and precedence NOT > AND > OR", "[parser]") {
    CHECK(tree("a OR b") == "OR(a, b)");
    CHECK(tree("a b OR c") == "OR(AND(a, b), c)");
    CHECK(tree("a OR b c") == "OR(a, AND(b, c))");
    CHECK(tree("a OR b AND c OR d") == "OR(a, AND(b, c), d)");
    CHECK(tree("a NOT b") == "AND(a, NOT(b))");
    CHECK(tree("a AND NOT b OR c") == "OR(AND(a, NOT(b)), c)");
    CHECK(tree("NOT a b") == "AND(NOT(a), b)");
    CHECK(tree("NOT NOT a") == "NOT(NOT(a))");
    CHECK(tree("(a OR b) c") == "AND(OR(a, b), c)");
    CHECK(tree("((a))") == "a");
    CHECK(tree("a (b OR (c d))") == "AND(a, OR(b, AND(c, d)))");
}

TEST_CASE("lower-case operators are ordinary words", "[parser]") {
    CHECK(tree("cats and dogs or not mice") == "AND(cats, and, dogs, or, not, mice)");
    CHECK(tree("And Or Not") == "AND(And, Or, Not)");
}

TEST_CASE("minus excludes a word, phrase, field or group", "[parser]") {
    CHECK(tree("a -b") == "AND(a, NOT(b))");
    CHECK(tree("-b") == "NOT(b)");
    CHECK(tree("-\"x y\" a") == "AND(NOT(\"x y\"), a)");
    CHECK(tree("a -(b OR c)") == "AND(a, NOT(OR(b, c)))");
    CHECK(tree("a -title:b") == "AND(a, NOT(title:b))");
    CHECK(tree("(-b)") == "NOT(b)");
    // Inside a word a hyphen is part of it.
    CHECK(tree("IL-6 TNF-α") == "AND(IL-6, TNF-α)");
    // After a minus the rest is a word even when it reads like an operator.
    CHECK(tree("a -AND") == "AND(a, NOT(AND))");
}

TEST_CASE("pure negative queries", "[parser]") {
    QueryNode n = parse_query("NOT apoptosis");
    REQUIRE(n.kind == QueryNode::Kind::not_);
    REQUIRE(n.children.size() == 1);
    CHECK(n.children[0].text == "apoptosis");
    CHECK(tree("-mouse -rat") == "AND(NOT(mouse), NOT(rat))");
}

TEST_CASE("phrases", "[parser]") {
    CHECK(tree("\"IL-6 signaling\"") == "\"IL-6 signaling\"");
    CHECK(tree("a \"b c\" d") == "AND(a, \"b c\", d)");
    CHECK(tree("\xE2\x80\x9C"
               "curly quotes"
               "\xE2\x80\x9D") == "\"curly quotes\"");
    CHECK(tree("\"\"") == "\"\"");
    QueryNode n = parse_query("x \"a (b) OR c\"");
    REQUIRE(n.children.size() == 2);
    CHECK(n.children[1].kind == QueryNode::Kind::phrase);
    CHECK(n.children[1].text == "a (b) OR c");
}

TEST_CASE("fields take a word, a phrase or a group", "[parser]") {
    CHECK(tree("title:kinase") == "title:kinase");
    CHECK(tree("caption:x paper:y keyword:z gene:HER2 organism:human figid:F1 pmcid:PMC1") ==
          "AND(caption:x, paper:y, keyword:z, gene:HER2, organism:human, figid:F1, pmcid:PMC1)");
    CHECK(tree("Title:kinase") == "title:kinase");
    CHECK(tree("title:\"MAP kinase\"") == "title:\"MAP kinase\"");
    CHECK(tree("organism:\"Mus musculus\"") == "organism:\"Mus musculus\"");
    CHECK(tree("title:(a OR b) c") == "AND(OR(title:a, title:b), c)");
    CHECK(tree("title:(a caption:b)") == "AND(title:a, caption:b)");
    CHECK(tree("title:AND") == "title:AND");
    CHECK(tree("gene:NF-κB") == "gene:NF-κB");
    QueryNode n = parse_query("gene:HER2");
    CHECK(n.kind == QueryNode::Kind::word);
    CHECK(n.field == Field::gene);
    CHECK(n.text == "HER2");
}

TEST_CASE("a colon in a word whose prefix is no field anywhere is an ordinary word", "[parser]") {
    CHECK(tree("foo:bar") == "foo:bar");
    CHECK(tree("3':UTR") == "3':UTR");
    CHECK(parse_query("foo:bar").field == Field::any);
    CHECK(tree(":title") == ":title");
}

TEST_CASE("year values and ranges", "[parser]") {
    CHECK(tree("year:2013") == "year:2013");
    CHECK(tree("year:2010..2015") == "year:2010..2015");
    CHECK(tree("year:..2012") == "year:..2012");
    CHECK(tree("year:2015..") == "year:2015..");
    CHECK(tree("year:2013..2013") == "year:2013..2013");
    CHECK(tree("year:(2010 OR 2012)") == "OR(year:2010, year:2012)");
    QueryNode r = parse_query("year:2010..2015");
    CHECK(r.kind == QueryNode::Kind::year_range);
    CHECK(r.year_from == 2010);
    CHECK(r.year_to == 2015);
    QueryNode open = parse_query("year:..2012");
    CHECK_FALSE(open.year_from.has_value());
    CHECK(open.year_to == 2012);
}

TEST_CASE("columns are 1-based characters", "[parser]") {
    QueryNode n = parse_query("αβ \"x\"");
    REQUIRE(n.children.size() == 2);
    CHECK(n.children[0].column == 1);
    CHECK(n.children[1].column == 4);
}

TEST_CASE("malformed queries raise QueryError with the column", "[parser]") {
    CHECK(error_of("\"open phrase") == "query error at column 1: unclosed quote");
    CHECK(error_of("a \"b") == "query error at column 3: unclosed quote");
    CHECK(error_of("(a b") == "query error at column 1: unclosed '('");
    CHECK(error_of("a (") == "query error at column 3: unclosed '('");
    CHECK(error_of("a b)") == "query error at column 4: unmatched ')'");
    CHECK(error_of(")") == "query error at column 1: unmatched ')'");
    CHECK(error_of("a ()") == "query error at column 3: empty parentheses");
    CHECK(error_of("title:") ==
          "query error at column 1: title: needs a word, a \"phrase\" or a (group) right after the colon");
    CHECK(error_of("x gene: HER2").find("column 3: gene: needs a word") != std::string::npos);
    CHECK(error_of("year:abc").find("column 6: year: takes a year or a range") != std::string::npos);
    CHECK(error_of("year:..").find("not '..'") != std::string::npos);
    CHECK(error_of("year:2015..2010") ==
          "query error at column 6: year range 2015..2010 ends before it starts");
    CHECK(error_of("year:20x..") != "");
    CHECK(error_of("year:\"2013\"").find("not a phrase") != std::string::npos);
    CHECK(error_of("a AND") == "query error at column 3: AND needs a term after it");
    CHECK(error_of("a OR") == "query error at column 3: OR needs a term after it");
    CHECK(error_of("NOT") == "query error at column 1: NOT needs a term after it");
    CHECK(error_of("AND a") == "query error at column 1: AND needs a term before it");
    CHECK(error_of("a OR OR b") == "query error at column 3: OR needs a term after it");
    CHECK(error_of("(a OR) b") == "query error at column 4: OR needs a term after it");
    CHECK(error_of("a - b") ==
          "query error at column 3: '-' needs a word, a \"phrase\" or a (group) right after it");
    CHECK(error_of("a -") != "");
    CHECK(error_of("αβ )") == "query error at column 4: unmatched ')'");
}

TEST_CASE("hostile queries: nesting and size are bounded, with a QueryError instead of a crash") {
    const std::string deep = std::string(10000, '(') + "a" + std::string(10000, ')');
    CHECK(error_of(deep) != "");  // 20 KB: too long before it is too deep
    CHECK(error_of(std::string(120000, '(')).find("query too long") != std::string::npos);

    auto nested = [](std::size_t levels) { return std::string(levels, '(') + "a" + std::string(levels, ')'); };
    CHECK_NOTHROW(parse_query(nested(kMaxQueryDepth)));
    CHECK(error_of(nested(kMaxQueryDepth + 1)).find("query too deeply nested (more than 64 levels)") !=
          std::string::npos);
    std::string nots;
    for (std::size_t i = 0; i <= kMaxQueryDepth; ++i) nots += "NOT ";
    CHECK(error_of(nots + "a").find("too deeply nested") != std::string::npos);
    CHECK(error_of(std::string(kMaxQueryBytes + 1, 'a')).find("at most 8192") != std::string::npos);
    CHECK_NOTHROW(parse_query(std::string(kMaxQueryBytes, 'a')));
}
