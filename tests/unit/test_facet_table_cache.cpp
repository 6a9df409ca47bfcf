// Facet tables cached between processes: read back exactly as built, only for the same databases'
// same revision, never when damaged, and the older revisions' files dropped; a Searcher counts the
// same facets whether it built its table or read another process's.
#include <xapian.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "capsearch/index.hpp"
#include "capsearch/search.hpp"
#include "schema/fields.hpp"
#include "searcher/facet_table.hpp"
#include "searcher/facet_table_cache.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;
using namespace capsearch;
using capsearch::search::FacetTable;
using capsearch::search::FacetTableKey;

namespace {

bool same_codes(const FacetTable& a, const FacetTable& b) {
    if (a.rows != b.rows || a.width != b.width || a.row_bytes != b.row_bytes) return false;
    for (std::size_t did = 0; did < a.rows; ++did)
        for (std::size_t i = 0; i < a.width; ++i)
            if (a.code(static_cast<Xapian::docid>(did), i) != b.code(static_cast<Xapian::docid>(did), i))
                return false;
    return std::equal(a.packed.begin(), a.packed.end(), b.packed.begin(), b.packed.end());
}

// A bare Xapian database whose documents hold facet values: `n` documents, document d's year slot
// "20(d % 7)", its organism slot empty for every third document, one gap (a deleted document).
struct FacetDb {
    test::TempDir dir;
    std::string path = (dir.path() / "db").string();
    explicit FacetDb(int n) {
        Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OPEN);
        const auto facets = schema::facet_fields();
        for (int d = 1; d <= n; ++d) {
            Xapian::Document doc;
            doc.add_value(static_cast<Xapian::valueno>(facets[0]->slot), "20" + std::to_string(10 + d % 7));
            if (d % 3 != 0 && facets.size() > 1)
                doc.add_value(static_cast<Xapian::valueno>(facets[1]->slot),
                              d % 2 ? "Homo sapiens" : "Mus musculus");
            db.add_document(doc);
        }
        db.delete_document(2);
        db.commit();
    }
    FacetTableKey key() const {
        Xapian::Database db(path);
        return *search::facet_table_key({db});
    }
    std::shared_ptr<const FacetTable> build() const {
        Xapian::Database db(path);
        return FacetTable::build(db, key());
    }
};

fs::path only_file(const fs::path& folder) {
    fs::path found;
    int n = 0;
    for (const auto& e : fs::directory_iterator(folder)) {
        found = e.path();
        ++n;
    }
    REQUIRE(n == 1);
    return found;
}

}  // namespace

TEST_CASE("a cached facet table reads back exactly as it was built", "[facets][cache]") {
    FacetDb db(50);
    test::TempDir cache;
    auto built = db.build();
    REQUIRE(search::save_facet_table(cache.path(), *built));
    auto loaded = search::load_facet_table(cache.path(), db.key());
    REQUIRE(loaded);
    CHECK(loaded->key == built->key);
    CHECK(loaded->width == built->width);
    CHECK(same_codes(*loaded, *built));
    CHECK(loaded->mapping);  // used in place
    CHECK(loaded->values == built->values);
    CHECK(loaded->value(1, 0) == "2011");
    CHECK(loaded->value(3, 1).empty());
    CHECK(loaded->value(5, 1) == "Homo sapiens");
    CHECK(only_file(cache.path()).filename() == search::facet_table_file_name(db.key()));
}

TEST_CASE("a facet table packs each facet's codes in as few bytes as its values need", "[facets][cache]") {
    CHECK(FacetTable::code_size(1) == 1);
    CHECK(FacetTable::code_size(256) == 1);  // codes 0..255
    CHECK(FacetTable::code_size(257) == 2);
    CHECK(FacetTable::code_size(65536) == 2);
    CHECK(FacetTable::code_size(65537) == 4);

    // 300 organisms need 2 bytes a code; the years (7) and the empty facets one.
    test::TempDir dir;
    const std::string path = (dir.path() / "db").string();
    const auto facets = schema::facet_fields();
    REQUIRE(facets.size() > 1);
    {
        Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OPEN);
        for (int d = 1; d <= 600; ++d) {
            Xapian::Document doc;
            doc.add_value(static_cast<Xapian::valueno>(facets[0]->slot), "20" + std::to_string(10 + d % 7));
            doc.add_value(static_cast<Xapian::valueno>(facets[1]->slot),
                          "Species " + std::to_string(d % 300));
            db.add_document(doc);
        }
        db.commit();
    }
    const Xapian::Database db(path);
    const FacetTableKey key = *search::facet_table_key({db});
    auto built = FacetTable::build(db, key);
    REQUIRE(built->rows == 601);
    CHECK(built->code_bytes[0] == 1);
    CHECK(built->code_bytes[1] == 2);
    for (std::size_t i = 2; i < facets.size(); ++i) CHECK(built->code_bytes[i] == 1);
    CHECK(built->row_bytes == facets.size() + 1);
    CHECK(built->packed.size() == built->rows * built->row_bytes);

    test::TempDir cache;
    REQUIRE(search::save_facet_table(cache.path(), *built));
    auto loaded = search::load_facet_table(cache.path(), key);
    REQUIRE(loaded);
    CHECK(same_codes(*loaded, *built));
    for (Xapian::docid did = 1; did <= 600; ++did) {
        CHECK(loaded->value(did, 0) == "20" + std::to_string(10 + did % 7));
        CHECK(loaded->value(did, 1) == "Species " + std::to_string(did % 300));
    }
    CHECK(loaded->value(0, 1).empty());  // no document 0: no value
}

