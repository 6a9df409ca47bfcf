// Building Xapian documents from records: the term scheme of schema/terms.hpp (prefixed and
// unprefixed words, positions, joined forms, stems, wdf weights), concepts, filters, values, stored data.
#include <xapian.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "analyzers/lexicon.hpp"
#include "analyzers/tokenizer.hpp"
#include "analyzers/unicode.hpp"
#include "capsearch/error.hpp"
#include "capsearch/record.hpp"
#include "indexer/document.hpp"
#include "indexer/document_terms.hpp"
#include "schema/stored.hpp"
#include "schema/terms.hpp"
#include "support/test_support.hpp"

namespace terms = capsearch::terms;
using capsearch::Record;
using capsearch::index::build_document;
using capsearch::index::decode_stored;
using capsearch::index::SourceInfo;
using capsearch::index::StoredFields;
using Positions = std::vector<Xapian::termpos>;

namespace {

const capsearch::analysis::Lexicon& lexicon() {
    static const auto lex = capsearch::analysis::Lexicon::builtin();
    return *lex;
}

std::optional<Xapian::termcount> wdf(const Xapian::Document& doc, const std::string& term) {
    Xapian::TermIterator it = doc.termlist_begin();
    it.skip_to(term);
    if (it == doc.termlist_end() || *it != term) return std::nullopt;
    return it.get_wdf();
}

bool has(const Xapian::Document& doc, const std::string& term) { return wdf(doc, term).has_value(); }

Positions positions(const Xapian::Document& doc, const std::string& term) {
    Xapian::TermIterator it = doc.termlist_begin();
    it.skip_to(term);
    Positions out;
    if (it == doc.termlist_end() || *it != term) return out;
    for (auto p = it.positionlist_begin(); p != it.positionlist_end(); ++p) out.push_back(*p);
    return out;
}

std::set<std::string> terms_with_prefix(const Xapian::Document& doc, const std::string& prefix) {
    std::set<std::string> out;
    Xapian::TermIterator it = doc.termlist_begin();
    for (it.skip_to(prefix); it != doc.termlist_end() && (*it).rfind(prefix, 0) == 0; ++it) out.insert(*it);
    return out;
}

Record fixture_record(const std::string& name) {
    return capsearch::read_record_file(capsearch::test::fixture("records/good/" + name).string());
}

Record small_record() {
    Record r;
    r.figid = "PMC1__f1";
    r.title = "IL-6 signaling in cells";
    r.caption = "Signaling of IL-6 via STAT3 in HER2 positive cells. ﬁbroblast";  // ﬁ ligature: NFKC -> fi.
    r.papertitle = "Cytokine signaling reviewed";
    r.keywords = {"multiple myeloma", "bone disease"};
    r.genes = {"IL6", "Stat3"};
    r.gene_words = {"IL-6", "STAT3"};
    r.organisms = {"Mus musculus", "Homo sapiens"};
    r.organisms_ner = {"Homo sapiens", "Danio rerio"};
    r.pmcid = "pmc1";
    r.year = 2013;
    return r;
}

}  // namespace

