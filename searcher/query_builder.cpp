// Query tree -> Xapian::Query, mirroring the indexer's term scheme, with gene-name expansion.
#include "searcher/query_builder.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <initializer_list>
#include <utility>

#include "analyzers/tokenizer.hpp"
#include "analyzers/unicode.hpp"
#include "capsearch/error.hpp"
#include "schema/fields.hpp"
#include "schema/terms.hpp"
#include "searcher/facet_filter.hpp"
#include "searcher/organisms.hpp"
#include "searcher/query_fields.hpp"

namespace capsearch::search {
namespace {

using analysis::Token;
using Q = Xapian::Query;

// Never the shared static Query::MatchAll: its reference count is not thread-safe. Scaled to weight 0
// so "everything" (an empty or purely negative query) ranks nothing above anything else.
Q match_all() { return Q(Q::OP_SCALE_WEIGHT, Q(std::string()), 0.0); }

Q boolean(const Q& q) { return Q(Q::OP_SCALE_WEIGHT, q, 0.0); }

Q combine(Q::op op, const std::vector<Q>& items) {
    if (items.size() == 1) return items.front();
    return Q(op, items.begin(), items.end());
}

}  // namespace

// The term prefix of a text field, from the schema's field table; "" for the default (any) field.
std::string_view prefix_of(Field field) {
    const schema::Field* row = field == Field::any ? nullptr : schema::find_field(field_name(field));
    return row && row->kind == schema::FieldKind::text ? row->prefix : std::string_view();
}

namespace {

// The field whose terms start with `prefix` (prefix_of's inverse over the text fields).
Field field_of(std::string_view prefix) {
    for (Field f : {Field::title, Field::caption, Field::paper, Field::keyword, Field::gene, Field::author}) {
        if (prefix_of(f) == prefix) return f;
    }
    return Field::any;
}

std::string concept_query_term(std::string_view symbol) {
    std::string out(terms::kConcept);
    out += terms::concept_term(symbol);
    return out;
}

std::string collapse_spaces(std::string_view s) {
    std::string out;
    bool space = false;
    for (char c : s) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = !out.empty();
        } else {
            if (space) out += ' ';
            space = false;
            out += c;
        }
    }
    return out;
}

// A query unit over consecutive tokens [first, last]: one token or one recognised gene name.
struct Unit {
    std::size_t first = 0;
    std::size_t last = 0;
    Q query;
};

class Builder {
  public:
    Builder(const analysis::Lexicon& lexicon, bool synonyms, const QueryTarget& target,
            std::optional<std::size_t> weighted_part)
        : lexicon_(lexicon),
          synonyms_(synonyms),
          db_(target.db),
          pairs_(target.phrase_pairs),
          weighted_part_(weighted_part) {}

    HighlightSpec& highlights() { return highlights_; }
    std::vector<QueryPart>& parts() { return parts_; }

    std::optional<Q> build(const QueryNode& node, bool negated) {
        switch (node.kind) {
            case QueryNode::Kind::all:
                return match_all();
            case QueryNode::Kind::word:
                if (node.text == "*" && node.field == Field::any) return match_all();
                if (wildcard_word(node)) return build_wildcard(node, negated);
                if (node.field == Field::any) return build_word_run({&node}, negated);
                return build_field_value(node, negated);
            case QueryNode::Kind::phrase:
                return build_field_value(node, negated);
            case QueryNode::Kind::year_range:
                return year_filter(node.year_from, node.year_to);
            case QueryNode::Kind::and_:
                return build_and(node, negated);
            case QueryNode::Kind::or_: {
                std::vector<Q> items;
                for (const QueryNode& child : node.children) {
                    if (auto q = build(child, negated)) items.push_back(*q);
                }
                if (items.empty()) return std::nullopt;
                return combine(Q::OP_OR, items);
            }
            case QueryNode::Kind::not_: {
                auto excluded = build(node.children.front(), !negated);
                if (!excluded) return std::nullopt;
                return Q(Q::OP_AND_NOT, match_all(), *excluded);
            }
        }
        return std::nullopt;
    }

