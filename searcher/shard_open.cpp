// Stub lines opened one by one; see shard_open.hpp.
#include "searcher/shard_open.hpp"

#include <cmath>

#include "capsearch/error.hpp"

namespace capsearch::search {
namespace {

unsigned timeout_ms(const SearchOptions& options) {
    if (!options.timeout_seconds) return 10000;  // Xapian's own default.
    return static_cast<unsigned>(std::lround(*options.timeout_seconds * 1000.0));
}

}  // namespace

OpenedShards open_shards(const std::vector<ShardSpec>& specs, const SearchOptions& options) {
    OpenedShards out;
    out.db = std::make_unique<Xapian::Database>();
    std::vector<std::string> names;
    std::string last_error;
    for (const ShardSpec& spec : specs) {
        if (!spec.host.empty()) out.remote = true;
        try {
            out.shards.push_back(index::open_stub_line(spec, timeout_ms(options)));
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
        std::optional<std::string> disagreement;
        try {
            disagreement = index::shard_disagreement(out.shards, names);
        } catch (const Xapian::Error& e) {
            throw DatabaseError("cannot read the shards' metadata: " + e.get_description());
        }
        if (disagreement) throw DatabaseError(*disagreement);
    }
    return out;
}

}  // namespace capsearch::search
