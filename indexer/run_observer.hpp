// Progress and skip reporting of an indexing run: throttles on_progress to about ten calls a second,
// passes each skip to on_skip as soon as it is known, and keeps the skips for the final report.
#pragma once

#include <chrono>
#include <cstddef>
#include <utility>
#include <vector>

#include "capsearch/index.hpp"

namespace capsearch::index {

/// Used from the calling thread only (IndexOptions' callbacks are promised to run there).
class RunObserver {
  public:
    explicit RunObserver(const IndexOptions& options);

    void set_total(std::size_t total) { total_ = total; }
    /// Reports `done` files examined when 0.1 s passed since the last report, or always when `force`.
    void progress(std::size_t done, bool force = false);
    /// Records that the file at walk position `order` was skipped, and calls on_skip.
    void skip(std::size_t order, SkippedRecord record);
    /// Seconds since the run started.
    double seconds() const;
    /// The skips, in walk order.
    std::vector<SkippedRecord> sorted_skips() const;
    std::size_t skip_count() const { return skips_.size(); }

  private:
    const IndexOptions& options_;
    std::chrono::steady_clock::time_point start_;
    std::chrono::steady_clock::time_point last_report_;
    bool reported_ = false;
    std::size_t total_ = 0;
    std::vector<std::pair<std::size_t, SkippedRecord>> skips_;
};

}  // namespace capsearch::index
