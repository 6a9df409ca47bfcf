// Lexicon sources before compilation: the curated YAML and the NCBI/HGNC importers fill one draft,
// which compile() writes in the compiled lexicon format that Lexicon::parse() reads.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

namespace capsearch::analysis {

// The compiled format (one record per line, fields separated by tabs, deterministic order):
//   # capsearch-lexicon 1              first line; other '#' lines are comments
//   s <name> <about> <entry>...        a stop name (never expanded)
//   f <name> <members,comma,separated> <about> <entry>...   a family
//   o <taxid>                          the organism of the gene lines that follow
//   g <symbol> <gene id> <attrs> <full name> <entry>...     a gene; its symbol is implicitly a name
// attrs: gene type (p protein-coding, r RNA gene, s pseudogene, o other, - unknown), the symbol's
// source (n NCBI, h HGNC, c curated), then flags of the symbol. An entry is <source><flags>:<spelling>.
inline constexpr std::string_view kLexiconMagic = "# capsearch-lexicon 1";

/// Where a name comes from (one character in the compiled format).
namespace name_source {
inline constexpr char curated = 'c';
inline constexpr char ncbi_alias = 'a';
inline constexpr char hgnc_alias = 'h';
inline constexpr char hgnc_prev = 'p';
inline constexpr char hgnc_symbol = 'H';  ///< HGNC's symbol where it differs from the gene's symbol.
inline constexpr char ncbi_symbol = 'N';  ///< NCBI's symbol where the gene's symbol is HGNC's.
inline constexpr char series = 'e';       ///< A numbered series' stem (KLF for KLF1..KLF17), derived.
}  // namespace name_source

/// Flags of a name in the compiled format.
namespace name_flag {
inline constexpr char case_exact = 'X';  ///< Matches only as spelled (cAMP).
inline constexpr char word = 'W';        ///< A common English word (SET, Slug).
}  // namespace name_flag

/// Long name of a source code, as shown in explanations ("ncbi-alias").
std::string_view source_name(char code);

struct DraftName {
    std::string spelling;
    char source = name_source::curated;
    bool case_exact = false;
    bool word = false;
};

struct DraftGene {
    std::string symbol;
    std::string id;  ///< NCBI Gene ID; "" when unknown.
    std::string tax = "9606";
    char type = '-';  ///< See attrs above.
    char symbol_source = 'c';
    bool symbol_word = false;
    std::string full_name;
    std::vector<DraftName> names;
};

struct DraftFamily {
    std::string name;
    std::string about;
    std::vector<std::string> members;
    std::vector<DraftName> names;  ///< Includes the family's own name.
};

struct DraftStop {
    std::string name;
    std::string about;
    std::vector<DraftName> names;  ///< Includes the stop's own name.
};

/// Counts a compiled lexicon reports.
struct LexiconCounts {
    std::string id;            ///< As Lexicon::id().
    std::size_t concepts = 0;  ///< genes + families + stops.
    std::size_t genes = 0;
    std::size_t families = 0;
    std::size_t stops = 0;
    std::size_t names = 0;
    std::size_t ambiguous = 0;  ///< Distinct keys that resolve to several genes.
};

/// Collects every source, then compiles them. Throws capsearch::Error(lexicon) naming the file and
/// line of a malformed source, Error(io) for an unreadable one.
class LexiconDraft {
  public:
    /// The curated core (YAML as in analyzers/data/curated.yaml). `origin` names it in errors.
    void add_curated(std::string_view yaml_text, const std::string& origin);
    /// org.Hs.eg.sqlite (tables gene_info, alias, genes; genetype and metadata when present).
    void add_ncbi_sqlite(const std::string& path);
    /// An NCBI gene_info TSV file (any organism).
    void add_ncbi_gene_info(const std::string& path);
    /// An HGNC complete-set TSV file.
    void add_hgnc(const std::string& path);
    /// Flags names that are common English words, from a word list such as /usr/share/dict/words.
    void flag_english_words(const std::string& path);
    /// Adds a family for each numbered series of human protein-coding symbols sharing a stem (KLF1 ...
    /// KLF17 -> KLF) whose stem is no name yet (lexicon_series.cpp). Call after every source.
    void add_series_families();

    /// The compiled lexicon text.
    std::string compile() const;

  private:
    DraftGene& gene_by_id(const std::string& tax, const std::string& id);
    DraftGene* find_human_gene(const std::string& id);
    bool is_word(std::string_view spelling) const;

    std::vector<DraftFamily> families_;
    std::vector<DraftStop> stops_;
    std::map<std::pair<std::string, std::string>, DraftGene> genes_;  ///< (tax, id or "=symbol").
    std::vector<std::string> provenance_;                             ///< One comment line per source.
    std::unordered_set<std::string> words_;                           ///< Common English words, lower case.
};

/// Counts of a compiled lexicon (parses it). Throws like Lexicon::parse().
LexiconCounts count_lexicon(std::string_view compiled, const std::string& origin);

}  // namespace capsearch::analysis
