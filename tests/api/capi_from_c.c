/* Uses the C API from a C translation unit, so the header is checked as C (not C++) and the calls
 * a C program makes are exercised: open, search with filters, read hits, free everything. */
#include <stdio.h>
#include <string.h>

#include "api/capi_from_c.h"
#include "capsearch/capsearch.h"

int capi_c_search(const char* db, const char* query, const char* organism, char* first_figid,
                  size_t first_figid_size) {
    capsearch_searcher* searcher = NULL;
    capsearch_result* result = NULL;
    capsearch_error* err = NULL;
    capsearch_request request;
    const char* organisms[1];
    int total = -1;

    if (first_figid_size > 0) first_figid[0] = '\0';
    if (capsearch_searcher_open(db, &searcher, &err) != CAPSEARCH_OK) {
        total = -(int)capsearch_error_code(err);
        capsearch_error_free(err);
        return total;
    }
    capsearch_request_init(&request);
    request.query = query;
    request.limit = 50;
    if (organism != NULL) {
        organisms[0] = organism;
        request.organisms = organisms;
        request.organism_count = 1;
    }
    if (capsearch_search(searcher, &request, &result, &err) == CAPSEARCH_OK) {
        total = (int)capsearch_result_total(result);
        if (capsearch_result_hit_count(result) > 0 && first_figid_size > 0) {
            snprintf(first_figid, first_figid_size, "%s", capsearch_result_hit_figid(result, 0));
        }
        capsearch_result_free(result);
    } else {
        total = -(int)capsearch_error_code(err);
        capsearch_error_free(err);
    }
    capsearch_searcher_close(searcher);
    return total;
}
