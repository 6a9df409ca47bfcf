/* The C-compiled helper of the C API tests (capi_from_c.c). */
#ifndef CAPSEARCH_TESTS_CAPI_FROM_C_H
#define CAPSEARCH_TESTS_CAPI_FROM_C_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Searches `db` for `query` (optionally only figures of `organism`) from C code. Returns the total
 * number of matches and copies the first hit's figid, or returns minus the status code on failure. */
int capi_c_search(const char* db, const char* query, const char* organism, char* first_figid,
                  size_t first_figid_size);

#ifdef __cplusplus
}
#endif

#endif
