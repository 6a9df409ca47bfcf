// Translation of foreign exceptions into capsearch errors (see db_errors.hpp).
#include "indexer/db_errors.hpp"

#include <xapian.h>

#include <filesystem>
#include <new>
#include <system_error>

#include "capsearch/error.hpp"

namespace capsearch::index {

void rethrow_translated(const std::string& db) {
    try {
        throw;
    } catch (const capsearch::Error&) {
        throw;
    } catch (const Xapian::DatabaseLockError& e) {
        throw DatabaseLockedError("index " + db + " is being updated by another process");
    } catch (const Xapian::DatabaseNotFoundError& e) {
        throw DatabaseError("no index at " + db + ": " + e.get_msg(), ErrorCode::database_not_found);
    } catch (const Xapian::DatabaseOpeningError& e) {
        throw DatabaseError("cannot open index " + db + ": " + e.get_msg(), ErrorCode::database_not_found);
    } catch (const Xapian::Error& e) {
        throw DatabaseError("index " + db + ": " + e.get_description());
    } catch (const std::filesystem::filesystem_error& e) {
        throw Error(ErrorCode::io, "index " + db + ": " + e.what());
    } catch (const std::bad_alloc&) {
        throw Error(ErrorCode::internal, "index " + db + ": out of memory");
    } catch (const std::system_error& e) {
        throw Error(ErrorCode::io, "index " + db + ": " + e.what());
    } catch (const std::exception& e) {
        throw Error(ErrorCode::internal, "index " + db + ": " + e.what());
    }
}

}  // namespace capsearch::index

namespace capsearch {

std::string describe_exception(std::exception_ptr e) {
    if (!e) return "no exception";
    try {
        std::rethrow_exception(e);
    } catch (const Xapian::Error& x) {
        return x.get_description();
    } catch (const std::exception& x) {
        return x.what();
    } catch (...) {
        return "an exception of unknown type";
    }
}

}  // namespace capsearch
