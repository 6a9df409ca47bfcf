// Splits biomedical text into word tokens that keep names like IL-6, HER-2/neu, Ca2+ and TNF-α findable
// whole and by their parts. ICU's word BreakIterator finds the words; we re-join what it splits apart.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace capsearch::analysis {

/// A sub-word of a token: the pieces between connectors and at letter/digit boundaries.
struct TokenPart {
    std::string surface;  ///< As written: "IL", "6", "κB".
    std::string term;     ///< Folded, Greek spelled out: "il", "6", "kappab".
};

/// One word of the text.
///
/// Connectors are '-', '‐', '–', '+', '.', '\'' and ':' between word characters with no space,
/// so "IL-6", "Ca2+", "HER-2" and "3'-UTR" are one token each. A '/' between words splits a list:
/// "HER-2/neu" gives the tokens "HER-2" and "neu" (the second with sep_before == '/'), and a list
/// whose later items are bare numbers expands them: "ERK1/2" gives "ERK1" and a synthetic "ERK2";
/// "p42/44" gives "p42" and "p44"; "GLUT1/3/4" gives GLUT1, GLUT3, GLUT4.
struct Token {
    std::string surface;  ///< As written (NFKC), case kept: "IL-6", "TNF-α", "ERK2" (synthetic).
    std::string term;     ///< Folded, Greek spelled, connectors kept: "il-6", "tnf-alpha", "ca2+".
    std::string joined;   ///< `term` without connectors: "il6", "tnfalpha", "ca2".
    /// The parts between connectors, in order, when there is more than one ("IL-6" -> il, 6); empty
    /// for a word without connectors ("signaling", "IL6", "ERBB2", "ATP8A2": letter/digit boundaries do
    /// not split, so the molecule ATP is never found inside the gene name ATP8A2).
    std::vector<TokenPart> parts;
    std::size_t begin = 0;     ///< Byte offset of the token in the text given to tokenize().
    std::size_t end = 0;       ///< One past its last byte.
    char sep_before = ' ';     ///< '/' when this token follows the previous one in a slash list.
    bool synthetic = false;    ///< Made by expanding a slash list; begin/end cover the number written.
    bool gene_like = false;    ///< Has a digit, a capital after the first letter, a Greek letter or a
                               ///< connector: such tokens are never stemmed.
};

/// Tokenizes NFKC-normalised UTF-8 text (call nfkc() first). Punctuation and spaces separate tokens
/// and are dropped; so are tokens with no letter or digit.
std::vector<Token> tokenize(std::string_view nfkc_text);

/// The terms a token contributes at consecutive positions: its parts' terms, or its term when it has
/// no parts. Phrase queries use the same sequence, so phrases match across spellings "IL-6"/"IL 6".
std::vector<std::string> positional_terms(const Token& token);

}  // namespace capsearch::analysis
