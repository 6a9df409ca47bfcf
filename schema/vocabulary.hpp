// The index's list of its prose words, kept in each shard's Xapian metadata (one key per word,
// terms::kMetaVocabularyPrefix + word): did-you-mean reads it instead of walking the index's terms,
// which in Xapian 1.4 reads every posting list of those terms (about 45 MB at 100k figures, 0.1-0.2 s
// per search that finds nothing). Xapian's own spelling table would list words too, but 1.4's remote
// backend returns none of it (metadata keys it does return), and it stores fragments for Xapian's
// suggester, whose rules are not ours (searcher/suggest.hpp).
//
// A listed word is an unprefixed lower-case a-z term (the only terms a correction may be). The list
// may hold words no figure holds any more (a deleted figure's): readers ask the index how often a
// word occurs. terms::kMetaVocabulary = "1" says every word of the shard is listed.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>

namespace capsearch::index {

/// The longest word listed (a metadata key is at most about 250 bytes; no one misspells a longer word).
inline constexpr std::size_t kMaxVocabularyWordBytes = 64;

/// True for the terms the vocabulary lists: unprefixed words of the letters a-z, at most
/// kMaxVocabularyWordBytes long.
bool vocabulary_word(std::string_view term);

/// The metadata key that lists `word`.
std::string vocabulary_key(std::string_view word);

/// True when every word of shard `db` is listed (terms::kMetaVocabulary).
bool lists_vocabulary(const Xapian::Database& db);

/// Lists every vocabulary word of `from`'s terms in `into` and marks `into`'s list complete (made
/// durable by the next commit): `into` is `from` (an index written by a capsearch that kept no list,
/// once), or a database of its own that a full build merges into its output with the documents.
/// Walks all of `from`'s a-z terms.
void list_vocabulary(const Xapian::Database& from, Xapian::WritableDatabase& into);

/// Lists the words of the documents a writer adds, each word looked up in the index at most once per
/// recorder.
class VocabularyRecorder {
  public:
    void add(Xapian::WritableDatabase& db, const Xapian::Document& document);

  private:
    std::unordered_set<std::string> seen_;
};

/// Calls `f(word)` for each listed word of shard `db` that starts with `prefix`, in byte order.
template <typename F>
void for_each_listed_word(const Xapian::Database& db, std::string_view prefix, F&& f) {
    const std::string key = vocabulary_key(prefix);
    const std::size_t skip = key.size() - prefix.size();
    for (auto it = db.metadata_keys_begin(key); it != db.metadata_keys_end(key); ++it) {
        const std::string k = *it;
        f(std::string_view(k).substr(skip));
    }
}

}  // namespace capsearch::index
