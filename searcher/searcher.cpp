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
#include "analyzers/unicode.hpp"
#include "capsearch/enrich.hpp"
#include "capsearch/error.hpp"
#include "capsearch/search.hpp"
#include "schema/index_meta.hpp"
#include "schema/layout.hpp"
#include "schema/lexicon_store.hpp"
#include "schema/stored.hpp"
#include "schema/terms.hpp"
#include "schema/vocabulary.hpp"
#include "searcher/enrich.hpp"
#include "searcher/enrich_input.hpp"
#include "searcher/explain.hpp"
#include "searcher/facet_pass.hpp"
#include "searcher/facet_table.hpp"
#include "searcher/facet_table_cache.hpp"
#include "searcher/facets.hpp"
#include "searcher/gene_table.hpp"
#include "searcher/match_walk.hpp"
#include "searcher/query_builder.hpp"
#include "searcher/query_parser.hpp"
#include "searcher/shard_open.hpp"
#include "searcher/similar.hpp"
#include "searcher/snippet.hpp"
#include "searcher/stats.hpp"
#include "searcher/suggest.hpp"

namespace capsearch {
namespace {

namespace fs = std::filesystem;
using index::read_stub;

std::string joined_paths(const std::vector<std::string>& paths) {
    std::string out;
    for (std::size_t i = 0; i < paths.size(); ++i) out += (i > 0 ? "', '" : "") + paths[i];
    return out;
}

// The lexicon goes with the paths (its image is kept in the index folder or the user's cache). An
// index of another schema is refused before anything of it is read, rather than misread.
std::shared_ptr<const analysis::Lexicon> load_lexicon(const Xapian::Database& db, const std::vector<std::string>& paths,
                                                      const std::string& where, std::string& id) {
    index::check_schema(db, where);
    analysis::IndexLexicon found = analysis::open_index_lexicon(db, paths, where);
    id = std::move(found.id);
    return std::move(found.lexicon);
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

// Whether a search, enrichment or export request has a year or organism filter.
template <typename R>
bool has_filters(const R& r) {
    return r.year_from || r.year_to || !r.organisms.empty();
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
        std::vector<std::string> missing;      ///< Shards left out (SearchOptions::allow_partial).
        std::uint64_t generation = 0;          ///< Which stub contents it was opened under.
        std::uint64_t epoch = 0;               ///< The reopen() count it has caught up with.
        bool phrase_pairs = false;             ///< Every shard holds phrase pairs (at this revision).
        bool vocabulary = false;               ///< Every shard lists its vocabulary (at this revision).

        /// Reads what the shards say about their documents, after opening or reopening them.
        void read_state() {
            phrase_pairs = std::all_of(shards.begin(), shards.end(),
                                       [](const Xapian::Database& s) { return index::has_phrase_pairs(s); });
            vocabulary = std::all_of(shards.begin(), shards.end(),
                                     [](const Xapian::Database& s) { return index::lists_vocabulary(s); });
        }
    };

    std::vector<std::string> paths;
    std::string where;  ///< Paths for messages.
    SearchOptions options;
    std::vector<search::ShardSpec> specs;  ///< What paths name, shard by shard.

    mutable std::mutex mutex;
    mutable std::vector<std::unique_ptr<Handle>> free;
    std::uint64_t generation = 0;
    std::uint64_t epoch = 0;
    std::vector<std::string> stubs;
    std::shared_ptr<const analysis::Lexicon> lexicon;
    std::string lexicon_id;
    /// The newest facet table of each local shard, by shard; shared by every handle at those revisions.
    mutable std::vector<std::shared_ptr<const search::FacetTable>> facet_tables;
    /// Set once a cached facet table turned out damaged: this searcher builds its tables itself.
    mutable bool distrust_facet_cache = false;
    /// The newest gene table built (local indexes and shards; remote shards build one per call).
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
        Lease(Lease&&) noexcept = default;
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        Xapian::Database& db() const { return *handle_->db; }
        const std::vector<Xapian::Database>& shards() const { return handle_->shards; }
        const analysis::Lexicon& lexicon() const { return *lexicon_; }
        /// What queries are built against: the database, and whether its phrases may read pair terms.
        search::QueryTarget target() const { return {handle_->db.get(), handle_->phrase_pairs}; }
        /// One local shard: its posting lists can be walked here (match_walk.hpp), and the matcher's
        /// document ids are its own, which one facet table describes (several local shards have a table
        /// each: facet_tables_for()).
        bool one_local_shard() const { return search::facet_table_key(handle_->shards).has_value(); }
        /// Where did-you-mean reads the index's words: each shard's list, when every shard keeps one.
        search::WordSource words() const {
            return {*handle_->db, handle_->vocabulary ? &handle_->shards : nullptr};
        }
        /// Marks `result` (any result with `partial` and `missing`) with the shards this handle left out.
        template <typename R>
        R mark_missing(R result) const {
            result.missing = handle_->missing;
            result.partial = !result.missing.empty();
            return result;
        }
        void discard() { handle_.reset(); }

      private:
        const Impl& impl_;
        std::unique_ptr<Handle> handle_;
        std::shared_ptr<const analysis::Lexicon> lexicon_;
    };

