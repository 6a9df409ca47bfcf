// Stub lines opened one by one; see stub_lines.hpp.
#include "schema/stub_lines.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "capsearch/error.hpp"
#include "capsearch/index.hpp"
#include "schema/layout.hpp"
#include "schema/terms.hpp"

namespace capsearch::index {
namespace {

namespace fs = std::filesystem;

// The specs of a stub file's lines, or empty when some line is of a kind Xapian should read itself.
std::vector<StubLine> read_stub_lines(const fs::path& stub) {
    std::ifstream in(stub);
    std::vector<StubLine> specs;
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream words(line);
        std::string kind, target, extra;
        if (!(words >> kind) || kind[0] == '#') continue;
        if (!(words >> target) || (words >> extra)) return {};
        StubLine spec;
        if (kind == "remote") {
            if (!parse_remote(target, spec)) return {};
        } else if (kind == "auto" || kind == "glass" || kind == "chert") {
            fs::path p(target);
            spec.path = (p.is_absolute() ? p : stub.parent_path() / p).string();
            spec.name = spec.path;
        } else {
            return {};
        }
        specs.push_back(std::move(spec));
    }
    return specs;
}

}  // namespace

bool parse_remote(const std::string& where, StubLine& spec) {
    const std::size_t colon = where.rfind(':');
    if (colon == 0 || colon == std::string::npos || colon + 1 == where.size()) return false;
    const std::string port = where.substr(colon + 1);
    if (port.find_first_not_of("0123456789") != std::string::npos || port.size() > 5) return false;
    const unsigned long number = std::stoul(port);
    if (number == 0 || number > 65535) return false;
    spec.host = where.substr(0, colon);
    spec.port = static_cast<unsigned>(number);
    spec.name = where;
    return true;
}

std::vector<StubLine> stub_lines(const std::string& path) {
    std::error_code ec;
    if (fs::is_regular_file(path, ec)) {
        std::vector<StubLine> specs = read_stub_lines(path);
        if (!specs.empty()) return specs;
    }
    // A sharded index (DB/XAPIANDB listing its shards' generations): each shard on its own.
    const fs::path folder_stub = fs::path(path) / kStubName;
    if (fs::is_regular_file(folder_stub, ec)) {
        std::vector<StubLine> specs = read_stub_lines(folder_stub);
        if (specs.size() > 1) return specs;
    }
    StubLine whole;
    whole.path = path;
    whole.name = path;
    return {whole};
}

Xapian::Database open_stub_line(const StubLine& spec, unsigned timeout_ms) {
    if (!spec.host.empty()) {
        return Xapian::Remote::open(spec.host, spec.port, timeout_ms, timeout_ms);
    }
    std::error_code ec;
    if (!fs::exists(spec.path, ec)) {
        throw DatabaseError("no index at '" + spec.path + "' (no such file or folder)",
                            ErrorCode::database_not_found);
    }
    return Xapian::Database(spec.path);
}

std::optional<std::string> shard_disagreement(const std::vector<Xapian::Database>& shards,
                                              const std::vector<std::string>& names) {
    for (const char* key : {terms::kMetaLexiconId, terms::kMetaAnalysis}) {
        std::string first_value, first_name;
        for (std::size_t i = 0; i < shards.size(); ++i) {
            const std::string value = shards[i].get_metadata(key);
            if (value.empty()) continue;
            if (first_value.empty()) {
                first_value = value;
                first_name = names[i];
            } else if (value != first_value) {
                return "the shards disagree on " + std::string(key) + ": '" + first_name + "' has '" +
                       first_value + "', '" + names[i] + "' has '" + value +
                       "' (rebuild them with one lexicon)";
            }
        }
    }
    return std::nullopt;
}

}  // namespace capsearch::index

namespace capsearch {

void write_stub(const std::string& stub_path, const std::vector<std::string>& remotes,
                const std::vector<std::string>& local_paths) {
    if (remotes.empty() && local_paths.empty()) {
        throw Error(ErrorCode::invalid_argument,
                    "a stub needs at least one shard (--remote HOST:PORT or --local PATH)");
    }
    std::string text;
    for (const std::string& r : remotes) {
        index::StubLine line;
        if (!index::parse_remote(r, line)) {
            throw Error(ErrorCode::invalid_argument, "'" + r + "' is not HOST:PORT (a port from 1 to 65535)");
        }
        text += "remote " + r + "\n";
    }
    for (const std::string& p : local_paths) {
        if (p.find_first_of(" \t\n") != std::string::npos) {
            throw Error(ErrorCode::invalid_argument, "a stub cannot name a path with spaces: '" + p + "'");
        }
        text += "auto " + std::filesystem::absolute(p).lexically_normal().string() + "\n";
    }
    // Written beside and renamed over, so a searcher never reads half a stub.
    const std::filesystem::path target(stub_path);
    const std::filesystem::path temp = target.string() + ".tmp";
    {
        std::ofstream out(temp, std::ios::trunc);
        out << text;
        out.flush();
        if (!out) throw Error(ErrorCode::io, "cannot write the stub '" + temp.string() + "'");
    }
    std::error_code ec;
    std::filesystem::rename(temp, target, ec);
    if (ec) throw Error(ErrorCode::io, "cannot write the stub '" + stub_path + "': " + ec.message());
}

}  // namespace capsearch
