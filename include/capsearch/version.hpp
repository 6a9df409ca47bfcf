// The library's version, for run-time checks by programs that embed it.
#pragma once

#include "capsearch/export.hpp"

namespace capsearch {

/// "MAJOR.MINOR.PATCH" of the library actually loaded.
CAPSEARCH_API const char* version() noexcept;

}  // namespace capsearch
