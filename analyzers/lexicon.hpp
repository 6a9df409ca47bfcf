// The compiled gene lexicon: names -> concepts (genes and families), with the ambiguity policy that
// decides when a name may be expanded. Loaded from a lexicon file, an index's metadata, or built in.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/tokenizer.hpp"

namespace capsearch::analysis {

struct LexiconCounts;

/// Where a name is being read: text of a record (strict about case) or a user's query (lenient).
enum class Context { text, query };

/// What a name means.
struct Resolution {
    enum class Kind {
        none,       ///< Not a known name.
        gene,       ///< One gene: symbols = {official symbol}.
        family,     ///< A family or complex: symbols = its member genes' official symbols.
        stop,       ///< A name that must never be expanded (ATP, ROS, cAMP, ...).
        ambiguous,  ///< Several genes share the name: symbols = the candidates; not expanded.
    };
    Kind kind = Kind::none;
    std::string concept_name;          ///< Official symbol, or family name ("AKT", "NF-κB").
    std::vector<std::string> symbols;  ///< See Kind.
    std::string matched;               ///< The lexicon name that matched, as spelled in its source.
    std::string source;                ///< "curated", "ncbi-symbol", "ncbi-alias", "hgnc-prev", ...
    std::string reason;                ///< Why (one sentence), for `capsearch synonyms`.

    /// True when the name expands to concept terms (gene or family).
    bool expands() const { return kind == Kind::gene || kind == Kind::family; }
};

/// A gene name found in a token stream.
struct GeneMention {
    std::size_t first_token = 0;  ///< Index of the first token covered.
    std::size_t last_token = 0;   ///< Index of the last token covered (inclusive).
    std::size_t begin = 0;        ///< Byte range in the text of the mention.
    std::size_t end = 0;
    Resolution resolution;  ///< Always expands() == true.
};

/// An immutable, thread-safe (after construction) gene lexicon.
class Lexicon {
  public:
    /// The curated core compiled into capsearch (no NCBI names).
    static std::shared_ptr<const Lexicon> builtin();
    /// Loads a compiled lexicon file. Throws capsearch::Error(lexicon|io).
    static std::shared_ptr<const Lexicon> load_file(const std::string& path);
    /// Parses compiled lexicon text (as written by serialize()). `origin` names it in errors.
    static std::shared_ptr<const Lexicon> parse(std::string_view compiled, const std::string& origin);
    /// Maps a lexicon image file (as written by save_image()) and uses it in place: opening reads its
    /// header only. Throws Error(lexicon) naming the file when it is truncated, foreign or of another
    /// format version, and Error(io) when it cannot be read.
    static std::shared_ptr<const Lexicon> open_image(const std::string& path);
    /// Uses image bytes (as image() returns them) held in memory. Throws like open_image().
    static std::shared_ptr<const Lexicon> from_image(std::string image, const std::string& origin);

    /// The compiled text (what a lexicon file and an index's metadata hold).
    std::string_view serialized() const;
    /// The binary image every lookup works on (lexicon_image.hpp).
    std::string_view image() const;
    /// Writes image() to `path` atomically and durably (a temporary file flushed to disk, renamed over it,
    /// the folder flushed). Throws Error(io).
    void save_image(const std::string& path) const;
    /// Content hash of serialized(), e.g. "lex1-3f2a9c0d1b2e4f56".
    const std::string& id() const;
    /// Number of names.
    std::size_t size() const;

    /// The normalisation key names are compared by: folded, Greek spelled out, and without
    /// spaces, hyphens, dots and slashes ("NF-κB" -> "nfkappab", "HER-2" -> "her2").
    static std::string key(std::string_view name);

    /// What `surface` (one name, possibly several words: "p38 MAPK") means in `ctx`.
    Resolution resolve(std::string_view surface, Context ctx) const;

    /// Gene names in a token stream, longest match first, not overlapping.
    std::vector<GeneMention> recognize(const std::vector<Token>& tokens, Context ctx) const;

    /// Every name that leads to `symbol` (for explanations), with its source: the gene's own names, or
    /// for a family name, the family's names. A family's names do not lead to its members: record text
    /// naming a family is indexed as the family (terms::family_concept), not as each member.
    std::vector<std::pair<std::string, std::string>> names_of(const std::string& symbol) const;

    /// The families a query for the family `family` matches as families: itself, and every family all
    /// of whose members are its members (PKC covers aPKC, STAT covers STAT5), so that figures naming
    /// a narrower family are found as they were when family mentions stood for their members.
    std::vector<std::string> families_covered(std::string_view family) const;

    /// The families that have the gene `symbol` among their members.
    std::vector<std::string> families_of(std::string_view symbol) const;

    /// The official symbol of the gene whose symbol is `name` compared case-insensitively ("Akt1" ->
    /// "AKT1"), or "" when no gene has that symbol. Aliases do not count.
    std::string official_symbol(std::string_view name) const;

    ~Lexicon();
    struct Data;
    explicit Lexicon(std::unique_ptr<Data> data);

  private:
    friend LexiconCounts count_lexicon(std::string_view compiled, const std::string& origin);
    std::unique_ptr<Data> data_;
};

}  // namespace capsearch::analysis
