/* nosyscall.c: see nosyscall.h. */
#define _GNU_SOURCE
#include <stddef.h>
#include <stdint.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "nosyscall.h"

/* Classic BPF as the kernel's uapi defines it (linux/filter.h). */
struct bpf_insn {
	uint16_t code;
	uint8_t jt, jf;
	uint32_t k;
};
struct bpf_prog {
	unsigned short len;
	struct bpf_insn *insns;
};

#define LD_W_ABS 0x20		/* BPF_LD | BPF_W | BPF_ABS */
#define JEQ_K 0x15		/* BPF_JMP | BPF_JEQ | BPF_K */
#define RET_K 0x06		/* BPF_RET | BPF_K */
#define RET_KILL_PROCESS 0x80000000u
#define RET_ALLOW 0x7fff0000u
#define AUDIT_ARCH_X86_64 0xc000003eu
#define OFF_NR 0		/* struct seccomp_data.nr */
#define OFF_ARCH 4		/* struct seccomp_data.arch */

#ifndef SYS_set_mempolicy_home_node
#define SYS_set_mempolicy_home_node 450
#endif

int forbid_numa_syscalls(void)
{
	static const uint32_t nrs[] = { SYS_getcpu, SYS_mbind,
	    SYS_get_mempolicy, SYS_set_mempolicy, SYS_move_pages,
	    SYS_migrate_pages, SYS_set_mempolicy_home_node };
	enum { N = sizeof nrs / sizeof nrs[0] };
	struct bpf_insn f[4 + N + 2];
	struct bpf_prog prog = { 0, f };
	unsigned i = 0;

	/* Another architecture's numbers would mean other calls: kill. */
	f[i++] = (struct bpf_insn){ LD_W_ABS, 0, 0, OFF_ARCH };
	f[i++] = (struct bpf_insn){ JEQ_K, 1, 0, AUDIT_ARCH_X86_64 };
	f[i++] = (struct bpf_insn){ RET_K, 0, 0, RET_KILL_PROCESS };
	f[i++] = (struct bpf_insn){ LD_W_ABS, 0, 0, OFF_NR };
	for (unsigned j = 0; j < N; j++)	/* match: jump to the kill */
		f[i++] = (struct bpf_insn){ JEQ_K, (uint8_t)(N - j), 0, nrs[j] };
	f[i++] = (struct bpf_insn){ RET_K, 0, 0, RET_ALLOW };
	f[i++] = (struct bpf_insn){ RET_K, 0, 0, RET_KILL_PROCESS };
	prog.len = (unsigned short)i;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
		return -1;
	return prctl(PR_SET_SECCOMP, 2 /* SECCOMP_MODE_FILTER */, &prog, 0, 0);
}
