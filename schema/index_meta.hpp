// What an index records about itself in Xapian's metadata: the schema version and the compiled gene
// lexicon it was analysed with (so searches analyse queries the same way, and syncs notice a change).
#pragma once

#include <xapian.h>

#include <memory>
#include <string>

#include "analyzers/lexicon.hpp"
#include "schema/fields.hpp"

namespace capsearch::index {

using schema::kAnalysisVersion;
using schema::kSchemaVersion;

/// The lexicon stored in the index, or nullptr when it has none. Throws Error(lexicon) when malformed.
std::shared_ptr<const analysis::Lexicon> stored_lexicon(const Xapian::Database& db,
                                                        const std::string& db_path);

/// The id of the stored lexicon ("" when none).
std::string stored_lexicon_id(const Xapian::Database& db);

/// True when the index's documents were analysed as this capsearch analyses them (kAnalysisVersion).
bool current_analysis(const Xapian::Database& db);

/// True when every document of `db` holds its phrase pairs (terms::phrase_pair), so phrases may be
/// answered from them (terms::kMetaPhrasePairs). `db` is one shard: a search over several asks each.
/// An index some of whose documents were analysed before pairs were written (kept by a sync that
/// re-analysed the others in place) says no until it is rebuilt; its phrases are read from positions.
bool has_phrase_pairs(const Xapian::Database& db);

/// Throws DatabaseError when the index was written with another schema than this capsearch's; the
/// indexer and the searcher both check it at open, so an index of another schema is never misread.
void check_schema(const Xapian::Database& db, const std::string& db_path);

/// Records the schema version, the analysis version and `lexicon` (made durable by the next commit).
/// An index with no documents yet is also marked as holding phrase pairs in every document and as
/// listing its whole vocabulary (vocabulary.hpp): every writer of this analysis writes pairs and lists
/// the words of what it writes, and a full build's metadata is written so, before its documents (a
/// re-analysing sync gives the documents it carries over their pairs; a full build lists its output's
/// words once merged).
void write_index_metadata(Xapian::WritableDatabase& db, const analysis::Lexicon& lexicon);

}  // namespace capsearch::index
