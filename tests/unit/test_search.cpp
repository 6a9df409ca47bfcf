// Searching a small index built in the test: default AND, OR/NOT, phrases across spellings, fields,
// filters, sorting, paging, exact facets, JSON, stats, reopen, errors, and a Searcher shared by threads.
#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "capsearch/error.hpp"
#include "capsearch/index.hpp"
#include "capsearch/search.hpp"
#include "schema/terms.hpp"
#include "support/test_support.hpp"
#include "sync_support.hpp"

using namespace capsearch;

namespace {

Record rec(std::string figid, std::string title, std::string caption, std::optional<int> year,
           std::vector<std::string> organisms, std::string pmcid = "") {
    Record r;
    r.figid = std::move(figid);
    r.title = std::move(title);
    r.caption = std::move(caption);
    r.year = year;
    r.organisms = std::move(organisms);
    r.pmcid = std::move(pmcid);
    r.papertitle = "A paper about " + r.figid;
    r.figlink = "/pmc/articles/" + r.pmcid + "/figure/" + r.figid;
    return r;
}

std::vector<Record> records() {
    return {
        rec("F1", "HER2 signaling in breast cancer",
            "HER2 drives resistance to trastuzumab. Downstream, AKT and ERK1/2 are activated.", 2013,
            {"Homo sapiens"}, "PMC111"),
        rec("F2", "ErbB2 and EGFR crosstalk", "ErbB2 heterodimers with EGFR; IL-6 secretion increases.", 2015,
            {"Mus musculus"}, "PMC222"),
        rec("F3", "Inflammation", "IL6 and TNF-α induce NF-κB in macrophages. Resistance was not observed.",
            2010, {"Homo sapiens", "Mus musculus"}, "PMC333"),
        rec("F4", "Cytokine family", "The IL 6 family in zebrafish gills; ATP depletion follows.",
            std::nullopt, {}, "PMC444"),
        rec("F5", "Yeast metabolism", "ATP synthesis and glucose signalling in budding yeast.", 2018,
            {"Saccharomyces cerevisiae"}, "PMC555"),
        rec("F6", "Drosophila Hippo pathway", "Yorkie and Warts control growth.", 2013,
            {"Drosophila melanogaster"}, "PMC666"),
    };
}

struct SmallIndex {
    test::TempDir dir;
    std::string db = (dir.path() / "db").string();
    SmallIndex() {
        IndexWriter w(db);
        for (const Record& r : records()) w.put(r);
        w.commit();
    }
};

std::vector<std::string> ids(const SearchResult& r) {
    std::vector<std::string> out;
    for (const Hit& h : r.hits) out.push_back(h.figid);
    return out;
}

std::vector<std::string> ids_of(const std::vector<std::pair<std::string, double>>& hits) {
    std::vector<std::string> out;
    for (const auto& h : hits) out.push_back(h.first);
    std::sort(out.begin(), out.end());
    return out;
}

std::set<std::string> id_set(const SearchResult& r) {
    auto v = ids(r);
    return {v.begin(), v.end()};
}

SearchRequest req(std::string q, bool synonyms = true) {
    SearchRequest r;
    r.query = std::move(q);
    r.limit = 100;
    r.synonyms = synonyms;
    return r;
}

std::set<std::string> find(const Searcher& s, const std::string& q, bool synonyms = true) {
    return id_set(s.search(req(q, synonyms)));
}

using Ids = std::set<std::string>;

}  // namespace

TEST_CASE("default AND, OR and NOT", "[search]") {
    SmallIndex idx;
    Searcher s(idx.db);
    CHECK(find(s, "HER2 resistance", false) == Ids{"F1"});
    CHECK(find(s, "HER2 AND resistance", false) == Ids{"F1"});
    CHECK(find(s, "resistance") == Ids{"F1", "F3"});
    CHECK(find(s, "Yorkie OR ATP") == Ids{"F4", "F5", "F6"});
    CHECK(find(s, "IL-6 -macrophages", false) == Ids{"F2"});
    CHECK(find(s, "IL-6 NOT macrophages", false) == Ids{"F2"});
    CHECK(find(s, "NOT ATP") == Ids{"F1", "F2", "F3", "F6"});
    CHECK(find(s, "-ATP -Yorkie") == Ids{"F1", "F2", "F3"});
    CHECK(find(s, "(Yorkie OR trastuzumab) growth") == Ids{"F6"});
}

