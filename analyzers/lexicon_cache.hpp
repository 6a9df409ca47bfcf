// The user's cache of lexicon images ($XDG_CACHE_HOME/capsearch/lexicons): images of indexes that keep
// none beside them (remote shards, read-only folders) and of lexicon files, each named by lexicon id,
// so that a process maps one instead of parsing 4 MB of compiled text. Which lexicons some index still
// uses cannot be known from here, so the folder is kept small by use: see prune_lexicon_cache().
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "analyzers/lexicon.hpp"

namespace capsearch::analysis {

/// $XDG_CACHE_HOME/capsearch/lexicons, else ~/.cache/capsearch/lexicons; empty without either variable.
std::filesystem::path lexicon_cache_folder();

/// "lexicon-<id>.img".
std::string lexicon_image_name(const std::string& id);

/// True for "lexicon-*.img" and the temporary files ("lexicon-*.img.tmp.PID") an image is written to.
bool is_lexicon_image_file(const std::string& file_name);

/// True when `id` can name an image file ("lex1-" and hex digits, nothing a path could misread).
bool usable_lexicon_id(const std::string& id);

/// Maps the image `file` and checks that it holds lexicon `id`, the lexicon of `owner` ("the index", a
/// lexicon file's path). Throws Error naming the file, with the advice to delete it, when it is damaged
/// or another lexicon's.
std::shared_ptr<const Lexicon> open_checked_image(const std::filesystem::path& file, const std::string& id,
                                                  const std::string& owner);

/// How long an unused image is kept, and how large the folder may grow.
struct LexiconCachePolicy {
    std::chrono::hours unused_for{24 * 30};
    std::uintmax_t max_bytes = std::uintmax_t{256} << 20;
};

/// Records that `file` (a cached image) was used: its mtime is set to now, at most once a day so that
/// searches do not write to the disk each time. Best effort (a read-only cache is left as it is).
void note_cached_image_used(const std::filesystem::path& file);

/// Drops from `folder` the images (and leftover temporary files) unused for policy.unused_for, then
/// the least recently used ones until the rest fit in policy.max_bytes; `keep` (a file name) stays.
/// Best effort: what cannot be removed is left.
void prune_lexicon_cache(const std::filesystem::path& folder, const std::string& keep,
                         const LexiconCachePolicy& policy = {});

/// Writes `lexicon`'s image into the cache folder and prunes the folder. Best effort: false when the
/// cache cannot take it (no cache folder, read-only, full disk).
bool cache_lexicon_image(const Lexicon& lexicon);

/// The lexicon in file `path` as Lexicon::load_file() reads it, without parsing it when the cache holds
/// the image of its contents (the file is hashed, a lookup): an image file is mapped; compiled text is
/// parsed once and its image cached. Throws like Lexicon::load_file() and open_checked_image().
std::shared_ptr<const Lexicon> load_lexicon_file_cached(const std::string& path);

}  // namespace capsearch::analysis
