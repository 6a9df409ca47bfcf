// The user's cache of lexicon images: pruned by age (images unused for 30 days) and by size (least
// recently used first, never the image just written), touched on use at most once a day, and a lexicon
// file's image cached by the file's contents so that reading the file again maps it.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>

#include "analyzers/lexicon_cache.hpp"
#include "test_lexicon_support.hpp"

namespace fs = std::filesystem;
using capsearch::analysis::Context;
using capsearch::analysis::LexiconCachePolicy;
using capsearch::test::CacheHome;

namespace {

using Clock = fs::file_time_type::clock;

// A file of `size` bytes last used `age` ago.
fs::path cached(const fs::path& folder, const std::string& name, std::size_t size, std::chrono::hours age) {
    const fs::path p = folder / name;
    capsearch::test::write_file(p, std::string(size, 'x'));
    fs::last_write_time(p, Clock::now() - age);
    return p;
}

}  // namespace

TEST_CASE("the lexicon cache drops images unused for 30 days, then the oldest over the size cap",
          "[lexicon][cache]") {
    capsearch::test::TempDir dir;
    const fs::path f = dir.path();
    using std::chrono::hours;
    const fs::path old = cached(f, "lexicon-lex1-0000000000000001.img", 10, hours(24 * 31));
    const fs::path leftover = cached(f, "lexicon-lex1-0000000000000002.img.tmp.77", 10, hours(24 * 31));
    const fs::path other = cached(f, "notes.txt", 10, hours(24 * 365));
    const fs::path a = cached(f, "lexicon-lex1-000000000000000a.img", 100, hours(24 * 20));
    const fs::path b = cached(f, "lexicon-lex1-000000000000000b.img", 100, hours(24 * 10));
    const fs::path c = cached(f, "lexicon-lex1-000000000000000c.img", 100, hours(1));
    // The image just written is the oldest by mtime here, and is kept all the same.
    const fs::path kept = cached(f, "lexicon-lex1-000000000000000d.img", 100, hours(24 * 29));

    SECTION("by age only") {
        capsearch::analysis::prune_lexicon_cache(f, kept.filename().string());
        CHECK_FALSE(fs::exists(old));
        CHECK_FALSE(fs::exists(leftover));
        CHECK(fs::exists(other));  // Not capsearch's.
        CHECK(fs::exists(a));
        CHECK(fs::exists(b));
        CHECK(fs::exists(c));
        CHECK(fs::exists(kept));
    }
    SECTION("under a size cap, least recently used first") {
        LexiconCachePolicy policy;
        policy.max_bytes = 250;
        capsearch::analysis::prune_lexicon_cache(f, kept.filename().string(), policy);
        CHECK_FALSE(fs::exists(old));
        CHECK_FALSE(fs::exists(a));
        CHECK_FALSE(fs::exists(b));
        CHECK(fs::exists(c));
        CHECK(fs::exists(kept));
    }
}

TEST_CASE("a cached lexicon image's mtime is touched on use at most once a day", "[lexicon][cache]") {
    capsearch::test::TempDir dir;
    const fs::path stale =
        cached(dir.path(), "lexicon-lex1-0000000000000001.img", 10, std::chrono::hours(25));
    const fs::path fresh =
        cached(dir.path(), "lexicon-lex1-0000000000000002.img", 10, std::chrono::hours(23));
    const auto fresh_mtime = fs::last_write_time(fresh);
    capsearch::analysis::note_cached_image_used(stale);
    capsearch::analysis::note_cached_image_used(fresh);
    CHECK(Clock::now() - fs::last_write_time(stale) < std::chrono::hours(1));
    CHECK(fs::last_write_time(fresh) == fresh_mtime);
}

TEST_CASE("a lexicon file's image is cached by its contents and answers as the parsed file",
          "[lexicon][cache]") {
    capsearch::test::TempDir dir;
    const CacheHome home(dir.path() / "cache");
    const auto parsed = capsearch::test::fixture_lexicon();
    const fs::path file = dir.path() / "lexicon.tsv";
    capsearch::test::write_file(file, std::string(parsed->serialized()));
    const fs::path image =
        capsearch::analysis::lexicon_cache_folder() / capsearch::analysis::lexicon_image_name(parsed->id());

    const auto first = capsearch::analysis::load_lexicon_file_cached(file.string());
    REQUIRE(fs::exists(image));
    const auto second = capsearch::analysis::load_lexicon_file_cached(file.string());
    for (const auto& lex : {first, second}) {
        CHECK(lex->id() == parsed->id());
        CHECK(lex->size() == parsed->size());
        for (const char* name : {"HER2", "EGFR", "Akt", "TNF alpha", "ATP", "nothing-like-a-gene"})
            CHECK(capsearch::test::expanded(*lex, name, Context::query) ==
                  capsearch::test::expanded(*parsed, name, Context::query));
    }
    // The second read mapped the cached image: a damaged one is named.
    capsearch::test::write_file(image, std::string(parsed->image()).substr(0, 1000));
    try {
        capsearch::analysis::load_lexicon_file_cached(file.string());
        FAIL("a damaged cached image was not used");
    } catch (const capsearch::Error& e) {
        CHECK_THAT(e.what(), Catch::StartsWith(image.string() + ": truncated lexicon image") &&
                                 Catch::Contains("writes it again from " + file.string()));
    }
    // Another file (another id) gets its own image; an image file itself is mapped directly.
    capsearch::test::write_file(file, std::string(capsearch::analysis::Lexicon::builtin()->serialized()));
    CHECK(capsearch::analysis::load_lexicon_file_cached(file.string())->id() ==
          capsearch::analysis::Lexicon::builtin()->id());
    parsed->save_image((dir.path() / "direct.img").string());
    CHECK(capsearch::analysis::load_lexicon_file_cached((dir.path() / "direct.img").string())->id() ==
          parsed->id());
}