TEST_CASE("lower-case operator words are searched as words", "[search]") {
    SmallIndex idx;
    Searcher s(idx.db);
    // "and" occurs in the titles/captions of all but F4.
    CHECK(find(s, "and") == Ids{"F1", "F2", "F3", "F5", "F6"});
    CHECK(find(s, "Yorkie or Warts").empty());  // "or" is a word no figure has
}

TEST_CASE("stemming and case", "[search]") {
    SmallIndex idx;
    Searcher s(idx.db);
    CHECK(find(s, "signal", false) == Ids{"F1", "F5"});  // signaling, signalling
    CHECK(find(s, "activate", false) == Ids{"F1"});      // activated
    CHECK(find(s, "YORKIE", false) == Ids{"F6"});
    CHECK(find(s, "yorkie", false) == Ids{"F6"});
}

TEST_CASE("the molecule ATP is not found inside gene names such as ATP8A2", "[search]") {
    test::TempDir dir;
    const std::string db = (dir.path() / "db").string();
    {
        IndexWriter w(db);
        w.put(rec("A1", "Flippases", "ATP8A2 and ATP6V0A2 in neurons.", 2020, {"Homo sapiens"}));
        w.put(rec("A2", "Energy", "ATP-dependent transport and ATP synthesis.", 2020, {"Homo sapiens"}));
        w.commit();
    }
    Searcher s(db);
    CHECK(find(s, "ATP") == Ids{"A2"});
    CHECK(find(s, "ATP", false) == Ids{"A2"});
    CHECK(find(s, "ATP8A2") == Ids{"A1"});
}

TEST_CASE("phrases match across IL-6 / IL6 / IL 6 spellings", "[search]") {
    SmallIndex idx;
    Searcher s(idx.db);
    CHECK(find(s, "\"IL 6\"", false) == Ids{"F2", "F3", "F4"});
    CHECK(find(s, "\"IL-6\"", false) == Ids{"F2", "F3", "F4"});
    CHECK(find(s, "IL6", false) == Ids{"F2", "F3"});
    CHECK(find(s, "\"glucose signalling\"", false) == Ids{"F5"});
    CHECK(find(s, "\"signalling glucose\"", false).empty());
}

TEST_CASE("gene names find every spelling through the lexicon", "[search]") {
    SmallIndex idx;
    Searcher s(idx.db);
    CHECK(find(s, "HER2") == Ids{"F1", "F2"});
    CHECK(find(s, "ERBB2") == Ids{"F1", "F2"});
    CHECK(find(s, "HER2", false) == Ids{"F1"});
    CHECK(find(s, "ErbB2", false) == Ids{"F2"});
    CHECK(find(s, "gene:HER2") == Ids{"F1", "F2"});
    CHECK(find(s, "TNF-alpha") == Ids{"F3"});
    CHECK(find(s, "NF-kappaB") == Ids{"F3"});
    CHECK(find(s, "ATP") == Ids{"F4", "F5"});  // a stop name: the word only
}

TEST_CASE("search: field prefixes", "[search]") {
    SmallIndex idx;
    Searcher s(idx.db);
    CHECK(find(s, "title:HER2") == Ids{"F1"});
    CHECK(find(s, "title:signaling") == Ids{"F1"});
    CHECK(find(s, "caption:resistance") == Ids{"F1", "F3"});
    CHECK(find(s, "title:resistance").empty());
    CHECK(find(s, "caption:\"IL 6\"") == Ids{"F2", "F3", "F4"});
    CHECK(find(s, "year:2013") == Ids{"F1", "F6"});
    CHECK(find(s, "year:2013..2015") == Ids{"F1", "F2", "F6"});
    CHECK(find(s, "year:2015..") == Ids{"F2", "F5"});
    CHECK(find(s, "year:..2012") == Ids{"F3"});
    CHECK(find(s, "organism:human") == Ids{"F1", "F3"});
    CHECK(find(s, "organism:\"mus musculus\"") == Ids{"F2", "F3"});
    CHECK(find(s, "figid:F5") == Ids{"F5"});
    CHECK(find(s, "pmcid:PMC666") == Ids{"F6"});
    CHECK(find(s, "pmcid:222") == Ids{"F2"});
    CHECK(find(s, "paper:F4") == Ids{"F4"});
    CHECK(find(s, "ATP -year:2018") == Ids{"F4"});
}

