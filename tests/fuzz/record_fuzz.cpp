// libFuzzer target: record text -> front matter -> yaml-cpp event tree -> Record, as the indexer reads files.
// Any input must give a Record or an InputError; a crash, leak or sanitizer report is a finding.
#include <cstddef>
#include <cstdint>
#include <string>

#include "capsearch/error.hpp"
#include "capsearch/record.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        const capsearch::Record r = capsearch::parse_record(text, "fuzz.md");
        if (r.figid.empty() || r.figid.find('\0') != std::string::npos) __builtin_trap();  // never accepted
    } catch (const capsearch::InputError&) {
    }
    return 0;
}
