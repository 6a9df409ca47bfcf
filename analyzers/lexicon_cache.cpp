// The user's cache of lexicon images (see lexicon_cache.hpp).
#include "analyzers/lexicon_cache.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "analyzers/lexicon_data.hpp"
#include "analyzers/lexicon_image.hpp"
#include "analyzers/user_cache.hpp"
#include "capsearch/error.hpp"

namespace fs = std::filesystem;

namespace capsearch::analysis {

namespace {

constexpr std::string_view kImagePrefix = "lexicon-";
constexpr std::string_view kImageSuffix = ".img";
constexpr std::chrono::hours kTouchEvery{24};

// A file's bytes, mapped (not copied: hashing a 4 MB lexicon file must not cost a 4 MB allocation).
class FileView {
  public:
    explicit FileView(const std::string& path) {
        const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            throw Error(ErrorCode::io, path + ": cannot open the lexicon file: " + std::strerror(errno));
        struct stat st {};
        if (::fstat(fd, &st) == 0 && st.st_size > 0) {
            size_ = static_cast<std::size_t>(st.st_size);
            at_ = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
        }
        const int err = errno;
        ::close(fd);
        if (at_ == MAP_FAILED)
            throw Error(ErrorCode::io, path + ": cannot read the lexicon file: " + std::strerror(err));
    }
    ~FileView() {
        if (at_ != MAP_FAILED && at_ != nullptr) ::munmap(at_, size_);
    }
    FileView(const FileView&) = delete;
    FileView& operator=(const FileView&) = delete;
    std::string_view bytes() const {
        return at_ ? std::string_view(static_cast<const char*>(at_), size_) : std::string_view();
    }

  private:
    void* at_ = nullptr;
    std::size_t size_ = 0;
};

struct Entry {
    fs::path path;
    fs::file_time_type mtime;
    std::uintmax_t size = 0;
};

}  // namespace

fs::path lexicon_cache_folder() { return user_cache_folder("lexicons"); }

bool is_lexicon_image_file(const std::string& file_name) {
    return file_name.rfind(kImagePrefix, 0) == 0 && file_name.find(kImageSuffix) != std::string::npos;
}

std::string lexicon_image_name(const std::string& id) {
    return std::string(kImagePrefix) + id + std::string(kImageSuffix);
}

bool usable_lexicon_id(const std::string& id) {
    if (id.empty() || id.size() > 39) return false;
    for (char c : id)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'))
            return false;
    return true;
}

std::shared_ptr<const Lexicon> open_checked_image(const fs::path& file, const std::string& id,
                                                  const std::string& owner) {
    const std::string advice = " (delete it: capsearch writes it again from " + owner + ")";
    std::shared_ptr<const Lexicon> lexicon;
    try {
        lexicon = Lexicon::open_image(file.string());
    } catch (const Error& e) {
        throw Error(e.code(), std::string(e.what()) + advice);
    }
    if (lexicon->id() != id) {
        throw Error(ErrorCode::lexicon, file.string() + ": lexicon image of lexicon " + lexicon->id() +
                                            ", but " + owner + " uses " + id + advice);
    }
    return lexicon;
}

void note_cached_image_used(const fs::path& file) {
    std::error_code ec;
    const auto now = fs::file_time_type::clock::now();
    const auto mtime = fs::last_write_time(file, ec);
    if (!ec && now - mtime > kTouchEvery) fs::last_write_time(file, now, ec);
}

void prune_lexicon_cache(const fs::path& folder, const std::string& keep, const LexiconCachePolicy& policy) {
    const auto now = fs::file_time_type::clock::now();
    std::vector<Entry> kept;
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        std::error_code e;
        if (name == keep || !is_lexicon_image_file(name) || !it->is_regular_file(e)) continue;
        Entry entry{it->path(), it->last_write_time(e), it->file_size(e)};
        if (e) continue;
        if (now - entry.mtime > policy.unused_for)
            fs::remove(entry.path, e);
        else
            kept.push_back(std::move(entry));
    }
    std::uintmax_t total = 0;
    for (const Entry& e : kept) total += e.size;
    if (!keep.empty()) {
        std::error_code e;
        const std::uintmax_t size = fs::file_size(folder / keep, e);
        if (!e) total += size;
    }
    std::sort(kept.begin(), kept.end(), [](const Entry& a, const Entry& b) { return a.mtime < b.mtime; });
    for (const Entry& e : kept) {
        if (total <= policy.max_bytes) break;
        std::error_code rm;
        if (fs::remove(e.path, rm)) total -= e.size;
    }
}

bool cache_lexicon_image(const Lexicon& lexicon) {
    const fs::path folder = lexicon_cache_folder();
    if (folder.empty() || !usable_lexicon_id(lexicon.id())) return false;
    const std::string name = lexicon_image_name(lexicon.id());
    try {
        std::error_code ec;
        fs::create_directories(folder, ec);
        lexicon.save_image((folder / name).string());
    } catch (const Error&) {
        return false;
    }
    prune_lexicon_cache(folder, name);
    return true;
}

std::shared_ptr<const Lexicon> load_lexicon_file_cached(const std::string& path) {
    const FileView file(path);
    const std::string_view text = file.bytes();
    if (text.size() >= sizeof lexicon_detail::kImageMagic &&
        std::memcmp(text.data(), lexicon_detail::kImageMagic, sizeof lexicon_detail::kImageMagic) == 0)
        return Lexicon::open_image(path);
    // The id is the hash of the compiled text, so hashing the file names its image without parsing it.
    const std::string id = lexicon_detail::fnv_id(text);
    const fs::path folder = lexicon_cache_folder();
    if (!folder.empty()) {
        const fs::path image = folder / lexicon_image_name(id);
        std::error_code ec;
        if (fs::exists(image, ec)) {
            note_cached_image_used(image);
            return open_checked_image(image, id, path);
        }
    }
    auto lexicon = Lexicon::parse(text, path);
    if (lexicon->id() == id) cache_lexicon_image(*lexicon);
    return lexicon;
}

}  // namespace capsearch::analysis
