// Finding, checking and writing an index's lexicon image (see lexicon_store.hpp).
#include "schema/lexicon_store.hpp"

#include <cstdlib>

#include "schema/terms.hpp"
#include "capsearch/error.hpp"

namespace fs = std::filesystem;

namespace capsearch::analysis {

namespace {

// Ids are "lex1-" and hex digits; anything else (a hand-edited index) is not used as a file name.
bool usable_id(const std::string& id) {
    if (id.empty() || id.size() > 39) return false;
    for (char c : id)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'))
            return false;
    return true;
}

fs::path cache_folder() {
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg)
        return fs::path(xdg) / "capsearch" / "lexicons";
    if (const char* home = std::getenv("HOME"); home && *home)
        return fs::path(home) / ".cache" / "capsearch" / "lexicons";
    return {};
}

bool is_index_folder(const fs::path& p) {
    std::error_code ec;
    return fs::is_directory(p, ec) && fs::is_regular_file(p / "XAPIANDB", ec);
}

// An index folder keeps the image of its current lexicon only; older ones go when a new one comes.
void remove_other_images(const fs::path& folder, const std::string& keep) {
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name != keep && name.rfind("lexicon-", 0) == 0 && name.size() > 4 &&
            name.compare(name.size() - 4, 4, ".img") == 0)
            fs::remove(it->path(), ec);
    }
}

std::shared_ptr<const Lexicon> open_checked(const fs::path& file, const std::string& id) {
    std::shared_ptr<const Lexicon> lexicon;
    try {
        lexicon = Lexicon::open_image(file.string());
    } catch (const Error& e) {
        throw Error(e.code(),
                    std::string(e.what()) + " (delete it: capsearch writes it again from the index)");
    }
    if (lexicon->id() != id) {
        throw Error(ErrorCode::lexicon, file.string() + ": lexicon image of lexicon " + lexicon->id() +
                                            ", but the index uses " + id +
                                            " (delete it: capsearch writes it again from the index)");
    }
    return lexicon;
}

}  // namespace

std::string lexicon_image_name(const std::string& id) { return "lexicon-" + id + ".img"; }

std::vector<fs::path> lexicon_image_folders(const std::vector<std::string>& paths) {
    std::vector<fs::path> out;
    if (paths.size() == 1 && is_index_folder(paths.front())) out.emplace_back(paths.front());
    if (fs::path cache = cache_folder(); !cache.empty()) out.push_back(std::move(cache));
    return out;
}

IndexLexicon open_index_lexicon(const Xapian::Database& db, const std::vector<std::string>& paths,
                                const std::string& where) {
    IndexLexicon out;
    out.id = db.get_metadata(terms::kMetaLexiconId);
    const std::vector<fs::path> folders =
        usable_id(out.id) ? lexicon_image_folders(paths) : std::vector<fs::path>{};
    const std::string name = usable_id(out.id) ? lexicon_image_name(out.id) : std::string();
    for (const fs::path& folder : folders) {
        std::error_code ec;
        if (fs::exists(folder / name, ec)) {
            out.lexicon = open_checked(folder / name, out.id);
            return out;
        }
    }
    // No image yet: the one time the compiled text crosses over (from a remote shard too) and is parsed.
    const std::string text = db.get_metadata(terms::kMetaLexicon);
    out.lexicon = text.empty() ? Lexicon::builtin() : Lexicon::parse(text, where + " (index metadata)");
    if (out.id.empty()) out.id = out.lexicon->id();
    // An index whose stored id is not its text's hash (written by a capsearch that hashed otherwise)
    // gets no image: the next sync re-analyses it and stores the id this capsearch computes.
    if (text.empty() || out.lexicon->id() != out.id) return out;
    for (const fs::path& folder : folders) {
        try {
            std::error_code ec;
            fs::create_directories(folder, ec);
            out.lexicon->save_image((folder / name).string());
            if (is_index_folder(folder)) remove_other_images(folder, name);
            break;
        } catch (const Error&) {
            // A read-only index folder or cache: try the next; with none, the next search parses again.
        }
    }
    return out;
}

}  // namespace capsearch::analysis
