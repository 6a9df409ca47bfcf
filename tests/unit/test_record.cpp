// Reading PFOCR records: both layouts field by field, unknown markers, and every kind of bad input
// reported with its file, line and reason.
#include <sys/stat.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "capsearch/error.hpp"
#include "capsearch/record.hpp"
#include "support/test_support.hpp"

using capsearch::InputError;
using namespace std::string_literals;
using capsearch::Record;
using Strings = std::vector<std::string>;

namespace {

Record read_good(const std::string& name) {
    return capsearch::read_record_file(capsearch::test::fixture("records/good/" + name).string());
}

// Parses `text` expecting an InputError; returns it for inspection.
InputError parse_error(const std::string& text, const std::string& path = "inline.md") {
    try {
        capsearch::parse_record(text, path);
    } catch (const InputError& e) {
        return e;
    }
    FAIL("no InputError for:\n" << text);
    throw std::logic_error("unreachable");
}

InputError file_error(const std::string& path) {
    try {
        capsearch::read_record_file(path);
    } catch (const InputError& e) {
        return e;
    }
    FAIL("no InputError for " << path);
    throw std::logic_error("unreachable");
}

bool is_unknown_marker(const std::string& s) { return s.empty() || s == "NA" || s == ".na.character"; }

}  // namespace

TEST_CASE("newer layout: organisms list with NA, NER list, genes from schema-jsonld", "[record]") {
    Record r = read_good("newer-mixed-organisms.md");
    CHECK(r.figid == "PMC3246694__DRP2012-259170.002");
    CHECK(r.title == "Representation of the resistance mechanisms to the vemurafenib");
    CHECK(r.caption.rfind("Representation of the resistance mechanisms to the vemurafenib. (a) Vemurafenib",
                          0) == 0);
    CHECK(r.caption.find("Overexpression of PDGFRβ can lead") != std::string::npos);  // Folded lines joined.
    CHECK(r.papertitle ==
          "Targeting the Cellular Signaling: BRAF Inhibition and Beyond for the Treatment of Metastatic "
          "Malignant Melanoma.");
    CHECK(r.reftext == "Felipe Ades, et al. Dermatol Res Pract. 2012;2012:259170.");
    CHECK(r.pmcid == "PMC3246694");
    CHECK(r.figlink == "/pmc/articles/PMC3246694/figure/fig2/");
    CHECK(r.filename == "DRP2012-259170.002.jpg");
    REQUIRE(r.year);
    CHECK(*r.year == 2012);
    CHECK(r.organisms == Strings{"Homo sapiens", "Mus musculus"});
    CHECK(r.organisms_ner == Strings{"Mus musculus", "Homo sapiens", "Drosophila melanogaster"});
    CHECK(r.doi.empty());       // .na.character
    CHECK(r.journal.empty());   // .na.character
    CHECK(r.keywords.empty());  // .na.character
    CHECK(r.genes == Strings{"Nras", "ras", "Hras", "Kras", "Rem1", "Braf", "NRAS", "KRAS", "BRAF", "MAP2K1",
                             "MAPK1", "MAPK3"});
    CHECK(r.gene_words.empty());
    CHECK(r.source_path == capsearch::test::fixture("records/good/newer-mixed-organisms.md").string());
}

TEST_CASE("newer layout: ' | '-joined keywords, organisms only NA, doi and journal", "[record]") {
    Record r = read_good("newer-bar-keywords.md");
    CHECK(r.figid == "PMC10003241__ijms-24-04893-g003");
    CHECK(r.title ==
          "Metabolic Features of Osteoblasts: Implications for Multiple Myeloma (MM) Bone Disease");
    CHECK(r.caption.find("Abbreviations: αKG: α-ketoglutarate;") != std::string::npos);
    CHECK(r.organisms.empty());
    CHECK(r.organisms_ner == Strings{"Homo sapiens"});
    CHECK(r.keywords ==
          Strings{"osteoblasts", "metabolism", "glutamine", "multiple myeloma", "bone disease"});
    CHECK(r.doi == "10.3390/ijms24054893");
    CHECK(r.journal == "International Journal of Molecular Sciences");
    CHECK(r.year == 2023);
    CHECK(r.genes == Strings{"LRP6", "LRP5", "AKT1", "CPT1A", "SLC2A1", "RUNX2", "ASNS"});
}

