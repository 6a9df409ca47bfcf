// Test-only fault injection (see fault_injection.hpp).
#include "indexer/fault_injection.hpp"

#include <signal.h>

#include <atomic>
#include <charconv>
#include <cstdlib>
#include <string>
#include <tuple>

namespace capsearch::index {
namespace {

struct Target {
    std::string point;
    std::size_t at = 0;  // 0: no fault injected.
};

// The fault `variable` ("POINT:N") asks for; at == 0 when it is unset or malformed.
Target parse_target(const char* variable) {
    const char* env = std::getenv(variable);
    if (env == nullptr) return {};
    const std::string_view spec(env);
    const std::size_t colon = spec.rfind(':');
    if (colon == std::string_view::npos) return {};
    Target t;
    t.point = std::string(spec.substr(0, colon));
    const std::string_view n = spec.substr(colon + 1);
    std::from_chars(n.data(), n.data() + n.size(), t.at);
    return t;
}

}  // namespace

void fault_point(std::string_view point) {
    // Read on every call: a forked test child sets the variable after its parent ran without it.
    static std::atomic<std::size_t> passed_kill{0}, passed_stop{0};
    for (const auto& [variable, passed, signal] :
         {std::tuple{"CAPSEARCH_FAULT_KILL", &passed_kill, SIGKILL}, std::tuple{"CAPSEARCH_FAULT_STOP", &passed_stop, SIGSTOP}}) {
        const Target target = parse_target(variable);
        if (target.at != 0 && point == target.point && ++*passed == target.at) ::raise(signal);
    }
}

}  // namespace capsearch::index
