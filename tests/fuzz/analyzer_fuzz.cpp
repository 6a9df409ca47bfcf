// libFuzzer target: the analyzer (NFKC, tokenizer, gene recognition with the built-in curated lexicon)
// in both contexts, on any text. Mentions must lie inside the text and never overlap.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "analyzers/lexicon.hpp"
#include "analyzers/tokenizer.hpp"
#include "analyzers/unicode.hpp"

using capsearch::analysis::Context;
using capsearch::analysis::Lexicon;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const auto lexicon = Lexicon::builtin();
    const std::string_view raw(reinterpret_cast<const char*>(data), size);
    if (!capsearch::analysis::is_valid_utf8(raw)) return 0;  // The reader rejects such records first.
    const std::string text = capsearch::analysis::nfkc(raw);
    const auto tokens = capsearch::analysis::tokenize(text);
    for (const Context ctx : {Context::text, Context::query}) {
        std::size_t last_end = 0;
        for (const auto& m : lexicon->recognize(tokens, ctx)) {
            if (m.begin > m.end || m.end > text.size() || m.begin < last_end) __builtin_trap();
            last_end = m.end;
        }
    }
    return 0;
}