TEST_CASE("text fields are indexed with and without their prefix, with wdf weights", "[document]") {
    Record r = small_record();
    Xapian::Document doc = build_document(r, lexicon());

    // "signaling" is prose: positional term, plus stems with and without prefix.
    CHECK(wdf(doc, "Ssignaling") == terms::kWdfTitle);
    CHECK(wdf(doc, "XCsignaling") == terms::kWdfCaption);
    CHECK(wdf(doc, "XPsignaling") == terms::kWdfPaperTitle);
    // Unprefixed: title 3 + caption 1 + paper title 2.
    CHECK(wdf(doc, "signaling") == terms::kWdfTitle + terms::kWdfCaption + terms::kWdfPaperTitle);
    CHECK(terms::stem("signaling") == "signal");
    CHECK(wdf(doc, "ZSsignal") == terms::kWdfTitle);
    CHECK(wdf(doc, "ZXCsignal") == terms::kWdfCaption);
    CHECK(wdf(doc, "ZXPsignal") == terms::kWdfPaperTitle);
    CHECK(wdf(doc, "Zsignal") == terms::kWdfTitle + terms::kWdfCaption + terms::kWdfPaperTitle);
    CHECK(has(doc, "ZScell"));  // "cells" -> "cell"
    CHECK(has(doc, "Zcell"));

    // Keywords weigh 2, one stem per word.
    CHECK(wdf(doc, "Kmyeloma") == terms::kWdfKeyword);
    CHECK(wdf(doc, "ZKmyeloma") == terms::kWdfKeyword);
    CHECK(has(doc, "ZKdiseas"));
    CHECK(has(doc, "myeloma"));

    // NFKC before tokenizing: the ligature is gone.
    CHECK(has(doc, "XCfibroblast"));
    CHECK(terms_with_prefix(doc, "XC\xEF\xAC\x81").empty());
}

TEST_CASE("tokens with parts: parts at positions, whole and joined forms without, no stems", "[document]") {
    Record r = small_record();
    Xapian::Document doc = build_document(r, lexicon());
    auto tokens = capsearch::analysis::tokenize("IL-6");
    REQUIRE(tokens.size() == 1);
    REQUIRE(tokens[0].parts.size() == 2);

    // Title "IL-6 signaling in cells": il at 1, 6 at 2, signaling at 3 (after the leading gap).
    constexpr Xapian::termpos g = terms::kPositionGap;
    CHECK(positions(doc, "Sil") == Positions{g + 1});
    CHECK(positions(doc, "S6") == Positions{g + 2});
    CHECK(positions(doc, "Ssignaling") == Positions{g + 3});
    CHECK(positions(doc, "Sin") == Positions{g + 4});
    CHECK(positions(doc, "Scells") == Positions{g + 5});
    // The whole and joined forms carry no positions but do carry the field's weight.
    CHECK(wdf(doc, "Sil-6") == terms::kWdfTitle);
    CHECK(wdf(doc, "Sil6") == terms::kWdfTitle);
    CHECK(positions(doc, "Sil6").empty());
    CHECK(has(doc, "XCil-6"));
    CHECK(has(doc, "XCil6"));
    CHECK(has(doc, "il6"));
    CHECK(has(doc, "il-6"));
    // Gene-like tokens are never stemmed.
    CHECK_FALSE(has(doc, "ZSil-6"));
    CHECK_FALSE(has(doc, "Zil6"));
    CHECK_FALSE(has(doc, "ZXCstat3"));
    // The query side finds what was written.
    for (const auto& t : capsearch::analysis::tokenize("IL-6 IL6 signaling HER2")) {
        CHECK(has(doc, terms::query_term(t, terms::kCaption)));
        CHECK(has(doc, terms::query_term(t, "")));
    }
}

TEST_CASE("positions run on within a field and jump between fields and list items", "[document]") {
    Record r = small_record();
    Xapian::Document doc = build_document(r, lexicon());
    // Positions are kept on the field terms only.
    CHECK(positions(doc, "signaling").empty());
    CHECK(wdf(doc, "signaling") == terms::kWdfTitle + terms::kWdfCaption + terms::kWdfPaperTitle);
    // Caption "Signaling of IL-6 via STAT3": consecutive.
    const Xapian::termpos sig = positions(doc, "XCsignaling").at(0);
    CHECK(positions(doc, "XCof") == Positions{sig + 1});
    CHECK(positions(doc, "XCil") == Positions{sig + 2});
    CHECK(positions(doc, "XC6") == Positions{sig + 3});
    CHECK(positions(doc, "XCvia") == Positions{sig + 4});
    // A phrase never spans the title's end and the caption's start.
    CHECK(sig >= positions(doc, "Scells").at(0) + terms::kPositionGap);
    // Nor two keywords: "myeloma" and "bone" are in different items.
    const Xapian::termpos myeloma = positions(doc, "Kmyeloma").at(0);
    CHECK(positions(doc, "Kmultiple") == Positions{myeloma - 1});
    CHECK(positions(doc, "Kbone").at(0) >= myeloma + terms::kPositionGap);
    CHECK(positions(doc, "Kdisease") == Positions{positions(doc, "Kbone").at(0) + 1});
}

