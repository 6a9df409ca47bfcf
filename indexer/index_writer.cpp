// IndexWriter: record-level edits of an index under its write lock, analysed with the index's own
// stored lexicon so that edited figures are indexed like the rest; in a sharded index each figure goes
// to the shard its figid hashes to.
#include <xapian.h>

#include <memory>

#include "capsearch/error.hpp"
#include "capsearch/index.hpp"
#include "indexer/db_errors.hpp"
#include "indexer/document.hpp"
#include "indexer/run_lexicon.hpp"
#include "indexer/shard_set.hpp"
#include "indexer/writer_lock.hpp"
#include "schema/index_meta.hpp"
#include "schema/layout.hpp"
#include "schema/terms.hpp"

namespace capsearch {

struct IndexWriter::Impl {
    std::string db_path;
    index::WriterLock lock;
    index::ShardSet shards;  // Over lock.shards(), which stay where they are while the lock lives.
    std::shared_ptr<const analysis::Lexicon> lexicon;

    // The changes since the last commit are one transaction: a writer dropped on a full disk loses
    // them rather than committing them from a destructor (see disk_space.hpp).
    Impl(const std::string& db, index::WriterLock l)
        : db_path(db), lock(std::move(l)), shards(lock.shards(), lock.layout()) {
        shards.begin_transaction();
    }

    void commit() {
        shards.commit_transaction();
        shards.begin_transaction();
    }
};

IndexWriter::IndexWriter(const std::string& db_path, const std::string& lexicon_path) {
    try {
        index::WriterLock lock = index::WriterLock::acquire(db_path, true);
        const index::Layout layout = lock.layout();
        if (layout.kind == index::LayoutKind::generations) index::remove_leftovers(layout.db, layout.live);
        if (layout.kind != index::LayoutKind::plain) index::remove_shard_leftovers(layout);
        auto impl = std::make_unique<Impl>(db_path, std::move(lock));
        const Xapian::Database& db = impl->shards.reader();
        index::check_schema(db, db_path);
        impl->lexicon = index::stored_lexicon(db, db_path);
        if (!impl->lexicon) {
            impl->lexicon = index::load_run_lexicon(lexicon_path);
            impl->shards.write_metadata(*impl->lexicon);
        }
        impl_ = std::move(impl);
    } catch (...) {
        index::rethrow_translated(db_path);
    }
}

IndexWriter::~IndexWriter() {
    if (!impl_) return;
    try {
        impl_->shards.commit_transaction();
    } catch (...) {
        // A destructor must not throw; callers wanting to know call commit() first. Uncommitted
        // changes are dropped when the lock closes the databases.
    }
}

IndexWriter::IndexWriter(IndexWriter&&) noexcept = default;
IndexWriter& IndexWriter::operator=(IndexWriter&& other) noexcept {
    if (this != &other) {
        if (impl_) {
            try {
                impl_->shards.commit_transaction();
            } catch (...) {
                // As in the destructor.
            }
        }
        impl_ = std::move(other.impl_);
    }
    return *this;
}

namespace {
// A template so that the private Impl type is deduced, never named.
template <typename Impl>
Impl& live(const std::unique_ptr<Impl>& impl) {
    if (!impl) throw Error(ErrorCode::invalid_argument, "IndexWriter used after being moved from");
    return *impl;
}
}  // namespace

bool IndexWriter::put(const Record& record) {
    auto& impl = live(impl_);
    if (record.figid.empty()) {
        throw InputError(record.source_path.empty() ? "(record)" : record.source_path, 0,
                         "record has no figid");
    }
    try {
        const bool existed = impl.shards.reader().term_exists(terms::figid_term(record.figid));
        impl.shards.put_figure(record.figid, index::build_document(record, *impl.lexicon));
        return existed;
    } catch (...) {
        index::rethrow_translated(impl.db_path);
    }
}

bool IndexWriter::remove(const std::string& figid) {
    auto& impl = live(impl_);
    try {
        if (!impl.shards.reader().term_exists(terms::figid_term(figid))) return false;
        impl.shards.remove_figure(figid);
        return true;
    } catch (...) {
        index::rethrow_translated(impl.db_path);
    }
}

void IndexWriter::commit() {
    auto& impl = live(impl_);
    try {
        impl.commit();
    } catch (...) {
        index::rethrow_translated(impl.db_path);
    }
}

std::size_t IndexWriter::size() const {
    auto& impl = live(impl_);
    try {
        return impl.shards.reader().get_doccount();
    } catch (...) {
        index::rethrow_translated(impl.db_path);
    }
}

}  // namespace capsearch
