// Documents a re-analysing sync carries over into its new generation (see reanalysis.hpp).
#include "indexer/reanalysis.hpp"

#include <algorithm>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "indexer/document_terms.hpp"
#include "indexer/incremental_sync.hpp"
#include "schema/shard_route.hpp"
#include "schema/terms.hpp"

namespace capsearch::index {
namespace {

const std::string kPathPrefix(terms::kPath);
const std::string kFigidPrefix(terms::kFigid);

bool contains(const std::vector<std::string>& sorted, const std::string& s) {
    return std::binary_search(sorted.begin(), sorted.end(), s);
}

std::string duplicate_reason(const std::string& figid, const std::string& other_file) {
    return "duplicate figid " + figid + " also in " + other_file;
}

}  // namespace

KeptDocuments::KeptDocuments(const Xapian::Database& db, const WalkResult& walk, const IndexOptions& options,
                             RunObserver& observer)
    : db_(db), walk_(walk), observer_(observer), before_(indexed_figids(db)) {
    std::unordered_set<std::string> gone;
    if (options.delete_missing) {
        for (std::string& path : gone_paths(db, walk)) gone.insert(std::move(path));
    }
    // Documents that are not kept whatever happens (gone) or only if their file fails (walked).
    std::vector<Xapian::docid> not_kept;
    for (auto t = db.allterms_begin(kPathPrefix); t != db.allterms_end(kPathPrefix); ++t) {
        const std::string path = (*t).substr(kPathPrefix.size());
        const std::size_t file = walk.find(path);
        if (file == WalkResult::npos && !gone.count(path)) continue;
        for (auto p = db.postlist_begin(*t); p != db.postlist_end(*t); ++p) {
            not_kept.push_back(*p);
            if (file != WalkResult::npos) walked_.push_back({*p, file});
        }
    }
    std::sort(not_kept.begin(), not_kept.end());
    for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p) {
        if (std::binary_search(not_kept.begin(), not_kept.end(), *p)) continue;
        kept_.push_back({*p, term_value(db, *p, kFigidPrefix)});
    }
}

std::vector<std::size_t> KeptDocuments::settle(const std::vector<std::string>& figids) {
    // A walked file that gave no document failed to parse (and was reported): it keeps the one it had.
    for (const Walked& w : walked_) {
        if (figids[w.file].empty()) kept_.push_back({w.doc, term_value(db_, w.doc, kFigidPrefix), w.file});
    }
    std::unordered_map<std::string, std::size_t> claim;  // Figid -> its kept document.
    for (std::size_t c = 0; c < kept_.size(); ++c) claim.emplace(kept_[c].figid, c);
    std::vector<std::vector<std::size_t>> holders(kept_.size());  // Walked files with the figid, in order.
    for (std::size_t i = 0; i < figids.size(); ++i) {
        if (figids[i].empty()) continue;
        const auto it = claim.find(figids[i]);
        if (it != claim.end()) holders[it->second].push_back(i);
    }
    std::vector<std::size_t> drop;
    for (std::size_t c = 0; c < kept_.size(); ++c) {
        Kept& k = kept_[c];
        const std::vector<std::size_t>& files = holders[c];
        if (files.empty()) continue;
        if (k.file == WalkResult::npos) {
            k.lost = true;  // A file outside the walk: the walked file replaces its document.
            continue;
        }
        const auto later = std::upper_bound(files.begin(), files.end(), k.file);
        if (later != files.end()) {
            k.lost = true;
            observer_.skip(
                k.file, {walk_.files[k.file].path, 0, duplicate_reason(k.figid, walk_.files[*later].path)});
            continue;
        }
        for (const std::size_t i : files) {
            observer_.skip(i, {walk_.files[i].path, 0, duplicate_reason(k.figid, walk_.files[k.file].path)});
            drop.push_back(i);
        }
    }
    return drop;
}

bool KeptDocuments::write(unsigned k, unsigned outputs, const std::filesystem::path& path, SpaceBudget& space,
                          std::uintmax_t doc_bytes) {
    std::optional<Xapian::WritableDatabase> out;
    std::uintmax_t docs = 0;
    for (const Kept& kept : kept_) {
        if (kept.lost || (outputs > 1 && shard_of(kept.figid, outputs) != k)) continue;
        if (!out) {
            // No fsync: this is a work database, and the merged generation is flushed. One transaction,
            // so that a failure drops it rather than committing it (see disk_space.hpp).
            out.emplace(path.string(), Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
            out->begin_transaction();
        }
        // A document analysed before phrase pairs were written gets them from its positions, so the
        // new generation holds them in every document (index_meta.hpp has_phrase_pairs).
        Xapian::Document doc = db_.get_document(kept.doc);
        add_pairs_from_positions(doc);
        out->add_document(doc);
        ++docs;
    }
    if (!out) return false;
    // No segment written (every file failed): nothing better is known.
    const std::uintmax_t per_doc = doc_bytes > 0 ? doc_bytes * 3 / 2 : kUnknownDocBytes;
    const SpaceBudget::Hold hold = space.reserve(path, kCommitOverhead + docs * per_doc,
                                                 "keeping " + std::to_string(docs) + " unread figures");
    out->commit_transaction();
    return true;
}

void KeptDocuments::count(const BuildResult& built, IndexReport& report) const {
    std::vector<std::string> kept;
    for (const Kept& k : kept_) {
        if (!k.lost) kept.push_back(k.figid);
    }
    std::sort(kept.begin(), kept.end());
    for (const std::string& figid : built.figids) {
        ++(contains(before_, figid) ? report.updated : report.added);
    }
    for (const std::string& figid : before_) {
        if (!contains(built.figids, figid) && !contains(kept, figid)) ++report.deleted;
    }
}

}  // namespace capsearch::index
