// Facets and filters over several local shards through a facet table per shard (searcher/facets.hpp,
// facet_pass.hpp, facet_filter.hpp): the same counts, totals and hits as one index of the same
// figures, a cached table per shard, the code filter initialised per shard by the matcher, and a
// damaged shard table answered from the index.
#include <xapian.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "capsearch/enrich.hpp"
#include "capsearch/index.hpp"
#include "capsearch/search.hpp"
#include "filter_figures.hpp"
#include "matcher_support.hpp"
#include "schema/fields.hpp"
#include "searcher/facet_filter.hpp"
#include "searcher/facet_table.hpp"
#include "searcher/facet_table_cache.hpp"
#include "searcher/query_builder.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;
using namespace capsearch;
using Q = Xapian::Query;
using capsearch::test::matched;

namespace {

// The same `count` figures as one index at dir/one and as 3 local shards at dir/sharded.
struct TwoLayouts {
    test::TempDir dir;
    std::string one = (dir.path() / "one").string();
    std::string sharded = (dir.path() / "sharded").string();
    explicit TwoLayouts(int count = 150) {
        {
            IndexWriter w(one);
            test::put_filter_figures(w, count);
        }
        const fs::path empty = dir.path() / "no-records";
        fs::create_directories(empty);
        IndexOptions o;
        o.shards = 3;
        index_paths(sharded, {empty.string()}, o);
        IndexWriter w(sharded);
        test::put_filter_figures(w, count);
    }
};

// The hits as (score, figid), sorted: figures of equal weight come in document id order, and the
// ids differ between the layouts.
std::vector<std::pair<long long, std::string>> ranked(const SearchResult& r) {
    std::vector<std::pair<long long, std::string>> out;
    for (const Hit& h : r.hits) out.emplace_back(std::llround(-h.score * 1e6), h.figid);
    std::sort(out.begin(), out.end());
    return out;
}

std::size_t files_in(const fs::path& folder) {
    if (!fs::exists(folder)) return 0;
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(folder)) ++n;
    return n;
}

// Overwrites every code of shard-0's cached table in `folder` (the damage a search must detect where it
// reads a code); returns the file and its damaged bytes.
std::pair<fs::path, std::string> damage_shard0_table(const std::string& sharded, const fs::path& folder) {
    const Xapian::Database shard0((fs::path(sharded) / "shard-0").string());
    const fs::path file = folder / search::facet_table_file_name(*search::facet_table_key({shard0}));
    REQUIRE(fs::exists(file));
    const auto table = search::load_facet_table(folder, *search::facet_table_key({shard0}));
    REQUIRE(table);
    std::string bad = test::read_file(file);
    const std::size_t codes = (table->rows - 1) * table->row_bytes;
    for (std::size_t i = bad.size() - codes; i < bad.size(); ++i) bad[i] = '\x7e';
    test::write_file(file, bad);
    return {file, bad};
}

}  // namespace