TEST_CASE("positions are written once: on the field terms, never two fields at one position", "[document]") {
    Record r = small_record();
    r.reftext = "Marie W. Wooten, et al. Mol Cell Biol. 2013.";
    Xapian::Document doc = build_document(r, lexicon());
    std::map<Xapian::termpos, std::string> owner;  // Position -> the field term holding it.
    std::size_t field_terms = 0;
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
        const std::string term = *it;
        if (term.empty()) continue;
        const bool field_word = std::any_of(terms::kFreeTextPrefixes.begin(), terms::kFreeTextPrefixes.end(),
                                            [&term](std::string_view p) { return term.starts_with(p); });
        if (term[0] < 'A' || term[0] > 'Z') {
            INFO(term);
            CHECK(positions(doc, term).empty());  // Unprefixed: the wdf, no positions.
        } else if (field_word) {
            for (Xapian::termpos p : positions(doc, term)) {
                INFO(term << " at " << p);
                CHECK(owner.emplace(p, term).second);
                ++field_terms;
            }
        }
    }
    CHECK(field_terms > 20);
    // Every prefix of the list is written with positions (an unfielded phrase reads them all).
    for (std::string_view prefix : terms::kFreeTextPrefixes) {
        INFO(prefix);
        CHECK(std::any_of(owner.begin(), owner.end(),
                          [prefix](const auto& o) { return o.second.starts_with(prefix); }));
    }
}

TEST_CASE("a pair term per two adjacent words of a field, none across fields or items, no weight",
          "[document]") {
    Record r = small_record();
    Xapian::Document doc = build_document(r, lexicon());
    // Title "IL-6 signaling in cells": the parts of IL-6 stand at positions of their own.
    for (const char* pair : {"XBil 6", "XB6 signaling", "XBsignaling in", "XBin cells", "XBsignaling of",
                             "XBof il", "XB6 via", "XBmultiple myeloma", "XBbone disease"}) {
        INFO(pair);
        CHECK(wdf(doc, pair) == Xapian::termcount{0});  // Boolean: document lengths are unchanged.
    }
    CHECK_FALSE(has(doc, "XBcells signaling"));  // The title's last word and the caption's first.
    CHECK_FALSE(has(doc, "XBmyeloma bone"));     // Two keywords.
    CHECK_FALSE(has(doc, "XBil6 signaling"));    // The joined form has no position.
    // The query side spells them alike.
    CHECK(terms::phrase_pair("in", "cells") == "XBin cells");
    CHECK(terms::phrase_pair("a b", "c").empty());
    CHECK(terms::phrase_pair(std::string(200, 'a'), std::string(50, 'b')).empty());

    // An over-long word breaks the run: neither neighbour pairs with it, nor they with each other.
    Record longword;
    longword.figid = "F1";
    longword.caption = "short " + std::string(300, 'a') + " words here";
    Xapian::Document d = build_document(longword, lexicon());
    CHECK(terms_with_prefix(d, std::string(terms::kPhrasePair)) == std::set<std::string>{"XBwords here"});
}

TEST_CASE("pairs derived from a document's positions are the pairs the indexer writes", "[document]") {
    auto pairs_of = [](const Xapian::Document& doc) {
        return terms_with_prefix(doc, std::string(terms::kPhrasePair));
    };
    std::vector<Record> records = {small_record(), fixture_record("older-genes.md")};
    records[0].reftext = "Marie W. Wooten, et al. Mol Cell Biol. 2013.";
    for (const Record& r : records) {
        INFO(r.figid);
        const Xapian::Document built = build_document(r, lexicon());
        const std::set<std::string> written = pairs_of(built);
        CHECK(written.size() > 5);
        Xapian::Document older = build_document(r, lexicon());  // As analysis version 7 wrote it.
        for (const std::string& p : written) older.remove_term(p);
        REQUIRE(pairs_of(older).empty());
        CHECK(capsearch::index::add_pairs_from_positions(older) == written.size());
        CHECK(pairs_of(older) == written);
        CHECK(capsearch::index::add_pairs_from_positions(older) == written.size());  // Idempotent.
        CHECK(pairs_of(older) == written);
    }
}

