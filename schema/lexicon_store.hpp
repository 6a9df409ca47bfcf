// Where a search finds an index's lexicon without reading the whole of it: a lexicon image keyed by the
// index's lexicon id, kept in the index folder (or, for remote shards, stubs and read-only folders, in
// the user's cache), written by the indexing run that brought the lexicon (else by the first search, from
// the compiled text in the index's metadata) and mapped after that.
// Why an image rather than per-name Xapian metadata entries: recognition probes every token of a query
// (the filter answers "no" for most without a lookup), resolution reads every name sharing a key and
// their concepts, and families_of()/families_covered() scan the family list; as metadata entries each
// of those would be a B-tree lookup, and over a remote shard a round trip. A mapped image makes them
// memory reads, shared through the page cache by every process, and a remote shard ships its lexicon
// once per machine and lexicon id instead of at every open.
#pragma once

#include <xapian.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "analyzers/lexicon.hpp"
#include "analyzers/lexicon_cache.hpp"

namespace capsearch::analysis {

/// An index's lexicon and its id (the stored id, or the lexicon's own for an index without one).
struct IndexLexicon {
    std::shared_ptr<const Lexicon> lexicon;
    std::string id;
};

/// Where images of the index at `paths` are looked for and written, in order: the index folder (a
/// capsearch index folder given alone), then $XDG_CACHE_HOME/capsearch/lexicons (or
/// ~/.cache/capsearch/lexicons).
std::vector<std::filesystem::path> lexicon_image_folders(const std::vector<std::string>& paths);

/// The lexicon of `db` (opened from `paths`; `where` names it in errors): a mapped image when one with
/// the stored id is in lexicon_image_folders(), else the stored compiled text parsed once and its
/// image written to the first folder that takes it (best effort). Throws Error(lexicon) naming the
/// image when it is damaged, and Error(lexicon) when the stored text is malformed.
IndexLexicon open_index_lexicon(const Xapian::Database& db, const std::vector<std::string>& paths,
                                const std::string& where);

/// The end of an indexing run, once `lexicon` is the lexicon of the live index at `db_path` (after the
/// switch to a new generation, or the sync's commit), with the writer lock still held: makes sure a
/// valid image of it is in the first of lexicon_image_folders() that takes it (written durably when
/// missing or damaged), so that the first search maps it instead of parsing, and removes the index
/// folder's images of other lexicons. Best effort: a failure leaves the search to write it.
void store_index_lexicon_image(const std::string& db_path, const Lexicon& lexicon);

/// For `capsearch check`: what is wrong with the image a search of the index at `db_path` would map
/// for `lexicon` (the index's, parsed from its metadata): a one-line problem naming the file, or ""
/// when it holds exactly `lexicon`'s image or is missing (the next search writes it).
std::string check_index_lexicon_image(const std::string& db_path, const Lexicon& lexicon);

}  // namespace capsearch::analysis
