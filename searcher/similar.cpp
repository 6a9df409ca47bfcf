// Similar figures (see similar.hpp).
#include "searcher/similar.hpp"

#include <algorithm>

#include "schema/terms.hpp"
#include "schema/stored.hpp"
#include "searcher/query_builder.hpp"

namespace capsearch::search {
namespace {

// Expansion terms are the unprefixed words (prefixes are upper case): not the figure's id, year,
// organism or field-prefixed copies of the same words; and words with a letter, not the page numbers
// and years of a citation.
class WordsOnly : public Xapian::ExpandDecider {
  public:
    bool operator()(const std::string& term) const override {
        if (term.empty() || (term[0] >= 'A' && term[0] <= 'Z')) return false;
        return std::any_of(term.begin(), term.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80;
        });
    }
};

constexpr Xapian::termcount kExpandTerms = 20;

std::vector<Hit> text_neighbours(const EnrichSources& src, const SimilarRequest& request, Xapian::docid did,
                                 std::vector<std::string>& used_terms) {
    Xapian::Enquire enquire(src.db);
    Xapian::RSet rset;
    rset.add_document(did);
    enquire.set_query(Xapian::Query::MatchAll);
    const WordsOnly decider;
    const Xapian::ESet eset = enquire.get_eset(kExpandTerms, rset, &decider);
    std::vector<Xapian::Query> words;
    for (auto it = eset.begin(); it != eset.end(); ++it) {
        used_terms.push_back(*it);
        words.emplace_back(*it);
    }
    if (words.empty()) return {};
    Xapian::Query query(Xapian::Query::OP_OR, words.begin(), words.end());
    query = Xapian::Query(Xapian::Query::OP_AND_NOT, query, Xapian::Query(terms::figid_term(request.figid)));
    query = with_filters(src.db, query, request.year_from, request.year_to, request.organisms);
    enquire.set_query(query);
    const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(request.limit));
    std::vector<Hit> out;
    std::size_t rank = 0;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        index::StoredFields stored = index::decode_stored(it.get_document().get_data());
        Hit hit;
        hit.rank = ++rank;
        hit.score = it.get_weight();
        index::move_into_hit(stored, hit);
        out.push_back(std::move(hit));
    }
    return out;
}

}  // namespace

Xapian::docid find_figure(const Xapian::Database& db, const std::string& figid) {
    const std::string term = terms::figid_term(figid);
    auto it = db.postlist_begin(term);
    return it == db.postlist_end(term) ? 0 : *it;
}

SimilarResult run_similar(const EnrichSources& src, const SimilarRequest& request, Xapian::docid did) {
    SimilarResult result;
    EnrichHit self;
    fill_figure(src.db, did, self);
    result.figid = self.figid;
    result.title = self.title;
    if (request.by_genes) {
        EnrichRequest er;
        er.year_from = request.year_from;
        er.year_to = request.year_to;
        er.organisms = request.organisms;
        er.limit = request.limit;
        std::vector<std::string> symbols;
        for (std::uint32_t i = src.genes.offsets[did]; i < src.genes.offsets[did + 1]; ++i)
            symbols.push_back(src.genes.symbols[src.genes.genes[i]]);
        std::sort(symbols.begin(), symbols.end());
        EnrichResult genes;
        genes.input.names = symbols;
        for (const std::string& s : symbols) genes.input.resolved[s] = {s};
        run_enrichment(src, er, symbols, did, genes);
        result.genes = std::move(genes);
    }
    if (request.by_text) result.text = text_neighbours(src, request, did, result.text_terms);
    return result;
}

}  // namespace capsearch::search
