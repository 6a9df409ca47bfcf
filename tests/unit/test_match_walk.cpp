// The walk over a query's posting lists (searcher/match_walk.hpp) against Xapian's own matcher: the
// same documents for the queries users type, for every operator it plans, and for random trees of the
// index's terms, over one database and over two shards opened as one; the operators it must not plan;
// and searches that count through it returning what the matcher's exact count returns.
#include <xapian.h>

#include <catch2/catch.hpp>
#include <random>
#include <vector>

#include "capsearch/index.hpp"
#include "capsearch/search.hpp"
#include "matcher_support.hpp"
#include "schema/lexicon_store.hpp"
#include "schema/terms.hpp"
#include "searcher/enrich.hpp"
#include "searcher/facet_table.hpp"
#include "searcher/facets.hpp"
#include "searcher/match_walk.hpp"
#include "searcher/query_builder.hpp"
#include "searcher/query_parser.hpp"
#include "support/test_support.hpp"
#include "test_lexicon_support.hpp"
#include "unit/sync_support.hpp"

using namespace capsearch;
using namespace capsearch::test;
using namespace capsearch::test::sync;
using search::MatchWalk;
using Q = Xapian::Query;

namespace {

std::vector<Xapian::docid> walked(const Xapian::Database& db, const Q& query) {
    std::optional<MatchWalk> walk = MatchWalk::plan(db, query);
    REQUIRE(walk);
    std::vector<Xapian::docid> out;
    for (Xapian::docid did = walk->next(); did != 0; did = walk->next()) out.push_back(did);
    CHECK(walk->next() == 0);  // stays at its end
    return out;
}

Q built(const Xapian::Database& db, const std::string& text) {
    return search::build_query(search::parse_query(text), *fixture_lexicon(), true, {&db, true}).query;
}

// An index of 60 records made from the real ones (the fixtures without ../shared), in 1 or 2 shards.
struct WalkIndex {
    TempDir tmp;
    fs::path db = tmp.path() / "db";
    explicit WalkIndex(unsigned shards) {
        const fs::path records = tmp.path() / "records";
        write_corpus(records, "MW", 0, 60, record_templates());
        index_paths(db.string(), {records.string()}, with_shards(shards));
    }
    Xapian::Database open(unsigned shards) const {
        if (shards <= 1) return Xapian::Database(db.string());
        Xapian::Database all;
        for (unsigned k = 0; k < shards; ++k)
            all.add_database(Xapian::Database((db / ("shard-" + std::to_string(k))).string()));
        return all;
    }
};

// Terms of the index by how many figures hold them: frequent ones make ANDs meet, rare ones make
// skips long.
std::vector<std::string> sample_terms(const Xapian::Database& db) {
    std::vector<std::string> out;
    for (auto it = db.allterms_begin(); it != db.allterms_end(); ++it) {
        const std::string term = *it;
        if (it.get_termfreq() >= 2 && (out.size() < 400 || it.get_termfreq() > db.get_doccount() / 4))
            out.push_back(term);
    }
    return out;
}

// A random boolean tree of `terms` (with an absent term now and then) using every planned operator.
Q random_query(std::mt19937& rng, const std::vector<std::string>& terms, int depth) {
    auto pick = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); };
    if (depth == 0 || pick(4) == 0) {
        switch (pick(12)) {
            case 0:
                return Q("XXabsent-term");
            case 1:
                return Q::MatchAll;
            case 2:
                return Q::MatchNothing;
            default:
                return Q(terms[pick(terms.size())]);
        }
    }
    std::vector<Q> kids;
    const std::size_t n = 2 + pick(3);
    for (std::size_t i = 0; i < n; ++i) kids.push_back(random_query(rng, terms, depth - 1));
    static constexpr Q::op kOps[] = {Q::OP_AND,     Q::OP_OR,        Q::OP_SYNONYM, Q::OP_FILTER,
                                     Q::OP_AND_NOT, Q::OP_AND_MAYBE, Q::OP_MAX};
    const Q::op op = kOps[pick(std::size(kOps))];
    Q q(op, kids.begin(), kids.end());
    return pick(5) == 0 ? Q(Q::OP_SCALE_WEIGHT, q, 0.0) : q;
}

}  // namespace

