// What an index records about itself in Xapian's metadata: the schema version and the compiled gene
// lexicon it was analysed with (so searches analyse queries the same way, and syncs notice a change).
#pragma once

#include <xapian.h>

#include <memory>
#include <string>

#include "analyzers/lexicon.hpp"
#include "capsearch/index.hpp"

namespace capsearch::index {

/// The schema version this capsearch writes (terms::kMetaSchema).
inline constexpr const char* kSchemaVersion = "1";

/// How records are turned into gene concept terms (terms::kMetaAnalysis). An index analysed another
/// way is analysed again on its next sync, as when the lexicon changes; searching it meanwhile works
/// but answers as the older analysis did. Bump it whenever the same lexicon would index other terms.
///   (absent) family names in text added their members' concept terms.
///   2        a family name in text adds one family term (terms::family_concept), not its members'.
///   3        each figure also stores its resolved gene set (terms::kGeneSet, kSlotGeneSet).
inline constexpr const char* kAnalysisVersion = "3";

/// The lexicon a run analyses with: the file at `path`, else default_lexicon_path(), else the built-in
/// curated core. Throws capsearch::Error(lexicon|io).
std::shared_ptr<const analysis::Lexicon> load_run_lexicon(const std::string& path);

/// The lexicon an indexing run analyses with, and where it came from (IndexReport::lexicon_source).
struct RunLexicon {
    std::shared_ptr<const analysis::Lexicon> lexicon;
    const char* source = "";  ///< "index", "file" or "builtin".
};

/// An index keeps its lexicon: the stored copy unless options name a file (or replace_lexicon);
/// otherwise, or when the index stores none, load_run_lexicon(options.lexicon_path).
RunLexicon choose_lexicon(const Xapian::Database& db, const std::string& db_path, const IndexOptions& options);

/// The lexicon stored in the index, or nullptr when it has none. Throws Error(lexicon) when malformed.
std::shared_ptr<const analysis::Lexicon> stored_lexicon(const Xapian::Database& db,
                                                        const std::string& db_path);

/// The id of the stored lexicon ("" when none).
std::string stored_lexicon_id(const Xapian::Database& db);

/// True when the index's documents were analysed as this capsearch analyses them (kAnalysisVersion).
bool current_analysis(const Xapian::Database& db);

/// Throws DatabaseError when the index was written with another schema than this capsearch's.
void check_schema(const Xapian::Database& db, const std::string& db_path);

/// Records the schema version, the analysis version and `lexicon` (made durable by the next commit).
void write_index_metadata(Xapian::WritableDatabase& db, const analysis::Lexicon& lexicon);

}  // namespace capsearch::index
