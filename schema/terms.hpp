// The index's term and value scheme, shared by the indexer (which writes it) and the searcher
// (which queries it), so both always spell terms the same way.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/lexicon.hpp"
#include "analyzers/tokenizer.hpp"

namespace capsearch::terms {

// Free-text fields. Every field's words are also indexed without prefix (the default search).
inline constexpr std::string_view kTitle = "S";
inline constexpr std::string_view kCaption = "XC";
inline constexpr std::string_view kPaperTitle = "XP";
inline constexpr std::string_view kKeyword = "K";
inline constexpr std::string_view kGeneText = "XG";      ///< Gene names as printed/listed (gene: field).
inline constexpr std::string_view kOrganismText = "XN";  ///< Words of organisms and organisms_ner.
inline constexpr std::string_view kAuthor = "XA";        ///< The first author's name (from reftext).
// Boolean (filter) terms.
inline constexpr std::string_view kConcept = "XQ";   ///< + official symbol: "XQERBB2"; see family_concept().
inline constexpr std::string_view kOrganism = "XO";  ///< + folded organism name: "XOhomo sapiens".
inline constexpr std::string_view kYear = "Y";       ///< + year: "Y2013".
inline constexpr std::string_view kFigid = "Q";      ///< + figid, exactly as in the record.
inline constexpr std::string_view kPmcid = "XM";     ///< + upper-case pmcid: "XMPMC3808214".
inline constexpr std::string_view kPath = "XF";      ///< + source file path (for sync).
inline constexpr std::string_view kGeneSet = "XH";   ///< + official symbol of the figure's gene set.
inline constexpr std::string_view kJournal = "XJ";   ///< + filter_key(journal_title).
inline constexpr std::string_view kDisease = "XD";   ///< + filter_key(diseases[].word).
inline constexpr std::string_view kChemical = "XE";  ///< + filter_key(chemicals[].word).
inline constexpr std::string_view kStemmed = "Z";    ///< "Z" + field prefix + stem (Xapian convention).
inline constexpr std::string_view kPhrasePair = "XB";  ///< + two adjacent words: phrase_pair().

/// The prefixes of the free-text fields whose words are also written unprefixed. Positions are kept
/// once, on the prefixed terms only: the unprefixed copy carries the wdf and term statistics that
/// unfielded words are ranked by, and an unfielded phrase reads its positions from the OR of these
/// prefixed terms (fields never share a position, so that OR has exactly the positions the unprefixed
/// term would have).
inline constexpr std::array kFreeTextPrefixes{kTitle,    kCaption,      kPaperTitle, kKeyword,
                                              kGeneText, kOrganismText, kAuthor};

// Value slots.
inline constexpr unsigned kSlotYearSortable = 0;  ///< Xapian::sortable_serialise(year).
inline constexpr unsigned kSlotYear = 1;          ///< Year as decimal text, for the year facet.
inline constexpr unsigned kSlotOrganisms = 2;     ///< Sorted organisms joined by kOrganismSep (facet).
inline constexpr unsigned kSlotContentHash = 3;   ///< Hash of the record file's bytes (hex).
inline constexpr unsigned kSlotFileStamp = 4;     ///< "size:mtime_ns" of the record file.
inline constexpr unsigned kSlotGeneSet = 5;       ///< The figure's gene set, sorted, joined by kGeneSep.
inline constexpr unsigned kSlotGenesLeftOut = 6;  ///< Listed gene entries left out of it (decimal).
inline constexpr unsigned kSlotFigid = 7;         ///< The figid (ranking ties and GMT read it as a stream).
inline constexpr unsigned kSlotJournal = 8;       ///< The journal title (facet).
inline constexpr unsigned kSlotKeywords = 9;      ///< Sorted folded keywords joined by kFacetSep (facet).
inline constexpr unsigned kSlotDiseases = 10;     ///< Sorted diseases joined by kFacetSep (facet).
inline constexpr unsigned kSlotChemicals = 11;    ///< Sorted chemicals joined by kFacetSep (facet).
inline constexpr char kGeneSep = ' ';  ///< Official symbols contain no space.
inline constexpr char kFacetSep = '\x1f';  ///< Between the sorted values of a multi-valued facet slot.
inline constexpr char kOrganismSep = kFacetSep;

// Metadata keys.
inline constexpr const char* kMetaSchema = "capsearch:schema";    ///< schema::kSchemaVersion
inline constexpr const char* kMetaLexicon = "capsearch:lexicon";  ///< Compiled lexicon text.
inline constexpr const char* kMetaLexiconId = "capsearch:lexicon-id";
inline constexpr const char* kMetaAnalysis = "capsearch:analysis";  ///< schema::kAnalysisVersion
/// "1" when every document holds its phrase_pair() terms (index_meta.hpp has_phrase_pairs).
inline constexpr const char* kMetaPhrasePairs = "capsearch:phrase-pairs";
/// "1" when every prose word of the index is listed under kMetaVocabularyPrefix (vocabulary.hpp).
inline constexpr const char* kMetaVocabulary = "capsearch:vocabulary";
/// One key per listed word: this prefix + the word (vocabulary.hpp).
inline constexpr const char* kMetaVocabularyPrefix = "capsearch:vocab:";

/// Glass refuses longer terms: the indexer drops free-text terms past this (no one searches a 250-byte
/// word), and the searcher never asks for a pair term past it.
inline constexpr std::size_t kMaxTermBytes = 245;

// Within-document frequency boosts (BM25 sees them through wdf): title and keywords weigh more.
inline constexpr unsigned kWdfTitle = 3;
inline constexpr unsigned kWdfKeyword = 2;
inline constexpr unsigned kWdfPaperTitle = 2;
inline constexpr unsigned kWdfCaption = 1;
inline constexpr unsigned kWdfGene = 1;
inline constexpr unsigned kWdfAuthor = 1;
inline constexpr unsigned kPositionGap = 100;  ///< Between fields, so phrases do not span them.

/// True when `text` (a term, or what follows a prefix in one) starts with no prefix: prefixes are
/// capital letters (the Xapian convention), and words are folded to lower case.
constexpr bool starts_unprefixed(std::string_view text) {
    return text.empty() || text[0] < 'A' || text[0] > 'Z';
}

/// The free-text field prefix (kFreeTextPrefixes) a field word starts with: "XC" of "XCcell"; "" for
/// any other term (unprefixed words, stems, concept, filter and pair terms).
constexpr std::string_view free_text_prefix(std::string_view term) {
    for (std::string_view p : kFreeTextPrefixes) {
        if (term.size() > p.size() && term.starts_with(p) && starts_unprefixed(term.substr(p.size())))
            return p;
    }
    return {};
}

/// English stem of a folded word (Xapian::Stem("english")); thread-safe.
std::string stem(const std::string& folded_word);

/// The term a token is searched by outside phrases: for gene-like tokens `prefix + joined`, for
/// others `"Z" + prefix + stem(term)`.
std::string query_term(const analysis::Token& token, std::string_view prefix);

/// The boolean term saying that `first` and `second` (positional terms, as analysis::positional_terms
/// gives them) stand at adjacent positions of one field: kPhrasePair + first + ' ' + second. Written
/// once per document whatever the field, with no wdf (document lengths stay as they were). An
/// unfielded two-word phrase is exactly this term (fields never share a position, so adjacent positions
/// are in one field), and longer phrases check positions only where all their pairs are. "" when the
/// pair has no term: past kMaxTermBytes, or a word holding a space (words never do; the check keeps
/// "a b"+"c" and "a"+"b c" apart whatever the tokenizer does).
std::string phrase_pair(std::string_view first, std::string_view second);

/// Upper-cases an official symbol for concept terms ("Erbb2" -> "ERBB2").
std::string concept_term(std::string_view symbol);

/// What record text naming a family is indexed as, in place of a symbol: "@" + the family's name
/// ("@NF-κB", so the term is "XQ@NF-κB"). Not its members' symbols: a figure that says only "NF-κB"
/// does not name RELA, and a query for p65 must not find it. A family query asks for this and its
/// members' symbols. No official symbol starts with '@'.
std::string family_concept(std::string_view family);

/// What a gene name found in text is indexed as (each becomes a concept term): a family's
/// family_concept(), or the symbols of a gene. The indexer writes these and highlighting compares them.
std::vector<std::string> mention_concepts(const analysis::GeneMention& mention);

/// The unique-id term of a figure ("Q" + figid), for replace_document / delete_document and lookups.
std::string figid_term(std::string_view figid);

/// Single spaces for runs of whitespace (and kFacetSep), none at the ends.
std::string collapse_whitespace(std::string_view text);

/// A filter value as its term spells it after the prefix: NFKC, case-folded, single spaces, no spaces
/// at the ends ("Homo  Sapiens " -> "homo sapiens"). Organism, journal, keyword, disease and chemical
/// filters are all spelled so, by the indexer and by the query alike.
std::string filter_key(std::string_view value);

/// The organism filter term: kOrganism + filter_key(name).
std::string organism_term(std::string_view name);

/// The pmcid filter term: kPmcid + the pmcid in upper case ("pmc3808214" -> "XMPMC3808214").
std::string pmcid_term(std::string_view pmcid);

}  // namespace capsearch::terms
