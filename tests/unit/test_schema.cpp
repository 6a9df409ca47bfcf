// The schema layer: the field table's invariants, its pinned digest (a changed table needs a new
// analysis version), the searcher refusing an index of another schema, and the one-way layering.
#include <xapian.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "capsearch/error.hpp"
#include "capsearch/index.hpp"
#include "capsearch/search.hpp"
#include "schema/fields.hpp"
#include "schema/terms.hpp"
#include "support/test_support.hpp"

using namespace capsearch;

TEST_CASE("schema: a changed field table comes with a new analysis version", "[schema]") {
    // When this fails you changed schema::kFields: bump kAnalysisVersion (so existing indexes are
    // analysed again on their next sync) and add {new version, the digest printed here} to
    // schema::pinned_digests(). A version's pinned digest never changes, so the table cannot change alone.
    INFO("kAnalysisVersion " << schema::kAnalysisVersion << ", table_digest() " << schema::table_digest());
    std::set<std::string_view> versions;
    std::string_view pinned;
    for (const auto& [version, digest] : schema::pinned_digests()) {
        CHECK(versions.insert(version).second);
        if (version == schema::kAnalysisVersion) pinned = digest;
    }
    CHECK(schema::table_digest() == pinned);
}

TEST_CASE("schema: field names, prefixes and slots are distinct and lookups ignore case", "[schema]") {
    std::set<std::string_view> names, prefixes;
    std::set<int> slots;
    for (const schema::Field& f : schema::kFields) {
        CHECK(names.insert(f.name).second);
        CHECK(prefixes.insert(f.prefix).second);
        if (f.slot != schema::kNoSlot) CHECK(slots.insert(f.slot).second);
        if (f.facet) CHECK(f.slot != schema::kNoSlot);
        CHECK((f.kind == schema::FieldKind::text) == (f.wdf > 0));
    }
    REQUIRE(schema::find_field("Organism") != nullptr);
    CHECK(schema::find_field("Organism")->prefix == terms::kOrganism);
    CHECK(schema::find_field("nosuchfield") == nullptr);
    REQUIRE(schema::facet_fields().size() >= 2);
    CHECK(schema::facet_fields()[0]->name == "year");
    CHECK(schema::facet_fields()[1]->name == "organism");
}

TEST_CASE("schema: filter terms are spelled once for indexer and query", "[schema]") {
    CHECK(terms::filter_key("  Homo \t Sapiens ") == "homo sapiens");
    CHECK(terms::organism_term("Homo Sapiens") == "XOhomo sapiens");
    CHECK(terms::pmcid_term("pmc3808214") == "XMPMC3808214");
    CHECK(terms::figid_term("PMC1__f1") == "QPMC1__f1");
}

TEST_CASE("schema: the searcher refuses an index of another schema version", "[schema]") {
    test::TempDir dir;
    const std::string db = (dir.path() / "db").string();
    {
        IndexWriter w(db);
        Record r;
        r.figid = "F1";
        r.title = "HER2";
        w.put(r);
        w.commit();
    }
    CHECK(Searcher(db).search({}).total == 1);
    {
        // Change the stored schema version of the live generation behind the stub.
        Xapian::WritableDatabase w(db);
        w.set_metadata(terms::kMetaSchema, "999");
        w.commit();
    }
    try {
        Searcher s(db);
        FAIL("an index of schema 999 was opened");
    } catch (const DatabaseError& e) {
        const std::string what = e.what();
        CHECK(what.find("schema version 999") != std::string::npos);
        CHECK(what.find("--rebuild") != std::string::npos);
    }
}

TEST_CASE("schema: the searcher includes nothing of the indexer", "[schema]") {
    namespace fs = std::filesystem;
    std::size_t files = 0;
    for (const auto& entry : fs::directory_iterator(fs::path(CAPSEARCH_SOURCE_DIR) / "searcher")) {
        std::ifstream in(entry.path());
        std::stringstream text;
        text << in.rdbuf();
        INFO(entry.path().string());
        CHECK(text.str().find("#include \"indexer/") == std::string::npos);
        ++files;
    }
    CHECK(files > 10);
    for (const char* dir : {"schema"}) {
        for (const auto& entry : fs::directory_iterator(fs::path(CAPSEARCH_SOURCE_DIR) / dir)) {
            std::ifstream in(entry.path());
            std::stringstream text;
            text << in.rdbuf();
            INFO(entry.path().string());
            CHECK(text.str().find("#include \"indexer/") == std::string::npos);
            CHECK(text.str().find("#include \"searcher/") == std::string::npos);
        }
    }
}
