// A complete index generation built from scratch with every core: the file list is split into parts,
// each analysed by its own thread into small segment databases written once, and the segments are
// merged into the generation with Xapian's compaction. A sharded build is the same pipeline: each thread
// routes every document to a segment of its figid's shard (schema/shard_route.hpp), and each shard's
// segments are merged into that shard's generation, the shards' merges running in parallel.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "analyzers/lexicon.hpp"
#include "capsearch/index.hpp"
#include "indexer/file_walk.hpp"
#include "indexer/disk_space.hpp"
#include "indexer/run_observer.hpp"

namespace capsearch::index {

/// Documents a build keeps from the index it replaces besides the files it reads (a sync that analyses
/// every record again keeps what it is not given: indexer/reanalysis.hpp). build_shards() calls
/// settle() once every file is analysed, then write() for each output before merging it.
class CarryOver {
  public:
    virtual ~CarryOver() = default;
    /// `figids[i]`: the figid file i was analysed into ("" when it gave no document). Returns the files
    /// whose documents must not be indexed (a carried document keeps their figid).
    virtual std::vector<std::size_t> settle(const std::vector<std::string>& figids) = 0;
    /// Writes the carried documents that go to output `k` of `outputs` into a new database at `path`;
    /// false (nothing written) when there are none. Its commit holds room from `space` for
    /// `doc_bytes` per document (what this build's segments took; 0 when unknown).
    virtual bool write(unsigned k, unsigned outputs, const std::filesystem::path& path, SpaceBudget& space,
                       std::uintmax_t doc_bytes) = 0;
};

/// What build_generation() made.
struct BuildResult {
    std::size_t documents = 0;
    std::vector<std::string> figids;  ///< Indexed figids, sorted.
};

/// Builds generation `generation` (a new folder in `db`) holding the records of `walk` and the
/// metadata (schema, lexicon). Work folders are removed afterwards; the generation is flushed to disk
/// but not made live. When a figid occurs in several files the last in walk order is indexed and the
/// others are reported as skipped.
BuildResult build_generation(const std::filesystem::path& db, const std::string& generation,
                             const WalkResult& walk, const analysis::Lexicon& lexicon,
                             const IndexOptions& options, RunObserver& observer);

/// As build_generation(), into one new database per shard: `outputs[k]` (a path under `db`, whose
/// parent exists) receives the figures that index::shard_of() routes to shard k of outputs.size(),
/// and every output the metadata. `work` names the work folder in `db` (removed afterwards). With
/// `carry`, its documents join the outputs (BuildResult::figids still lists only the files' figids).
BuildResult build_shards(const std::filesystem::path& db, const std::string& work,
                         const std::vector<std::filesystem::path>& outputs, const WalkResult& walk,
                         const analysis::Lexicon& lexicon, const IndexOptions& options, RunObserver& observer,
                         CarryOver* carry = nullptr);

}  // namespace capsearch::index
