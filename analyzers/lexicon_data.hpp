// Internals of the compiled lexicon shared by its parts (lexicon.cpp: parsing and the name index;
// lexicon_policy.cpp: what a name means; lexicon_recognize.cpp: names in token streams).
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
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
    std::uint32_t key_off = 0;
    std::uint32_t key_len = 0;
    std::uint32_t next = UINT32_MAX;  // Next name with the same key.
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

struct Lexicon::Data {
    std::string text;
    std::string id;
    std::vector<lexicon_detail::Concept> concepts;
    std::vector<std::uint32_t> families;  // Indexes into concepts.
    std::vector<lexicon_detail::Name> names;
    std::deque<std::string> derived;  // Spellings of derived names (stable addresses).
    std::string keys;                 // All keys, back to back.
    // Open-addressing table: key hash and the first name with that key (a std::unordered_map of
    // string_views was half the load time, all cache misses).
    struct Slot {
        std::uint32_t hash = 0;
        std::uint32_t head = UINT32_MAX;
    };
    std::vector<Slot> slots;
    std::size_t mask = 0;
    // One bit per key hash (2^21 bits, fits in cache): most words of a text are no name at all, and
    // this answers "no" for them without touching the table.
    std::vector<std::uint64_t> filter;
    std::size_t distinct_keys = 0;

    std::string_view key_of(const lexicon_detail::Name& n) const {
        return std::string_view(keys).substr(n.key_off, n.key_len);
    }

    /// Adds a name of concept `concept_index` (skipped when its key is empty).
    void add_name(std::uint32_t concept_index, std::string_view spelling, char source, bool exact, bool word,
                  std::uint8_t tier);
    void parse(const std::string& origin);
    void build_index();
    std::vector<std::uint32_t> candidates(std::string_view key) const;
    /// False when no name has `key` (true may be a false positive).
    bool may_have(std::string_view key) const;
};

namespace lexicon_detail {

/// What `surface` means by its key alone (no plural fallback): the policy of lexicon_policy.cpp.
Resolution resolve_key(const Lexicon::Data& d, std::string_view surface, Context ctx);

}  // namespace lexicon_detail
}  // namespace capsearch::analysis