TEST_CASE("filters restrict without changing scores", "[search]") {
    SmallIndex idx;
    Searcher s(idx.db);
    SearchRequest r = req("");
    r.organisms = {"mouse"};
    CHECK(id_set(s.search(r)) == Ids{"F2", "F3"});
    r.organisms = {"Homo Sapiens", "fly"};
    CHECK(id_set(s.search(r)) == Ids{"F1", "F3", "F6"});
    r.organisms.clear();
    r.year_from = 2013;
    CHECK(id_set(s.search(r)) == Ids{"F1", "F2", "F5", "F6"});  // unknown year dropped
    r.year_to = 2013;
    CHECK(id_set(s.search(r)) == Ids{"F1", "F6"});
    r.year_from.reset();
    r.year_to = 2012;
    CHECK(id_set(s.search(r)) == Ids{"F3"});

    SearchRequest plain = req("resistance");
    SearchRequest filtered = plain;
    filtered.organisms = {"human"};
    filtered.year_from = 2000;
    auto a = s.search(plain);
    auto b = s.search(filtered);
    REQUIRE(a.hits.size() == 2);
    REQUIRE(b.hits.size() == 2);
    for (std::size_t i = 0; i < 2; ++i) {
        CHECK(a.hits[i].figid == b.hits[i].figid);
        CHECK(a.hits[i].score == Approx(b.hits[i].score));
    }
}

TEST_CASE("empty query matches all, scores and ranks", "[search]") {
    SmallIndex idx;
    Searcher s(idx.db);
    SearchResult r = s.search(req(""));
    CHECK(r.total == 6);
    CHECK(r.hits.size() == 6);
    for (std::size_t i = 0; i < r.hits.size(); ++i) CHECK(r.hits[i].rank == i + 1);
    SearchResult h = s.search(req("HER2 OR resistance", false));
    REQUIRE(h.hits.size() == 2);
    CHECK(h.hits[0].figid == "F1");  // both words
    CHECK(h.hits[0].score > h.hits[1].score);
}

TEST_CASE("sort by year: newest first, relevance breaks ties, unknown years last", "[search]") {
    SmallIndex idx;
    Searcher s(idx.db);
    SearchRequest r = req("");
    r.sort = SortOrder::year;
    std::vector<std::string> order = ids(s.search(r));
    REQUIRE(order.size() == 6);
    CHECK(order[0] == "F5");
    CHECK(order[1] == "F2");
    CHECK(std::set<std::string>{order[2], order[3]} == Ids{"F1", "F6"});
    CHECK(order[4] == "F3");
    CHECK(order[5] == "F4");
    r.query = "ATP OR Yorkie OR resistance";
    order = ids(s.search(r));
    REQUIRE(order.size() == 5);
    CHECK(order[0] == "F5");
    CHECK(std::set<std::string>{order[1], order[2]} == Ids{"F1", "F6"});
    CHECK(order[3] == "F3");
    CHECK(order[4] == "F4");
    // Same year: the better match first (F6 names two of the words, F1 one).
    r.query = "Yorkie OR Warts OR trastuzumab";
    CHECK(ids(s.search(r)) == std::vector<std::string>{"F6", "F1"});
}

TEST_CASE("offset and limit page through an exact total", "[search]") {
    SmallIndex idx;
    Searcher s(idx.db);
    SearchRequest all = req("");
    std::vector<std::string> full = ids(s.search(all));
    std::vector<std::string> paged;
    for (std::size_t off = 0; off < 8; off += 4) {
        SearchRequest r = req("");
        r.offset = off;
        r.limit = 4;
        SearchResult page = s.search(r);
        CHECK(page.total == 6);
        CHECK(page.offset == off);
        CHECK(page.limit == 4);
        for (std::size_t i = 0; i < page.hits.size(); ++i) CHECK(page.hits[i].rank == off + i + 1);
        for (const Hit& h : page.hits) paged.push_back(h.figid);
    }
    CHECK(paged == full);
    SearchRequest beyond = req("");
    beyond.offset = 50;
    SearchResult none = s.search(beyond);
    CHECK(none.hits.empty());
    CHECK(none.total == 6);
    SearchRequest zero = req("ATP");
    zero.limit = 0;
    SearchResult counted = s.search(zero);
    CHECK(counted.hits.empty());
    CHECK(counted.total == 2);
}

