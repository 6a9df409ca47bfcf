// Index summaries (capsearch stats) and the index size on disk (the layout is read by schema/layout).
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>
#include <vector>

#include "analyzers/lexicon.hpp"
#include "capsearch/search.hpp"
#include "schema/stub_lines.hpp"

namespace capsearch::search {

/// Bytes of the files of the database(s) the path names: the live generation of an index folder, a
/// plain database folder, or the local databases a stub file lists (remote ones count 0).
std::uint64_t index_size_bytes(const std::string& path);

/// Each shard of `specs` that was opened (`opened`, the shards of `specs` not named in `missing`, in
/// order): its path, documents and size. Empty for a single shard.
std::vector<IndexStats::Shard> shard_stats(const std::vector<index::StubLine>& specs,
                                           const std::vector<Xapian::Database>& opened,
                                           const std::vector<std::string>& missing);

/// Counts over the whole of `db` (documents, years, organisms) plus the lexicon and size facts.
IndexStats compute_stats(const Xapian::Database& db, const std::vector<std::string>& paths,
                         const analysis::Lexicon& lexicon, const std::string& lexicon_id);

}  // namespace capsearch::search
