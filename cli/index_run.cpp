// The shared frame of indexing commands (see index_run.hpp).
#include "index_run.hpp"

#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "progress.hpp"
#include "terminal.hpp"

namespace capsearch::cli {

namespace {

std::string skip_line(const SkippedRecord& s) {
    std::string where = s.line > 0 ? s.file + ":" + std::to_string(s.line) : s.file;
    return "capsearch: skipped " + printable(where) + ": " + printable(s.reason);
}

std::string summary(const IndexReport& r, const std::string& db) {
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%.2f", r.seconds);
    return std::string(r.rebuilt ? "rebuilt " : "synced ") + db + " in " + seconds +
           " s: " + std::to_string(r.added) + " added, " + std::to_string(r.updated) + " updated, " +
           std::to_string(r.deleted) + " deleted, " + std::to_string(r.unchanged) + " unchanged, " +
           std::to_string(r.skipped.size()) + " skipped; " + std::to_string(r.documents) +
           (r.documents == 1 ? " figure" : " figures") + " in the index" +
           (r.lexicon_changed
                ? " (the gene lexicon or how capsearch analyses gene names changed, so every record "
                  "was analysed again; the index's lexicon is now " + r.lexicon_id + ")"
                : "");
}

}  // namespace

int run_indexing(const std::string& db, IndexOptions options, const ReportStyle& style,
                 const std::function<IndexReport(const IndexOptions&)>& run) {
    ProgressBar bar(!style.quiet && is_terminal(STDERR_FILENO));
    options.on_progress = [&bar](const IndexProgress& p) { bar.update(p); };
    options.on_skip = [&bar](const SkippedRecord& s) { bar.message(skip_line(s)); };

    IndexReport report = run(options);
    bar.finish();

    // Said even with --quiet: an index without NCBI's aliases is a silent loss of recall otherwise.
    if (report.lexicon_source == "builtin") {
        std::cerr << "capsearch: note: no gene lexicon file found (--lexicon, $CAPSEARCH_LEXICON, lexicon.tsv "
                     "beside the program or ../share/capsearch/lexicon.tsv); "
                  << db << " uses the built-in curated core only, without NCBI's gene aliases\n";
    }
    if (style.format == "json") {
        std::cout << report.to_json() << "\n";
    } else if (!style.quiet) {
        std::cout << summary(report, db) << "\n";
    }
    return report.skipped.empty() ? 0 : 1;
}

}  // namespace capsearch::cli
