// In-process enrichment latency: Searcher::enrich with gene lists of the sizes given, drawn (seeded)
// from the index's universe, over the whole index. The first call builds the per-revision gene table
// and is reported apart; then each size runs `--repeat` times and the median and p95 are printed.
//
// Usage: enrich_bench --db DB [--sizes 20,200,2000] [--repeat 50] [--seed 15] [--write-lists DIR]
// --write-lists writes the drawn lists as DIR/genes-<size>.txt, for the whole-process comparison.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "capsearch/capsearch.hpp"

namespace {

double ms_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

std::vector<std::size_t> parse_sizes(const std::string& text) {
    std::vector<std::size_t> out;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) out.push_back(std::stoul(item));
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    std::string db, sizes_text = "20,200,2000", lists_dir;
    std::size_t repeat = 50;
    unsigned seed = 15;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string key = argv[i];
        const std::string value = argv[i + 1];
        if (key == "--db") db = value;
        else if (key == "--sizes") sizes_text = value;
        else if (key == "--repeat") repeat = std::stoul(value);
        else if (key == "--seed") seed = static_cast<unsigned>(std::stoul(value));
        else if (key == "--write-lists") lists_dir = value;
        else {
            std::cerr << "enrich_bench: unknown option " << key << "\n";
            return 2;
        }
    }
    if (db.empty() || repeat == 0) {
        std::cerr << "usage: enrich_bench --db DB [--sizes 20,200,2000] [--repeat N] [--seed S] [--write-lists DIR]\n";
        return 2;
    }
    try {
        capsearch::Searcher searcher(db);
        // The universe, in a stable order, to draw from.
        std::set<std::string> universe_set;
        for (const capsearch::GeneSetEntry& s : searcher.gene_sets({}).sets)
            universe_set.insert(s.symbols.begin(), s.symbols.end());
        const std::vector<std::string> universe(universe_set.begin(), universe_set.end());
        std::mt19937 rng(seed);

        capsearch::EnrichRequest warm;
        warm.genes = {universe.front()};
        // On a Searcher of its own: gene_sets() above already built `searcher`'s table.
        const auto t_first = std::chrono::steady_clock::now();
        const capsearch::EnrichResult first = capsearch::Searcher(db).enrich(warm);
        searcher.enrich(warm);
        std::printf("{\"bench\":\"enrich\",\"what\":\"first call (builds the gene table)\",\"ms\":%.3f,\"figures\":%zu,"
                    "\"universe\":%zu}\n",
                    ms_since(t_first), first.tested, first.universe);

        for (const std::size_t size : parse_sizes(sizes_text)) {
            std::vector<std::string> genes = universe;
            std::shuffle(genes.begin(), genes.end(), rng);
            genes.resize(std::min(size, genes.size()));
            if (!lists_dir.empty()) {
                std::ofstream out(lists_dir + "/genes-" + std::to_string(size) + ".txt");
                for (const std::string& g : genes) out << g << "\n";
            }
            capsearch::EnrichRequest request;
            request.genes = genes;
            std::vector<double> times;
            std::size_t hits = 0;
            for (std::size_t r = 0; r < repeat; ++r) {
                const auto t0 = std::chrono::steady_clock::now();
                const capsearch::EnrichResult result = searcher.enrich(request);
                times.push_back(ms_since(t0));
                hits = result.total;
            }
            std::sort(times.begin(), times.end());
            std::printf("{\"bench\":\"enrich\",\"genes\":%zu,\"runs\":%zu,\"median_ms\":%.3f,\"p95_ms\":%.3f,"
                        "\"min_ms\":%.3f,\"hits\":%zu}\n",
                        genes.size(), repeat, times[times.size() / 2], times[(times.size() * 95) / 100 < times.size() ? (times.size() * 95) / 100 : times.size() - 1],
                        times.front(), hits);
        }
    } catch (const capsearch::Error& e) {
        std::cerr << "enrich_bench: " << e.what() << "\n";
        return 2;
    }
    return 0;
}
