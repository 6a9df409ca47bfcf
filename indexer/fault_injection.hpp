// Test-only fault injection: lets the crash tests kill (or stop) an indexing run at an exact point
// instead of after a guessed delay. Inert unless CAPSEARCH_FAULT_KILL or CAPSEARCH_FAULT_STOP is set.
#pragma once

#include <cstddef>
#include <string_view>

namespace capsearch::index {

/// With CAPSEARCH_FAULT_KILL="POINT:N" in the environment, kills the process with SIGKILL the N-th
/// time (1-based) `point` is passed; otherwise does nothing. Points: "sync-record" (after each record
/// a sync applied), "build-record" (after each record a full build analysed into its shards),
/// "build-merge" (before the shards are merged into the new generation), "build-merged" (the new
/// generation is complete, not yet live), "build-switched" (live, the old one not yet removed).
/// CAPSEARCH_FAULT_STOP="POINT:N" stops the process there with SIGSTOP instead (SIGCONT resumes it).
void fault_point(std::string_view point);

}  // namespace capsearch::index
