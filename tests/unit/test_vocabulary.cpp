// The index's list of its prose words (schema/vocabulary.hpp): what a full build and a sync list, an
// older index listing its words at its next sync, and did-you-mean answering the same from the list as
// from the index's terms.
#include <xapian.h>

#include <catch2/catch.hpp>
#include <set>

#include "capsearch/index.hpp"
#include "capsearch/search.hpp"
#include "schema/terms.hpp"
#include "schema/vocabulary.hpp"
#include "support/test_support.hpp"
#include "unit/sync_support.hpp"

using namespace capsearch;
using namespace capsearch::test;
using namespace capsearch::test::sync;

namespace {

std::vector<fs::path> shard_paths(const fs::path& db, unsigned shards) {
    if (shards <= 1) return {db};
    std::vector<fs::path> out;
    for (unsigned k = 0; k < shards; ++k) out.push_back(db / ("shard-" + std::to_string(k)));
    return out;
}

std::set<std::string> listed_words(const fs::path& shard) {
    std::set<std::string> out;
    index::for_each_listed_word(Xapian::Database(shard.string()), "",
                                [&](std::string_view w) { out.emplace(w); });
    return out;
}

// The words the list must hold: the shard's unprefixed a-z terms.
std::set<std::string> term_words(const fs::path& shard) {
    std::set<std::string> out;
    Xapian::Database d(shard.string());
    for (auto it = d.allterms_begin(); it != d.allterms_end(); ++it) {
        if (index::vocabulary_word(*it)) out.insert(*it);
    }
    return out;
}

// Removes the list and its mark from every shard, as a capsearch before the list left an index.
// Returns how many words it removed.
std::size_t strip_vocabulary(const fs::path& db, unsigned shards) {
    std::size_t removed = 0;
    for (const fs::path& shard : shard_paths(db, shards)) {
        const std::set<std::string> words = listed_words(shard);
        Xapian::WritableDatabase w((shard / live_generation(shard)).string(), Xapian::DB_OPEN);
        for (const std::string& word : words) w.set_metadata(index::vocabulary_key(word), "");
        w.set_metadata(terms::kMetaVocabulary, "");
        w.commit();
        removed += words.size();
    }
    return removed;
}

std::optional<std::string> suggestion(const fs::path& db, const std::string& query) {
    SearchRequest r;
    r.query = query;
    r.limit = 1;
    return Searcher(db.string()).search(r).suggestion;
}

}  // namespace

TEST_CASE("a full build lists every prose word of every shard", "[vocabulary]") {
    for (const unsigned shards : {1U, 3U}) {
        TempDir tmp;
        const fs::path records = tmp.path() / "records";
        const fs::path db = tmp.path() / "db";
        write_corpus(records, "VBA", 0, 24, record_templates());
        index_paths(db.string(), {records.string()}, with_shards(shards));
        for (const fs::path& shard : shard_paths(db, shards)) {
            CHECK(metadata(shard, terms::kMetaVocabulary) == "1");
            const std::set<std::string> words = term_words(shard);
            CHECK(words.size() > 100);
            CHECK(listed_words(shard) == words);
        }
        CHECK(Searcher(db.string()).stats().vocabulary_listed);
    }
}

TEST_CASE("a sync lists the words of what it writes, and an index without a list gets one at its next sync",
          "[vocabulary]") {
    for (const unsigned shards : {1U, 2U}) {
        TempDir tmp;
        const auto templates = record_templates();
        const fs::path records = tmp.path() / "records";
        const fs::path db = tmp.path() / "db";
        write_corpus(records, "VSA", 0, 10, templates);
        age_files(records);
        index_paths(db.string(), {records.string()}, with_shards(shards));

        // A changed record brings a word no figure held.
        const fs::path changed = record_path(records, "VSA", 3);
        write_file(changed, with_caption_word(read_file(changed), "quokkafication"));
        index_paths(db.string(), {records.string()}, with_shards(0));
        std::size_t holding = 0;
        for (const fs::path& shard : shard_paths(db, shards)) {
            CHECK(listed_words(shard) == term_words(shard));
            holding += listed_words(shard).count("quokkafication");
        }
        CHECK(holding == 1);

        // As an older capsearch left it: no list, no mark. Searches walk the terms; the next sync,
        // with nothing to change, lists every word.
        REQUIRE(strip_vocabulary(db, shards) > 100);
        CHECK_FALSE(Searcher(db.string()).stats().vocabulary_listed);
        const IndexReport r = index_paths(db.string(), {records.string()}, with_shards(0));
        CHECK(r.unchanged == 10);
        for (const fs::path& shard : shard_paths(db, shards)) {
            CHECK(metadata(shard, terms::kMetaVocabulary) == "1");
            CHECK(listed_words(shard) == term_words(shard));
        }
        CHECK(Searcher(db.string()).stats().vocabulary_listed);
    }
}

TEST_CASE("did-you-mean finds the same words in the list as in the index's terms", "[vocabulary][suggest]") {
    TempDir tmp;
    const fs::path records = tmp.path() / "records";
    const fs::path db = tmp.path() / "db";
    write_corpus(records, "VDA", 0, 30, record_templates());
    index_paths(db.string(), {records.string()}, with_shards(1));

    // Misspellings of the index's own words: two letters of each long word swapped, the first letter
    // dropped, a letter doubled.
    std::vector<std::string> queries;
    Xapian::Database d(db.string());
    for (const std::string& w : term_words(db)) {
        if (w.size() < 8 || d.get_termfreq(w) < 3) continue;
        for (const std::string& typo :
             {w.substr(0, 3) + w[4] + w[3] + w.substr(5), w.substr(1), w.substr(0, 5) + w[5] + w.substr(5)}) {
            if (!d.term_exists(typo)) queries.push_back(typo);
        }
    }
    REQUIRE(queries.size() > 30);

    std::vector<std::optional<std::string>> from_list;
    std::size_t found = 0;
    for (const std::string& q : queries) {
        from_list.push_back(suggestion(db, q));
        found += from_list.back().has_value();
    }
    CHECK(found > queries.size() / 2);

    strip_vocabulary(db, 1);
    for (std::size_t i = 0; i < queries.size(); ++i) {
        INFO(queries[i]);
        CHECK(suggestion(db, queries[i]) == from_list[i]);
    }

    // The list is what is read: marked complete but empty, it finds nothing.
    {
        Xapian::WritableDatabase w((db / live_generation(db)).string(), Xapian::DB_OPEN);
        w.set_metadata(terms::kMetaVocabulary, "1");
        w.commit();
    }
    for (const std::string& q : queries) CHECK_FALSE(suggestion(db, q));
}
