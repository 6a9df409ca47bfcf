// Facet tables cached between processes; see facet_table_cache.hpp for why.
#include "searcher/facet_table_cache.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <system_error>

#include "analyzers/durable_file.hpp"
#include "analyzers/user_cache.hpp"
#include "capsearch/error.hpp"
#include "schema/fields.hpp"

namespace fs = std::filesystem;

namespace capsearch::search {
namespace {

// The file, in the host's byte order (the marker tells another order apart):
//   "CSFACETS" u32 format=1 u32 marker=0x01020304 str schema u32 shards {str uuid u64 revision}...
//   u32 width u64 rows {u32 values {str value}...}... (facet by facet, code 0 "" not stored)
//   zero bytes up to a multiple of 8 from the start, rows * row_bytes bytes of packed codes
// where str is u32 length + bytes, and a row's layout follows from the value lists
// (FacetTable::lay_out). The codes come last, so the table uses them in place in the file's mapping.
// Format 1 stored every code in 4 bytes; its files are refused, and rebuilt by the next search.
constexpr std::string_view kMagic = "CSFACETS";
constexpr std::uint32_t kFormat = 2;
constexpr std::uint32_t kMarker = 0x01020304;
constexpr std::string_view kPrefix = "facets-";
constexpr std::string_view kSuffix = ".tbl";
constexpr auto kUnusedFor = std::chrono::hours(24 * 30);

// Which facets a table's columns are: a table of another capsearch's schema is not this one's.
std::string schema_signature() {
    std::string s;
    for (const schema::Field* f : schema::facet_fields()) {
        s.append(f->name);
        s += ':';
        s += std::to_string(f->slot);
        s += ';';
    }
    return s;
}

bool usable_uuid(const std::string& uuid) {
    if (uuid.empty() || uuid.size() > 64) return false;
    for (char c : uuid)
        if (!((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || (c >= '0' && c <= '9') || c == '-'))
            return false;
    return true;
}

template <typename T>
void put(std::string& out, T v) {
    out.append(reinterpret_cast<const char*>(&v), sizeof v);
}
void put_str(std::string& out, std::string_view s) {
    put(out, static_cast<std::uint32_t>(s.size()));
    out.append(s);
}

// Reads the header and value lists of a mapped file, refusing any length that reaches past its end
// (so a damaged file can make it neither read out of bounds nor allocate without bound).
class Reader {
  public:
    explicit Reader(std::string_view bytes) : bytes_(bytes) {}
    template <typename T>
    bool get(T& v) {
        if (bytes_.size() - at_ < sizeof v) return false;
        std::memcpy(&v, bytes_.data() + at_, sizeof v);
        at_ += sizeof v;
        return true;
    }
    bool get_str(std::string& s) {
        std::uint32_t n = 0;
        if (!get(n) || n > left()) return false;
        s.assign(bytes_.data() + at_, n);
        at_ += n;
        return true;
    }
    bool skip_to_multiple_of(std::size_t k) {
        const std::size_t to = (at_ + k - 1) / k * k;
        if (to > bytes_.size()) return false;
        at_ = to;
        return true;
    }
    std::size_t left() const { return bytes_.size() - at_; }
    std::size_t offset() const { return at_; }

  private:
    std::string_view bytes_;
    std::size_t at_ = 0;
};

// A read-only mapping of a whole file, unmapped when the last table using it goes. Populated at once:
// counting a broad query's facets reads most of the codes, and one call maps them for less than a
// page fault per 16 pages (about 0.2 ms less of a one-shot search at 100k figures, measured).
std::shared_ptr<const void> map_file(const fs::path& file, std::size_t& size) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return nullptr;
    struct stat st {};
    void* at = MAP_FAILED;
    if (::fstat(fd, &st) == 0 && st.st_size > 0)
        at = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd,
                    0);
    ::close(fd);
    if (at == MAP_FAILED) return nullptr;
    size = static_cast<std::size_t>(st.st_size);
    return std::shared_ptr<const void>(at, [size](const void* p) { ::munmap(const_cast<void*>(p), size); });
}

}  // namespace

fs::path facet_cache_folder() { return analysis::user_cache_folder("facets"); }

std::string facet_table_file_name(const FacetTableKey& key) {
    if (key.shards.empty()) return "";
    std::string name(kPrefix);
    for (std::size_t i = 0; i < key.shards.size(); ++i) {
        if (!usable_uuid(key.shards[i].first)) return "";
        if (i) name += '+';
        name += key.shards[i].first + "-" + std::to_string(key.shards[i].second);
    }
    return name + std::string(kSuffix);
}

