// The ambiguity policy on real NCBI rows (fixture): curated first, official symbols beat aliases, shared
// aliases stay unexpanded, case decides where it must, and record text is read strictly.
#include <catch2/catch.hpp>

#include "test_lexicon_support.hpp"

using capsearch::analysis::Context;
using capsearch::analysis::Resolution;
using Kind = capsearch::analysis::Resolution::Kind;
using Symbols = std::vector<std::string>;

namespace {

Resolution query(const std::string& s) {
    return capsearch::test::fixture_lexicon()->resolve(s, Context::query);
}
Resolution text(const std::string& s) {
    return capsearch::test::fixture_lexicon()->resolve(s, Context::text);
}

}  // namespace

TEST_CASE("naive alias tables are wrong where the curated core decides", "[lexicon][policy]") {
    // NCBI lists ATP as an alias of ATP8A2, PKC of PRRT2, RAF of ZHX2, TORC1 of CRTC1, ROS of ROS1,
    // STAT of SOAT1 and MEK of MAP2K7 (all in the fixture's real rows).
    CHECK(query("ATP").kind == Kind::stop);
    CHECK(query("ROS").kind == Kind::stop);
    const Resolution pkc = query("PKC");
    CHECK(pkc.kind == Kind::family);
    CHECK(pkc.symbols ==
          Symbols{"PRKCA", "PRKCB", "PRKCG", "PRKCD", "PRKCE", "PRKCH", "PRKCQ", "PRKCZ", "PRKCI"});
    CHECK(query("RAF").symbols == Symbols{"ARAF", "BRAF", "RAF1"});
    const Resolution torc1 = query("TORC1");
    CHECK(torc1.kind == Kind::family);
    CHECK(torc1.concept_name == "mTORC1");
    CHECK(std::find(torc1.symbols.begin(), torc1.symbols.end(), "CRTC1") == torc1.symbols.end());
    CHECK(query("STAT").concept_name == "STAT");
    CHECK(query("MEK").symbols == Symbols{"MAP2K1", "MAP2K2"});
    for (const char* word : {"ATP", "PKC", "RAF", "TORC1", "ROS"}) {
        INFO(word);
        CHECK(text(word).kind == query(word).kind);
    }
}

TEST_CASE("an official symbol beats aliases", "[lexicon][policy]") {
    // AR is the official symbol of the androgen receptor and an alias of AREG and AKR1B1.
    const Resolution ar = query("AR");
    CHECK(ar.kind == Kind::gene);
    CHECK(ar.symbols == Symbols{"AR"});
    CHECK(ar.source == "ncbi-symbol");
    CHECK(ar.reason.find("official symbol beats aliases") != std::string::npos);
    // KRAS is KRAS's symbol and an alias of NRAS.
    CHECK(query("KRAS").symbols == Symbols{"KRAS"});
    CHECK(query("K-Ras").symbols == Symbols{"KRAS"});
}

TEST_CASE("an alias shared by several genes is not expanded", "[lexicon][policy]") {
    const Resolution hsp27 = query("HSP27");  // HSPB1 and HSPB2.
    CHECK(hsp27.kind == Kind::ambiguous);
    CHECK_FALSE(hsp27.expands());
    CHECK(hsp27.symbols == Symbols{"HSPB1", "HSPB2"});
    CHECK(hsp27.reason.find("not expanded") != std::string::npos);
    CHECK(text("HSP27").kind == Kind::ambiguous);
    // A unique alias expands.
    CHECK(query("FAK").symbols == Symbols{"PTK2"});
    CHECK(query("CD340").symbols == Symbols{"ERBB2"});
}

TEST_CASE("one protein-coding gene among pseudogenes takes a shared alias", "[lexicon][policy]") {
    // AHA1 is an alias of AHSA1 (protein-coding) and of the pseudogene AHSA2P.
    const Resolution aha1 = query("AHA1");
    CHECK(aha1.kind == Kind::gene);
    CHECK(aha1.symbols == Symbols{"AHSA1"});
    CHECK(aha1.reason.find("protein-coding") != std::string::npos);
}

