// Public API round trip: index_paths on files and folders (with a broken record), Searcher queries,
// filters and exact facets, re-indexing, IndexWriter edits, stats, check and compact.
#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "api/api_fixture.hpp"
#include "capsearch/capsearch.hpp"
#include "support/test_support.hpp"

using namespace capsearch;

namespace {

using test::figids;

SearchResult run(const Searcher& s, const std::string& query, std::size_t limit = 100) {
    SearchRequest req;
    req.query = query;
    req.limit = limit;
    return s.search(req);
}

}  // namespace

TEST_CASE("index_paths indexes files and folders, skips the broken record and reports it", "[api]") {
    test::TempDir dir;
    auto paths = test::write_api_fixture(dir.path());
    std::string db = (dir.path() / "db").string();

    std::vector<SkippedRecord> seen;
    IndexOptions options;
    options.on_skip = [&](const SkippedRecord& s) { seen.push_back(s); };
    IndexReport report = index_paths(db, paths, options);

    CHECK(report.added == test::kGoodRecords);
    CHECK(report.updated == 0);
    CHECK(report.deleted == 0);
    CHECK(report.documents == test::kGoodRecords);
    REQUIRE(report.skipped.size() == 1);
    CHECK(report.skipped[0].file.find("broken.md") != std::string::npos);
    CHECK_FALSE(report.skipped[0].reason.empty());
    REQUIRE(seen.size() == 1);
    CHECK(seen[0].file == report.skipped[0].file);
    CHECK(report.to_json().find("\"added\":5") != std::string::npos);

    Searcher searcher(db);
    SECTION("default AND, fields and phrases") {
        CHECK(figids(run(searcher, "HER2")) == std::set<std::string>{test::kSeedHer2, test::kSeedHer2NoYear});
        CHECK(figids(run(searcher, "Wnt")) == std::set<std::string>{test::kWntFish, test::kNotchMouse});
        CHECK(figids(run(searcher, "Wnt zebrafish")) == std::set<std::string>{test::kWntFish});
        CHECK(figids(run(searcher, "Wnt OR insulin")) ==
              std::set<std::string>{test::kWntFish, test::kNotchMouse, test::kInsulin});
        CHECK(figids(run(searcher, "title:notch")) == std::set<std::string>{test::kNotchMouse});
        CHECK(figids(run(searcher, "\"fin regeneration\"")) == std::set<std::string>{test::kWntFish});
        CHECK(run(searcher, "zebrafish mouse").total == 0);
    }
    SECTION("did you mean: a misspelt word is corrected from the index's words, on request") {
        SearchResult r = run(searcher, "regenaration");
        CHECK(r.total == 0);
        CHECK(r.suggestion == std::optional<std::string>("regeneration"));
        CHECK(r.to_json().find("\"suggestion\":\"regeneration\"") != std::string::npos);
        CHECK(run(searcher, "Wnt Regenaration").suggestion == std::optional<std::string>("Wnt Regeneration"));
        SearchRequest off;
        off.query = "regenaration";
        off.suggest = false;
        CHECK_FALSE(searcher.search(off).suggestion);
        // Words spelt right that match nothing together, and hits enough, get no suggestion.
        CHECK_FALSE(run(searcher, "zebrafish mouse").suggestion);
        CHECK_FALSE(run(searcher, "signaling").suggestion);
        CHECK(run(searcher, "signaling").to_json().find("\"suggestion\":null") != std::string::npos);
    }
    SECTION("a hit carries the stored fields and a highlighted snippet") {
        auto r = run(searcher, "blastema");
        REQUIRE(r.hits.size() == 1);
        const Hit& h = r.hits[0];
        CHECK(h.rank == 1);
        CHECK(h.figid == test::kWntFish);
        CHECK(h.title == "Wnt signaling in zebrafish fin regeneration");
        CHECK(h.year == 2015);
        CHECK(h.organisms == std::vector<std::string>{"Danio rerio"});
        CHECK(h.pmcid == "PMC9000001");
        CHECK(h.score > 0);
        REQUIRE_FALSE(h.highlights.empty());
        auto [b, e] = h.highlights[0];
        REQUIRE(e <= h.snippet.size());
        CHECK(h.snippet.substr(b, e - b) == "blastema");
    }
    SECTION("filters keep exactly the figures the facets promised") {
        SearchRequest req;
        req.query = "signaling";
        req.limit = 100;
        req.facets = true;
        SearchResult all = searcher.search(req);
        REQUIRE(all.facets);
        CHECK(all.total == all.hits.size());
        std::map<std::string, std::size_t> years, organisms;
        for (const auto& h : all.hits) {
            if (h.year) ++years[std::to_string(*h.year)];
            for (const auto& o : h.organisms) ++organisms[o];
        }
        CHECK((*all.facets)["year"] == years);
        CHECK((*all.facets)["organism"] == organisms);
        CHECK((*all.facets)["organism"].count("NA") == 0);

        for (const auto& [organism, count] : (*all.facets)["organism"]) {
            SearchRequest by = req;
            by.organisms = {organism};
            CHECK(searcher.search(by).total == count);
        }
        SearchRequest range = req;
        range.year_from = 2011;
        range.year_to = 2016;
        std::size_t expected = 0;
        for (const auto& [year, count] : (*all.facets)["year"]) {
            if (std::stoi(year) >= 2011 && std::stoi(year) <= 2016) expected += count;
        }
        CHECK(searcher.search(range).total == expected);
    }
    SECTION("paging and sorting by year") {
        SearchRequest req;
        req.query = "";
        req.limit = 2;
        req.offset = 1;
        req.sort = SortOrder::year;
        SearchResult page = searcher.search(req);
        CHECK(page.total == test::kGoodRecords);
        REQUIRE(page.hits.size() == 2);
        CHECK(page.hits[0].rank == 2);
        // Newest first: 2018, 2015, 2013, 2010, unknown; the page holds the 2nd and 3rd.
        CHECK(page.hits[0].figid == test::kWntFish);
        CHECK(page.hits[1].figid == test::kSeedHer2);
    }
    SECTION("stats describe the whole index") {
        IndexStats stats = searcher.stats();
        CHECK(stats.documents == test::kGoodRecords);
        CHECK(stats.year_min == 2010);
        CHECK(stats.year_max == 2018);
        CHECK(stats.figures_without_year == 1);
        CHECK(stats.organisms.at("Mus musculus") == 2);
        CHECK(stats.to_json().find("\"documents\":5") != std::string::npos);
    }
    SECTION("check and compact keep the index whole") {
        CheckReport check = check_index(db);
        CHECK(check.ok);
        CHECK(check.problems.empty());
        CHECK(check.documents == test::kGoodRecords);
        compact_index(db);
        Searcher after(db);
        CHECK(figids(run(after, "Wnt")) == std::set<std::string>{test::kWntFish, test::kNotchMouse});
    }
}

