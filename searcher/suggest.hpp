// Did you mean: a corrected query for one that matched few figures, spelled from the index's own
// vocabulary (edit distance over the index's unprefixed word terms).
//
// Only prose words are corrected: a word of at least kMinSuggestLetters letters (a-z or non-ASCII,
// "apoptoše"), alone or inside a phrase, not excluded, no wildcard, in no field or in
// title:/caption:/paper:/keyword:, which is no name the lexicon knows (genes, families, stop names such
// as ATP are never touched) and which the index holds rarely or never. Its replacement is the nearest,
// then most frequent, a-z index word within the edit distance (Damerau-Levenshtein over characters: 1
// for words up to 5 letters, 2 above) that is itself no lexicon name and occurs at least
// kSuggestFrequencyFactor times as often as the word: one that starts with the same letter if any, else
// one with another first letter ("nflammation" -> "inflammation"). The index's words are read from
// the list every shard keeps of them (schema/vocabulary.hpp) or, for an index that keeps none, from
// its terms; either way the same words are found.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/lexicon.hpp"
#include "searcher/query_parser.hpp"

namespace capsearch::search {

/// Searches that find at most this many figures get a suggestion (when one finds more).
inline constexpr std::size_t kSuggestBelowHits = 2;
/// Shorter words are never corrected (too many neighbours).
inline constexpr std::size_t kMinSuggestLetters = 4;
/// A replacement must be at least this many times more frequent than a word the index holds.
inline constexpr Xapian::doccount kSuggestFrequencyFactor = 5;

/// Damerau-Levenshtein distance (optimal string alignment) between the characters (code points) of
/// UTF-8 `a` and `b`, or `limit + 1` as soon as it is known to exceed `limit`.
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit);

/// Where corrections come from: `db` (every shard) answers how often a word occurs; its words are
/// read from each of `listed`'s vocabulary lists (schema/vocabulary.hpp) when it is not null (the
/// shards of `db`, every one of which lists its whole vocabulary), else by walking `db`'s terms.
struct WordSource {
    const Xapian::Database& db;
    const std::vector<Xapian::Database>* listed = nullptr;
};

/// `query` with its misspelt words replaced (case of the first letter kept), or nullopt when no word
/// needs or finds a correction.
std::optional<std::string> corrected_query(std::string_view query, const QueryNode& root,
                                           const WordSource& words, const analysis::Lexicon& lexicon);

}  // namespace capsearch::search
