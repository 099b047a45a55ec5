/*
 * setup.c: decide, once, whether placement is on and make the plan.
 * Reads as little as it can: with NUMALLOC_NODE_POLICY=off one or two
 * sysfs files, on a one-node machine one file, and no NUMA system call in
 * either case.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <string.h>

#include "numa_internal.h"

struct na_numa_state na_numa;

/* Big (24 KiB), so static rather than on the stack of malloc's caller. */
static struct na_topo topo;

/* The nodes arena 0 stands for when placement is off: those with memory. */
static void load_single_mask(const char *root, struct na_nodemask *m)
{
	char buf[512];

	memset(m, 0, sizeof *m);
	if (na_sysfs_read(root, "has_memory", 0, buf, sizeof buf) >= 0 &&
	    na_parse_nodelist(buf, m) == 0 && na_mask_count(m) > 0)
		return;
	memset(m, 0, sizeof *m);
	if (na_sysfs_read(root, "online", 0, buf, sizeof buf) >= 0 &&
	    na_parse_nodelist(buf, m) == 0 && na_mask_count(m) > 0)
		return;
	memset(m, 0, sizeof *m);
	na_mask_set(m, 0);	/* no NUMA in the kernel: node 0 */
}

/* One node online?  Reads only <root>/online.  A list too long for the
 * buffer is certainly more than one node. */
static int one_node_online(const char *root, struct na_nodemask *m)
{
	char buf[64];

	memset(m, 0, sizeof *m);
	if (na_sysfs_read(root, "online", 0, buf, sizeof buf) < 0)
		return errno != ENAMETOOLONG;
	if (na_parse_nodelist(buf, m) != 0)
		return 1;
	return na_mask_count(m) <= 1;
}

static int setup_multi(const char *root, const struct na_nodemask *allowed)
{
	struct na_nodemask kernel_allowed;
	const struct na_nodemask *use = allowed;

	if (na_topo_load(&topo, root) != 0)
		return NA_NUMA_SETUP_BAD_SYSFS;
	if (use == NULL) {
		memset(&kernel_allowed, 0, sizeof kernel_allowed);
		if (na_sys_get_mempolicy(NULL, &kernel_allowed, NULL,
		    NA_MPOL_F_MEMS_ALLOWED) == 0)
			use = &kernel_allowed;
	}
	if (na_plan_make(&na_numa.plan, &topo, use, root) != 0)
		return NA_NUMA_SETUP_BAD_SYSFS;
	if (na_numa.plan.narenas == 1) {
		/* The cpuset leaves one node: nothing to place. */
		memset(&na_numa.single_mask, 0, sizeof na_numa.single_mask);
		na_mask_set(&na_numa.single_mask, na_numa.plan.arena_node[0]);
		return NA_NUMA_SETUP_OK;
	}
	na_numa.multi = 1;
	return NA_NUMA_SETUP_OK;
}

int na_numa_setup(const char *root, const char *policy,
    const struct na_nodemask *allowed)
{
	int pol = na_numa_policy_parse(policy);
	int status = NA_NUMA_SETUP_OK, r;

	if (pol < 0) {
		pol = NA_NUMA_LOCAL;
		status = NA_NUMA_SETUP_BAD_POLICY;
	}
	na_numa.policy = pol;
	na_numa.multi = 0;
	if (pol == NA_NUMA_OFF) {
		load_single_mask(root, &na_numa.single_mask);
		return status;
	}
	if (one_node_online(root, &na_numa.single_mask)) {
		if (na_mask_count(&na_numa.single_mask) == 0)
			na_mask_set(&na_numa.single_mask, 0);
		return status;
	}
	r = setup_multi(root, allowed);
	if (r != NA_NUMA_SETUP_OK) {
		load_single_mask(root, &na_numa.single_mask);
		na_numa.multi = 0;
		return r;
	}
	return status;
}

int na_numa_arena_of_node(int node)
{
	if (node < 0 || node >= NA_NUMA_MAX_NODE_IDS)
		goto bad;
	if (!na_numa.multi) {
		if (na_mask_test(&na_numa.single_mask, (unsigned)node))
			return 0;
		goto bad;
	}
	if (na_mask_test(&na_numa.plan.arena_mask, (unsigned)node))
		return na_numa.plan.node_arena[node];
bad:
	errno = EINVAL;
	return -1;
}

unsigned na_numa_arena_here(void)
{
	const struct na_plan *p = &na_numa.plan;
	int cpu = sched_getcpu();	/* vDSO (musl) or rseq (glibc) */
	unsigned c, n;

	if (cpu >= 0 && cpu < NA_NUMA_MAX_CPUS && p->cpu_arena[cpu] != 0xff)
		return p->cpu_arena[cpu];
	if (na_sys_getcpu(&c, &n) == 0 && n < NA_NUMA_MAX_NODE_IDS &&
	    p->node_arena[n] != NA_NUMA_NONE)
		return p->node_arena[n];
	return 0;
}