TEST_CASE("a cached facet table serves only its own databases' own revision", "[facets][cache]") {
    FacetDb db(20);
    test::TempDir cache;
    const FacetTableKey first = db.key();
    REQUIRE(search::save_facet_table(cache.path(), *db.build()));
    {
        Xapian::WritableDatabase w(db.path, Xapian::DB_OPEN);
        Xapian::Document doc;
        doc.add_value(static_cast<Xapian::valueno>(schema::facet_fields()[0]->slot), "2099");
        w.add_document(doc);
        w.commit();
    }
    const FacetTableKey second = db.key();
    REQUIRE_FALSE(second == first);
    CHECK_FALSE(search::load_facet_table(cache.path(), second));  // a new revision: built anew
    FacetDb other(20);
    CHECK_FALSE(search::load_facet_table(cache.path(), other.key()));  // another database
    CHECK(search::load_facet_table(cache.path(), first));

    // Saving the new revision drops the old one's file: it can never be read again.
    auto now = db.build();
    CHECK(now->value(21, 0) == "2099");
    REQUIRE(search::save_facet_table(cache.path(), *now));
    CHECK(only_file(cache.path()).filename() == search::facet_table_file_name(second));
    CHECK_FALSE(search::load_facet_table(cache.path(), first));
    CHECK(same_codes(*search::load_facet_table(cache.path(), second), *now));
}

TEST_CASE("a damaged cached facet table is never used", "[facets][cache]") {
    FacetDb db(30);
    test::TempDir cache;
    auto built = db.build();
    REQUIRE(search::save_facet_table(cache.path(), *built));
    const fs::path file = cache.path() / search::facet_table_file_name(db.key());
    const std::string good = test::read_file(file);
    REQUIRE(search::load_facet_table(cache.path(), db.key()));

    SECTION("truncated anywhere") {
        for (std::size_t cut : {std::size_t{0}, std::size_t{5}, good.size() / 2, good.size() - 1}) {
            test::write_file(file, good.substr(0, cut));
            CHECK_FALSE(search::load_facet_table(cache.path(), db.key()));
        }
    }
    SECTION("longer than its rows") {
        test::write_file(file, good + std::string(built->row_bytes, '\0'));  // one row more
        CHECK_FALSE(search::load_facet_table(cache.path(), db.key()));
    }
    SECTION("another format") {
        std::string bad = good;
        bad[0] = 'X';
        test::write_file(file, bad);
        CHECK_FALSE(search::load_facet_table(cache.path(), db.key()));
    }
    SECTION("an older format (1: every code in 4 bytes)") {
        std::string bad = good;
        const std::uint32_t one = 1;
        bad.replace(8, 4, std::string(reinterpret_cast<const char*>(&one), 4));  // the u32 after the magic
        test::write_file(file, bad);
        CHECK_FALSE(search::load_facet_table(cache.path(), db.key()));
    }
    SECTION("a code naming no value is refused where it is read") {
        std::string bad = good;
        bad[bad.size() - 1] = '\x7f';  // the high byte of the last code: the last document's last facet
        test::write_file(file, bad);
        auto loaded = search::load_facet_table(cache.path(), db.key());
        REQUIRE(loaded);  // Loading reads no codes (a search touches only its matches' pages).
        const auto last = static_cast<Xapian::docid>(loaded->rows - 1);
        CHECK_THROWS_AS(loaded->code(last, loaded->width - 1), search::DamagedFacetTable);
        CHECK_THROWS_AS(loaded->value(last, loaded->width - 1), search::DamagedFacetTable);
        CHECK(loaded->value(last, 0) == built->value(last, 0));  // its other codes still read

        search::TableFacetSpy spy(loaded, {0, loaded->width - 1});
        Xapian::Database xdb(db.path);
        CHECK_NOTHROW(spy(xdb.get_document(1), 0));
        CHECK_THROWS_AS(spy(xdb.get_document(last), 0), search::DamagedFacetTable);
    }
    SECTION("a document past the table is refused") {
        auto loaded = search::load_facet_table(cache.path(), db.key());
        REQUIRE(loaded);
        const auto past = static_cast<Xapian::docid>(loaded->rows);
        CHECK_THROWS_AS(loaded->code(past, 0), search::DamagedFacetTable);
    }
    SECTION("a value list claiming more than the file holds") {
        // The first value list's count follows width (u32) and rows (u64); find it by its known value.
        std::string bad = good;
        const std::string first_value = built->values[0][1];
        const auto length = static_cast<std::uint32_t>(first_value.size());
        std::string prefixed(reinterpret_cast<const char*>(&length), 4);  // u32 length, then the bytes
        const std::size_t at = bad.find(prefixed + first_value);
        REQUIRE(at != std::string::npos);
        const std::size_t count_at = at - 4;  // the list's count precedes its first value
        bad.replace(count_at, 4, std::string("\xff\xff\xff\x7f", 4));
        test::write_file(file, bad);
        CHECK_FALSE(search::load_facet_table(cache.path(), db.key()));
    }
}

