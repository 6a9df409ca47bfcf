// index_paths(): one indexing run. Takes the write lock, then either builds a complete new generation
// in parallel and switches to it atomically (new or empty index, --rebuild, a sync that analyses every
// record again), or syncs the live index in place.
#include <xapian.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "capsearch/error.hpp"
#include "capsearch/index.hpp"
#include "indexer/db_errors.hpp"
#include "indexer/fault_injection.hpp"
#include "indexer/file_walk.hpp"
#include "indexer/full_build.hpp"
#include "indexer/incremental_sync.hpp"
#include "indexer/reanalysis.hpp"
#include "indexer/run_lexicon.hpp"
#include "indexer/run_observer.hpp"
#include "indexer/writer_lock.hpp"
#include "schema/index_meta.hpp"
#include "schema/layout.hpp"
#include "schema/lexicon_store.hpp"
#include "schema/terms.hpp"

namespace fs = std::filesystem;

namespace capsearch {
namespace {

// Counts a full build against what the index held before, by figid.
void count_against(const std::vector<std::string>& before, const std::vector<std::string>& after,
                   IndexReport& report) {
    std::size_t i = 0, j = 0;
    while (i < before.size() || j < after.size()) {
        if (j == after.size() || (i < before.size() && before[i] < after[j])) {
            ++report.deleted;
            ++i;
        } else if (i == before.size() || after[j] < before[i]) {
            ++report.added;
            ++j;
        } else {
            ++report.updated;
            ++i;
            ++j;
        }
    }
}

void check_arguments(const std::vector<std::string>& paths, const IndexOptions& options) {
    if (options.batch_size == 0)
        throw Error(ErrorCode::invalid_argument, "the batch size must be at least 1");
    if (paths.empty())
        throw Error(ErrorCode::invalid_argument, "nothing to index: no files or folders given");
    for (const std::string& p : paths) {
        std::error_code ec;
        if (!fs::exists(p, ec)) throw Error(ErrorCode::io, p + ": no such file or folder");
    }
}

// The shards this run leaves the index with: options.shards, else what the index records. Another
// count than an index with figures records needs --rebuild (which re-shards).
unsigned shard_count(const index::Layout& layout, const IndexOptions& options, Xapian::doccount existing,
                     const std::string& db_path) {
    const auto recorded =
        static_cast<unsigned>(layout.kind == index::LayoutKind::sharded ? layout.shards.size() : 1);
    if (options.shards == 0) return recorded;
    if (options.shards != recorded && existing > 0 && !options.rebuild) {
        throw Error(ErrorCode::invalid_argument, "index " + db_path + " has " + std::to_string(recorded) +
                                                     (recorded == 1 ? " shard" : " shards") + ", not " +
                                                     std::to_string(options.shards) +
                                                     ": add --rebuild to re-shard it, or leave out "
                                                     "--shards to sync it as it is");
    }
    if (options.shards > 1 && layout.kind == index::LayoutKind::plain) {
        throw Error(ErrorCode::invalid_argument,
                    db_path +
                        " is a plain Xapian database, not in capsearch's layout: "
                        "--shards needs a new folder");
    }
    return options.shards;
}

// Builds a complete new generation of every shard (one pipeline routing figures to `shards` outputs)
// and makes it live with one switch: DB/XAPIANDB names either the one generation or every shard's.
// The old generations (and shards a re-shard dropped) are removed afterwards.
index::BuildResult build_and_switch(index::WriterLock& lock, unsigned shards, const index::WalkResult& walk,
                                    const analysis::Lexicon& lexicon, const IndexOptions& options,
                                    index::RunObserver& observer, index::CarryOver* carry = nullptr) {
    const index::Layout old = lock.layout();
    const fs::path& db = old.db;
    const std::string generation = index::generation_name(index::next_generation_everywhere(db));
    std::vector<fs::path> outputs;
    if (shards == 1) outputs.push_back(db / generation);
    for (unsigned k = 0; shards > 1 && k < shards; ++k) {
        outputs.push_back(db / index::shard_folder_name(k) / generation);
    }
    index::BuildResult built;
    try {
        for (const fs::path& out : outputs) fs::create_directories(out.parent_path());
        built =
            index::build_shards(db, generation + ".shards", outputs, walk, lexicon, options, observer, carry);
        index::switch_to(db, shards, generation);
        index::fault_point("build-switched");
    } catch (...) {
        // A failed build (a full disk, ...) leaves nothing behind: its generations and work folders
        // go, and an index this run created goes whole rather than staying empty.
        index::remove_generation(db, generation + ".shards");
        for (const fs::path& out : outputs) index::remove_generation(out.parent_path(), generation);
        if (lock.created()) {
            lock.release();
            index::remove_created_index(db);
        }
        throw;
    }
    analysis::store_index_lexicon_image(db.string(), lexicon);
    lock.release();
    // Only what the old layout named goes here (a writer may already be at work); anything else an
    // interrupted run left is removed by the next run under the lock.
    if (old.kind == index::LayoutKind::generations) index::remove_generation(db, old.live);
    for (std::size_t k = 0; k < old.shards.size(); ++k) {
        if (k < shards && shards > 1) {
            index::remove_generation(db, old.shards[k]);
        } else {
            index::remove_generation(db, index::shard_folder_name(static_cast<unsigned>(k)));  // Dropped.
        }
    }
    return built;
}

}  // namespace

IndexReport index_paths(const std::string& db_path, const std::vector<std::string>& paths,
                        const IndexOptions& options) {
    try {
        check_arguments(paths, options);
        index::RunObserver observer(options);
        IndexReport report;

        index::WriterLock lock = index::WriterLock::acquire(db_path, true);
        const index::Layout layout = lock.layout();
        const bool ours = layout.kind != index::LayoutKind::plain;
        if (layout.kind == index::LayoutKind::generations) index::remove_leftovers(layout.db, layout.live);
        if (ours) index::remove_shard_leftovers(layout);

        const index::WalkResult walk = index::walk_paths(paths, options.extensions);
        report.files_found = walk.files.size();
        for (const SkippedRecord& problem : walk.problems) observer.skip(0, problem);

        const Xapian::Database db = lock.reader();
        const Xapian::doccount existing = db.get_doccount();
        const std::string old_lexicon = index::stored_lexicon_id(db);
        const index::RunLexicon chosen = index::choose_lexicon(db, db_path, options);
        const std::shared_ptr<const analysis::Lexicon>& lexicon = chosen.lexicon;
        report.lexicon_id = lexicon->id();
        report.lexicon_source = chosen.source;
        // Another lexicon, or the same one applied by an older analysis: every record is read again.
        const bool analysis_changed = existing > 0 && !index::current_analysis(db);
        report.lexicon_changed = (existing > 0 && old_lexicon != lexicon->id()) || analysis_changed;
        const unsigned shards = shard_count(layout, options, existing, db_path);

        if ((options.rebuild || existing == 0) && ours) {
            const std::vector<std::string> before =
                existing > 0 ? index::indexed_figids(db) : std::vector<std::string>{};
            const index::BuildResult built =
                build_and_switch(lock, shards, walk, *lexicon, options, observer);
            count_against(before, built.figids, report);
            report.rebuilt = existing > 0;
            report.documents = built.documents;
        } else {
            if (options.rebuild) {
                throw DatabaseError("cannot rebuild " + db_path +
                                    ": it is a plain Xapian database, not in capsearch's layout (DB/XAPIANDB "
                                    "naming DB/gen-NNNNNN); index into a new folder instead");
            }
            index::check_schema(db, db_path);
            // Every record analysed again: in parallel into a new generation, unless the index keeps
            // more documents unread than the walk holds.
            std::optional<index::KeptDocuments> kept;
            if (report.lexicon_changed && ours) kept.emplace(db, walk, options, observer);
            if (kept && kept->worth_building()) {
                const index::BuildResult built =
                    build_and_switch(lock, shards, walk, *lexicon, options, observer, &*kept);
                kept->count(built, report);
                report.documents = built.documents;
            } else {
                index::SyncPlan plan;
                plan.lexicon = lexicon.get();
                plan.reanalyse_all = report.lexicon_changed;
                plan.write_metadata = old_lexicon != lexicon->id() || analysis_changed ||
                                      db.get_metadata(terms::kMetaSchema).empty();
                index::ShardSet live(lock.shards(), lock.layout());
                index::sync_in_place(live, walk, plan, options, observer, report);
                analysis::store_index_lexicon_image(db_path, *lexicon);
                lock.release();
            }
        }
        report.skipped = observer.sorted_skips();
        report.seconds = observer.seconds();
        observer.progress(walk.files.size(), true);
        return report;
    } catch (...) {
        index::rethrow_translated(db_path);
    }
}

}  // namespace capsearch
