// The did-you-mean helpers: bounded edit distance, and which words of a query get corrected.
#include <catch2/catch.hpp>

#include "analyzers/lexicon.hpp"
#include "schema/vocabulary.hpp"
#include "searcher/query_parser.hpp"
#include "searcher/suggest.hpp"
#include "support/test_support.hpp"

using capsearch::search::corrected_query;
using capsearch::search::edit_distance;
using capsearch::search::parse_query;

TEST_CASE("edit_distance counts insertions, deletions, substitutions and transpositions", "[suggest]") {
    CHECK(edit_distance("inflamation", "inflammation", 2) == 1);
    CHECK(edit_distance("apoptsis", "apoptosis", 2) == 1);
    CHECK(edit_distance("recpetor", "receptor", 2) == 1);  // One transposition.
    CHECK(edit_distance("kinase", "kinsae", 2) == 1);
    CHECK(edit_distance("cell", "cell", 2) == 0);
    CHECK(edit_distance("signal", "sigma", 2) == 2);
    // Past the limit the answer is limit + 1, however far apart the words are.
    CHECK(edit_distance("kinase", "phosphatase", 2) == 3);
    CHECK(edit_distance("abcdef", "uvwxyz", 1) == 2);
}

namespace {

// In memory, or on disk at `path` (the in-memory backend lists no metadata keys).
Xapian::WritableDatabase words_db(const std::vector<std::pair<std::string, int>>& words,
                                  const std::string& path = "") {
    Xapian::WritableDatabase db(path, path.empty() ? Xapian::DB_BACKEND_INMEMORY : Xapian::DB_CREATE);
    for (const auto& [word, docs] : words) {
        for (int i = 0; i < docs; ++i) {
            Xapian::Document doc;
            doc.add_term(word);
            db.add_document(doc);
        }
    }
    return db;
}

// The correction found by walking the index's terms, checked against the one read from its list of
// words (schema/vocabulary.hpp) in a copy that lists them.
std::optional<std::string> corrected(const Xapian::WritableDatabase& db, const std::string& query) {
    const auto& lexicon = *capsearch::analysis::Lexicon::builtin();
    const std::optional<std::string> walked = corrected_query(query, parse_query(query), {db}, lexicon);
    capsearch::test::TempDir tmp;
    Xapian::WritableDatabase listing((tmp.path() / "listing").string(), Xapian::DB_CREATE);
    for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p)
        listing.add_document(db.get_document(*p));
    capsearch::index::list_vocabulary(listing, listing);
    const std::vector<Xapian::Database> shards{listing};
    CHECK(corrected_query(query, parse_query(query), {listing, &shards}, lexicon) == walked);
    return walked;
}

}  // namespace

TEST_CASE("corrected_query replaces rare prose words by frequent neighbours, in place", "[suggest]") {
    auto db = words_db({{"inflammation", 6}, {"inflamation", 1}, {"apoptosis", 2}, {"smad", 9}, {"cell", 4}});
    CHECK(corrected(db, "inflamation") == std::optional<std::string>("inflammation"));
    CHECK(corrected(db, "title:Apoptsis OR (cel AND inflamation)") ==
          std::optional<std::string>("title:Apoptosis OR (cel AND inflammation)"));
    // Already frequent enough, too short, excluded or in a filter field: left alone.
    CHECK_FALSE(corrected(db, "apoptosis"));
    CHECK_FALSE(corrected(db, "cel"));
    CHECK_FALSE(corrected(db, "NOT apoptsis"));
    CHECK_FALSE(corrected(db, "organism:apoptsis"));
    CHECK_FALSE(corrected(db, "apoptsis*"));
    // Nothing near enough.
    CHECK_FALSE(corrected(db, "phosphatase"));
}

TEST_CASE("corrected_query: first-letter typos, words in phrases, non-ASCII words", "[suggest]") {
    auto db = words_db({{"inflammation", 6}, {"apoptosis", 2}, {"pathway", 3}});
    // No index word shares the first letter: any first letter will do.
    CHECK(corrected(db, "nflammation") == std::optional<std::string>("inflammation"));
    CHECK(corrected(db, "unflammation") == std::optional<std::string>("inflammation"));
    CHECK(corrected(db, "\"inflamation pathway\"") == std::optional<std::string>("\"inflammation pathway\""));
    CHECK(corrected(db, "caption:\"apoptsis\"") == std::optional<std::string>("caption:\"apoptosis\""));
    // Distances count characters, so one accented letter is one edit.
    CHECK(edit_distance("inflammati\xC3\xB3n", "inflammation", 2) == 1);
    CHECK(corrected(db, "inflammati\xC3\xB3n") == std::optional<std::string>("inflammation"));
    CHECK(corrected(db, "Apopto\xC5\x9Bis") == std::optional<std::string>("Apoptosis"));
}

TEST_CASE("corrected_query never touches gene names and never suggests one", "[suggest]") {
    auto db = words_db({{"smad", 9}, {"smads", 9}, {"notch", 5}, {"atp", 5}});
    CHECK_FALSE(corrected(db, "Smad"));    // A family name of the lexicon, though "smads" is near.
    CHECK_FALSE(corrected(db, "smadd"));   // "smad" is near but a gene family.
    CHECK_FALSE(corrected(db, "notchh"));  // "notch": the Notch family.
    CHECK_FALSE(corrected(db, "ATPs"));
    CHECK_FALSE(corrected(db, "xsmad"));            // Nor across first letters.
    CHECK_FALSE(corrected(db, "\"smadd notchh\""));  // Nor in a phrase.
}

TEST_CASE(
    "corrected_query over shards' word lists: ties go to the first word in byte order, stale words "
    "are never suggested",
    "[suggest]") {
    const auto& lexicon = *capsearch::analysis::Lexicon::builtin();
    // Two words one edit from the query, one figure each, in two shards; the first shard lists a word
    // no figure holds any more.
    capsearch::test::TempDir tmp;
    auto first = words_db({{"lumenosity", 1}}, (tmp.path() / "first").string());
    auto second = words_db({{"luminosity", 1}}, (tmp.path() / "second").string());
    capsearch::index::list_vocabulary(first, first);
    capsearch::index::list_vocabulary(second, second);
    first.set_metadata(capsearch::index::vocabulary_key("lumanosity"), "1");
    Xapian::Database both;
    both.add_database(first);
    both.add_database(second);
    const std::vector<Xapian::Database> shards{first, second};
    const std::vector<Xapian::Database> reversed{second, first};
    const std::string query = "lumunosity";
    const auto expected = std::optional<std::string>("lumenosity");
    CHECK(corrected_query(query, parse_query(query), {both}, lexicon) == expected);
    CHECK(corrected_query(query, parse_query(query), {both, &shards}, lexicon) == expected);
    CHECK(corrected_query(query, parse_query(query), {both, &reversed}, lexicon) == expected);
}
