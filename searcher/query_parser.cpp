// Recursive-descent parser for the query language documented in query_parser.hpp; in lenient mode a
// repair pass over the lexemes first reads past syntax slips, keeping a note of each.
#include "searcher/query_parser.hpp"

#include <algorithm>
#include <charconv>
#include <utility>

#include "analyzers/tokenizer.hpp"
#include "analyzers/unicode.hpp"
#include "capsearch/error.hpp"

namespace capsearch::search {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// Length in bytes of a quote character at `s[i]`: '"', '“' or '”'; 0 when there is none.
std::size_t quote_length(std::string_view s, std::size_t i) {
    if (s[i] == '"') return 1;
    if (s.compare(i, 3, "\xE2\x80\x9C") == 0 || s.compare(i, 3, "\xE2\x80\x9D") == 0) return 3;
    return 0;
}

struct Lexeme {
    enum class Kind { word, phrase, field, lparen, rparen, and_, or_, not_, minus, end };
    Kind kind = Kind::end;
    std::string text;          // word / phrase content; for a field, its name as written
    Field field = Field::any;  // for Kind::field
    std::size_t begin = 0;     // byte offsets in the query
    std::size_t end = 0;
};

class Parser {
  public:
    Parser(std::string_view query, bool lenient) : q_(query), lenient_(lenient) {
        lex();
        if (lenient_) repair();
    }

    QueryNode parse() {
        if (lexemes_.front().kind == Lexeme::Kind::end) {
            if (!notes_.empty()) notes_.emplace_back("nothing is left to search for, so every figure matches");
            return QueryNode{};
        }
        QueryNode root = parse_or(Field::any);
        const Lexeme& rest = peek();
        if (rest.kind == Lexeme::Kind::rparen) fail("unmatched ')'", rest.begin);
        if (rest.kind != Lexeme::Kind::end) fail("unexpected text", rest.begin);  // not reachable
        return root;
    }

    // "query read as 'TEXT': what was done; ..." or "" when the query had no slips.
    std::string note() const {
        if (notes_.empty()) return {};
        constexpr std::size_t kLongest = 200;  // Bytes of the rewritten query shown.
        std::string text = rendered();
        if (text.size() > kLongest) {
            std::size_t cut = kLongest;
            while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // UTF-8 boundary
            text = text.substr(0, cut) + "...";
        }
        std::string out = "query read as '" + text + "': ";
        constexpr std::size_t kShown = 3;  // The note stays one readable line.
        for (std::size_t i = 0; i < notes_.size() && i < kShown; ++i) out += (i > 0 ? "; " : "") + notes_[i];
        if (notes_.size() > kShown) out += "; and " + std::to_string(notes_.size() - kShown) + " more";
        return out;
    }

  private:
    std::string_view q_;
    bool lenient_ = false;
    std::vector<std::string> notes_;  // Slips read past (lenient mode).
    std::vector<Lexeme> lexemes_;
    std::size_t pos_ = 0;
    std::size_t depth_ = 0;  // Open parentheses and NOTs around the operand being parsed.

    // Counts one level of nesting for its lifetime; the recursion stops long before the stack does.
    class Nested {
      public:
        Nested(Parser& p, std::size_t byte) : p_(p) {
            if (++p_.depth_ > kMaxQueryDepth) {
                p_.fail("query too deeply nested (more than " + std::to_string(kMaxQueryDepth) + " levels)",
                        byte);
            }
        }
        ~Nested() { --p_.depth_; }
        Nested(const Nested&) = delete;
        Nested& operator=(const Nested&) = delete;

      private:
        Parser& p_;
    };

    std::size_t column(std::size_t byte) const {
        std::size_t col = 1;
        for (std::size_t i = 0; i < byte && i < q_.size(); ++i) {
            if ((static_cast<unsigned char>(q_[i]) & 0xC0) != 0x80) ++col;
        }
        return col;
    }

    [[noreturn]] void fail(const std::string& what, std::size_t byte) const {
        throw QueryError("query error at column " + std::to_string(column(byte)) + ": " + what);
    }

    // A syntax slip: an error in strict mode; in lenient mode the caller reads past it as `how` says.
    void slip(const std::string& what, const std::string& how, std::size_t byte) {
        if (!lenient_) fail(what, byte);
        notes_.push_back(how + " at column " + std::to_string(column(byte)));
    }

