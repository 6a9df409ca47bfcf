// Year and organism filters checked against the facet table's codes (searcher/facet_filter.hpp): the
// same documents as the index's own filters, for the filter alone (it then leads the match), under a
// word or an OR (it then checks the candidates), over a gap left by a removed figure; and a search
// whose cached codes are damaged answers from the index again.
#include <xapian.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "capsearch/index.hpp"
#include "capsearch/search.hpp"
#include "filter_figures.hpp"
#include "matcher_support.hpp"
#include "searcher/facet_filter.hpp"
#include "searcher/facet_table.hpp"
#include "searcher/facet_table_cache.hpp"
#include "searcher/query_builder.hpp"
#include "support/test_support.hpp"
#include "test_lexicon_support.hpp"

namespace fs = std::filesystem;
using namespace capsearch;
using Q = Xapian::Query;
using capsearch::test::matched;

namespace {

void write_index(const std::string& path) {
    IndexWriter w(path);
    test::put_filter_figures(w);
}

}  // namespace

TEST_CASE("filters from facet codes match what the index's filters match", "[facets][filters]") {
    test::TempDir dir;
    const std::string path = (dir.path() / "db").string();
    write_index(path);
    const Xapian::Database db(path);
    const auto table = search::FacetTable::build(db, *search::facet_table_key({db}));

    const std::vector<std::vector<std::string>> organism_lists = {
        {}, {"Homo sapiens"}, {"human"}, {"mouse", "rat"}, {"E. coli"}, {"Danio rerio", "Homo sapiens"}};
    const std::vector<std::pair<std::optional<int>, std::optional<int>>> ranges = {
        {std::nullopt, std::nullopt}, {2010, 2020}, {2000, std::nullopt}, {std::nullopt, 1999}, {2024, 2024},
        {2030, std::nullopt},         {1990, 2030}};
    const std::vector<Q> queries = {
        Q::MatchAll, Q("XXabsent"),
        search::build_query(search::parse_query("apoptosis"), *test::fixture_lexicon(), false, {&db, false})
            .query,
        search::build_query(search::parse_query("apoptosis OR kinase"), *test::fixture_lexicon(), false,
                            {&db, false})
            .query};
    std::size_t nonempty = 0;
    for (const auto& organisms : organism_lists) {
        for (const auto& [from, to] : ranges) {
            if (organisms.empty() && !from && !to) continue;
            for (std::size_t q = 0; q < queries.size(); ++q) {
                INFO("query " << q << ", years " << from.value_or(0) << ".." << to.value_or(0)
                              << ", organisms " << organisms.size());
                const auto expected = matched(db, search::with_filters(db, queries[q], from, to, organisms));
                const auto got =
                    matched(db, search::with_filters(db, queries[q], from, to, organisms, table));
                CHECK(got == expected);
                if (!expected.empty()) ++nonempty;
            }
        }
    }
    CHECK(nonempty > 40);  // the comparisons are not all of empty sets

    // An organism the index does not hold is the same error either way.
    CHECK_THROWS_AS(
        search::with_filters(db, Q::MatchAll, std::nullopt, std::nullopt, {"Homo sapienz"}, table), Error);
    // No filter: the query itself.
    CHECK(search::facet_code_filter(table, std::nullopt, std::nullopt, {}).get_description() ==
          Q(Q::MatchAll).get_description());
}

TEST_CASE("filters from facet codes follow the matcher's skips and checks in any order",
          "[facets][filters]") {
    test::TempDir dir;
    const std::string path = (dir.path() / "db").string();
    write_index(path);
    const Xapian::Database db(path);
    const auto table = search::FacetTable::build(db, *search::facet_table_key({db}));
    // Random trees of the filter and the index's terms: the matcher drives the filter by next(),
    // skip_to() and check() in whatever order its plan takes, and each must land where the index's
    // own filter, in the same place of the same tree, lands.
    std::vector<std::string> terms;
    for (auto it = db.allterms_begin(); it != db.allterms_end(); ++it)
        if (it.get_termfreq() >= 3) terms.push_back(*it);
    REQUIRE(terms.size() > 10);
    std::mt19937 rng(7);
    auto pick = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); };
    static constexpr Q::op kOps[] = {Q::OP_AND, Q::OP_OR, Q::OP_AND_NOT, Q::OP_FILTER, Q::OP_AND_MAYBE};
    std::size_t nonempty = 0;
    for (int round = 0; round < 300; ++round) {
        const int from = 1990 + static_cast<int>(pick(35));
        const int to = from + static_cast<int>(pick(15));
        const std::vector<std::string> orgs =
            pick(2) ? std::vector<std::string>{"human"} : std::vector<std::string>{};
        const Q code = search::facet_code_filter(table, from, to, search::organism_keys(db, orgs, true));
        const Q index = orgs.empty()
                            ? search::year_filter(from, to)
                            : Q(Q::OP_AND, search::year_filter(from, to), search::organism_filter(db, orgs));
        const Q a(terms[pick(terms.size())]);
        const Q b(terms[pick(terms.size())]);
        const Q::op inner = kOps[pick(std::size(kOps))];
        const Q::op outer = kOps[pick(std::size(kOps))];
        const bool filter_first = pick(2);
        auto tree = [&](const Q& filter) {
            const Q in = filter_first ? Q(inner, filter, a) : Q(inner, a, filter);
            return Q(outer, in, b);
        };
        INFO("round " << round << ": " << tree(index).get_description());
        const auto expected = matched(db, tree(index));
        CHECK(matched(db, tree(code)) == expected);
        if (!expected.empty()) ++nonempty;
    }
    CHECK(nonempty > 100);
}

