/*
 * topology.c: NUMA topology from sysfs, and the plan that gives every node
 * and every CPU an arena.  See numa_internal.h for the terms.
 */
#include <errno.h>
#include <string.h>

#include "numa_internal.h"

struct cpu_ctx {
	struct na_topo *t;
	unsigned node;
};

/* A CPU listed by two nodes (numa=fake lists a physical node's CPUs in
 * each of its fake nodes) keeps the first, lowest node: the one getcpu
 * reports for it. */
static void cpu_add(void *ctx, unsigned cpu)
{
	struct cpu_ctx *c = ctx;

	if (cpu < NA_NUMA_MAX_CPUS && c->t->cpu_node[cpu] == NA_NUMA_NONE)
		c->t->cpu_node[cpu] = (uint16_t)c->node;
}

static int load_mask(struct na_topo *t, const char *root, const char *name,
    struct na_nodemask *m)
{
	if (na_sysfs_read(root, name, 0, t->buf, sizeof t->buf) < 0)
		return -1;
	return na_parse_nodelist(t->buf, m);
}

static int load_cpus(struct na_topo *t, const char *root, unsigned node)
{
	struct cpu_ctx c = { t, node };

	if (na_sysfs_read(root, "node%u/cpulist", node, t->buf,
	    sizeof t->buf) < 0)
		return -1;
	/* CPUs above the table still parse; getcpu finds their node. */
	return na_parse_list(t->buf, 1u << 22, cpu_add, &c);
}

int na_topo_load(struct na_topo *t, const char *root)
{
	memset(&t->online, 0, sizeof t->online);
	memset(&t->memory, 0, sizeof t->memory);
	for (unsigned i = 0; i < NA_NUMA_MAX_CPUS; i++)
		t->cpu_node[i] = NA_NUMA_NONE;
	if (load_mask(t, root, "online", &t->online) != 0)
		return -1;
	if (na_mask_count(&t->online) == 0) {
		errno = EINVAL;
		return -1;
	}
	/* Kernels before 2.6.36 lack has_memory: every node then counts as
	 * having memory.  CPUs always come from the cpulists. */
	if (load_mask(t, root, "has_memory", &t->memory) != 0) {
		if (errno != ENOENT)
			return -1;
		t->memory = t->online;
	}
	for (unsigned n = 0; n < NA_NUMA_MAX_NODE_IDS; n++) {
		if (!na_mask_test(&t->online, n))
			continue;
		if (load_cpus(t, root, n) != 0) {
			if (errno != ENOENT)
				return -1;
			continue;	/* raced with offlining */
		}
	}
	return 0;
}

/* The arena nearest to node n by n's distance row, ties to the lower
 * node; arena 0 when the row cannot be read. */
static unsigned nearest_arena(const struct na_plan *p, struct na_topo *t,
    const char *root, unsigned n)
{
	uint16_t dist[NA_NUMA_MAX_NODE_IDS];
	unsigned best = 0, best_d = 0xffff, col = 0;
	int cols;

	if (na_sysfs_read(root, "node%u/distance", n, t->buf,
	    sizeof t->buf) < 0)
		return 0;
	cols = na_parse_distances(t->buf, dist, NA_NUMA_MAX_NODE_IDS);
	if (cols != (int)na_mask_count(&t->online))
		return 0;
	/* Column i of the row is the i-th online node (sparse ids). */
	for (unsigned m = 0; m < NA_NUMA_MAX_NODE_IDS; m++) {
		if (!na_mask_test(&t->online, m))
			continue;
		if (p->node_arena[m] != NA_NUMA_NONE &&
		    p->arena_node[p->node_arena[m]] == m && dist[col] < best_d) {
			best_d = dist[col];
			best = p->node_arena[m];
		}
		col++;
	}
	return best;
}

static void plan_arenas(struct na_plan *p, const struct na_topo *t,
    const struct na_nodemask *allowed)
{
	for (unsigned n = 0; n < NA_NUMA_MAX_NODE_IDS; n++) {
		if (!na_mask_test(&t->online, n) ||
		    !na_mask_test(&t->memory, n) ||
		    (allowed != NULL && !na_mask_test(allowed, n)) ||
		    p->narenas == NA_MAX_NODES)
			continue;
		p->arena_node[p->narenas] = (uint16_t)n;
		p->node_arena[n] = (uint16_t)p->narenas;
		na_mask_set(&p->arena_mask, n);
		p->narenas++;
	}
}

int na_plan_make(struct na_plan *p, struct na_topo *t,
    const struct na_nodemask *allowed, const char *root)
{
	memset(p, 0, sizeof *p);
	for (unsigned n = 0; n < NA_NUMA_MAX_NODE_IDS; n++)
		p->node_arena[n] = NA_NUMA_NONE;
	plan_arenas(p, t, allowed);
	if (p->narenas == 0) {
		errno = EINVAL;
		return -1;
	}
	/* Online nodes without an arena of their own borrow the nearest. */
	for (unsigned n = 0; n < NA_NUMA_MAX_NODE_IDS; n++)
		if (na_mask_test(&t->online, n) &&
		    p->node_arena[n] == NA_NUMA_NONE)
			p->node_arena[n] = (uint16_t)nearest_arena(p, t, root, n);
	for (unsigned c = 0; c < NA_NUMA_MAX_CPUS; c++) {
		unsigned n = t->cpu_node[c];

		p->cpu_arena[c] = n == NA_NUMA_NONE ? 0xff :
		    (uint8_t)p->node_arena[n];
	}
	return 0;
}
