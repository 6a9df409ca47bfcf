// A sync that must analyse every record again (another lexicon, or an older analysis version) done by
// the full build's parallel pipeline into a new generation, with a sync's semantics: what it is not
// given, or cannot read now, is carried over into the new generation as it was.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "capsearch/index.hpp"
#include "indexer/file_walk.hpp"
#include "indexer/full_build.hpp"
#include "indexer/run_observer.hpp"

namespace capsearch::index {

/// The documents of an index that a re-analysing sync keeps instead of reading: those of files outside
/// the walk, of files gone from it (unless options.delete_missing deletes them, as sync_in_place()
/// does), and of walked files that fail to parse now. They keep their old analysis, as sync_in_place()
/// leaves them. Figid clashes are settled as sync_in_place() settles them: a walked file takes the
/// figid from a kept document of a file outside the walk; between a walked file and a bad file's kept
/// document, the later in walk order keeps it and the other is reported.
class KeptDocuments final : public CarryOver {
  public:
    /// `db` (every shard) is read until the build has written the kept documents.
    KeptDocuments(const Xapian::Database& db, const WalkResult& walk, const IndexOptions& options,
                  RunObserver& observer);

    /// True when the walk holds at least as many files as the index keeps unread: then building every
    /// record anew in parallel beats replacing the walked ones one by one through one writer.
    bool worth_building() const { return kept_.size() <= walk_.files.size(); }

    std::vector<std::size_t> settle(const std::vector<std::string>& figids) override;
    bool write(unsigned k, unsigned outputs, const std::filesystem::path& path, SpaceBudget& space,
               std::uintmax_t doc_bytes) override;

    /// Fills report's added, updated and deleted as sync_in_place() counts figures: the files' figures
    /// against the index before; kept documents count as nothing.
    void count(const BuildResult& built, IndexReport& report) const;

  private:
    struct Kept {
        Xapian::docid doc = 0;
        std::string figid;
        std::size_t file = WalkResult::npos;  ///< Its walked file (which failed to parse), or npos.
        bool lost = false;                    ///< A walked file took its figid.
    };
    struct Walked {
        Xapian::docid doc = 0;
        std::size_t file = 0;
    };

    const Xapian::Database& db_;
    const WalkResult& walk_;
    RunObserver& observer_;
    std::vector<std::string> before_;  ///< Figids indexed before the run, sorted.
    std::vector<Kept> kept_;
    std::vector<Walked> walked_;  ///< Documents of walked files: kept only if the file is bad now.
};

}  // namespace capsearch::index
