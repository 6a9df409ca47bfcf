// The index folder's layout (see layout.hpp).
#include "schema/layout.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>
#include <vector>

#include "capsearch/error.hpp"

namespace fs = std::filesystem;

namespace capsearch::index {
namespace {

constexpr std::string_view kGenPrefix = "gen-";
constexpr std::string_view kStubBackend = "glass ";

std::string read_small_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// The generation a stub's text names, when it is one line "glass gen-NNNNNN".
std::optional<std::string> stub_generation(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) {
        text.pop_back();
    }
    if (text.rfind(kStubBackend, 0) != 0) return std::nullopt;
    std::string name = text.substr(kStubBackend.size());
    if (!generation_number(name)) return std::nullopt;
    return name;
}

constexpr std::string_view kShardPrefix = "shard-";

// The shard generations a sharded stub lists ("glass shard-K/gen-NNNNNN" for K = 0, 1, ... in
// order, at least two lines); nullopt for any other text.
std::optional<std::vector<std::string>> stub_shards(const std::string& text) {
    std::vector<std::string> shards;
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line)) {
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
        if (line.empty()) continue;
        if (line.rfind(kStubBackend, 0) != 0) return std::nullopt;
        const std::string where = line.substr(kStubBackend.size());
        const std::string folder = shard_folder_name(static_cast<unsigned>(shards.size())) + "/";
        if (where.rfind(folder, 0) != 0 || !generation_number(where.substr(folder.size())))
            return std::nullopt;
        shards.push_back(where);
    }
    if (shards.size() < 2) return std::nullopt;
    return shards;
}

bool is_ours(const std::string& name) {
    // lexicon-<id>.img: the lexicon image searches map (schema/lexicon_store.hpp).
    return name.rfind(kGenPrefix, 0) == 0 || name.rfind(kShardPrefix, 0) == 0 || name == kStubTempName ||
           name.rfind(kWriterInfoName, 0) == 0 || name.rfind("lexicon-", 0) == 0;
}

void fsync_path(const fs::path& path, bool folder) {
    const int fd = ::open(path.c_str(), O_RDONLY | (folder ? O_DIRECTORY : 0) | O_CLOEXEC);
    if (fd < 0) {
        throw DatabaseError("cannot open " + path.string() + " to flush it: " + std::strerror(errno));
    }
    const int rc = ::fsync(fd);
    const int err = errno;
    ::close(fd);
    if (rc != 0) throw DatabaseError("cannot flush " + path.string() + ": " + std::strerror(err));
}

}  // namespace

Layout inspect_layout(const fs::path& db) {
    Layout layout;
    layout.db = db;
    std::error_code ec;
    const fs::file_status st = fs::status(db, ec);
    if (ec || st.type() == fs::file_type::not_found) return layout;
    if (st.type() != fs::file_type::directory) {
        // A stub file or a single-file database: Xapian decides whether it can open it.
        layout.kind = LayoutKind::plain;
        return layout;
    }
    if (fs::is_regular_file(db / kStubName, ec)) {
        const std::string stub = read_small_file(db / kStubName);
        if (auto shards = stub_shards(stub)) {
            for (const std::string& s : *shards) {
                if (!fs::is_directory(db / s, ec)) {
                    throw DatabaseError("index " + db.string() + " is damaged: its stub names the shard " +
                                            s + ", which is missing",
                                        ErrorCode::database_not_found);
                }
            }
            layout.kind = LayoutKind::sharded;
            layout.shards = std::move(*shards);
            return layout;
        }
        if (auto gen = stub_generation(stub)) {
            if (!fs::is_directory(db / *gen, ec)) {
                throw DatabaseError(
                    "index " + db.string() + " is damaged: its stub names " + *gen + ", which is missing",
                    ErrorCode::database_not_found);
            }
            layout.kind = LayoutKind::generations;
            layout.live = *gen;
            return layout;
        }
        layout.kind = LayoutKind::plain;
        return layout;
    }
    for (const char* marker : {"iamglass", "iamchert", "iamhoney"}) {
        if (fs::exists(db / marker, ec)) {
            layout.kind = LayoutKind::plain;
            return layout;
        }
    }
    for (fs::directory_iterator it(db, ec), end; !ec && it != end; it.increment(ec)) {
        if (!is_ours(it->path().filename().string())) {
            throw DatabaseError(db.string() + " is not a capsearch index (the folder holds other files)",
                                ErrorCode::database_not_found);
        }
    }
    if (ec) throw DatabaseError("cannot read " + db.string() + ": " + ec.message());
    return layout;
}

