// Biomedical word tokenizer: ICU's word BreakIterator finds the words, then connectors re-join what it
// split ("IL-6", "Ca2+", "3'-UTR"), slash lists are split and expanded ("ERK1/2" -> ERK1, ERK2), and
// each token gets its folded term, joined term and parts so spellings like IL-6 / IL6 / IL 6 meet.
#include "analyzers/tokenizer.hpp"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>

#include <memory>

#include "analyzers/text.hpp"
#include "analyzers/unicode.hpp"
#include "capsearch/error.hpp"

namespace capsearch::analysis {
namespace {

enum class Kind : unsigned char { other, letter, digit, mark };

Kind kind_of(char32_t cp) {
    if (cp < 0x80) {
        if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) return Kind::letter;
        if (cp >= '0' && cp <= '9') return Kind::digit;
        return Kind::other;
    }
    const uint32_t mask = U_GET_GC_MASK(static_cast<UChar32>(cp));
    if (mask & U_GC_L_MASK) return Kind::letter;
    if (mask & U_GC_N_MASK) return Kind::digit;
    if (mask & U_GC_M_MASK) return Kind::mark;
    return Kind::other;
}

bool is_capital(char32_t cp) {
    if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
    return u_isupper(static_cast<UChar32>(cp)) || u_istitle(static_cast<UChar32>(cp));
}

// The connector a code point stands for in a term, or 0. Dash and apostrophe variants are written
// as their ASCII forms so "IL‐6" (U+2010) and "IL-6" share a term.
char connector_of(char32_t cp) {
    switch (cp) {
        case '-':
        case 0x2010:
        case 0x2011:
        case 0x2013:
            return '-';
        case '\'':
        case 0x2019:
        case 0x2032:
            return '\'';
        case '+':
            return '+';
        case '.':
            return '.';
        case ':':
            return ':';
        default:
            return 0;
    }
}

// Decodes at i, never reading at or past `limit`; malformed bytes read as one non-word byte.
std::size_t next_cp(std::string_view text, std::size_t i, std::size_t limit, char32_t& cp) {
    const std::size_t len = text::decode_utf8(text.substr(0, limit), i, cp);
    if (len == 0) {
        cp = 0xFFFD;
        return 1;
    }
    return len;
}

struct Span {
    std::size_t begin;
    std::size_t end;
};

// Appends the runs of letters and digits (with their combining marks) in text[begin, end).
void scan_atoms(std::string_view text, std::size_t begin, std::size_t end, std::vector<Span>& atoms) {
    bool open = false;
    std::size_t start = 0;
    for (std::size_t i = begin; i < end;) {
        char32_t cp;
        const std::size_t len = next_cp(text, i, end, cp);
        const Kind k = kind_of(cp);
        const bool word = k == Kind::letter || k == Kind::digit || (k == Kind::mark && open);
        if (word && !open) {
            open = true;
            start = i;
        } else if (!word && open) {
            atoms.push_back({start, i});
            open = false;
        }
        i += len;
    }
    if (open) atoms.push_back({start, end});
}

const icu::BreakIterator& prototype_iterator() {
    static const std::unique_ptr<icu::BreakIterator> prototype = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::BreakIterator> bi(
            icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
        if (U_FAILURE(status) || !bi) {
            throw Error(ErrorCode::internal,
                        std::string("ICU word break iterator unavailable: ") + u_errorName(status));
        }
        return bi;
    }();
    return *prototype;
}

// Creating a BreakIterator loads and compiles rules (slow) and one instance is not thread-safe, so each
// thread keeps a clone of one prototype.
icu::BreakIterator& thread_iterator() {
    thread_local const std::unique_ptr<icu::BreakIterator> bi(prototype_iterator().clone());
    if (!bi) throw Error(ErrorCode::internal, "ICU word break iterator could not be cloned");
    return *bi;
}

// The word atoms of the text. ICU decides where words are (scripts without spaces, dictionaries for
// Thai or CJK); inside its words only letters, digits and marks make atoms, so punctuation that ICU
// keeps inside words ("1,000", "a_b") separates atoms here and is judged by the connector rules.
std::vector<Span> find_atoms(std::string_view text) {
    std::vector<Span> atoms;
    if (text.empty()) return atoms;
    atoms.reserve(text.size() / 6 + 1);
    icu::BreakIterator& bi = thread_iterator();
    UErrorCode status = U_ZERO_ERROR;
    UText ut = UTEXT_INITIALIZER;
    // A UTF-8 UText makes the iterator's indices byte offsets into `text`: no UTF-16 copy, no map.
    utext_openUTF8(&ut, text.data(), static_cast<int64_t>(text.size()), &status);
    bi.setText(&ut, status);
    if (U_FAILURE(status)) {
        utext_close(&ut);
        throw Error(ErrorCode::internal, std::string("ICU word break failed: ") + u_errorName(status));
    }
    int32_t start = bi.first();
    for (int32_t stop = bi.next(); stop != icu::BreakIterator::DONE; start = stop, stop = bi.next()) {
        if (bi.getRuleStatus() >= UBRK_WORD_NONE_LIMIT) {
            scan_atoms(text, static_cast<std::size_t>(start), static_cast<std::size_t>(stop), atoms);
        }
    }
    utext_close(&ut);
    return atoms;
}

// True when the gap text[begin, end) between two atoms joins them: one connector, or two when the
// first is '+' or an apostrophe ("Ca2+-dependent", "3'-UTR").
bool gap_joins(std::string_view text, std::size_t begin, std::size_t end) {
    if (begin == end) return false;  // Adjacent words ICU split (CJK, script change) stay apart.
    char32_t cp;
    std::size_t len = next_cp(text, begin, end, cp);
    const char first = connector_of(cp);
    if (first == 0) return false;
    if (begin + len == end) return true;
    if (first != '+' && first != '\'') return false;
    const std::size_t second = begin + len;
    len = next_cp(text, second, end, cp);
    return connector_of(cp) != 0 && second + len == end;
}

bool is_ascii_digits(std::string_view s) {
    if (s.empty()) return false;
    for (const char c : s) {
        if (c < '0' || c > '9') return false;
    }
    return true;
}

bool has_letter_then_digit(std::string_view text, std::size_t begin, std::size_t end) {
    bool letter = false;
    for (std::size_t i = begin; i < end;) {
        char32_t cp;
        const std::size_t len = next_cp(text, i, end, cp);
        const Kind k = kind_of(cp);
        if (k == Kind::letter) letter = true;
        if (k == Kind::digit && letter) return true;
        i += len;
    }
    return false;
}

bool has_digit(std::string_view text, std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end;) {
        char32_t cp;
        const std::size_t len = next_cp(text, i, end, cp);
        if (kind_of(cp) == Kind::digit) return true;
        i += len;
    }
    return false;
}

