// Segments merged by compaction, in parallel rounds (see segment_merge.hpp).
#include "indexer/segment_merge.hpp"

#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <thread>
#include <utility>

namespace fs = std::filesystem;

namespace capsearch::index {

void compact_into(const std::vector<fs::path>& sources, const fs::path& out) {
    Xapian::Database all;
    for (const fs::path& p : sources) all.add_database(Xapian::Database(p.string()));
    Xapian::Compactor compactor;
    all.compact(out.string(), 0, 0, compactor);
}

void run_parallel(std::size_t count, std::size_t threads, const std::function<void(std::size_t)>& job) {
    std::atomic<std::size_t> next{0};
    std::vector<std::exception_ptr> errors(threads);
    std::vector<std::thread> pool;
    auto join_all = [&] {
        for (std::thread& t : pool) t.join();
    };
    try {
        for (std::size_t t = 0; t < threads; ++t) {
            pool.emplace_back([&, t] {
                try {
                    for (std::size_t i; (i = next++) < count;) job(i);
                } catch (...) {
                    errors[t] = std::current_exception();
                    next = count;
                }
            });
        }
    } catch (...) {
        // No thread could be started (std::system_error): the started ones must be joined before their
        // std::thread objects go, or the process terminates.
        next = count;
        join_all();
        throw;
    }
    join_all();
    for (const std::exception_ptr& e : errors) {
        if (e) std::rethrow_exception(e);
    }
}

std::vector<fs::path> merge_rounds(std::vector<fs::path> segments, const fs::path& work, std::size_t threads,
                                   const std::string& tag) {
    for (std::size_t round = 0; segments.size() > kMergeFanIn; ++round) {
        std::vector<std::vector<fs::path>> groups;
        for (std::size_t i = 0; i < segments.size(); i += kMergeFanIn) {
            groups.emplace_back(
                segments.begin() + static_cast<std::ptrdiff_t>(i),
                segments.begin() + static_cast<std::ptrdiff_t>(std::min(i + kMergeFanIn, segments.size())));
        }
        std::vector<fs::path> merged(groups.size());
        for (std::size_t g = 0; g < groups.size(); ++g) {
            merged[g] = work / (tag + "-" + std::to_string(round) + "-" + std::to_string(g));
        }
        run_parallel(groups.size(), threads, [&](std::size_t g) {
            compact_into(groups[g], merged[g]);
            for (const fs::path& p : groups[g]) fs::remove_all(p);
        });
        segments = std::move(merged);
    }
    return segments;
}

}  // namespace capsearch::index