TEST_CASE("local shards count facets and filter through a table each, as one index does",
          "[facets][shards][filters]") {
    const TwoLayouts layouts;
    const test::CacheHome home(layouts.dir.path() / "cache");
    const fs::path folder = layouts.dir.path() / "cache" / "capsearch" / "facets";
    const Searcher one(layouts.one);
    const Searcher sharded(layouts.sharded);

    // Filtered searches before any table exists: the index's filters on both.
    std::vector<SearchRequest> requests;
    for (const char* q : {"apoptosis", "pathway", "apoptosis OR kinase", "kinase"}) {
        for (int variant = 0; variant < 6; ++variant) {
            SearchRequest r;
            r.query = q;
            r.limit = 200;
            if (variant == 1 || variant == 3) r.year_from = 2005;
            if (variant == 1) r.year_to = 2018;
            if (variant == 2 || variant == 3) r.organisms = {"human"};
            if (variant == 4) r.sort = SortOrder::year;
            if (variant == 5) r.facet_names = {"organism", "journal"};
            requests.push_back(r);
        }
    }
    std::size_t nonempty = 0;
    for (int pass = 0; pass < 3; ++pass) {
        // Pass 0: no facets, nothing cached (the index's filters). Pass 1: facets, which build a table
        // per shard (and filter through them). Pass 2: no facets, the tables at hand.
        for (SearchRequest r : requests) {
            r.facets = pass == 1;
            if (pass != 1) r.facet_names.clear();
            INFO("pass " << pass << ", '" << r.query << "', years " << r.year_from.value_or(0) << ".."
                         << r.year_to.value_or(0) << ", organisms " << r.organisms.size());
            const SearchResult a = one.search(r);
            const SearchResult b = sharded.search(r);
            CHECK(b.total == a.total);
            // Single words weigh the same over shards: the same figures with the same weights.
            CHECK(ranked(b) == ranked(a));
            REQUIRE(a.facets.has_value() == r.facets);
            REQUIRE(b.facets.has_value() == r.facets);
            if (r.facets) {
                REQUIRE(b.facets->fields.size() == a.facets->fields.size());
                for (std::size_t f = 0; f < a.facets->fields.size(); ++f) {
                    CHECK(b.facets->fields[f].first == a.facets->fields[f].first);
                    CHECK(b.facets->fields[f].second == a.facets->fields[f].second);
                    for (const auto& [value, n] : a.facets->fields[f].second) nonempty += n > 0;
                }
            }
        }
        // A table per shard (3) and the one index's: cached once the facets asked for them.
        CHECK(files_in(folder) == (pass == 0 ? 0u : 4u));
    }
    CHECK(nonempty > 50);  // the counts compared are not all empty
}

TEST_CASE("a facet code filter over local shards finds each shard's table", "[facets][shards][filters]") {
    const TwoLayouts layouts;
    std::vector<Xapian::Database> shards;
    Xapian::Database all;
    for (int k = 0; k < 3; ++k) {
        shards.emplace_back((fs::path(layouts.sharded) / ("shard-" + std::to_string(k))).string());
        all.add_database(shards.back());
    }
    std::vector<std::shared_ptr<const search::FacetTable>> tables;
    for (const Xapian::Database& s : shards)
        tables.push_back(search::FacetTable::build(s, *search::facet_table_key({s})));

    // A combined document id's values, through the table of the shard Xapian interleaved it from.
    const search::ShardFacetTables by_shard{tables};
    const auto fields = schema::facet_fields();
    std::size_t values = 0;
    for (Xapian::docid did = 1; did <= all.get_lastdocid(); ++did) {
        Xapian::Document doc;
        try {
            doc = all.get_document(did);
        } catch (const Xapian::DocNotFoundError&) {
            continue;  // the removed figure, or past a shorter shard's end
        }
        for (std::size_t i = 0; i < fields.size(); ++i) {
            const std::string expected = doc.get_value(static_cast<Xapian::valueno>(fields[i]->slot));
            CHECK(by_shard.value(did, i) == expected);
            values += !expected.empty();
        }
    }
    CHECK(values > 300);

    std::size_t nonempty = 0;
    const Q word("XCapoptosis");
    for (const Q& query : {Q(Q::MatchAll), word}) {
        for (const auto& [from, to, orgs] :
             std::vector<std::tuple<std::optional<int>, std::optional<int>, std::vector<std::string>>>{
                 {2000, 2015, {}},
                 {std::nullopt, 2001, {"human"}},
                 {std::nullopt, std::nullopt, {"mouse", "rat"}}}) {
            const Q index = Q(Q::OP_FILTER, query,
                              orgs.empty()   ? search::year_filter(from, to)
                              : (from || to) ? Q(Q::OP_AND, search::year_filter(from, to),
                                                 search::organism_filter(all, orgs))
                                             : search::organism_filter(all, orgs));
            const Q code =
                Q(Q::OP_FILTER, query,
                  search::facet_code_filter(tables, from, to, search::organism_keys(all, orgs, true)));
            const auto expected = matched(all, index);
            CHECK(matched(all, code) == expected);
            nonempty += !expected.empty();
        }
    }
    CHECK(nonempty >= 4);

    // A shard without its table is an error, not a filter read from another shard's codes.
    const std::vector<std::shared_ptr<const search::FacetTable>> two = {tables[0], tables[1]};
    CHECK_THROWS_AS(matched(all, search::facet_code_filter(two, 2000, 2015, {})),
                    Xapian::InvalidArgumentError);
}

