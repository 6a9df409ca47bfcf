// Index metadata: schema version and stored lexicon (see index_meta.hpp).
#include "schema/index_meta.hpp"

#include "schema/terms.hpp"
#include "capsearch/error.hpp"

namespace capsearch::index {

std::shared_ptr<const analysis::Lexicon> stored_lexicon(const Xapian::Database& db,
                                                        const std::string& db_path) {
    const std::string text = db.get_metadata(terms::kMetaLexicon);
    if (text.empty()) return nullptr;
    return analysis::Lexicon::parse(text, "the lexicon stored in index " + db_path);
}

std::string stored_lexicon_id(const Xapian::Database& db) { return db.get_metadata(terms::kMetaLexiconId); }

bool current_analysis(const Xapian::Database& db) {
    return db.get_metadata(terms::kMetaAnalysis) == kAnalysisVersion;
}

bool has_phrase_pairs(const Xapian::Database& db) { return db.get_metadata(terms::kMetaPhrasePairs) == "1"; }

void check_schema(const Xapian::Database& db, const std::string& db_path) {
    const std::string schema = db.get_metadata(terms::kMetaSchema);
    // No schema at all is a plain Xapian database (or an empty one): it is adopted on the next commit.
    if (!schema.empty() && schema != kSchemaVersion) {
        throw DatabaseError("index " + db_path + " has schema version " + schema +
                            ", this capsearch writes " + kSchemaVersion +
                            ": rebuild it with `capsearch index --rebuild`");
    }
}

void write_index_metadata(Xapian::WritableDatabase& db, const analysis::Lexicon& lexicon) {
    db.set_metadata(terms::kMetaSchema, kSchemaVersion);
    db.set_metadata(terms::kMetaLexicon, std::string(lexicon.serialized()));
    db.set_metadata(terms::kMetaLexiconId, lexicon.id());
    db.set_metadata(terms::kMetaAnalysis, kAnalysisVersion);
    if (db.get_doccount() == 0) {
        db.set_metadata(terms::kMetaPhrasePairs, "1");
        db.set_metadata(terms::kMetaVocabulary, "1");
    }
}

}  // namespace capsearch::index
