/*
 * os.c: the OS layer - aligned mappings bound to a node, purge, metadata
 * mappings with guard pages.  Raw mmap/munmap/madvise only: this code runs
 * inside malloc and must never call back into it.
 */
#define _GNU_SOURCE
#include <sys/mman.h>
#include <time.h>

#include "numalloc_internal.h"

static void *map_anon(size_t size)
{
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	return p == MAP_FAILED ? NULL : p;
}

void *na_os_alloc(size_t size, size_t align, unsigned arena)
{
	/* Over-map by align and trim both ends: two munmaps, but only on
	 * the rare path of a new segment. */
	size_t total = size + align;
	if (total < size)
		return NULL;
	char *raw = map_anon(total);
	if (raw == NULL)
		return NULL;
	uintptr_t start = ((uintptr_t)raw + align - 1) & ~(uintptr_t)(align - 1);
	size_t head = start - (uintptr_t)raw;
	size_t tail = total - head - size;
	if (head != 0)
		munmap(raw, head);
	if (tail != 0)
		munmap((char *)start + size, tail);
	if (na_numa_bind((void *)start, size, arena) != 0)
		na_warn("could not bind memory to its node");
	return (void *)start;
}

void na_os_free(void *p, size_t size)
{
	munmap(p, size);
}

void *na_os_remap(void *p, size_t size, size_t new_size, void *to)
{
	void *q = to == NULL ? mremap(p, size, new_size, 0) :
	    mremap(p, size, new_size, MREMAP_MAYMOVE | MREMAP_FIXED, to);
	return q == MAP_FAILED ? NULL : q;
}

void na_os_purge(void *p, size_t size)
{
	/* MADV_DONTNEED, not MADV_FREE: RSS drops at once (what users and
	 * the purge tests observe) and the cost is paid only after the
	 * purge delay, not on every free. */
	madvise(p, size, MADV_DONTNEED);
}

void na_os_no_huge_pages(void *p, size_t size)
{
#ifdef MADV_NOHUGEPAGE
	madvise(p, size, MADV_NOHUGEPAGE);
#else
	(void)p;
	(void)size;
#endif
}

void *na_os_meta_alloc(size_t size)
{
	size = (size + NA_OS_PAGE - 1) & ~(NA_OS_PAGE - 1);
	char *p = map_anon(size + NA_OS_PAGE);
	if (p == NULL)
		return NULL;
	/* A guard page in front: a run-away write from a data mapping
	 * placed just below faults instead of reaching metadata. */
	mprotect(p, NA_OS_PAGE, PROT_NONE);
	atomic_fetch_add(&na_gstats.meta_mapped, size + NA_OS_PAGE);
	return p + NA_OS_PAGE;
}

void na_os_meta_free(void *p, size_t size)
{
	size = (size + NA_OS_PAGE - 1) & ~(NA_OS_PAGE - 1);
	munmap((char *)p - NA_OS_PAGE, size + NA_OS_PAGE);
	atomic_fetch_sub(&na_gstats.meta_mapped, size + NA_OS_PAGE);
}

uint64_t na_clock_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}