TEST_CASE("a damaged shard table is answered from the index", "[facets][shards][cache]") {
    const TwoLayouts layouts;
    const test::CacheHome home(layouts.dir.path() / "cache");
    const fs::path folder = layouts.dir.path() / "cache" / "capsearch" / "facets";
    SearchRequest req;
    req.query = "pathway";
    req.year_from = 2000;
    req.organisms = {"human"};
    req.limit = 200;
    req.facets = true;
    const SearchResult expected = Searcher(layouts.one).search(req);
    fs::remove_all(folder);
    const SearchResult built = Searcher(layouts.sharded).search(req);  // caches a table per shard
    CHECK(built.total == expected.total);
    REQUIRE(files_in(folder) == 3);

    // Every code of one shard's file overwritten: the search reads them, finds the damage and answers
    // again from tables built from the index.
    const auto [file, bad] = damage_shard0_table(layouts.sharded, folder);
    const SearchResult again = Searcher(layouts.sharded).search(req);
    CHECK(again.total == expected.total);
    CHECK(ranked(again) == ranked(expected));
    REQUIRE(again.facets);
    CHECK(again.facets->fields == expected.facets->fields);
    CHECK((!fs::exists(file) || test::read_file(file) != bad));
}

TEST_CASE("shards of one figure or none count and filter exactly", "[facets][shards][filters]") {
    // Xapian 1.4 estimates a match's total from its parts' estimates, unclamped: a code filter that
    // claimed a table's rows (one more than the figures here) made one match two.
    for (int count : {1, 2, 4}) {
        const TwoLayouts layouts(count);
        const test::CacheHome home(layouts.dir.path() / "cache");
        for (int variant = 0; variant < 4; ++variant) {
            SearchRequest r;
            r.query = "pathway";
            r.facets = variant != 3;  // the last: the tables cached by the others, no facets
            if (variant == 1 || variant == 3) r.year_from = 1996;
            if (variant == 2 || variant == 3) r.organisms = {"human"};
            INFO(count << " figures, variant " << variant);
            const SearchResult a = Searcher(layouts.one).search(r);
            const SearchResult b = Searcher(layouts.sharded).search(r);
            CHECK(b.total == a.total);
            CHECK(b.hits.size() == a.hits.size());
            CHECK(ranked(b) == ranked(a));
            if (r.facets) CHECK(b.facets->fields == a.facets->fields);
        }
    }
}

TEST_CASE("a searcher over local shards keeps its gene table while no shard changes", "[enrich][shards]") {
    // The gene table of local shards is kept per state of every shard (search::local_state_key): the
    // same enrichment as one index, and a change to one shard is seen after reopen().
    test::TempDir dir;
    const std::string one = (dir.path() / "one").string();
    const std::string sharded = (dir.path() / "sharded").string();
    const fs::path empty = dir.path() / "no-records";
    fs::create_directories(empty);
    IndexOptions o;
    o.shards = 3;
    index_paths(sharded, {empty.string()}, o);
    static const std::vector<std::string> kGenes = {"ERBB2", "EGFR", "TP53", "AKT1", "MYC"};
    auto put = [&](IndexWriter& w, int i, std::vector<std::string> genes) {
        Record r;
        r.figid = "GS" + std::to_string(i);
        r.title = "Figure " + std::to_string(i);
        r.caption = i % 3 == 0 ? "apoptosis pathway" : "pathway";
        if (i % 7 != 0) r.year = 2000 + i % 20;
        if (i % 2 == 0) r.organisms = {i % 4 == 0 ? "Homo sapiens" : "Mus musculus"};
        r.genes = std::move(genes);
        w.put(r);
    };
    for (const std::string& path : {one, sharded}) {
        IndexWriter w(path);
        for (int i = 0; i < 40; ++i) {
            std::vector<std::string> genes;
            for (std::size_t g = 0; g < kGenes.size(); ++g)
                if ((i >> g) % 2 == 1 || g == static_cast<std::size_t>(i) % kGenes.size())
                    genes.push_back(kGenes[g]);
            put(w, i, genes);
        }
        w.commit();
    }
    Searcher a(one);
    Searcher b(sharded);
    EnrichRequest request;
    request.genes = {"ERBB2", "EGFR"};
    request.limit = 100;
    auto hits = [&](const Searcher& s) {
        std::vector<std::tuple<std::string, std::size_t, long long>> out;
        for (const EnrichHit& h : s.enrich(request).hits)
            out.emplace_back(h.figid, h.overlap, std::llround(h.log10_pvalue * 1e9));
        return out;
    };
    const auto before = hits(a);
    REQUIRE(before.size() > 10);
    CHECK(hits(b) == before);
    CHECK(hits(b) == before);  // the kept table

    // A figure with both genes and nothing else, in whichever shard its figid names.
    for (const std::string& path : {one, sharded}) {
        IndexWriter w(path);
        put(w, 1000, {"ERBB2", "EGFR"});
        w.commit();
    }
    a.reopen();
    b.reopen();
    const auto after = hits(a);
    CHECK(after != before);
    CHECK(std::count_if(after.begin(), after.end(), [](const auto& h) {
              return std::get<0>(h) == "GS1000" && std::get<1>(h) == 2;
          }) == 1);
    CHECK(hits(b) == after);
}