    // ---- lexing ----

    void push(Lexeme::Kind kind, std::size_t begin, std::size_t end, std::string text = {},
              Field field = Field::any) {
        lexemes_.push_back(Lexeme{kind, std::move(text), field, begin, end});
    }

    bool ends_run(std::size_t i) const {
        return i >= q_.size() || is_space(q_[i]) || q_[i] == '(' || q_[i] == ')' || quote_length(q_, i) > 0;
    }

    void lex() {
        std::size_t i = 0;
        while (i < q_.size()) {
            char c = q_[i];
            if (is_space(c)) {
                ++i;
            } else if (c == '(') {
                push(Lexeme::Kind::lparen, i, i + 1);
                ++i;
            } else if (c == ')') {
                push(Lexeme::Kind::rparen, i, i + 1);
                ++i;
            } else if (std::size_t ql = quote_length(q_, i); ql > 0) {
                i = lex_phrase(i, ql);
            } else {
                i = lex_run(i);
            }
        }
        push(Lexeme::Kind::end, q_.size(), q_.size());
    }

    std::size_t lex_phrase(std::size_t open, std::size_t open_len) {
        std::size_t j = open + open_len;
        while (j < q_.size() && quote_length(q_, j) == 0) ++j;
        const std::size_t close_len = j < q_.size() ? quote_length(q_, j) : 0;
        std::string text(q_.substr(open + open_len, j - open - open_len));
        if (close_len == 0) {
            bool stuck_to_word = open > 0 && !is_space(q_[open - 1]) && q_[open - 1] != '(';
            if (stuck_to_word) {  // `19" rack`: an inch sign or a typo, not the start of a phrase.
                slip("unclosed quote", "left out the unpaired '\"'", open);
                return open + open_len;
            }
            slip("unclosed quote", "read the unclosed quote to the end of the query", open);
        }
        if (lenient_ && text.find_first_not_of(" \t\n\r\f\v") == std::string::npos) {
            notes_.push_back("left out the empty quotes at column " + std::to_string(column(open)));
        } else {
            push(Lexeme::Kind::phrase, open, j + close_len, std::move(text));
        }
        return j + close_len;
    }

    // A run of characters up to a space, parenthesis or quote: an operator, `-`, a field prefix or a word.
    std::size_t lex_run(std::size_t start) {
        std::size_t end = start;
        while (!ends_run(end)) ++end;
        std::string_view run = q_.substr(start, end - start);

        bool at_term_start = start == 0 || is_space(q_[start - 1]) || q_[start - 1] == '(';
        if (at_term_start && run.front() == '-') {
            if (run.size() == 1 && (end >= q_.size() || is_space(q_[end]) || q_[end] == ')')) {
                slip("'-' needs a word, a \"phrase\" or a (group) right after it", "left out the lone '-'", start);
                return end;
            }
            push(Lexeme::Kind::minus, start, start + 1);
            if (run.size() == 1) return end;  // a phrase or group follows directly
            return lex_word(start + 1, end, false);
        }
        return lex_word(start, end, true);
    }

    // `HER2^2`, `"a b"^3`: Lucene's boosting, which capsearch does not do (never silently a word).
    void refuse_boosting(std::size_t start, std::string_view run) const {
        std::size_t caret = run.rfind('^');
        if (caret == std::string_view::npos || caret + 1 >= run.size()) return;
        std::string_view number = run.substr(caret + 1);
        if (number.find_first_not_of("0123456789.") != std::string_view::npos || number.front() == '.') return;
        bool after_group = caret == 0 && start > 0 && (q_[start - 1] == ')' || q_[start - 1] == '"');
        if (caret == 0 && !after_group) return;
        fail("boosting ('" + std::string(run) + "') is not supported; leave out the '^" + std::string(number) + "'",
             start + caret);
    }

