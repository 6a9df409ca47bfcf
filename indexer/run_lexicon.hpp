// The lexicon an indexing run analyses with: the index's own, a file, or the built-in curated core.
#pragma once

#include <xapian.h>

#include <memory>
#include <string>

#include "analyzers/lexicon.hpp"
#include "capsearch/index.hpp"

namespace capsearch::index {

/// The lexicon a run analyses with: the file at `path`, else default_lexicon_path(), else the built-in
/// curated core. Throws capsearch::Error(lexicon|io).
std::shared_ptr<const analysis::Lexicon> load_run_lexicon(const std::string& path);

/// The lexicon an indexing run analyses with, and where it came from (IndexReport::lexicon_source).
struct RunLexicon {
    std::shared_ptr<const analysis::Lexicon> lexicon;
    const char* source = "";  ///< "index", "file" or "builtin".
};

/// An index keeps its lexicon: the stored copy unless options name a file (or replace_lexicon);
/// otherwise, or when the index stores none, load_run_lexicon(options.lexicon_path).
RunLexicon choose_lexicon(const Xapian::Database& db, const std::string& db_path,
                          const IndexOptions& options);

}  // namespace capsearch::index
