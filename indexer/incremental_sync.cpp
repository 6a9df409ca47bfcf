// In-place sync of an index with a walk of record files (see incremental_sync.hpp).
#include "indexer/incremental_sync.hpp"

#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "indexer/document.hpp"
#include "indexer/fault_injection.hpp"
#include "indexer/ordered_pipeline.hpp"
#include "indexer/source_file.hpp"
#include "schema/index_meta.hpp"
#include "schema/terms.hpp"

namespace capsearch::index {
namespace {

const std::string kPathPrefix(terms::kPath);
const std::string kFigidPrefix(terms::kFigid);

// Results analysed ahead of the writer, per worker thread.
constexpr std::size_t kBacklogPerThread = 256;

// A file that needs reading: new, or its stamp differs from the indexed one.
struct Candidate {
    std::size_t file = 0;
    Xapian::docid doc = 0;   // Its current document, 0 when it has none.
    std::string known_hash;  // That document's content hash ("" forces analysis).
};

class Syncer {
  public:
    Syncer(ShardSet& shards, const WalkResult& walk, const IndexOptions& options, RunObserver& observer,
           IndexReport& report)
        : shards_(shards),
          db_(shards.reader()),
          walk_(walk),
          options_(options),
          observer_(observer),
          report_(report) {}

    void run(const SyncPlan& plan) {
        observer_.set_total(walk_.files.size());
        lexicon_ = plan.lexicon;
        pending_files_.assign(walk_.files.size(), false);
        std::vector<Candidate> candidates = classify(plan.reanalyse_all);
        const std::vector<std::string> gone =
            options_.delete_missing ? gone_paths(db_, walk_) : std::vector<std::string>{};

        // Each batch of records is one Xapian transaction: a sync that fits in one batch commits once,
        // all of it or none, and Xapian's own flush threshold never commits half a batch.
        shards_.begin_transaction();
        const unsigned threads = resolve_thread_count(options_.threads);
        run_ordered<Analysis>(
            candidates.size(), threads, kBacklogPerThread * threads,
            [&](std::size_t c) {
                const Candidate& cand = candidates[c];
                return analyse_file(walk_.files[cand.file], *plan.lexicon, cand.known_hash);
            },
            [&](std::size_t c, Analysis&& a) { apply(candidates[c], std::move(a)); },
            [&] { observer_.progress(done_); });
        // Every file has been read now, so the figids of the later files these wait for are known.
        for (auto& [c, a] : deferred_) {
            c.doc = first_document(db_, kPathPrefix + walk_.files[c.file].path);
            store(c, a);
            record_done();
        }

        for (const std::string& path : gone) {
            delete_gone(path);
            record_done();
        }
        if (plan.write_metadata) shards_.write_metadata(*plan.lexicon);
        count_touched();
        shards_.commit_transaction();
        report_.documents = db_.get_doccount();
    }

  private:
    // One pass over the file list: files whose stamp matches their document's are unchanged unread.
    std::vector<Candidate> classify(bool reanalyse_all) {
        std::vector<Candidate> candidates;
        for (std::size_t i = 0; i < walk_.files.size(); ++i) {
            const WalkedFile& f = walk_.files[i];
            Candidate c{i, first_document(db_, kPathPrefix + f.path), ""};
            if (c.doc != 0 && !reanalyse_all) {
                const Xapian::Document doc = db_.get_document(c.doc);
                const std::string stamp = doc.get_value(terms::kSlotFileStamp);
                if (!stamp.empty() && stamp == f.stamp) {
                    ++report_.unchanged;
                    ++done_;
                    observer_.progress(done_);
                    continue;
                }
                c.known_hash = doc.get_value(terms::kSlotContentHash);
            }
            pending_files_[i] = true;
            candidates.push_back(std::move(c));
        }
        return candidates;
    }

    void apply(Candidate c, Analysis&& a) {
        const WalkedFile& f = walk_.files[c.file];
        pending_files_[c.file] = false;
        // An earlier file may have taken this file's document over (same figid) since classify().
        const Xapian::docid current = first_document(db_, kPathPrefix + f.path);
        if (current != c.doc) {
            c.doc = current;
            if (a.kind == Analysis::Kind::same_content) a = analyse_file(f, *lexicon_, "");
        }
        switch (a.kind) {
            case Analysis::Kind::skipped:
                // A file that turned bad keeps the document it had: nothing indexed is lost.
                observer_.skip(c.file, std::move(a.skip));
                break;
            case Analysis::Kind::same_content:
                refresh_stamp(c.doc, f.stamp);
                ++report_.unchanged;
                break;
            case Analysis::Kind::document:
                if (!store(c, a)) deferred_.emplace_back(c, std::move(a));
                break;
        }
        record_done();
        ++done_;
        observer_.progress(done_);
    }

    void refresh_stamp(Xapian::docid doc_id, const std::string& stamp) {
        Xapian::Document doc = db_.get_document(doc_id);
        if (doc.get_value(terms::kSlotFileStamp) == stamp) return;
        doc.add_value(terms::kSlotFileStamp, stamp);
        shards_.replace(doc_id, doc);
        changed();
    }

