// The did-you-mean helpers: bounded edit distance, and which words of a query get corrected.
#include <catch2/catch.hpp>

#include "analyzers/lexicon.hpp"
#include "searcher/query_parser.hpp"
#include "searcher/suggest.hpp"

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

Xapian::WritableDatabase words_db(const std::vector<std::pair<std::string, int>>& words) {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    for (const auto& [word, docs] : words) {
        for (int i = 0; i < docs; ++i) {
            Xapian::Document doc;
            doc.add_term(word);
            db.add_document(doc);
        }
    }
    return db;
}

std::optional<std::string> corrected(const Xapian::Database& db, const std::string& query) {
    return corrected_query(query, parse_query(query), db, *capsearch::analysis::Lexicon::builtin());
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