  private:
    const analysis::Lexicon& lexicon_;
    bool synonyms_;
    const Xapian::Database* db_;
    bool pairs_;
    std::optional<std::size_t> weighted_part_;
    HighlightSpec highlights_;
    std::vector<QueryPart> parts_;
    int inside_part_ = 0;  ///< > 0 while building the inside of a part (its pieces are no parts).

    // Registers `q` as a weighted query part (unless it is excluded or inside another part) and, when
    // only another part is to be weighted, scales it to weight 0.
    Q part(Q q, std::string text, Field field, bool negated, std::string wildcard = {}) {
        if (negated || inside_part_ > 0) return q;
        const std::size_t index = parts_.size();
        parts_.push_back({std::move(text), field, q, std::move(wildcard)});
        if (weighted_part_ && *weighted_part_ != index) return boolean(q);
        return q;
    }

    // While alive, parts built are pieces of an enclosing part (a gene name's literal spelling).
    class InsidePart {
      public:
        explicit InsidePart(Builder& b) : b_(b) { ++b_.inside_part_; }
        ~InsidePart() { --b_.inside_part_; }
        InsidePart(const InsidePart&) = delete;
        InsidePart& operator=(const InsidePart&) = delete;

      private:
        Builder& b_;
    };

    static std::string field_text(Field field, std::string_view text) {
        std::string out(field_name(field));
        if (!out.empty()) out += ':';
        out += text;
        return out;
    }

    static bool plain_word(const QueryNode& n) {
        return n.kind == QueryNode::Kind::word && n.field == Field::any && !n.text.ends_with('*');
    }

    // ---- prefix wildcards ----

    static bool wildcard_word(const QueryNode& n) {
        const bool text_field = n.field == Field::any || n.field == Field::title || n.field == Field::caption ||
                                n.field == Field::paper || n.field == Field::keyword;
        return text_field && n.text.size() > 1 && n.text.back() == '*';
    }

    // `apopt*`: every index word starting so, as one BM25 term; Xapian throws WildcardError (made a
    // QueryError by the searcher) when more than kMaxWildcardTerms words match.
    Q build_wildcard(const QueryNode& node, bool negated) {
        if (!is_prefix_wildcard(node.text)) {
            throw QueryError("query error at column " + std::to_string(node.column) + ": a wildcard is one word and " +
                             "a final *, as in apopt* ('" + node.text + "')");
        }
        const std::vector<Token> tokens = analysis::tokenize(analysis::nfkc(wildcard_stem(node.text)));
        std::string pattern = std::string(prefix_of(node.field)) + tokens[0].term;
        Q q(Q::OP_WILDCARD, pattern, kMaxWildcardTerms, Q::WILDCARD_LIMIT_ERROR, Q::OP_SYNONYM);
        return part(q, field_text(node.field, node.text), node.field, negated, std::move(pattern));
    }

    std::optional<Q> build_and(const QueryNode& node, bool negated) {
        std::vector<Q> positives;
        std::vector<Q> negatives;
        const auto& kids = node.children;
        for (std::size_t i = 0; i < kids.size();) {
            if (plain_word(kids[i])) {
                // Consecutive words are analysed together so names spanning words are recognised.
                std::vector<const QueryNode*> run;
                while (i < kids.size() && plain_word(kids[i])) run.push_back(&kids[i++]);
                if (auto q = build_word_run(run, negated)) positives.push_back(*q);
                continue;
            }
            if (kids[i].kind == QueryNode::Kind::not_) {
                if (auto q = build(kids[i].children.front(), !negated)) negatives.push_back(*q);
            } else if (auto q = build(kids[i], negated)) {
                positives.push_back(*q);
            }
            ++i;
        }
        if (positives.empty() && negatives.empty()) return std::nullopt;
        Q pos = positives.empty() ? match_all() : combine(Q::OP_AND, positives);
        if (negatives.empty()) return pos;
        return Q(Q::OP_AND_NOT, pos, combine(Q::OP_OR, negatives));
    }

