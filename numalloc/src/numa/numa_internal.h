/*
 * numa_internal.h: NUMA placement for numalloc (issue 8).
 *
 * What this layer does, in the allocator's terms (numalloc_internal.h):
 * it maps the calling thread to an *arena index* and binds the memory of
 * each arena to one OS node.  The core never sees OS node numbers.
 *
 *   OS node    the kernel's node number (sysfs nodeN, getcpu, mbind
 *              masks).  May be sparse (0, 2, 5), may have no memory
 *              (CPU-only) or no CPU (memory-only, CXL-like).
 *   arena      dense index 0 .. narenas-1, one per OS node that has memory
 *              and that the cpuset lets us use, in increasing node order;
 *              index narenas is the interleaved arena.
 *
 * Topology comes from sysfs (<root>/online, has_memory, nodeN/cpulist,
 * nodeN/distance) read with open/read into static buffers:
 * this runs inside malloc's initialisation and must not allocate.  The
 * nodes the cpuset allows come from get_mempolicy(MPOL_F_MEMS_ALLOWED).
 * The plan then gives every online node an arena: its own if it has one,
 * else the nearest by the distance table (a CPU-only node, or a node the
 * cpuset forbids), ties to the lower node.  Every CPU gets its node's
 * arena, so finding a thread's arena is one vDSO sched_getcpu() and one
 * table load; it is asked on allocator slow paths only, which is how a
 * migrated thread is followed.
 *
 * Single node.  When one node is online (read from one sysfs file), when
 * the plan yields one arena, or with NUMALLOC_NODE_POLICY=off, na_numa_multi
 * stays 0: no further file is read and no NUMA system call is ever made;
 * every hook returns at its first test.  (tests/numa proves it under a
 * seccomp filter.)
 *
 * Binding.  na_numa_bind() gives fresh arena memory MPOL_PREFERRED for its
 * node (not MPOL_BIND: a full node must spill over, not OOM-kill the
 * process), the interleaved arena MPOL_INTERLEAVE over all arena nodes.
 * mbind fails with EINVAL when the cpuset changed under us and forbids the
 * node; the memory then stays on the kernel's default (local, within the
 * cpuset) policy and the failure is counted.
 *
 * Everything here is plain static data, written once by na_numa_init()
 * (which the core calls under its initialisation lock) and only read
 * afterwards, except the statistics counters (relaxed atomics).
 */
#ifndef NUMALLOC_NUMA_INTERNAL_H
#define NUMALLOC_NUMA_INTERNAL_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "numalloc_internal.h"

/* Linux's MAX_NUMNODES for NODES_SHIFT 10 (Debian's x86_64 kernels). */
#define NA_NUMA_MAX_NODE_IDS 1024
#define NA_NUMA_MASK_WORDS (NA_NUMA_MAX_NODE_IDS / 64)
/* CPUs with a table entry; higher ones ask getcpu for their node. */
#define NA_NUMA_MAX_CPUS 4096
#define NA_NUMA_NONE 0xffff		/* no node / no arena */

/* Kernel ABI (include/uapi/linux/mempolicy.h); musl has no such header. */
#define NA_MPOL_DEFAULT 0
#define NA_MPOL_PREFERRED 1
#define NA_MPOL_BIND 2
#define NA_MPOL_INTERLEAVE 3
#define NA_MPOL_F_NODE (1 << 0)
#define NA_MPOL_F_ADDR (1 << 1)
#define NA_MPOL_F_MEMS_ALLOWED (1 << 2)

struct na_nodemask {
	uint64_t w[NA_NUMA_MASK_WORDS];
};

static inline int na_mask_test(const struct na_nodemask *m, unsigned n)
{
	return n < NA_NUMA_MAX_NODE_IDS && ((m->w[n / 64] >> (n % 64)) & 1);
}

static inline void na_mask_set(struct na_nodemask *m, unsigned n)
{
	if (n < NA_NUMA_MAX_NODE_IDS)
		m->w[n / 64] |= (uint64_t)1 << (n % 64);
}

unsigned na_mask_count(const struct na_nodemask *m) NA_HIDDEN;

/* ---- Raw system calls (sys.c): musl has no wrappers for these ------- */

/* Each returns 0 (or the kernel's result) or -1 with errno set. */
int na_sys_getcpu(unsigned *cpu, unsigned *node) NA_HIDDEN;
long na_sys_mbind(void *addr, size_t len, int mode,
    const struct na_nodemask *mask, unsigned flags) NA_HIDDEN;
long na_sys_get_mempolicy(int *mode, struct na_nodemask *mask,
    void *addr, unsigned flags) NA_HIDDEN;

/* ---- sysfs reading and list parsing (sysfs.c) ----------------------- */

/*
 * Read root/name (name may hold one %u, replaced by node) into buf
 * (size bytes, NUL-terminated, trailing newline kept).  Returns the length
 * read, or -1 with errno set (ENAMETOOLONG when the path or the contents
 * do not fit).  Uses open/read/close only.
 */
