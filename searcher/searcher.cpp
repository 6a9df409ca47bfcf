// The public Searcher: a pool of Xapian handles (a Xapian::Database must not be used by two threads at
// once), the index's own lexicon, reopen after commits and generation switches, and one search.
#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <mutex>
#include <optional>
#include <system_error>

#include "analyzers/lexicon.hpp"
#include "analyzers/lexicon_explain.hpp"
#include "analyzers/terms.hpp"
#include "analyzers/unicode.hpp"
#include "capsearch/error.hpp"
#include "capsearch/search.hpp"
#include "indexer/document.hpp"
#include "capsearch/enrich.hpp"
#include "searcher/enrich.hpp"
#include "searcher/enrich_input.hpp"
#include "searcher/explain.hpp"
#include "searcher/facet_table.hpp"
#include "searcher/gene_table.hpp"
#include "searcher/similar.hpp"
#include "searcher/facets.hpp"
#include "searcher/query_builder.hpp"
#include "searcher/query_parser.hpp"
#include "searcher/snippet.hpp"
#include "searcher/stats.hpp"
#include "searcher/suggest.hpp"

namespace capsearch {
namespace {

namespace fs = std::filesystem;
using search::read_stub;

std::string joined_paths(const std::vector<std::string>& paths) {
    std::string out;
    for (std::size_t i = 0; i < paths.size(); ++i) out += (i > 0 ? "', '" : "") + paths[i];
    return out;
}

// Opens the database(s); every Xapian failure becomes a DatabaseError naming the path. `shards` gets
// each one on its own: they share their internals with the combined handle (so a reopen() of it moves
// them too) and, unlike it, can report their revision.
std::unique_ptr<Xapian::Database> open_database(const std::vector<std::string>& paths,
                                                std::vector<Xapian::Database>& shards) {
    auto db = std::make_unique<Xapian::Database>();
    shards.clear();
    for (const std::string& path : paths) {
        std::error_code ec;
        if (!fs::exists(path, ec)) {
            throw DatabaseError("no index at '" + path + "' (no such file or folder)",
                                ErrorCode::database_not_found);
        }
        try {
            shards.emplace_back(path);
            db->add_database(shards.back());
        } catch (const Xapian::DatabaseOpeningError& e) {
            throw DatabaseError("cannot open the index at '" + path + "': " + e.get_msg(),
                                ErrorCode::database_not_found);
        } catch (const Xapian::Error& e) {
            throw DatabaseError("cannot open the index at '" + path + "': " + e.get_description());
        }
    }
    return db;
}

std::shared_ptr<const analysis::Lexicon> load_lexicon(const Xapian::Database& db, const std::string& where,
                                                      std::string& id) {
    std::string text = db.get_metadata(terms::kMetaLexicon);
    std::shared_ptr<const analysis::Lexicon> lexicon =
        text.empty() ? analysis::Lexicon::builtin()
                     : analysis::Lexicon::parse(text, where + " (index metadata)");
    id = db.get_metadata(terms::kMetaLexiconId);
    if (id.empty()) id = lexicon->id();
    return lexicon;
}

void check_request(const SearchRequest& r) {
    if (r.year_from && r.year_to && *r.year_from > *r.year_to) {
        throw Error(ErrorCode::invalid_argument, "year range " + std::to_string(*r.year_from) + ".." +
                                                     std::to_string(*r.year_to) + " ends before it starts");
    }
    const Bm25Params& p = r.bm25;
    if (!(p.k1 >= 0 && p.k2 >= 0 && p.k3 >= 0 && p.b >= 0 && p.b <= 1 && p.min_normlen >= 0)) {
        throw Error(ErrorCode::invalid_argument,
                    "BM25 parameters must be k1, k2, k3, min_normlen >= 0 and 0 <= b <= 1");
    }
    for (const std::string& o : r.organisms) {
        if (o.find_first_not_of(" \t") == std::string::npos) {
            throw Error(ErrorCode::invalid_argument, "an organism filter is empty");
        }
    }
}

// The year and organism filters an enrichment or similar request shares with a search.
template <typename R>
void check_filters(const R& r) {
    SearchRequest filters;
    filters.year_from = r.year_from;
    filters.year_to = r.year_to;
    filters.organisms = r.organisms;
    check_request(filters);
}

}  // namespace

struct Searcher::Impl {
    /// One Xapian handle of the pool.
    struct Handle {
        std::unique_ptr<Xapian::Database> db;
        std::vector<Xapian::Database> shards;  ///< The parts of db, for their revisions.
        std::uint64_t generation = 0;          ///< Which stub contents it was opened under.
        std::uint64_t epoch = 0;               ///< The reopen() count it has caught up with.
    };