    // ---- literal terms ----

    Q token_query(const Token& token, std::string_view prefix, bool negated) {
        if (!negated) {
            highlights_.terms.push_back(terms::query_term(token, ""));
            highlights_.terms.push_back(token.term);
            highlights_.terms.push_back(token.joined);
        }
        std::string main = terms::query_term(token, prefix);
        const Field field = field_of(prefix);
        if (token.gene_like) return part(Q(main), field_text(field, token.surface), field, negated);
        // The same word in capitals is gene-like in the text, hence indexed unstemmed only.
        std::string exact(prefix);
        exact += token.term;
        std::array<Q, 2> both{Q(main), Q(exact)};
        return part(Q(Q::OP_SYNONYM, both.begin(), both.end()), field_text(field, token.surface), field, negated);
    }

    // Units are ANDed, except that a unit starting with a slash-list item is an alternative to the
    // unit before it ("ERK1/2" = ERK1 OR ERK2).
    static Q join_units(const std::vector<Token>& tokens, const std::vector<Unit>& units) {
        std::vector<Q> groups;
        std::vector<Q> alternatives;
        for (const Unit& u : units) {
            if (!alternatives.empty() && tokens[u.first].sep_before != '/') {
                groups.push_back(combine(Q::OP_OR, alternatives));
                alternatives.clear();
            }
            alternatives.push_back(u.query);
        }
        if (!alternatives.empty()) groups.push_back(combine(Q::OP_OR, alternatives));
        return combine(Q::OP_AND, groups);
    }

    // "IL 6": a word of letters followed by a bare number. The indexer keeps "IL6" whole (splitting
    // it would put a standalone "atp" in every "ATP8A2"), so the query also tries the joined spelling.
    static bool letters_then_number(const std::string& a, const std::string& b) {
        const auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
        return !a.empty() && !b.empty() && std::none_of(a.begin(), a.end(), is_digit) &&
               std::all_of(b.begin(), b.end(), is_digit);
    }
    static bool letters_then_number(const Token& a, const Token& b) {
        return a.parts.empty() && b.parts.empty() && b.sep_before == ' ' && !a.synthetic && !b.synthetic &&
               letters_then_number(a.joined, b.joined);
    }
    // "IL-6" in a phrase: also "IL6" written as one word.
    static bool letters_dash_number(const Token& t) {
        return t.parts.size() == 2 && letters_then_number(t.parts[0].term, t.parts[1].term);
    }

    Q literal(const std::vector<Token>& tokens, std::size_t first, std::size_t last, std::string_view prefix,
              bool negated) {
        std::vector<Unit> units;
        for (std::size_t i = first; i <= last; ++i) {
            if (i < last && letters_then_number(tokens[i], tokens[i + 1])) {
                Q apart(Q::OP_AND, token_query(tokens[i], prefix, negated),
                        token_query(tokens[i + 1], prefix, negated));
                Q joined = part(Q(std::string(prefix) + tokens[i].joined + tokens[i + 1].joined),
                                field_text(field_of(prefix), tokens[i].surface + tokens[i + 1].surface),
                                field_of(prefix), negated);
                if (!negated) highlights_.terms.push_back(tokens[i].joined + tokens[i + 1].joined);
                units.push_back({i, i + 1, Q(Q::OP_OR, apart, joined)});
                ++i;
                continue;
            }
            units.push_back({i, i, token_query(tokens[i], prefix, negated)});
        }
        return join_units(tokens, units);
    }

