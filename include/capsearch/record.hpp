// A PFOCR figure record as capsearch understands it, independent of the file layout it came from.
#pragma once

#include "capsearch/export.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace capsearch {

/// Largest record file read, in bytes (1 MiB). Real PFOCR records are at most a few tens of KB;
/// analysing a record costs about 120 times its size in memory, so the cap bounds each record's cost.
inline constexpr std::size_t kMaxRecordBytes = 1024 * 1024;

/// One figure. Unknown values are empty (strings, vectors) or std::nullopt (year), never "NA".
struct Record {
    std::string figid;        ///< Unique key (required).
    std::string title;        ///< figtitle.
    std::string caption;      ///< Figure caption.
    std::string papertitle;   ///< Title of the paper the figure is from.
    std::string pmcid;        ///< PubMed Central id, e.g. "PMC3808214".
    std::string reftext;      ///< Citation text.
    std::string doi;          ///< Newer layout only.
    std::string journal;      ///< journal_title (newer layout only).
    std::string figlink;      ///< Path of the figure page on PMC.
    std::string filename;     ///< Image file name.
    std::optional<int> year;  ///< Publication year.
    std::vector<std::string> organisms;      ///< Curated organisms (the facet).
    std::vector<std::string> organisms_ner;  ///< Organisms found by text mining (searchable text only).
    std::vector<std::string> keywords;       ///< The paper's keywords.
    std::vector<std::string> genes;          ///< Official gene symbols PFOCR mapped for the figure.
    std::vector<std::string> gene_words;     ///< Gene names as printed in the figure (genes[].word, .symbol).
    std::vector<std::string> diseases;       ///< diseases[].word (older layout): the disease facet.
    std::vector<std::string> chemicals;      ///< chemicals[].word (older layout): the chemical facet.
    std::string source_path;  ///< File the record was read from ("" when built in code).
};

/// Parses one record from the text of a PFOCR Markdown file (YAML front matter between the first two
/// `---` lines). `path` is only used in error messages. Throws InputError naming the file and line.
CAPSEARCH_API Record parse_record(const std::string& text, const std::string& path);

/// Reads and parses one record file. Throws InputError (unreadable, not a regular file, larger than
/// kMaxRecordBytes, binary, invalid UTF-8, bad YAML ...).
CAPSEARCH_API Record read_record_file(const std::string& path);

}  // namespace capsearch
