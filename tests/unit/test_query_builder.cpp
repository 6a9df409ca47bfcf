// Tests of the query builder: the Xapian terms and operators produced for representative queries,
// with and without gene-name expansion (the fixture lexicon: curated core and real NCBI rows).
#include <algorithm>
#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "analyzers/lexicon.hpp"
#include "capsearch/error.hpp"
#include "searcher/query_builder.hpp"
#include "searcher/query_parser.hpp"
#include "test_lexicon_support.hpp"

using capsearch::analysis::Lexicon;
using capsearch::search::build_query;
using capsearch::search::BuiltQuery;
using capsearch::search::parse_query;

namespace {

// An index holding only organism terms: what organism: and the organism filter read names against.
const Xapian::Database& organism_db() {
    static const Xapian::WritableDatabase db = [] {
        Xapian::WritableDatabase w(std::string(), Xapian::DB_BACKEND_INMEMORY);
        for (const char* o : {"homo sapiens", "mus musculus", "drosophila melanogaster", "danio rerio"}) {
            Xapian::Document doc;
            doc.add_boolean_term(std::string("XO") + o);
            w.add_document(doc);
        }
        return w;
    }();
    return db;
}

BuiltQuery built(const std::string& q, bool synonyms = true) {
    return build_query(parse_query(q), *capsearch::test::fixture_lexicon(), synonyms, &organism_db());
}

std::string desc(const std::string& q, bool synonyms = true) {
    return built(q, synonyms).query.get_description();
}

std::set<std::string> terms_of(const std::string& q, bool synonyms = true) {
    Xapian::Query query = built(q, synonyms).query;
    return {query.get_unique_terms_begin(), query.get_unique_terms_end()};
}

bool has(const std::set<std::string>& s, const std::string& t) { return s.count(t) > 0; }

bool any_of_prefix(const std::set<std::string>& s, const std::string& prefix) {
    return std::any_of(s.begin(), s.end(), [&](const std::string& t) { return t.rfind(prefix, 0) == 0; });
}

bool any_concept(const std::set<std::string>& s) { return any_of_prefix(s, "XQ"); }

}  // namespace

TEST_CASE("empty query matches everything, punctuation nothing", "[query]") {
    BuiltQuery all = built("");
    CHECK(all.query.get_description().find("<alldocuments>") != std::string::npos);
    CHECK(built("&& ,").query.empty());
}

TEST_CASE("plain words: stemmed prose, unstemmed gene-like tokens, ANDed", "[query]") {
    auto t = terms_of("signaling pathways");
    CHECK(has(t, "Zsignal"));
    CHECK(has(t, "signaling"));  // capitals in the text make the word gene-like and unstemmed
    CHECK(has(t, "Zpathway"));
    CHECK(desc("signaling pathways").find(" AND ") != std::string::npos);
    CHECK(desc("signaling").find("Zsignal SYNONYM signaling") != std::string::npos);
    // Gene-like tokens use their joined form only.
    auto il = terms_of("IL-6", false);
    CHECK(il == std::set<std::string>{"il6"});
    CHECK(terms_of("Ca2+", false) == std::set<std::string>{"ca2"});
}

TEST_CASE("slash lists are alternatives, other tokens of a word are ANDed", "[query]") {
    std::string d = desc("ERK1/2", false);
    CHECK(d.find("erk1 OR erk2") != std::string::npos);
    std::string h = desc("HER-2/neu", false);
    CHECK(h.find("her2 OR") != std::string::npos);
    CHECK(h.find("Zneu") != std::string::npos);
    CHECK(desc("foo,bar", false).find(" AND ") != std::string::npos);
}

TEST_CASE("OR, NOT and pure negative queries", "[query]") {
    CHECK(desc("kinase OR phosphatase", false).find(" OR ") != std::string::npos);
    std::string n = desc("kinase -phosphatase", false);
    CHECK(n.find("AND_NOT") != std::string::npos);
    std::string pure = desc("NOT phosphatase", false);
    CHECK(pure.find("<alldocuments>") != std::string::npos);
    CHECK(pure.find("AND_NOT") != std::string::npos);
}

