// The index folder's layout: DB/XAPIANDB, a one-line Xapian stub ("glass gen-000001"), names the live
// generation DB/gen-NNNNNN/ (a glass database). New generations are built beside it and made live by
// renaming a new stub over the old one, which readers see atomically.
// A sharded index (`capsearch index --shards N`) keeps each shard as an ordinary index in
// DB/shard-K/ (its own XAPIANDB and generations, searchable and servable on its own), and DB/XAPIANDB
// lists the shards' live generations, one line each ("glass shard-0/gen-000004"): DB is searched as
// all shards together, and a rebuild switches every shard at once with the one rename of DB/XAPIANDB.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace capsearch::index {

/// How the folder at an index path is organised.
enum class LayoutKind {
    absent,       ///< No index yet (nothing there, or leftovers of an interrupted first build).
    generations,  ///< capsearch's layout.
    plain,        ///< Any other database Xapian opens (a glass folder, another kind of stub).
    sharded,      ///< capsearch's sharded layout: DB/XAPIANDB lists "glass shard-K/gen-NNNNNN".
};

/// What is at an index path.
struct Layout {
    LayoutKind kind = LayoutKind::absent;
    std::filesystem::path db;  ///< The index path as given.
    std::string live;          ///< The live generation ("gen-000001"); generations only.
    /// Sharded only: each shard's live generation ("shard-0/gen-000004"), in shard order.
    std::vector<std::string> shards;

    /// What a writer or a table check opens: the live generation, or the plain database itself.
    std::filesystem::path live_path() const { return kind == LayoutKind::generations ? db / live : db; }
    /// Every database a writer opens: each shard's live generation, else live_path().
    std::vector<std::filesystem::path> live_paths() const;
};

/// Sum of the sizes of the regular files under `folder` (a database's size on disk; 0 when absent).
std::uintmax_t folder_bytes(const std::filesystem::path& folder);

inline constexpr const char* kStubName = "XAPIANDB";
inline constexpr const char* kStubTempName = "XAPIANDB.tmp";
inline constexpr const char* kWriterInfoName = "writer.json";

/// Looks at `db`. Throws capsearch::DatabaseError when something is there that is no index (a folder
/// holding other files) or when the stub names a generation that is missing.
Layout inspect_layout(const std::filesystem::path& db);

/// The stub text of an index path: DB/XAPIANDB for a folder, the file itself for a stub file; "" when
/// there is none (a plain glass folder). Readers compare it to notice a switched generation.
std::string read_stub(const std::filesystem::path& path);

/// The local databases a stub's text lists ("glass gen-000001", "auto ../other"), relative ones
/// resolved against `base`; remote lines ("remote ...") and comments are left out.
std::vector<std::filesystem::path> stub_databases(const std::string& stub, const std::filesystem::path& base);

/// "gen-000007".
std::string generation_name(unsigned number);
/// 7 for "gen-000007"; nullopt for anything else (including "gen-000007.shards").
std::optional<unsigned> generation_number(std::string_view name);
/// One more than the highest generation number present in `db` (1 in an empty folder).
unsigned next_generation(const std::filesystem::path& db);

/// Makes `generation` live: writes XAPIANDB.tmp, syncs it, renames it over XAPIANDB, syncs the folder.
void switch_generation(const std::filesystem::path& db, const std::string& generation);

/// "shard-3": the folder of shard 3 in a sharded index.
std::string shard_folder_name(unsigned shard);
/// One more than the highest generation number in `db` and in every DB/shard-*/ folder, so that a
/// new generation's name is new in every shard.
unsigned next_generation_everywhere(const std::filesystem::path& db);
/// Makes the shard generations `live` ("shard-K/gen-NNNNNN", in shard order) live together: one
/// atomic rename of DB/XAPIANDB, as switch_generation().
void switch_shards(const std::filesystem::path& db, const std::vector<std::string>& live);
/// Makes `generation` live in `db`: the one generation (shards == 1, switch_generation()), or that
/// generation of each of `shards` shards, switched together by switch_shards() and then named by
/// each shard's own stub (for readers and servers of one shard alone).
void switch_to(const std::filesystem::path& db, unsigned shards, const std::string& generation);
/// Removes what interrupted runs left in a sharded index or beside one: in each DB/shard-K/ of the
/// layout every generation but the live one, shard folders beyond the layout's count (or every
/// shard folder when the layout is not sharded), and the top-level generations of a sharded index.
/// Under the write lock only, as remove_leftovers().
void remove_shard_leftovers(const Layout& layout);

/// Removes what interrupted runs left: every "gen-*" entry except `keep`, and XAPIANDB.tmp. Only call
/// while holding the write lock, since a running writer's new generation is such an entry.
void remove_leftovers(const std::filesystem::path& db, const std::string& keep);

/// Removes one generation (after it stopped being live); errors are ignored (the next run retries).
void remove_generation(const std::filesystem::path& db, const std::string& generation);

/// Removes an index this run created and could not fill (generations, stub, the folder when it is
/// then empty), so that a failed first run leaves no index rather than an empty one. Never throws.
void remove_created_index(const std::filesystem::path& db);

/// Flushes every file in `folder` (not recursive) and the folder itself to disk.
void sync_folder(const std::filesystem::path& folder);

/// Where a writer records who it is (informational; Xapian's lock is the real one).
std::filesystem::path writer_info_path(const std::filesystem::path& db);

}  // namespace capsearch::index
