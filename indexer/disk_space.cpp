// Room on the file system for a Xapian commit (see disk_space.hpp).
#include "indexer/disk_space.hpp"

#include <sys/statvfs.h>

#include <algorithm>
#include <system_error>

#include "capsearch/error.hpp"

namespace fs = std::filesystem;

namespace capsearch::index {
namespace {

// Glass's default block size: a changed B-tree entry rewrites at least its block.
constexpr std::uintmax_t kBlockBytes = 8192;

std::string kib(std::uintmax_t bytes) { return std::to_string((bytes + 1023) / 1024) + " KiB"; }

}  // namespace

std::optional<std::uintmax_t> free_bytes(const fs::path& path) {
    fs::path p = path;
    std::error_code ec;
    while (!p.empty() && !fs::exists(p, ec)) {
        if (p == p.parent_path()) break;
        p = p.parent_path();
    }
    struct statvfs s {};
    if (::statvfs(p.empty() ? "." : p.c_str(), &s) != 0 || s.f_blocks == 0) return std::nullopt;
    return static_cast<std::uintmax_t>(s.f_bavail) * s.f_frsize;
}

SpaceBudget::Hold::~Hold() {
    if (!budget_) return;
    std::lock_guard lock(budget_->mu_);
    budget_->held_ -= bytes_;
}

SpaceBudget::Hold SpaceBudget::reserve(const fs::path& where, std::uintmax_t bytes, const std::string& what) {
    std::lock_guard lock(mu_);
    const std::optional<std::uintmax_t> free = free_bytes(where);
    if (free) {
        const std::uintmax_t left = *free > held_ ? *free - held_ : 0;
        if (left < bytes) {
            throw Error(ErrorCode::io, "index " + index_.string() + ": No space left on device: " + what +
                                           " needs about " + kib(bytes) + ", and " + kib(left) + " are free");
        }
    }
    held_ += bytes;
    return Hold(this, bytes);
}

std::uintmax_t in_place_commit_estimate(const Xapian::Database& db, std::uintmax_t index_bytes,
                                        std::size_t docs) {
    if (docs == 0) return kCommitOverhead;
    const Xapian::doccount count = db.get_doccount();
    const std::uintmax_t per_doc =
        count > 0 ? std::max<std::uintmax_t>(index_bytes / count, 1) : kUnknownDocBytes;
    // The average length counts term occurrences, at least the distinct terms a document has.
    const auto terms = static_cast<std::uintmax_t>(count > 0 ? db.get_avlength() : 1000.0) + 1;
    const std::uintmax_t rewritten =
        std::min(std::max<std::uintmax_t>(index_bytes, kBlockBytes * 16), docs * terms * kBlockBytes);
    return kCommitOverhead + 2 * docs * per_doc + rewritten;
}

}  // namespace capsearch::index