    // The literal side of one recognised name over tokens [first, last]. A name of several words is
    // searched as a phrase: its slash is part of the name ("C/EBPα", "HER-2/neu", "SAPK/JNK"), not a
    // list, and ORing its words would match every figure with a "C". Real slash lists never reach
    // here as one name: "ERK1/2" and "Smad2/3" are recognised item by item (the items after the first
    // are synthetic tokens, which names do not span).
    Q name_literal(const std::vector<Token>& tokens, std::size_t first, std::size_t last,
                   std::string_view prefix, bool negated) {
        if (first == last || !one_name_of_words(tokens, first, last))
            return literal(tokens, first, last, prefix, negated);
        const auto begin = tokens.begin() + static_cast<std::ptrdiff_t>(first);
        const std::vector<Token> words(begin, tokens.begin() + static_cast<std::ptrdiff_t>(last) + 1);
        return phrase_query(words, prefix, negated);
    }

    static bool one_name_of_words(const std::vector<Token>& tokens, std::size_t first, std::size_t last) {
        for (std::size_t i = first + 1; i <= last; ++i) {
            if (tokens[i].synthetic) return false;
        }
        return true;
    }

    // The pair terms of `sequence`'s adjacent words (terms::phrase_pair), where the index holds them:
    // every document with the phrase holds them all. Inside a part's OP_SYNONYM none: the phrase's
    // own wdf counts there, and a boolean AND beside it would count too.
    std::vector<Q> pairs_of(const std::vector<std::string>& sequence) const {
        std::vector<Q> out;
        if (!pairs_ || inside_part_ > 0) return out;
        for (std::size_t i = 0; i + 1 < sequence.size(); ++i) {
            std::string pair = terms::phrase_pair(sequence[i], sequence[i + 1]);
            if (!pair.empty()) out.emplace_back(std::move(pair));
        }
        return out;
    }

    Q phrase_of(const std::vector<std::string>& sequence, std::string_view prefix) {
        std::vector<Q> items;
        for (const std::string& term : sequence) items.emplace_back(std::string(prefix) + term);
        if (items.size() == 1) return items.front();
        std::vector<Q> pairs = pairs_of(sequence);
        if (!prefix.empty()) {
            Q phrase(Q::OP_PHRASE, items.begin(), items.end());
            if (pairs.empty()) return phrase;
            return Q(Q::OP_FILTER, phrase, Q(Q::OP_AND, pairs.begin(), pairs.end()));
        }
        // Two words in any field: adjacent positions are in one field, so the one pair term is the
        // phrase's exact match set, read from one posting list instead of two words' positions.
        const Q weighted(Q::OP_AND, items.begin(), items.end());
        if (sequence.size() == 2 && pairs.size() == 1) return Q(Q::OP_FILTER, weighted, pairs.front());
        // Unfielded: the unprefixed terms have no positions (terms::kFreeTextPrefixes), so the phrase
        // reads them from the OR of the field terms; matching is as before. The weight stays the
        // unprefixed terms': as the AND a phrase weighs like, or, inside a gene name's OP_SYNONYM, as
        // the phrase, whose wdf (the least of its words') the OR of the fields' wdfs gives exactly.
        std::vector<Q> positional;
        for (const std::string& term : sequence) {
            std::vector<Q> fields;
            for (std::string_view field : terms::kFreeTextPrefixes)
                fields.emplace_back(std::string(field) + term);
            positional.emplace_back(Q::OP_OR, fields.begin(), fields.end());
        }
        Q phrase(Q::OP_PHRASE, positional.begin(), positional.end());
        if (inside_part_ > 0) return phrase;
        // Xapian checks a phrase's positions last, once every other part of the AND agrees: only in
        // documents holding all the pairs.
        if (!pairs.empty()) {
            pairs.push_back(phrase);
            return Q(Q::OP_FILTER, weighted, Q(Q::OP_AND, pairs.begin(), pairs.end()));
        }
        return Q(Q::OP_FILTER, weighted, phrase);
    }

