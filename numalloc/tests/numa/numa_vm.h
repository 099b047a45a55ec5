/* numa_vm.h: the cases of numa_vm_test and what they share. */
#ifndef NUMA_VM_H
#define NUMA_VM_H

#include "placement.h"

#define NEED_LOCAL 0.99		/* issue 8: >= 99 % of a thread's pages */
#define EXIT_SKIP 77

#include <stddef.h>

extern struct pl_topo topo;

/* A set of blocks a thread allocated and touched (vm_place.c). */
#define MAX_BLOCKS 12000
struct batch {
	int n;
	void *p[MAX_BLOCKS];
	size_t size[MAX_BLOCKS];
};
/* malloc and touch blocks of sizes mix[i % nmix] until total bytes. */
void batch_add(struct batch *b, size_t total, const size_t *mix, int nmix);
/* Start afresh with a mix of small and of large/huge blocks. */
void batch_fill(struct batch *b, size_t small, size_t big);
/* Distinct pages of blocks [from, n) on node: *on of *all. 0 or -1. */
int batch_count(const struct batch *b, int from, int node, long *on,
    long *all);
void batch_free(struct batch *b);
/* After a failed check: the blocks with pages off node, where those
 * pages lie, each node's free memory and the numa_maps of the area. */
void batch_explain(const struct batch *b, int from, int node);
/* batch_count, check_fraction and, on failure, batch_explain: 0 or -1. */
int batch_check(const char *what, const struct batch *b, int from,
    int node, double need);

/* Print the fraction; 0 if on/all >= need, else -1. */
int check_fraction(const char *what, long on, long all, double need);
/* Run fn(arg) in a new thread pinned to cpu, and wait for it. */
int run_on_cpu(int cpu, void (*fn)(void *), void *arg);
/* Two CPUs whose home nodes differ; -1 if the layout has none. */
int two_homes(int *cpu_a, int *cpu_b);
/* The nodes with memory, into out[PL_MAX_NODES]; returns their count. */
int memory_nodes(int *out);

int case_topology(int argc, char **argv);
int case_local(int argc, char **argv);
int case_remote_free(int argc, char **argv);
int case_migrate(int argc, char **argv);
int case_override(int argc, char **argv);
int case_interleave(int argc, char **argv);
int case_cpuset(int argc, char **argv);
int case_cpuset_enter(int argc, char **argv);
int case_cpuset_child(int argc, char **argv);
int case_seccomp(int argc, char **argv);
int case_bad_policy(int argc, char **argv);

#endif
