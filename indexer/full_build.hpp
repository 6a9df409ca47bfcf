// A complete index generation built from scratch with every core: the file list is split into parts,
// each analysed by its own thread into small segment databases written once, and the segments are
// merged into the generation with Xapian's compaction.
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

}  // namespace capsearch::index