TEST_CASE("the walk finds what the matcher finds, for typed queries and random trees of terms",
          "[match_walk]") {
    for (unsigned shards : {1u, 2u}) {
        INFO("shards: " << shards);
        WalkIndex index(shards);
        const Xapian::Database db = index.open(shards);
        REQUIRE(db.get_doccount() == 60);

        for (const std::string text :
             {"signaling", "pathway", "HER2", "TNF", "title:cancer", "caption:cell", "cell OR protein",
              "cell AND protein", "cell NOT protein", "cancer -cell", "\"cell cycle\"",
              "\"signaling pathway\"", "gene:TP53", "p53 OR AKT1 OR mTOR",
              "(cell OR kinase) AND NOT (protein OR receptor)", "*"}) {
            INFO(text);
            const Q query = built(db, text);
            if (std::optional<MatchWalk> walk = MatchWalk::plan(db, query))
                CHECK(walked(db, query) == matched(db, query));
        }
        CHECK(walked(db, built(db, "signaling")).size() > 5);

        const std::vector<std::string> terms = sample_terms(db);
        REQUIRE(terms.size() > 100);
        std::mt19937 rng(20261205 + shards);
        std::size_t nonempty = 0;
        for (int i = 0; i < 400; ++i) {
            const Q query = random_query(rng, terms, 3);
            INFO(query.get_description());
            const std::vector<Xapian::docid> found = walked(db, query);
            CHECK(found == matched(db, query));
            nonempty += !found.empty();
        }
        CHECK(nonempty > 100);  // the trees are not trivially empty
    }
}

TEST_CASE("the walk plans boolean trees of terms and nothing that needs positions or values",
          "[match_walk]") {
    WalkIndex index(1);
    const Xapian::Database db = index.open(1);
    const Q a("signaling"), b("pathway");
    CHECK(MatchWalk::plan(db, Q(Q::OP_AND, a, Q(Q::OP_OR, b, Q::MatchAll))));
    CHECK(MatchWalk::plan(db, Q(Q::OP_SCALE_WEIGHT, Q(Q::OP_AND_NOT, a, b), 0.0)));
    CHECK_FALSE(MatchWalk::plan(db, Q(Q::OP_PHRASE, a, b)));
    CHECK_FALSE(MatchWalk::plan(db, Q(Q::OP_NEAR, a, b)));
    CHECK_FALSE(MatchWalk::plan(db, Q(Q::OP_XOR, a, b)));
    CHECK_FALSE(MatchWalk::plan(db, Q(Q::OP_ELITE_SET, a, b)));
    CHECK_FALSE(MatchWalk::plan(db, Q(Q::OP_VALUE_RANGE, 0, "a", "z")));
    CHECK_FALSE(MatchWalk::plan(db, Q(Q::OP_WILDCARD, "sig")));
    CHECK_FALSE(MatchWalk::plan(db, Q(Q::OP_OR, a, Q(Q::OP_PHRASE, a, b))));  // one such operand is enough

    // Deeper than kMaxDepth: planned as nothing rather than recursing without bound.
    Q deep = a;
    for (int i = 0; i <= MatchWalk::kMaxDepth; ++i)
        deep = Q(Q::OP_AND_NOT, deep, Q("XXabsent-" + std::to_string(i)));
    CHECK_FALSE(MatchWalk::plan(db, deep));

    // Worth it where the weight comes from alternatives; an AND or a filter checks every candidate.
    CHECK(MatchWalk::pays_for(a));
    CHECK(MatchWalk::pays_for(Q(Q::OP_SYNONYM, a, b)));
    CHECK(MatchWalk::pays_for(Q(Q::OP_OR, a, b)));
    CHECK_FALSE(MatchWalk::pays_for(Q(Q::OP_AND, a, b)));
    CHECK_FALSE(MatchWalk::pays_for(Q(Q::OP_FILTER, a, b)));
}

