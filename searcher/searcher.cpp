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
#include "searcher/facet_table.hpp"
#include "searcher/facets.hpp"
#include "searcher/query_builder.hpp"
#include "searcher/query_parser.hpp"
#include "searcher/snippet.hpp"
#include "searcher/stats.hpp"

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

    SearchResult run(const SearchRequest& request) const;
    SearchResult run_once(const Lease& lease, const SearchRequest& request,
                          const search::BuiltQuery& built) const;
};

SearchResult Searcher::Impl::run(const SearchRequest& request) const {
    check_request(request);
    search::QueryNode root = search::parse_query(request.query);
    Lease lease = borrow();
    search::BuiltQuery built = search::build_query(root, lease.lexicon(), request.synonyms);
    try {
        try {
            return run_once(lease, request, built);
        } catch (const Xapian::DatabaseModifiedError&) {
            // A writer committed twice since this handle last looked; catch up and try again once.
            lease.db().reopen();
            return run_once(lease, request, built);
        }
    } catch (const Error&) {
        throw;
    } catch (const Xapian::Error& e) {
        lease.discard();
        throw DatabaseError("searching the index '" + where + "': " + e.get_description());
    }
}

SearchResult Searcher::Impl::run_once(const Lease& lease, const SearchRequest& request,
                                      const search::BuiltQuery& built) const {
    Xapian::Database& db = lease.db();
    Xapian::Query query = built.query;
    std::vector<Xapian::Query> filters;
    if (request.year_from || request.year_to)
        filters.push_back(search::year_filter(request.year_from, request.year_to));
    if (!request.organisms.empty()) filters.push_back(search::organism_filter(request.organisms));
    if (!filters.empty()) {
        query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                              Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end()));
    }

    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    const Bm25Params& p = request.bm25;
    enquire.set_weighting_scheme(Xapian::BM25Weight(p.k1, p.k2, p.k3, p.b, p.min_normlen));
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
    std::size_t i = 0;
    for (auto it = mset.begin(); it != mset.end(); ++it, ++i) {
        index::StoredFields stored = index::decode_stored(it.get_document().get_data());
        Hit hit;
        hit.rank = request.offset + i + 1;
        hit.figid = std::move(stored.figid);
        hit.score = it.get_weight();
        if (request.snippet_length > 0) {
            std::string fallback;
            std::string_view text = stored.caption;
            if (text.empty()) text = fallback = analysis::nfkc(stored.title);
            search::Snippet s =
                search::make_snippet(text, built.highlights, &lease.lexicon(), request.snippet_length);
            hit.snippet = std::move(s.text);
            hit.highlights = std::move(s.highlights);
        }
        hit.title = std::move(stored.title);
        hit.year = stored.year;
        hit.organisms = std::move(stored.organisms);
        hit.pmcid = std::move(stored.pmcid);
        hit.papertitle = std::move(stored.papertitle);
        hit.figlink = std::move(stored.figlink);
        result.hits.push_back(std::move(hit));
    }
    if (spies) result.facets = spies->collect();
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

std::string Searcher::explain_json(const std::string& name) const {
    Impl::Lease lease = impl_->borrow();
    return analysis::explain_json(lease.lexicon(), name, "index " + impl_->where);
}

std::string Searcher::explain_text(const std::string& name) const {
    Impl::Lease lease = impl_->borrow();
    return analysis::explain_text(lease.lexicon(), name, "index " + impl_->where);
}

}  // namespace capsearch
