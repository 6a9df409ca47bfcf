// Did-you-mean corrections from the index's vocabulary (see suggest.hpp).
#include "searcher/suggest.hpp"

#include <algorithm>
#include <cctype>
#include <string>
#include <type_traits>
#include <vector>

#include "analyzers/text.hpp"
#include "analyzers/tokenizer.hpp"
#include "analyzers/unicode.hpp"
#include "schema/vocabulary.hpp"

namespace capsearch::search {
namespace {

std::u32string code_points(std::string_view s) {
    std::u32string out;
    for (std::size_t i = 0; i < s.size();) out += analysis::text::next_code_point(s, i);
    return out;
}

// The three rows of the distance's table, kept between calls (a word is compared with thousands).
struct DistanceRows {
    std::vector<std::size_t> before, prev, cur;
};

// Damerau-Levenshtein (optimal string alignment) between the code points of `a` and `b` (an a-z
// term's bytes are its code points), or limit + 1 once it must exceed `limit`.
template <typename A, typename B>
std::size_t bounded_distance(const A& a, const B& b, std::size_t limit, DistanceRows& rows) {
    const std::size_t n = a.size();
    const std::size_t m = b.size();
    if ((n > m ? n - m : m - n) > limit) return limit + 1;
    auto at = [](const auto& s, std::size_t i) -> char32_t {
        if constexpr (std::is_same_v<std::decay_t<decltype(s[i])>, char>)
            return static_cast<unsigned char>(s[i]);
        else
            return s[i];
    };
    std::vector<std::size_t>& before = rows.before;
    std::vector<std::size_t>& prev = rows.prev;
    std::vector<std::size_t>& cur = rows.cur;
    before.assign(m + 1, 0);
    prev.resize(m + 1);
    cur.resize(m + 1);
    for (std::size_t j = 0; j <= m; ++j) prev[j] = j;
    for (std::size_t i = 1; i <= n; ++i) {
        cur[0] = i;
        std::size_t row_min = cur[0];
        for (std::size_t j = 1; j <= m; ++j) {
            const std::size_t cost = at(a, i - 1) == at(b, j - 1) ? 0 : 1;
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
            if (i > 1 && j > 1 && at(a, i - 1) == at(b, j - 2) && at(a, i - 2) == at(b, j - 1)) {
                cur[j] = std::min(cur[j], before[j - 2] + 1);
            }
            row_min = std::min(row_min, cur[j]);
        }
        if (row_min > limit) return limit + 1;
        before.swap(prev);
        prev.swap(cur);
    }
    return std::min(prev[m], limit + 1);
}

// A folded word of letters only: a-z or any non-ASCII ("apoptoše"), at least kMinSuggestLetters.
bool correctable_word(std::string_view term) {
    for (const char c : term) {
        if ((c < 'a' || c > 'z') && static_cast<unsigned char>(c) < 0x80) return false;
    }
    return code_points(term).size() >= kMinSuggestLetters;
}

bool correctable_field(Field f) {
    return f == Field::any || f == Field::title || f == Field::caption || f == Field::paper || f == Field::keyword;
}

// Also capitalised: names that are English words (Notch, Slug) resolve in a query only so.
bool lexicon_name(const analysis::Lexicon& lexicon, std::string_view word) {
    auto known = [&](std::string_view w) {
        return lexicon.resolve(w, analysis::Context::query).kind != analysis::Resolution::Kind::none;
    };
    if (known(word)) return true;
    std::string capitalised(word);
    capitalised[0] = analysis::text::upper_ascii(capitalised[0]);
    return capitalised != word && known(capitalised);
}

// The word and phrase nodes a correction may touch: not excluded, no wildcard, in a free-text field.
void collect_words(const QueryNode& node, bool negated, std::vector<const QueryNode*>& out) {
    if (node.kind == QueryNode::Kind::word || node.kind == QueryNode::Kind::phrase) {
        const bool wildcard = node.kind == QueryNode::Kind::word && node.text.ends_with('*');
        if (!negated && !wildcard && correctable_field(node.field)) out.push_back(&node);
        return;
    }
    for (const QueryNode& child : node.children) collect_words(child, negated || node.kind == QueryNode::Kind::not_, out);
}

// The search for one word's replacement: the nearest index word, then the most frequent, then the
// first in byte order (so the answer does not depend on which shard lists a word first).
class Replacement {
  public:
    Replacement(const std::string& word, Xapian::doccount needed, const WordSource& words,
                const analysis::Lexicon& lexicon)
        : word_(code_points(word)),
          text_(word),
          needed_(needed),
          limit_(word_.size() <= 5 ? 1 : 2),
          best_distance_(limit_ + 1),
          words_(words),
          lexicon_(lexicon) {}

