// index_paths(): one indexing run. Takes the write lock, then either builds a complete new generation
// in parallel and switches to it atomically (new or empty index, --rebuild), or syncs the live index.
#include <xapian.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "schema/terms.hpp"
#include "capsearch/error.hpp"
#include "capsearch/index.hpp"
#include "indexer/db_errors.hpp"
#include "indexer/fault_injection.hpp"
#include "indexer/file_walk.hpp"
#include "indexer/full_build.hpp"
#include "indexer/incremental_sync.hpp"
#include "indexer/run_lexicon.hpp"
#include "schema/index_meta.hpp"
#include "schema/layout.hpp"
#include "schema/lexicon_store.hpp"
#include "indexer/run_observer.hpp"
#include "indexer/writer_lock.hpp"

namespace fs = std::filesystem;

namespace capsearch {
namespace {

std::vector<std::string> indexed_figids(const Xapian::Database& db) {
    const std::string prefix(terms::kFigid);
    std::vector<std::string> out;
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
        out.push_back((*t).substr(prefix.size()));
    }
    return out;  // Sorted, as Xapian lists terms.
}

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

}  // namespace

IndexReport index_paths(const std::string& db_path, const std::vector<std::string>& paths,
                        const IndexOptions& options) {
    try {
        check_arguments(paths, options);
        index::RunObserver observer(options);
        IndexReport report;

        index::WriterLock lock = index::WriterLock::acquire(db_path, true);
        const index::Layout layout = lock.layout();
        const bool ours = layout.kind == index::LayoutKind::generations;
        if (ours) index::remove_leftovers(layout.db, layout.live);

        const index::WalkResult walk = index::walk_paths(paths, options.extensions);
        report.files_found = walk.files.size();
        for (const SkippedRecord& problem : walk.problems) observer.skip(0, problem);

        Xapian::WritableDatabase& db = lock.database();
        const Xapian::doccount existing = db.get_doccount();
        const std::string old_lexicon = index::stored_lexicon_id(db);
        const index::RunLexicon chosen = index::choose_lexicon(db, db_path, options);
        const std::shared_ptr<const analysis::Lexicon>& lexicon = chosen.lexicon;
        report.lexicon_id = lexicon->id();
        report.lexicon_source = chosen.source;
        // Another lexicon, or the same one applied by an older analysis: every record is read again.
        const bool analysis_changed = existing > 0 && !index::current_analysis(db);
        report.lexicon_changed = (existing > 0 && old_lexicon != lexicon->id()) || analysis_changed;

        if ((options.rebuild || existing == 0) && ours) {
            const std::vector<std::string> before =
                existing > 0 ? indexed_figids(db) : std::vector<std::string>{};
            const std::string generation = index::generation_name(index::next_generation(layout.db));
            index::BuildResult built;
            try {
                built = index::build_generation(layout.db, generation, walk, *lexicon, options, observer);
                index::switch_generation(layout.db, generation);
                index::fault_point("build-switched");
            } catch (...) {
                // A failed build (a full disk, ...) leaves nothing behind: its generation and work
                // folders go, and an index this run created goes whole rather than staying empty.
                index::remove_generation(layout.db, generation);
                index::remove_generation(layout.db, generation + ".shards");
                if (lock.created()) {
                    lock.release();
                    index::remove_created_index(layout.db);
                }
                throw;
            }
            analysis::store_index_lexicon_image(db_path, *lexicon);
            lock.release();
            index::remove_generation(layout.db, layout.live);
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
            index::SyncPlan plan;
            plan.lexicon = lexicon.get();
            plan.reanalyse_all = report.lexicon_changed;
            plan.write_metadata = old_lexicon != lexicon->id() || analysis_changed ||
                                  db.get_metadata(terms::kMetaSchema).empty();
            index::sync_in_place(db, walk, plan, options, observer, report);
            analysis::store_index_lexicon_image(db_path, *lexicon);
            lock.release();
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