TEST_CASE("newer layout: keywords in a block scalar wrapped over lines", "[record]") {
    Record r = read_good("newer-block-keywords.md");
    CHECK(r.keywords == Strings{"amination", "palladacycle", "phosphine", "DFT calculations",
                                "microkinetic modeling", "reaction mechanism"});
    CHECK(r.organisms.empty());
    CHECK(r.organisms_ner == Strings{"Drosophila melanogaster", "Homo sapiens"});
    // 'On' is quoted in the file because YAML 1.1 reads it as a boolean; it is a gene symbol here.
    CHECK(r.genes == Strings{"Act88F", "ar", "slow", "On", "Arc1"});
    CHECK(r.journal == "ACS Catalysis");
}

TEST_CASE("newer layout: an empty year is unknown, not 0 or NA", "[record]") {
    Record r = read_good("newer-unknown-year.md");
    CHECK(r.figid == "PMC3835685__nihms524354f1");
    CHECK_FALSE(r.year.has_value());
    CHECK(r.organisms.empty());
    CHECK(r.organisms_ner == Strings{"Homo sapiens"});  // Comes after other fields in this file.
    CHECK(r.keywords.empty());
    CHECK(r.genes == Strings{"EGF", "ERBB2", "EGFR", "ERBB3", "PIK3CA"});
}

TEST_CASE("older layout: organisms as a string, genes[] words, symbols and HGNC symbols", "[record]") {
    Record r = read_good("older-genes.md");
    CHECK(r.figid == "PMC100005__mb2410575011");
    CHECK(r.title == "Formation of TrkA–src-aPKC complexes");
    CHECK(r.caption.find("the critical regulator of the NF-κB pathway.") != std::string::npos);
    CHECK(r.papertitle ==
          "Nerve Growth Factor Stimulates Multisite Tyrosine Phosphorylation and Activation of the Atypical "
          "Protein Kinase C's  via a src Kinase Pathway.");  // Kept as in the file (double space).
    CHECK(r.year == 2001);
    CHECK(r.organisms == Strings{"Homo sapiens"});
    CHECK(r.organisms_ner.empty());
    CHECK(r.keywords.empty());
    CHECK(r.doi.empty());
    // schema-jsonld.keywords first, then genes[].hgnc_symbol not seen yet (PIK3CG).
    CHECK(r.genes == Strings{"PIK3CD", "SRC", "NTRK1", "FRS2", "TRAF6", "PIK3CG"});
    // word then symbol per entry, duplicates dropped.
    CHECK(r.gene_words == Strings{"SHC/PI3K", "PI3K", "src", "SRC", "TrkA", "TRKA", "FRS2", "TRAF6"});
}

TEST_CASE("older layout: chemicals and diseases in schema-jsonld.keywords are not genes", "[record]") {
    Record r = read_good("older-chemicals-diseases.md");
    CHECK(r.figid == "PMC2722148__carcinbgn247f01_lw");
    CHECK(r.genes == Strings{"GRB2", "RAF1", "BRAF"});  // Not "Cancer", "Noonan syndrome".
    CHECK(r.gene_words == Strings{"GRB2", "RAF"});
    CHECK(r.year == 2009);

    // A symbol that genes[] maps a word to stays, even if also listed as a chemical.
    Record both = capsearch::parse_record(
        "---\nfigid: F1\nschema-jsonld:\n  keywords: [NO, Glucose, TP53]\n"
        "genes:\n- {word: p53, symbol: TP53, hgnc_symbol: TP53}\n"
        "chemicals:\n- {word: Glucose, source: MESH}\n- {word: TP53}\n- not a mapping\ndiseases: text\n---\n",
        "x.md");
    CHECK(both.genes == Strings{"NO", "TP53"});
}