    std::size_t lex_word(std::size_t start, std::size_t end, bool operators) {
        std::string_view run = q_.substr(start, end - start);
        refuse_boosting(start, run);
        if (operators) {
            if (run == "AND") return push(Lexeme::Kind::and_, start, end), end;
            if (run == "OR") return push(Lexeme::Kind::or_, start, end), end;
            if (run == "NOT") return push(Lexeme::Kind::not_, start, end), end;
        }
        if (std::size_t colon = run.find(':'); colon != std::string_view::npos && colon > 0) {
            std::string_view prefix = run.substr(0, colon);
            if (auto field = field_from_name(prefix)) {
                push(Lexeme::Kind::field, start, start + colon + 1, std::string(prefix), *field);
                // The value is taken verbatim: `title:AND` is the word "AND" in titles.
                if (colon + 1 < run.size()) {
                    push(Lexeme::Kind::word, start + colon + 1, end, std::string(run.substr(colon + 1)));
                }
                return end;
            }
            // A field's value starts like a word, a phrase or a group; `author::`, `x:/path` are text.
            auto starts_value = [](char c) {
                return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                       (static_cast<unsigned char>(c) & 0x80) != 0;
            };
            bool value_follows = colon + 1 < run.size() ? starts_value(run[colon + 1])
                                                        : end < q_.size() && (q_[end] == '(' || quote_length(q_, end) > 0);
            if (auto unknown = unknown_field_message(prefix); unknown && value_follows) fail(*unknown, start);
        }
        push(Lexeme::Kind::word, start, end, std::string(run));
        return end;
    }

    // ---- lenient repair (before parsing, so the grammar below stays strict) ----

    static bool ends_operand(Lexeme::Kind k) {
        return k == Lexeme::Kind::word || k == Lexeme::Kind::phrase || k == Lexeme::Kind::rparen;
    }

    // Repeats the passes until none changes anything: leaving out one slip can expose another
    // (`gordian AND NOT`: NOT dangles, then AND does).
    // Parentheses nested past the limit fail first, so that the passes stay few (each can peel one level).
    void repair() {
        std::size_t depth = 0;
        for (const Lexeme& lx : lexemes_) {
            if (lx.kind == Lexeme::Kind::lparen && ++depth > kMaxQueryDepth) {
                fail("query too deeply nested (more than " + std::to_string(kMaxQueryDepth) + " levels)", lx.begin);
            }
            if (lx.kind == Lexeme::Kind::rparen && depth > 0) --depth;
        }
        repair_wildcards();
        while (repair_parens() || repair_fields() || repair_operators()) {
        }
    }

    // A '*' that does not make a prefix wildcard (`***`, `*.*`, `host:*`) is read as a space in its word,
    // and a word of nothing but '*'s (other than the bare `*`, every figure) with it. Before the other passes,
    // so an operator left dangling by it goes too.
    void repair_wildcards() {
        std::vector<Lexeme> out;
        for (Lexeme& lx : lexemes_) {
            if (lx.kind == Lexeme::Kind::word && lx.text.find('*') != std::string::npos && lx.text != "*" &&
                !is_prefix_wildcard(lx.text)) {
                notes_.push_back("read the '*' of '" + lx.text + "' at column " + std::to_string(column(lx.begin)) +
                                 " as a space (a wildcard is one word and a final *, as in apopt*)");
                std::replace(lx.text.begin(), lx.text.end(), '*', ' ');  // p53*mdm2: both words kept.
                const std::size_t first = lx.text.find_first_not_of(' ');
                if (first == std::string::npos) continue;
                lx.text = lx.text.substr(first, lx.text.find_last_not_of(' ') + 1 - first);
            }
            out.push_back(std::move(lx));
        }
        lexemes_ = std::move(out);
    }

    // Leaves out stray ')' and empty '()', closes unclosed '(' at the end. Returns whether it changed any.
    bool repair_parens() {
        std::vector<Lexeme> out;
        std::vector<std::size_t> open;  // Indices in `out` of '(' not yet closed.
        bool changed = false;
        for (Lexeme& lx : lexemes_) {
            if (lx.kind == Lexeme::Kind::lparen) {
                open.push_back(out.size());
            } else if (lx.kind == Lexeme::Kind::rparen) {
                if (open.empty()) {
                    changed = true;
                    notes_.push_back("left out the unmatched ')' at column " + std::to_string(column(lx.begin)));
                    continue;
                }
                if (open.back() + 1 == out.size()) {
                    changed = true;
                    notes_.push_back("left out the empty parentheses at column " +
                                     std::to_string(column(out.back().begin)));
                    out.pop_back();
                    open.pop_back();
                    continue;
                }
                open.pop_back();
            } else if (lx.kind == Lexeme::Kind::end) {
                for (auto it = open.rbegin(); it != open.rend(); ++it) {
                    changed = true;
                    std::string where = std::to_string(column(out[*it].begin));
                    if (*it + 1 == out.size()) {
                        notes_.push_back("left out the '(' at column " + where + " with nothing after it");
                        out.pop_back();
                    } else {
                        notes_.push_back("added the missing ')' for the '(' at column " + where);
                        out.push_back(Lexeme{Lexeme::Kind::rparen, {}, Field::any, q_.size(), q_.size()});
                    }
                }
            }
            out.push_back(std::move(lx));
        }
        lexemes_ = std::move(out);
        return changed;
    }