TEST_CASE("searches counted by the walk return what the matcher's exact count returns",
          "[match_walk][search]") {
    WalkIndex index(1);
    const Xapian::Database db = index.open(1);
    const Searcher searcher(index.db.string());
    const auto lexicon = analysis::open_index_lexicon(db, {index.db.string()}, index.db.string()).lexicon;
    std::size_t walked_queries = 0;
    for (const std::string text : {"signaling", "pathway", "cell", "HER2", "TNF", "title:cancer",
                                   "cell OR protein", "cancer OR kinase OR receptor", "gene:TP53"}) {
        INFO(text);
        SearchRequest request;
        request.query = text;
        request.limit = 7;
        request.offset = 2;
        request.facets = true;
        const SearchResult result = searcher.search(request);

        // The matcher alone, weighing every match, as a search did before the walk.
        const search::BuiltQuery b =
            search::build_query(search::parse_query(text), *lexicon, true, {&db, true});
        walked_queries += MatchWalk::pays_for(b.query) && MatchWalk::plan(db, b.query).has_value();
        Xapian::Enquire enquire(db);
        enquire.set_query(b.query);
        const Bm25Params p;
        enquire.set_weighting_scheme(Xapian::BM25Weight(p.k1, p.k2, p.k3, p.b, p.min_normlen));
        search::FacetSpies spies;
        spies.attach(enquire);
        const Xapian::MSet mset = enquire.get_mset(2, 7, db.get_doccount());

        CHECK(result.total == mset.get_matches_estimated());
        REQUIRE(result.hits.size() == mset.size());
        std::size_t i = 0;
        for (auto it = mset.begin(); it != mset.end(); ++it, ++i) {
            CHECK(result.hits[i].figid == it.get_document().get_value(terms::kSlotFigid));
            CHECK(result.hits[i].score == Approx(it.get_weight()).epsilon(1e-12));
        }
        const Facets expected = spies.collect();
        REQUIRE(result.facets);
        REQUIRE(result.facets->fields.size() == expected.fields.size());
        for (std::size_t k = 0; k < expected.fields.size(); ++k)
            CHECK(result.facets->fields[k] == expected.fields[k]);
    }
    CHECK(walked_queries >= 7);
}

TEST_CASE("figures selected for enrichment and export by the walk are the matcher's",
          "[match_walk][enrich]") {
    WalkIndex index(1);
    const Xapian::Database db = index.open(1);
    const auto lexicon = analysis::open_index_lexicon(db, {index.db.string()}, index.db.string()).lexicon;
    // With the facet table, filters (a year range too) are checked against its codes as the walk goes.
    const search::ShardFacetTables codes{{search::FacetTable::build(db, *search::facet_table_key({db}))}};
    std::size_t nonempty = 0;
    for (const std::string text :
         {"signaling", "cell AND protein", "\"signaling pathway\"", "cancer -cell", "HER2", ""}) {
        for (const std::vector<std::string>& organisms :
             {std::vector<std::string>{}, std::vector<std::string>{"human"}}) {
            for (const std::optional<int> from : {std::optional<int>(), std::optional<int>(2015)}) {
                for (const std::optional<int> to : {std::optional<int>(), std::optional<int>(2019)}) {
                    INFO(text << " / organisms " << organisms.size() << " / " << from.value_or(0) << ".."
                              << to.value_or(0));
                    const search::Selection selection{text, true, from, to, organisms};
                    const auto matched_ids = search::select_documents(db, *lexicon, selection, true, false);
                    CHECK(search::select_documents(db, *lexicon, selection, true, true) == matched_ids);
                    CHECK(search::select_documents(db, *lexicon, selection, true, true, codes) ==
                          matched_ids);
                    CHECK(search::select_documents(db, *lexicon, selection, true, false, codes) ==
                          matched_ids);
                    nonempty += matched_ids && !matched_ids->empty();
                }
            }
        }
    }
    CHECK(nonempty > 20);
}
