// Internals of the compiled lexicon shared by its parts (lexicon.cpp: parsing; lexicon_image.cpp: the
// image used in place; lexicon_policy.cpp: what a name means; lexicon_recognize.cpp: token streams).
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/fnv1a.hpp"
#include "analyzers/lexicon.hpp"
#include "analyzers/text.hpp"

namespace capsearch::analysis {
namespace lexicon_detail {

enum class ConceptKind : std::uint8_t { gene, family, stop };

struct Concept {
    ConceptKind kind = ConceptKind::gene;
    char type = '-';           // Gene type (p, r, s, o, -).
    std::string_view name;     // Official symbol, family or stop name.
    std::string_view id;       // NCBI Gene ID.
    std::string_view about;    // Full name or description.
    std::string_view members;  // Family members, comma-separated.
    std::string_view tax;
};

// Tiers of the policy: a lower tier that has a usable name decides.
enum Tier : std::uint8_t { kCurated = 0, kSymbol = 1, kAlias = 2, kDerived = 3 };

// Internal source codes beyond the compiled format's: how a gene's own symbol and derived names came.
constexpr char kSrcSymbolNcbi = 'S';
constexpr char kSrcSymbolHgnc = 'T';
constexpr char kSrcSymbolCurated = 'C';
constexpr char kSrcGreek = 'g';
constexpr char kSrcFullName = 'f';

struct Name {
    std::uint32_t concept_index = 0;
    std::uint32_t key_off = 0;  // In Parsed::keys (while building).
    std::uint32_t key_len = 0;
    std::string_view spelling;
    char source = 'c';
    bool case_exact = false;
    bool word = false;
    std::uint8_t tier = kAlias;
};

// The shared text helpers (analyzers/text.hpp) that the lexicon code calls by these names.
using text::is_ascii;
using text::upper_ascii;
/// Spaces, hyphens and dashes, dots and slashes: what keys drop.
bool is_sep_cp(char32_t cp);
/// Appends Lexicon::key(name) to `out`.
void append_key(std::string& out, std::string_view name);
/// The name as written but without separators: what "exactly as spelled" compares.
std::string case_form(std::string_view s);

/// How a surface is written, for the case rules.
struct Shape {
    std::string form;         // case_form()
    bool single_word = true;  // No space inside.
    bool has_letter = false;
    bool has_digit = false;
    bool has_upper = false;
    bool has_lower = false;
    bool title = false;  // First letter upper, every other letter lower.
    bool lower_word() const { return single_word && has_letter && !has_digit && !has_upper; }
    bool all_lower() const { return has_letter && !has_upper; }
    bool all_caps() const { return has_letter && !has_lower; }
};

Shape shape_of(std::string_view surface);
std::vector<std::string> split_members(std::string_view csv);
/// "lex1-" + 16 hex digits of the FNV-1a hash of the compiled text (`basis`: see fnv1a.hpp).
std::string fnv_id(std::string_view text, std::uint64_t basis = kFnvOffsetBasis);
std::string quoted(std::string_view s);
std::string join(const std::vector<std::string>& v, std::string_view sep);

}  // namespace lexicon_detail

namespace lexicon_detail {

struct ImageConcept;
struct ImageName;
struct ImageSlot;

/// A lexicon as parsed from its compiled text: what an image is written from (lexicon_image.cpp).
struct Parsed {
    std::string text;
    std::vector<Concept> concepts;
    std::vector<std::uint32_t> families;  // Indexes into concepts.
    std::vector<Name> names;
    std::deque<std::string> derived;  // Spellings of derived names (stable addresses).
    std::string keys;                 // All keys, back to back.

    /// Adds a name of concept `concept_index` (skipped when its key is empty).
    void add_name(std::uint32_t concept_index, std::string_view spelling, char source, bool exact, bool word,
                  std::uint8_t tier);
    void parse(const std::string& origin);
};

/// The image of a parsed lexicon whose id is `id` (format in lexicon_image.hpp).
std::string build_image(const Parsed& p, const std::string& id);

}  // namespace lexicon_detail

/// A lexicon is used in place from its image (memory-mapped file or bytes in memory): a lookup reads
/// the key table and the few records it leads to, so opening costs the same for 100 names or 1M.
struct Lexicon::Data {
    std::string owned;                   // The image, when it lives in memory.
    std::shared_ptr<const void> mapping;  // The mapped file, when it is one.
    std::string_view bytes;              // The image.
    std::string origin;                  // Names it in errors.
    std::string id;
    std::size_t concept_count = 0;
    std::size_t name_count = 0;
    std::span<const std::uint32_t> families;  // Indexes of family concepts.

    /// Checks the image's header and section bounds and points the views at it; throws Error(lexicon)
    /// naming `origin` when it is truncated, foreign or of another format version.
    void attach(std::string_view image, const std::string& where);

    lexicon_detail::Concept concept_at(std::uint32_t i) const;
    lexicon_detail::Name name_at(std::uint32_t i) const;
    /// The names of concept `i` (indexes, file order).
    std::span<const std::uint32_t> names_of_concept(std::uint32_t i) const;
    /// The compiled text the image was built from.
    std::string_view text() const;
    /// The first name of each distinct key (for counting).
    std::vector<std::uint32_t> key_heads() const;

    std::vector<std::uint32_t> candidates(std::string_view key) const;
    /// False when no name has `key` (true may be a false positive).
    bool may_have(std::string_view key) const;

  private:
    const void* section(std::uint64_t off, std::uint64_t count, std::size_t size, const char* what) const;
    std::string_view str(std::uint32_t off, std::uint32_t len, const char* what) const;
    [[noreturn]] void corrupt(const std::string& what) const;
    const lexicon_detail::ImageConcept* concepts_ = nullptr;
    const lexicon_detail::ImageName* names_ = nullptr;
    const lexicon_detail::ImageSlot* slots_ = nullptr;
    std::size_t slot_mask_ = 0;
    const std::uint64_t* filter_ = nullptr;
    const std::uint32_t* concept_first_ = nullptr;
    const std::uint32_t* concept_names_ = nullptr;
    std::size_t concept_names_count_ = 0;
    std::string_view pool_;
    std::size_t text_size_ = 0;
};

namespace lexicon_detail {

/// What `surface` means by its key alone (no plural fallback): the policy of lexicon_policy.cpp.
Resolution resolve_key(const Lexicon::Data& d, std::string_view surface, Context ctx);

}  // namespace lexicon_detail
}  // namespace capsearch::analysis