std::string read_stub(const fs::path& path) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        return fs::is_regular_file(path / kStubName, ec) ? read_small_file(path / kStubName) : std::string();
    }
    return fs::is_regular_file(path, ec) ? read_small_file(path) : std::string();
}

std::vector<fs::path> stub_databases(const std::string& stub, const fs::path& base) {
    std::vector<fs::path> out;
    std::istringstream lines(stub);
    std::string line;
    while (std::getline(lines, line)) {
        std::istringstream words(line);
        std::string backend, where;
        if (!(words >> backend >> where) || backend.front() == '#') continue;
        if (backend != "glass" && backend != "chert" && backend != "auto" && backend != "honey") continue;
        out.push_back(fs::path(where).is_absolute() ? fs::path(where) : base / where);
    }
    return out;
}

std::string generation_name(unsigned number) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "gen-%06u", number);
    return buf;
}

std::optional<unsigned> generation_number(std::string_view name) {
    if (name.rfind(kGenPrefix, 0) != 0) return std::nullopt;
    const std::string_view digits = name.substr(kGenPrefix.size());
    if (digits.size() < 6 || digits.size() > 9) return std::nullopt;
    unsigned n = 0;
    for (char c : digits) {
        if (c < '0' || c > '9') return std::nullopt;
        n = n * 10 + static_cast<unsigned>(c - '0');
    }
    return n;
}

unsigned next_generation(const fs::path& db) {
    unsigned highest = 0;
    std::error_code ec;
    for (fs::directory_iterator it(db, ec), end; !ec && it != end; it.increment(ec)) {
        std::string name = it->path().filename().string();
        // Leftover work folders ("gen-000003.shards") count too, so a new generation never reuses them.
        if (auto dot = name.find('.'); dot != std::string::npos) name.resize(dot);
        if (auto n = generation_number(name)) highest = std::max(highest, *n);
    }
    if (ec) throw DatabaseError("cannot read " + db.string() + ": " + ec.message());
    return highest + 1;
}

// Replaces DB/XAPIANDB by `text` atomically (temporary file, fsync, rename, folder fsync).
static void write_stub_atomically(const fs::path& db, const std::string& text, const std::string& what) {
    const fs::path tmp = db / kStubTempName;
    {
        const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (fd < 0) throw DatabaseError("cannot write " + tmp.string() + ": " + std::strerror(errno));
        const bool ok =
            ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
        const int err = errno;
        ::close(fd);
        if (!ok) throw DatabaseError("cannot write " + tmp.string() + ": " + std::strerror(err));
    }
    if (::rename(tmp.c_str(), (db / kStubName).c_str()) != 0) {
        throw DatabaseError("cannot switch " + db.string() + " to " + what + ": " + std::strerror(errno));
    }
    fsync_path(db, true);
}

void switch_generation(const fs::path& db, const std::string& generation) {
    write_stub_atomically(db, std::string(kStubBackend) + generation + "\n", generation);
}

std::uintmax_t folder_bytes(const fs::path& folder) {
    std::uintmax_t total = 0;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        std::error_code size_ec;
        if (it->is_regular_file(size_ec)) {
            const std::uintmax_t size = it->file_size(size_ec);
            if (!size_ec) total += size;
        }
    }
    return total;
}

std::vector<fs::path> Layout::live_paths() const {
    if (kind != LayoutKind::sharded) return {live_path()};
    std::vector<fs::path> out;
    for (const std::string& s : shards) out.push_back(db / s);
    return out;
}

std::string shard_folder_name(unsigned shard) { return std::string(kShardPrefix) + std::to_string(shard); }