// A hyphen before a plain lower-case word ends a gene-like name: "IL-6-induced", "p53-dependent",
// "NF-κB-mediated" give the name as its own token (so a search for IL-6 finds it and the lexicon
// recognises it) and the word after. Names whose later part is a word stay whole ("β-catenin",
// "c-Jun": the part before has no digit and only one piece; "IL-1-alpha": Greek letter names).
bool splits_before(std::string_view text, const std::vector<Span>& atoms, std::size_t first,
                   std::size_t last) {
    const Span& next = atoms[last + 1];
    char32_t cp;
    const std::size_t gap_end = next.begin;
    std::size_t p = atoms[last].end;
    // The gap's last code point must be a hyphen-like connector.
    std::size_t hyphen_at = p;
    while (p < gap_end) {
        hyphen_at = p;
        p += next_cp(text, p, gap_end, cp);
    }
    next_cp(text, hyphen_at, gap_end, cp);
    if (connector_of(cp) != '-') return false;
    const std::string_view word = text.substr(next.begin, next.end - next.begin);
    if (word.size() < 4 || !text::is_lower_ascii_word(word) || text::is_greek_letter_name(word)) return false;
    return last > first || has_digit(text, atoms[first].begin, atoms[last].end);
}

// Fills t's terms for the common case of a word of ASCII letters only or digits only (one part, no
// connector, nothing to fold but case). Returns false for anything else.
bool fill_simple(Token& t) {
    const std::string& s = t.surface;
    bool letters = true, digits = true, capital = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        const bool upper = c >= 'A' && c <= 'Z';
        const bool letter = upper || (c >= 'a' && c <= 'z');
        const bool digit = c >= '0' && c <= '9';
        letters = letters && letter;
        digits = digits && digit;
        if (!letters && !digits) return false;
        capital = capital || (i > 0 && upper);
    }
    t.term = s;
    text::lower_ascii_in_place(t.term);
    t.joined = t.term;
    t.gene_like = digits || capital;
    return true;
}

// Folded, Greek-spelled term of one part.
std::string part_term(std::string_view surface) {
    if (text::is_ascii(surface)) {
        std::string out(surface);
        text::lower_ascii_in_place(out);
        return out;
    }
    return spell_greek(fold_case(surface));
}

