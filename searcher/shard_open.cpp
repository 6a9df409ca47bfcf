// Stub lines opened one by one; see shard_open.hpp.
#include "searcher/shard_open.hpp"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "analyzers/terms.hpp"
#include "capsearch/error.hpp"

namespace capsearch::search {
namespace {

namespace fs = std::filesystem;

// "host:port" -> spec; nullopt-like empty host for anything else (":prog args", no port, ...).
bool parse_remote(const std::string& where, ShardSpec& spec) {
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

// The specs of a stub file's lines, or empty when some line is of a kind Xapian should read itself.
std::vector<ShardSpec> read_stub_lines(const fs::path& stub) {
    std::ifstream in(stub);
    std::vector<ShardSpec> specs;
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream words(line);
        std::string kind, target, extra;
        if (!(words >> kind) || kind[0] == '#') continue;
        if (!(words >> target) || (words >> extra)) return {};
        ShardSpec spec;
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

unsigned timeout_ms(const SearchOptions& options) {
    if (!options.timeout_seconds) return 10000;  // Xapian's own default.
    return static_cast<unsigned>(std::lround(*options.timeout_seconds * 1000.0));
}

Xapian::Database open_one(const ShardSpec& spec, const SearchOptions& options) {
    if (!spec.host.empty()) {
        const unsigned ms = timeout_ms(options);
        return Xapian::Remote::open(spec.host, spec.port, ms, ms);
    }
    std::error_code ec;
    if (!fs::exists(spec.path, ec)) {
        throw DatabaseError("no index at '" + spec.path + "' (no such file or folder)",
                            ErrorCode::database_not_found);
    }
    return Xapian::Database(spec.path);
}

// The lexicon id and analysis version shards must agree on; empty values (older indexes) agree.
void check_agreement(const std::vector<Xapian::Database>& shards, const std::vector<std::string>& names) {
    for (const char* key : {terms::kMetaLexiconId, terms::kMetaAnalysis}) {
        std::string first_value, first_name;
        for (std::size_t i = 0; i < shards.size(); ++i) {
            const std::string value = shards[i].get_metadata(key);
            if (value.empty()) continue;
            if (first_value.empty()) {
                first_value = value;
                first_name = names[i];
            } else if (value != first_value) {
                throw DatabaseError(
                    "the shards disagree on " + std::string(key) + ": '" + first_name + "' has '" +
                    first_value + "', '" + names[i] + "' has '" + value +
                    "' (rebuild them with one lexicon: capsearch index --shards, or lexicon update)");
            }
        }
    }
}

}  // namespace

std::vector<ShardSpec> shard_specs(const std::string& path) {
    std::error_code ec;
    if (fs::is_regular_file(path, ec)) {
        std::vector<ShardSpec> specs = read_stub_lines(path);
        if (!specs.empty()) return specs;
    }
    ShardSpec whole;
    whole.path = path;
    whole.name = path;
    return {whole};
}

OpenedShards open_shards(const std::vector<ShardSpec>& specs, const SearchOptions& options) {
    OpenedShards out;
    out.db = std::make_unique<Xapian::Database>();
    std::vector<std::string> names;
    std::string last_error;
    for (const ShardSpec& spec : specs) {
        if (!spec.host.empty()) out.remote = true;
        try {
            out.shards.push_back(open_one(spec, options));
        } catch (const Xapian::NetworkError& e) {
            last_error = e.get_description();
            if (!options.allow_partial) {
                throw DatabaseError("cannot reach the shard '" + spec.name + "': " + last_error +
                                        " (--allow-partial answers from the other shards)",
                                    ErrorCode::database_not_found);
            }
            out.missing.push_back(spec.name);
            continue;
        } catch (const Xapian::DatabaseOpeningError& e) {
            throw DatabaseError("cannot open the index at '" + spec.name + "': " + e.get_msg(),
                                ErrorCode::database_not_found);
        } catch (const Xapian::Error& e) {
            throw DatabaseError("cannot open the index at '" + spec.name + "': " + e.get_description());
        }
        out.db->add_database(out.shards.back());
        names.push_back(spec.name);
    }
    if (out.shards.empty()) {
        throw DatabaseError("no shard could be opened (" + last_error + ")", ErrorCode::database_not_found);
    }
    if (out.shards.size() > 1) {
        try {
            check_agreement(out.shards, names);
        } catch (const Xapian::Error& e) {
            throw DatabaseError("cannot read the shards' metadata: " + e.get_description());
        }
    }
    return out;
}

}  // namespace capsearch::search