TEST_CASE("family names expand to their members", "[lexicon][policy]") {
    CHECK(query("Akt").symbols == Symbols{"AKT1", "AKT2", "AKT3"});
    CHECK(query("PKB").symbols == Symbols{"AKT1", "AKT2", "AKT3"});  // Not PTK2B (a shared alias).
    CHECK(query("ERK").symbols == Symbols{"MAPK3", "MAPK1"});        // Not EPHB2.
    CHECK(query("p38").concept_name == "p38 MAPK");                  // Not CRK.
    CHECK(query("NF-κB").symbols == Symbols{"NFKB1", "NFKB2", "RELA", "RELB", "REL"});
    CHECK(query("ERKs").concept_name == "ERK");  // Plural of a family name.
    CHECK(query("PI3K").symbols.size() == 7);
}

TEST_CASE("case decides between cAMP the molecule and CAMP the gene", "[lexicon][policy]") {
    for (Context ctx : {Context::query, Context::text}) {
        const auto& lex = *capsearch::test::fixture_lexicon();
        CHECK(lex.resolve("cAMP", ctx).kind == Kind::stop);
        const Resolution gene = lex.resolve("CAMP", ctx);
        CHECK(gene.kind == Kind::gene);
        CHECK(gene.symbols == Symbols{"CAMP"});
        CHECK_FALSE(lex.resolve("camp", ctx).expands());
        CHECK_FALSE(lex.resolve("Camp", ctx).expands());
    }
    CHECK(query("Camp").reason.find("case decides") != std::string::npos);
}

TEST_CASE("record text is read strictly, queries leniently", "[lexicon][policy]") {
    // SET and MAX are official symbols and English words (fixture word list).
    CHECK(text("set").kind == Kind::none);
    CHECK(text("Set").kind == Kind::none);
    CHECK(text("SET").symbols == Symbols{"SET"});
    CHECK(text("MAX").symbols == Symbols{"MAX"});
    CHECK(text("Max").symbols == Symbols{"Max"});  // Exactly as mouse Max is spelled (gene_info).
    CHECK(query("Set").symbols == Symbols{"SET"});
    CHECK(query("set").kind == Kind::none);  // A lower-case English word in a query stays a word.
    // All-lower-case words never match an imported name in text, even when not English.
    CHECK(text("crk").kind == Kind::none);
    CHECK(text("Crk").symbols == Symbols{"CRK"});
    CHECK(query("crk").symbols == Symbols{"CRK"});
    // Curated names may match in lower case unless they are English words.
    CHECK(text("survivin").symbols == Symbols{"BIRC5"});
    CHECK(text("β-catenin").symbols == Symbols{"CTNNB1"});
    CHECK(text("slug").kind == Kind::none);
    CHECK(text("Slug").symbols == Symbols{"SNAI2"});
    CHECK(query("slug").kind == Kind::none);
    CHECK(query("SLUG").symbols == Symbols{"SNAI2"});
}

TEST_CASE("names shorter than three characters match only as exact official symbols", "[lexicon][policy]") {
    CHECK(text("AR").symbols == Symbols{"AR"});
    CHECK(text("Ar").kind == Kind::none);
    CHECK(text("ar").kind == Kind::none);
    // IB and KD are short NCBI aliases (of ATP8A2 and AR): never expanded.
    CHECK(query("IB").kind == Kind::none);
    CHECK(query("KD").kind == Kind::none);
    CHECK(text("KD").kind == Kind::none);
}