TEST_CASE("keywords as a list, integer year, duplicates, text after the front matter", "[record]") {
    Record r = read_good("variant-keywords-list.md");
    CHECK(r.figid == "PMC3601818__elife-00378-fig1-figsupp3");  // Not the figid in the body.
    CHECK(r.keywords == Strings{"Notch signaling", "muscle arm", "C. elegans"});
    CHECK(r.year == 2013);
    CHECK(r.organisms == Strings{"Caenorhabditis elegans", "Homo sapiens"});
    CHECK(r.genes == Strings{"lin-12", "sel-12", "lag-1", "unc-40", "NOTCH1"});
    CHECK(r.doi == "10.7554/eLife.00378");
}

TEST_CASE("unknown markers and scalar forms", "[record]") {
    SECTION("organisms as .na.character, NA or '' strings") {
        for (const char* v : {".na.character", "NA", "''", "", "[NA, '', .na.character]"}) {
            Record r = capsearch::parse_record(std::string("---\nfigid: F1\norganisms: ") + v +
                                                   "\norganisms_ner: " + v + "\nkeywords: " + v + "\n---\n",
                                               "x.md");
            CHECK(r.organisms.empty());
            CHECK(r.organisms_ner.empty());
            CHECK(r.keywords.empty());
        }
    }
    SECTION("year as .na.character, NA, '' or missing") {
        for (const char* v : {"year: .na.character\n", "year: NA\n", "year: ''\n", "year:\n", ""}) {
            Record r = capsearch::parse_record(std::string("---\nfigid: F1\n") + v + "---\n", "x.md");
            CHECK_FALSE(r.year.has_value());
        }
    }
    SECTION("numbers and booleans where a string belongs are read as their text") {
        Record r = capsearch::parse_record("---\nfigid: 12345\nfigtitle: 2013\ncaption: true\npmcid:\n---\n",
                                           "x.md");
        CHECK(r.figid == "12345");
        CHECK(r.title == "2013");
        CHECK(r.caption == "true");
        CHECK(r.pmcid.empty());
    }
    SECTION("unknown fields of any shape are ignored") {
        Record r = capsearch::parse_record(
            "---\nfigid: F1\nchemicals: [{word: ATP}]\nannotations: {a: [1, 2]}\nnumber: [F1]\n---\n",
            "x.md");
        CHECK(r.figid == "F1");
    }
    SECTION("CRLF line endings and a byte order mark") {
        Record r = capsearch::parse_record(
            "\xEF\xBB\xBF---\r\nfigid: F1\r\nfigtitle: A title\r\nyear: '2015'\r\n"
            "---\r\nbody\r\n",
            "x.md");
        CHECK(r.figid == "F1");
        CHECK(r.title == "A title");
        CHECK(r.year == 2015);
    }
    SECTION("parse_record leaves source_path to the caller") {
        CHECK(capsearch::parse_record("---\nfigid: F1\n---\n", "x.md").source_path.empty());
    }
    SECTION("invalid UTF-8 after the closing line is never read") {
        Record r = capsearch::parse_record("---\nfigid: F1\n---\nCaf\xe9\n", "x.md");
        CHECK(r.figid == "F1");
    }
}

