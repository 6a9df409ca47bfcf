// Index-then-query round trips through the real engine with the fixture lexicon (the curated core and
// real NCBI rows, as `capsearch lexicon build` makes it): a figure is found by every name of the genes
// it mentions, and not through names the policy refuses to expand.
#include <catch2/catch.hpp>
#include <set>

#include "capsearch/index.hpp"
#include "capsearch/search.hpp"
#include "test_lexicon_support.hpp"

using capsearch::test::TempDir;

namespace {

capsearch::Record figure(const std::string& figid, const std::string& caption) {
    capsearch::Record r;
    r.figid = figid;
    r.title = "Figure " + figid;
    r.caption = caption;
    return r;
}

struct Index {
    TempDir dir;
    std::string db;
    explicit Index(const capsearch::analysis::Lexicon& lex = *capsearch::test::fixture_lexicon())
        : db((dir.path() / "db").string()) {
        const std::string lexicon = (dir.path() / "lexicon.tsv").string();
        capsearch::test::write_file(lexicon, std::string(lex.serialized()));
        capsearch::IndexWriter w(db, lexicon);
        w.put(figure("her2", "Trastuzumab binds HER2 on the cell surface."));
        w.put(figure("mapk", "Growth factors activate p42/44 MAPK in fibroblasts."));
        w.put(figure("atp", "ATP release activates purinergic receptors."));
        w.put(figure("akt2", "Insulin signals through AKT2 in adipocytes."));
        w.put(figure("camp", "cAMP activates PKA."));
        w.put(figure("tnf", "TNF-α induces NF-κB-dependent transcription."));
        w.put(figure("cebpa", "C/EBPα drives adipocyte differentiation."));
        w.put(figure("apart", "Vitamin C lowers EBP and EBPα-like activity in plants."));
        w.put(figure("p65", "Phosphorylated p65 enters the nucleus."));
        w.put(figure("apkc", "aPKC sets up polarity."));
        w.commit();
    }
    std::set<std::string> find(const std::string& query, bool synonyms = true) const {
        capsearch::Searcher s(db);
        capsearch::SearchRequest req;
        req.query = query;
        req.limit = 100;
        req.synonyms = synonyms;
        std::set<std::string> out;
        for (const auto& h : s.search(req).hits) out.insert(h.figid);
        return out;
    }
};

using Figids = std::set<std::string>;

}  // namespace

TEST_CASE("a figure that says HER2 is found by every name of ERBB2", "[lexicon][roundtrip]") {
    const Index index;
    for (const char* q : {"HER2", "ERBB2", "ErbB2", "HER-2", "Her2", "HER 2"}) {
        INFO(q);
        CHECK(index.find(q) == Figids{"her2"});
    }
    CHECK(index.find("ERBB2", false).empty());  // Without expansion only the words as written match.
}

TEST_CASE("a figure that says p42/44 MAPK is found by ERK1, ERK2, MAPK3 and ERK", "[lexicon][roundtrip]") {
    const Index index;
    for (const char* q : {"ERK1", "ERK2", "MAPK3", "MAPK1", "ERK", "ERK1/2", "p44 MAPK"}) {
        INFO(q);
        CHECK(index.find(q) == Figids{"mapk"});
    }
}

TEST_CASE("a name with a slash in it is one name, not a slash list", "[lexicon][roundtrip]") {
    // NCBI's alias C/EBP-alpha, in its Greek form.
    const Index index;
    for (const char* q : {"C/EBPα", "C/EBP-alpha", "CEBPA", "gene:C/EBPα"}) {
        INFO(q);
        CHECK(index.find(q) == Figids{"cebpa"});  // Not "apart", which has a "C" and an "EBPα".
    }
    // A real slash list still means either item.
    CHECK(index.find("ERK1/2") == Figids{"mapk"});
}

TEST_CASE("family names find members, Greek and Latin spellings meet", "[lexicon][roundtrip]") {
    const Index index;
    CHECK(index.find("Akt") == Figids{"akt2"});
    CHECK(index.find("PKB") == Figids{"akt2"});
    CHECK(index.find("TNF-alpha") == Figids{"tnf"});
    CHECK(index.find("TNFα") == Figids{"tnf"});
    // A family query finds the figures naming the family and those naming a member (p65 is RELA).
    for (const char* q : {"NF-kappaB", "NFkB", "NF-κB", "NF kappa B", "gene:NF-κB"}) {
        INFO(q);
        CHECK(index.find(q) == Figids{"tnf", "p65"});
    }
}

TEST_CASE("a member's name does not find a figure that names only its family", "[lexicon][roundtrip]") {
    const Index index;
    // "tnf" says NF-κB, which names no subunit in particular.
    for (const char* q : {"RELA", "p65", "RelA", "NFKB1", "gene:RELA"}) {
        INFO(q);
        CHECK(index.find(q).count("tnf") == 0);
    }
    CHECK(index.find("RELA") == Figids{"p65"});
    CHECK(index.find("AKT2") == Figids{"akt2"});
    CHECK(index.find("AKT1").empty());  // "Akt" would have matched it; AKT2 is not AKT1.
    // A family query also finds the figures naming a family inside it (aPKC is two of the PKCs).
    CHECK(index.find("PKC") == Figids{"apkc"});
    CHECK(index.find("aPKC") == Figids{"apkc"});
    CHECK(index.find("PRKCZ").empty());
    // The same with the built-in core alone (no lexicon file built).
    const Index core(*capsearch::analysis::Lexicon::builtin());
    CHECK(core.find("p65") == Figids{"p65"});
    CHECK(core.find("NF-kappaB") == Figids{"tnf", "p65"});
}

TEST_CASE("stop names are neither indexed nor searched as genes", "[lexicon][roundtrip]") {
    const Index index;
    CHECK(index.find("ATP8A2").empty());  // A naive alias table would say the ATP figure names ATP8A2.
    CHECK(index.find("ATP") == Figids{"atp"});
    CHECK(index.find("CAMP").count("camp") == 1);  // The word as written still matches ...
    CHECK(index.find("gene:CAMP").empty());        // ... but cAMP never stands for the gene CAMP.
}