    Impl(std::vector<std::string> p, const SearchOptions& o) : paths(std::move(p)), options(o) {
        if (paths.empty()) throw Error(ErrorCode::invalid_argument, "no index path given");
        if (options.timeout_seconds && !(*options.timeout_seconds > 0 && *options.timeout_seconds <= 86400)) {
            throw Error(ErrorCode::invalid_argument,
                        "the remote timeout must be more than 0 and at most 86400 seconds");
        }
        where = joined_paths(paths);
        for (const std::string& path : paths) stubs.push_back(read_stub(path));
        specs = shard_specs_of(paths);
        auto h = open_handle(specs);
        lexicon = translate([&] { return load_lexicon(*h->db, paths, where, lexicon_id); });
        free.push_back(std::move(h));
    }

    static std::vector<search::ShardSpec> shard_specs_of(const std::vector<std::string>& paths) {
        std::vector<search::ShardSpec> out;
        for (const std::string& path : paths) {
            for (search::ShardSpec& spec : search::shard_specs(path)) out.push_back(std::move(spec));
        }
        return out;
    }

    std::unique_ptr<Handle> open_handle(const std::vector<search::ShardSpec>& shards) const {
        search::OpenedShards opened = search::open_shards(shards, options);
        auto h = std::make_unique<Handle>();
        h->db = std::move(opened.db);
        h->shards = std::move(opened.shards);
        h->missing = std::move(opened.missing);
        translate([&] { h->read_state(); });
        return h;
    }

    void drop_pool() const {
        std::lock_guard lock(mutex);
        free.clear();
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
        std::vector<search::ShardSpec> shards;
        {
            std::lock_guard lock(mutex);
            if (!free.empty()) {
                h = std::move(free.back());
                free.pop_back();
            }
            lex = lexicon;
            gen = generation;
            ep = epoch;
            shards = specs;
        }
        if (!h) {
            h = open_handle(shards);
            h->generation = gen;
            h->epoch = ep;
        } else if (h->epoch != ep) {
            try {
                h->db->reopen();
                h->read_state();
                h->epoch = ep;
            } catch (const Xapian::Error&) {
                // A stale remote connection cannot reopen; a fresh one can.
                h = open_handle(shards);
                h->generation = gen;
                h->epoch = ep;
            }
        }
        return Lease(*this, std::move(h), std::move(lex));
    }

