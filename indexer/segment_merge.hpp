// How a full build writes and merges: small segment databases of kSegmentDocs documents each, merged
// with Xapian's compaction in rounds of at most kMergeFanIn, the merges of a round run in parallel.
// indexer/full_build.cpp builds with it; bench/xapian_floor writes the same way to time Xapian alone.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace capsearch::index {

/// Documents per segment. Each segment is a new database committed once, so writing it never merges
/// into an existing B-tree: with repeated commits into one growing shard, every commit rewrote blocks
/// spread over the whole tree, and a 100k build cost 1.7x the CPU per record of a 10k one. Xapian's
/// in-memory inverter also slows down per document as it grows, so segments stay small (256 measured
/// fastest of 256/500/1000/2000 on 10k generated records: 24.6/25.6/29.8/28.4 s of CPU); compaction
/// then merges them in sequential passes.
inline constexpr std::size_t kSegmentDocs = 256;

/// Segments merged by one compaction; more are merged in rounds (each round by every thread), which
/// keeps the number of open files bounded (a glass database holds ~6 open tables) at 1M records.
inline constexpr std::size_t kMergeFanIn = 64;

/// Merges `sources` (in order: document ids follow it) into a new database at `out`.
void compact_into(const std::vector<std::filesystem::path>& sources, const std::filesystem::path& out);

/// Runs job(0) .. job(count - 1) on `threads` threads; the first error is rethrown after all stop.
void run_parallel(std::size_t count, std::size_t threads, const std::function<void(std::size_t)>& job);

/// Merges the segments down to at most kMergeFanIn, in rounds whose merges run on `threads` threads
/// (each merged segment is removed). Merged databases are named "<tag>-<round>-<group>" in `work`.
std::vector<std::filesystem::path> merge_rounds(std::vector<std::filesystem::path> segments,
                                                const std::filesystem::path& work, std::size_t threads,
                                                const std::string& tag);

}  // namespace capsearch::index
