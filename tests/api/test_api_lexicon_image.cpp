// The embedded library maps the index's lexicon image as the program does: index_paths() writes it
// beside the index, a Searcher (C++ and C API) maps it (and writes it again when it was deleted), and a
// damaged one is an error naming it.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "api/api_fixture.hpp"
#include "capsearch/capsearch.h"
#include "capsearch/capsearch.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;

namespace {

std::vector<fs::path> images_in(const fs::path& db) {
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(db))
        if (e.path().filename().string().rfind("lexicon-", 0) == 0) out.push_back(e.path());
    return out;
}

std::size_t total_of(const capsearch::Searcher& s, const std::string& q) {
    capsearch::SearchRequest r;
    r.query = q;
    return s.search(r).total;
}

}  // namespace

TEST_CASE("API: a Searcher maps the lexicon image, and names a damaged one", "[api][lexicon]") {
    capsearch::test::TempDir dir;
    // An empty cache: an image of the same lexicon kept there by another test would be used instead.
    const char* before = std::getenv("XDG_CACHE_HOME");
    const std::string saved = before ? before : "";
    REQUIRE(::setenv("XDG_CACHE_HOME", (dir.path() / "cache").c_str(), 1) == 0);
    const std::string db = (dir.path() / "db").string();
    capsearch::index_paths(db, capsearch::test::write_api_fixture(dir.path()));
    REQUIRE(images_in(db).size() == 1);  // Written by the build: no search pays for it.
    const std::string built = capsearch::test::read_file(images_in(db).front());
    const auto built_at = fs::last_write_time(images_in(db).front());
    CHECK(capsearch::check_index(db).ok);  // The image is the stored lexicon's, byte for byte.
    const std::size_t her2 = total_of(capsearch::Searcher(db), "HER2");
    CHECK(her2 >= 1);
    const std::vector<fs::path> images = images_in(db);
    REQUIRE(images.size() == 1);
    CHECK(fs::last_write_time(images.front()) == built_at);  // The search wrote none.
    CHECK(capsearch::test::read_file(images.front()) == built);
    CHECK(total_of(capsearch::Searcher(db), "HER2") == her2);  // From the mapped image.

    const std::string good = capsearch::test::read_file(images.front());
    capsearch::test::write_file(images.front(), good.substr(0, 500));
    try {
        capsearch::Searcher broken(db);
        FAIL("a truncated lexicon image was accepted");
    } catch (const capsearch::Error& e) {
        CHECK(e.code() == capsearch::ErrorCode::lexicon);
        CHECK_THAT(e.what(), Catch::StartsWith(images.front().string() + ": truncated lexicon image"));
    }
    capsearch_searcher* c = nullptr;
    capsearch_error* err = nullptr;
    CHECK(capsearch_searcher_open(db.c_str(), &c, &err) != CAPSEARCH_OK);
    CHECK_THAT(capsearch_error_message(err), Catch::Contains("truncated lexicon image"));
    capsearch_error_free(err);

    fs::remove(images.front());
    err = nullptr;
    REQUIRE(capsearch_searcher_open(db.c_str(), &c, &err) == CAPSEARCH_OK);  // Written again.
    capsearch_searcher_close(c);
    CHECK(capsearch::test::read_file(images.front()) == good);
    if (before)
        ::setenv("XDG_CACHE_HOME", saved.c_str(), 1);
    else
        ::unsetenv("XDG_CACHE_HOME");
}