TEST_CASE("each kind of bad record file is named with its line and reason", "[record]") {
    struct Case {
        const char* file;
        int line;
        const char* reason;  // Expected at the start of reason().
    };
    const Case cases[] = {
        {"empty.md", 0, "empty file"},
        {"binary.md", 0, "binary file"},
        {"no-front-matter.md", 1, "no front matter: the first line is not '---'"},
        {"unclosed-front-matter.md", 1, "no front matter: no closing '---' line"},
        {"malformed-yaml.md", 4, "malformed YAML: "},
        {"not-a-mapping.md", 2, "front matter is not a mapping"},
        {"no-figid.md", 0, "no 'figid' field"},
        {"empty-figid.md", 4, "field 'figid' is empty"},
        {"invalid-utf8.md", 4, "invalid UTF-8 (byte 0xE9)"},
        {"caption-list.md", 5, "field 'caption' must be a string, not a list"},
        {"figtitle-mapping.md", 3, "field 'figtitle' must be a string, not a mapping"},
        {"organisms-mapping.md", 4, "field 'organisms' must be a string or a list of strings, not a mapping"},
        {"year-word.md", 5, "field 'year' is not a year: 'abc'"},
        {"year-out-of-range.md", 4, "field 'year' is not a year: '99999'"},
    };
    for (const Case& c : cases) {
        const std::string path = capsearch::test::fixture(std::string("records/bad/") + c.file).string();
        INFO(path);
        InputError e = file_error(path);
        CHECK(e.file() == path);
        CHECK(e.line() == c.line);
        CHECK(e.reason().rfind(c.reason, 0) == 0);
        CHECK(e.code() == capsearch::ErrorCode::input);
        // what() is one line naming the file (and line) first.
        std::string what = e.what();
        CHECK(what.rfind(c.line > 0 ? path + ":" + std::to_string(c.line) + ": " : path + ": ", 0) == 0);
        CHECK(what.find('\n') == std::string::npos);
    }
}