    std::vector<std::string> paths;
    std::string where;  ///< Paths for messages.

    mutable std::mutex mutex;
    mutable std::vector<std::unique_ptr<Handle>> free;
    std::uint64_t generation = 0;
    std::uint64_t epoch = 0;
    std::vector<std::string> stubs;
    std::shared_ptr<const analysis::Lexicon> lexicon;
    std::string lexicon_id;
    /// The newest facet table built; shared by every handle at that revision.
    mutable std::shared_ptr<const search::FacetTable> facet_table;
    /// The newest gene table built (local single-shard indexes only; others build one per call).
    mutable std::shared_ptr<const search::GeneTable> gene_table;

    /// A borrowed handle with the lexicon that goes with it; returned to the pool on destruction
    /// unless discard() was called (after an error that may have left it unusable).
    class Lease {
      public:
        Lease(const Impl& impl, std::unique_ptr<Handle> h, std::shared_ptr<const analysis::Lexicon> lex)
            : impl_(impl), handle_(std::move(h)), lexicon_(std::move(lex)) {}
        ~Lease() {
            if (handle_) impl_.give_back(std::move(handle_));
        }
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        Xapian::Database& db() const { return *handle_->db; }
        const std::vector<Xapian::Database>& shards() const { return handle_->shards; }
        const analysis::Lexicon& lexicon() const { return *lexicon_; }
        void discard() { handle_.reset(); }

      private:
        const Impl& impl_;
        std::unique_ptr<Handle> handle_;
        std::shared_ptr<const analysis::Lexicon> lexicon_;
    };

    explicit Impl(std::vector<std::string> p) : paths(std::move(p)) {
        if (paths.empty()) throw Error(ErrorCode::invalid_argument, "no index path given");
        where = joined_paths(paths);
        for (const std::string& path : paths) stubs.push_back(read_stub(path));
        auto h = std::make_unique<Handle>();
        h->db = open_database(paths, h->shards);
        lexicon = translate([&] { return load_lexicon(*h->db, where, lexicon_id); });
        free.push_back(std::move(h));
    }

    template <typename F>
    auto translate(F&& f) const -> decltype(f()) {
        try {
            return f();
        } catch (const Error&) {
            throw;
        } catch (const Xapian::Error& e) {
            throw DatabaseError("index '" + where + "': " + e.get_description());
        }
    }

    Lease borrow() const {
        std::unique_ptr<Handle> h;
        std::shared_ptr<const analysis::Lexicon> lex;
        std::uint64_t gen = 0;
        std::uint64_t ep = 0;
        {
            std::lock_guard lock(mutex);
            if (!free.empty()) {
                h = std::move(free.back());
                free.pop_back();
            }
            lex = lexicon;
            gen = generation;
            ep = epoch;
        }
        if (!h) {
            h = std::make_unique<Handle>();
            h->db = open_database(paths, h->shards);
            h->generation = gen;
            h->epoch = ep;
        } else if (h->epoch != ep) {
            translate([&] { h->db->reopen(); });
            h->epoch = ep;
        }
        return Lease(*this, std::move(h), std::move(lex));
    }

    void give_back(std::unique_ptr<Handle> h) const {
        std::lock_guard lock(mutex);
        // Handles of a replaced generation are dropped; keep a few spares for concurrent searches.
        if (h->generation == generation && free.size() < 16) free.push_back(std::move(h));
    }

