// Integration on ../shared/corpus/pfocr: index every record, then check searches against answers the
// test computes itself from the records it read (never from the engine): known figures, exact totals,
// facet counts and the filters they promise, and that re-indexing the same folder changes nothing.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "capsearch/index.hpp"
#include "capsearch/record.hpp"
#include "capsearch/search.hpp"
#include "support/test_support.hpp"

using namespace capsearch;
namespace fs = std::filesystem;

namespace {

using Ids = std::set<std::string>;

struct Corpus {
    std::map<std::string, Record> records;  // figid -> record
    std::size_t files = 0;
    test::TempDir dir;
    std::string db = (dir.path() / "db").string();
    IndexReport report;
};

// Indexed once per test run and shared by the test cases below.
const Corpus& corpus(const fs::path& shared) {
    static std::unique_ptr<Corpus> c;
    if (c) return *c;
    c = std::make_unique<Corpus>();
    fs::path folder = shared / "corpus" / "pfocr";
    for (const auto& entry : fs::directory_iterator(folder)) {
        if (entry.path().extension() != ".md") continue;
        ++c->files;
        Record r = read_record_file(entry.path().string());
        c->records.emplace(r.figid, std::move(r));
    }
    c->report = index_paths(c->db, {folder.string()});
    return *c;
}

std::string lower(std::string s) {
    for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return s;
}

// True when a record organism is `name` or one of its strains or subspecies ("Escherichia coli" covers
// "Escherichia coli BL21DE3"): what an organism filter of that name matches.
bool covers(const std::string& name, const std::string& organism) {
    const std::string n = lower(name);
    const std::string o = lower(organism);
    return o == n || (o.size() > n.size() && o.compare(0, n.size(), n) == 0 && o[n.size()] == ' ');
}

bool has_organism(const Record& r, const std::string& name) {
    return std::any_of(r.organisms.begin(), r.organisms.end(), [&](const std::string& o) { return covers(name, o); });
}

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80); }

// True when `text` holds `word` as a whole word, ignoring ASCII case.
bool has_word(const std::string& text, const std::string& word) {
    std::string t = lower(text);
    std::string w = lower(word);
    for (std::size_t at = t.find(w); at != std::string::npos; at = t.find(w, at + 1)) {
        bool left = at == 0 || !word_char(t[at - 1]);
        bool right = at + w.size() >= t.size() || !word_char(t[at + w.size()]);
        if (left && right) return true;
    }
    return false;
}

std::string main_text(const Record& r) { return r.title + "\n" + r.caption + "\n" + r.papertitle; }

std::string all_text(const Record& r) {
    std::string out = main_text(r) + "\n" + r.reftext + "\n" + r.journal + "\n" + r.doi;
    for (const auto* list : {&r.keywords, &r.genes, &r.gene_words, &r.organisms, &r.organisms_ner}) {
        for (const auto& s : *list) out += "\n" + s;
    }
    return out;
}

SearchRequest req(const std::string& q, bool synonyms = true) {
    SearchRequest r;
    r.query = q;
    r.limit = 1000;
    r.synonyms = synonyms;
    return r;
}

Ids ids(const SearchResult& r) {
    Ids out;
    for (const Hit& h : r.hits) out.insert(h.figid);
    return out;
}

template <typename Pred>
Ids where(const Corpus& c, Pred pred) {
    Ids out;
    for (const auto& [id, r] : c.records) {
        if (pred(r)) out.insert(id);
    }
    return out;
}

bool subset(const Ids& a, const Ids& b) { return std::includes(b.begin(), b.end(), a.begin(), a.end()); }

}  // namespace

TEST_CASE("corpus: every record is indexed", "[corpus]") {
    CAPSEARCH_REQUIRE_SHARED_OR_SKIP(shared);
    const Corpus& c = corpus(shared);
    CHECK(c.files == 193);
    CHECK(c.records.size() == c.files);  // figids are unique
    CHECK(c.report.skipped.empty());
    CHECK(c.report.documents == c.records.size());
    Searcher s(c.db);
    CHECK(s.stats().documents == c.records.size());
    CHECK(s.search(req("")).total == c.records.size());
}