    // Looks at the index words starting with `first`.
    void scan(const std::string& first) {
        if (words_.listed) {
            for (const Xapian::Database& shard : *words_.listed) {
                index::for_each_listed_word(shard, first, [&](std::string_view term) { consider(term, 0); });
            }
            return;
        }
        for (auto it = words_.db.allterms_begin(first); it != words_.db.allterms_end(first); ++it) {
            const std::string term = *it;
            consider(term, it.get_termfreq());
        }
    }
    const std::string& best() const { return best_; }

  private:
    // `freq`: the term's frequency when the caller knows it, else 0 (asked only of near words).
    void consider(std::string_view term, Xapian::doccount freq) {
        // Replacements are a-z words, so a term's bytes are its characters.
        if (term.size() + limit_ < word_.size() || term.size() > word_.size() + limit_ || term == text_)
            return;
        if (!index::vocabulary_word(term)) return;
        const std::size_t d = bounded_distance(word_, term, limit_, rows_);
        if (d > limit_ || d > best_distance_) return;
        if (freq == 0) freq = words_.db.get_termfreq(std::string(term));
        if (freq < needed_) return;
        if (d == best_distance_ && (freq < best_freq_ || (freq == best_freq_ && term >= best_))) return;
        if (lexicon_name(lexicon_, term)) return;  // Never "corrected" into a gene name.
        best_ = term;
        best_freq_ = freq;
        best_distance_ = d;
    }

    std::u32string word_;
    const std::string& text_;
    Xapian::doccount needed_;  // figures the replacement must occur in
    std::size_t limit_;        // largest edit distance
    std::string best_;
    Xapian::doccount best_freq_ = 0;
    std::size_t best_distance_;
    const WordSource& words_;
    const analysis::Lexicon& lexicon_;
    DistanceRows rows_;
};

// The most frequent index word near `word` with its first letter, else (a typo in the first letter:
// "nflammation", "unflammation") with any first letter; "" when none qualifies.
std::string best_replacement(const std::string& word, const WordSource& words,
                             const analysis::Lexicon& lexicon) {
    const Xapian::doccount own = words.db.get_termfreq(word);
    const Xapian::doccount needed = own == 0 ? 1 : own * kSuggestFrequencyFactor;
    // No word occurs in more figures than the index holds: a common word ("cell") has no replacement.
    if (needed > words.db.get_doccount()) return "";
    Replacement r(word, needed, words, lexicon);
    r.scan(std::string(1, word[0]));
    // Unprefixed word terms start with a lower-case letter (term prefixes are upper case).
    for (char c = 'a'; r.best().empty() && c <= 'z'; ++c) {
        if (c != word[0]) r.scan(std::string(1, c));
    }
    return r.best();
}

// Byte offset of the 1-based character column `column` in `text`.
std::size_t byte_of_column(std::string_view text, std::size_t column) {
    std::size_t chars = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && ++chars == column) return i;
    }
    return text.size();
}

}  // namespace

std::size_t edit_distance(std::string_view a_utf8, std::string_view b_utf8, std::size_t limit) {
    DistanceRows rows;
    return bounded_distance(code_points(a_utf8), code_points(b_utf8), limit, rows);
}

std::optional<std::string> corrected_query(std::string_view query, const QueryNode& root,
                                           const WordSource& words, const analysis::Lexicon& lexicon) {
    std::vector<const QueryNode*> nodes;
    collect_words(root, false, nodes);
    // Replacements as (byte offset in query, length, new text), applied from the back.
    struct Edit {
        std::size_t at;
        std::size_t length;
        std::string text;
    };
    std::vector<Edit> edits;
    for (const QueryNode* node : nodes) {
        const std::string text = analysis::nfkc(node->text);
        if (text != node->text) continue;  // Offsets below are into the text as written.
        const std::vector<analysis::Token> tokens = analysis::tokenize(text);
        // A word as one token; a phrase word by word ("inflamation pathway").
        if (node->kind == QueryNode::Kind::word && tokens.size() != 1) continue;
        const std::size_t node_at = query.find(node->text, byte_of_column(query, node->column));
        if (node_at == std::string_view::npos) continue;
        for (const analysis::Token& token : tokens) {
            if (token.gene_like || !correctable_word(token.term)) continue;
            if (lexicon_name(lexicon, token.surface)) continue;  // Gene and stop names stay as written.
            std::string replacement = best_replacement(token.term, words, lexicon);
            if (replacement.empty()) continue;
            if (std::isupper(static_cast<unsigned char>(token.surface[0]))) {
                replacement[0] = analysis::text::upper_ascii(replacement[0]);
            }
            edits.push_back({node_at + token.begin, token.end - token.begin, std::move(replacement)});
        }
    }
    if (edits.empty()) return std::nullopt;
    std::sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) { return a.at > b.at; });
    std::string out(query);
    for (const Edit& e : edits) out.replace(e.at, e.length, e.text);
    return out;
}

}  // namespace capsearch::search
