// The lexicon image searches map in place: it answers as the parsed lexicon does, and a truncated,
// foreign, wrong-version or damaged image is a one-line error naming it; an index's image is written
// once and then mapped.
#include <xapian.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <cstring>

#include "analyzers/lexicon_image.hpp"
#include "schema/lexicon_store.hpp"
#include "schema/terms.hpp"
#include "test_lexicon_support.hpp"

using capsearch::Error;
using capsearch::ErrorCode;
using capsearch::analysis::Context;
using capsearch::analysis::Lexicon;
namespace detail = capsearch::analysis::lexicon_detail;

namespace {

// The error `f` throws ("" when it does not throw), and its code.
template <typename F>
std::string error_of(F&& f, ErrorCode* code = nullptr) {
    try {
        f();
    } catch (const Error& e) {
        if (code) *code = e.code();
        return e.what();
    }
    return "";
}

// Every name spelled in the compiled text (the part after "src:" of each entry, and symbols).
std::vector<std::string> names_in(std::string_view text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find_first_of("\t\n", start);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view field = text.substr(start, end - start);
        const std::size_t colon = field.find(':');
        out.emplace_back(colon == std::string_view::npos ? field : field.substr(colon + 1));
        start = end + 1;
    }
    return out;
}

detail::ImageHeader header_of(const std::string& image) {
    detail::ImageHeader h;
    std::memcpy(&h, image.data(), sizeof h);
    return h;
}

}  // namespace

TEST_CASE("a mapped lexicon image answers as the parsed lexicon", "[lexicon][image]") {
    const auto parsed = capsearch::test::fixture_lexicon();
    capsearch::test::TempDir dir;
    const std::string path = (dir.path() / "lexicon.img").string();
    parsed->save_image(path);
    const auto mapped = Lexicon::open_image(path);
    CHECK(mapped->id() == parsed->id());
    CHECK(mapped->size() == parsed->size());
    CHECK(mapped->serialized() == parsed->serialized());
    CHECK(Lexicon::load_file(path)->id() == parsed->id());  // A lexicon file may be an image.
    std::size_t expanding = 0;
    for (const std::string& name : names_in(parsed->serialized())) {
        for (const Context ctx : {Context::query, Context::text}) {
            const auto a = parsed->resolve(name, ctx);
            const auto b = mapped->resolve(name, ctx);
            CHECK(a.kind == b.kind);
            CHECK(a.symbols == b.symbols);
            CHECK(a.reason == b.reason);
            expanding += a.expands();
        }
        CHECK(parsed->names_of(name) == mapped->names_of(name));
        CHECK(parsed->official_symbol(name) == mapped->official_symbol(name));
        CHECK(parsed->families_of(name) == mapped->families_of(name));
    }
    CHECK(expanding > 100);  // The comparison covered real names.
    CHECK_FALSE(mapped->names_of("EGFR").empty());
}

TEST_CASE("a damaged lexicon image is a one-line error naming it", "[lexicon][image]") {
    const auto lex = capsearch::test::fixture_lexicon();
    const std::string image(lex->image());
    capsearch::test::TempDir dir;
    const std::string path = (dir.path() / "lexicon.img").string();
    auto open_bytes = [&](const std::string& bytes) {
        capsearch::test::write_file(path, bytes);
        ErrorCode code = ErrorCode::internal;
        const std::string e = error_of([&] { Lexicon::open_image(path); }, &code);
        CHECK(code == ErrorCode::lexicon);
        CHECK(e.rfind(path + ": ", 0) == 0);
        CHECK(e.find('\n') == std::string::npos);
        return e;
    };

    SECTION("truncated") {
        CHECK_THAT(open_bytes(image.substr(0, image.size() - 100)),
                   Catch::Contains("truncated lexicon image"));
        CHECK_THAT(open_bytes(image.substr(0, 20)), Catch::Contains("truncated lexicon image"));
    }
    SECTION("foreign") {
        CHECK_THAT(open_bytes(std::string(lex->serialized())),
                   Catch::Contains("not a capsearch lexicon image"));
        CHECK_THAT(open_bytes(""), Catch::Contains("not a capsearch lexicon image"));
    }
    SECTION("another format version") {
        std::string other = image;
        const std::uint32_t v = 99;
        std::memcpy(other.data() + offsetof(detail::ImageHeader, version), &v, sizeof v);
        CHECK_THAT(open_bytes(other), Catch::Contains("format version 99, this capsearch reads 1"));
    }
    SECTION("a name pointing to no concept") {
        std::string other = image;
        const detail::ImageHeader h = header_of(image);
        const std::uint32_t bad = h.concepts + 5;
        for (std::uint32_t i = 0; i < h.names; ++i)
            std::memcpy(other.data() + h.off_names + i * sizeof(detail::ImageName), &bad, sizeof bad);
        capsearch::test::write_file(path, other);
        const auto damaged = Lexicon::open_image(path);  // The header is sound: opening reads only it.
        const std::string e = error_of([&] { damaged->resolve("EGFR", Context::query); });
        CHECK_THAT(e, Catch::StartsWith(path + ": damaged lexicon image"));
    }
}

TEST_CASE("an index's lexicon image is written once, then mapped", "[lexicon][image]") {
    capsearch::test::TempDir dir;
    const auto lex = capsearch::test::fixture_lexicon();
    const std::string db_path = (dir.path() / "db").string();
    {
        Xapian::WritableDatabase w(db_path, Xapian::DB_CREATE_OR_OPEN);
        w.set_metadata(capsearch::terms::kMetaLexicon, std::string(lex->serialized()));
        w.set_metadata(capsearch::terms::kMetaLexiconId, lex->id());
        w.commit();
    }
    // A plain database folder: the image goes to the user's cache.
    const auto cache = dir.path() / "cache";
    const char* before = std::getenv("XDG_CACHE_HOME");
    const std::string saved = before ? before : "";
    REQUIRE(::setenv("XDG_CACHE_HOME", cache.c_str(), 1) == 0);
    const auto image = cache / "capsearch" / "lexicons" / capsearch::analysis::lexicon_image_name(lex->id());
    const Xapian::Database db(db_path);
    const auto first = capsearch::analysis::open_index_lexicon(db, {db_path}, db_path);
    CHECK(first.id == lex->id());
    REQUIRE(std::filesystem::exists(image));
    const auto second = capsearch::analysis::open_index_lexicon(db, {db_path}, db_path);
    CHECK(second.lexicon->id() == lex->id());
    CHECK(second.lexicon->resolve("EGFR", Context::query).expands());

    // Another lexicon's image under this id's name is refused, as is a truncated one.
    Lexicon::builtin()->save_image(image.string());
    CHECK_THAT(error_of([&] { capsearch::analysis::open_index_lexicon(db, {db_path}, db_path); }),
               Catch::Contains("lexicon image of lexicon " + Lexicon::builtin()->id() +
                               ", but the index uses " + lex->id()));
    capsearch::test::write_file(image, std::string(lex->image()).substr(0, 1000));
    CHECK_THAT(
        error_of([&] { capsearch::analysis::open_index_lexicon(db, {db_path}, db_path); }),
        Catch::StartsWith(image.string() + ": truncated lexicon image") && Catch::Contains("delete it"));
    std::filesystem::remove(image);
    CHECK(capsearch::analysis::open_index_lexicon(db, {db_path}, db_path).lexicon->id() == lex->id());
    CHECK(std::filesystem::exists(image));  // Written again.
    if (before)
        ::setenv("XDG_CACHE_HOME", saved.c_str(), 1);
    else
        ::unsetenv("XDG_CACHE_HOME");
}