    Q phrase_query(const std::vector<Token>& tokens, std::string_view prefix, bool negated) {
        std::vector<std::string> sequence;
        std::vector<std::string> merged;  // "IL 6" written as "IL6", as in literal().
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            for (std::string& term : analysis::positional_terms(tokens[i])) sequence.push_back(term);
            if (i + 1 < tokens.size() && letters_then_number(tokens[i], tokens[i + 1])) {
                merged.push_back(tokens[i].joined + tokens[i + 1].joined);
                for (std::string& term : analysis::positional_terms(tokens[i + 1])) sequence.push_back(term);
                ++i;
                continue;
            }
            if (letters_dash_number(tokens[i])) {
                merged.push_back(tokens[i].joined);
                continue;
            }
            for (std::string& term : analysis::positional_terms(tokens[i])) merged.push_back(std::move(term));
        }
        Q q = phrase_of(sequence, prefix);
        if (merged != sequence) q = Q(Q::OP_OR, q, phrase_of(merged, prefix));
        if (!negated) {
            if (merged != sequence) highlights_.phrases.push_back(merged);
            highlights_.phrases.push_back(std::move(sequence));
        }
        std::string written;
        for (const Token& t : tokens) written += (written.empty() ? "" : " ") + t.surface;
        return part(q, field_text(field_of(prefix), "\"" + written + "\""), field_of(prefix), negated);
    }

    // A name that expands: its genes' concept terms, and for a family also the family terms that
    // record text naming it, or a narrower family, is indexed as (a member's name is not among them).
    Q with_concepts(const Q& literal_query, const analysis::Resolution& r, Field field,
                    std::initializer_list<std::string_view> names, bool negated) {
        std::vector<std::string> families;
        if (r.kind == analysis::Resolution::Kind::family) {
            for (const std::string& f : lexicon_.families_covered(r.concept_name))
                families.push_back(terms::family_concept(f));
        }
        return with_concepts(literal_query, r.symbols, families, field, names, negated);
    }

    // `names`: how the query wrote the gene (the part's text) and the concept's own name, for snippet
    // highlighting.
    Q with_concepts(const Q& literal_query, const std::vector<std::string>& symbols,
                    const std::vector<std::string>& families, Field field,
                    std::initializer_list<std::string_view> names, bool negated) {
        std::vector<Q> items{literal_query};
        for (const std::string& s : symbols) {
            items.emplace_back(concept_query_term(s));
            if (!negated) {
                highlights_.concepts.push_back(terms::concept_term(s));
                highlights_.concept_keys.push_back(analysis::Lexicon::key(s));
            }
        }
        for (const std::string& f : families) {
            items.emplace_back(concept_query_term(f));
            if (!negated) highlights_.concepts.push_back(terms::concept_term(f));
        }
        if (!negated) {
            for (std::string_view n : names) highlights_.concept_keys.push_back(analysis::Lexicon::key(n));
        }
        return part(Q(Q::OP_SYNONYM, items.begin(), items.end()), field_text(field, *names.begin()), field, negated);
    }

    // ---- words, phrases and fields ----

    std::optional<Q> build_word_run(const std::vector<const QueryNode*>& words, bool negated) {
        std::string text;
        for (const QueryNode* w : words) {
            if (!text.empty()) text += ' ';
            text += analysis::nfkc(w->text);
        }
        std::vector<Token> tokens = analysis::tokenize(text);
        if (tokens.empty()) return std::nullopt;

        std::vector<analysis::GeneMention> mentions;
        if (synonyms_) mentions = lexicon_.recognize(tokens, analysis::Context::query);
        std::sort(mentions.begin(), mentions.end(),
                  [](const auto& a, const auto& b) { return a.first_token < b.first_token; });

        std::vector<Unit> units;
        std::size_t m = 0;
        for (std::size_t i = 0; i < tokens.size();) {
            while (m < mentions.size() && mentions[m].first_token < i) ++m;
            if (m < mentions.size() && mentions[m].first_token == i) {
                const analysis::GeneMention& mention = mentions[m];
                Q lit;
                {
                    InsidePart inside(*this);
                    lit = name_literal(tokens, mention.first_token, mention.last_token, "", negated);
                }
                std::string_view written(text.data() + mention.begin, mention.end - mention.begin);
                units.push_back({mention.first_token, mention.last_token,
                                 with_concepts(lit, mention.resolution, Field::any,
                                               {written, mention.resolution.concept_name}, negated)});
                i = mention.last_token + 1;
            } else {
                units.push_back({i, i, token_query(tokens[i], "", negated)});
                ++i;
            }
        }
        return join_units(tokens, units);
    }

    std::optional<Q> build_field_value(const QueryNode& node, bool negated) {
        bool phrase = node.kind == QueryNode::Kind::phrase;
        switch (node.field) {
            case Field::organism:
                return boolean(db_ ? organism_query(*db_, {node.text}, false) : Q::MatchNothing);
            case Field::year:
                return boolean(Q(std::string(terms::kYear) + node.text));
            case Field::figid:
                return boolean(Q(terms::figid_term(node.text)));
            case Field::pmcid:
                return boolean(Q(pmcid_term(node.text)));
            case Field::gene:
                return build_gene(node, negated);
            default:
                break;
        }
        // A filter field of the schema (journal:, disease:, chemical:): its exact value, case ignored.
        if (const schema::Field* row = schema::find_field(field_name(node.field));
            row && row->kind == schema::FieldKind::filter) {
            return boolean(Q(std::string(row->prefix) + terms::filter_key(node.text)));
        }
        std::string text = analysis::nfkc(node.text);
        std::vector<Token> tokens = analysis::tokenize(text);
        if (tokens.empty()) return std::nullopt;
        std::string_view prefix = prefix_of(node.field);
        if (!phrase) return literal(tokens, 0, tokens.size() - 1, prefix, negated);
        if (synonyms_ && node.field == Field::any) {
            // A phrase that is exactly one gene name ("p38 MAPK", "NF kappa B") matches the gene.
            auto mentions = lexicon_.recognize(tokens, analysis::Context::query);
            if (mentions.size() == 1 && mentions[0].first_token == 0 &&
                mentions[0].last_token + 1 == tokens.size()) {
                Q q;
                {
                    InsidePart inside(*this);
                    q = phrase_query(tokens, prefix, negated);
                }
                const std::string quoted = "\"" + text + "\"";
                return with_concepts(q, mentions[0].resolution, Field::any,
                                     {quoted, mentions[0].resolution.concept_name}, negated);
            }
        }
        return phrase_query(tokens, prefix, negated);
    }

    std::optional<Q> build_gene(const QueryNode& node, bool negated) {
        std::string text = analysis::nfkc(node.text);
        std::vector<Token> tokens = analysis::tokenize(text);
        if (tokens.empty()) return std::nullopt;
        analysis::Resolution r;
        if (synonyms_) r = lexicon_.resolve(collapse_spaces(text), analysis::Context::query);
        const std::size_t last = tokens.size() - 1;
        Q lit;
        {
            InsidePart inside(*this);
            lit = node.kind == QueryNode::Kind::phrase ? phrase_query(tokens, terms::kGeneText, negated)
                  : r.expands()                        ? name_literal(tokens, 0, last, terms::kGeneText, negated)
                                                       : literal(tokens, 0, last, terms::kGeneText, negated);
        }
        if (r.expands()) return with_concepts(lit, r, Field::gene, {text, r.concept_name}, negated);
        // Not a name that expands (or expansion is off): the gene whose official symbol is NAME.
        const std::string name = collapse_spaces(text);
        return with_concepts(lit, {name}, {}, Field::gene, {name}, negated);
    }

    // A bare number is a PMC number ("3808214" = "PMC3808214").
    static std::string pmcid_term(std::string_view value) {
        const bool digits =
            !value.empty() && std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
        return terms::pmcid_term(digits ? "PMC" + std::string(value) : std::string(value));
    }
};

}  // namespace