TEST_CASE("corpus: figid, pmcid, year and organism answers known from the records", "[corpus]") {
    CAPSEARCH_REQUIRE_SHARED_OR_SKIP(shared);
    const Corpus& c = corpus(shared);
    Searcher s(c.db);
    for (const auto& [id, r] : c.records) {
        INFO(id);
        CHECK(ids(s.search(req("figid:" + id))) == Ids{id});
        if (!r.pmcid.empty()) {
            Ids expected = where(c, [&](const Record& o) { return o.pmcid == r.pmcid; });
            CHECK(ids(s.search(req("pmcid:" + r.pmcid))) == expected);
        }
    }
    std::set<int> years;
    std::set<std::string> organisms;
    for (const auto& [id, r] : c.records) {
        if (r.year) years.insert(*r.year);
        organisms.insert(r.organisms.begin(), r.organisms.end());
    }
    REQUIRE(years.size() > 5);
    REQUIRE(organisms.size() > 5);
    for (int y : years) {
        INFO(y);
        Ids expected = where(c, [&](const Record& r) { return r.year == y; });
        CHECK(ids(s.search(req("year:" + std::to_string(y)))) == expected);
        SearchRequest f = req("");
        f.year_from = y;
        f.year_to = y;
        CHECK(ids(s.search(f)) == expected);
    }
    SearchRequest range = req("");
    range.year_from = 2010;
    range.year_to = 2015;
    CHECK(ids(s.search(range)) ==
          where(c, [](const Record& r) { return r.year && *r.year >= 2010 && *r.year <= 2015; }));
    range.year_from.reset();
    CHECK(ids(s.search(range)) == where(c, [](const Record& r) { return r.year && *r.year <= 2015; }));
    for (const std::string& o : organisms) {
        INFO(o);
        Ids expected = where(c, [&](const Record& r) { return has_organism(r, o); });
        SearchRequest f = req("");
        f.organisms = {o};
        CHECK(ids(s.search(f)) == expected);
        CHECK(ids(s.search(req("organism:\"" + o + "\""))) == expected);
    }
    SearchRequest human = req("");
    human.organisms = {"human"};
    CHECK(ids(s.search(human)) == where(c, [](const Record& r) {
              return std::find(r.organisms.begin(), r.organisms.end(), "Homo sapiens") != r.organisms.end();
          }));
}

TEST_CASE("corpus: word queries find the records that contain the word", "[corpus]") {
    CAPSEARCH_REQUIRE_SHARED_OR_SKIP(shared);
    const Corpus& c = corpus(shared);
    Searcher s(c.db);
    // word, and the stem every match must contain somewhere in its text.
    const std::vector<std::pair<std::string, std::string>> words = {
        {"glycolysis", "glycoly"}, {"autophagy", "autophag"},       {"insulin", "insulin"}, {"Wnt", "wnt"},
        {"apoptosis", "apoptos"},  {"mitochondria", "mitochondri"},
    };
    for (const auto& [word, root] : words) {
        INFO(word);
        Ids must = where(c, [&](const Record& r) { return has_word(main_text(r), word); });
        Ids may =
            where(c, [&](const Record& r) { return lower(all_text(r)).find(root) != std::string::npos; });
        REQUIRE_FALSE(must.empty());
        Ids got = ids(s.search(req(word, false)));
        CHECK(subset(must, got));
        CHECK(subset(got, may));
    }
    // Two words: both, in any field.
    Ids both = ids(s.search(req("insulin glycolysis", false)));
    Ids either = ids(s.search(req("insulin OR glycolysis", false)));
    Ids ins = ids(s.search(req("insulin", false)));
    Ids gly = ids(s.search(req("glycolysis", false)));
    Ids inter, uni;
    std::set_intersection(ins.begin(), ins.end(), gly.begin(), gly.end(), std::inserter(inter, inter.end()));
    std::set_union(ins.begin(), ins.end(), gly.begin(), gly.end(), std::inserter(uni, uni.end()));
    CHECK(both == inter);
    CHECK(either == uni);
    Ids all = ids(s.search(req("")));
    Ids not_ins = ids(s.search(req("NOT insulin", false)));
    CHECK(not_ins.size() + ins.size() == all.size());
    for (const auto& id : ins) CHECK(not_ins.count(id) == 0);

    // A gene asked by one name finds figures naming it another way, or listing it.
    Ids her2 = ids(s.search(req("HER2")));
    Ids named = where(c, [](const Record& r) {
        std::string t = main_text(r);
        return has_word(t, "HER2") || t.find("ERBB2") != std::string::npos ||
               t.find("ErbB2") != std::string::npos;
    });
    REQUIRE_FALSE(named.empty());
    CHECK(subset(named, her2));
    CHECK(ids(s.search(req("ERBB2"))) == her2);
}