TEST_CASE("gene names, organism words and concept terms", "[document]") {
    Record r = small_record();
    Xapian::Document doc = build_document(r, lexicon());
    // Gene names as text, under the gene prefix; "IL6" and "IL-6" meet in the joined form.
    CHECK(has(doc, "XGil6"));
    CHECK(has(doc, "XGil-6"));
    CHECK(has(doc, "XGstat3"));
    // Organism words, curated and text-mined, each name once.
    CHECK(has(doc, "XNmus"));
    CHECK(has(doc, "XNdanio"));
    CHECK(wdf(doc, "XNsapiens") == 1u);
    CHECK(has(doc, "ZXNmus"));
    // PFOCR's gene list: concept terms upper-cased.
    CHECK(has(doc, "XQIL6"));
    CHECK(has(doc, "XQSTAT3"));
    // Names recognised in the text add their genes; a family name, the family.
    const auto concept_terms = [](const capsearch::analysis::GeneMention& m) {
        if (m.resolution.kind == capsearch::analysis::Resolution::Kind::family)
            return std::vector<std::string>{
                "XQ" + terms::concept_term(terms::family_concept(m.resolution.concept_name))};
        std::vector<std::string> out;
        for (const auto& s : m.resolution.symbols) out.push_back("XQ" + terms::concept_term(s));
        return out;
    };
    auto tokens = capsearch::analysis::tokenize(capsearch::analysis::nfkc(r.caption));
    auto mentions = lexicon().recognize(tokens, capsearch::analysis::Context::text);
    for (const auto& m : mentions) {
        for (const auto& t : concept_terms(m)) CHECK(has(doc, t));
    }
    if (lexicon().resolve("HER2", capsearch::analysis::Context::text).expands()) CHECK(has(doc, "XQERBB2"));
    // Every concept term comes from the gene list or from a recognised name: nothing else.
    std::set<std::string> expected = {"XQIL6", "XQSTAT3"};
    for (const std::string* text : {&r.title, &r.caption, &r.papertitle, &r.keywords[0], &r.keywords[1]}) {
        auto toks = capsearch::analysis::tokenize(capsearch::analysis::nfkc(*text));
        for (const auto& m : lexicon().recognize(toks, capsearch::analysis::Context::text)) {
            for (const auto& t : concept_terms(m)) expected.insert(t);
        }
    }
    CHECK(terms_with_prefix(doc, "XQ") == expected);
}

TEST_CASE("a family name in text adds the family's term, once per mention, not its members'", "[document]") {
    Record r;
    r.figid = "F1";
    r.title = "Akt and HER2";
    r.caption = "Akt activates mTOR. Akt is inhibited. NF-κB and NF-kappaB.";
    Xapian::Document doc = build_document(r, lexicon());
    CHECK(wdf(doc, "XQ@AKT") == 3u);    // One per mention: title once, caption twice.
    CHECK(wdf(doc, "XQ@NF-κB") == 2u);  // Spellings of one family meet in one term.
    // The figure names the family, not AKT1 or RELA: a query for one of them must not find it.
    for (const char* member : {"XQAKT1", "XQAKT2", "XQAKT3", "XQRELA", "XQNFKB1"})
        CHECK_FALSE(has(doc, member));
    CHECK(wdf(doc, "XQERBB2") == 1u);
    // PFOCR's gene list still names members one by one.
    r.genes = {"RELA"};
    CHECK(has(build_document(r, lexicon()), "XQRELA"));
}