    void reopen() {
        std::vector<std::string> now;
        for (const std::string& path : paths) now.push_back(read_stub(path));
        bool switched;
        {
            std::lock_guard lock(mutex);
            switched = now != stubs;
        }
        if (switched) {
            auto h = std::make_unique<Handle>();
            h->db = open_database(paths, h->shards);
            std::string id;
            auto lex = translate([&] { return load_lexicon(*h->db, where, id); });
            std::lock_guard lock(mutex);
            ++generation;
            free.clear();
            h->generation = generation;
            h->epoch = epoch;
            free.push_back(std::move(h));
            stubs = std::move(now);
            lexicon = std::move(lex);
            lexicon_id = std::move(id);
            return;
        }
        {
            std::lock_guard lock(mutex);
            ++epoch;
        }
        // A sync may have committed with another lexicon; pick it up.
        Lease lease = borrow();
        std::string id;
        std::string stored_id = translate([&] { return lease.db().get_metadata(terms::kMetaLexiconId); });
        std::lock_guard lock(mutex);
        bool changed = !stored_id.empty() && stored_id != lexicon_id;
        if (changed) {
            lexicon = translate([&] { return load_lexicon(lease.db(), where, id); });
            lexicon_id = std::move(id);
        }
    }

    /// The facet table for the state `lease` sees, built on first use after each commit; null for
    /// remote databases (which count with Xapian's own spies).
    std::shared_ptr<const search::FacetTable> facet_table_for(const Lease& lease) const {
        std::optional<search::FacetTableKey> key = search::facet_table_key(lease.shards());
        if (!key) return nullptr;
        {
            std::lock_guard lock(mutex);
            if (facet_table && facet_table->key == *key) return facet_table;
        }
        auto table = search::FacetTable::build(lease.db(), std::move(*key));
        std::lock_guard lock(mutex);
        facet_table = table;
        return table;
    }

    /// The gene table for the state `lease` sees: cached per revision like the facet table.
    std::shared_ptr<const search::GeneTable> gene_table_for(const Lease& lease) const {
        std::optional<search::FacetTableKey> key = search::facet_table_key(lease.shards());
        if (key) {
            std::lock_guard lock(mutex);
            if (gene_table && gene_table->key == key) return gene_table;
        }
        const bool cache = key.has_value();
        auto table = search::GeneTable::build(lease.db(), std::move(key));
        if (cache) {
            std::lock_guard lock(mutex);
            gene_table = table;
        }
        return table;
    }

    /// Runs `f(lease)` with this searcher's error handling: one retry after a writer moved the
    /// revision under the handle, Xapian errors as DatabaseError naming the index and `what`.
    template <typename F>
    auto guarded(const char* what, F&& f) const -> decltype(f(std::declval<const Lease&>())) {
        Lease lease = borrow();
        try {
            try {
                return f(lease);
            } catch (const Xapian::DatabaseModifiedError&) {
                lease.db().reopen();
                return f(lease);
            }
        } catch (const Error&) {
            throw;
        } catch (const Xapian::WildcardError& e) {
            throw QueryError("query error: a wildcard matches too many words of the index (more than " +
                             std::to_string(search::kMaxWildcardTerms) + "); make it longer (" + e.get_msg() + ")");
        } catch (const Xapian::Error& e) {
            lease.discard();
            throw DatabaseError(std::string(what) + " the index '" + where + "': " + e.get_description());
        }
    }

