// Enrichment over the gene table (see enrich.hpp): count overlaps with a bitmap of the query genes,
// test each figure, adjust with Benjamini-Hochberg, order, page, and read only the shown figures.
#include "searcher/enrich.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "capsearch/error.hpp"
#include "schema/fields.hpp"
#include "schema/stored.hpp"
#include "schema/terms.hpp"
#include "searcher/enrich_input.hpp"
#include "searcher/enrich_stats.hpp"
#include "searcher/facet_filter.hpp"
#include "searcher/facets.hpp"
#include "searcher/match_walk.hpp"
#include "searcher/query_builder.hpp"
#include "searcher/query_parser.hpp"

namespace capsearch::search {
namespace {

struct Tested {
    Xapian::docid did;
    std::uint32_t k;
    std::uint32_t K;
    PValue p;
};

// Every facet's counts over `docs`, from the facet table or, without one, the documents' values.
Facets count_facets(const EnrichSources& src, const std::vector<Xapian::docid>& docs) {
    const auto fields = schema::facet_fields();
    std::vector<std::map<std::string, std::size_t>> combined(fields.size());
    for (const Xapian::docid did : docs) {
        const Xapian::Document doc = src.facets.empty() ? src.db.get_document(did) : Xapian::Document();
        for (std::size_t i = 0; i < fields.size(); ++i) {
            std::string value = !src.facets.empty()
                                    ? src.facets.value(did, i)
                                    : doc.get_value(static_cast<Xapian::valueno>(fields[i]->slot));
            if (!value.empty()) ++combined[i][std::move(value)];
        }
    }
    Facets f;
    for (std::size_t i = 0; i < fields.size(); ++i) f.fields.emplace_back(fields[i]->name, split_facet_counts(combined[i]));
    return f;
}

}  // namespace

std::optional<std::vector<Xapian::docid>> select_documents(const Xapian::Database& db,
                                                           const analysis::Lexicon& lexicon,
                                                           const Selection& s, bool phrase_pairs,
                                                           bool walkable, const ShardFacetTables& codes) {
    const bool has_query = s.query.find_first_not_of(" \t\r\n") != std::string::npos;
    if (!has_query && !s.year_from && !s.year_to && s.organisms.empty()) return std::nullopt;
    const Xapian::Query text =
        build_query(parse_query(s.query), lexicon, s.synonyms, {&db, phrase_pairs}).query;
    std::vector<Xapian::docid> out;
    // Nothing is ranked here, so the walk pays for any query it can plan (an AND too), unlike a search.
    // The facet codes answer the filters for each walked figure, a year range included.
    // (A walkable database is one local shard: its table is the only one.)
    if (walkable && codes.tables.size() == 1 && (s.year_from || s.year_to || !s.organisms.empty())) {
        if (std::optional<MatchWalk> walk = MatchWalk::plan(db, text)) {
            const std::unique_ptr<Xapian::PostingSource> filter = facet_code_source(
                codes.tables.front(), s.year_from, s.year_to, organism_keys(db, s.organisms, true));
            filter->init(db);
            for (Xapian::docid did = walk->next(); did != 0; did = walk->next())
                if (filter->check(did, 0) && filter->get_docid() == did) out.push_back(did);
            return out;
        }
    }
    if (walkable && !s.year_from && !s.year_to) {
        if (std::optional<MatchWalk> walk =
                MatchWalk::plan(db, with_filters(db, text, std::nullopt, std::nullopt, s.organisms))) {
            for (Xapian::docid did = walk->next(); did != 0; did = walk->next()) out.push_back(did);
            return out;
        }
    }
    const Xapian::Query query = with_filters(db, text, s.year_from, s.year_to, s.organisms, codes.tables);
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount(), db.get_doccount());
    out.reserve(mset.size());
    for (auto it = mset.begin(); it != mset.end(); ++it) out.push_back(*it);
    std::sort(out.begin(), out.end());
    return out;
}

void fill_figure(const Xapian::Database& db, Xapian::docid did, EnrichHit& hit) {
    index::StoredFields stored = index::decode_stored(db.get_document(did).get_data());
    hit.figid = std::move(stored.figid);
    hit.title = std::move(stored.title);
    hit.year = stored.year;
    hit.organisms = std::move(stored.organisms);
}