BuiltQuery build_query(const QueryNode& root, const analysis::Lexicon& lexicon, bool synonyms,
                       const QueryTarget& target, std::optional<std::size_t> weighted_part) {
    Builder builder(lexicon, synonyms, target, weighted_part);
    std::optional<Q> q = builder.build(root, false);
    BuiltQuery out;
    out.query = q ? *q : Q::MatchNothing;
    out.highlights = std::move(builder.highlights());
    out.highlights.finish();
    out.parts = std::move(builder.parts());
    return out;
}

Xapian::Query year_filter(std::optional<int> from, std::optional<int> to) {
    const unsigned slot = terms::kSlotYearSortable;
    if (from && to) {
        return Q(Q::OP_VALUE_RANGE, slot, Xapian::sortable_serialise(*from), Xapian::sortable_serialise(*to));
    }
    if (from) return Q(Q::OP_VALUE_GE, slot, Xapian::sortable_serialise(*from));
    if (to) return Q(Q::OP_VALUE_LE, slot, Xapian::sortable_serialise(*to));
    return match_all();
}

std::vector<std::string> organism_keys(const Xapian::Database& db, const std::vector<std::string>& names,
                                       bool strict) {
    if (names.empty()) return {};  // without listing the index's organisms
    const std::vector<std::string> known = index_organisms(db);
    std::vector<std::string> keys;
    for (const std::string& n : names) {
        const std::vector<std::string> found = resolve_organism(n, known);
        if (found.empty() && strict) {
            std::string closest;
            for (const std::string& c : closest_organisms(n, known, 3)) closest += (closest.empty() ? "" : ", ") + c;
            throw Error(ErrorCode::invalid_argument,
                        "no figure of organism '" + n + "' in the index" +
                            (closest.empty() ? std::string() : "; the closest known organisms: " + closest));
        }
        keys.insert(keys.end(), found.begin(), found.end());
    }
    return keys;
}