TEST_CASE("facets count every match exactly, with filters applied", "[search]") {
    SmallIndex idx;
    Searcher s(idx.db);
    SearchRequest r = req("");
    r.limit = 1;
    r.facets = true;
    SearchResult all = s.search(r);
    REQUIRE(all.facets);
    CHECK((*all.facets)["year"] ==
          std::map<std::string, std::size_t>{{"2010", 1}, {"2013", 2}, {"2015", 1}, {"2018", 1}});
    CHECK((*all.facets)["organism"] == std::map<std::string, std::size_t>{{"Drosophila melanogaster", 1},
                                                                     {"Homo sapiens", 2},
                                                                     {"Mus musculus", 2},
                                                                     {"Saccharomyces cerevisiae", 1}});
    r.query = "IL-6";
    r.organisms = {"mouse"};
    SearchResult f = s.search(r);
    CHECK(f.total == 2);
    CHECK((*f.facets)["year"] == std::map<std::string, std::size_t>{{"2010", 1}, {"2015", 1}});
    CHECK((*f.facets)["organism"] == std::map<std::string, std::size_t>{{"Homo sapiens", 1}, {"Mus musculus", 2}});
    CHECK_FALSE(s.search(req("")).facets.has_value());
}

TEST_CASE("hits carry the stored fields and a highlighted snippet", "[search]") {
    SmallIndex idx;
    Searcher s(idx.db);
    SearchResult r = s.search(req("HER2"));
    REQUIRE(r.hits.size() == 2);
    const Hit* f2 = r.hits[0].figid == "F2" ? &r.hits[0] : &r.hits[1];
    CHECK(f2->title == "ErbB2 and EGFR crosstalk");
    CHECK(f2->year == 2015);
    CHECK(f2->organisms == std::vector<std::string>{"Mus musculus"});
    CHECK(f2->pmcid == "PMC222");
    CHECK(f2->papertitle == "A paper about F2");
    CHECK(f2->figlink == "/pmc/articles/PMC222/figure/F2");
    REQUIRE_FALSE(f2->highlights.empty());
    // The HER2 query highlights ErbB2: the lexicon finds the gene under its other name.
    auto [b, e] = f2->highlights.front();
    CHECK(f2->snippet.substr(b, e - b) == "ErbB2");
    // The title is highlighted the same way.
    REQUIRE(f2->title_highlights.size() == 1);
    auto [tb, te] = f2->title_highlights.front();
    CHECK(f2->title.substr(tb, te - tb) == "ErbB2");
    SearchResult unknown = s.search(req("Cytokine"));
    REQUIRE(unknown.hits.size() == 1);
    CHECK_FALSE(unknown.hits[0].year.has_value());
    CHECK(unknown.hits[0].organisms.empty());
}

TEST_CASE("figures indexed before gene names were stored are highlighted as before", "[search]") {
    // The small index and a figure naming genes only under names the queries below do not spell,
    // which only recognition (at indexing, or at search as before) finds.
    test::TempDir dir;
    const std::string db = (dir.path() / "db").string();
    {
        IndexWriter w(db);
        for (const Record& r : records()) w.put(r);
        w.put(rec("F7", "Cyclooxygenase-2 in colitis",
                  "Cyclooxygenase-2 and p65 drive inflammation in the colon.", 2020, {"Mus musculus"},
                  "PMC777"));
        w.commit();
    }
    auto highlighted = [&](const std::string& query) {
        Searcher s(db);
        SearchRequest r = req(query);
        r.snippet_length = 40;
        std::vector<std::tuple<std::string, std::string, std::string, std::string>> out;
        for (const Hit& h : s.search(r).hits) {
            out.emplace_back(h.figid, h.snippet, nlohmann::json(h.highlights).dump(),
                             nlohmann::json(h.title_highlights).dump());
        }
        return out;
    };
    const std::vector<std::string> queries = {
        "COX-2", "RELA inflammation", "HER2", "NF-kappaB", "IL-6 resistance", "TNF-alpha", "ERBB2 EGFR"};
    std::vector<decltype(highlighted(""))> stored;
    for (const std::string& q : queries) stored.push_back(highlighted(q));
    REQUIRE(stored[0].size() == 1);
    CHECK(std::get<1>(stored[0][0]) == "Cyclooxygenase-2 and p65 drive…");
    CHECK(std::get<2>(stored[0][0]) == "[[0,16]]");
    CHECK(std::get<3>(stored[0][0]) == "[[0,16]]");
    REQUIRE(stored[1].size() == 1);
    CHECK(std::get<2>(stored[1][0]) != "[]");

    // Rewrite every document as an older capsearch wrote it: no gene names in its data.
    {
        const std::filesystem::path live = std::filesystem::path(db) / test::sync::live_generation(db);
        Xapian::WritableDatabase w(live.string(), Xapian::DB_OPEN);
        std::size_t stripped = 0;
        for (auto it = w.postlist_begin(""); it != w.postlist_end(""); ++it) {
            Xapian::Document doc = w.get_document(*it);
            auto data = nlohmann::json::parse(doc.get_data());
            stripped += data.erase("caption_genes") + data.erase("title_genes");
            doc.set_data(data.dump());
            w.replace_document(*it, doc);
        }
        w.commit();
        CHECK(stripped == 2 * (records().size() + 1));
    }
    for (std::size_t i = 0; i < queries.size(); ++i) {
        INFO(queries[i]);
        CHECK(highlighted(queries[i]) == stored[i]);
    }
}