void run_enrichment(const EnrichSources& src, const EnrichRequest& request, const std::vector<std::string>& symbols,
                    Xapian::docid exclude, EnrichResult& result) {
    const GeneTable& table = src.genes;
    // The universe: the background's genes, or every gene of some figure's set.
    std::vector<char> in_universe;
    std::size_t universe = table.symbols.size();
    if (!request.background.empty()) {
        EnrichInput ignored;
        const std::vector<std::string> bg = resolve_gene_names(src.lexicon, request.background, false, ignored);
        in_universe.assign(table.symbols.size(), 0);
        for (const std::string& s : bg) {
            auto it = table.id_of.find(s);
            if (it != table.id_of.end()) in_universe[it->second] = 1;
        }
        universe = bg.size();
        for (const std::string& s : symbols) {
            if (!std::binary_search(bg.begin(), bg.end(), s)) result.input.outside_universe.push_back(s);
            else result.genes.push_back(s);
        }
    } else {
        for (const std::string& s : symbols) {
            if (table.id_of.count(s)) result.genes.push_back(s);
            else result.input.outside_universe.push_back(s);
        }
    }
    const bool masked = !in_universe.empty();
    std::vector<char> in_query(table.symbols.size(), 0);
    for (const std::string& s : result.genes) {
        auto it = table.id_of.find(s);
        if (it != table.id_of.end()) in_query[it->second] = 1;
    }
    const std::size_t n = result.genes.size();

    // Every selected figure with a non-empty set is tested; only overlaps >= 1 can have p < 1.
    const std::optional<std::vector<Xapian::docid>> selected = select_documents(
        src.db, src.lexicon,
        {request.query, request.synonyms, request.year_from, request.year_to, request.organisms},
        src.phrase_pairs, src.walkable, src.facets);
    std::vector<Tested> tested;
    std::size_t m = 0;
    std::size_t max_set = 0;
    auto visit = [&](Xapian::docid did) {
        if (did == exclude || did > table.last_docid()) return;
        std::uint32_t K = 0, k = 0;
        for (std::uint32_t i = table.offsets[did]; i < table.offsets[did + 1]; ++i) {
            const std::uint32_t g = table.genes[i];
            if (masked && !in_universe[g]) continue;
            ++K;
            k += static_cast<std::uint32_t>(in_query[g]);
        }
        if (K == 0) return;
        ++m;
        max_set = std::max<std::size_t>(max_set, K);
        if (k > 0) tested.push_back({did, k, K, {}});
    };
    if (selected) {
        for (const Xapian::docid did : *selected) visit(did);
    } else {
        for (Xapian::docid did = 1; did <= table.last_docid(); ++did) visit(did);
    }
    if (request.universe) {
        if (*request.universe < std::max(n, max_set)) {
            throw Error(ErrorCode::invalid_argument,
                        "universe " + std::to_string(*request.universe) + " is smaller than the query (" +
                            std::to_string(n) + " genes) or a figure's gene set (" + std::to_string(max_set) +
                            " genes)");
        }
        universe = *request.universe;
    }
    result.query_size = n;
    result.universe = universe;
    result.tested = m;

    // With N and n fixed, p depends on (k, K) alone: most of 100k figures share a pair with another.
    const Hypergeom hypergeom(static_cast<std::int64_t>(universe));
    std::unordered_map<std::uint64_t, PValue> memo;
    for (Tested& t : tested) {
        const std::uint64_t pair = (std::uint64_t{t.k} << 32) | t.K;
        auto [it, added] = memo.try_emplace(pair);
        if (added) it->second = hypergeom.upper_tail(t.k, t.K, static_cast<std::int64_t>(n));
        t.p = it->second;
    }
    // The result order, which is also ascending p for Benjamini-Hochberg; log10 p orders even where p
    // underflows to 0.
    std::sort(tested.begin(), tested.end(), [&](const Tested& x, const Tested& y) {
        if (x.p.log10_p != y.p.log10_p) return x.p.log10_p < y.p.log10_p;
        if (x.k != y.k) return x.k > y.k;
        return table.figid_rank[x.did] < table.figid_rank[y.did];
    });
    std::vector<double> q(tested.size());
    for (std::size_t i = 0; i < tested.size(); ++i) q[i] = tested[i].p.p;
    benjamini_hochberg_sorted(q, m);
    std::vector<std::size_t> keep;
    for (std::size_t i = 0; i < tested.size(); ++i) {
        if (tested[i].k < request.min_overlap) continue;
        if (request.fdr && !(q[i] <= *request.fdr)) continue;
        keep.push_back(i);
    }
    result.total = keep.size();
    result.offset = request.offset;
    result.limit = request.limit;
    if (request.facets) {
        std::vector<Xapian::docid> docs;
        docs.reserve(keep.size());
        for (const std::size_t i : keep) docs.push_back(tested[i].did);
        result.facets = count_facets(src, docs);
    }
    for (std::size_t r = request.offset; r < keep.size() && r - request.offset < request.limit; ++r) {
        const std::size_t i = keep[r];
        const Tested& t = tested[i];
        EnrichHit hit;
        hit.rank = r + 1;
        fill_figure(src.db, t.did, hit);
        hit.overlap = t.k;
        hit.set_size = t.K;
        for (std::uint32_t j = table.offsets[t.did]; j < table.offsets[t.did + 1]; ++j) {
            const std::uint32_t g = table.genes[j];
            if (in_query[g] && (!masked || in_universe[g])) hit.overlap_genes.push_back(table.symbols[g]);
        }
        std::sort(hit.overlap_genes.begin(), hit.overlap_genes.end());
        hit.pvalue = t.p.p;
        hit.log10_pvalue = t.p.log10_p;
        hit.fdr = q[i];
        hit.odds_ratio = odds_ratio(t.k, static_cast<std::int64_t>(universe), t.K, static_cast<std::int64_t>(n));
        result.hits.push_back(std::move(hit));
    }
}

}  // namespace capsearch::search
