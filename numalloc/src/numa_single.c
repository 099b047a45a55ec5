/*
 * numa_single.c: the NUMA hooks for a build without src/numa/ - one node,
 * no binding, no system calls.  The NUMA work (issue 8) replaces this file
 * with src/numa/ (see the design note in numalloc_internal.h).
 */
#include <errno.h>

#include "numalloc.h"
#include "numalloc_internal.h"

void na_numa_init(void)
{
}

unsigned na_numa_node_count(void)
{
	return 1;
}

unsigned na_numa_current_node(void)
{
	return 0;
}

int na_numa_bind(void *p, size_t len, unsigned arena)
{
	(void)p;
	(void)len;
	(void)arena;
	return 0;
}

void na_numa_note_remote_free(unsigned from_arena, unsigned to_arena)
{
	(void)from_arena;
	(void)to_arena;
}

NA_EXPORT int numalloc_node_count(void)
{
	return 1;
}

NA_EXPORT void *numalloc_malloc_node(size_t size, int node)
{
	if (node != 0) {
		errno = EINVAL;
		return NULL;
	}
	return na_arena_malloc(0, size);
}

NA_EXPORT void *numalloc_malloc_interleaved(size_t size)
{
	/* One node: interleaving over it is plain allocation. */
	return na_arena_malloc(0, size);
}

NA_EXPORT int numalloc_thread_set_node(int node)
{
	if (node != 0 && node != -1) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

NA_EXPORT int numalloc_node_stats(int node, struct numalloc_node_stats *st,
    size_t size)
{
	struct numalloc_node_stats s;

	if (node != 0 || st == NULL) {
		errno = EINVAL;
		return -1;
	}
	struct na_arena *a = na_arena_get(0);
	s.mapped_bytes = atomic_load(&a->mapped_bytes);
	s.remote_frees_in = atomic_load(&a->remote_frees_in);
	if (size > sizeof s)
		size = sizeof s;
	__builtin_memcpy(st, &s, size);
	return 0;
}
