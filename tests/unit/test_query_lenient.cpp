// Tests of the lenient query reading (syntax slips read past, with a note) and of the mistakes that
// stay errors in both modes (unknown fields, boosting, limits).
#include <catch2/catch.hpp>
#include <string>

#include "capsearch/closest_name.hpp"
#include "capsearch/error.hpp"
#include "searcher/query_parser.hpp"

using capsearch::QueryError;
using capsearch::search::describe;
using capsearch::search::kMaxQueryDepth;
using capsearch::search::parse_query;
using capsearch::search::parse_query_lenient;

namespace {

std::string tree(const std::string& q) { return describe(parse_query_lenient(q).root); }
std::string note(const std::string& q) { return parse_query_lenient(q).note; }

std::string lenient_error(const std::string& q) {
    try {
        parse_query_lenient(q);
    } catch (const QueryError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("lenient: a query without slips reads as the strict parser reads it, without a note", "[parser]") {
    for (const char* q : {"HER2 resistance", "(HER2 OR EGFR) -mouse", "title:\"NF-κB target\" year:2015..", ""}) {
        CHECK(tree(q) == describe(parse_query(q)));
        CHECK(note(q).empty());
    }
}

TEST_CASE("lenient: unclosed quotes", "[parser]") {
    CHECK(tree("\"missing quote") == "\"missing quote\"");
    CHECK(note("\"missing quote") ==
          "query read as '\"missing quote\"': read the unclosed quote to the end of the query at column 1");
    CHECK(tree("19\" rack") == "AND(19, rack)");  // an inch sign stuck to a word is left out
    CHECK(note("19\" rack").find("left out the unpaired '\"' at column 3") != std::string::npos);
    CHECK(tree("a \"\" b") == "AND(a, b)");
    CHECK(note("a \"\" b").find("left out the empty quotes at column 3") != std::string::npos);
}

TEST_CASE("lenient: parentheses", "[parser]") {
    CHECK(tree("Syntaxisfout (operator ontbreekt ASP") == "AND(Syntaxisfout, AND(operator, ontbreekt, ASP))");
    CHECK(note("Syntaxisfout (operator ontbreekt ASP") ==
          "query read as 'Syntaxisfout (operator ontbreekt ASP)': added the missing ')' for the '(' at column 14");
    CHECK(tree("Call to undefined function: imagecreate()") == "AND(Call, to, undefined, function:, imagecreate)");
    CHECK(note("imagecreate()").find("left out the empty parentheses at column 12") != std::string::npos);
    CHECK(tree("a b) c") == "AND(a, b, c)");
    CHECK(note("a b) c").find("left out the unmatched ')' at column 4") != std::string::npos);
    CHECK(tree("a (") == "a");
    CHECK(tree("((a OR b)") == "OR(a, b)");
}

TEST_CASE("lenient: dangling operators and fields", "[parser]") {
    CHECK(tree("gordian NOT") == "gordian");
    CHECK(note("gordian NOT") == "query read as 'gordian': left out the 'NOT' at column 9 (no term after it)");
    CHECK(tree("gordian AND NOT") == "gordian");
    CHECK(tree("OR foo") == "foo");
    CHECK(tree("AND NOT windows") == "NOT(windows)");
    CHECK(tree("foo OR (something AND)") == "OR(foo, something)");
    CHECK(tree("a - b") == "AND(a, b)");
    CHECK(tree("title: kinase") == "AND(title, kinase)");
    CHECK(note("title: kinase").find("read 'title:' as the word 'title'") != std::string::npos);
    CHECK(tree("AND") == "ALL");
    CHECK(note("AND").find("nothing is left to search for") != std::string::npos);
}

TEST_CASE("strict: the same slips are errors", "[parser]") {
    for (const char* q : {"\"missing quote", "19\" rack", "imagecreate()", "a b) c", "a (", "gordian NOT", "title: x"}) {
        CHECK_THROWS_AS(parse_query(q), QueryError);
    }
}

TEST_CASE("unknown fields are named with the fields there are, in both modes", "[parser]") {
    const std::string titel = lenient_error("titel:apoptosis");
    CHECK(titel.find("unknown field 'titel:'; did you mean 'title:'?") != std::string::npos);
    CHECK(titel.find("title:, caption:, paper:, gene:, year:, organism:, figid:, pmcid:, journal:, keyword:, disease:, chemical:, author:") != std::string::npos);
    CHECK(lenient_error("abstract:nature").find("unknown field 'abstract:'") != std::string::npos);
    CHECK(lenient_error("x authors:\"Smith J\"").find("column 3: unknown field 'authors:'") != std::string::npos);
    CHECK_THROWS_AS(parse_query("Genes:HER2"), QueryError);
    // A colon that is part of a word or a URL, or a prefix that is no field anywhere, stays text.
    CHECK(tree("3':UTR") == "3':UTR");
    CHECK(tree("site:xapian.org") == "site:xapian.org");
    CHECK(tree("function: x") == "AND(function:, x)");
    CHECK(tree("authors::") == "authors::");
}

TEST_CASE("boosting is refused by name, never read as a word", "[parser]") {
    CHECK(lenient_error("HER2^2").find("boosting ('HER2^2') is not supported") != std::string::npos);
    CHECK(lenient_error("\"a b\"^3").find("boosting") != std::string::npos);
    CHECK_THROWS_AS(parse_query("EGFR^1.5"), QueryError);
    CHECK(tree("2^x") == "2^x");
}

TEST_CASE("lenient mode keeps the size and depth limits", "[parser]") {
    std::string nested = std::string(kMaxQueryDepth + 1, '(') + "a";  // unclosed, too deep
    CHECK(lenient_error(nested).find("too deeply nested") != std::string::npos);
    CHECK(lenient_error(std::string(9000, 'a')).find("query too long") != std::string::npos);
    std::string opens;  // unclosed and each with a dangling '-': refused before any repair
    for (int i = 0; i < 100; ++i) opens += "-(";
    CHECK(lenient_error(opens).find("too deeply nested") != std::string::npos);
    std::string nots = "a";  // 2,000 dangling NOTs are left out (in one sweep), the note stays one line
    for (int i = 0; i < 2000; ++i) nots += " NOT";
    CHECK(tree(nots) == "a");
    CHECK(note(nots).find("and 1997 more") != std::string::npos);
    CHECK(note(nots).find('\n') == std::string::npos);
}

TEST_CASE("closest_name finds the nearest name within the distance", "[parser]") {
    CHECK(capsearch::edit_distance("titel", "title") == 1);
    CHECK(capsearch::edit_distance("SERACH", "search") == 1);
    CHECK(capsearch::closest_name("serach", {"index", "search", "stats"}) == "search");
    CHECK(capsearch::closest_name("xyzzy", {"index", "search"}).empty());
}
