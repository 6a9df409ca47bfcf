// The library's version, for run-time checks by programs that embed it.
#pragma once

namespace capsearch {

/// "MAJOR.MINOR.PATCH" of the library actually loaded.
const char* version() noexcept;

}  // namespace capsearch