TEST_CASE("phrases read from pair terms match and rank as phrases over positions", "[search]") {
    test::TempDir dir;
    const std::string db = (dir.path() / "db").string();
    {
        IndexWriter w(db);
        for (const Record& r : records()) w.put(r);
        w.put(rec("P1", "Cell cycle arrest", "Cell cycle arrest follows DNA damage; the cell cycle resumes.",
                  2019, {"Homo sapiens"}, "PMC901"));
        // "cell" ends the title and "cycle" starts the caption: no phrase across fields.
        w.put(rec("P2", "Signals of the cell", "Cycle of kinases; IL-6 signaling in cell culture.", 2020,
                  {"Homo sapiens"}, "PMC902"));
        Record keywords = rec("P3", "Keywords apart", "Kinases cycle through states.", 2021, {}, "PMC903");
        keywords.keywords = {"cell", "cycle arrest"};  // Items never join into a phrase either.
        w.put(keywords);
        w.put(rec("P4", "Arrest of the cell cycle", "IL 6 signaling and NF kappa B in cell cycle arrest.",
                  2018, {"Mus musculus"}, "PMC904"));
        w.commit();
    }
    const std::vector<std::string> queries = {"\"cell cycle\"",
                                              "\"cell cycle arrest\"",
                                              "title:\"cell cycle\"",
                                              "caption:\"cell cycle arrest\"",
                                              "\"cycle arrest\"",
                                              "\"IL-6 signaling\"",
                                              "\"IL 6 signaling\"",
                                              "\"NF kappa B\" arrest",
                                              "\"cell cycle\" OR HER2",
                                              "arrest -\"cell cycle\"",
                                              "\"the cell cycle resumes\"",
                                              "\"cell culture\""};
    auto answers = [&] {
        Searcher s(db);
        std::vector<std::vector<std::pair<std::string, double>>> out;
        for (const std::string& q : queries) {
            std::vector<std::pair<std::string, double>> hits;
            for (const Hit& h : s.search(req(q)).hits) hits.emplace_back(h.figid, h.score);
            out.push_back(std::move(hits));
        }
        return out;
    };
    const std::filesystem::path live = std::filesystem::path(db) / test::sync::live_generation(db);
    auto set_pairs_flag = [&](const std::string& value) {
        Xapian::WritableDatabase w(live.string(), Xapian::DB_OPEN);
        w.set_metadata(terms::kMetaPhrasePairs, value);
        w.commit();
    };
    REQUIRE(Xapian::Database(live.string()).get_metadata(terms::kMetaPhrasePairs) == "1");
    const auto from_pairs = answers();
    CHECK(ids_of(from_pairs[0]) == std::vector<std::string>{"P1", "P4"});
    CHECK(ids_of(from_pairs[1]) == std::vector<std::string>{"P1", "P4"});
    CHECK(ids_of(from_pairs[2]) == std::vector<std::string>{"P1", "P4"});
    // P3's keywords "cell" and "cycle arrest" hold "cycle arrest", not "cell cycle".
    CHECK(ids_of(from_pairs[4]) == std::vector<std::string>{"P1", "P3", "P4"});

    // The same index read as one whose documents lack pairs: phrases over positions alone.
    set_pairs_flag("");
    CHECK_FALSE(Searcher(db).stats().phrase_pairs);
    const auto from_positions = answers();
    for (std::size_t i = 0; i < queries.size(); ++i) {
        INFO(queries[i]);
        CHECK(from_pairs[i] == from_positions[i]);
    }

    // The pairs are what the first answers read: without them, phrases whose pairs are gone find nothing.
    {
        Xapian::WritableDatabase w(live.string(), Xapian::DB_OPEN);
        CHECK(test::sync::remove_phrase_pairs(w) > 0);
        w.commit();
    }
    set_pairs_flag("1");
    const auto without_pairs = answers();
    CHECK(without_pairs[0].empty());
    CHECK(without_pairs[1].empty());
    CHECK(without_pairs[2].empty());
    set_pairs_flag("");
    CHECK(answers() == from_positions);
}

