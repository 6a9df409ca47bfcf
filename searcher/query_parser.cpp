// Recursive-descent parser for the query language documented in query_parser.hpp.
#include "searcher/query_parser.hpp"

#include <array>
#include <charconv>
#include <utility>

#include "capsearch/error.hpp"

namespace capsearch::search {
namespace {

constexpr std::array<std::pair<std::string_view, Field>, 9> kFieldNames{{
    {"title", Field::title},
    {"caption", Field::caption},
    {"paper", Field::paper},
    {"keyword", Field::keyword},
    {"gene", Field::gene},
    {"organism", Field::organism},
    {"year", Field::year},
    {"figid", Field::figid},
    {"pmcid", Field::pmcid},
}};

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
    std::string text;          // word / phrase content
    Field field = Field::any;  // for Kind::field
    std::size_t begin = 0;     // byte offsets in the query
    std::size_t end = 0;
};

class Parser {
  public:
    explicit Parser(std::string_view query) : q_(query) { lex(); }

    QueryNode parse() {
        if (lexemes_.front().kind == Lexeme::Kind::end) return QueryNode{};
        QueryNode root = parse_or(Field::any);
        const Lexeme& rest = peek();
        if (rest.kind == Lexeme::Kind::rparen) fail("unmatched ')'", rest.begin);
        if (rest.kind != Lexeme::Kind::end) fail("unexpected text", rest.begin);  // not reachable
        return root;
    }

  private:
    std::string_view q_;
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
        while (j < q_.size()) {
            if (std::size_t ql = quote_length(q_, j); ql > 0) {
                push(Lexeme::Kind::phrase, open, j + ql,
                     std::string(q_.substr(open + open_len, j - open - open_len)));
                return j + ql;
            }
            ++j;
        }
        fail("unclosed quote", open);
    }

    // A run of characters up to a space, parenthesis or quote: an operator, `-`, a field prefix or a word.
    std::size_t lex_run(std::size_t start) {
        std::size_t end = start;
        while (!ends_run(end)) ++end;
        std::string_view run = q_.substr(start, end - start);

        bool at_term_start = start == 0 || is_space(q_[start - 1]) || q_[start - 1] == '(';
        if (at_term_start && run.front() == '-') {
            if (run.size() == 1 && (end >= q_.size() || is_space(q_[end]) || q_[end] == ')')) {
                fail("'-' needs a word, a \"phrase\" or a (group) right after it", start);
            }
            push(Lexeme::Kind::minus, start, start + 1);
            if (run.size() == 1) return end;  // a phrase or group follows directly
            return lex_word(start + 1, end, false);
        }
        return lex_word(start, end, true);
    }

    std::size_t lex_word(std::size_t start, std::size_t end, bool operators) {
        std::string_view run = q_.substr(start, end - start);
        if (operators) {
            if (run == "AND") return push(Lexeme::Kind::and_, start, end), end;
            if (run == "OR") return push(Lexeme::Kind::or_, start, end), end;
            if (run == "NOT") return push(Lexeme::Kind::not_, start, end), end;
        }
        if (std::size_t colon = run.find(':'); colon != std::string_view::npos && colon > 0) {
            if (auto field = field_from_name(run.substr(0, colon))) {
                push(Lexeme::Kind::field, start, start + colon + 1, {}, *field);
                // The value is taken verbatim: `title:AND` is the word "AND" in titles.
                if (colon + 1 < run.size()) {
                    push(Lexeme::Kind::word, start + colon + 1, end, std::string(run.substr(colon + 1)));
                }
                return end;
            }
        }
        push(Lexeme::Kind::word, start, end, std::string(run));
        return end;
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

std::optional<Field> field_from_name(std::string_view name) {
    for (const auto& [n, f] : kFieldNames) {
        if (n.size() != name.size()) continue;
        bool same = true;
        for (std::size_t i = 0; i < n.size() && same; ++i) {
            char c = name[i];
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
            same = c == n[i];
        }
        if (same) return f;
    }
    return std::nullopt;
}

std::string_view field_name(Field field) {
    for (const auto& [n, f] : kFieldNames) {
        if (f == field) return n;
    }
    return "";
}

QueryNode parse_query(std::string_view query) {
    if (query.size() > kMaxQueryBytes) {
        throw QueryError("query too long (" + std::to_string(query.size()) + " bytes; at most " +
                         std::to_string(kMaxQueryBytes) + ")");
    }
    return Parser(query).parse();
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
