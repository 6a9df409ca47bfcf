// The C API's error objects, strings and version.
#include "capi/c_handles.hpp"

namespace capsearch::capi {

capsearch_status fail(capsearch_error** err, capsearch_status code, const char* message) noexcept {
    if (err == nullptr) return code;
    try {
        *err = new capsearch_error{code, message};
    } catch (...) {
        *err = nullptr;  // Out of memory: the status code still tells what happened.
    }
    return code;
}

char* copy_string(const std::string& s) {
    auto* out = static_cast<char*>(std::malloc(s.size() + 1));
    if (out == nullptr) throw std::bad_alloc();
    std::memcpy(out, s.c_str(), s.size() + 1);
    return out;
}

}  // namespace capsearch::capi

extern "C" {

const char* capsearch_version(void) { return capsearch::version(); }

capsearch_status capsearch_error_code(const capsearch_error* err) { return err ? err->code : CAPSEARCH_OK; }

const char* capsearch_error_message(const capsearch_error* err) { return err ? err->message.c_str() : ""; }

void capsearch_error_free(capsearch_error* err) { delete err; }

void capsearch_string_free(char* str) { std::free(str); }

}  // extern "C"