    // Stores a changed or new record; false (nothing done) when it must wait for the end of the run.
    // When several files hold one figid, the last in walk order keeps it and the others are reported.
    bool store(const Candidate& c, Analysis& a) {
        const std::string id_term = terms::figid_term(a.figid);
        const Xapian::docid holder = first_document(db_, id_term);
        if (holder != 0 && holder != c.doc) {
            const std::string owner = term_value(db_, holder, kPathPrefix);
            const std::size_t owner_pos = owner.empty() ? WalkResult::npos : walk_.find(owner);
            // The holder is a later file still to be read: its figid may be changing, so decide later.
            if (owner_pos != WalkResult::npos && owner_pos > c.file && pending_files_[owner_pos])
                return false;
            if (owner_pos != WalkResult::npos && owner_pos > c.file) {
                observer_.skip(c.file, {walk_.files[c.file].path, 0,
                                        "duplicate figid " + a.figid + " also in " + owner});
                // The file no longer holds the figure its old document was for.
                if (c.doc != 0) delete_document(c.doc);
                return true;
            }
            if (owner_pos != WalkResult::npos) {
                observer_.skip(
                    owner_pos,
                    {owner, 0, "duplicate figid " + a.figid + " also in " + walk_.files[c.file].path});
            }
        }
        touch(a.figid);
        if (c.doc != 0 && c.doc != holder) touch(term_value(db_, c.doc, kFigidPrefix));
        shards_.put_figure(a.figid, a.document);
        changed();
        if (c.doc != 0 && c.doc != holder) delete_document(c.doc);  // Its figid changed.
        return true;
    }

    void delete_gone(const std::string& path) {
        const std::string term = kPathPrefix + path;
        std::vector<Xapian::docid> docs;
        for (auto p = db_.postlist_begin(term); p != db_.postlist_end(term); ++p) docs.push_back(*p);
        for (Xapian::docid d : docs) delete_document(d);
    }

    void delete_document(Xapian::docid d) {
        touch(term_value(db_, d, kFigidPrefix));
        shards_.remove(d);
        changed();
    }

    // Remembers whether a figure existed before this run first changed it, so that the report counts
    // figures (added, updated, deleted) however many steps changed them.
    void touch(const std::string& figid) {
        if (figid.empty() || touched_.count(figid)) return;
        touched_.emplace(figid, db_.term_exists(terms::figid_term(figid)));
    }

    void count_touched() {
        for (const auto& [figid, existed] : touched_) {
            const bool exists = db_.term_exists(terms::figid_term(figid));
            if (existed && exists) ++report_.updated;
            if (!existed && exists) ++report_.added;
            if (existed && !exists) ++report_.deleted;
        }
    }

    // Marks the record being applied as a change; record_done() commits whole batches of them.
    void changed() { record_changed_ = true; }

    // Called after each record (a file applied, a deferred one stored, a gone one deleted), never in
    // the middle of one: batches count records, however many Xapian operations each took.
    void record_done() {
        if (!record_changed_) return;
        record_changed_ = false;
        if (++uncommitted_ >= options_.batch_size) {
            shards_.commit_transaction();
            shards_.begin_transaction();
            uncommitted_ = 0;
        }
        fault_point("sync-record");
    }

    ShardSet& shards_;
    const Xapian::Database& db_;  // Reads: every shard.
    const WalkResult& walk_;
    const IndexOptions& options_;
    RunObserver& observer_;
    IndexReport& report_;
    const analysis::Lexicon* lexicon_ = nullptr;
    std::vector<bool> pending_files_;  // Files classified as candidates and not yet applied.
    std::vector<std::pair<Candidate, Analysis>> deferred_;
    std::unordered_map<std::string, bool> touched_;  // Figid -> existed before the run.
    std::size_t done_ = 0;
    std::size_t uncommitted_ = 0;  // Changed records since the last commit.
    bool record_changed_ = false;  // The record being applied has changed the index.
};

}  // namespace

std::vector<std::string> gone_paths(const Xapian::Database& db, const WalkResult& walk) {
    std::vector<std::string> gone;
    for (const std::string& folder : walk.folder_roots) {
        const std::string prefix = kPathPrefix + (folder == "/" ? folder : folder + "/");
        for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
            const std::string path = (*t).substr(kPathPrefix.size());
            if (walk.find(path) == WalkResult::npos && walk.covers(path)) gone.push_back(path);
        }
    }
    return gone;
}

std::vector<std::string> indexed_figids(const Xapian::Database& db) {
    std::vector<std::string> out;
    for (auto t = db.allterms_begin(kFigidPrefix); t != db.allterms_end(kFigidPrefix); ++t) {
        out.push_back((*t).substr(kFigidPrefix.size()));
    }
    return out;  // Sorted, as Xapian lists terms.
}

Xapian::docid first_document(const Xapian::Database& db, const std::string& term) {
    auto it = db.postlist_begin(term);
    return it == db.postlist_end(term) ? 0 : *it;
}

std::string term_value(const Xapian::Database& db, Xapian::docid doc, const std::string& prefix) {
    auto it = db.termlist_begin(doc);
    it.skip_to(prefix);
    if (it == db.termlist_end(doc)) return "";
    const std::string term = *it;
    return term.rfind(prefix, 0) == 0 ? term.substr(prefix.size()) : "";
}

void sync_in_place(ShardSet& shards, const WalkResult& walk, const SyncPlan& plan,
                   const IndexOptions& options, RunObserver& observer, IndexReport& report) {
    Syncer(shards, walk, options, observer, report).run(plan);
}

}  // namespace capsearch::index