    void give_back(std::unique_ptr<Handle> h) const {
        std::lock_guard lock(mutex);
        // Handles of a replaced generation are dropped, and so are handles missing a shard (the next
        // search tries it again); keep a few spares for concurrent searches.
        if (h->generation == generation && h->missing.empty() && free.size() < 16)
            free.push_back(std::move(h));
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
            std::vector<search::ShardSpec> new_specs = shard_specs_of(paths);
            auto h = open_handle(new_specs);
            std::string id;
            auto lex = translate([&] { return load_lexicon(*h->db, paths, where, id); });
            std::lock_guard lock(mutex);
            ++generation;
            free.clear();
            h->generation = generation;
            h->epoch = epoch;
            free.push_back(std::move(h));
            stubs = std::move(now);
            specs = std::move(new_specs);
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
            lexicon = translate([&] { return load_lexicon(lease.db(), paths, where, id); });
            lexicon_id = std::move(id);
        }
    }

    /// The facet tables for the state `lease` sees, one per shard: on first use after each commit read
    /// from the user's cache or built (and cached: facet_table_cache.hpp); none when a shard is remote
    /// (it cannot report its revision: such searches count with Xapian's own spies).
    /// With `build` false, only tables at hand (this searcher's, or cached files) are returned, all or
    /// none: a filtered search without facets uses one when it is there, and does not read every
    /// figure's values to make one.
    std::vector<std::shared_ptr<const search::FacetTable>> facet_tables_for(const Lease& lease,
                                                                            bool build = true) const {
        const std::vector<Xapian::Database>& shards = lease.shards();
        std::vector<search::FacetTableKey> keys;
        for (const Xapian::Database& shard : shards) {
            std::optional<search::FacetTableKey> key = search::facet_table_key({shard});
            if (!key) return {};
            keys.push_back(std::move(*key));
        }
        std::vector<std::shared_ptr<const search::FacetTable>> tables(shards.size());
        bool trust_cache = true;
        {
            std::lock_guard lock(mutex);
            for (std::size_t k = 0; k < shards.size(); ++k) {
                for (const auto& held : facet_tables) {
                    if (held && held->key == keys[k]) tables[k] = held;
                }
            }
            trust_cache = !distrust_facet_cache;
        }
        // Another process may have built them for this very state: reading that file is a fraction of
        // reading every figure's values, which a one-shot search process would otherwise pay.
        const std::filesystem::path cache = search::facet_cache_folder();
        for (std::size_t k = 0; k < shards.size(); ++k) {
            if (tables[k]) continue;
            if (trust_cache) tables[k] = search::load_facet_table(cache, keys[k]);
            if (!tables[k] && build) {
                tables[k] = search::FacetTable::build(shards[k], std::move(keys[k]));
                search::save_facet_table(cache, *tables[k]);
            }
            if (!tables[k]) return {};
        }
        std::lock_guard lock(mutex);
        facet_tables = tables;
        return tables;
    }

    /// After a DamagedFacetTable: removes the cached files the tables came from (the tables built next
    /// replace them) and builds this searcher's tables from the index from now on.
    void forget_facet_tables() const {
        std::vector<std::shared_ptr<const search::FacetTable>> damaged;
        {
            std::lock_guard lock(mutex);
            damaged = std::move(facet_tables);
            facet_tables.clear();
            distrust_facet_cache = true;
        }
        for (const auto& table : damaged) {
            const std::string name = table ? search::facet_table_file_name(table->key) : "";
            std::error_code ignored;  // Best effort: an unremovable file is no longer read by this searcher.
            if (!name.empty()) std::filesystem::remove(search::facet_cache_folder() / name, ignored);
        }
    }