TEST_CASE("corpus: totals are exact and facets equal the counts over the hits", "[corpus]") {
    CAPSEARCH_REQUIRE_SHARED_OR_SKIP(shared);
    const Corpus& c = corpus(shared);
    Searcher s(c.db);
    for (const std::string q : {"", "apoptosis", "insulin OR glycolysis", "HER2", "NOT apoptosis",
                                "signaling pathway", "Akt", "year:2015..", "\"NF-κB\""}) {
        INFO("query: " << q);
        SearchRequest r = req(q);
        r.facets = true;
        SearchResult res = s.search(r);
        CHECK(res.total == res.hits.size());
        REQUIRE(res.facets);
        std::map<std::string, std::size_t> years, organisms;
        for (const Hit& h : res.hits) {
            const Record& rec = c.records.at(h.figid);
            if (rec.year) ++years[std::to_string(*rec.year)];
            for (const auto& o : rec.organisms) ++organisms[o];
            CHECK(h.year == rec.year);
            CHECK(h.organisms == rec.organisms);
            CHECK(h.title == rec.title);
            CHECK(h.pmcid == rec.pmcid);
        }
        CHECK((*res.facets)["year"] == years);
        CHECK((*res.facets)["organism"] == organisms);

        // Each facet value, used as a filter, returns exactly the figures it counted.
        Ids hits = ids(res);
        for (const auto& [o, n] : organisms) {
            SearchRequest f = req(q);
            f.organisms = {o};
            SearchResult fr = s.search(f);
            std::size_t covered = 0;  // A species' filter also finds its strains' figures.
            for (const auto& [other, m] : organisms) covered += covers(o, other) ? m : 0;
            CHECK(fr.total <= covered);
            CHECK(fr.total >= n);
            CHECK(ids(fr) == where(c, [&](const Record& rec) { return hits.count(rec.figid) && has_organism(rec, o); }));
        }
        for (const auto& [y, n] : years) {
            SearchRequest f = req(q);
            f.year_from = std::stoi(y);
            f.year_to = std::stoi(y);
            SearchResult fr = s.search(f);
            CHECK(fr.total == n);
            CHECK(ids(fr) == where(c, [&](const Record& rec) {
                      return hits.count(rec.figid) && rec.year && std::to_string(*rec.year) == y;
                  }));
        }
    }
}

TEST_CASE("corpus: re-indexing the same folder changes nothing", "[corpus]") {
    CAPSEARCH_REQUIRE_SHARED_OR_SKIP(shared);
    const Corpus& c = corpus(shared);
    const std::vector<std::string> queries = {"", "HER2", "apoptosis signaling", "insulin OR glycolysis",
                                              "NOT Akt"};
    std::vector<std::string> before;
    {
        Searcher s(c.db);
        for (const auto& q : queries) {
            SearchRequest r = req(q);
            r.facets = true;
            before.push_back(s.search(r).to_json());
        }
    }
    IndexReport again = index_paths(c.db, {(shared / "corpus" / "pfocr").string()});
    CHECK(again.documents == c.records.size());
    CHECK(again.added == 0);
    CHECK(again.updated == 0);
    CHECK(again.deleted == 0);
    CHECK(again.skipped.empty());
    Searcher s(c.db);
    CHECK(s.stats().documents == c.records.size());
    for (std::size_t i = 0; i < queries.size(); ++i) {
        SearchRequest r = req(queries[i]);
        r.facets = true;
        CHECK(s.search(r).to_json() == before[i]);
    }
}