TEST_CASE("JSON output follows the documented schema", "[search]") {
    SmallIndex idx;
    Searcher s(idx.db);
    SearchRequest r = req("IL-6 OR Cytokine");
    r.facets = true;
    std::string text = s.search(r).to_json();
    CHECK(text.find('\n') == std::string::npos);
    auto j = nlohmann::json::parse(text);
    CHECK(j["query"] == "IL-6 OR Cytokine");
    CHECK(j["total"] == 3);
    CHECK(j["offset"] == 0);
    CHECK(j["limit"] == 100);
    REQUIRE(j["hits"].size() == 3);
    for (const auto& h : j["hits"]) {
        for (const char* key : {"rank", "figid", "score", "title", "year", "organisms", "pmcid", "snippet",
                                "highlights", "title_highlights", "papertitle", "figlink"}) {
            CHECK(h.contains(key));
        }
        if (h["figid"] == "F4") CHECK(h["year"].is_null());
    }
    CHECK(j["facets"]["year"]["2015"] == 1);
    CHECK(j["facets"]["organism"]["Mus musculus"] == 2);
    CHECK_FALSE(nlohmann::json::parse(s.search(req("IL-6")).to_json()).contains("facets"));
}

TEST_CASE("stats summarise the index", "[search]") {
    SmallIndex idx;
    Searcher s(idx.db);
    IndexStats st = s.stats();
    CHECK(st.documents == 6);
    CHECK(st.year_min == 2010);
    CHECK(st.year_max == 2018);
    CHECK(st.organisms["Homo sapiens"] == 2);
    CHECK(st.organisms["Mus musculus"] == 2);
    CHECK(st.figures_without_year == 1);
    CHECK(st.figures_without_organism == 1);
    CHECK(st.size_bytes > 0);
    CHECK_FALSE(st.lexicon_id.empty());
    CHECK(st.lexicon_names > 0);
    CHECK(st.phrase_pairs);
    CHECK(st.path == idx.db);
    auto j = nlohmann::json::parse(st.to_json());
    CHECK(j["documents"] == 6);
    CHECK(j["year_min"] == 2010);
    CHECK(j["organisms"]["Homo sapiens"] == 2);
}

TEST_CASE("reopen makes new commits visible", "[search]") {
    SmallIndex idx;
    Searcher s(idx.db);
    CHECK(find(s, "Hippo") == Ids{"F6"});
    {
        IndexWriter w(idx.db);
        w.put(rec("F7", "Hippo signalling in mouse liver", "YAP and TAZ.", 2020, {"Mus musculus"}));
        w.remove("F6");
        w.commit();
    }
    s.reopen();
    CHECK(find(s, "Hippo") == Ids{"F7"});
    CHECK(s.stats().documents == 6);
}

TEST_CASE("facets follow commits: changed, added and removed figures are counted anew", "[search]") {
    SmallIndex idx;
    Searcher s(idx.db);
    SearchRequest r = req("");
    r.facets = true;
    CHECK((*s.search(r).facets)["year"].at("2013") == 2);  // builds the facet table of the first revision
    {
        IndexWriter w(idx.db);
        Record f1 = records()[0];
        f1.year = 2020;
        f1.organisms = {"Danio rerio"};
        w.put(f1);  // replaces F1: 2013 -> 2020, human -> zebrafish
        w.put(rec("F7", "Hippo signalling in mouse liver", "YAP and TAZ.", 2020, {"Mus musculus"}));
        w.remove("F6");
        w.commit();
    }
    s.reopen();
    SearchResult after = s.search(r);
    CHECK(after.total == 6);
    CHECK((*after.facets)["year"] ==
          std::map<std::string, std::size_t>{{"2010", 1}, {"2015", 1}, {"2018", 1}, {"2020", 2}});
    CHECK((*after.facets)["organism"] ==
          std::map<std::string, std::size_t>{
              {"Danio rerio", 1}, {"Homo sapiens", 1}, {"Mus musculus", 3}, {"Saccharomyces cerevisiae", 1}});
}