    // `title:` with nothing attached after it is the word "title".
    bool repair_fields() {
        bool changed = false;
        for (std::size_t i = 0; i + 1 < lexemes_.size(); ++i) {
            Lexeme& lx = lexemes_[i];
            const Lexeme& value = lexemes_[i + 1];
            bool attached = value.begin == lx.end && (value.kind == Lexeme::Kind::word ||
                                                      value.kind == Lexeme::Kind::phrase ||
                                                      value.kind == Lexeme::Kind::lparen);
            if (lx.kind != Lexeme::Kind::field || attached) continue;
            notes_.push_back("read '" + lx.text + ":' as the word '" + lx.text + "' (nothing follows the colon) at column " +
                             std::to_string(column(lx.begin)));
            lx.kind = Lexeme::Kind::word;
            changed = true;
        }
        return changed;
    }

    static bool is_operator(Lexeme::Kind k) {
        return k == Lexeme::Kind::and_ || k == Lexeme::Kind::or_ || k == Lexeme::Kind::not_ ||
               k == Lexeme::Kind::minus;
    }

    void leave_out_operator(const Lexeme& lx, const char* why) {
        std::string name = lx.kind == Lexeme::Kind::minus ? "-" : op_name(lx.kind);
        notes_.push_back("left out the '" + name + "' at column " + std::to_string(column(lx.begin)) + why);
    }

    // Leaves out an operator without a term after it (right to left, so `a NOT NOT NOT` goes in one
    // sweep), then an AND or OR without a term before it (left to right).
    bool repair_operators() {
        using K = Lexeme::Kind;
        std::vector<Lexeme> kept;  // In reverse order.
        bool changed = false;
        for (auto it = lexemes_.rbegin(); it != lexemes_.rend(); ++it) {
            if (is_operator(it->kind) && (kept.empty() || !starts_operand(kept.back().kind))) {
                leave_out_operator(*it, " (no term after it)");
                changed = true;
                continue;
            }
            kept.push_back(std::move(*it));
        }
        std::vector<Lexeme> out;
        for (auto it = kept.rbegin(); it != kept.rend(); ++it) {
            bool binary = it->kind == K::and_ || it->kind == K::or_;
            if (binary && (out.empty() || !ends_operand(out.back().kind))) {
                leave_out_operator(*it, " (no term before it)");
                changed = true;
                continue;
            }
            out.push_back(std::move(*it));
        }
        lexemes_ = std::move(out);
        return changed;
    }

    // The lexemes as query text again, for the note.
    std::string rendered() const {
        std::string out;
        bool glue = true;  // No space before the next lexeme.
        for (const Lexeme& lx : lexemes_) {
            using K = Lexeme::Kind;
            if (lx.kind == K::end) break;
            if (!glue && lx.kind != K::rparen) out += ' ';
            glue = lx.kind == K::lparen || lx.kind == K::minus || lx.kind == K::field;
            switch (lx.kind) {
                case K::word: out += lx.text; break;
                case K::phrase: out += "\"" + lx.text + "\""; break;
                case K::field: out += lx.text + ":"; break;
                case K::lparen: out += "("; break;
                case K::rparen: out += ")"; break;
                case K::minus: out += "-"; break;
                default: out += op_name(lx.kind); break;
            }
        }
        return out;
    }

    // ---- parsing ----

    const Lexeme& peek() const { return lexemes_[pos_]; }
    const Lexeme& next() { return lexemes_[pos_++]; }