std::shared_ptr<const FacetTable> load_facet_table(const fs::path& folder, const FacetTableKey& key) {
    const std::string name = facet_table_file_name(key);
    if (folder.empty() || name.empty()) return nullptr;
    std::size_t size = 0;
    std::shared_ptr<const void> mapping = map_file(folder / name, size);
    if (!mapping) return nullptr;
    Reader r(std::string_view(static_cast<const char*>(mapping.get()), size));

    char magic[kMagic.size()];
    std::uint32_t format = 0, marker = 0, shards = 0, width = 0;
    std::string schema;
    for (char& c : magic)
        if (!r.get(c)) return nullptr;
    if (std::string_view(magic, sizeof magic) != kMagic) return nullptr;
    if (!r.get(format) || format != kFormat || !r.get(marker) || marker != kMarker) return nullptr;
    if (!r.get_str(schema) || schema != schema_signature()) return nullptr;
    if (!r.get(shards) || shards != key.shards.size()) return nullptr;
    for (const auto& [uuid, revision] : key.shards) {
        std::string u;
        std::uint64_t rev = 0;
        if (!r.get_str(u) || u != uuid || !r.get(rev) || rev != revision) return nullptr;
    }
    std::uint64_t rows = 0;
    if (!r.get(width) || width != schema::facet_fields().size() || !r.get(rows)) return nullptr;

    auto table = std::make_shared<FacetTable>();
    table->key = key;
    table->width = width;
    table->values.assign(width, std::vector<std::string>{""});
    for (auto& values : table->values) {
        std::uint32_t n = 0;
        if (!r.get(n) || n > r.left() / sizeof(std::uint32_t)) return nullptr;
        values.resize(std::size_t{n} + 1);
        for (std::uint32_t i = 1; i <= n; ++i)
            if (!r.get_str(values[i])) return nullptr;
    }
    // Exactly the codes remain: no more (another layout), no less (truncated).
    table->lay_out();
    if (!r.skip_to_multiple_of(8) || table->row_bytes == 0 || r.left() % table->row_bytes != 0 ||
        r.left() / table->row_bytes != rows)
        return nullptr;
    const auto* codes = reinterpret_cast<const std::byte*>(mapping.get()) + r.offset();
    // The codes are checked where they are read (FacetTable::code, TableFacetSpy), not all here: a
    // search counts only its matches' rows, and a pass over every code was 11% of a one-shot search's
    // CPU at 100k figures.
    table->rows = static_cast<std::size_t>(rows);
    table->packed = std::span<const std::byte>(codes, r.left());
    table->mapping = std::move(mapping);
    return table;
}

bool save_facet_table(const fs::path& folder, const FacetTable& table) {
    const std::string name = facet_table_file_name(table.key);
    if (folder.empty() || name.empty() || table.width == 0) return false;
    std::string bytes(kMagic);
    put(bytes, kFormat);
    put(bytes, kMarker);
    put_str(bytes, schema_signature());
    put(bytes, static_cast<std::uint32_t>(table.key.shards.size()));
    for (const auto& [uuid, revision] : table.key.shards) {
        put_str(bytes, uuid);
        put(bytes, static_cast<std::uint64_t>(revision));
    }
    put(bytes, static_cast<std::uint32_t>(table.width));
    put(bytes, static_cast<std::uint64_t>(table.rows));
    for (const auto& values : table.values) {
        put(bytes, static_cast<std::uint32_t>(values.size() - 1));
        for (std::size_t i = 1; i < values.size(); ++i) put_str(bytes, values[i]);
    }
    bytes.append((8 - bytes.size() % 8) % 8, '\0');
    bytes.append(reinterpret_cast<const char*>(table.packed.data()), table.packed.size());
    try {
        std::error_code ec;
        fs::create_directories(folder, ec);
        analysis::write_file_durably((folder / name).string(), bytes, "the facet table");
    } catch (const Error&) {
        return false;
    }

    // Older revisions of the same databases are never read again; tables of other indexes go when
    // unused (not rewritten) for a month, and are rebuilt by their next search if still wanted.
    const std::string same_dbs = std::string(kPrefix) + table.key.shards.front().first + "-";
    const auto now = fs::file_time_type::clock::now();
    std::error_code ec;
    for (auto it = fs::directory_iterator(folder, ec); !ec && it != fs::directory_iterator();
         it.increment(ec)) {
        const std::string file = it->path().filename().string();
        if (file == name || file.rfind(kPrefix, 0) != 0) continue;
        std::error_code e;
        const bool stale = file.rfind(same_dbs, 0) == 0 || now - it->last_write_time(e) > kUnusedFor;
        if (stale && !e) fs::remove(it->path(), e);
    }
    return true;
}

}  // namespace capsearch::search