TEST_CASE("orthologs are one concept and human names win", "[lexicon][policy]") {
    // gene_info adds mouse Erbb2 and Trp53 (alias p53) beside human ERBB2 and TP53.
    const Resolution erbb2 = query("Erbb2");
    CHECK(erbb2.kind == Kind::gene);
    CHECK(erbb2.symbols == Symbols{"ERBB2"});
    const Resolution neu = query("c-neu");  // Only mouse Erbb2 has it.
    CHECK(neu.kind == Kind::gene);
    CHECK(neu.symbols == Symbols{"Erbb2"});
    CHECK(query("Trp53").symbols == Symbols{"Trp53"});  // Mouse symbol beats human TP53's alias TRP53.
    // Same tier in two organisms: the human gene is meant.
    const auto lex = capsearch::analysis::Lexicon::parse(
        "# capsearch-lexicon 1\no\t9606\ng\tTP53\t7157\tpn\ttumor protein p53\ta:P53\n"
        "o\t10090\ng\tTrp53\t22059\tpn\ttransformation related protein 53\ta:p53\n",
        "inline");
    CHECK(lex->resolve("p53", Context::query).symbols == Symbols{"TP53"});
}

TEST_CASE("names_of lists the names that lead to a gene, with their sources", "[lexicon][policy]") {
    const auto names = capsearch::test::fixture_lexicon()->names_of("ERBB2");
    auto has = [&](const std::string& n, const std::string& src) {
        return std::find(names.begin(), names.end(), std::make_pair(n, src)) != names.end();
    };
    CHECK(has("ERBB2", "ncbi-symbol"));
    CHECK(has("HER2", "curated"));
    CHECK(has("HER-2/neu", "ncbi-alias"));
    // A family's name is not a name of each member: text saying "ErbB" is indexed as the family.
    for (const auto& [n, src] : names) CHECK(n != "ErbB");
    const auto family = capsearch::test::fixture_lexicon()->names_of("ErbB");
    CHECK(std::find(family.begin(), family.end(),
                    std::make_pair(std::string("ErbB"), std::string("curated"))) != family.end());
    // Ambiguous names do not lead anywhere.
    for (const auto& [n, src] : capsearch::test::fixture_lexicon()->names_of("HSPB1")) CHECK(n != "HSP27");
}

TEST_CASE("ordinary words never spell a gene name", "[lexicon][policy]") {
    // Real NCBI names that naive matching finds in everyday caption text.
    const auto lex = capsearch::analysis::Lexicon::parse(
        "# capsearch-lexicon 1\no\t9606\n"
        "g\tARSA\t410\tpn\tarylsulfatase A\ta:ASA\n"
        "g\tNPS\t594857\tpn\tneuropeptide S\n"
        "g\tLDHA\t3939\tpn\tlactate dehydrogenase A\n"
        "g\tAGTR2\t186\tpn\tangiotensin II receptor type 2\ta:AT2\n"
        "g\tPROS1\t5627\tpn\tprotein S\n"
        "g\tFCGRT\t2217\tpn\tFc gamma receptor and transporter\ta:alpha chain\n"
        "g\tHT\t3331\ton\tHashimoto thyroiditis\n"
        "g\tAR\t367\tpn\tandrogen receptor\n",
        "inline");
    auto text = [&](const char* s) { return lex->resolve(s, Context::text); };
    CHECK(text("as a").kind == Kind::none);  // Words split where the alias ASA is not.
    CHECK(text("ASA").symbols == Symbols{"ARSA"});
    CHECK(text("NPs").kind == Kind::none);  // Nanoparticles, not neuropeptide S.
    CHECK(text("NPS").symbols == Symbols{"NPS"});
    CHECK(text("ldhA").kind == Kind::none);  // A bacterial gene.
    CHECK(text("LDHA").symbols == Symbols{"LDHA"});
    CHECK(text("at 2").kind == Kind::none);  // "at 2 h".
    CHECK(text("AT2").symbols == Symbols{"AGTR2"});
    CHECK(text("AT 2").symbols == Symbols{"AGTR2"});  // A letter and a digit may be split.
    CHECK(text("Proteins").kind == Kind::none);       // Not "protein S".
    CHECK(text("protein S").symbols == Symbols{"PROS1"});
    CHECK(text("alpha chain").kind == Kind::none);  // A lower-case phrase in text.
    CHECK(lex->resolve("alpha chain", Context::query).symbols == Symbols{"FCGRT"});
    CHECK(text("HT").kind == Kind::none);  // A disease locus, not a gene product.
    CHECK(text("AR").symbols == Symbols{"AR"});
}
