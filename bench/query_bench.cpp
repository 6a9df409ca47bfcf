// capsearch's query latency in one process: times the benchmark's query mix through capsearch::Searcher
// (the public API, exactly as an embedding application would call it).
//
// Usage: query_bench --db DIR --mix TSV [--rounds R] [--warmup W] [--samples CSV] [--facet NAME ...]
// (--facet: the facets the faceted requests count, as `capsearch search --facet`; default all).
#include <cstdio>
#include <iostream>
#include <string>

#include "capsearch/error.hpp"
#include "capsearch/search.hpp"
#include "query_timing.hpp"

int main(int argc, char** argv) {
    try {
        const bench::Args args = bench::parse_args(argc, argv, "query_bench", true);
        const capsearch::Searcher searcher(args.db);
        std::size_t sink = 0;  // keeps the results "used"
        bench::run_mix("capsearch", bench::read_mix(args.mix), "capsearch", args.rounds, args.warmup,
                       args.samples, [&](const std::string& q, const bench::Variant& v) {
                           capsearch::SearchRequest request;
                           request.query = q;
                           request.limit = 10;
                           request.facets = v.facets;
                           if (v.facets) request.facet_names = args.facets;
                           if (v.filters) {
                               request.year_from = bench::kYearFrom;
                               request.year_to = bench::kYearTo;
                               request.organisms = {bench::kOrganism};
                           }
                           const capsearch::SearchResult result = searcher.search(request);
                           for (const auto& hit : result.hits) sink += hit.snippet.size();
                           return result.total;
                       });
        std::fprintf(stderr, "query_bench: done (%zu)\n", sink);
    } catch (const capsearch::Error& e) {
        std::cerr << "query_bench: " << e.what() << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "query_bench: " << e.what() << "\n";
        return 2;
    }
    return 0;
}
