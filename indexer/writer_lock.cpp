// The index's write lock (see writer_lock.hpp).
#include "indexer/writer_lock.hpp"

#include <signal.h>
#include <sys/types.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <system_error>

#include "capsearch/error.hpp"
#include "indexer/changesets.hpp"
#include "indexer/db_errors.hpp"

namespace fs = std::filesystem;

namespace capsearch::index {
namespace {

constexpr int kOpenAttempts = 20;

std::string utc_now() {
    const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::string own_command_line() {
    std::ifstream in("/proc/self/cmdline", std::ios::binary);
    std::string raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    while (!raw.empty() && raw.back() == '\0') raw.pop_back();
    for (char& c : raw) {
        if (c == '\0') c = ' ';
    }
    return raw;
}

bool process_alive(long pid) {
    if (pid <= 0) return false;
    return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

std::optional<nlohmann::json> read_info(const fs::path& path) {
    std::ifstream in(path);
    if (!in) return std::nullopt;
    nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return std::nullopt;
    return j;
}

bool same_place(const fs::path& db, const Layout& before) {
    const Layout now = inspect_layout(db);
    return now.kind == before.kind && now.live == before.live && now.shards == before.shards;
}

}  // namespace

struct WriterLock::State {
    Layout layout;
    std::vector<Xapian::WritableDatabase> dbs;  ///< The live generation, or each shard's.
    bool created = false;
    fs::path info_path;
    bool info_written = false;

    void write_info() {
        info_path = writer_info_path(layout.db);
        const nlohmann::json j = {
            {"pid", static_cast<long>(::getpid())}, {"started", utc_now()}, {"command", own_command_line()}};
        const fs::path tmp = info_path.string() + ".tmp";
        {
            std::ofstream out(tmp, std::ios::trunc);
            out << j.dump() << "\n";
            if (!out) return;  // Informational only: a read-only folder must not stop the writer.
        }
        std::error_code ec;
        fs::rename(tmp, info_path, ec);
        info_written = !ec;
    }

    void release() {
        for (Xapian::WritableDatabase& db : dbs) {
            try {
                db.close();
            } catch (const Xapian::Error&) {
                // Closing only drops the lock here; nothing is pending that could be lost.
            }
        }
        dbs.clear();
        if (info_written) {
            auto info = read_info(info_path);
            if (info && info->value("pid", 0L) == static_cast<long>(::getpid())) {
                std::error_code ec;
                fs::remove(info_path, ec);
            }
            info_written = false;
        }
    }
};

std::string locked_message(const std::string& db) {
    std::string msg = "index " + db + " is being updated by another process";
    auto info = read_info(writer_info_path(db));
    if (info && (*info)["pid"].is_number_integer() && (*info)["started"].is_string()) {
        const long pid = (*info)["pid"].get<long>();
        if (process_alive(pid)) {
            msg +=
                " (pid " + std::to_string(pid) + ", started " + (*info)["started"].get<std::string>() + ")";
        }
    }
    return msg;
}

WriterLock::WriterLock(std::unique_ptr<State> state) : state_(std::move(state)) {}
WriterLock::WriterLock(WriterLock&&) noexcept = default;
WriterLock& WriterLock::operator=(WriterLock&& other) noexcept {
    if (this != &other) {
        if (state_) state_->release();
        state_ = std::move(other.state_);
    }
    return *this;
}
WriterLock::~WriterLock() {
    if (state_) state_->release();
}

Xapian::WritableDatabase& WriterLock::database() { return shards().front(); }
std::vector<Xapian::WritableDatabase>& WriterLock::shards() {
    if (!state_ || state_->dbs.empty()) throw Error(ErrorCode::internal, "write lock used after release");
    return state_->dbs;
}
Xapian::Database WriterLock::reader() {
    Xapian::Database all;
    for (Xapian::WritableDatabase& db : shards()) all.add_database(db);
    return all;
}
const Layout& WriterLock::layout() const { return state_->layout; }
bool WriterLock::created() const { return state_->created; }
void WriterLock::release() {
    if (state_) state_->release();
}

// Why the index folder (or, when it does not exist yet, the folder it would be made in) cannot be
// written, e.g. "Read-only file system"; "" when it can. Checked first: Xapian would report a
// read-only index as a lock held by another process.
static std::string write_problem(const fs::path& db) {
    fs::path folder = db;
    std::error_code ec;
    while (!folder.empty() && !fs::exists(folder, ec)) {
        const fs::path parent = folder.parent_path();
        if (parent == folder) break;
        folder = parent;
    }
    if (folder.empty()) folder = ".";
    if (::access(folder.c_str(), W_OK) == 0) return "";
    return std::strerror(errno);
}

WriterLock WriterLock::acquire(const std::string& db_path, bool create) {
    const fs::path db(db_path);
    if (const std::string why = write_problem(db); !why.empty()) {
        throw DatabaseError("index " + db_path + " cannot be written: " + why, ErrorCode::io);
    }
    enable_changesets();  // A sync's commits become changesets a replica can fetch.
    try {
        for (int attempt = 0; attempt < kOpenAttempts; ++attempt) {
            Layout layout = inspect_layout(db);
            auto state = std::make_unique<State>();
            try {
                if (layout.kind == LayoutKind::absent) {
                    if (!create) {
                        throw DatabaseError("no index at " + db_path, ErrorCode::database_not_found);
                    }
                    fs::create_directories(db);
                    // Nothing is live yet, so the first generation may be overwritten: whatever is
                    // there is left by an interrupted creation. Taking it also takes Xapian's lock.
                    const std::string first = generation_name(1);
                    state->dbs.emplace_back((db / first).string(), Xapian::DB_CREATE_OR_OVERWRITE);
                    if (inspect_layout(db).kind != LayoutKind::absent) continue;  // Created meanwhile.
                    remove_leftovers(db, first);
                    switch_generation(db, first);
                    layout.kind = LayoutKind::generations;
                    layout.live = first;
                    state->created = true;
                } else {
                    for (const fs::path& live : layout.live_paths()) {
                        state->dbs.emplace_back(live.string(), Xapian::DB_OPEN);
                    }
                    // A rebuild may have switched generations between our look and our lock.
                    if (!same_place(db, layout)) continue;
                }
            } catch (const Xapian::DatabaseLockError&) {
                throw DatabaseLockedError(locked_message(db_path));
            } catch (const Xapian::DatabaseOpeningError&) {
                // The generation we looked at was replaced and removed before we could open it.
                if (layout.kind != LayoutKind::plain && !same_place(db, layout)) continue;
                throw;
            }
            state->layout = layout;
            state->write_info();
            return WriterLock(std::move(state));
        }
        throw DatabaseError("index " + db_path + " kept changing while opening it for writing");
    } catch (...) {
        rethrow_translated(db_path);
    }
}

}  // namespace capsearch::index
