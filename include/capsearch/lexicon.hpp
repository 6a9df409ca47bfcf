// The gene lexicon: compiling name sources into the file indexing and searching use, and explaining names.
#pragma once

#include "capsearch/export.hpp"

#include <string>
#include <vector>

namespace capsearch {

/// Sources compiled by build_lexicon(); each is optional except that the curated core is always used.
struct LexiconSources {
    std::string curated_yaml;              ///< Curated core; "" = the copy built into capsearch.
    std::string ncbi_sqlite;               ///< org.Hs.eg.sqlite from Debian's r-bioc-org.hs.eg.db.
    std::vector<std::string> ncbi_gene_info;  ///< NCBI gene_info TSV files (optionally .gz? no: plain).
    std::vector<std::string> hgnc_tsv;     ///< HGNC complete-set TSV files.
    std::string english_words;             ///< Word list (e.g. /usr/share/dict/words) flagging common words.
};

/// What build_lexicon() produced.
struct CAPSEARCH_API LexiconBuildReport {
    std::string id;         ///< Content hash identifying the lexicon (stored in every index built with it).
    std::size_t concepts = 0;  ///< All concepts: genes + families + stops.
    std::size_t genes = 0;
    std::size_t families = 0;
    std::size_t stops = 0;  ///< Names that are never expanded (ATP, ROS, ...).
    std::size_t names = 0;
    std::size_t ambiguous = 0;  ///< Names left unexpanded because several genes share them.
    std::string to_json() const;
};

/// Compiles the sources into one lexicon file at `out_path`. Throws Error(lexicon) / Error(io).
CAPSEARCH_API LexiconBuildReport build_lexicon(const LexiconSources& sources, const std::string& out_path);

/// The lexicon file used when none is named: $CAPSEARCH_LEXICON if set, else `lexicon.tsv` beside
/// the running executable if present, else `../share/capsearch/lexicon.tsv` from the executable's
/// folder (an installed capsearch) if present, else the set_fallback_lexicon_path() file if present,
/// else "" (the built-in curated core).
CAPSEARCH_API std::string default_lexicon_path();

/// The last place default_lexicon_path() looks, for programs that are not the `capsearch` executable
/// but know where capsearch's lexicon is installed (the Python package registers
/// PREFIX/share/capsearch/lexicon.tsv). "" clears it. Thread-safe.
CAPSEARCH_API void set_fallback_lexicon_path(const std::string& path);

/// How `name` is analysed and what it expands to with the lexicon at `lexicon_path` ("" = default).
CAPSEARCH_API std::string explain_name_text(const std::string& name, const std::string& lexicon_path = "");
/// The same as one JSON object.
CAPSEARCH_API std::string explain_name_json(const std::string& name, const std::string& lexicon_path = "");

}  // namespace capsearch
