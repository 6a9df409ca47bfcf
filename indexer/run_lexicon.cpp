// Choosing an indexing run's lexicon (see run_lexicon.hpp).
#include "indexer/run_lexicon.hpp"

#include "capsearch/lexicon.hpp"
#include "schema/index_meta.hpp"

namespace capsearch::index {

std::shared_ptr<const analysis::Lexicon> load_run_lexicon(const std::string& path) {
    const std::string chosen = path.empty() ? default_lexicon_path() : path;
    if (chosen.empty()) return analysis::Lexicon::builtin();
    return analysis::Lexicon::load_file(chosen);
}

RunLexicon choose_lexicon(const Xapian::Database& db, const std::string& db_path,
                          const IndexOptions& options) {
    if (options.lexicon_path.empty() && !options.replace_lexicon) {
        if (auto kept = stored_lexicon(db, db_path)) return {std::move(kept), "index"};
    }
    const bool named = !options.lexicon_path.empty() || !default_lexicon_path().empty();
    return {load_run_lexicon(options.lexicon_path), named ? "file" : "builtin"};
}

}  // namespace capsearch::index
