// The index's one field table, in the manner of notmuch's prefix_table: every field a query can name
// or a facet can count, with its term prefix, kind, weight, value slot and display flags. The indexer
// writes by it, the query builder reads by it, and the facet machinery counts the rows marked facet.
#pragma once

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "schema/terms.hpp"

namespace capsearch::schema {

/// How a field is searched.
enum class FieldKind {
    text,    ///< Analysed words (stemmed, positional); also searched without a field name.
    filter,  ///< Exact boolean terms: prefix + terms::filter_key(value) (or the field's own spelling).
    range,   ///< A number in a value slot, queried as a range (year:2010..2015).
};

/// One row of the table.
struct Field {
    std::string_view name;    ///< Query name (`title:`) and facet / JSON key.
    std::string_view prefix;  ///< Term prefix (terms.hpp).
    FieldKind kind;
    unsigned wdf;             ///< Within-document frequency boost of its words (text); 0 otherwise.
    int slot;                 ///< Value slot the facet counts (or the range reads); -1 for none.
    bool facet;               ///< Counted by --facets, in table order.
    bool stored;              ///< Kept in the document data for display (schema/stored.hpp).
};

inline constexpr int kNoSlot = -1;

// clang-format off
inline constexpr std::array kFields{
    //     name        prefix               kind               wdf                    slot                          facet  stored
    Field{"title",    terms::kTitle,      FieldKind::text,   terms::kWdfTitle,      kNoSlot,                      false, true},
    Field{"caption",  terms::kCaption,    FieldKind::text,   terms::kWdfCaption,    kNoSlot,                      false, true},
    Field{"paper",    terms::kPaperTitle, FieldKind::text,   terms::kWdfPaperTitle, kNoSlot,                      false, true},
    Field{"gene",     terms::kGeneText,   FieldKind::text,   terms::kWdfGene,       kNoSlot,                      false, false},
    Field{"year",     terms::kYear,       FieldKind::range,  0,                     int(terms::kSlotYear),        true,  true},
    Field{"organism", terms::kOrganism,   FieldKind::filter, 0,                     int(terms::kSlotOrganisms),   true,  true},
    Field{"figid",    terms::kFigid,      FieldKind::filter, 0,                     kNoSlot,                      false, true},
    Field{"pmcid",    terms::kPmcid,      FieldKind::filter, 0,                     kNoSlot,                      false, true},
    Field{"journal",  terms::kJournal,    FieldKind::filter, 0,                     int(terms::kSlotJournal),     true,  false},
    Field{"keyword",  terms::kKeyword,    FieldKind::text,   terms::kWdfKeyword,    int(terms::kSlotKeywords),    true,  false},
    Field{"disease",  terms::kDisease,    FieldKind::filter, 0,                     int(terms::kSlotDiseases),    true,  false},
    Field{"chemical", terms::kChemical,   FieldKind::filter, 0,                     int(terms::kSlotChemicals),   true,  false},
    Field{"author",   terms::kAuthor,     FieldKind::text,   terms::kWdfAuthor,     kNoSlot,                      false, false},
};
// clang-format on

/// How records are turned into terms and values (terms::kMetaAnalysis). An index analysed another
/// way is analysed again on its next sync (incremental_sync re-reads every file), as when the lexicon
/// changes; searching it meanwhile works but answers as the older analysis did. Bump it whenever the
/// same lexicon would index other terms or values, and always when kFields changes: pinned_digests()
/// holds the table digest of each version, and a test fails when the table's digest is not the one
/// pinned for the current version.
///   (absent) family names in text added their members' concept terms.
///   2        a family name in text adds one family term (terms::family_concept), not its members'.
///   3        each figure also stores its resolved gene set (terms::kGeneSet, kSlotGeneSet).
///   4        the journal, keyword, disease and chemical facets (slots and filter terms).
///   5        the author field: the first author's name from reftext (terms::kAuthor).
///   6        positions once: on the field terms only, not on their unprefixed copies (the lean index).
///   7        the stored data keeps the gene names found in the caption and title (stored.hpp
///            GeneSpan), so highlighting reads them instead of consulting the lexicon.
///   8        a boolean term per two adjacent words of a field (terms::phrase_pair), from which
///            phrases are answered where every document holds them (terms::kMetaPhrasePairs).
inline constexpr const char* kAnalysisVersion = "8";
/// table_digest() of kFields per analysis version (from 3 on), pinned in fields.cpp next to the
/// table's digest function; one line is added with each version.
std::span<const std::pair<std::string_view, std::string_view>> pinned_digests();

/// The schema version this capsearch writes (terms::kMetaSchema): how documents, terms and metadata
/// are laid out. An index of another schema version is refused at open (index_meta.hpp check_schema).
inline constexpr const char* kSchemaVersion = "1";

/// The row named `name` (ASCII case ignored), or nullptr.
const Field* find_field(std::string_view name);

/// The facet rows, in table order.
std::span<const Field* const> facet_fields();

/// A stable digest (16 hex digits) of every row of kFields.
std::string table_digest();

}  // namespace capsearch::schema