TEST_CASE("phrases use positional terms so IL-6, IL6 and IL 6 meet", "[query]") {
    std::string d = desc("\"IL-6 signaling\"", false);
    // Weighted by the unprefixed words, positions from the field terms (they alone have positions).
    CHECK(d.find("(il AND 6 AND signaling) FILTER ((Sil OR XCil OR XPil OR Kil OR XGil OR XNil OR XAil) "
                 "PHRASE 3 (S6 OR XC6") != std::string::npos);
    // A field phrase reads that field's terms only.
    CHECK(desc("title:\"IL-6 signaling\"", false).find("Sil PHRASE 3 S6 PHRASE 3 Ssignaling") !=
          std::string::npos);
    // "IL 6" and "IL-6" are the phrase il 6, or the one word il6 as written "IL6".
    CHECK(desc("\"IL 6\"", false) == desc("\"IL-6\"", false));
    CHECK(desc("\"IL 6\"", false).find("il6") != std::string::npos);
    CHECK(desc("\"IL6\"", false) == "Query(il6)");
    // One positional term is just that term (unstemmed).
    CHECK(terms_of("\"signaling\"", false) == std::set<std::string>{"signaling"});
}

TEST_CASE("builder: field prefixes", "[query]") {
    CHECK(has(terms_of("title:kinase"), "ZSkinas"));
    CHECK(has(terms_of("caption:HER2"), "XCher2"));
    CHECK_FALSE(any_concept(terms_of("caption:HER2")));  // concept terms are not per field
    CHECK(has(terms_of("paper:apoptosis"), "ZXPapoptosi"));
    CHECK(has(terms_of("keyword:autophagy"), "ZKautophagi"));
    CHECK(has(terms_of("title:\"MAP kinase\""), "Smap"));
    CHECK(desc("year:2013").find("Y2013") != std::string::npos);
    CHECK(desc("year:2013").find("0 * Y2013") != std::string::npos);  // filters do not score
    CHECK(desc("year:2010..2015").find("VALUE_RANGE 0") != std::string::npos);
    CHECK(desc("year:2015..").find("VALUE_GE 0") != std::string::npos);
    CHECK(desc("year:..2012").find("VALUE_LE 0") != std::string::npos);
    CHECK(has(terms_of("organism:human"), "XOhomo sapiens"));
    CHECK(has(terms_of("organism:\"Mus  Musculus\""), "XOmus musculus"));
    CHECK(has(terms_of("figid:PMC100005__mb2410575011"), "QPMC100005__mb2410575011"));
    CHECK(has(terms_of("pmcid:pmc3808214"), "XMPMC3808214"));
    CHECK(has(terms_of("pmcid:3808214"), "XMPMC3808214"));
}

TEST_CASE("gene names expand to concept terms inside one OP_SYNONYM", "[query]") {
    std::string d = desc("HER2");
    CHECK(d.find("SYNONYM") != std::string::npos);
    CHECK(d.find("her2 SYNONYM XQERBB2") != std::string::npos);
    CHECK_FALSE(any_concept(terms_of("HER2", false)));
    // A family expands to every member and to the family itself (what text naming it is indexed as).
    auto akt = terms_of("Akt");
    CHECK(has(akt, "XQAKT1"));
    CHECK(has(akt, "XQAKT2"));
    CHECK(has(akt, "XQAKT3"));
    CHECK(has(akt, "XQ@AKT"));
    CHECK(has(akt, "Zakt"));
    CHECK(desc("Akt").find("XQAKT3 SYNONYM XQ@AKT") != std::string::npos);
    // ... and to the families inside it; a member to none.
    CHECK(has(terms_of("PKC"), "XQ@APKC"));
    CHECK_FALSE(has(terms_of("aPKC"), "XQ@PKC"));
    CHECK_FALSE(any_of_prefix(terms_of("AKT1"), "XQ@"));
    CHECK_FALSE(any_of_prefix(terms_of("p65"), "XQ@"));
    // Names spanning several words are one synonym group.
    auto nfkb = terms_of("NF kappa B activation");
    CHECK(has(nfkb, "XQRELA"));
    CHECK(has(nfkb, "XQ@NF-κB"));
    CHECK(has(nfkb, "Zactiv"));
    auto p38 = terms_of("p38 MAPK");
    CHECK(has(p38, "XQMAPK14"));
    // p42/44 MAPK means ERK1 and ERK2.
    auto erk = terms_of("p42/44 MAPK");
    CHECK(has(erk, "XQMAPK1"));
    CHECK(has(erk, "XQMAPK3"));
}

