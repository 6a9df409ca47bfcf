// What the C API's opaque handles hold, and the guard that turns every C++ exception into a status
// code plus a capsearch_error, so that no exception ever crosses the C boundary.
#pragma once

#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <utility>

#include "capsearch/capsearch.h"
#include "capsearch/capsearch.hpp"

struct capsearch_searcher {
    capsearch::Searcher searcher;
};

struct capsearch_result {
    capsearch::SearchResult result;
    std::string json;  // Rendered once, so capsearch_result_json() can hand out a stable pointer.
};

struct capsearch_error {
    capsearch_status code;
    std::string message;
};

namespace capsearch::capi {

/// Stores a new error in *err (when err is not NULL) and returns `code`; never throws.
capsearch_status fail(capsearch_error** err, capsearch_status code, const char* message) noexcept;

/// Throws Error(invalid_argument) naming the function and the argument when `ptr` is NULL.
inline void require(const void* ptr, const char* function, const char* argument) {
    if (ptr == nullptr) {
        throw Error(ErrorCode::invalid_argument, std::string(function) + ": " + argument + " is NULL");
    }
}

/// A malloc'ed copy of `s`, to be released with capsearch_string_free(). Throws std::bad_alloc.
char* copy_string(const std::string& s);

/// Runs `body`, translating any exception into a status code and an error object.
template <class F>
capsearch_status guarded(capsearch_error** err, F&& body) noexcept {
    if (err != nullptr) *err = nullptr;
    try {
        std::forward<F>(body)();
        return CAPSEARCH_OK;
    } catch (const Error& e) {
        auto code = static_cast<int>(e.code());
        bool known = code >= CAPSEARCH_INVALID_ARGUMENT && code <= CAPSEARCH_INTERNAL_ERROR;
        return fail(err, known ? static_cast<capsearch_status>(code) : CAPSEARCH_INTERNAL_ERROR, e.what());
    } catch (const std::bad_alloc&) {
        return fail(err, CAPSEARCH_INTERNAL_ERROR, "out of memory");
    } catch (const std::exception& e) {
        return fail(err, CAPSEARCH_INTERNAL_ERROR, e.what());
    } catch (...) {
        return fail(err, CAPSEARCH_INTERNAL_ERROR, "internal error: unexpected exception");
    }
}

}  // namespace capsearch::capi
