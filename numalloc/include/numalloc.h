/*
 * numalloc.h: extensions of the numalloc allocator.
 *
 * numalloc replaces malloc, free, calloc, realloc, aligned_alloc,
 * posix_memalign, memalign, valloc, pvalloc, malloc_usable_size,
 * reallocarray, free_sized and free_aligned_sized (their prototypes come
 * from <stdlib.h> and <malloc.h>).  This header declares what it adds:
 * statistics, options, collection, and NUMA placement.  See numalloc(3).
 *
 * Every function here is safe to call from any thread at any time,
 * including before the first malloc.
 */
#ifndef NUMALLOC_H
#define NUMALLOC_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define NUMALLOC_VERSION_MAJOR 0
#define NUMALLOC_VERSION_MINOR 1

/*
 * Process-wide statistics.  Counters of other running threads are read
 * without stopping them, so they are exact only when those threads are
 * quiet.
 */
struct numalloc_stats {
	uint64_t malloc_calls;	/* allocations served (all entry points) */
	uint64_t free_calls;	/* non-NULL frees (including realloc's) */
	uint64_t remote_frees;	/* frees of blocks owned by another thread */
	uint64_t mapped_bytes;	/* block memory mapped from the OS now */
	uint64_t mapped_peak;	/* ... and its highest value */
	uint64_t meta_bytes;	/* out-of-band metadata mapped */
	uint64_t purged_bytes;	/* bytes returned with madvise, cumulative */
	uint64_t segments;	/* 4 MiB segments mapped now */
	uint64_t huge_allocs;	/* allocations above 2 MiB, cumulative */
	uint64_t threads;	/* thread caches created, cumulative */
};

/*
 * Fill *st (size: sizeof *st, for forward compatibility; a smaller size
 * gets a prefix).  Returns 0, or -1 with errno EINVAL if st is NULL.
 */
int numalloc_get_stats(struct numalloc_stats *st, size_t size);

/*
 * Write the statistics, one "name value" pair per line, to file
 * descriptor fd with write(2) (no stdio, no allocation).  This is what
 * NUMALLOC_STATS=1 prints to stderr at exit.
 */
void numalloc_print_stats(int fd);

/* Options, settable at run time; each also has an environment variable. */
enum numalloc_option {
	NUMALLOC_OPT_STATS = 0,		/* NUMALLOC_STATS: 0/1 */
	NUMALLOC_OPT_VERBOSE = 1,	/* NUMALLOC_VERBOSE: 0/1 */
	NUMALLOC_OPT_PURGE_DELAY = 2,	/* NUMALLOC_PURGE_DELAY: ms, -1 never */
};

/*
 * Set an option.  Returns 0, or -1 with errno EINVAL for an unknown option
 * or an out-of-range value (purge delay below -1 or above 3600000 ms).
 */
int numalloc_option_set(enum numalloc_option opt, long value);

/* Current value of an option; -1 with errno EINVAL for an unknown one. */
long numalloc_option_get(enum numalloc_option opt);

/*
 * Return free memory to the OS now: collect blocks freed by other
 * threads, return empty pages of the calling thread, purge every dirty
 * slice regardless of the purge delay (force != 0) or only those past it
 * (force == 0).  Returns the number of bytes purged.
 */
size_t numalloc_collect(int force);

/* ---- NUMA placement (issue 8; single-node machines: node 0 only) ---- */

/* Number of NUMA nodes numalloc places memory on (>= 1). */
int numalloc_node_count(void);

/*
 * Allocate size bytes on node, whatever node the calling thread runs on.
 * node: an OS node number (as in /sys/devices/system/node/nodeN) of a node
 * with memory that the cpuset allows; EINVAL otherwise.  See
 * numalloc_numa(3).  Free it with free().  NULL with errno EINVAL for a
 * bad node, ENOMEM when out of memory.
 */
void *numalloc_malloc_node(size_t size, int node);

/* Allocate size bytes interleaved over all nodes (shared data). */
void *numalloc_malloc_interleaved(size_t size);

/*
 * Make the calling thread allocate from node (an OS node number, as for
 * numalloc_malloc_node; or -1 to follow the node it runs on again).  Does not move or bind the thread.  Returns 0, or -1
 * with errno EINVAL for a bad node.
 */
int numalloc_thread_set_node(int node);

/* Per-node statistics. */
struct numalloc_node_stats {
	uint64_t mapped_bytes;	/* block memory of this node's arena */
	uint64_t remote_frees_in;	/* blocks freed here from other nodes */
};

/* Fill *st for node; 0, or -1 with errno EINVAL. */
int numalloc_node_stats(int node, struct numalloc_node_stats *st,
    size_t size);

#ifdef __cplusplus
}
#endif

#endif
