// Parallel build of a complete generation (see full_build.hpp).
#include "indexer/full_build.hpp"

#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <utility>

#include "indexer/disk_space.hpp"
#include "indexer/document.hpp"
#include "indexer/fault_injection.hpp"
#include "indexer/ordered_pipeline.hpp"
#include "indexer/segment_merge.hpp"
#include "indexer/source_file.hpp"
#include "schema/index_meta.hpp"
#include "schema/layout.hpp"
#include "schema/shard_route.hpp"
#include "schema/vocabulary.hpp"

namespace fs = std::filesystem;

namespace capsearch::index {
namespace {

// Below this many files per thread, another thread costs more (one more segment to merge) than it
// saves.
constexpr std::size_t kMinFilesPerThread = 200;

// Before any segment has been written, a segment is assumed to take this many times the size of its
// record files: about twice the most measured (segments of the 193 real PFOCR records
// took 4.6x, of 2,000 records generated from them 3.7-3.8x, of the test fixtures 3.0-4.5x).
constexpr std::uintmax_t kSourceFactor = 8;

// The size of a walked record file: from its stamp ("size:mtime_ns"), else asked again.
std::uintmax_t record_bytes(const WalkedFile& file) {
    if (const std::size_t colon = file.stamp.find(':'); colon != std::string::npos) {
        return std::stoull(file.stamp.substr(0, colon));
    }
    std::error_code ec;
    const std::uintmax_t size = fs::file_size(file.path, ec);
    return ec ? 0 : size;
}

// What the analysing threads share with the calling thread.
struct BuildState {
    std::mutex mu;
    std::condition_variable changed;
    std::vector<std::pair<std::size_t, SkippedRecord>> new_skips;
    std::size_t finished_threads = 0;
    std::atomic<std::size_t> done{0};
    std::atomic<bool> stop{false};
    explicit BuildState(const fs::path& db) : space(db) {}
    SpaceBudget space;                         // Free space held by the segment commits under way.
    std::atomic<std::uintmax_t> doc_bytes{0};  // Most bytes per document of a segment written so far.
};

// The segments of one thread, in the order it wrote them, and the output shard each is for.
struct ThreadSegments {
    fs::path folder;
    std::vector<fs::path> paths;
    std::vector<unsigned> shard;  ///< Per path: the output it goes to.
};

// A segment being written: the database and how many documents it holds. Its documents are one
// transaction, so that a segment dropped by a failure is cancelled, not committed by its destructor.
struct OpenSegment {
    std::optional<Xapian::WritableDatabase> db;
    fs::path path;
    std::size_t docs = 0;
    std::uintmax_t source_bytes = 0;  ///< Of its documents' record files.
    std::size_t index = 0;            ///< Among its thread's segments (ThreadSegments::paths).

    void open(const fs::path& where) {
        path = where;
        // No fsync: a segment is worthless after a crash, and the merged generation is flushed.
        db.emplace(path.string(), Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
        db->begin_transaction();
    }

    // Commits the segment once the file system has room for it (see disk_space.hpp): as much per
    // document as the largest segment so far, with half again to spare, or before any is written,
    // kSourceFactor times its records' size.
    void finish(BuildState& state) {
        if (!db) return;
        const std::uintmax_t per_doc = state.doc_bytes.load();
        const std::uintmax_t estimate =
            kCommitOverhead + (per_doc > 0 ? docs * per_doc * 3 / 2 : source_bytes * kSourceFactor);
        {
            const SpaceBudget::Hold hold = state.space.reserve(
                path, estimate, "writing a segment of " + std::to_string(docs) + " records");
            db->commit_transaction();
            db->close();
        }
        db.reset();
        const std::uintmax_t written = folder_bytes(path) / std::max<std::size_t>(docs, 1);
        for (std::uintmax_t seen = state.doc_bytes.load();
             written > seen && !state.doc_bytes.compare_exchange_weak(seen, written);) {
        }
        docs = 0;
        source_bytes = 0;
    }
};

class ShardBuilder {
  public:
    ShardBuilder(const WalkResult& walk, const analysis::Lexicon& lexicon, unsigned outputs,
                 BuildState& state, std::vector<std::string>& figids, std::vector<std::uint32_t>& segment_of)
        : walk_(walk),
          lexicon_(lexicon),
          outputs_(outputs),
          state_(state),
          figids_(figids),
          segment_of_(segment_of) {}

