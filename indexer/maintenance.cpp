// Index maintenance for cron: compact_index() rewrites the live generation compactly into a new one
// and switches atomically; check_index() runs Xapian's table check and checks capsearch's invariants.
#include <xapian.h>

#include <memory>
#include <sstream>
#include <string>

#include "analyzers/lexicon.hpp"
#include "analyzers/lexicon_data.hpp"
#include "analyzers/unicode.hpp"
#include "capsearch/error.hpp"
#include "capsearch/index.hpp"
#include "indexer/db_errors.hpp"
#include "indexer/disk_space.hpp"
#include "indexer/document.hpp"
#include "indexer/segment_merge.hpp"
#include "indexer/writer_lock.hpp"
#include "schema/index_meta.hpp"
#include "schema/layout.hpp"
#include "schema/lexicon_store.hpp"
#include "schema/shard_route.hpp"
#include "schema/stored.hpp"
#include "schema/stub_lines.hpp"
#include "schema/terms.hpp"

namespace capsearch {
namespace {

// Enough to show what is wrong without flooding a cron mail.
constexpr std::size_t kMaxProblems = 50;

class Problems {
  public:
    explicit Problems(CheckReport& report) : report_(report) {}
    void add(const std::string& problem) {
        report_.ok = false;
        if (report_.problems.size() < kMaxProblems) {
            report_.problems.push_back(problem);
        } else {
            ++more_;
        }
    }
    void finish() {
        if (more_ > 0) report_.problems.push_back("... and " + std::to_string(more_) + " more problems");
    }

  private:
    CheckReport& report_;
    std::size_t more_ = 0;
};

void check_tables(const std::filesystem::path& path, Problems& problems) {
    std::error_code ec;
    if (!std::filesystem::exists(path / "iamglass", ec)) return;
    std::ostringstream out;
    std::size_t errors = 0;
    try {
        errors = Xapian::Database::check(path.string(), Xapian::DBCHECK_SHORT_TREE, &out);
    } catch (const Xapian::Error& e) {
        problems.add("Xapian's table check failed: " + e.get_description());
        return;
    }
    if (errors == 0) return;
    std::string detail;
    std::istringstream lines(out.str());
    for (std::string line; std::getline(lines, line);) {
        if (line.find("rror") != std::string::npos || line.find("orrupt") != std::string::npos) {
            detail = line;
            break;
        }
    }
    problems.add("Xapian's table check found " + std::to_string(errors) + " errors" +
                 (detail.empty() ? "" : ": " + detail));
}

// A sharded index: each figure is in the shard its figid hashes to (where a sync looks for it), and
// each shard's own stub names the generation DB/XAPIANDB lists (what a reader of the shard alone or
// xapian-tcpsrv serving it sees).
void check_routing(const index::Layout& layout, Problems& problems) {
    const auto n = static_cast<unsigned>(layout.shards.size());
    const std::string q(terms::kFigid);
    for (unsigned k = 0; k < n; ++k) {
        const std::string& live = layout.shards[k];
        const std::string folder = index::shard_folder_name(k);
        const std::string own = index::read_stub(layout.db / folder);
        if (own != "glass " + live.substr(folder.size() + 1) + "\n") {
            problems.add(folder + "/XAPIANDB does not name " + live + ", the generation " +
                         (layout.db / index::kStubName).string() + " lists");
        }
        const Xapian::Database shard((layout.db / live).string());
        for (auto t = shard.allterms_begin(q); t != shard.allterms_end(q); ++t) {
            const std::string figid = (*t).substr(q.size());
            if (const unsigned want = index::shard_of(figid, n); want != k) {
                problems.add("figid " + figid + " is in " + folder + ", but its hash names " +
                             index::shard_folder_name(want) + " (a sync would not find it there)");
            }
        }
    }
}

// Returns the stored lexicon when it parses, for check_index_lexicon_image().
std::shared_ptr<const analysis::Lexicon> check_metadata(const Xapian::Database& db, Problems& problems) {
    const std::string schema = db.get_metadata(terms::kMetaSchema);
    if (schema != index::kSchemaVersion) {
        problems.add("metadata " + std::string(terms::kMetaSchema) + " is \"" + schema + "\", expected \"" +
                     index::kSchemaVersion + "\"");
    }
    const std::string text = db.get_metadata(terms::kMetaLexicon);
    const std::string id = db.get_metadata(terms::kMetaLexiconId);
    if (text.empty()) {
        problems.add("no gene lexicon stored in the metadata (" + std::string(terms::kMetaLexicon) + ")");
        return nullptr;
    }
    try {
        const auto lexicon = analysis::Lexicon::parse(text, "the stored lexicon");
        if (id == analysis::lexicon_detail::fnv_id(lexicon->serialized(), analysis::kLexiconIdBasisBeforeFix)) {
            problems.add("the metadata's lexicon id \"" + id + "\" is the old spelling of " + lexicon->id() +
                         " (an index made before the lexicon id's fix): the next `capsearch index` analyses "
                         "every record again and stores the new id");
        } else if (lexicon->id() != id) {
            problems.add("the stored lexicon's id is " + lexicon->id() + " but the metadata says \"" + id +
                         "\"");
        }
        return lexicon;
    } catch (const Error& e) {
        problems.add(std::string("the stored lexicon is malformed: ") + e.what());
    }
    return nullptr;
}

void check_documents(const Xapian::Database& db, Problems& problems) {
    const std::string q(terms::kFigid);
    Xapian::doccount with_figid = 0;
    for (auto t = db.allterms_begin(q); t != db.allterms_end(q); ++t) {
        const Xapian::doccount n = t.get_termfreq();
        with_figid += n;
        if (n != 1)
            problems.add("figid " + (*t).substr(q.size()) + " is held by " + std::to_string(n) +
                         " documents");
    }
    if (with_figid < db.get_doccount()) {
        problems.add(std::to_string(db.get_doccount() - with_figid) + " documents have no figid term");
    }
    for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p) {
        const Xapian::docid id = *p;
        const Xapian::Document doc = db.get_document(id);
        index::StoredFields stored;
        try {
            stored = index::decode_stored(doc.get_data());
        } catch (const Error& e) {
            problems.add("document " + std::to_string(id) + ": stored fields unreadable: " + e.what());
            continue;
        }
        const std::string where = "document " + std::to_string(id) + " (figid " + stored.figid + ")";
        auto term = doc.termlist_begin();
        const std::string id_term = terms::figid_term(stored.figid);
        term.skip_to(id_term);
        if (stored.figid.empty() || term == doc.termlist_end() || *term != id_term) {
            problems.add(where + ": its figid term does not match its stored figid");
        }
        const std::string year_value = doc.get_value(terms::kSlotYear);
        const std::string year_stored = stored.year ? std::to_string(*stored.year) : "";
        if (year_value != year_stored) {
            problems.add(where + ": year value \"" + year_value + "\" differs from stored year \"" +
                         year_stored + "\"");
        }
        // Caption ranges are checked when the data is read; title ranges refer to its NFKC form.
        if (stored.title_genes) {
            const std::size_t title_size = analysis::nfkc(stored.title).size();
            for (const index::GeneSpan& g : *stored.title_genes) {
                if (g.end <= title_size) continue;
                problems.add(where + ": a gene name stored for its title lies past the title's end");
                break;
            }
        }
    }
}

// A stub of several shards: they must agree on the lexicon and analysis (a figid in two shards is
// found by check_documents on the combined database).
void check_shards(const std::string& stub, Problems& problems) {
    const std::vector<index::StubLine> lines = index::stub_lines(stub);
    if (lines.size() < 2) return;
    std::vector<Xapian::Database> shards;
    std::vector<std::string> names;
    for (const index::StubLine& line : lines) {
        shards.push_back(index::open_stub_line(line, 10000));
        names.push_back(line.name);
    }
    if (auto disagreement = index::shard_disagreement(shards, names)) problems.add(*disagreement);
}

}  // namespace

