// The live databases of an index open for writing, edited as one: reads see every shard (document ids
// interleaved as Xapian numbers a multi-database), and each write goes to the shard that holds the
// document or, for a figure, to the shard its figid hashes to. One index is a set of one shard.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "analyzers/lexicon.hpp"

namespace capsearch::index {

class ShardSet {
  public:
    /// `shards` in shard order (as WriterLock::shards()); they must outlive the set.
    explicit ShardSet(std::vector<Xapian::WritableDatabase>& shards);

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

    void begin_transaction();
    void commit_transaction();
    void commit();
    /// Records schema and lexicon in every shard.
    void write_metadata(const analysis::Lexicon& lexicon);

  private:
    Xapian::WritableDatabase& shard_for(const std::string& figid);

    std::vector<Xapian::WritableDatabase>& shards_;
    Xapian::Database all_;
};

}  // namespace capsearch::index