    static bool starts_operand(Lexeme::Kind k) {
        using K = Lexeme::Kind;
        return k == K::word || k == K::phrase || k == K::field || k == K::lparen || k == K::not_ ||
               k == K::minus;
    }

    static const char* op_name(Lexeme::Kind k) {
        return k == Lexeme::Kind::and_ ? "AND" : k == Lexeme::Kind::or_ ? "OR" : "NOT";
    }

    void need_operand_after(const Lexeme& op) const {
        if (!starts_operand(peek().kind)) {
            fail(std::string(op_name(op.kind)) + " needs a term after it", op.begin);
        }
    }

    static QueryNode combine(QueryNode::Kind kind, std::vector<QueryNode> items, std::size_t column) {
        if (items.size() == 1) return std::move(items.front());
        QueryNode node;
        node.kind = kind;
        node.children = std::move(items);
        node.column = column;
        return node;
    }

    QueryNode parse_or(Field inherited) {
        std::size_t col = column(peek().begin);
        std::vector<QueryNode> items;
        items.push_back(parse_and(inherited));
        while (peek().kind == Lexeme::Kind::or_) {
            const Lexeme& op = next();
            need_operand_after(op);
            items.push_back(parse_and(inherited));
        }
        return combine(QueryNode::Kind::or_, std::move(items), col);
    }

    QueryNode parse_and(Field inherited) {
        std::size_t col = column(peek().begin);
        std::vector<QueryNode> items;
        items.push_back(parse_unary(inherited));
        for (;;) {
            if (peek().kind == Lexeme::Kind::and_) {
                const Lexeme& op = next();
                need_operand_after(op);
                items.push_back(parse_unary(inherited));
            } else if (starts_operand(peek().kind)) {
                items.push_back(parse_unary(inherited));
            } else {
                break;
            }
        }
        return combine(QueryNode::Kind::and_, std::move(items), col);
    }

    QueryNode parse_unary(Field inherited) {
        const Lexeme& lx = peek();
        if (lx.kind == Lexeme::Kind::not_ || lx.kind == Lexeme::Kind::minus) {
            const Lexeme& op = next();
            if (op.kind == Lexeme::Kind::not_) need_operand_after(op);
            Nested nested(*this, op.begin);
            QueryNode node;
            node.kind = QueryNode::Kind::not_;
            node.column = column(op.begin);
            node.children.push_back(parse_unary(inherited));
            return node;
        }
        return parse_primary(inherited);
    }

    QueryNode parse_primary(Field field) {
        const Lexeme& lx = next();
        switch (lx.kind) {
            case Lexeme::Kind::word:
                return make_word(field, lx);
            case Lexeme::Kind::phrase: {
                if (field == Field::year)
                    fail("year: takes a year or a range like 2010..2015, not a phrase", lx.begin);
                QueryNode node;
                node.kind = QueryNode::Kind::phrase;
                node.field = field;
                node.text = lx.text;
                node.column = column(lx.begin);
                return node;
            }
            case Lexeme::Kind::lparen: {
                if (peek().kind == Lexeme::Kind::rparen) fail("empty parentheses", lx.begin);
                if (peek().kind == Lexeme::Kind::end) fail("unclosed '('", lx.begin);
                Nested nested(*this, lx.begin);
                QueryNode inner = parse_or(field);
                if (peek().kind != Lexeme::Kind::rparen) fail("unclosed '('", lx.begin);
                next();
                return inner;
            }
            case Lexeme::Kind::field: {
                const Lexeme& value = peek();
                bool attached = value.begin == lx.end &&
                                (value.kind == Lexeme::Kind::word || value.kind == Lexeme::Kind::phrase ||
                                 value.kind == Lexeme::Kind::lparen);
                if (!attached) {
                    fail(std::string(field_name(lx.field)) +
                             ": needs a word, a \"phrase\" or a (group) right after the colon",
                         lx.begin);
                }
                return parse_primary(lx.field);
            }
            case Lexeme::Kind::rparen:
                fail("unmatched ')'", lx.begin);
            case Lexeme::Kind::and_:
            case Lexeme::Kind::or_:
                fail(std::string(op_name(lx.kind)) + " needs a term before it", lx.begin);
            case Lexeme::Kind::end:
                fail("the query ends where a term was expected", lx.begin);
            case Lexeme::Kind::not_:
            case Lexeme::Kind::minus:
                break;  // handled by parse_unary
        }
        fail("unexpected operator", lx.begin);
    }

