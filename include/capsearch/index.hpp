// Building and maintaining an index: syncing folders of records, atomic rebuilds, record-level edits.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "capsearch/export.hpp"
#include "capsearch/record.hpp"

namespace capsearch {

/// A record that was not indexed, and why.
struct SkippedRecord {
    std::string file;
    int line = 0;  ///< 0 when unknown.
    std::string reason;
};

/// Where an indexing run is, for progress displays.
struct IndexProgress {
    std::size_t done = 0;   ///< Files examined so far.
    std::size_t total = 0;  ///< Files found.
    double seconds = 0.0;   ///< Since the run started.
};

/// Options of an indexing run (`capsearch index`).
struct IndexOptions {
    /// Compiled lexicon file. An index keeps the lexicon it was built with: a sync analyses with the
    /// index's own copy unless a file is named here (or replace_lexicon is set), and only a new index
    /// (or one with no stored lexicon) takes default_lexicon_path(), else the built-in curated core.
    std::string lexicon_path;
    /// Analyse with lexicon_path, or the default lexicon when it is "", even when the index stores
    /// another one (`capsearch lexicon update`).
    bool replace_lexicon = false;
    /// Build a complete new index beside the live one and switch to it atomically.
    bool rebuild = false;
    /// Shards of the index (`--shards N`): 0 keeps what the index records (1 for a new index). A new
    /// index, or a rebuild, with N > 1 is sharded: each figure lives in the shard its figid hashes to
    /// (DB/shard-K/, each an ordinary index) and DB is searched as all of them. Another N than the
    /// index records is an Error(invalid_argument) unless `rebuild` (which then re-shards).
    unsigned shards = 0;
    /// Delete figures whose file is no longer under the given paths (only when syncing).
    bool delete_missing = true;
    /// Changed records (files added, replaced, re-stamped or gone) per Xapian commit; at least 1. Each
    /// batch is one transaction, so a sync of at most this many changes is all or nothing, and a run
    /// that is killed leaves the last whole batch; the next run completes the work.
    std::size_t batch_size = 2000;
    /// Worker threads analysing records (a full build's shards, a sync's parsing); 0 = one per core.
    unsigned threads = 0;
    /// Extensions read when walking folders (files named directly are always read).
    std::vector<std::string> extensions = {".md"};
    /// Called now and then with progress (from the calling thread).
    std::function<void(const IndexProgress&)> on_progress;
    /// Called for each skipped record as soon as it is found.
    std::function<void(const SkippedRecord&)> on_skip;
};

/// What an indexing run did.
struct CAPSEARCH_API IndexReport {
    std::size_t added = 0;
    std::size_t updated = 0;
    std::size_t deleted = 0;
    std::size_t unchanged = 0;
    std::vector<SkippedRecord> skipped;
    /// Record files the run found (named files, and files with a wanted extension in the folders);
    /// 0 means the paths hold no records, most often a folder of other files or a wrong --ext.
    std::size_t files_found = 0;
    double seconds = 0.0;
    bool rebuilt = false;
    std::size_t documents = 0;  ///< Figures in the index afterwards.
    /// The index had been built with another gene lexicon, or analysed by an older capsearch that
    /// turned gene names into other terms (index metadata capsearch:analysis), so every record was
    /// analysed again.
    bool lexicon_changed = false;
    /// The id of the lexicon the index holds after the run.
    std::string lexicon_id;
    /// Where that lexicon came from: "index" (the index's own copy, kept), "file" (a lexicon file)
    /// or "builtin" (no lexicon file was found: the built-in curated core, without NCBI's aliases).
    std::string lexicon_source;

    /// One JSON object on one line with the keys added, updated, deleted, unchanged, skipped
    /// (array of {file, line, reason}), files_found, seconds, rebuilt, documents, lexicon_changed,
    /// lexicon_id, lexicon_source.
    std::string to_json() const;
};

/// Syncs (or with options.rebuild, rebuilds) the index at `db_path` with the record files under
/// `paths`, creating the index when absent. Throws DatabaseLockedError when another writer holds
/// the index, DatabaseError / Error(io) when the run fails; bad records are skipped and reported.
CAPSEARCH_API IndexReport index_paths(const std::string& db_path, const std::vector<std::string>& paths,
                                      const IndexOptions& options = {});

/// Analyses every figure of the index at `db_path` again with the lexicon file `lexicon_path` ("" =
/// default_lexicon_path(), else the built-in core) and stores that lexicon in the index, re-reading
/// each figure's source file. Figures whose file is gone, or that were added without one
/// (IndexWriter), keep their old analysis and are listed as skipped. Throws as index_paths().
CAPSEARCH_API IndexReport update_lexicon(const std::string& db_path, const std::string& lexicon_path,
                                         IndexOptions options = {});

/// Record-level editing of an index, for tools that keep their own records.
/// Holds the index's write lock from construction to destruction; not thread-safe.
class CAPSEARCH_API IndexWriter {
  public:
    /// Opens (creating if needed) the index. An index that stores a lexicon keeps it (changing it
    /// means analysing every figure again: index_paths() with a lexicon file, or update_lexicon());
    /// a new one takes `lexicon_path`, else default_lexicon_path(), else the built-in core.
    /// Throws DatabaseLockedError, DatabaseError.
    explicit IndexWriter(const std::string& db_path, const std::string& lexicon_path = "");
    /// Commits what is pending, unless that fails (a full disk): then it is dropped. Call commit() to
    /// know.
    ~IndexWriter();
    IndexWriter(IndexWriter&&) noexcept;
    IndexWriter& operator=(IndexWriter&&) noexcept;
    IndexWriter(const IndexWriter&) = delete;
    IndexWriter& operator=(const IndexWriter&) = delete;

    /// Adds the record, replacing any figure with the same figid. Returns true when it replaced one.
    bool put(const Record& record);
    /// Deletes the figure; returns false when there was none.
    bool remove(const std::string& figid);
    /// Makes the changes visible to searchers, all or none. Throws Error(io) "No space left on device"
    /// without writing when the file system lacks room for what they may write.
    void commit();
    /// Figures in the index (including uncommitted changes).
    std::size_t size() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// Result of check_index().
struct CAPSEARCH_API CheckReport {
    bool ok = true;
    std::size_t documents = 0;
    std::vector<std::string> problems;  ///< One line each; empty when ok.
    std::string to_json() const;
};

/// Compacts the index in place (Xapian::Compactor into a new generation, switched atomically).
/// Takes the write lock. Throws DatabaseLockedError, DatabaseError.
CAPSEARCH_API void compact_index(const std::string& db_path);

/// Writes a Xapian stub file at `stub_path` naming shards searched as one index: "remote HOST:PORT"
/// lines (shards served by xapian-tcpsrv) and "auto PATH" lines (local indexes, made absolute).
/// Replaces the file atomically. Throws Error(invalid_argument) for a bad HOST:PORT, Error(io).
CAPSEARCH_API void write_stub(const std::string& stub_path, const std::vector<std::string>& remotes,
                              const std::vector<std::string>& local_paths);

/// Checks the index's Xapian tables and capsearch's own invariants (one document per figid,
/// required values present, lexicon stored); for a stub of shards also that no figid is in two
/// shards and that the shards agree on lexicon id and analysis version.
CAPSEARCH_API CheckReport check_index(const std::string& db_path);

}  // namespace capsearch
