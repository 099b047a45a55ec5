/*
 * vm_seccomp.c: on one node, or with NUMALLOC_NODE_POLICY=off, numalloc
 * makes no NUMA system call: a child runs an allocation workload under a
 * seccomp filter that kills it on any.  Two controls keep the test honest:
 * a child that calls mbind itself must die, and on a multi-node machine
 * with placement on the workload must die too.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "numalloc.h"
#include "numa_vm.h"
#include "nosyscall.h"

#define THREADS 3
#define ROUNDS 600

static void *slots[THREADS][64];

/* malloc, calloc, realloc, frees of other threads' blocks, sizes from
 * 1 B to 3 MiB: every slow path (refill, new segment, huge) runs. */
static void *work(void *v)
{
	long id = (long)v;
	unsigned seed = (unsigned)id * 7919u + 1;

	for (int r = 0; r < ROUNDS; r++) {
		int k = (int)(rand_r(&seed) % 64);
		size_t n = (size_t)1 << (rand_r(&seed) % 22);

		if (n > (64u << 10) && r % 8 != 0)
			n >>= 6;	/* big blocks now and then: TCG is slow */
		void **s = &slots[(id + (r & 1)) % THREADS][k];
		void *old = __atomic_exchange_n(s, NULL, __ATOMIC_ACQ_REL);

		free(old);
		old = (r % 3 == 0) ? calloc(1, n) : malloc(n);
		if (old != NULL && r % 5 == 0)
			old = realloc(old, n * 2 + 1);
		if (old != NULL)
			memset(old, 1, n);
		old = __atomic_exchange_n(s, old, __ATOMIC_ACQ_REL);
		free(old);
	}
	return NULL;
}

static void workload(void)
{
	pthread_t t[THREADS];

	if (forbid_numa_syscalls() != 0)
		_exit(3);
	for (long i = 0; i < THREADS; i++)
		if (pthread_create(&t[i], NULL, work, (void *)i) != 0)
			_exit(4);
	for (int i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);
	if (numalloc_node_count() < 1)
		_exit(5);
	_exit(0);
}

static void call_mbind(void)
{
	if (forbid_numa_syscalls() != 0)
		_exit(3);
	syscall(SYS_mbind, 0, 0, 0, 0, 0, 0);
	_exit(0);
}

/* Fork fn; returns the wait status, or -1. */
static int in_child(void (*fn)(void))
{
	int status;
	pid_t pid = fork();

	if (pid == 0)
		fn();
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

static int online_nodes(void)
{
	char buf[256];
	int fd = open("/sys/devices/system/node/online", O_RDONLY), n = 0;
	ssize_t len;

	if (fd < 0)
		return 1;
	len = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (len <= 0)
		return 1;
	buf[len] = '\0';
	/* Count ids: "0", "0-1", "0-2,4". */
	for (char *s = buf; *s >= '0' && *s <= '9';) {
		long lo = strtol(s, &s, 10), hi = lo;

		if (*s == '-')
			hi = strtol(s + 1, &s, 10);
		n += (int)(hi - lo + 1);
		if (*s == ',')
			s++;
	}
	return n;
}

static int killed_by_sigsys(int st)
{
	return st != -1 && WIFSIGNALED(st) && WTERMSIG(st) == SIGSYS;
}

int case_seccomp(int argc, char **argv)
{
	/* Nothing here may allocate before both children are forked: they
	 * must initialise numalloc under the filter themselves. */
	int control = in_child(call_mbind), st = in_child(workload);
	const char *pol = getenv("NUMALLOC_NODE_POLICY");
	int single = online_nodes() == 1 || (pol != NULL && strcmp(pol, "off") == 0);

	(void)argc;
	(void)argv;
	if (control != -1 && WIFEXITED(control) && WEXITSTATUS(control) == 3) {
		printf("seccomp filters unavailable\n");
		return EXIT_SKIP;
	}
	if (!killed_by_sigsys(control)) {
		printf("control: a raw mbind survived the filter\n");
		return 1;
	}
	if (single) {
		printf("single node / policy off: workload %s\n",
		    st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0 ?
		    "made no NUMA system call" : "FAILED or was killed");
		return st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : 1;
	}
	printf("several nodes, placement on: workload %s\n",
	    killed_by_sigsys(st) ? "was killed as expected" : "was NOT killed");
	return killed_by_sigsys(st) ? 0 : 1;
}
