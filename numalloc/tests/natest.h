/*
 * natest.h: lets one test source run against either build of numalloc.
 * With NA_API_PREFIX (the logic build) T(malloc) is na_test_malloc; else
 * it is malloc itself, served by the linked or preloaded libnumalloc.
 */
#ifndef NATEST_H
#define NATEST_H

#define _GNU_SOURCE
#include <stddef.h>
#include <stdlib.h>

#include "numalloc.h"

#ifdef NA_API_PREFIX
#include "numalloc_internal.h"
#define T(name) na_test_##name
#else
#define T(name) name
/* Not in every libc's headers (musl 1.2.3 lacks most, glibc free_sized). */
void *memalign(size_t align, size_t n);
void *valloc(size_t n);
void *pvalloc(size_t n);
size_t malloc_usable_size(void *p);
void free_sized(void *p, size_t n);
void free_aligned_sized(void *p, size_t align, size_t n);
int malloc_trim(size_t pad);
#endif

#endif
