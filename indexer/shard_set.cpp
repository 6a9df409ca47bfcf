// The live databases of an index edited as one (see shard_set.hpp).
#include "indexer/shard_set.hpp"

#include "schema/index_meta.hpp"
#include "schema/shard_route.hpp"
#include "schema/terms.hpp"

namespace capsearch::index {

ShardSet::ShardSet(std::vector<Xapian::WritableDatabase>& shards) : shards_(shards) {
    for (Xapian::WritableDatabase& s : shards_) all_.add_database(s);
}

// Xapian numbers the documents of a multi-database by interleaving: document d of shard k (of n) is
// (d - 1) * n + k + 1.
void ShardSet::replace(Xapian::docid doc, const Xapian::Document& document) {
    const auto n = static_cast<Xapian::docid>(shards_.size());
    shards_[(doc - 1) % n].replace_document((doc - 1) / n + 1, document);
}

void ShardSet::remove(Xapian::docid doc) {
    const auto n = static_cast<Xapian::docid>(shards_.size());
    shards_[(doc - 1) % n].delete_document((doc - 1) / n + 1);
}

Xapian::WritableDatabase& ShardSet::shard_for(const std::string& figid) {
    return shards_[shards_.size() == 1 ? 0 : shard_of(figid, static_cast<unsigned>(shards_.size()))];
}

void ShardSet::put_figure(const std::string& figid, const Xapian::Document& document) {
    shard_for(figid).replace_document(terms::figid_term(figid), document);
}

void ShardSet::remove_figure(const std::string& figid) {
    shard_for(figid).delete_document(terms::figid_term(figid));
}

void ShardSet::begin_transaction() {
    for (Xapian::WritableDatabase& s : shards_) s.begin_transaction();
}

void ShardSet::commit_transaction() {
    for (Xapian::WritableDatabase& s : shards_) s.commit_transaction();
}

void ShardSet::commit() {
    for (Xapian::WritableDatabase& s : shards_) s.commit();
}

void ShardSet::write_metadata(const analysis::Lexicon& lexicon) {
    for (Xapian::WritableDatabase& s : shards_) write_index_metadata(s, lexicon);
}

}  // namespace capsearch::index
