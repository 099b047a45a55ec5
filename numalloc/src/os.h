/*
 * os.h: the OS layer (os.c): mmap with alignment, node binding, purge,
 * remap, metadata mappings, the clock.  Included by numalloc_internal.h
 * only, which it relies on for NA_HIDDEN.
 */
#ifndef NUMALLOC_OS_H
#define NUMALLOC_OS_H

/* Map size bytes aligned to align (a power of two), bound to arena's
 * node by na_numa_bind() before first touch.  NULL on failure. */
void *na_os_alloc(size_t size, size_t align, unsigned arena) NA_HIDDEN;
void na_os_free(void *p, size_t size) NA_HIDDEN;
void na_os_purge(void *p, size_t size) NA_HIDDEN;
/* mremap: grow or shrink in place (to NULL), or move the pages to the
 * mapping at `to` (MREMAP_FIXED).  NULL on failure, nothing changed. */
void *na_os_remap(void *p, size_t size, size_t new_size, void *to) NA_HIDDEN;
void na_os_no_huge_pages(void *p, size_t size) NA_HIDDEN;
/* Metadata mapping with a guard page in front (not node-bound). */
void *na_os_meta_alloc(size_t size) NA_HIDDEN;
void na_os_meta_free(void *p, size_t size) NA_HIDDEN;
uint64_t na_clock_ns(void) NA_HIDDEN;

#endif