TEST_CASE("the organism filter follows commits: an organism new to the index is found after reopen", "[search]") {
    SmallIndex idx;
    Searcher s(idx.db);
    SearchRequest r = req("");
    r.organisms = {"zebrafish"};
    CHECK_THROWS_AS(s.search(r), Error);  // no zebrafish yet: the list of the first revision is kept
    r.organisms = {"mouse"};
    CHECK(id_set(s.search(r)) == std::set<std::string>{"F2", "F3"});
    {
        IndexWriter w(idx.db);
        w.put(rec("F7", "Fin regeneration", "Wnt signalling in the fin.", 2021, {"Danio rerio"}));
        w.put(rec("F8", "Mouse liver", "YAP and TAZ.", 2020, {"Mus musculus"}));
        w.commit();
    }
    s.reopen();
    r.organisms = {"zebrafish"};
    CHECK(id_set(s.search(r)) == std::set<std::string>{"F7"});
    r.organisms = {"mouse"};
    CHECK(id_set(s.search(r)) == std::set<std::string>{"F2", "F3", "F8"});
    // A second searcher of the same state shares the list and answers the same.
    Searcher t(idx.db);
    CHECK(id_set(t.search(r)) == std::set<std::string>{"F2", "F3", "F8"});
}

TEST_CASE("facets over shards count each shard's figures once", "[search]") {
    test::TempDir dir;
    const std::string a = (dir.path() / "a").string();
    const std::string b = (dir.path() / "b").string();
    const std::vector<Record> all = records();
    {
        IndexWriter wa(a);
        IndexWriter wb(b);
        for (std::size_t i = 0; i < all.size(); ++i) (i % 2 == 0 ? wa : wb).put(all[i]);
        wa.commit();
        wb.commit();
    }
    Searcher s(std::vector<std::string>{a, b});
    SearchRequest r = req("");
    r.facets = true;
    SearchResult res = s.search(r);
    CHECK(res.total == all.size());
    CHECK((*res.facets)["year"] ==
          std::map<std::string, std::size_t>{{"2010", 1}, {"2013", 2}, {"2015", 1}, {"2018", 1}});
    CHECK((*res.facets)["organism"] == std::map<std::string, std::size_t>{{"Drosophila melanogaster", 1},
                                                                     {"Homo sapiens", 2},
                                                                     {"Mus musculus", 2},
                                                                     {"Saccharomyces cerevisiae", 1}});
    r.query = "resistance";
    SearchResult q = s.search(r);
    CHECK(id_set(q) == Ids{"F1", "F3"});
    CHECK((*q.facets)["year"] == std::map<std::string, std::size_t>{{"2010", 1}, {"2013", 1}});
}

TEST_CASE("errors: missing index, malformed query, bad request", "[search]") {
    test::TempDir dir;
    try {
        Searcher s((dir.path() / "nothing").string());
        FAIL("opened a missing index");
    } catch (const DatabaseError& e) {
        CHECK(e.code() == ErrorCode::database_not_found);
        CHECK(std::string(e.what()).find("nothing") != std::string::npos);
    }
    test::write_file(dir.path() / "empty" / "README", "not an index");
    CHECK_THROWS_AS(Searcher((dir.path() / "empty").string()), DatabaseError);

    SmallIndex idx;
    Searcher s(idx.db);
    for (const char* slip : {"\"unclosed", "a AND"}) {
        SearchRequest strict = req(slip);
        strict.strict = true;
        CHECK_THROWS_AS(s.search(strict), QueryError);
        CHECK_FALSE(s.search(req(slip)).query_note.empty());
    }
    SearchRequest bad = req("x");
    bad.year_from = 2015;
    bad.year_to = 2010;
    try {
        s.search(bad);
        FAIL("accepted a reversed year range");
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::invalid_argument);
    }
    SearchRequest badbm = req("x");
    badbm.bm25.b = 2.0;
    CHECK_THROWS_AS(s.search(badbm), Error);
}

