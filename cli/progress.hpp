// The indexing progress bar on stderr: records done/total, rate and ETA, redrawn in place with \r at
// most ten times a second. Only used when stderr is a terminal (the caller decides).
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>

#include "capsearch/index.hpp"

namespace capsearch::cli {

class ProgressBar {
  public:
    explicit ProgressBar(bool enabled);
    ~ProgressBar();
    ProgressBar(const ProgressBar&) = delete;
    ProgressBar& operator=(const ProgressBar&) = delete;

    /// Redraws the bar when enough time has passed (or the run is complete).
    void update(const IndexProgress& progress);
    /// Prints one line (e.g. a skipped record) above the bar without garbling it.
    void message(const std::string& line);
    /// Draws the final state and ends the bar's line.
    void finish();

  private:
    void draw_locked();
    void clear_locked();

    bool enabled_;
    bool drawn_ = false;
    IndexProgress last_{};
    std::chrono::steady_clock::time_point last_draw_{};
    std::mutex mutex_;  // Skip reports may come from indexing threads.
};

/// The bar's text for `p` in `width` columns, e.g. `[████····]  120/193 records  85/s  ETA 0:01`.
std::string progress_line(const IndexProgress& p, int width);

}  // namespace capsearch::cli
