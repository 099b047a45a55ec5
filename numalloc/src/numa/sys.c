/*
 * sys.c: the NUMA system calls numalloc needs, made with syscall(2).
 * musl wraps none of them, and glibc's getcpu() appeared only in 2.29;
 * libnuma's wrappers would make the allocator depend on libnuma.
 */
#define _GNU_SOURCE
#include <sys/syscall.h>
#include <unistd.h>

#include "numa_internal.h"

int na_sys_getcpu(unsigned *cpu, unsigned *node)
{
	return (int)syscall(SYS_getcpu, cpu, node, NULL);
}

/*
 * The kernel reads maxnode-1 bits of a mask (get_nodes() decrements it
 * first), so pass one more than the mask holds.
 */
long na_sys_mbind(void *addr, size_t len, int mode,
    const struct na_nodemask *mask, unsigned flags)
{
	return syscall(SYS_mbind, addr, len, mode,
	    mask != NULL ? mask->w : NULL,
	    mask != NULL ? NA_NUMA_MAX_NODE_IDS + 1 : 0, flags);
}

long na_sys_get_mempolicy(int *mode, struct na_nodemask *mask, void *addr,
    unsigned flags)
{
	return syscall(SYS_get_mempolicy, mode, mask != NULL ? mask->w : NULL,
	    mask != NULL ? NA_NUMA_MAX_NODE_IDS + 1 : 0, addr, flags);
}
