// Hit explanations: per-part weights measured with Xapian, and the part's terms found in the figure.
#include "searcher/explain.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <string_view>

#include "schema/terms.hpp"

namespace capsearch::search {
namespace {

// Field names as explanations give them, in the order they are listed.
constexpr Field kTextFields[] = {Field::title,   Field::caption, Field::paper,
                                 Field::keyword, Field::gene,    Field::author};

void add_once(std::vector<std::string>& list, std::string value) {
    if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(std::move(value));
}

// One figure's terms, with lookups for the explanation of each part.
class FigureTerms {
  public:
    FigureTerms(const Xapian::Database& db, Xapian::docid did) {
        for (auto it = db.termlist_begin(did); it != db.termlist_end(did); ++it) terms_.push_back(*it);
    }

    bool has(const std::string& term) const { return std::binary_search(terms_.begin(), terms_.end(), term); }

    /// The figure's terms that start with `prefix` (a wildcard's expansions).
    std::vector<std::string> starting_with(const std::string& prefix) const {
        std::vector<std::string> out;
        for (auto it = std::lower_bound(terms_.begin(), terms_.end(), prefix);
             it != terms_.end() && it->starts_with(prefix); ++it) {
            out.push_back(*it);
        }
        return out;
    }

    /// The figure's own words (unprefixed terms) with this English stem: what a stemmed term matched.
    std::vector<std::string> words_with_stem(const std::string& stem) {
        if (stems_.empty()) {
            for (const std::string& t : terms_) {
                if (terms::starts_unprefixed(t)) stems_.emplace(terms::stem(t), t);
            }
        }
        std::vector<std::string> out;
        for (auto [it, end] = stems_.equal_range(stem); it != end; ++it) out.push_back(it->second);
        return out;
    }

  private:
    std::vector<std::string> terms_;  // Sorted, as a termlist comes.
    std::multimap<std::string, std::string> stems_;
};

// What one part matched in one figure.
struct Match {
    std::vector<std::string> fields;
    std::vector<std::string> matched;
};

// A literal term of `part` (`prefix` + word, or "Z" + prefix + stem) that the figure holds.
void add_literal(FigureTerms& figure, const QueryPart& part, const std::string& term, Match& m) {
    const std::string_view prefix = prefix_of(part.field);
    const bool stemmed = term.starts_with(terms::kStemmed) && !terms::starts_unprefixed(term);
    const std::string word = term.substr((stemmed ? terms::kStemmed.size() : 0) + prefix.size());
    if (stemmed) {
        bool found = false;
        for (const std::string& w : figure.words_with_stem(word)) {
            // A field's part matched only the words of that field.
            if (!prefix.empty() && !figure.has(std::string(prefix) + w)) continue;
            add_once(m.matched, w);
            found = true;
        }
        if (!found) add_once(m.matched, word);
    } else {
        add_once(m.matched, word);
    }
    if (part.field != Field::any) {
        add_once(m.fields, std::string(field_name(part.field)));
        return;
    }
    // An unprefixed word: which fields hold it (every field's words are also indexed unprefixed).
    for (Field f : kTextFields) {
        std::string spelled = stemmed ? std::string(terms::kStemmed) : std::string();
        spelled += prefix_of(f);
        spelled += word;
        if (figure.has(spelled)) add_once(m.fields, std::string(field_name(f)));
    }
    std::string organism(terms::kOrganismText);
    if (figure.has(organism + word)) add_once(m.fields, "organism");
}

Match match_of(FigureTerms& figure, const QueryPart& part) {
    Match m;
    if (!part.wildcard.empty()) {
        for (const std::string& t : figure.starting_with(part.wildcard)) add_literal(figure, part, t, m);
        return m;
    }
    // An unfielded phrase reads its positions from the field terms; its words are the unprefixed ones.
    std::set<std::string> words;
    for (auto it = part.query.get_unique_terms_begin(); it != part.query.get_terms_end(); ++it) {
        const std::string_view prefix =
            part.field == Field::any ? terms::free_text_prefix(*it) : std::string_view();
        words.insert((*it).substr(prefix.size()));
    }
    for (const std::string& term : words) {
        // A phrase's pair terms only say where its words stand; its words say what matched.
        if (term.starts_with(terms::kPhrasePair) || !figure.has(term)) continue;
        if (term.starts_with(terms::kConcept)) {
            // A gene (or family) the figure names under any of its names.
            std::string name = term.substr(terms::kConcept.size());
            if (name.starts_with('@')) name = name.substr(1) + " (family)";
            add_once(m.matched, std::move(name));
            add_once(m.fields, "genes");
        } else {
            add_literal(figure, part, term, m);
        }
    }
    return m;
}

// Each hit's weight under `query` (0 for a hit it does not return).
// `query_length` is the search's: a part scaled to 0 no longer counts in it, and BM25's k2 uses it.
std::vector<double> weights_under(const Xapian::Database& db, const Xapian::Query& query,
                                  Xapian::termcount query_length, const Xapian::Weight& weight,
                                  const Xapian::Query& only_hits, const std::vector<Xapian::docid>& docids) {
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query, only_hits), query_length);
    enquire.set_weighting_scheme(weight);
    const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(docids.size()));
    std::vector<double> out(docids.size(), 0.0);
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        auto at = std::find(docids.begin(), docids.end(), *it);
        if (at != docids.end()) out[static_cast<std::size_t>(at - docids.begin())] = it.get_weight();
    }
    return out;
}

}  // namespace

void explain_hits(const Xapian::Database& db, const std::vector<QueryPart>& parts,
                  const std::function<Xapian::Query(std::size_t)>& weighted_by,
                  Xapian::termcount query_length, const Xapian::Weight& weight, bool length_term,
                  const std::vector<Xapian::docid>& docids, std::vector<Hit>& hits) {
    if (hits.empty()) return;
    std::vector<Xapian::Query> figids;
    for (const Hit& h : hits) figids.emplace_back(std::string(terms::kFigid) + h.figid);
    const Xapian::Query only_hits(Xapian::Query::OP_OR, figids.begin(), figids.end());

    // BM25's k2 adds a weight per document that each part's run includes: measure it alone.
    std::vector<double> extra(hits.size(), 0.0);
    if (length_term)
        extra = weights_under(db, weighted_by(kNoPartWeighted), query_length, weight, only_hits, docids);

    std::vector<FigureTerms> figures;
    for (Xapian::docid did : docids) figures.emplace_back(db, did);
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const std::vector<double> w =
            weights_under(db, weighted_by(i), query_length, weight, only_hits, docids);
        for (std::size_t h = 0; h < hits.size(); ++h) {
            const double part_weight = w[h] - extra[h];
            if (!(part_weight > 1e-12)) continue;  // Not matched here, or only outside its context.
            Match m = match_of(figures[h], parts[i]);
            std::string fields;
            for (const std::string& f : m.fields) fields += (fields.empty() ? "" : ",") + f;
            hits[h].explanation.push_back(
                {parts[i].text, std::move(fields), std::move(m.matched), part_weight});
        }
    }
    for (std::size_t h = 0; h < hits.size(); ++h) {
        if (extra[h] != 0) hits[h].explanation.push_back({"(document length: BM25 k2)", "", {}, extra[h]});
    }
}

}  // namespace capsearch::search
