/* `search INDEX_PATH QUERY`: a minimal C program using libcapsearch's C API. Prints the number of
 * matches, then one line per hit: figid, year, title. Build against an installed capsearch:
 *   cc -std=c99 search.c $(pkg-config --cflags --libs capsearch) -o search */
#include <stdio.h>

#include <capsearch/capsearch.h>

int main(int argc, char** argv) {
    capsearch_searcher* searcher = NULL;
    capsearch_result* result = NULL;
    capsearch_error* err = NULL;
    capsearch_request request;
    size_t i;

    if (argc != 3) {
        fprintf(stderr, "usage: search INDEX_PATH QUERY\n");
        return 2;
    }
    if (capsearch_searcher_open(argv[1], &searcher, &err) != CAPSEARCH_OK) {
        fprintf(stderr, "search: %s\n", capsearch_error_message(err));
        capsearch_error_free(err);
        return 2;
    }
    capsearch_request_init(&request);
    request.query = argv[2];
    request.limit = 20;
    if (capsearch_search(searcher, &request, &result, &err) != CAPSEARCH_OK) {
        fprintf(stderr, "search: %s\n", capsearch_error_message(err));
        capsearch_error_free(err);
        capsearch_searcher_close(searcher);
        return 2;
    }
    printf("%zu figures match\n", capsearch_result_total(result));
    for (i = 0; i < capsearch_result_hit_count(result); ++i) {
        const char* figid = capsearch_result_hit_figid(result, i);
        const char* title = capsearch_result_hit_title(result, i);
        int year = capsearch_result_hit_year(result, i); /* 0 = unknown */
        if (year != 0) {
            printf("%s\t%d\t%s\n", figid, year, title);
        } else {
            printf("%s\t-\t%s\n", figid, title);
        }
    }
    i = capsearch_result_total(result);
    capsearch_result_free(result);
    capsearch_searcher_close(searcher);
    return i > 0 ? 0 : 1;
}
