// The index's list of its prose words (see vocabulary.hpp).
#include "schema/vocabulary.hpp"

#include "analyzers/text.hpp"
#include "schema/terms.hpp"

namespace capsearch::index {

namespace {
// Any non-empty value: get_metadata() answers "" for a key that is not there.
constexpr const char* kListed = "1";
}  // namespace

bool vocabulary_word(std::string_view term) {
    return term.size() <= kMaxVocabularyWordBytes && analysis::text::is_lower_ascii_word(term);
}

std::string vocabulary_key(std::string_view word) {
    std::string key(terms::kMetaVocabularyPrefix);
    key += word;
    return key;
}

bool lists_vocabulary(const Xapian::Database& db) { return db.get_metadata(terms::kMetaVocabulary) == "1"; }

void list_vocabulary(const Xapian::Database& from, Xapian::WritableDatabase& into) {
    // Unprefixed terms start with a lower-case letter (term prefixes are upper case).
    for (char c = 'a'; c <= 'z'; ++c) {
        const std::string first(1, c);
        for (auto it = from.allterms_begin(first); it != from.allterms_end(first); ++it) {
            const std::string term = *it;
            if (vocabulary_word(term)) into.set_metadata(vocabulary_key(term), kListed);
        }
    }
    into.set_metadata(terms::kMetaVocabulary, "1");
}

void VocabularyRecorder::add(Xapian::WritableDatabase& db, const Xapian::Document& document) {
    for (auto it = document.termlist_begin(); it != document.termlist_end(); ++it) {
        const std::string term = *it;
        if (!vocabulary_word(term) || !seen_.insert(term).second) continue;
        const std::string key = vocabulary_key(term);
        if (db.get_metadata(key).empty()) db.set_metadata(key, kListed);
    }
}

}  // namespace capsearch::index
