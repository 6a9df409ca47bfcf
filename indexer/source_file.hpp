// Reading one record file for indexing: its bytes, their content hash, and (when the hash says the
// file changed) its record analysed into a Xapian document. Safe to call from several threads.
#pragma once

#include <xapian.h>

#include <string>

#include "analyzers/lexicon.hpp"
#include "capsearch/index.hpp"
#include "indexer/file_walk.hpp"

namespace capsearch::index {

/// What became of one file.
struct Analysis {
    enum class Kind {
        document,      ///< Parsed and analysed: `document` is ready to be stored under `figid`.
        same_content,  ///< Its bytes hash to the hash already indexed: nothing to re-analyse.
        skipped,       ///< Unreadable or not a valid record: see `skip`.
    };
    Kind kind = Kind::skipped;
    Xapian::Document document;
    std::string figid;
    std::string hash;
    SkippedRecord skip;
};

/// Reads, hashes and, unless the hash equals `known_hash` (pass "" to force), parses and analyses the
/// record in `file`. Bad records come back as Kind::skipped; index failures are thrown.
Analysis analyse_file(const WalkedFile& file, const analysis::Lexicon& lexicon,
                      const std::string& known_hash);

}  // namespace capsearch::index