TEST_CASE("bad input given as text", "[record]") {
    SECTION("only blanks is an empty file") { CHECK(parse_error(" \n\n\t\n").reason() == "empty file"); }
    SECTION("a NUL byte in the front matter makes it binary") {
        InputError e = parse_error("---\nfigid: F1\0\n---\nbody"s);
        CHECK(e.reason().rfind("binary file", 0) == 0);
        CHECK(parse_error("---\nfigid: F1\n\0"s).reason().rfind("binary file", 0) == 0);
    }
    SECTION("a NUL byte after the closing --- is in the ignored body") {
        const Record r = capsearch::parse_record("---\nfigid: F1\n---\nbody\0more"s, "x.md");
        CHECK(r.figid == "F1");
    }
    SECTION("a figid with an embedded NUL (a YAML escape) is a bad record") {
        InputError e = parse_error("---\nfigid: \"PMC1\\0__f1\"\n---\n");
        CHECK(e.line() == 2);
        CHECK(e.reason() == "field 'figid' contains a NUL character");
    }
    SECTION("a text over the record cap is refused before it is parsed") {
        std::string big = "---\nfigid: F1\ncaption: " + std::string(capsearch::kMaxRecordBytes, 'a') + "\n---\n";
        CHECK(parse_error(big).reason() == "too large (" + std::to_string(big.size()) +
                                                " bytes; a record is at most 1048576 bytes)");
    }
    SECTION("the line of the first invalid byte") {
        InputError e =
            parse_error("---\nfigid: F1\nfigtitle: ok\ncaption: |\n  fine\n  bad \xC3\x28 here\n---\n");
        CHECK(e.line() == 6);
        CHECK(e.reason() == "invalid UTF-8 (byte 0xC3)");
    }
    SECTION("an overlong encoding is invalid UTF-8") {
        CHECK(parse_error("---\nfigid: F1\ncaption: \xC0\xAF\n---\n").line() == 3);
    }
    SECTION("malformed YAML lines are file lines, past the opening ---") {
        InputError e =
            parse_error("---\nfigid: F1\nfigtitle: t\ncaption: c\nyear: '2013'\nkeywords: [a, b\n---\n");
        CHECK(e.reason().rfind("malformed YAML: ", 0) == 0);
        CHECK(e.line() >= 6);  // yaml-cpp notices the missing "]" at the end of the text.
        CHECK(e.line() <= 7);
        InputError tab = parse_error("---\nfigid: F1\nfigtitle: a: b\n---\n");
        CHECK(tab.line() == 3);
    }
    SECTION("empty front matter") {
        InputError e = parse_error("---\n---\n");
        CHECK(e.reason() == "front matter is empty");
    }
    SECTION("a scalar front matter is not a mapping") {
        CHECK(parse_error("---\njust text\n---\n").reason().rfind("front matter is not a mapping", 0) == 0);
    }
    SECTION("figid that is NA or blank") {
        CHECK(parse_error("---\nfigid: NA\n---\n").reason() == "field 'figid' is empty");
        CHECK(parse_error("---\nfigid:\n---\n").reason() == "field 'figid' is empty");
    }
    SECTION("lists or mappings inside string lists and gene entries") {
        InputError org = parse_error("---\nfigid: F1\norganisms:\n- Homo sapiens\n- {name: x}\n---\n");
        CHECK(org.line() == 5);
        CHECK(org.reason() == "field 'organisms' must list strings, not a mapping");
        InputError kw = parse_error("---\nfigid: F1\nkeywords: {a: b}\n---\n");
        CHECK(kw.reason().rfind("field 'keywords' must be a string or a list of strings", 0) == 0);
        InputError word = parse_error("---\nfigid: F1\ngenes:\n- word: [a, b]\n  symbol: A\n---\n");
        CHECK(word.line() == 4);
        CHECK(word.reason() == "field 'genes.word' must be a string, not a list");
        InputError item = parse_error("---\nfigid: F1\ngenes:\n- TP53\n---\n");
        CHECK(item.line() == 4);
        CHECK(item.reason() == "field 'genes' must list mappings, not a string");
        InputError schema = parse_error("---\nfigid: F1\nschema-jsonld: text\n---\n");
        CHECK(schema.reason().rfind("field 'schema-jsonld' must be a mapping", 0) == 0);
        InputError sym = parse_error("---\nfigid: F1\nschema-jsonld:\n  keywords:\n  - [TP53]\n---\n");
        CHECK(sym.line() == 5);
        CHECK(sym.reason() == "field 'schema-jsonld.keywords' must list strings, not a list");
    }
    SECTION("years that are not years") {
        for (const char* v : {"'abc'", "99999", "'20133'", "'201'", "2013.5", "-2013", "'0999'", "[2013]"}) {
            INFO(v);
            InputError e = parse_error(std::string("---\nfigid: F1\nyear: ") + v + "\n---\n");
            CHECK(e.line() == 3);
            CHECK(e.reason().rfind("field 'year' ", 0) == 0);
        }
    }
    SECTION("a bad year is quoted on one short line") {
        InputError e =
            parse_error("---\nfigid: F1\nyear: |\n  twenty\n  thirteen " + std::string(60, 'x') + "\n---\n");
        CHECK(e.reason().find('\n') == std::string::npos);
        CHECK(e.reason().rfind("field 'year' is not a year: 'twenty thirteen xxx", 0) == 0);
        CHECK(e.reason().size() < 100);
    }
    SECTION("a field given twice") {
        InputError e = parse_error("---\nfigid: F1\nfigtitle: a\nfigid: F2\n---\n");
        CHECK(e.line() == 4);
        CHECK(e.reason() == "duplicate field 'figid'");
    }
}

TEST_CASE("unreadable record files", "[record]") {
    capsearch::test::TempDir dir;
    InputError missing = file_error((dir.path() / "missing.md").string());
    CHECK(missing.line() == 0);
    CHECK(missing.reason() == "cannot read: No such file or directory");
    InputError folder = file_error(dir.str());
    CHECK(folder.reason() == "not a regular file (directory)");
}

