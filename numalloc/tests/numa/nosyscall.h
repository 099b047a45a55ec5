/*
 * nosyscall.h: a seccomp filter that kills the process on any NUMA system
 * call (getcpu, mbind, get_mempolicy, set_mempolicy, move_pages,
 * migrate_pages, set_mempolicy_home_node).  Used to prove that numalloc's
 * single-node path makes none.  Written out by hand: musl's headers carry
 * no <linux/seccomp.h>.
 */
#ifndef NUMA_NOSYSCALL_H
#define NUMA_NOSYSCALL_H

/* Install the filter on the calling thread and its future children.
 * Returns 0, or -1 with errno (EINVAL: kernel without seccomp filters). */
int forbid_numa_syscalls(void);

#endif
