// libFuzzer target: the query path (parse -> build -> run) through the public API on a small index
// built once from the repository's fixture records. Any query gives a result or a QueryError.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "capsearch/error.hpp"
#include "capsearch/index.hpp"
#include "capsearch/search.hpp"

namespace {

capsearch::Searcher& searcher() {
    static capsearch::Searcher* s = [] {
        char tmpl[] = "/tmp/capsearch-query-fuzz.XXXXXX";
        const std::string dir = ::mkdtemp(tmpl);
        capsearch::IndexOptions options;
        options.threads = 1;
        capsearch::index_paths(dir + "/db", {CAPSEARCH_SOURCE_DIR "/tests/fixtures/records/good"}, options);
        return new capsearch::Searcher(dir + "/db");
    }();
    return *s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    capsearch::SearchRequest request;
    request.query.assign(reinterpret_cast<const char*>(data), size);
    request.facets = size % 2 == 1;
    try {
        const capsearch::SearchResult result = searcher().search(request);
        (void)result.to_json();
    } catch (const capsearch::QueryError&) {
    }
    return 0;
}
