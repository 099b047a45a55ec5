/*
 * numa_vm_test: numalloc's NUMA placement checked from the outside, with
 * move_pages(2)/get_mempolicy(2) and sysfs read independently of numalloc
 * (placement.c).  Linked statically with numalloc and booted in the
 * multi-node guests of tests/vm; `seccomp` also runs on the build host.
 *
 * Usage: numa_vm_test CASE
 *   topology     node count, numalloc_malloc_node on every node, EINVAL
 *                for nodes without memory, per-node statistics
 *   local        a thread on every CPU: >= 99 % of its pages on its node
 *                (for a CPU-only node: the nearest node with memory)
 *   remote-free  blocks freed on another node are reused on their origin
 *                node, and the freeing node does not take them
 *   migrate      a thread moved to another node follows it, with small
 *                blocks and with large and huge ones
 *   override     numalloc_thread_set_node() sends allocations elsewhere
 *   interleave   numalloc_malloc_interleaved() spreads over all nodes;
 *                with NUMALLOC_NODE_POLICY=interleave, plain malloc too
 *   cpuset       a cpuset allowing one memory node, set before start
 *                (a child enters the group after exec, so that our
 *                memory is not migrated with it, and executes the test
 *                again) and while running
 *   seccomp      single node or NUMALLOC_NODE_POLICY=off: no NUMA system
 *                call at all (the process would be killed)
 *   bad-policy   NUMALLOC_NODE_POLICY=remote: a warning naming it, and
 *                local placement (re-executes itself with `topology`)
 * Exit 0 pass, 1 fail, 77 skip (the layout cannot show the case).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "numalloc.h"
#include "numa_vm.h"
#include "placement.h"

struct pl_topo topo;

int check_fraction(const char *what, long on, long all, double need)
{
	double f = all > 0 ? (double)on / (double)all : 0.0;

	printf("%s: %ld of %ld pages on the expected node (%.2f %%, need %.0f %%)\n",
	    what, on, all, 100.0 * f, 100.0 * need);
	return all > 0 && f >= need ? 0 : -1;
}

struct run_arg {
	int cpu;
	void (*fn)(void *);
	void *arg;
	int pin_failed;
};

static void *run_thread(void *v)
{
	struct run_arg *r = v;

	if (pl_pin(r->cpu) != 0) {
		r->pin_failed = 1;
		return NULL;
	}
	r->fn(r->arg);
	return NULL;
}

int run_on_cpu(int cpu, void (*fn)(void *), void *arg)
{
	struct run_arg r = { cpu, fn, arg, 0 };
	pthread_t t;

	if (pthread_create(&t, NULL, run_thread, &r) != 0)
		return -1;
	pthread_join(t, NULL);
	if (r.pin_failed)
		fprintf(stderr, "cannot run on CPU %d: %s\n", cpu, strerror(errno));
	return r.pin_failed ? -1 : 0;
}

int two_homes(int *cpu_a, int *cpu_b)
{
	for (int a = 0; a < topo.ncpus; a++)
		for (int b = 0; b < topo.ncpus; b++) {
			int ha = pl_home_node(&topo, a), hb = pl_home_node(&topo, b);

			if (ha >= 0 && hb >= 0 && ha != hb) {
				*cpu_a = a;
				*cpu_b = b;
				return 0;
			}
		}
	return -1;
}

int memory_nodes(int *out)
{
	int n = 0;

	for (int i = 0; i < topo.nnodes; i++)
		if (topo.has_mem[topo.nodes[i]])
			out[n++] = topo.nodes[i];
	return n;
}

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
} cases[] = {
	{ "topology", case_topology },
	{ "local", case_local },
	{ "remote-free", case_remote_free },
	{ "migrate", case_migrate },
	{ "override", case_override },
	{ "interleave", case_interleave },
	{ "cpuset", case_cpuset },
	{ "cpuset-enter", case_cpuset_enter },
	{ "cpuset-child", case_cpuset_child },
	{ "seccomp", case_seccomp },
	{ "bad-policy", case_bad_policy },
};

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: numa_vm_test CASE [ARG]\n");
		return 2;
	}
	/* seccomp must start before anything could allocate. */
	if (strcmp(argv[1], "seccomp") == 0)
		return case_seccomp(argc, argv);
	if (pl_topo_load(&topo) != 0)
		return 1;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if (strcmp(argv[1], cases[i].name) == 0)
			return cases[i].fn(argc, argv);
	fprintf(stderr, "numa_vm_test: unknown case %s\n", argv[1]);
	return 2;
}