    QueryNode make_word(Field field, const Lexeme& lx) {
        QueryNode node;
        node.kind = QueryNode::Kind::word;
        node.field = field;
        node.text = lx.text;
        node.column = column(lx.begin);
        if (field == Field::year) parse_year(node, lx);
        return node;
    }

    // Accepts 1 to 4 digits.
    static std::optional<int> parse_year_number(std::string_view s) {
        if (s.empty() || s.size() > 4) return std::nullopt;
        int value = 0;
        auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
        if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
        return value;
    }

    void parse_year(QueryNode& node, const Lexeme& lx) const {
        std::string_view text = lx.text;
        auto bad = [&]() {
            fail("year: takes a year or a range like 2010..2015 (either end may be left out), not '" +
                     std::string(text) + "'",
                 lx.begin);
        };
        std::size_t dots = text.find("..");
        if (dots == std::string_view::npos) {
            auto year = parse_year_number(text);
            if (!year) bad();
            node.text = std::to_string(*year);
            return;
        }
        std::string_view from = text.substr(0, dots);
        std::string_view to = text.substr(dots + 2);
        if (from.empty() && to.empty()) bad();
        node.kind = QueryNode::Kind::year_range;
        if (!from.empty()) {
            node.year_from = parse_year_number(from);
            if (!node.year_from) bad();
        }
        if (!to.empty()) {
            node.year_to = parse_year_number(to);
            if (!node.year_to) bad();
        }
        if (node.year_from && node.year_to && *node.year_from > *node.year_to) {
            fail("year range " + std::string(text) + " ends before it starts", lx.begin);
        }
    }
};

}  // namespace

namespace {

void check_size(std::string_view query) {
    if (query.size() > kMaxQueryBytes) {
        throw QueryError("query too long (" + std::to_string(query.size()) + " bytes; at most " +
                         std::to_string(kMaxQueryBytes) + ")");
    }
}

}  // namespace

std::string_view wildcard_stem(std::string_view word) {
    const std::size_t last = word.find_last_not_of('*');
    return last == std::string_view::npos ? std::string_view{} : word.substr(0, last + 1);
}

bool is_prefix_wildcard(std::string_view word) {
    if (word.size() < 2 || word.back() != '*') return false;
    const std::string stem = analysis::nfkc(wildcard_stem(word));
    if (stem.empty() || stem.find('*') != std::string::npos) return false;
    const std::vector<analysis::Token> tokens = analysis::tokenize(stem);
    return tokens.size() == 1 && tokens[0].end == stem.size();
}

QueryNode parse_query(std::string_view query) {
    check_size(query);
    return Parser(query, false).parse();
}

LenientQuery parse_query_lenient(std::string_view query) {
    check_size(query);
    Parser parser(query, true);
    LenientQuery out;
    out.root = parser.parse();
    out.note = parser.note();
    return out;
}

std::string describe(const QueryNode& node) {
    auto prefixed = [&](const std::string& value) {
        return node.field == Field::any ? value : std::string(field_name(node.field)) + ":" + value;
    };
    switch (node.kind) {
        case QueryNode::Kind::all:
            return "ALL";
        case QueryNode::Kind::word:
            return prefixed(node.text);
        case QueryNode::Kind::phrase:
            return prefixed("\"" + node.text + "\"");
        case QueryNode::Kind::year_range:
            return "year:" + (node.year_from ? std::to_string(*node.year_from) : "") + ".." +
                   (node.year_to ? std::to_string(*node.year_to) : "");
        case QueryNode::Kind::and_:
        case QueryNode::Kind::or_:
        case QueryNode::Kind::not_: {
            std::string out = node.kind == QueryNode::Kind::and_  ? "AND("
                              : node.kind == QueryNode::Kind::or_ ? "OR("
                                                                  : "NOT(";
            for (std::size_t i = 0; i < node.children.size(); ++i) {
                if (i > 0) out += ", ";
                out += describe(node.children[i]);
            }
            return out + ")";
        }
    }
    return "?";
}

}  // namespace capsearch::search
