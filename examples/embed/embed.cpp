// `embed INDEX_PATH QUERY...`: prints every figure matching QUERY, one per line: figid, a tab, the title.
// A complete program using libcapsearch's C++ API; exit 0 = matches, 1 = none, 2 = error.
#include <capsearch/capsearch.hpp>

#include <iostream>
#include <string>

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: embed INDEX_PATH QUERY...\n";
        return 2;
    }
    capsearch::SearchRequest request;
    for (int i = 2; i < argc; ++i) request.query += (i > 2 ? " " : "") + std::string(argv[i]);
    request.limit = 100;
    try {
        capsearch::Searcher searcher(argv[1]);
        capsearch::SearchResult page;
        do {  // Page through every match.
            page = searcher.search(request);
            for (const capsearch::Hit& hit : page.hits) std::cout << hit.figid << '\t' << hit.title << '\n';
            request.offset += page.hits.size();
        } while (!page.hits.empty() && request.offset < page.total);
        return page.total > 0 ? 0 : 1;
    } catch (const capsearch::Error& e) {  // One exception type for every failure; what() is one line.
        std::cerr << "embed: " << e.what() << '\n';
        return 2;
    }
}