Xapian::Query organism_query(const Xapian::Database& db, const std::vector<std::string>& names, bool strict) {
    std::vector<Q> items;
    for (const std::string& o : organism_keys(db, names, strict)) items.emplace_back(terms::organism_term(o));
    return items.empty() ? Q::MatchNothing : combine(Q::OP_OR, items);
}

Xapian::Query organism_filter(const Xapian::Database& db, const std::vector<std::string>& names) {
    if (names.empty()) return match_all();
    return boolean(organism_query(db, names, true));
}

Xapian::Query with_filters(const Xapian::Database& db, Xapian::Query query, std::optional<int> year_from,
                           std::optional<int> year_to, const std::vector<std::string>& organisms,
                           const std::vector<std::shared_ptr<const FacetTable>>& codes) {
    if (!codes.empty() && (year_from || year_to || !organisms.empty())) {
        // Resolved as for the index's filter (the same error for an unknown organism).
        return Xapian::Query(
            Xapian::Query::OP_FILTER, query,
            facet_code_filter(codes, year_from, year_to, organism_keys(db, organisms, true)));
    }
    std::vector<Xapian::Query> filters;
    if (year_from || year_to) filters.push_back(year_filter(year_from, year_to));
    if (!organisms.empty()) filters.push_back(organism_filter(db, organisms));
    if (filters.empty()) return query;
    return Xapian::Query(Xapian::Query::OP_FILTER, query,
                         Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end()));
}

Xapian::Query with_filters(const Xapian::Database& db, Xapian::Query query, std::optional<int> year_from,
                           std::optional<int> year_to, const std::vector<std::string>& organisms,
                           std::shared_ptr<const FacetTable> codes) {
    std::vector<std::shared_ptr<const FacetTable>> tables;
    if (codes) tables.push_back(std::move(codes));
    return with_filters(db, std::move(query), year_from, year_to, organisms, tables);
}

}  // namespace capsearch::search
