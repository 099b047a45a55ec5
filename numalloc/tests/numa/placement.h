/*
 * placement.h: where do pages lie?  Helpers shared by the NUMA VM tests
 * and the placement benchmark.  They read sysfs and ask the kernel with
 * move_pages(2), independently of numalloc's own topology code, so that
 * the tests check numalloc against a second opinion.  Plain libc only:
 * the benchmark links them with glibc, musl's mallocng and numalloc.
 */
#ifndef NUMA_PLACEMENT_H
#define NUMA_PLACEMENT_H

#include <stddef.h>

#define PL_MAX_NODES 64
#define PL_MAX_CPUS 256

struct pl_topo {
	int ncpus;			/* CPUs 0 .. ncpus-1 */
	int cpu_node[PL_MAX_CPUS];	/* -1 unknown */
	int nnodes;			/* online nodes */
	int nodes[PL_MAX_NODES];	/* their ids */
	int has_mem[PL_MAX_NODES];	/* per id (< PL_MAX_NODES) */
	int dist[PL_MAX_NODES][PL_MAX_NODES];	/* by id */
};

/* Read /sys/devices/system/node.  Returns 0, or -1 with a message. */
int pl_topo_load(struct pl_topo *t);

/* The node whose memory a thread on cpu should get: the CPU's own node
 * when it has memory, else the nearest node with memory (ties: lower). */
int pl_home_node(const struct pl_topo *t, int cpu);

/* Pin the calling thread to one CPU.  0, or -1 with errno. */
int pl_pin(int cpu);

/*
 * Count the pages of [p, p+len) by node: *on += pages on `node`, *all +=
 * pages present (touched).  Returns 0, or -1 with errno.
 */
int pl_count(const void *p, size_t len, int node, long *on, long *all);

/* The same for n page addresses (any order, duplicates allowed). */
int pl_count_pages(void *const *pages, long n, int node, long *on,
    long *all);

/* Node of the page holding p, or -1. */
int pl_node_of(const void *p);

/*
 * Add the present pages of [p, p+len) to per_node[node] (PL_MAX_NODES
 * entries; a node id >= PL_MAX_NODES counts in per_node[PL_MAX_NODES-1]).
 * Returns 0, or -1 with errno.
 */
int pl_nodes(const void *p, size_t len, long *per_node);

/* Print each node's MemFree from sysfs on one line, after `what`. */
void pl_print_free(const char *what);

#endif