TEST_CASE("filter terms and value slots", "[document]") {
    Record r = small_record();
    r.source_path = "/data/pfocr/PMC1__f1.md";
    Xapian::Document doc = build_document(r, lexicon(), SourceInfo{"0123456789abcdef", "1234:5678"});
    CHECK(wdf(doc, "QPMC1__f1") == 0u);
    CHECK(capsearch::terms::figid_term("PMC1__f1") == "QPMC1__f1");
    CHECK(terms_with_prefix(doc, "XO") == std::set<std::string>{"XOhomo sapiens", "XOmus musculus"});
    CHECK(terms_with_prefix(doc, "Y") == std::set<std::string>{"Y2013"});
    CHECK(has(doc, "XMPMC1"));
    CHECK(has(doc, "XF/data/pfocr/PMC1__f1.md"));
    CHECK(doc.get_value(terms::kSlotYearSortable) == Xapian::sortable_serialise(2013));
    CHECK(doc.get_value(terms::kSlotYear) == "2013");
    CHECK(doc.get_value(terms::kSlotOrganisms) == std::string("Homo sapiens\x1fMus musculus"));
    CHECK(doc.get_value(terms::kSlotContentHash) == "0123456789abcdef");
    CHECK(doc.get_value(terms::kSlotFileStamp) == "1234:5678");
}

TEST_CASE("unknown year and organisms leave no terms or values behind", "[document]") {
    Record r = fixture_record("newer-unknown-year.md");
    REQUIRE_FALSE(r.year);
    REQUIRE(r.organisms.empty());
    Xapian::Document doc = build_document(r, lexicon());
    CHECK(terms_with_prefix(doc, "Y").empty());
    CHECK(terms_with_prefix(doc, "XO").empty());
    CHECK(doc.get_value(terms::kSlotYear).empty());
    CHECK(doc.get_value(terms::kSlotYearSortable).empty());
    CHECK(doc.get_value(terms::kSlotOrganisms).empty());
    CHECK(doc.get_value(terms::kSlotContentHash).empty());
    CHECK(has(doc, "XNsapiens"));  // organisms_ner stays searchable text.
    CHECK_FALSE(has(doc, "XNna"));
    CHECK_FALSE(has(doc, "na"));
    // source_path from read_record_file.
    CHECK(has(doc, "XF" + r.source_path));
    CHECK(decode_stored(doc.get_data()).year == std::nullopt);
}

TEST_CASE("documents from both fixture layouts", "[document]") {
    SECTION("older layout") {
        Record r = fixture_record("older-genes.md");
        Xapian::Document doc = build_document(r, lexicon());
        CHECK(has(doc, "QPMC100005__mb2410575011"));
        CHECK(terms_with_prefix(doc, "XO") == std::set<std::string>{"XOhomo sapiens"});
        CHECK(has(doc, "Y2001"));
        CHECK(has(doc, "XMPMC100005"));
        // genes[] words as printed: "SHC/PI3K" is two names, "TrkA" one.
        CHECK(has(doc, "XGshc"));
        CHECK(has(doc, "XGpi3k"));
        CHECK(has(doc, "XGtrka"));
        for (const std::string& symbol : r.genes) CHECK(has(doc, "XQ" + terms::concept_term(symbol)));
        CHECK(has(doc, "XQPIK3CG"));  // Only in genes[].hgnc_symbol.
        // NF-κB: Greek spelled out, parts at positions, joined form.
        CHECK(has(doc, "XCnf-kappab"));
        CHECK(has(doc, "XCnfkappab"));
        const Positions nf = positions(doc, "XCnf");
        REQUIRE_FALSE(nf.empty());
        CHECK(positions(doc, "XCkappab").front() == nf.front() + 1);
        CHECK(doc.get_value(terms::kSlotOrganisms) == "Homo sapiens");
    }
    SECTION("newer layout, several organisms with NA dropped") {
        Record r = fixture_record("newer-mixed-organisms.md");
        Xapian::Document doc = build_document(r, lexicon());
        CHECK(terms_with_prefix(doc, "XO") == std::set<std::string>{"XOhomo sapiens", "XOmus musculus"});
        CHECK(doc.get_value(terms::kSlotOrganisms) == std::string("Homo sapiens\x1fMus musculus"));
        CHECK(has(doc, "XNdrosophila"));  // organisms_ner: text only, not a facet.
        CHECK_FALSE(has(doc, "XOdrosophila melanogaster"));
        CHECK(has(doc, "XQHRAS"));  // Mouse "Hras" and human "HRAS" are one concept.
        CHECK(has(doc, "XQBRAF"));
        CHECK(has(doc, "XPmelanoma"));
        CHECK(has(doc, "ZXPmelanoma"));
    }
    SECTION("newer layout, keywords") {
        Record r = fixture_record("newer-bar-keywords.md");
        Xapian::Document doc = build_document(r, lexicon());
        CHECK(wdf(doc, "Kosteoblasts") == terms::kWdfKeyword);
        CHECK(has(doc, "ZKosteoblast"));
        CHECK(has(doc, "Kglutamine"));
        CHECK(has(doc, "XQRUNX2"));
    }
}