    // Indexes files [begin, end) into new segments under `out.folder`, in walk order, so that within a
    // segment the later of two files with one figid replaces the earlier. Each document goes to a
    // segment of its figid's output shard.
    void run(ThreadSegments& out, std::size_t begin, std::size_t end, std::exception_ptr& error) {
        try {
            std::vector<OpenSegment> open(outputs_);
            for (std::size_t i = begin; i < end && !state_.stop; ++i) {
                Analysis a = analyse_file(walk_.files[i], lexicon_, "");
                if (a.kind == Analysis::Kind::document) {
                    const unsigned shard = outputs_ == 1 ? 0 : shard_of(a.figid, outputs_);
                    OpenSegment& segment = open[shard];
                    if (!segment.db) {
                        out.paths.push_back(out.folder / ("seg-" + std::to_string(out.paths.size())));
                        out.shard.push_back(shard);
                        segment.index = out.paths.size() - 1;
                        segment.open(out.paths.back());
                    }
                    segment.db->replace_document(terms::figid_term(a.figid), a.document);
                    figids_[i] = std::move(a.figid);
                    segment_of_[i] = static_cast<std::uint32_t>(segment.index);
                    segment.source_bytes += record_bytes(walk_.files[i]);
                    if (++segment.docs >= kSegmentDocs) segment.finish(state_);
                } else {
                    std::lock_guard lock(state_.mu);
                    state_.new_skips.emplace_back(i, std::move(a.skip));
                }
                ++state_.done;
                fault_point("build-record");
            }
            // Stopped by another thread's failure: the open segments are dropped, not committed.
            if (!state_.stop) {
                for (OpenSegment& segment : open) segment.finish(state_);
            }
        } catch (...) {
            error = std::current_exception();
            state_.stop = true;
        }
        {
            std::lock_guard lock(state_.mu);
            ++state_.finished_threads;
        }
        state_.changed.notify_all();
    }

