/*
 * numa.c: the NUMA hooks the allocator core calls (numalloc_internal.h).
 * Each starts with `if (!na_numa.multi)`: on a single-node machine, or with
 * placement off, that is all they cost.
 */
#include <stdlib.h>

#include "numa_internal.h"

#define SYSFS_NODE_ROOT "/sys/devices/system/node"

__thread unsigned na_numa_override;

void na_numa_init(void)
{
	const char *policy = getenv("NUMALLOC_NODE_POLICY");

	switch (na_numa_setup(SYSFS_NODE_ROOT, policy, NULL)) {
	case NA_NUMA_SETUP_BAD_POLICY:
		/* Always said, like the core's other bad NUMALLOC_* values. */
		na_write_str(2, "numalloc: warning: ignoring invalid NUMALLOC_NODE_POLICY=");
		na_write_str(2, policy);
		na_write_str(2, " (local, interleave or off); using local\n");
		break;
	case NA_NUMA_SETUP_BAD_SYSFS:
		na_warn("cannot read the NUMA topology from " SYSFS_NODE_ROOT "; placement is off");
		break;
	default:
		break;
	}
}

unsigned na_numa_node_count(void)
{
	return na_numa.multi ? na_numa.plan.narenas : 1;
}

unsigned na_numa_current_node(void)
{
	if (NA_LIKELY(!na_numa.multi))
		return 0;
	if (na_numa_override != 0)
		return na_numa_override - 1;
	if (na_numa.policy == NA_NUMA_INTERLEAVE)
		return na_numa.plan.narenas;
	return na_numa_arena_here();
}

int na_numa_bind(void *p, size_t len, unsigned arena)
{
	struct na_nodemask mask = { { 0 } };
	int mode;

	if (NA_LIKELY(!na_numa.multi))
		return 0;
	if (arena < na_numa.plan.narenas) {
		mode = NA_MPOL_PREFERRED;
		na_mask_set(&mask, na_numa.plan.arena_node[arena]);
	} else if (arena == na_numa.plan.narenas) {
		mode = NA_MPOL_INTERLEAVE;
		mask = na_numa.plan.arena_mask;
	} else {
		return -1;
	}
	atomic_fetch_add_explicit(&na_numa.bind_calls, 1, memory_order_relaxed);
	if (na_sys_mbind(p, len, mode, &mask, 0) == 0)
		return 0;
	/* EINVAL: the cpuset no longer allows the node.  The memory keeps
	 * the default policy, which the kernel confines to the cpuset. */
	atomic_fetch_add_explicit(&na_numa.bind_failures, 1,
	    memory_order_relaxed);
	return -1;
}

void na_numa_note_remote_free(unsigned from_arena, unsigned to_arena)
{
	if (from_arena <= NA_MAX_NODES)
		atomic_fetch_add_explicit(&na_numa.remote_out[from_arena], 1,
		    memory_order_relaxed);
	if (to_arena <= NA_MAX_NODES)
		atomic_fetch_add_explicit(&na_numa.remote_in[to_arena], 1,
		    memory_order_relaxed);
}