TEST_CASE("special files are not records: named at once, never read", "[record]") {
    capsearch::test::TempDir dir;
    const std::string fifo = (dir.path() / "fifo.md").string();
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    // Without a writer, opening the FIFO for reading would block for ever.
    CHECK(file_error(fifo).reason() == "not a regular file (fifo)");
    CHECK(file_error("/dev/zero").reason() == "not a regular file (character device)");
    CHECK(file_error("/dev/null").reason() == "not a regular file (character device)");
}

TEST_CASE("a record file over the cap is refused by its size, and one at the cap is read", "[record]") {
    capsearch::test::TempDir dir;
    const std::string head = "---\nfigid: F1\ncaption: ";
    const std::string tail = "\n---\n";
    const auto at_cap = dir.path() / "cap.md";
    capsearch::test::write_file(at_cap, head + std::string(capsearch::kMaxRecordBytes - head.size() - tail.size(), 'a') + tail);
    CHECK(capsearch::read_record_file(at_cap.string()).caption.size() ==
          capsearch::kMaxRecordBytes - head.size() - tail.size());
    const auto over = dir.path() / "over.md";
    capsearch::test::write_file(over, head + std::string(5 * 1024 * 1024, 'a') + tail);
    CHECK(file_error(over.string()).reason() == "too large (" + std::to_string(5 * 1024 * 1024 + head.size() + tail.size()) +
                                                   " bytes; a record is at most 1048576 bytes)");
}

TEST_CASE("every real PFOCR record parses, with no NA organism or year", "[record][shared]") {
    CAPSEARCH_REQUIRE_SHARED_OR_SKIP(shared);
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(shared / "corpus" / "pfocr")) {
        if (entry.path().extension() == ".md") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    REQUIRE(files.size() == 193);

    int organisms_string = 0, with_genes = 0, with_gene_words = 0, with_ner = 0, with_keywords = 0,
        without_year = 0;
    for (const auto& file : files) {
        INFO(file.string());
        Record r;
        REQUIRE_NOTHROW(r = capsearch::read_record_file(file.string()));
        CHECK(r.figid == file.stem().string());  // PFOCR names each file after its figid.
        CHECK(r.source_path == file.string());
        CHECK_FALSE(r.title.empty());
        CHECK_FALSE(r.caption.empty());
        CHECK(r.pmcid.rfind("PMC", 0) == 0);
        if (r.year) {
            CHECK(*r.year >= 1990);
            CHECK(*r.year <= 2025);
        } else {
            ++without_year;
        }
        for (const auto* list : {&r.organisms, &r.organisms_ner, &r.keywords, &r.genes, &r.gene_words}) {
            for (const std::string& s : *list) CHECK_FALSE(is_unknown_marker(s));
            Strings sorted = *list;
            std::sort(sorted.begin(), sorted.end());
            CHECK(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end());
        }
        CHECK_FALSE(is_unknown_marker(r.pmcid));
        CHECK(r.doi != ".na.character");
        CHECK(r.journal != ".na.character");
        if (!r.genes.empty()) ++with_genes;
        const std::string text = capsearch::test::read_file(file);
        if (text.find("\norganisms: ") != std::string::npos) ++organisms_string;
        if (!r.gene_words.empty()) {
            ++with_gene_words;
            // Older layout: what remains of schema-jsonld.keywords are the genes[] HGNC symbols.
            for (const std::string& g : r.genes)
                CHECK(text.find("  hgnc_symbol: " + g + "\n") != std::string::npos);
        }
        if (!r.organisms_ner.empty()) ++with_ner;
        if (!r.keywords.empty()) ++with_keywords;
    }
    // Both layouts occur and were read fully (counts from the files themselves, not from the reader).
    CHECK(organisms_string > 0);
    CHECK(with_gene_words > 0);
    CHECK(with_genes * 10 > static_cast<int>(files.size()) * 9);  // A few figures show only chemicals.
    CHECK(with_ner > 0);
    CHECK(with_keywords > 0);
    CHECK(without_year >= 1);
}