TEST_CASE("local shards select and count an enrichment's figures through their tables",
          "[enrich][shards][facets]") {
    // Filters and facets of an enrichment over 3 local shards read a table per shard (the combined
    // ids mapped to each shard's own): the same hits, totals and facets as one index.
    const TwoLayouts layouts;
    const test::CacheHome home(layouts.dir.path() / "cache");
    // Gene sets for the figures of put_filter_figures(), through a second writer pass.
    static const std::vector<std::string> kGenes = {"ERBB2", "EGFR", "TP53", "AKT1", "MYC"};
    for (const std::string& path : {layouts.one, layouts.sharded}) {
        IndexWriter w(path);
        const Searcher s(path);
        SearchRequest all;
        all.limit = 1000;
        for (const Hit& h : s.search(all).hits) {
            Record r;
            r.figid = h.figid;
            r.title = h.title;
            r.caption = "pathway";
            r.year = h.year;
            r.organisms = h.organisms;
            const int i = std::stoi(h.figid.substr(2));
            for (std::size_t g = 0; g < kGenes.size(); ++g)
                if ((i >> g) % 2 == 1) r.genes.push_back(kGenes[g]);
            w.put(r);
        }
        w.commit();
    }
    const Searcher one(layouts.one);
    const Searcher sharded(layouts.sharded);
    auto summary = [](const EnrichResult& r) {
        std::vector<std::tuple<std::string, std::size_t, long long>> out;
        for (const EnrichHit& h : r.hits)
            out.emplace_back(h.figid, h.overlap, std::llround(h.log10_pvalue * 1e9));
        return out;
    };
    std::size_t nonempty = 0;
    for (int variant = 0; variant < 5; ++variant) {
        EnrichRequest r;
        r.genes = {"ERBB2", "TP53"};
        r.limit = 1000;
        r.facets = variant < 3;  // the last two: the tables the first three cached
        if (variant == 1 || variant == 3) {
            r.year_from = 2003;
            r.year_to = 2016;
        }
        if (variant == 2 || variant == 4) r.organisms = {"human", "rat"};
        INFO("variant " << variant);
        const EnrichResult a = one.enrich(r);
        const EnrichResult b = sharded.enrich(r);
        CHECK(b.total == a.total);
        CHECK(b.tested == a.tested);
        CHECK(summary(b) == summary(a));
        REQUIRE(a.facets.has_value() == r.facets);
        REQUIRE(b.facets.has_value() == r.facets);
        if (r.facets) CHECK(b.facets->fields == a.facets->fields);
        nonempty += a.total > 0;
    }
    CHECK(nonempty == 5);

    // The filters did read the shards' cached tables: one damaged, the enrichment answers again from
    // tables built from the index, which replace the file.
    const auto [file, bad] =
        damage_shard0_table(layouts.sharded, layouts.dir.path() / "cache" / "capsearch" / "facets");
    EnrichRequest r;
    r.genes = {"ERBB2", "TP53"};
    r.limit = 1000;
    r.organisms = {"human", "rat"};
    const Searcher fresh(layouts.sharded);
    CHECK(summary(fresh.enrich(r)) == summary(one.enrich(r)));
    CHECK((!fs::exists(file) || test::read_file(file) != bad));
}
