// First author extraction from PMC citation text (see first_author.hpp).
#include "indexer/first_author.hpp"

namespace capsearch::index {
namespace {

// Names longer than this many words are no names: the citation is not in the form we know.
constexpr std::size_t kMaxWords = 8;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

std::string first_author(std::string_view reftext) {
    std::size_t words = 0;
    std::size_t i = 0;
    while (i < reftext.size() && words < kMaxWords) {
        while (i < reftext.size() && is_space(reftext[i])) ++i;
        const std::size_t begin = i;
        while (i < reftext.size() && !is_space(reftext[i])) ++i;
        if (i == begin) break;
        ++words;
        const std::string_view word = reftext.substr(begin, i - begin);
        // "W." is an initial inside the name; "Wooten," and "Barnes." end it.
        const bool ends = word.back() == ',' || (word.back() == '.' && word.size() > 2);
        if (!ends) continue;
        std::string_view name = reftext.substr(0, i - 1);
        while (!name.empty() && is_space(name.front())) name.remove_prefix(1);
        return std::string(name);
    }
    return {};
}

}  // namespace capsearch::index