void compact_index(const std::string& db_path) {
    try {
        index::WriterLock lock = index::WriterLock::acquire(db_path, false);
        const index::Layout layout = lock.layout();
        if (layout.kind == index::LayoutKind::plain) {
            throw DatabaseError("cannot compact " + db_path +
                                " in place: it is a plain Xapian database, not in capsearch's layout "
                                "(use xapian-compact into a new folder)");
        }
        if (layout.kind == index::LayoutKind::generations) index::remove_leftovers(layout.db, layout.live);
        index::remove_shard_leftovers(layout);
        const std::string generation = index::generation_name(index::next_generation_everywhere(layout.db));
        // Each live generation (each shard's) is copied beside it; the shards switch together.
        const std::vector<std::filesystem::path> live = layout.live_paths();
        try {
            // The copies take at most what the live generations take.
            std::uintmax_t bytes = index::kCommitOverhead;
            for (const std::filesystem::path& from : live) bytes += index::folder_bytes(from);
            index::SpaceBudget space(layout.db);
            const index::SpaceBudget::Hold hold = space.reserve(live.front(), bytes, "compacting");
            for (const std::filesystem::path& from : live) {
                // We hold the write lock, so the live generation cannot change while it is copied.
                index::compact_into({from}, from.parent_path() / generation);
                index::sync_folder(from.parent_path() / generation);
            }
        } catch (...) {
            // A failed compaction (a full disk, ...) leaves the live index as it was and no copies.
            for (const std::filesystem::path& from : live) {
                index::remove_generation(from.parent_path(), generation);
            }
            throw;
        }
        index::switch_to(layout.db, static_cast<unsigned>(live.size()), generation);
        lock.release();
        for (const std::filesystem::path& old : live) {
            index::remove_generation(old.parent_path(), old.filename().string());
        }
    } catch (...) {
        index::rethrow_translated(db_path);
    }
}

CheckReport check_index(const std::string& db_path) {
    try {
        const index::Layout layout = index::inspect_layout(db_path);
        if (layout.kind == index::LayoutKind::absent) {
            throw DatabaseError("no index at " + db_path, ErrorCode::database_not_found);
        }
        CheckReport report;
        Problems problems(report);
        // Xapian checks a single glass folder, not a stub: check the generations the stub names.
        for (const std::filesystem::path& live : layout.live_paths()) check_tables(live, problems);
        check_shards(db_path, problems);
        if (layout.kind == index::LayoutKind::sharded) check_routing(layout, problems);
        const Xapian::Database db(db_path);
        report.documents = db.get_doccount();
        if (const auto lexicon = check_metadata(db, problems)) {
            const std::string image_problem = analysis::check_index_lexicon_image(db_path, *lexicon);
            if (!image_problem.empty()) problems.add(image_problem);
        }
        check_documents(db, problems);
        problems.finish();
        return report;
    } catch (...) {
        index::rethrow_translated(db_path);
    }
}

}  // namespace capsearch
