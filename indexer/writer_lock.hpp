// The index's write lock: a Xapian::WritableDatabase open on the live generation (Xapian's lock is the
// real one) plus DB/writer.json saying which process holds it, since Xapian cannot tell a refused writer.
#pragma once

#include <xapian.h>

#include <memory>
#include <string>
#include <vector>

#include "schema/layout.hpp"

namespace capsearch::index {

class WriterLock {
  public:
    /// Takes the write lock of the index at `db`. When there is no index and `create`, creates one in
    /// capsearch's layout with an empty live generation. Throws DatabaseLockedError naming the holder
    /// ("index DB is being updated by another process (pid N, started T)"), DatabaseError otherwise.
    static WriterLock acquire(const std::string& db, bool create);

    WriterLock(WriterLock&&) noexcept;
    WriterLock& operator=(WriterLock&&) noexcept;
    ~WriterLock();  ///< Releases (uncommitted changes are lost, as Xapian does on close).

    /// The live database, open for writing (of a sharded index: shard 0). Valid until release().
    Xapian::WritableDatabase& database();
    /// Every live database open for writing: each shard of a sharded index in shard order, else the one.
    std::vector<Xapian::WritableDatabase>& shards();
    /// All of shards() as one database for reading (they share internals: pending changes are seen).
    Xapian::Database reader();
    /// The layout found when the lock was taken.
    const Layout& layout() const;
    /// True when this acquire() created the index.
    bool created() const;
    /// Closes the database (dropping Xapian's lock) and removes writer.json. Idempotent.
    void release();

  private:
    struct State;
    explicit WriterLock(std::unique_ptr<State> state);
    std::unique_ptr<State> state_;
};

/// The message a refused writer gets, naming the holder recorded in writer.json when it is alive.
std::string locked_message(const std::string& db);

}  // namespace capsearch::index
