# Writes a C++ source defining capsearch::analysis::kCuratedYaml with the contents of INPUT.
file(READ ${INPUT} content HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${content}")
file(WRITE ${OUTPUT} "// Generated from ${INPUT}; do not edit.\n#include <string_view>\n"
  "namespace capsearch::analysis {\nstatic const unsigned char kData[] = {${bytes} 0};\n"
  "extern const std::string_view kCuratedYaml(reinterpret_cast<const char*>(kData), sizeof kData - 1);\n}\n")