TEST_CASE("BM25 parameters change the ranking weights", "[search]") {
    SmallIndex idx;
    Searcher s(idx.db);
    SearchRequest a = req("ATP");
    SearchRequest b = a;
    b.bm25.k1 = 0.0;  // no term-frequency component: every matching figure scores the same idf
    auto ra = s.search(a);
    auto rb = s.search(b);
    REQUIRE(rb.hits.size() == 2);
    CHECK(rb.hits[0].score == Approx(rb.hits[1].score));
    CHECK(ra.hits[0].score != Approx(rb.hits[0].score));
}

TEST_CASE("a Searcher shared by 4 threads gives the sequential results", "[search]") {
    SmallIndex idx;
    Searcher s(idx.db);
    const std::vector<std::string> queries = {
        "HER2", "IL-6",       "\"IL 6\"",       "ATP OR Yorkie",   "NOT ATP",
        "",     "resistance", "organism:human", "year:2010..2015", "Akt"};
    std::vector<std::string> expected;
    for (const auto& q : queries) {
        SearchRequest r = req(q);
        r.facets = true;
        expected.push_back(s.search(r).to_json());
    }
    std::vector<std::vector<std::string>> got(4);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int round = 0; round < 25; ++round) {
                for (const auto& q : queries) {
                    SearchRequest r = req(q);
                    r.facets = true;
                    got[t].push_back(s.search(r).to_json());
                }
            }
        });
    }
    for (auto& th : threads) th.join();
    for (int t = 0; t < 4; ++t) {
        REQUIRE(got[t].size() == 25 * queries.size());
        for (std::size_t i = 0; i < got[t].size(); ++i) CHECK(got[t][i] == expected[i % queries.size()]);
    }
}

TEST_CASE("explanations use the index's lexicon", "[search]") {
    SmallIndex idx;
    Searcher s(idx.db);
    std::string text = s.explain_text("HER2");
    CHECK(text.find("ERBB2") != std::string::npos);
    auto j = nlohmann::json::parse(s.explain_json("HER2"));
    CHECK(j.dump().find("ERBB2") != std::string::npos);
    CHECK(s.explain_text("ATP").find("ERBB2") == std::string::npos);
}

TEST_CASE("reopen follows a rebuild that switched generations", "[search]") {
    test::TempDir dir;
    const std::string db = (dir.path() / "db").string();
    auto record_file = [&](const std::string& figid, const std::string& title) {
        test::write_file(dir.path() / "records" / (figid + ".md"), "---\nfigid: " + figid +
                                                                       "\nfigtitle: " + title +
                                                                       "\ncaption: A caption.\nyear: '2012'\n"
                                                                       "organisms: Homo sapiens\n---\n");
    };
    record_file("G1", "Notch signalling");
    const std::string folder = (dir.path() / "records").string();
    index_paths(db, {folder});
    Searcher s(db);
    CHECK(find(s, "Notch") == Ids{"G1"});
    std::filesystem::remove(dir.path() / "records" / "G1.md");
    record_file("G2", "Wnt signalling");
    IndexOptions rebuild;
    rebuild.rebuild = true;
    IndexReport report = index_paths(db, {folder}, rebuild);
    REQUIRE(report.rebuilt);
    s.reopen();
    CHECK(find(s, "Notch").empty());
    CHECK(find(s, "Wnt") == Ids{"G2"});
    CHECK(s.stats().documents == 1);
    // Searches after the switch keep working (handles of the old generation are gone from the pool).
    for (int i = 0; i < 5; ++i) CHECK(find(s, "signalling") == Ids{"G2"});
}

TEST_CASE("reopen() concurrent with searches", "[search]") {
    SmallIndex idx;
    Searcher s(idx.db);
    const std::string expected = s.search(req("HER2 OR ATP")).to_json();
    std::atomic<bool> stop{false};
    std::thread reopener([&] {
        while (!stop) s.reopen();
    });
    std::vector<std::thread> threads;
    std::atomic<int> mismatches{0};
    for (int t = 0; t < 3; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 40; ++i) {
                if (s.search(req("HER2 OR ATP")).to_json() != expected) ++mismatches;
            }
        });
    }
    for (auto& th : threads) th.join();
    stop = true;
    reopener.join();
    CHECK(mismatches == 0);
}