// Fills t's terms from t.surface: parts split at connectors only. Splitting "ATP8A2" at its
// letter/digit boundaries would index a standalone "atp" and make a search for the molecule ATP
// find every figure naming the gene ATP8A2; "IL 6" still finds "IL6" through the gene concept.
void fill_terms(Token& t) {
    if (fill_simple(t)) return;
    const std::string_view s = t.surface;
    std::string pending;  // Connectors seen since the last part, as they go into the term.
    bool digit = false, greek = false, capital = false, connector = false;
    bool open = false;
    Kind open_kind = Kind::other;
    std::size_t start = 0;
    TokenPart first;  // Held back until a second part shows the token has parts at all.
    std::size_t count = 0;
    const auto close_part = [&](std::size_t at) {
        TokenPart part;
        part.surface.assign(s, start, at - start);
        part.term = part_term(part.surface);
        t.term += pending;
        t.term += part.term;
        t.joined += part.term;
        pending.clear();
        if (++count == 1) {
            first = std::move(part);
        } else {
            if (count == 2) {
                t.parts.reserve(4);
                t.parts.push_back(std::move(first));
            }
            t.parts.push_back(std::move(part));
        }
        open = false;
    };
    for (std::size_t i = 0; i < s.size();) {
        char32_t cp;
        const std::size_t len = next_cp(s, i, s.size(), cp);
        Kind k = kind_of(cp);
        if (k == Kind::mark) k = open ? open_kind : Kind::letter;
        if (k == Kind::letter || k == Kind::digit) {
            if (!open) {
                open = true;
                start = i;
                open_kind = k;
            }
            digit = digit || k == Kind::digit;
            greek = greek || text::is_greek(cp);
            capital = capital || (i > 0 && is_capital(cp));
        } else {
            if (open) close_part(i);
            const char c = connector_of(cp);
            pending += c != 0 ? c : '-';
            connector = true;
        }
        i += len;
    }
    if (open) close_part(s.size());
    t.term += pending;  // A trailing '+' ("Ca2+").
    t.gene_like = digit || greek || capital || connector;
}

Token& add_token(std::vector<Token>& tokens, std::string_view surface, std::size_t begin, std::size_t end,
                 char sep_before, bool synthetic) {
    Token& t = tokens.emplace_back();
    t.surface = surface;
    t.begin = begin;
    t.end = end;
    t.sep_before = sep_before;
    t.synthetic = synthetic;
    fill_terms(t);
    return t;
}

// Splits "ERK1" into prefix "ERK" when it ends in digits after something with a letter in it.
bool number_prefix(std::string_view surface, std::string_view& prefix) {
    std::size_t k = surface.size();
    while (k > 0 && surface[k - 1] >= '0' && surface[k - 1] <= '9') --k;
    if (k == 0 || k == surface.size()) return false;
    for (std::size_t i = 0; i < k; ++i) {
        const unsigned char c = static_cast<unsigned char>(surface[i]);
        if (c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            prefix = surface.substr(0, k);
            return true;
        }
    }
    return false;
}

}  // namespace

std::vector<Token> tokenize(std::string_view text) {
    const std::vector<Span> atoms = find_atoms(text);
    std::vector<Token> tokens;
    tokens.reserve(atoms.size());
    char sep = ' ';
    std::size_t list_base = 0;  // Index of the last non-number item of the current slash list.
    bool have_base = false;
    for (std::size_t first = 0; first < atoms.size();) {
        std::size_t last = first;
        bool split_plus = false;  // "Ca2+-dependent": the '+' stays with the name split off.
        while (last + 1 < atoms.size() && gap_joins(text, atoms[last].end, atoms[last + 1].begin)) {
            if (splits_before(text, atoms, first, last)) {
                split_plus = text[atoms[last].end] == '+';
                break;
            }
            ++last;
        }
        std::size_t end = atoms[last].end;
        const std::size_t next_begin =
            last + 1 < atoms.size() ? atoms[last + 1].begin : std::string_view::npos;
        // A trailing '+' after a digit belongs to names with letters before it ("Ca2+", "HER2+", "CD4+"),
        // which always have at least two parts, so a token without parts never differs from `joined`.
        const unsigned char before = static_cast<unsigned char>(text[end - 1]);
        if (before >= '0' && before <= '9' && end < text.size() && text[end] == '+' &&
            has_letter_then_digit(text, atoms[first].begin, end)) {
            std::size_t p = end;
            while (p < text.size() && text[p] == '+') ++p;
            if (split_plus || p != next_begin) end = p;
        }
        const std::string_view surface = text.substr(atoms[first].begin, end - atoms[first].begin);
        const bool bare_number = is_ascii_digits(surface);
        std::string_view prefix;
        if (sep == '/' && bare_number && have_base && number_prefix(tokens[list_base].surface, prefix)) {
            std::string made(prefix);
            made += surface;
            add_token(tokens, made, atoms[first].begin, end, '/', true);
        } else {
            add_token(tokens, surface, atoms[first].begin, end, sep, false);
            if (sep != '/' || !bare_number) {
                list_base = tokens.size() - 1;
                have_base = true;
            }
        }
        // "a/b" with nothing around the slash makes a list; a spaced slash is punctuation.
        sep = (end + 1 == next_begin && text[end] == '/') ? '/' : ' ';
        if (sep != '/') have_base = false;
        first = last + 1;
    }
    return tokens;
}

std::vector<std::string> positional_terms(const Token& token) {
    std::vector<std::string> out;
    if (token.parts.empty()) {
        out.push_back(token.term);
        return out;
    }
    out.reserve(token.parts.size());
    for (const TokenPart& p : token.parts) out.push_back(p.term);
    return out;
}

}  // namespace capsearch::analysis
