// Marks the declarations libcapsearch.so exports: the library is built with hidden visibility so
// that only the public API (and none of Xapian's or the internals' symbols) forms its ABI.
#pragma once

#if defined(_WIN32)
#define CAPSEARCH_API
#else
#define CAPSEARCH_API __attribute__((visibility("default")))
#endif
