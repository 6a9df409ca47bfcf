// update_lexicon(): the one explicit way besides `index --lexicon FILE` to change the lexicon an index
// keeps. It re-reads each figure's source file (recorded with the figure) and syncs with the new lexicon.
#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "capsearch/error.hpp"
#include "capsearch/index.hpp"
#include "indexer/db_errors.hpp"
#include "indexer/document.hpp"
#include "schema/stored.hpp"
#include "schema/layout.hpp"

namespace fs = std::filesystem;

namespace capsearch {
namespace {

struct Sources {
    std::vector<std::string> files;      ///< Readable source files, each once.
    std::vector<SkippedRecord> missing;  ///< Figures that cannot be analysed again.
};

Sources indexed_sources(const std::string& db_path) {
    Sources out;
    if (index::inspect_layout(db_path).kind == index::LayoutKind::absent) {
        throw DatabaseError("no index at " + db_path, ErrorCode::database_not_found);
    }
    const Xapian::Database db(db_path);
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
        const index::StoredFields f = index::decode_stored(db.get_document(*it).get_data());
        std::error_code ec;
        if (f.source_path.empty()) {
            out.missing.push_back({f.figid, 0, "added without a source file: keeps its old analysis"});
        } else if (!fs::is_regular_file(f.source_path, ec)) {
            out.missing.push_back({f.source_path, 0, "source file is gone: " + f.figid + " keeps its old analysis"});
        } else {
            out.files.push_back(f.source_path);
        }
    }
    std::sort(out.files.begin(), out.files.end());
    out.files.erase(std::unique(out.files.begin(), out.files.end()), out.files.end());
    return out;
}

}  // namespace

IndexReport update_lexicon(const std::string& db_path, const std::string& lexicon_path, IndexOptions options) {
    Sources sources;
    try {
        sources = indexed_sources(db_path);
    } catch (...) {
        index::rethrow_translated(db_path);
    }
    if (sources.files.empty()) {
        throw Error(ErrorCode::invalid_argument,
                    "cannot update the lexicon of " + db_path + ": none of its figures' source files is readable");
    }
    options.lexicon_path = lexicon_path;
    options.replace_lexicon = true;
    options.rebuild = false;
    options.delete_missing = false;  // Only the files named: a figure whose file is gone stays.
    options.extensions.clear();      // Files named directly are always read.
    for (const SkippedRecord& m : sources.missing) {
        if (options.on_skip) options.on_skip(m);
    }
    IndexReport report = index_paths(db_path, sources.files, options);
    report.skipped.insert(report.skipped.end(), sources.missing.begin(), sources.missing.end());
    return report;
}

}  // namespace capsearch