long na_sysfs_read(const char *root, const char *name, unsigned node,
    char *buf, size_t size) NA_HIDDEN;

/*
 * Parse a kernel list ("0-3,8,10-11\n", empty allowed) calling
 * fn(ctx, id) for each id.  Returns 0, or -1 with errno EINVAL for a
 * malformed list or an id >= limit (and calls fn for nothing after it).
 */
int na_parse_list(const char *s, unsigned limit,
    void (*fn)(void *ctx, unsigned id), void *ctx) NA_HIDDEN;
int na_parse_nodelist(const char *s, struct na_nodemask *m) NA_HIDDEN;

/*
 * Parse a distance row ("10 20 20\n") into out[0..max).  Returns the
 * number of values, or -1 with errno EINVAL if malformed or longer.
 */
int na_parse_distances(const char *s, uint16_t *out, unsigned max) NA_HIDDEN;

/* ---- Topology and plan (topology.c) --------------------------------- */

struct na_topo {
	struct na_nodemask online;	/* <root>/online */
	struct na_nodemask memory;	/* <root>/has_memory */
	uint16_t cpu_node[NA_NUMA_MAX_CPUS];	/* NA_NUMA_NONE: unknown */
	char buf[16384];		/* scratch for one sysfs file */
};

/*
 * Load the topology below root (normally "/sys/devices/system/node").
 * Returns 0, or -1 with errno set: ENOENT when root/online is missing
 * (no NUMA support: treat as one node), EINVAL for malformed contents,
 * ERANGE for more than NA_NUMA_MAX_NODE_IDS node ids.
 */
int na_topo_load(struct na_topo *t, const char *root) NA_HIDDEN;

struct na_plan {
	unsigned narenas;		/* node arenas; interleaved = narenas */
	uint16_t arena_node[NA_MAX_NODES];	/* arena -> OS node */
	uint16_t node_arena[NA_NUMA_MAX_NODE_IDS];	/* or NA_NUMA_NONE */
	uint8_t cpu_arena[NA_NUMA_MAX_CPUS];	/* 0xff: unknown CPU */
	struct na_nodemask arena_mask;	/* OS nodes that have an arena */
};

/*
 * Make the plan for topology t and the nodes the cpuset allows (NULL: all).
 * Distances are read from root/nodeN/distance for nodes without an arena
 * of their own.  Returns 0, or -1 with errno EINVAL when no node has
 * usable memory.
 */
int na_plan_make(struct na_plan *p, struct na_topo *t,
    const struct na_nodemask *allowed, const char *root) NA_HIDDEN;

/* ---- Policy (policy.c) ----------------------------------------------- */

enum na_numa_policy {
	NA_NUMA_LOCAL = 0,	/* each thread: the arena of its node */
	NA_NUMA_INTERLEAVE,	/* each thread: the interleaved arena */
	NA_NUMA_OFF,		/* one arena, no binding, no system call */
};

/*
 * Parse NUMALLOC_NODE_POLICY's value (NULL: unset).  Returns the policy,
 * or -1 for an unknown value (the caller warns and uses local).
 */
int na_numa_policy_parse(const char *s) NA_HIDDEN;

/* ---- State and set-up (setup.c) ------------------------------------- */

struct na_numa_state {
	int multi;			/* more than one arena */
	int policy;			/* enum na_numa_policy */
	struct na_plan plan;		/* valid when multi */
	struct na_nodemask single_mask;	/* !multi: nodes arena 0 stands for */
	_Atomic uint64_t bind_calls, bind_failures;
	_Atomic uint64_t remote_in[NA_MAX_NODES + 1];
	_Atomic uint64_t remote_out[NA_MAX_NODES + 1];
};
extern struct na_numa_state na_numa NA_HIDDEN;

/* What na_numa_setup() found, for the caller's warning. */
enum na_numa_setup_status {
	NA_NUMA_SETUP_OK = 0,
	NA_NUMA_SETUP_BAD_POLICY,	/* unknown value: local is used */
	NA_NUMA_SETUP_BAD_SYSFS,	/* unreadable topology: one node */
};

/*
 * The initialisation behind na_numa_init(): topology below root, policy
 * string (NUMALLOC_NODE_POLICY's value or NULL), and the nodes the cpuset
 * allows (NULL: ask the kernel).  Tests run it on fake trees.  Returns an
 * enum na_numa_setup_status; na_numa is valid in every case.
 */
int na_numa_setup(const char *root, const char *policy,
    const struct na_nodemask *allowed) NA_HIDDEN;

/* Arena of an OS node for the public API: -1 with errno EINVAL if the
 * node has no arena (offline, no memory, forbidden, out of range). */
int na_numa_arena_of_node(int node) NA_HIDDEN;

/* The calling thread's numalloc_thread_set_node(): arena + 1, 0 none. */
extern __thread unsigned na_numa_override NA_HIDDEN;

/* Arena for the CPU the caller runs on (multi-node only). */
unsigned na_numa_arena_here(void) NA_HIDDEN;

#endif