TEST_CASE("a recognised name of several words is searched as a phrase, a slash list as items", "[query]") {
    // "HER-2/neu" is one name: its words in order, not "her2 OR neu" (which matched every "neu").
    const std::string name = desc("HER-2/neu");
    CHECK(name.find("PHRASE") != std::string::npos);
    CHECK(name.find("XQERBB2") != std::string::npos);
    CHECK(name.find("(her2 OR") == std::string::npos);
    CHECK(name.find(" her2 OR") == std::string::npos);
    CHECK(desc("gene:HER-2/neu").find("XGneu") != std::string::npos);
    CHECK(desc("gene:HER-2/neu").find("PHRASE") != std::string::npos);
    // Slash lists stay alternatives: ERK1/2 is ERK1 or ERK2, Smad2/3 is SMAD2 or SMAD3.
    const std::string erk = desc("ERK1/2");
    CHECK(erk.find("PHRASE") == std::string::npos);
    CHECK(erk.find("(erk1 SYNONYM XQMAPK3) OR (erk2 SYNONYM XQMAPK1)") != std::string::npos);
    const std::string smad = desc("Smad2/3");
    CHECK(smad.find("PHRASE") == std::string::npos);
    CHECK(smad.find("XQSMAD2) OR (") != std::string::npos);
    CHECK(desc("gene:ERK1/2").find("PHRASE") == std::string::npos);
}

TEST_CASE("stop names and ordinary words stay literal", "[query]") {
    CHECK_FALSE(any_concept(terms_of("ATP")));
    CHECK_FALSE(any_concept(terms_of("LPS")));
    CHECK_FALSE(any_concept(terms_of("apoptosis")));
}

TEST_CASE("gene: asks for a gene explicitly", "[query]") {
    std::string d = desc("gene:HER2");
    CHECK(d.find("XGher2 SYNONYM XQERBB2") != std::string::npos);
    std::string unknown = desc("gene:FOOBAR7");
    CHECK(unknown.find("XGfoobar7 SYNONYM XQFOOBAR7") != std::string::npos);
    std::string off = desc("gene:HER2", false);
    CHECK(off.find("XGher2 SYNONYM XQHER2") != std::string::npos);
}

TEST_CASE("negated words are not highlighted, positive ones are", "[query]") {
    BuiltQuery b = built("HER2 -mouse \"IL 6\"");
    const auto& terms = b.highlights.terms;
    CHECK(std::binary_search(terms.begin(), terms.end(), std::string("her2")));
    CHECK_FALSE(std::binary_search(terms.begin(), terms.end(), std::string("Zmous")));
    CHECK(
        std::binary_search(b.highlights.concepts.begin(), b.highlights.concepts.end(), std::string("ERBB2")));
    REQUIRE(b.highlights.phrases.size() == 2);
    CHECK(b.highlights.phrases[0] == std::vector<std::string>{"il", "6"});
    CHECK(b.highlights.phrases[1] == std::vector<std::string>{"il6"});
}

TEST_CASE("builder: filters", "[query]") {
    using capsearch::search::organism_filter;
    using capsearch::search::year_filter;
    auto filter = [](std::vector<std::string> names) { return organism_filter(organism_db(), names).get_description(); };
    CHECK(filter({"Human"}).find("XOhomo sapiens") != std::string::npos);
    CHECK(filter({"flies"}).find("XOdrosophila melanogaster") != std::string::npos);
    CHECK(filter({" Danio   rerio "}).find("XOdanio rerio") != std::string::npos);
    CHECK(filter({"human", "mice"}).find("XOhomo sapiens OR XOmus musculus") != std::string::npos);
    CHECK_THROWS_WITH(filter({"mices"}), Catch::Contains("closest known organisms: Mus musculus"));
    INFO(desc("organism:rat"));
    CHECK(terms_of("organism:rat").empty());  // Not in the index: matches nothing.
    CHECK(year_filter(2010, 2012).get_description().find("VALUE_RANGE 0") != std::string::npos);
}

TEST_CASE("builder: prefix wildcards and a bare star", "[query]") {
    CHECK(desc("apopt*").find("WILDCARD SYNONYM apopt") != std::string::npos);
    CHECK(desc("Apopt**").find("WILDCARD SYNONYM apopt") != std::string::npos);
    CHECK(desc("title:Kinas*").find("WILDCARD SYNONYM Skinas") != std::string::npos);
    // A wildcard word stays out of gene-name runs: "Akt" is still expanded beside it.
    CHECK(desc("Akt apopt*").find("XQAKT1") != std::string::npos);
    CHECK(desc("*") == desc(""));
    CHECK_THROWS_AS(built("ap*opt*"), capsearch::QueryError);
    CHECK_THROWS_WITH(built("IL-*6*"), Catch::Contains("a wildcard is one word and a final *"));
}
