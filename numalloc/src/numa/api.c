/*
 * api.c: the NUMA entry points of numalloc.h.  Nodes are OS node numbers
 * (as in /sys/devices/system/node/nodeN, getcpu, libnuma); see
 * numalloc_numa(3).
 */
#include <errno.h>
#include <string.h>

#include "numalloc.h"
#include "numa_internal.h"

NA_EXPORT int numalloc_node_count(void)
{
	na_ensure_init();
	return (int)na_numa_node_count();
}

NA_EXPORT void *numalloc_malloc_node(size_t size, int node)
{
	int arena;

	na_ensure_init();
	arena = na_numa_arena_of_node(node);
	if (arena < 0)
		return NULL;
	return na_arena_malloc((unsigned)arena, size);
}

NA_EXPORT void *numalloc_malloc_interleaved(size_t size)
{
	na_ensure_init();
	return na_arena_malloc(na_numa.multi ? na_numa.plan.narenas : 0, size);
}

NA_EXPORT int numalloc_thread_set_node(int node)
{
	struct na_tcache *tc;
	int arena = -1;

	na_ensure_init();
	if (node != -1 && (arena = na_numa_arena_of_node(node)) < 0)
		return -1;
	if (!na_numa.multi)
		return 0;
	na_numa_override = (unsigned)(arena + 1);
	/* Switch now, not at the next refill, so that the very next
	 * allocation comes from the node asked for.  A thread that has not
	 * allocated yet gets the arena when its cache is made. */
	tc = na_tls;
	if (tc != &na_tcache_empty) {
		unsigned want = na_numa_current_node();

		if (want != tc->arena)
			na_tcache_set_arena(tc, want);
	}
	return 0;
}

NA_EXPORT int numalloc_node_stats(int node, struct numalloc_node_stats *st,
    size_t size)
{
	struct numalloc_node_stats s;
	int arena;

	na_ensure_init();
	if (st == NULL) {
		errno = EINVAL;
		return -1;
	}
	arena = na_numa_arena_of_node(node);
	if (arena < 0)
		return -1;
	memset(&s, 0, sizeof s);
	s.mapped_bytes = atomic_load(&na_arena_get((unsigned)arena)->mapped_bytes);
	s.remote_frees_in = atomic_load(&na_numa.remote_in[arena]);
	if (size > sizeof s)
		size = sizeof s;
	memcpy(st, &s, size);
	return 0;
}
