// Bringing an existing index in step with a walk of record files in place: stamps and content hashes
// decide what changed, so the cost follows the changes plus one pass over the file list.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "analyzers/lexicon.hpp"
#include "capsearch/index.hpp"
#include "indexer/file_walk.hpp"
#include "indexer/run_observer.hpp"
#include "indexer/shard_set.hpp"

namespace capsearch::index {

/// What sync_in_place() needs besides the database and the files.
struct SyncPlan {
    const analysis::Lexicon* lexicon = nullptr;
    bool reanalyse_all = false;   ///< The lexicon changed: every record is analysed again.
    bool write_metadata = false;  ///< Record schema and lexicon in the final commit.
};

/// Adds, replaces and (with options.delete_missing) deletes documents of `shards` so that they hold
/// the records of `walk`, each figure in its shard (a figure whose figid changed moves to its new
/// shard); a bad file keeps the document it had. Commits every options.batch_size changes
/// and at the end (the metadata only in the final commit, so an interrupted lexicon change is redone).
/// Fills report's counts and documents; skips go to `observer`.
void sync_in_place(ShardSet& shards, const WalkResult& walk, const SyncPlan& plan,
                   const IndexOptions& options, RunObserver& observer, IndexReport& report);

/// Indexed files under the walked folders that the walk did not find (and could have: not under a
/// folder it could not list): what options.delete_missing deletes.
std::vector<std::string> gone_paths(const Xapian::Database& db, const WalkResult& walk);

/// Every indexed figid, sorted.
std::vector<std::string> indexed_figids(const Xapian::Database& db);

/// The first document indexed by `term`, or 0.
Xapian::docid first_document(const Xapian::Database& db, const std::string& term);

/// The document's term starting with `prefix`, without the prefix ("" when it has none).
std::string term_value(const Xapian::Database& db, Xapian::docid doc, const std::string& prefix);

}  // namespace capsearch::index