  private:
    const WalkResult& walk_;
    const analysis::Lexicon& lexicon_;
    unsigned outputs_;
    BuildState& state_;
    std::vector<std::string>& figids_;
    std::vector<std::uint32_t>& segment_of_;  ///< Per file: its segment among its thread's.
};

void report_new_skips(BuildState& state, RunObserver& observer) {
    std::vector<std::pair<std::size_t, SkippedRecord>> skips;
    {
        std::lock_guard lock(state.mu);
        skips.swap(state.new_skips);
    }
    for (auto& [order, record] : skips) observer.skip(order, std::move(record));
}

}  // namespace

BuildResult build_generation(const fs::path& db, const std::string& generation, const WalkResult& walk,
                             const analysis::Lexicon& lexicon, const IndexOptions& options,
                             RunObserver& observer) {
    return build_shards(db, generation + ".shards", {db / generation}, walk, lexicon, options, observer);
}

BuildResult build_shards(const fs::path& db, const std::string& work_name,
                         const std::vector<fs::path>& outputs, const WalkResult& walk,
                         const analysis::Lexicon& lexicon, const IndexOptions& options, RunObserver& observer,
                         CarryOver* carry) {
    const std::size_t n = walk.files.size();
    observer.set_total(n);
    const std::size_t wanted = resolve_thread_count(options.threads);
    const std::size_t by_size = std::max<std::size_t>(1, (n + kMinFilesPerThread - 1) / kMinFilesPerThread);
    const std::size_t shard_count = std::min(wanted, by_size);  // Analysing threads.
    const auto output_count = static_cast<unsigned>(outputs.size());

    const fs::path work = db / work_name;
    fs::remove_all(work);
    fs::create_directories(work);
    std::vector<ThreadSegments> segments(shard_count);
    for (std::size_t k = 0; k < shard_count; ++k) {
        segments[k].folder = work / ("shard-" + std::to_string(k));
        fs::create_directories(segments[k].folder);
    }
    // Thread k indexes the files [begins[k], begins[k + 1]).
    std::vector<std::size_t> begins;
    for (std::size_t k = 0; k <= shard_count; ++k) begins.push_back(k * n / shard_count);

    BuildState state(db);
    std::vector<std::string> figids(n);
    auto thread_of = [&](std::size_t i) {
        return static_cast<std::size_t>(std::upper_bound(begins.begin(), begins.end(), i) - begins.begin()) -
               1;
    };
    std::vector<std::uint32_t> segment_of(n);
    std::vector<std::exception_ptr> errors(shard_count);
    ShardBuilder builder(walk, lexicon, output_count, state, figids, segment_of);
    std::vector<std::thread> pool;
    auto join_all = [&] {
        for (std::thread& t : pool) t.join();
        pool.clear();
    };
    try {
        for (std::size_t k = 0; k < shard_count; ++k) {
            pool.emplace_back([&, k] { builder.run(segments[k], begins[k], begins[k + 1], errors[k]); });
        }
        for (;;) {
            {
                std::unique_lock lock(state.mu);
                state.changed.wait_for(lock, std::chrono::milliseconds(100));
                if (state.finished_threads == shard_count) break;
            }
            report_new_skips(state, observer);
            observer.progress(state.done);
        }
    } catch (...) {
        state.stop = true;
        join_all();
        throw;
    }
    join_all();
    for (const std::exception_ptr& e : errors) {
        if (e) std::rethrow_exception(e);
    }
    report_new_skips(state, observer);

    // Deletes file i's document from its segment (rare: opening a segment again costs little).
    auto delete_from_segment = [&](std::size_t i) {
        const fs::path& path = segments[thread_of(i)].paths[segment_of[i]];
        Xapian::WritableDatabase segment(path.string(), Xapian::DB_OPEN | Xapian::DB_NO_SYNC);
        segment.begin_transaction();
        segment.delete_document(terms::figid_term(figids[i]));
        // Copy-on-write: at most every block of the segment is written again.
        const SpaceBudget::Hold hold =
            state.space.reserve(path, kCommitOverhead + folder_bytes(path), "deleting a duplicate figid");
        segment.commit_transaction();
    };
    if (carry) {
        for (const std::size_t i : carry->settle(figids)) {
            delete_from_segment(i);
            figids[i].clear();
        }
    }

    // One figid, several files: the last file in walk order keeps it. Within a segment
    // replace_document already did that; other segments' copies are deleted here.
    std::unordered_map<std::string, std::size_t> winner;
    for (std::size_t i = 0; i < n; ++i) {
        if (!figids[i].empty()) winner[figids[i]] = i;
    }
    for (std::size_t i = 0; i < n; ++i) {
        if (figids[i].empty()) continue;
        const std::size_t w = winner[figids[i]];
        if (w == i) continue;
        observer.skip(
            i, {walk.files[i].path, 0, "duplicate figid " + figids[i] + " also in " + walk.files[w].path});
        if (thread_of(i) != thread_of(w) || segment_of[i] != segment_of[w]) delete_from_segment(i);
        figids[i].clear();
    }

    // The metadata (schema, lexicon) goes into a database of its own, written once and merged first
    // into every output, rather than into every segment.
    const fs::path meta_path = work / "meta";
    {
        Xapian::WritableDatabase meta(meta_path.string(),
                                      Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
        write_index_metadata(meta, lexicon);
        meta.commit();
    }
    // Each output's segments in thread order, merged in rounds down to a few.
    std::vector<std::vector<fs::path>> sources(output_count);
    for (unsigned k = 0; k < output_count; ++k) {
        for (ThreadSegments& t : segments) {
            for (std::size_t s = 0; s < t.paths.size(); ++s) {
                if (t.shard[s] == k) sources[k].push_back(t.paths[s]);
            }
        }
        sources[k] = merge_rounds(std::move(sources[k]), work, shard_count, "merge-" + std::to_string(k));
        const fs::path carried = work / ("carried-" + std::to_string(k));
        if (carry && carry->write(k, output_count, carried, state.space, state.doc_bytes.load()))
            sources[k].insert(sources[k].begin(), carried);
        sources[k].insert(sources[k].begin(), meta_path);
    }

    fault_point("build-merge");
    // The outputs' final merges are independent: they run in parallel, one output per thread.
    run_parallel(output_count, std::min<std::size_t>(wanted, output_count), [&](std::size_t k) {
        // The output's list of its words (schema/vocabulary.hpp), from one walk over the terms of what
        // is merged into it, merged in as the metadata is: listing them per segment would write and
        // merge each word once per segment, and listing them in the output would take another commit.
        const fs::path words = work / ("vocabulary-" + std::to_string(k));
        {
            Xapian::Database merged;
            for (const fs::path& source : sources[k]) merged.add_database(Xapian::Database(source.string()));
            Xapian::WritableDatabase list(words.string(),
                                          Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
            list_vocabulary(merged, list);
            list.commit();
        }
        sources[k].push_back(words);
        compact_into(sources[k], outputs[k]);
        sync_folder(outputs[k]);
    });
    fs::remove_all(work);
    fault_point("build-merged");

    BuildResult result;
    for (const fs::path& out : outputs) result.documents += Xapian::Database(out.string()).get_doccount();
    for (std::string& f : figids) {
        if (!f.empty()) result.figids.push_back(std::move(f));
    }
    std::sort(result.figids.begin(), result.figids.end());
    return result;
}

}  // namespace capsearch::index
