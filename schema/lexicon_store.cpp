// Finding, checking and writing an index's lexicon image (see lexicon_store.hpp).
#include "schema/lexicon_store.hpp"

#include "capsearch/error.hpp"
#include "schema/terms.hpp"

namespace fs = std::filesystem;

namespace capsearch::analysis {

namespace {

bool is_index_folder(const fs::path& p) {
    std::error_code ec;
    return fs::is_directory(p, ec) && fs::is_regular_file(p / "XAPIANDB", ec);
}

// An index folder keeps the image of its current lexicon only; older ones (and temporary files a killed
// search left) go once the new one is live.
// Unlinking an image a running search has mapped is safe on POSIX: the mapping keeps the file's pages
// until it is unmapped, and the next search opens the new image by its new name.
void remove_other_images(const fs::path& folder, const std::string& keep) {
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        std::error_code e;
        if (name != keep && is_lexicon_image_file(name)) fs::remove(it->path(), e);
    }
}

// Writes `lexicon`'s image to the first of `folders` that takes it; false when none does (read-only).
bool write_image(const std::vector<fs::path>& folders, const Lexicon& lexicon) {
    for (const fs::path& folder : folders) {
        if (folder == lexicon_cache_folder()) return cache_lexicon_image(lexicon);
        try {
            std::error_code ec;
            fs::create_directories(folder, ec);
            lexicon.save_image((folder / lexicon_image_name(lexicon.id())).string());
            return true;
        } catch (const Error&) {
            // A read-only index folder: try the next.
        }
    }
    return false;
}

}  // namespace

std::vector<fs::path> lexicon_image_folders(const std::vector<std::string>& paths) {
    std::vector<fs::path> out;
    if (paths.size() == 1 && is_index_folder(paths.front())) out.emplace_back(paths.front());
    if (fs::path cache = lexicon_cache_folder(); !cache.empty()) out.push_back(std::move(cache));
    return out;
}

IndexLexicon open_index_lexicon(const Xapian::Database& db, const std::vector<std::string>& paths,
                                const std::string& where) {
    IndexLexicon out;
    out.id = db.get_metadata(terms::kMetaLexiconId);
    const bool usable = usable_lexicon_id(out.id);
    const std::vector<fs::path> folders = usable ? lexicon_image_folders(paths) : std::vector<fs::path>{};
    const std::string name = usable ? lexicon_image_name(out.id) : std::string();
    for (const fs::path& folder : folders) {
        std::error_code ec;
        if (fs::exists(folder / name, ec)) {
            if (folder == lexicon_cache_folder()) note_cached_image_used(folder / name);
            out.lexicon = open_checked_image(folder / name, out.id, "the index");
            return out;
        }
    }
    // No image yet (the index was written by an older capsearch, or its image was deleted): the one time
    // the compiled text crosses over (from a remote shard too) and is parsed.
    const std::string text = db.get_metadata(terms::kMetaLexicon);
    out.lexicon = text.empty() ? Lexicon::builtin() : Lexicon::parse(text, where + " (index metadata)");
    if (out.id.empty()) out.id = out.lexicon->id();
    // An index whose stored id is not its text's hash (written by a capsearch that hashed otherwise)
    // gets no image: the next sync re-analyses it and stores the id this capsearch computes.
    if (text.empty() || out.lexicon->id() != out.id) return out;
    // Older images in the index folder are left to the indexer: this search may have opened an older
    // generation than the live one, whose image must stay.
    write_image(folders, *out.lexicon);
    return out;
}

void store_index_lexicon_image(const std::string& db_path, const Lexicon& lexicon) {
    if (!usable_lexicon_id(lexicon.id())) return;
    const std::string name = lexicon_image_name(lexicon.id());
    const std::vector<fs::path> folders = lexicon_image_folders({db_path});
    if (folders.empty()) return;
    // Only the first folder counts (the index folder when there is one): an image in the cache, which
    // is pruned, must not stand in for the index's own.
    bool present = false;
    if (std::error_code ec; fs::exists(folders.front() / name, ec)) {
        try {
            open_checked_image(folders.front() / name, lexicon.id(), "the index");
            present = true;
        } catch (const Error&) {
            // Damaged: written again below.
        }
    }
    if (!present) write_image(folders, lexicon);
    if (is_index_folder(db_path)) remove_other_images(db_path, name);
}

std::string check_index_lexicon_image(const std::string& db_path, const Lexicon& lexicon) {
    if (!usable_lexicon_id(lexicon.id())) return "";
    const std::string name = lexicon_image_name(lexicon.id());
    for (const fs::path& folder : lexicon_image_folders({db_path})) {
        std::error_code ec;
        if (!fs::exists(folder / name, ec)) continue;
        try {
            // Byte for byte: the header checks at open do not see a damaged record or pool.
            if (open_checked_image(folder / name, lexicon.id(), "the index")->image() != lexicon.image())
                return (folder / name).string() +
                       ": the lexicon image differs from the index's stored lexicon (delete it: capsearch "
                       "writes it again from the index)";
        } catch (const Error& e) {
            return e.what();
        }
        return "";
    }
    return "";
}

}  // namespace capsearch::analysis
