// The live databases of an index open for writing, edited as one: reads see every shard (document ids
// interleaved as Xapian numbers a multi-database), and each write goes to the shard that holds the
// document or, for a figure, to the shard its figid hashes to. One index is a set of one shard.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "analyzers/lexicon.hpp"
#include "indexer/disk_space.hpp"
#include "schema/layout.hpp"
#include "schema/vocabulary.hpp"

namespace capsearch::index {

class ShardSet {
  public:
    /// `shards` in shard order (as WriterLock::shards() of the index `layout` describes), which must
    /// outlive the set.
    ShardSet(std::vector<Xapian::WritableDatabase>& shards, const Layout& layout);

    /// Every shard as one database (sees the changes not yet committed).
    const Xapian::Database& reader() const { return all_; }

    /// Replaces document `doc` (an id of reader()) in its shard.
    void replace(Xapian::docid doc, const Xapian::Document& document);
    /// Adds or replaces the figure `figid` in the shard its figid hashes to.
    void put_figure(const std::string& figid, const Xapian::Document& document);
    /// Deletes document `doc` (an id of reader()).
    void remove(Xapian::docid doc);
    /// Deletes the figure `figid` from the shard its figid hashes to.
    void remove_figure(const std::string& figid);

    /// Changes until commit_transaction() are one transaction in every shard: dropped, not committed,
    /// when the databases are closed without it (see disk_space.hpp).
    void begin_transaction();
    /// Commits the transaction once the file system has room for what the changes since the last
    /// commit may write (in_place_commit_estimate); else throws Error(io) "No space left on device".
    /// A shard that does not list its whole vocabulary yet (written by an older capsearch) lists it
    /// first (schema/vocabulary.hpp: one walk over its terms, then never again).
    void commit_transaction();
    /// Records schema and lexicon in every shard.
    void write_metadata(const analysis::Lexicon& lexicon);

  private:
    std::size_t shard_index(const std::string& figid) const;

    std::vector<Xapian::WritableDatabase>& shards_;
    Xapian::Database all_;
    std::vector<std::filesystem::path> live_;
    std::uintmax_t index_bytes_ = 0;  // The shards' files at the last commit.
    std::size_t pending_ = 0;         // Documents replaced or deleted since the last commit.
    SpaceBudget space_;
    std::vector<VocabularyRecorder> vocabulary_;  // Per shard: lists the words of what is written.
};

}  // namespace capsearch::index
