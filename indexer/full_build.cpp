// Parallel build of a complete generation (see full_build.hpp).
#include "indexer/full_build.hpp"

#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <utility>

#include "indexer/document.hpp"
#include "indexer/index_meta.hpp"
#include "indexer/layout.hpp"
#include "indexer/ordered_pipeline.hpp"
#include "indexer/source_file.hpp"

namespace fs = std::filesystem;

namespace capsearch::index {
namespace {

// Documents per shard commit. Shards are private and unsynced, so this is about speed alone: Xapian's
// in-memory inverter gets slower per document as it grows, and small flushes measured fastest (and
// smallest: ~30 MB instead of ~130 MB per shard at 2000) on PFOCR records; compaction merges the chunks.
constexpr std::size_t kShardFlushDocs = 256;

// Below this many files per shard, another thread costs more (one more shard to merge) than it saves.
constexpr std::size_t kMinFilesPerShard = 200;

// What the shard threads share with the calling thread.
struct BuildState {
    std::mutex mu;
    std::condition_variable changed;
    std::vector<std::pair<std::size_t, SkippedRecord>> new_skips;
    std::size_t finished_threads = 0;
    std::atomic<std::size_t> done{0};
    std::atomic<bool> stop{false};
};

class ShardBuilder {
  public:
    ShardBuilder(const WalkResult& walk, const analysis::Lexicon& lexicon, BuildState& state,
                 std::vector<std::string>& figids)
        : walk_(walk), lexicon_(lexicon), state_(state), figids_(figids) {}

    // Indexes files [begin, end) into `shard`, in walk order, so that within the shard the later of
    // two files with one figid replaces the earlier.
    void run(Xapian::WritableDatabase& shard, std::size_t begin, std::size_t end, std::exception_ptr& error) {
        try {
            std::size_t uncommitted = 0;
            for (std::size_t i = begin; i < end && !state_.stop; ++i) {
                Analysis a = analyse_file(walk_.files[i], lexicon_, "");
                if (a.kind == Analysis::Kind::document) {
                    shard.replace_document(figid_term(a.figid), a.document);
                    figids_[i] = std::move(a.figid);
                    if (++uncommitted >= kShardFlushDocs) {
                        shard.commit();
                        uncommitted = 0;
                    }
                } else {
                    std::lock_guard lock(state_.mu);
                    state_.new_skips.emplace_back(i, std::move(a.skip));
                }
                ++state_.done;
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
    BuildState& state_;
    std::vector<std::string>& figids_;
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
    const std::size_t n = walk.files.size();
    observer.set_total(n);
    const std::size_t wanted = resolve_thread_count(options.threads);
    const std::size_t by_size = std::max<std::size_t>(1, (n + kMinFilesPerShard - 1) / kMinFilesPerShard);
    const std::size_t shard_count = std::min(wanted, by_size);

    const fs::path work = db / (generation + ".shards");
    fs::remove_all(work);
    fs::create_directories(work);
    std::vector<fs::path> shard_paths;
    std::vector<Xapian::WritableDatabase> shards;
    for (std::size_t k = 0; k < shard_count; ++k) {
        shard_paths.push_back(work / ("shard-" + std::to_string(k)));
        // No fsync: a shard is worthless after a crash anyway, and the merged generation is flushed.
        shards.emplace_back(shard_paths.back().string(), Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
    }
    // Shard k indexes the files [begins[k], begins[k + 1]).
    std::vector<std::size_t> begins;
    for (std::size_t k = 0; k <= shard_count; ++k) begins.push_back(k * n / shard_count);
    auto shard_of = [&](std::size_t i) {
        return static_cast<std::size_t>(std::upper_bound(begins.begin(), begins.end(), i) - begins.begin()) -
               1;
    };

    BuildState state;
    std::vector<std::string> figids(n);
    std::vector<std::exception_ptr> errors(shard_count);
    ShardBuilder builder(walk, lexicon, state, figids);
    std::vector<std::thread> pool;
    auto join_all = [&] {
        for (std::thread& t : pool) t.join();
        pool.clear();
    };
    try {
        for (std::size_t k = 0; k < shard_count; ++k) {
            pool.emplace_back([&, k] { builder.run(shards[k], begins[k], begins[k + 1], errors[k]); });
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

    // One figid, several files: the last file in walk order keeps it. Within a shard replace_document
    // already did that; across shards the earlier shards' copies are deleted.
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
        if (shard_of(i) != shard_of(w)) shards[shard_of(i)].delete_document(figid_term(figids[i]));
        figids[i].clear();
    }

    write_index_metadata(shards.front(), lexicon);
    for (Xapian::WritableDatabase& shard : shards) {
        shard.commit();
        shard.close();
    }
    shards.clear();

    const fs::path out = db / generation;
    {
        Xapian::Database sources;
        for (const fs::path& p : shard_paths) sources.add_database(Xapian::Database(p.string()));
        Xapian::Compactor compactor;
        sources.compact(out.string(), 0, 0, compactor);
    }
    sync_folder(out);
    fs::remove_all(work);

    BuildResult result;
    result.documents = Xapian::Database(out.string()).get_doccount();
    for (std::string& f : figids) {
        if (!f.empty()) result.figids.push_back(std::move(f));
    }
    std::sort(result.figids.begin(), result.figids.end());
    return result;
}

}  // namespace capsearch::index
