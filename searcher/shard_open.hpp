// Opening the shards of a search: a stub file's lines are opened one by one (remote lines with
// Xapian::Remote::open and the configured timeout), so that a shard that is down can be named, left
// out with allow_partial, and the shards can be checked to agree on their lexicon and analysis.
#pragma once

#include <xapian.h>

#include <memory>
#include <string>
#include <vector>

#include "capsearch/search.hpp"
#include "schema/stub_lines.hpp"

namespace capsearch::search {

using ShardSpec = index::StubLine;

/// The shards behind `path` (index::stub_lines).
inline std::vector<ShardSpec> shard_specs(const std::string& path) { return index::stub_lines(path); }

/// An open search database and what it left out.
struct OpenedShards {
    std::unique_ptr<Xapian::Database> db;  ///< All shards opened, as one database.
    std::vector<Xapian::Database> shards;  ///< Each one on its own (they share internals with db).
    std::vector<std::string> missing;      ///< Names of shards that could not be reached (allow_partial).
    bool remote = false;                   ///< Some shard is remote.
};

/// Opens `specs`. A shard that cannot be opened is a DatabaseError naming it, or with
/// options.allow_partial is left out and named in `missing` (unless no shard is left). Shards
/// whose lexicon id or analysis version differ are a DatabaseError naming both.
OpenedShards open_shards(const std::vector<ShardSpec>& specs, const SearchOptions& options);

}  // namespace capsearch::search