TEST_CASE("a searcher counts the same facets from its own table and from the cached one", "[facets][cache]") {
    test::TempDir dir;
    const std::string path = (dir.path() / "db").string();
    {
        IndexWriter w(path);
        for (int i = 0; i < 12; ++i) {
            Record r;
            r.figid = "F" + std::to_string(i);
            r.title = "Figure " + std::to_string(i);
            r.caption = i % 2 ? "apoptosis and HER2" : "apoptosis";
            r.year = 2010 + i % 4;
            r.organisms = {i % 3 ? "Homo sapiens" : "Mus musculus"};
            w.put(r);
        }
        w.commit();
    }
    const test::CacheHome home(dir.path() / "cache");
    const fs::path folder = dir.path() / "cache" / "capsearch" / "facets";
    SearchRequest req;
    req.query = "apoptosis";
    req.facets = true;

    const SearchResult first = Searcher(path).search(req);  // builds the table and caches it
    REQUIRE(fs::exists(folder));
    const fs::path file = only_file(folder);
    const SearchResult second = Searcher(path).search(req);  // reads it
    REQUIRE(first.facets);
    REQUIRE(second.facets);
    CHECK((*first.facets)["year"] ==
          std::map<std::string, std::size_t>{{"2010", 3}, {"2011", 3}, {"2012", 3}, {"2013", 3}});
    CHECK((*second.facets)["year"] == (*first.facets)["year"]);
    CHECK((*second.facets)["organism"] == (*first.facets)["organism"]);

    // A cached file that does not hold this state is not believed: the searcher builds its own.
    test::write_file(file, "damaged");
    CHECK((*Searcher(path).search(req).facets)["organism"] == (*first.facets)["organism"]);
    CHECK(test::read_file(file) != "damaged");  // and caches it again

    // A file of the right size whose codes name no values (e.g. written over by another program) is
    // found by the count itself: the search answers from a table built from the index, which replaces
    // the file.
    {
        std::string bad = test::read_file(file);
        const auto cached =
            search::load_facet_table(folder, *search::facet_table_key({Xapian::Database(path)}));
        REQUIRE(cached);
        const std::size_t codes = 12 * cached->row_bytes;  // the 12 figures' rows, after document 0's
        for (std::size_t i = bad.size() - codes; i < bad.size(); ++i) bad[i] = '\x7e';
        test::write_file(file, bad);
        REQUIRE(search::load_facet_table(folder, *search::facet_table_key({Xapian::Database(path)})));
        const SearchResult again = Searcher(path).search(req);
        REQUIRE(again.facets);
        CHECK((*again.facets)["year"] == (*first.facets)["year"]);
        CHECK((*again.facets)["organism"] == (*first.facets)["organism"]);
        CHECK(again.total == first.total);
        CHECK(test::read_file(file) != bad);  // replaced by the table built from the index
        CHECK((*Searcher(path).search(req).facets)["year"] == (*first.facets)["year"]);
    }

    // A read-only (here: unusable) cache folder costs nothing but the build.
    fs::remove_all(dir.path() / "cache");
    test::write_file(dir.path() / "cache" / "capsearch", "a file where the folder should be");
    CHECK((*Searcher(path).search(req).facets)["organism"] == (*first.facets)["organism"]);
}
