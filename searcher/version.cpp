// The library version, taken from the CMake project version at build time.
#include "capsearch/version.hpp"

namespace capsearch {

const char* version() noexcept { return CAPSEARCH_VERSION_STRING; }

}  // namespace capsearch
