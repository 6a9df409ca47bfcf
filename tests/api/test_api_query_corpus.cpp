// The query strings of Xapian's QueryParser test suite (tests/fixtures/queries/) searched leniently:
// nearly all are answered, the rest are refused with their mistake named, none fails otherwise.
#include <catch2/catch.hpp>
#include <fstream>
#include <string>
#include <vector>

#include "api/api_fixture.hpp"
#include "capsearch/capsearch.hpp"
#include "support/test_support.hpp"

using namespace capsearch;

namespace {

// Decodes the fixture's backslash escapes (\\ \n \r \t \xHH).
std::string unescape(const std::string& line) {
    std::string out;
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (line[i] != '\\' || i + 1 >= line.size()) {
            out += line[i];
            continue;
        }
        char c = line[++i];
        if (c == 'x' && i + 2 < line.size()) {
            out += static_cast<char>(std::stoi(line.substr(i + 1, 2), nullptr, 16));
            i += 2;
        } else {
            out += c == 'n' ? '\n' : c == 'r' ? '\r' : c == 't' ? '\t' : c;
        }
    }
    return out;
}

std::vector<std::string> fixture_queries() {
    std::ifstream in(test::source_dir() / "tests" / "fixtures" / "queries" / "xapian-queryparsertest.txt");
    std::vector<std::string> out;
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line[0] != '#') out.push_back(unescape(line));
    }
    return out;
}

struct Tally {
    std::size_t answered = 0;
    std::size_t named = 0;  // Refused as an unknown field or unsupported syntax.
    std::vector<std::string> failed;
};

Tally run_all(const Searcher& searcher, const std::vector<std::string>& queries, bool strict) {
    Tally t;
    for (const std::string& q : queries) {
        SearchRequest req;
        req.query = q;
        req.strict = strict;
        try {
            searcher.search(req);
            ++t.answered;
        } catch (const QueryError& e) {
            std::string m = e.what();
            if (m.find("unknown field") != std::string::npos || m.find("is not supported") != std::string::npos) {
                ++t.named;
            } else {
                t.failed.push_back(q + "  ->  " + m);
            }
        }
    }
    return t;
}

}  // namespace

TEST_CASE("Xapian's QueryParser test queries: at least 98 percent answered leniently, the rest named", "[api]") {
    const std::vector<std::string> queries = fixture_queries();
    REQUIRE(queries.size() >= 700);
    test::TempDir dir;
    std::string db = (dir.path() / "db").string();
    index_paths(db, test::write_api_fixture(dir.path()));
    Searcher searcher(db);

    Tally lenient = run_all(searcher, queries, false);
    for (const std::string& f : lenient.failed) UNSCOPED_INFO(f);
    CHECK(lenient.failed.empty());
    // With the author: field only a few queries are left to refuse by name (unsupported syntax such as
    // `x^3`, fields capsearch lacks): at least 98% of all are answered.
    CHECK(static_cast<double>(lenient.answered) >= 0.98 * static_cast<double>(queries.size()));
    CHECK(lenient.named <= queries.size() / 50);

    Tally strict = run_all(searcher, queries, true);
    CHECK(strict.answered + 100 < lenient.answered);  // the slips really are read past, not refused
}