TEST_CASE("re-indexing the same paths changes nothing, a deleted file is removed", "[api]") {
    test::TempDir dir;
    auto paths = test::write_api_fixture(dir.path());
    std::string db = (dir.path() / "db").string();
    index_paths(db, paths);

    IndexReport again = index_paths(db, paths);
    CHECK(again.added == 0);
    CHECK(again.updated == 0);
    CHECK(again.deleted == 0);
    CHECK(again.unchanged == test::kGoodRecords);
    CHECK(again.documents == test::kGoodRecords);

    std::filesystem::remove(dir.path() / "records" / "notch.md");
    IndexReport synced = index_paths(db, paths);
    CHECK(synced.deleted == 1);
    CHECK(synced.documents == test::kGoodRecords - 1);
    Searcher searcher(db);
    CHECK(figids(run(searcher, "Wnt")) == std::set<std::string>{test::kWntFish});

    IndexOptions rebuild;
    rebuild.rebuild = true;
    IndexReport rebuilt = index_paths(db, paths, rebuild);
    CHECK(rebuilt.rebuilt);
    CHECK(rebuilt.documents == test::kGoodRecords - 1);
    searcher.reopen();
    CHECK(run(searcher, "").total == test::kGoodRecords - 1);
}

TEST_CASE("several shards are searched as one index", "[api]") {
    test::TempDir dir;
    auto paths = test::write_api_fixture(dir.path());
    std::string seeds = (dir.path() / "seeds").string();
    std::string records = (dir.path() / "records-db").string();
    index_paths(seeds, {paths[0], paths[1]});
    index_paths(records, {paths[2]});
    Searcher both(std::vector<std::string>{seeds, records});
    SearchRequest req;
    req.limit = 100;
    req.facets = true;
    SearchResult all = both.search(req);
    CHECK(all.total == test::kGoodRecords);
    CHECK((*all.facets)["organism"].at("Homo sapiens") == 2);
    CHECK(figids(run(both, "HER2 OR blastema")) ==
          std::set<std::string>{test::kSeedHer2, test::kSeedHer2NoYear, test::kWntFish});
    CHECK(both.stats().documents == test::kGoodRecords);
}

TEST_CASE("IndexWriter adds, replaces and removes records built in code", "[api]") {
    test::TempDir dir;
    std::string db = (dir.path() / "db").string();
    Record r;
    r.figid = "CODE1";
    r.title = "Hedgehog signaling in limb buds";
    r.caption = "Sonic hedgehog patterns the limb.";
    r.year = 2019;
    r.organisms = {"Gallus gallus"};
    {
        IndexWriter writer(db);
        CHECK_FALSE(writer.put(r));
        r.title = "Hedgehog signalling in chick limb buds";
        CHECK(writer.put(r));
        CHECK(writer.size() == 1);
        writer.commit();
    }
    Searcher searcher(db);
    auto found = run(searcher, "chick");
    REQUIRE(found.total == 1);
    CHECK(found.hits[0].title == "Hedgehog signalling in chick limb buds");
    CHECK(found.hits[0].organisms == std::vector<std::string>{"Gallus gallus"});
    {
        IndexWriter writer(db);
        CHECK(writer.remove("CODE1"));
        CHECK_FALSE(writer.remove("CODE1"));
        CHECK(writer.size() == 0);
    }  // The destructor commits.
    searcher.reopen();
    CHECK(run(searcher, "hedgehog").total == 0);
}

TEST_CASE("read_record_file and parse_record read a seed record", "[api]") {
    Record r = read_record_file((test::source_dir() / "corpus" / "004_63a7e1b5dc9271c3.txt").string());
    CHECK(r.figid == test::kSeedHer2NoYear);
    CHECK_FALSE(r.year);
    CHECK(r.organisms.empty());
    CHECK(r.pmcid == "PMC3835685");
    Record parsed = parse_record("---\nfigid: X1\nyear: '2001'\norganisms: Homo sapiens\n---\n", "x.md");
    CHECK(parsed.figid == "X1");
    CHECK(parsed.year == 2001);
    CHECK(parsed.organisms == std::vector<std::string>{"Homo sapiens"});
    CHECK(std::string(version()).find('.') != std::string::npos);
}