TEST_CASE("over-long words are dropped, the rest of the field is kept", "[document]") {
    Record r;
    r.figid = "F1";
    r.caption = "short " + std::string(300, 'a') + " words";
    Xapian::Document doc = build_document(r, lexicon());
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) CHECK((*it).size() <= 245);
    CHECK(has(doc, "XCshort"));
    CHECK(has(doc, "XCwords"));
}

TEST_CASE("stored fields round trip through the document data", "[document]") {
    Record r = small_record();
    r.title = "STAT3 signaling in cells";
    r.source_path = "/x/y.md";
    r.figlink = "/pmc/articles/PMC1/figure/F1/";
    Xapian::Document doc = build_document(r, lexicon());
    StoredFields s = decode_stored(doc.get_data());
    CHECK(s.figid == r.figid);
    CHECK(s.title == r.title);
    CHECK(s.year == 2013);
    CHECK(s.organisms == r.organisms);
    CHECK(s.pmcid == "pmc1");
    CHECK(s.papertitle == r.papertitle);
    CHECK(s.figlink == r.figlink);
    CHECK(s.caption == capsearch::analysis::nfkc(r.caption));
    CHECK(s.caption.find("fibroblast") != std::string::npos);
    CHECK(s.source_path == "/x/y.md");
    // Compact: one line, no padding.
    CHECK(doc.get_data().find('\n') == std::string::npos);
    CHECK(doc.get_data().find(": ") == std::string::npos);

    // The gene names in caption and title, with the concepts they were indexed as.
    REQUIRE(s.caption_genes);
    std::vector<std::string> names;
    for (const auto& g : *s.caption_genes) {
        names.push_back(s.caption.substr(g.begin, g.end - g.begin));
        for (const std::string& c : g.concepts) CHECK(has(doc, "XQ" + terms::concept_term(c)));
    }
    CHECK(names == std::vector<std::string>{"STAT3", "HER2"});  // the built-in lexicon has no IL-6
    REQUIRE(s.title_genes);
    REQUIRE(s.title_genes->size() == 1);
    CHECK(s.title_genes->at(0).begin == 0);
    CHECK(s.title_genes->at(0).end == 5);
    CHECK(s.title_genes->at(0).concepts == std::vector<std::string>{"STAT3"});

    StoredFields minimal;
    minimal.figid = "F2";
    StoredFields back = decode_stored(capsearch::index::encode_stored(minimal));
    CHECK(back.figid == "F2");
    CHECK_FALSE(back.year);
    CHECK(back.organisms.empty());
    CHECK(back.caption.empty());
    // Data without gene names (written before they were stored) says nothing of them: not "none".
    CHECK_FALSE(back.caption_genes);
    CHECK_FALSE(back.title_genes);
    minimal.caption = "ErbB2";
    minimal.caption_genes = std::vector<capsearch::index::GeneSpan>{{0, 5, {"ERBB2"}}};
    minimal.title_genes = std::vector<capsearch::index::GeneSpan>{};
    back = decode_stored(capsearch::index::encode_stored(minimal));
    CHECK(back.caption_genes == minimal.caption_genes);
    CHECK(back.title_genes == minimal.title_genes);
}