// The DB/shard-* folders, in no particular order.
static std::vector<fs::path> shard_folders(const fs::path& db) {
    std::vector<fs::path> out;
    std::error_code ec;
    for (fs::directory_iterator it(db, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->path().filename().string().rfind(kShardPrefix, 0) == 0 && it->is_directory()) {
            out.push_back(it->path());
        }
    }
    return out;
}

unsigned next_generation_everywhere(const fs::path& db) {
    unsigned next = next_generation(db);
    for (const fs::path& shard : shard_folders(db)) next = std::max(next, next_generation(shard));
    return next;
}

void switch_shards(const fs::path& db, const std::vector<std::string>& live) {
    std::string text;
    for (const std::string& s : live) text += std::string(kStubBackend) + s + "\n";
    write_stub_atomically(db, text, std::to_string(live.size()) + " shards");
}

// The entries of `db` that are generations, work folders or the stub's temporary file, except `keep`.
static std::vector<fs::path> generation_entries(const fs::path& db, const std::string& keep) {
    std::error_code ec;
    std::vector<fs::path> found;
    for (fs::directory_iterator it(db, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if ((name.rfind(kGenPrefix, 0) == 0 && name != keep) || name == kStubTempName) {
            found.push_back(it->path());
        }
    }
    return found;
}

void remove_leftovers(const fs::path& db, const std::string& keep) {
    std::error_code ec;
    for (const fs::path& p : generation_entries(db, keep)) {
        fs::remove_all(p, ec);
        if (ec && fs::exists(p)) {
            throw DatabaseError("cannot remove " + p.string() +
                                " (left by an interrupted run): " + ec.message());
        }
    }
}

void switch_to(const fs::path& db, unsigned shards, const std::string& generation) {
    if (shards == 1) {
        switch_generation(db, generation);
        return;
    }
    std::vector<std::string> live;
    for (unsigned k = 0; k < shards; ++k) live.push_back(shard_folder_name(k) + "/" + generation);
    switch_shards(db, live);  // The switch readers of DB see.
    for (unsigned k = 0; k < shards; ++k) switch_generation(db / shard_folder_name(k), generation);
}

void remove_shard_leftovers(const Layout& layout) {
    std::error_code ec;
    for (const fs::path& folder : shard_folders(layout.db)) {
        const std::string name = folder.filename().string();
        std::size_t k = layout.shards.size();
        while (k > 0 && shard_folder_name(static_cast<unsigned>(k - 1)) != name) --k;
        if (k == 0) {  // Not a shard of this layout.
            fs::remove_all(folder, ec);
            continue;
        }
        const std::string& live = layout.shards[k - 1];
        remove_leftovers(folder, live.substr(live.find('/') + 1));
    }
    if (layout.kind == LayoutKind::sharded) remove_leftovers(layout.db, "");
}

void remove_generation(const fs::path& db, const std::string& generation) {
    std::error_code ec;
    fs::remove_all(db / generation, ec);
}

void remove_created_index(const fs::path& db) {
    std::error_code ec;
    fs::remove(db / kStubName, ec);
    for (const fs::path& p : generation_entries(db, "")) fs::remove_all(p, ec);
    for (const fs::path& p : shard_folders(db)) fs::remove_all(p, ec);
    fs::remove(writer_info_path(db), ec);
    for (fs::directory_iterator it(db, ec), end; !ec && it != end; it.increment(ec))
        if (it->path().filename().string().rfind("lexicon-", 0) == 0) fs::remove(it->path(), ec);
    fs::remove(db, ec);  // Only when nothing else is left in it.
}

void sync_folder(const fs::path& folder) {
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->is_regular_file()) fsync_path(it->path(), false);
    }
    if (ec) throw DatabaseError("cannot read " + folder.string() + ": " + ec.message());
    fsync_path(folder, true);
}

fs::path writer_info_path(const fs::path& db) {
    std::error_code ec;
    if (fs::is_directory(db, ec)) return db / kWriterInfoName;
    return fs::path(db.string() + "." + kWriterInfoName);
}

}  // namespace capsearch::index
