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
#include "indexer/run_observer.hpp"

namespace capsearch::index {

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
/// and every output the metadata. `work` names the work folder in `db` (removed afterwards).
BuildResult build_shards(const std::filesystem::path& db, const std::string& work,
                         const std::vector<std::filesystem::path>& outputs, const WalkResult& walk,
                         const analysis::Lexicon& lexicon, const IndexOptions& options,
                         RunObserver& observer);

}  // namespace capsearch::index