    /// The gene table for the state `lease` sees: cached per revision like the facet table.
    std::shared_ptr<const search::GeneTable> gene_table_for(const Lease& lease) const {
        // Local shards too: the table is over the combined document ids, valid while no shard changes.
        std::optional<search::FacetTableKey> key = search::local_state_key(lease.shards());
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
    /// revision under the handle, one with fresh connections after a connection or database failure
    /// (README "Beyond one machine"), one with a facet table built from the index after a damaged cached
    /// one, Xapian errors as DatabaseError naming the index and `what`.
    template <typename F>
    auto guarded(const char* what, F&& f) const -> decltype(f(std::declval<const Lease&>())) {
        for (int attempt = 0;; ++attempt) {
            std::optional<Lease> lease;
            std::string failure;
            bool retry = false;
            try {
                lease.emplace(borrow());
                try {
                    return f(*lease);
                } catch (const Xapian::DatabaseModifiedError&) {
                    lease->db().reopen();
                    return f(*lease);
                }
            } catch (const Error&) {
                throw;
            } catch (const search::DamagedFacetTable& e) {
                // Answered again (the lease is sound) from a table built from the index.
                forget_facet_tables();
                if (attempt == 0) continue;
                failure = e.what();
            } catch (const Xapian::WildcardError& e) {
                throw QueryError("query error: a wildcard matches too many words of the index (more than " +
                                 std::to_string(search::kMaxWildcardTerms) + "); make it longer (" +
                                 e.get_msg() + ")");
            } catch (const Xapian::NetworkError& e) {
                // A remote connection that went stale, idle past the server's timeout, or broke.
                failure = e.get_description();
                retry = true;
            } catch (const Xapian::DatabaseError& e) {
                // E.g. a generation switched under a running xapian-tcpsrv.
                failure = e.get_description();
                retry = true;
            } catch (const Xapian::Error& e) {
                failure = e.get_description();
            }
            if (lease) lease->discard();
            if (retry && attempt == 0) {
                drop_pool();  // The other pooled connections are likely stale too.
                continue;
            }
            throw DatabaseError(std::string(what) + " the index '" + where + "': " + failure);
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
    bool built_with_pairs = false;
    SearchResult result = guarded("searching", [&](const Lease& lease) {
        // Built again only when a retry's handle sees the index otherwise (a sync in between).
        if (!built || built_with_pairs != lease.target().phrase_pairs) {
            built = search::build_query(parsed.root, lease.lexicon(), request.synonyms, lease.target());
            built_with_pairs = lease.target().phrase_pairs;
        }
        SearchResult found = lease.mark_missing(run_once(lease, request, parsed.root, *built));
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
        search::corrected_query(request.query, root, lease.words(), lease.lexicon());
    if (!corrected) return std::nullopt;
    const search::BuiltQuery built = search::build_query(search::parse_query(*corrected), lease.lexicon(),
                                                         request.synonyms, lease.target());
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
    const bool filtered = has_filters(request);
    // Filters check the facet tables' codes when they are at hand (facet_filter.hpp), a table per
    // local shard; facets build them.
    const std::vector<std::shared_ptr<const search::FacetTable>> tables =
        request.facets || filtered ? facet_tables_for(lease, request.facets)
                                   : std::vector<std::shared_ptr<const search::FacetTable>>{};
    const Xapian::Query query = search::with_filters(lease.db(), built.query, request.year_from,
                                                     request.year_to, request.organisms, tables);

    Xapian::Enquire enquire(db);
    // The query's own length, not counting the filters' terms: BM25's k2 uses it, and scores must not
    // depend on how a filter is checked (organism terms count in Xapian's length, facet codes do not).
    const Xapian::termcount query_length = built.query.get_length();
    enquire.set_query(query, query_length);
    const Bm25Params& p = request.bm25;
    const Xapian::BM25Weight weight(p.k1, p.k2, p.k3, p.b, p.min_normlen);
    enquire.set_weighting_scheme(weight);
    if (request.sort == SortOrder::year) {
        // Descending byte order of sortable_serialise(year); a figure without a year has no value,
        // which sorts below every year, so unknown years come last.
        enquire.set_sort_by_value_then_relevance(terms::kSlotYearSortable, true);
    }
    // One local shard (the facet table's condition), no filter, and a query whose weight comes from
    // alternatives (MatchWalk::pays_for): the matches are counted by walking their posting lists, and
    // the matcher only ranks the page (match_walk.hpp). Otherwise the matcher weighs every match.
    std::optional<search::MatchWalk> walk;
    if (!filtered && search::MatchWalk::pays_for(built.query) && lease.one_local_shard()) {
        walk = search::MatchWalk::plan(db, built.query);
    }
    std::optional<search::FacetSpies> spies;
    bool facets_apart = false;
    bool facets_by_shard = false;  // Several local shards: a table and an unranked match each.
    std::vector<std::size_t> chosen;
    if (request.facets) {
        chosen = search::choose_facets(request.facet_names);
        if (tables.size() == 1) {
            spies.emplace(tables.front(), std::move(chosen));
            if (!walk) spies->attach(enquire);
        } else if (!tables.empty()) {
            spies.emplace(tables, std::move(chosen));
            facets_by_shard = true;
        } else if (search::facets_need_own_pass(request.sort)) {
            facets_apart = true;
        } else {
            walk.reset();  // only a FacetTable counts matches found outside the matcher
            spies.emplace(std::move(chosen));
            spies->attach(enquire);
        }
    }

    const Xapian::doccount docs = db.get_doccount();
    const Xapian::doccount first = static_cast<Xapian::doccount>(std::min<std::size_t>(request.offset, docs));
    const Xapian::doccount count = static_cast<Xapian::doccount>(std::min<std::size_t>(request.limit, docs));
    // Without a walk or a count by shard, checkatleast = all documents: the match counts every hit, so
    // totals and facets are exact. With either, the matcher may skip what cannot reach the page (its top
    // is the same), and the total is theirs.
    Xapian::MSet mset = enquire.get_mset(first, count, walk || facets_by_shard ? 0 : docs);

    SearchResult result;
    result.query = request.query;
    if (facets_by_shard) {
        result.total = search::count_facets_by_shard(lease.shards(), query, *spies);
    } else if (walk) {
        std::size_t matches = 0;
        for (Xapian::docid did = walk->next(); did != 0; did = walk->next(), ++matches) {
            if (spies) spies->count(did);
        }
        result.total = matches;
    } else {
        // Every match was visited, so the bounds meet; Xapian 1.4's estimate can stray outside them
        // when a posting source overestimates (facet_filter.cpp).
        result.total = mset.get_matches_lower_bound() == mset.get_matches_upper_bound()
                           ? mset.get_matches_lower_bound()
                           : mset.get_matches_estimated();
    }
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
            // Gene names come from the spans stored with the document; the lexicon only recognises
            // them in documents written before spans were stored.
            const analysis::Lexicon* lexicon = &lease.lexicon();
            const auto* caption_genes = stored.caption_genes ? &*stored.caption_genes : nullptr;
            const auto* title_genes = stored.title_genes ? &*stored.title_genes : nullptr;
            const std::string title = analysis::nfkc(stored.title);
            std::string_view text = stored.caption;
            search::TextGenes genes(caption_genes, lexicon);
            if (text.empty()) {
                text = title;
                genes = search::TextGenes(title_genes, lexicon);
            }
            search::Snippet s = search::make_snippet(text, built.highlights, genes, request.snippet_length);
            search::add_listed_genes(s, it.get_document().get_value(terms::kSlotGeneSet), built.highlights);
            hit.snippet = std::move(s.text);
            hit.highlights = std::move(s.highlights);
            // Ranges found in the NFKC form only fit a title that NFKC leaves as it is (nearly all).
            if (title == stored.title) {
                hit.title_highlights = search::highlight_all(stored.title, built.highlights,
                                                             search::TextGenes(title_genes, lexicon));
            }
        }
        index::move_into_hit(stored, hit);
        result.hits.push_back(std::move(hit));
    }
    if (spies) result.facets = spies->collect();
    if (facets_apart) result.facets = search::count_facets_apart(db, query, chosen);
    if (request.explain) {
        auto weighted_by = [&](std::size_t part) {
            return search::build_query(root, lease.lexicon(), request.synonyms, lease.target(), part).query;
        };
        search::explain_hits(db, built.parts, weighted_by, query_length, weight, p.k2 > 0, docids,
                             result.hits);
    }
    return result;
}

Searcher::Searcher(const std::string& path) : Searcher(path, SearchOptions{}) {}

Searcher::Searcher(const std::vector<std::string>& shard_paths) : Searcher(shard_paths, SearchOptions{}) {}

Searcher::Searcher(const std::string& path, const SearchOptions& options)
    : impl_(std::make_unique<Impl>(std::vector<std::string>{path}, options)) {}

Searcher::Searcher(const std::vector<std::string>& shard_paths, const SearchOptions& options)
    : impl_(std::make_unique<Impl>(shard_paths, options)) {}

Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

SearchResult Searcher::search(const SearchRequest& request) const { return impl_->run(request); }

IndexStats Searcher::stats() const {
    std::string id;
    std::vector<search::ShardSpec> specs;
    {
        std::lock_guard lock(impl_->mutex);
        id = impl_->lexicon_id;
        specs = impl_->specs;
    }
    return impl_->guarded("summarising", [&](const Impl::Lease& lease) {
        IndexStats st = search::compute_stats(lease.db(), impl_->paths, lease.lexicon(), id);
        st = lease.mark_missing(std::move(st));
        st.phrase_pairs = lease.target().phrase_pairs;
        st.vocabulary_listed = lease.words().listed != nullptr;
        st.shards = search::shard_stats(specs, lease.shards(), st.missing);
        return st;
    });
}

void Searcher::reopen() { impl_->reopen(); }

EnrichResult Searcher::enrich(const EnrichRequest& request) const {
    check_filters(request);
    search::parse_query(request.query);  // A malformed query fails before any work.
    return impl_->guarded("enriching over", [&](const Impl::Lease& lease) {
        auto genes = impl_->gene_table_for(lease);
        // The tables (one per local shard) count facets, and answer filters when at hand
        // (facet_filter.hpp).
        const bool filtered = has_filters(request);
        search::ShardFacetTables facets;
        if (request.facets || filtered) facets.tables = impl_->facet_tables_for(lease, request.facets);
        EnrichResult result;
        const std::vector<std::string> symbols =
            search::resolve_gene_names(lease.lexicon(), request.genes, request.expand_families, result.input);
        search::run_enrichment({lease.db(), lease.lexicon(), *genes, facets, lease.target().phrase_pairs,
                                lease.one_local_shard()},
                               request, symbols, 0, result);
        return lease.mark_missing(std::move(result));
    });
}

SimilarResult Searcher::similar(const SimilarRequest& request) const {
    check_filters(request);
    return impl_->guarded("finding similar figures in", [&](const Impl::Lease& lease) {
        const Xapian::docid did = search::find_figure(lease.db(), request.figid);
        if (did == 0) throw Error(ErrorCode::invalid_argument, "no figure '" + request.figid + "' in the index");
        auto genes = impl_->gene_table_for(lease);
        return lease.mark_missing(search::run_similar(
            {lease.db(), lease.lexicon(), *genes, {}, lease.target().phrase_pairs, lease.one_local_shard()},
            request, did));
    });
}

GeneSets Searcher::gene_sets(const SearchRequest& request) const {
    check_request(request);
    search::parse_query(request.query);
    return impl_->guarded("exporting gene sets from", [&](const Impl::Lease& lease) {
        auto genes = impl_->gene_table_for(lease);
        const search::GeneTable& t = *genes;
        search::ShardFacetTables codes;  // Filters read the shards' tables when they are at hand.
        if (has_filters(request)) codes.tables = impl_->facet_tables_for(lease, false);
        const auto selected = search::select_documents(
            lease.db(), lease.lexicon(),
            {request.query, request.synonyms, request.year_from, request.year_to, request.organisms},
            lease.target().phrase_pairs, lease.one_local_shard(), codes);
        GeneSets found;
        std::vector<GeneSetEntry>& out = found.sets;
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
        return lease.mark_missing(std::move(found));
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
