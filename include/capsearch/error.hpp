// The one way capsearch reports failure: exceptions derived from capsearch::Error.
#pragma once

#include "capsearch/export.hpp"

#include <exception>
#include <stdexcept>
#include <string>

namespace capsearch {

/// What kind of failure an Error reports; also the C API's status codes (see capsearch.h).
enum class ErrorCode {
    invalid_argument = 1,  ///< A bad option or request value (negative limit, bad year range, ...).
    query = 2,             ///< The query text could not be parsed.
    database_not_found = 3,///< No index at the given path, or it cannot be opened.
    database_locked = 4,   ///< Another writer is updating the index.
    database = 5,          ///< Any other index failure (corrupt, version mismatch, I/O inside Xapian).
    io = 6,                ///< A file or folder could not be read or written.
    lexicon = 7,           ///< A lexicon source or compiled lexicon is malformed.
    input = 8,             ///< A record could not be read (bad YAML, missing figid, ...).
    internal = 9,          ///< A bug: please report it.
};

/// Base of every exception capsearch throws; what() is one human-readable line.
class CAPSEARCH_API Error : public std::runtime_error {
  public:
    Error(ErrorCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
    /// The category of the failure.
    ErrorCode code() const noexcept { return code_; }

  private:
    ErrorCode code_;
};

/// The query text is malformed (unbalanced quotes or parentheses, unknown field, ...).
class CAPSEARCH_API QueryError : public Error {
  public:
    explicit QueryError(const std::string& m) : Error(ErrorCode::query, m) {}
};

/// The index cannot be opened, read or written.
class CAPSEARCH_API DatabaseError : public Error {
  public:
    explicit DatabaseError(const std::string& m, ErrorCode c = ErrorCode::database) : Error(c, m) {}
};

/// Another process holds the index's write lock.
class CAPSEARCH_API DatabaseLockedError : public DatabaseError {
  public:
    explicit DatabaseLockedError(const std::string& m) : DatabaseError(m, ErrorCode::database_locked) {}
};

/// A record file is unreadable or malformed; file() and line() say where (line 0 = unknown).
class CAPSEARCH_API InputError : public Error {
  public:
    InputError(std::string file, int line, const std::string& reason)
        : Error(ErrorCode::input, (line > 0 ? file + ":" + std::to_string(line) : file) + ": " + reason),
          file_(std::move(file)), line_(line), reason_(reason) {}
    /// The file the record came from.
    const std::string& file() const noexcept { return file_; }
    /// 1-based line in that file, or 0 when unknown.
    int line() const noexcept { return line_; }
    /// What is wrong, without the location.
    const std::string& reason() const noexcept { return reason_; }

  private:
    std::string file_;
    int line_;
    std::string reason_;
};

/// One line describing any exception capsearch or the libraries under it may let through, a
/// Xapian::Error (not a std::exception) included: for last-resort reports such as a terminate handler.
CAPSEARCH_API std::string describe_exception(std::exception_ptr e);

}  // namespace capsearch
