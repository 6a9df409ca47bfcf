// The lines of a Xapian stub file that names shards ("auto PATH", "remote HOST:PORT"), opened one by
// one so that each shard can be named, timed out, checked against the others or left out. Shared by
// the searcher (opening a stub) and check_index (checking one).
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <vector>

namespace capsearch::index {

/// One database a stub names.
struct StubLine {
    std::string name;  ///< For messages: "host:port", or the path.
    std::string host;  ///< Remote over TCP when non-empty.
    unsigned port = 0;
    std::string path;  ///< Local (or a whole stub Xapian opens itself) when host is empty.
};

/// Reads "host:port" (port 1..65535) into `line`; false for anything else.
bool parse_remote(const std::string& where, StubLine& line);

/// The shards behind `path`: the lines of a stub file when every line is one we open ourselves
/// ("auto|glass|chert PATH", "remote HOST:PORT"; relative paths from the stub's folder), else `path`.
std::vector<StubLine> stub_lines(const std::string& path);

/// Opens one line; a remote one with `timeout_ms` for connecting and answering. Throws Xapian errors,
/// and DatabaseError when a local path does not exist.
Xapian::Database open_stub_line(const StubLine& line, unsigned timeout_ms);

/// Why `shards` (named by `names`) cannot be searched as one index: they disagree on the lexicon id
/// or analysis version (empty values, from older indexes, agree with anything). nullopt when they agree.
std::optional<std::string> shard_disagreement(const std::vector<Xapian::Database>& shards,
                                              const std::vector<std::string>& names);

}  // namespace capsearch::index