TEST_CASE("malformed stored data is a DatabaseError", "[document]") {
    for (const char* data :
         {"", "not json", "[1]", "{\"title\":\"x\"}", "{\"figid\":1}", "{\"figid\":\"F\",\"year\":\"2013\"}",
          "{\"figid\":\"F\",\"organisms\":\"x\"}", "{\"figid\":\"F\",\"organisms\":[1]}",
          "{\"figid\":\"F\",\"year\":99999999999}", "{\"figid\":\"F\",\"caption_genes\":{}}",
          "{\"figid\":\"F\",\"caption\":\"abc\",\"caption_genes\":[[0,2]]}",
          "{\"figid\":\"F\",\"caption\":\"abc\",\"caption_genes\":[[2,1,\"A\"]]}",
          "{\"figid\":\"F\",\"caption\":\"abc\",\"caption_genes\":[[0,4,\"A\"]]}",
          "{\"figid\":\"F\",\"caption\":\"abc\",\"caption_genes\":[[-1,2,\"A\"]]}",
          "{\"figid\":\"F\",\"caption\":\"abc\",\"caption_genes\":[[0,2,\"\"]]}",
          "{\"figid\":\"F\",\"title_genes\":[[0,2,3]]}"}) {
        INFO(data);
        CHECK_THROWS_AS(decode_stored(data), capsearch::DatabaseError);
    }
}

TEST_CASE("content hash is 64-bit FNV-1a in hex", "[document]") {
    using capsearch::index::content_hash;
    CHECK(content_hash("") == "cbf29ce484222325");
    CHECK(content_hash("a") == "af63dc4c8601ec8c");
    CHECK(content_hash("foobar") == "85944171f73967e8");
    CHECK(content_hash(std::string("a\0b", 3)) != content_hash("ab"));
}

TEST_CASE("documents for every real PFOCR record", "[document][shared]") {
    CAPSEARCH_REQUIRE_SHARED_OR_SKIP(shared);
    std::size_t count = 0;
    for (const auto& entry : std::filesystem::directory_iterator(shared / "corpus" / "pfocr")) {
        if (entry.path().extension() != ".md") continue;
        INFO(entry.path().string());
        Record r = capsearch::read_record_file(entry.path().string());
        Xapian::Document doc = build_document(r, lexicon());
        ++count;
        CHECK(has(doc, capsearch::terms::figid_term(r.figid)));
        for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) CHECK((*it).size() <= 245);
        CHECK(terms_with_prefix(doc, "XO").size() == r.organisms.size());
        CHECK_FALSE(has(doc, "XOna"));
        CHECK_FALSE(has(doc, "YNA"));
        const std::string year = doc.get_value(terms::kSlotYear);
        CHECK(year == (r.year ? std::to_string(*r.year) : ""));
        const std::string organisms = doc.get_value(terms::kSlotOrganisms);
        CHECK(organisms.find("NA") != 0);
        CHECK(organisms.find("\x1fNA") == std::string::npos);
        for (const std::string& symbol : r.genes) CHECK(has(doc, "XQ" + terms::concept_term(symbol)));
        StoredFields s = decode_stored(doc.get_data());
        CHECK(s.figid == r.figid);
        CHECK(s.caption == capsearch::analysis::nfkc(r.caption));
        // What a re-analysing sync derives for documents it carries over is what the indexer writes.
        const std::set<std::string> pairs = terms_with_prefix(doc, std::string(terms::kPhrasePair));
        Xapian::Document older = build_document(r, lexicon());
        for (const std::string& p : pairs) older.remove_term(p);
        capsearch::index::add_pairs_from_positions(older);
        CHECK(terms_with_prefix(older, std::string(terms::kPhrasePair)) == pairs);
    }
    CHECK(count == 193);
}
