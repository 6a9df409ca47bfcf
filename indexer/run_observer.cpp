// Progress and skip reporting of an indexing run (see run_observer.hpp).
#include "indexer/run_observer.hpp"

#include <algorithm>

namespace capsearch::index {

namespace {
constexpr auto kProgressInterval = std::chrono::milliseconds(100);
}

RunObserver::RunObserver(const IndexOptions& options)
    : options_(options), start_(std::chrono::steady_clock::now()), last_report_(start_) {}

void RunObserver::progress(std::size_t done, bool force) {
    if (!options_.on_progress) return;
    const auto now = std::chrono::steady_clock::now();
    if (!force && reported_ && now - last_report_ < kProgressInterval) return;
    if (!force && !reported_ && now - start_ < kProgressInterval) return;
    reported_ = true;
    last_report_ = now;
    options_.on_progress(IndexProgress{done, total_, seconds()});
}

void RunObserver::skip(std::size_t order, SkippedRecord record) {
    if (options_.on_skip) options_.on_skip(record);
    skips_.emplace_back(order, std::move(record));
}

double RunObserver::seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

std::vector<SkippedRecord> RunObserver::sorted_skips() const {
    auto sorted = skips_;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<SkippedRecord> out;
    out.reserve(sorted.size());
    for (auto& s : sorted) out.push_back(std::move(s.second));
    return out;
}

}  // namespace capsearch::index
