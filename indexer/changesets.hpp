// Changesets for replication: Xapian 1.4 writes a changeset per commit (what xapian-replicate sends a
// replica instead of a full copy) only when XAPIAN_MAX_CHANGESETS is set when a WritableDatabase is
// opened, so the indexer sets it before opening the live generation for a sync.
#pragma once

namespace capsearch::index {

/// Changesets a synced index keeps: a replica less than this many commits behind gets changes.
inline constexpr int kChangesetsKept = 100;

/// Sets XAPIAN_MAX_CHANGESETS to kChangesetsKept unless the environment already sets it (the
/// operator's value wins). Changes the process environment: call before starting other threads
/// that read it.
void enable_changesets();

}  // namespace capsearch::index
