// The live databases of an index edited as one (see shard_set.hpp).
#include "indexer/shard_set.hpp"

#include "schema/index_meta.hpp"
#include "schema/shard_route.hpp"
#include "schema/terms.hpp"

namespace capsearch::index {

namespace {
std::uintmax_t files_bytes(const std::vector<std::filesystem::path>& folders) {
    std::uintmax_t total = 0;
    for (const std::filesystem::path& f : folders) total += folder_bytes(f);
    return total;
}
}  // namespace

ShardSet::ShardSet(std::vector<Xapian::WritableDatabase>& shards, const Layout& layout)
    : shards_(shards), live_(layout.live_paths()), index_bytes_(files_bytes(live_)), space_(layout.db) {
    for (Xapian::WritableDatabase& s : shards_) all_.add_database(s);
    vocabulary_.resize(shards_.size());
}

// Xapian numbers the documents of a multi-database by interleaving: document d of shard k (of n) is
// (d - 1) * n + k + 1.
void ShardSet::replace(Xapian::docid doc, const Xapian::Document& document) {
    const auto n = static_cast<Xapian::docid>(shards_.size());
    const std::size_t k = (doc - 1) % n;
    shards_[k].replace_document((doc - 1) / n + 1, document);
    vocabulary_[k].add(shards_[k], document);
    ++pending_;
}

void ShardSet::remove(Xapian::docid doc) {
    const auto n = static_cast<Xapian::docid>(shards_.size());
    shards_[(doc - 1) % n].delete_document((doc - 1) / n + 1);
    ++pending_;
}

std::size_t ShardSet::shard_index(const std::string& figid) const {
    return shards_.size() == 1 ? 0 : shard_of(figid, static_cast<unsigned>(shards_.size()));
}

void ShardSet::put_figure(const std::string& figid, const Xapian::Document& document) {
    const std::size_t k = shard_index(figid);
    shards_[k].replace_document(terms::figid_term(figid), document);
    vocabulary_[k].add(shards_[k], document);
    ++pending_;
}

void ShardSet::remove_figure(const std::string& figid) {
    shards_[shard_index(figid)].delete_document(terms::figid_term(figid));
    ++pending_;
}

void ShardSet::begin_transaction() {
    for (Xapian::WritableDatabase& s : shards_) s.begin_transaction();
}

void ShardSet::commit_transaction() {
    const std::uintmax_t estimate = in_place_commit_estimate(all_, index_bytes_, pending_);
    // Shards share one file system (one index folder); it is asked about the first.
    const SpaceBudget::Hold hold =
        space_.reserve(live_.empty() ? std::filesystem::path(".") : live_.front(), estimate,
                       "committing " + std::to_string(pending_) + (pending_ == 1 ? " change" : " changes"));
    for (Xapian::WritableDatabase& s : shards_) {
        if (!lists_vocabulary(s)) list_vocabulary(s, s);
        s.commit_transaction();
    }
    if (pending_ > 0) index_bytes_ = files_bytes(live_);
    pending_ = 0;
}

void ShardSet::write_metadata(const analysis::Lexicon& lexicon) {
    for (Xapian::WritableDatabase& s : shards_) write_index_metadata(s, lexicon);
}

}  // namespace capsearch::index
