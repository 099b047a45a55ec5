/* placement.c: see placement.h. */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "placement.h"

#define ROOT "/sys/devices/system/node"
#define BATCH 512

static int read_file(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "r");
	size_t n;

	if (f == NULL)
		return -1;
	n = fread(buf, 1, size - 1, f);
	fclose(f);
	buf[n] = '\0';
	return 0;
}

/* Call fn(t, node, id) for each id of a "0-3,5" list. */
static void each_id(const char *s, void (*fn)(struct pl_topo *, int, int),
    struct pl_topo *t, int node)
{
	while (*s >= '0' && *s <= '9') {
		char *end;
		long lo = strtol(s, &end, 10), hi = lo;

		if (*end == '-')
			hi = strtol(end + 1, &end, 10);
		for (long i = lo; i <= hi; i++)
			fn(t, node, (int)i);
		s = *end == ',' ? end + 1 : end;
	}
}

static void add_node(struct pl_topo *t, int unused, int id)
{
	(void)unused;
	if (id < PL_MAX_NODES && t->nnodes < PL_MAX_NODES)
		t->nodes[t->nnodes++] = id;
}

static void add_mem(struct pl_topo *t, int unused, int id)
{
	(void)unused;
	if (id < PL_MAX_NODES)
		t->has_mem[id] = 1;
}

static void add_cpu(struct pl_topo *t, int node, int cpu)
{
	if (cpu < PL_MAX_CPUS) {
		if (t->cpu_node[cpu] < 0)
			t->cpu_node[cpu] = node;
		if (cpu >= t->ncpus)
			t->ncpus = cpu + 1;
	}
}

static void load_node(struct pl_topo *t, int n)
{
	char path[128], buf[1024], *s = buf;

	snprintf(path, sizeof path, ROOT "/node%d/cpulist", n);
	if (read_file(path, buf, sizeof buf) == 0)
		each_id(buf, add_cpu, t, n);
	snprintf(path, sizeof path, ROOT "/node%d/distance", n);
	if (read_file(path, buf, sizeof buf) != 0)
		return;
	for (int i = 0; i < t->nnodes; i++) {
		char *end;

		t->dist[n][t->nodes[i]] = (int)strtol(s, &end, 10);
		s = end;
	}
}

int pl_topo_load(struct pl_topo *t)
{
	char buf[1024];

	memset(t, 0, sizeof *t);
	for (int i = 0; i < PL_MAX_CPUS; i++)
		t->cpu_node[i] = -1;
	if (read_file(ROOT "/online", buf, sizeof buf) != 0) {
		fprintf(stderr, "placement: no " ROOT "/online\n");
		return -1;
	}
	each_id(buf, add_node, t, 0);
	if (read_file(ROOT "/has_memory", buf, sizeof buf) == 0)
		each_id(buf, add_mem, t, 0);
	for (int i = 0; i < t->nnodes; i++)
		load_node(t, t->nodes[i]);
	return 0;
}

int pl_home_node(const struct pl_topo *t, int cpu)
{
	int n = cpu >= 0 && cpu < PL_MAX_CPUS ? t->cpu_node[cpu] : -1;
	int best = -1;

	if (n < 0)
		return -1;
	if (t->has_mem[n])
		return n;
	for (int i = 0; i < t->nnodes; i++) {
		int m = t->nodes[i];

		if (t->has_mem[m] && (best < 0 || t->dist[n][m] < t->dist[n][best]))
			best = m;
	}
	return best;
}

int pl_pin(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	return sched_setaffinity(0, sizeof set, &set);
}

int pl_count(const void *p, size_t len, int node, long *on, long *all)
{
	long per_node[PL_MAX_NODES] = { 0 };

	if (pl_nodes(p, len, per_node) != 0)
		return -1;
	for (int i = 0; i < PL_MAX_NODES; i++)
		*all += per_node[i];
	/* Node ids past the table share its last entry (pl_nodes). */
	*on += per_node[node < PL_MAX_NODES ? node : PL_MAX_NODES - 1];
	return 0;
}

int pl_count_pages(void *const *pages, long n, int node, long *on,
    long *all)
{
	static __thread int status[BATCH];

	for (long i = 0; i < n; i += BATCH) {
		long k = n - i < BATCH ? n - i : BATCH;

		if (syscall(SYS_move_pages, 0, k, pages + i, NULL, status, 0) != 0)
			return -1;
		for (long j = 0; j < k; j++) {
			if (status[j] < 0)
				continue;
			++*all;
			if (status[j] == node)
				++*on;
		}
	}
	return 0;
}

int pl_node_of(const void *p)
{
	int node = -1;

	/* MPOL_F_NODE | MPOL_F_ADDR: the node of the page at p. */
	if (syscall(SYS_get_mempolicy, &node, NULL, 0UL, p, 3UL) != 0)
		return -1;
	return node;
}

int pl_nodes(const void *p, size_t len, long *per_node)
{
	static __thread void *pages[BATCH];
	static __thread int status[BATCH];
	uintptr_t pg = (uintptr_t)sysconf(_SC_PAGESIZE);
	uintptr_t a = (uintptr_t)p & ~(pg - 1), end = (uintptr_t)p + len;

	while (a < end) {
		long n = 0;

		for (; a < end && n < BATCH; a += pg)
			pages[n++] = (void *)a;
		if (syscall(SYS_move_pages, 0, n, pages, NULL, status, 0) != 0)
			return -1;
		for (long i = 0; i < n; i++)
			if (status[i] >= 0)
				per_node[status[i] < PL_MAX_NODES ? status[i] :
				    PL_MAX_NODES - 1]++;
	}
	return 0;
}

void pl_print_free(const char *what)
{
	struct pl_topo t;
	char path[128], buf[4096];

	if (pl_topo_load(&t) != 0)
		return;
	printf("%s: MemFree", what);
	for (int i = 0; i < t.nnodes; i++) {
		const char *s;

		snprintf(path, sizeof path, ROOT "/node%d/meminfo", t.nodes[i]);
		if (read_file(path, buf, sizeof buf) != 0 ||
		    (s = strstr(buf, "MemFree:")) == NULL)
			continue;
		printf(" node %d %ld kB", t.nodes[i], strtol(s + 8, NULL, 10));
	}
	printf("\n");
}