TEST_CASE("a facet code source is where the matcher's calls leave it", "[facets][filters]") {
    test::TempDir dir;
    const std::string path = (dir.path() / "db").string();
    write_index(path);
    const Xapian::Database db(path);
    const auto table = search::FacetTable::build(db, *search::facet_table_key({db}));
    // The figures of 2000..2010 in order, from the index.
    const std::vector<Xapian::docid> all = matched(db, search::year_filter(2000, 2010));
    REQUIRE(all.size() > 10);
    auto source = search::facet_code_source(table, 2000, 2010, {});
    REQUIRE(source);
    auto passes = [&](Xapian::docid did) { return std::binary_search(all.begin(), all.end(), did); };
    auto next_from = [&](Xapian::docid did) {  // the first passing document at or after did
        auto it = std::lower_bound(all.begin(), all.end(), did);
        return it == all.end() ? Xapian::docid(0) : *it;
    };

    // next() alone visits exactly the passing documents.
    source->init(db);
    std::vector<Xapian::docid> visited;
    for (source->next(0); !source->at_end(); source->next(0)) visited.push_back(source->get_docid());
    CHECK(visited == all);

    // A failed check() is "not here"; checking the same document again fails again, and skip_to() or
    // next() from there lands on the next passing document, never on the failed one.
    Xapian::docid failing = 0;
    for (Xapian::docid d = all.front(); d < all.back(); ++d)
        if (!passes(d)) {
            failing = d;
            break;
        }
    REQUIRE(failing != 0);
    for (int how = 0; how < 3; ++how) {
        INFO("after a failed check: " << how);
        source->init(db);
        CHECK_FALSE(source->check(failing, 0));
        if (how == 0) {
            CHECK_FALSE(source->check(failing, 0));
            continue;
        }
        if (how == 1) source->skip_to(failing, 0);
        if (how == 2) source->next(0);
        REQUIRE_FALSE(source->at_end());
        CHECK(source->get_docid() == next_from(failing + 1));
    }
    // A passing check() stays put for an earlier or equal document; a skip backwards does not move.
    source->init(db);
    CHECK(source->check(all[3], 0));
    CHECK(source->get_docid() == all[3]);
    CHECK(source->check(all[2], 0));
    source->skip_to(all[1], 0);
    CHECK(source->get_docid() == all[3]);
    source->next(0);
    CHECK(source->get_docid() == all[4]);
    // Past the last document: at its end.
    source->skip_to(static_cast<Xapian::docid>(table->rows) + 5, 0);
    CHECK(source->at_end());
    CHECK_FALSE(search::facet_code_source(table, std::nullopt, std::nullopt, {}));
}

TEST_CASE("a filtered search whose cached codes are damaged answers from the index",
          "[facets][filters][cache]") {
    test::TempDir dir;
    const std::string path = (dir.path() / "db").string();
    write_index(path);
    const test::CacheHome home(dir.path() / "cache");
    const fs::path folder = dir.path() / "cache" / "capsearch" / "facets";
    SearchRequest req;
    req.query = "pathway";
    req.year_from = 2000;
    req.year_to = 2015;
    req.organisms = {"human"};
    req.limit = 200;
    req.bm25.k2 = 1.0;  // the query-length term: a filter's terms must not change the scores

    // Without a table at hand (no facets asked, nothing cached) the index's filters answer.
    const SearchResult by_index = Searcher(path).search(req);
    CHECK_FALSE(fs::exists(folder));
    REQUIRE(by_index.total > 5);

    SearchRequest faceted = req;
    faceted.facets = true;
    const SearchResult by_codes = Searcher(path).search(faceted);  // builds and caches the table
    REQUIRE(fs::exists(folder));
    CHECK(by_codes.total == by_index.total);
    REQUIRE(by_codes.hits.size() == by_index.hits.size());
    for (std::size_t i = 0; i < by_codes.hits.size(); ++i) {
        CHECK(by_codes.hits[i].figid == by_index.hits[i].figid);
        CHECK(by_codes.hits[i].score == Approx(by_index.hits[i].score));
    }
    const SearchResult cached = Searcher(path).search(req);  // no facets: the cached table's codes
    CHECK(cached.total == by_index.total);

    // Every code overwritten: the filter reads them, finds the damage, and the search answers again
    // from the index (and drops the file).
    fs::path file;
    for (const auto& e : fs::directory_iterator(folder)) file = e.path();
    const auto table = search::load_facet_table(folder, *search::facet_table_key({Xapian::Database(path)}));
    REQUIRE(table);
    std::string bad = test::read_file(file);
    const std::size_t codes = (table->rows - 1) * table->row_bytes;
    for (std::size_t i = bad.size() - codes; i < bad.size(); ++i) bad[i] = '\x7e';
    test::write_file(file, bad);
    const SearchResult again = Searcher(path).search(req);
    CHECK(again.total == by_index.total);
    CHECK((!fs::exists(file) || test::read_file(file) != bad));
}
