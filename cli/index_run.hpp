// The shared frame of `capsearch index` and `capsearch lexicon update`: progress bar, one stderr line
// per skipped record, notes about the lexicon, and the run's report (text, or JSON as stdout's last line).
#pragma once

#include <functional>
#include <string>

#include "capsearch/index.hpp"

namespace capsearch::cli {

/// How the report is shown.
struct ReportStyle {
    std::string format = "text";  ///< text | json
    bool quiet = false;           ///< No progress bar, no text summary.
};

/// Runs `run` with progress and skip callbacks added to `options`, prints the report for index `db`,
/// and returns the exit status (0, or 1 when records were skipped).
int run_indexing(const std::string& db, IndexOptions options, const ReportStyle& style,
                 const std::function<IndexReport(const IndexOptions&)>& run);

}  // namespace capsearch::cli
