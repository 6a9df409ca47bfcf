// Room on the file system for a Xapian commit, checked before the commit writes. Xapian 1.4 can end
// the process when a disk fills during a commit: the commit merges value slots in a destructor
// (Glass::ValueUpdater), and a B-tree block written there that meets ENOSPC throws out of it, which is
// std::terminate. So a commit that would not fit is refused here with an error instead, and pending
// changes live in a transaction, so that a database dropped after a failure cancels them rather than
// committing them from its own destructor. (A flushed one, begin_transaction(): an unflushed one's
// commit_transaction() does not commit, and the destructor would, swallowing its errors.)
#pragma once

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include "schema/layout.hpp"  // folder_bytes

namespace capsearch::index {

/// Bytes an unprivileged process may still write on the file system holding `path` (the nearest
/// existing parent is asked); nullopt when the file system does not say.
std::optional<std::uintmax_t> free_bytes(const std::filesystem::path& path);

/// What a commit writes besides its documents: the version file and a root block per table, with
/// room to spare.
inline constexpr std::uintmax_t kCommitOverhead = 256 * 1024;

/// What a document is assumed to take on disk where nothing better is known: a large record's share.
inline constexpr std::uintmax_t kUnknownDocBytes = 64 * 1024;

/// Free space promised to commits in progress, shared by the threads of one run on one index, so
/// that two commits do not both count the same free bytes.
class SpaceBudget {
  public:
    /// For writes into (or beside) the index at `index`, which errors name.
    explicit SpaceBudget(std::filesystem::path index) : index_(std::move(index)) {}

    /// Space held for one commit until it is destroyed (after the commit).
    class Hold {
      public:
        Hold(SpaceBudget* budget, std::uintmax_t bytes) : budget_(budget), bytes_(bytes) {}
        Hold(Hold&& other) noexcept : budget_(other.budget_), bytes_(other.bytes_) {
            other.budget_ = nullptr;
        }
        Hold(const Hold&) = delete;
        Hold& operator=(const Hold&) = delete;
        Hold& operator=(Hold&&) = delete;
        ~Hold();

      private:
        SpaceBudget* budget_;
        std::uintmax_t bytes_;
    };

    /// Holds `bytes` on the file system of `where`, or throws capsearch::Error (io) naming the index
    /// and saying "No space left on device", what needed the room (`what`) and how much there is.
    /// When the file system does not report its free space, nothing is checked.
    Hold reserve(const std::filesystem::path& where, std::uintmax_t bytes, const std::string& what);

  private:
    std::filesystem::path index_;
    std::mutex mu_;
    std::uintmax_t held_ = 0;
};

/// Upper bound of what committing `docs` changed documents in place writes into `db`, whose files
/// are in `folders` (copy-on-write B-trees: each changed document rewrites its own entries and the
/// postlist blocks of each of its terms, at most the whole index).
std::uintmax_t in_place_commit_estimate(const Xapian::Database& db, std::uintmax_t index_bytes,
                                        std::size_t docs);

}  // namespace capsearch::index