    SearchResult run(const SearchRequest& request) const;
    SearchResult run_once(const Lease& lease, const SearchRequest& request, const search::QueryNode& root,
                          const search::BuiltQuery& built) const;
    std::optional<std::string> suggestion(const Lease& lease, const SearchRequest& request,
                                          const search::QueryNode& root, std::size_t total) const;
};

SearchResult Searcher::Impl::run(const SearchRequest& request) const {
    check_request(request);
    search::LenientQuery parsed;
    if (request.strict) {
        parsed.root = search::parse_query(request.query);
    } else {
        parsed = search::parse_query_lenient(request.query);
    }
    std::optional<search::BuiltQuery> built;
    SearchResult result = guarded("searching", [&](const Lease& lease) {
        if (!built) built = search::build_query(parsed.root, lease.lexicon(), request.synonyms, &lease.db());
        SearchResult found = run_once(lease, request, parsed.root, *built);
        // A repaired query's words sit at other columns than in request.query, so only a query read as
        // written gets a corrected version.
        if (request.suggest && parsed.note.empty() && found.total <= search::kSuggestBelowHits) {
            found.suggestion = suggestion(lease, request, parsed.root, found.total);
        }
        return found;
    });
    result.query_note = std::move(parsed.note);
    return result;
}

// The corrected query when it matches more figures than the `total` the query found, with the same
// filters.
std::optional<std::string> Searcher::Impl::suggestion(const Lease& lease, const SearchRequest& request,
                                                      const search::QueryNode& root, std::size_t total) const {
    std::optional<std::string> corrected =
        search::corrected_query(request.query, root, lease.db(), lease.lexicon());
    if (!corrected) return std::nullopt;
    const search::BuiltQuery built =
        search::build_query(search::parse_query(*corrected), lease.lexicon(), request.synonyms, &lease.db());
    Xapian::Enquire enquire(lease.db());
    enquire.set_query(search::with_filters(lease.db(), built.query, request.year_from, request.year_to, request.organisms));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    const Xapian::doccount docs = lease.db().get_doccount();
    if (enquire.get_mset(0, 0, docs).get_matches_estimated() <= total) return std::nullopt;
    return corrected;
}

SearchResult Searcher::Impl::run_once(const Lease& lease, const SearchRequest& request,
                                      const search::QueryNode& root, const search::BuiltQuery& built) const {
    Xapian::Database& db = lease.db();
    const Xapian::Query query =
        search::with_filters(lease.db(), built.query, request.year_from, request.year_to, request.organisms);

    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    const Bm25Params& p = request.bm25;
    const Xapian::BM25Weight weight(p.k1, p.k2, p.k3, p.b, p.min_normlen);
    enquire.set_weighting_scheme(weight);
    if (request.sort == SortOrder::year) {
        // Descending byte order of sortable_serialise(year); a figure without a year has no value,
        // which sorts below every year, so unknown years come last.
        enquire.set_sort_by_value_then_relevance(terms::kSlotYearSortable, true);
    }
    std::optional<search::FacetSpies> spies;
    if (request.facets) {
        if (auto table = facet_table_for(lease)) {
            spies.emplace(std::move(table));
        } else {
            spies.emplace();
        }
        spies->attach(enquire);
    }

    const Xapian::doccount docs = db.get_doccount();
    const Xapian::doccount first = static_cast<Xapian::doccount>(std::min<std::size_t>(request.offset, docs));
    const Xapian::doccount count = static_cast<Xapian::doccount>(std::min<std::size_t>(request.limit, docs));
    // checkatleast = all documents: the match counts every hit, so totals and facets are exact.
    Xapian::MSet mset = enquire.get_mset(first, count, docs);

    SearchResult result;
    result.query = request.query;
    result.total = mset.get_matches_estimated();
    result.offset = request.offset;
    result.limit = request.limit;
    std::vector<Xapian::docid> docids;
    std::size_t i = 0;
    for (auto it = mset.begin(); it != mset.end(); ++it, ++i) {
        docids.push_back(*it);
        index::StoredFields stored = index::decode_stored(it.get_document().get_data());
        Hit hit;
        hit.rank = request.offset + i + 1;
        hit.score = it.get_weight();
        if (request.snippet_length > 0) {
            std::string fallback;
            std::string_view text = stored.caption;
            if (text.empty()) text = fallback = analysis::nfkc(stored.title);
            search::Snippet s =
                search::make_snippet(text, built.highlights, &lease.lexicon(), request.snippet_length);
            search::add_listed_genes(s, it.get_document().get_value(terms::kSlotGeneSet), built.highlights);
            hit.snippet = std::move(s.text);
            hit.highlights = std::move(s.highlights);
        }
        index::move_into_hit(stored, hit);
        result.hits.push_back(std::move(hit));
    }
    if (spies) result.facets = spies->collect();
    if (request.explain) {
        auto weighted_by = [&](std::size_t part) {
            return search::build_query(root, lease.lexicon(), request.synonyms, &db, part).query;
        };
        search::explain_hits(db, built.parts, weighted_by, query.get_length(), weight, p.k2 > 0, docids, result.hits);
    }
    return result;
}

Searcher::Searcher(const std::string& path) : impl_(std::make_unique<Impl>(std::vector<std::string>{path})) {}

Searcher::Searcher(const std::vector<std::string>& shard_paths)
    : impl_(std::make_unique<Impl>(shard_paths)) {}

Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

SearchResult Searcher::search(const SearchRequest& request) const { return impl_->run(request); }

IndexStats Searcher::stats() const {
    Impl::Lease lease = impl_->borrow();
    std::string id;
    {
        std::lock_guard lock(impl_->mutex);
        id = impl_->lexicon_id;
    }
    return impl_->translate(
        [&] { return search::compute_stats(lease.db(), impl_->paths, lease.lexicon(), id); });
}

void Searcher::reopen() { impl_->reopen(); }

EnrichResult Searcher::enrich(const EnrichRequest& request) const {
    check_filters(request);
    search::parse_query(request.query);  // A malformed query fails before any work.
    return impl_->guarded("enriching over", [&](const Impl::Lease& lease) {
        auto genes = impl_->gene_table_for(lease);
        auto facets = request.facets ? impl_->facet_table_for(lease) : nullptr;
        EnrichResult result;
        const std::vector<std::string> symbols =
            search::resolve_gene_names(lease.lexicon(), request.genes, request.expand_families, result.input);
        search::run_enrichment({lease.db(), lease.lexicon(), *genes, facets.get()}, request, symbols, 0, result);
        return result;
    });
}

SimilarResult Searcher::similar(const SimilarRequest& request) const {
    check_filters(request);
    return impl_->guarded("finding similar figures in", [&](const Impl::Lease& lease) {
        const Xapian::docid did = search::find_figure(lease.db(), request.figid);
        if (did == 0) throw Error(ErrorCode::invalid_argument, "no figure '" + request.figid + "' in the index");
        auto genes = impl_->gene_table_for(lease);
        return search::run_similar({lease.db(), lease.lexicon(), *genes, nullptr}, request, did);
    });
}

std::vector<GeneSetEntry> Searcher::gene_sets(const SearchRequest& request) const {
    check_request(request);
    search::parse_query(request.query);
    return impl_->guarded("exporting gene sets from", [&](const Impl::Lease& lease) {
        auto genes = impl_->gene_table_for(lease);
        const search::GeneTable& t = *genes;
        const auto selected = search::select_documents(
            lease.db(), lease.lexicon(),
            {request.query, request.synonyms, request.year_from, request.year_to, request.organisms});
        std::vector<GeneSetEntry> out;
        auto add = [&](Xapian::docid did) {
            if (did > t.last_docid() || t.set_size(did) == 0) return;
            EnrichHit figure;
            search::fill_figure(lease.db(), did, figure);
            GeneSetEntry e{std::move(figure.figid), std::move(figure.title), {}};
            for (std::uint32_t i = t.offsets[did]; i < t.offsets[did + 1]; ++i) e.symbols.push_back(t.symbols[t.genes[i]]);
            std::sort(e.symbols.begin(), e.symbols.end());
            out.push_back(std::move(e));
        };
        if (selected) {
            for (const Xapian::docid did : *selected) add(did);
        } else {
            for (Xapian::docid did = 1; did <= t.last_docid(); ++did) add(did);
        }
        std::sort(out.begin(), out.end(), [](const GeneSetEntry& a, const GeneSetEntry& b) { return a.figid < b.figid; });
        return out;
    });
}

std::string Searcher::explain_json(const std::string& name) const {
    Impl::Lease lease = impl_->borrow();
    return analysis::explain_json(lease.lexicon(), name, "index " + impl_->where);
}

std::string Searcher::explain_text(const std::string& name) const {
    Impl::Lease lease = impl_->borrow();
    return analysis::explain_text(lease.lexicon(), name, "index " + impl_->where);
}

}  // namespace capsearch
