// The user's cache of facet tables ($XDG_CACHE_HOME/capsearch/facets): a process that counts facets
// over a local index reads the table an earlier process built for the same committed state, instead of
// reading every figure's facet values again (about 20 ms at 100k figures, most of a one-shot
// `capsearch search --facets`). A file is named by the databases' UUIDs and revisions; its header, value
// lists and size are checked at load and each code where it is read (facet_table.hpp), so a stale,
// damaged or foreign file is never misread: it is rebuilt.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "searcher/facet_table.hpp"

namespace capsearch::search {

/// $XDG_CACHE_HOME/capsearch/facets, else ~/.cache/capsearch/facets; empty without either variable.
std::filesystem::path facet_cache_folder();

/// "facets-<uuid>-<revision>.tbl" for `key` (one part per shard), or "" when a UUID holds characters
/// a file name could misread.
std::string facet_table_file_name(const FacetTableKey& key);

/// The table cached in `folder` for `key`, or null when there is none usable: absent, truncated,
/// damaged in its header or value lists, of another key, of another schema's facets or of another byte
/// order. A code naming no value is found where it is read (DamagedFacetTable).
std::shared_ptr<const FacetTable> load_facet_table(const std::filesystem::path& folder,
                                                   const FacetTableKey& key);

/// Writes `table` into `folder` (a temporary file, flushed, renamed over the name) and removes the
/// tables of the same databases' other revisions and those unused for 30 days. Best effort: false when
/// the folder cannot take it (none, read-only, full disk).
bool save_facet_table(const std::filesystem::path& folder, const FacetTable& table);

}  // namespace capsearch::search
