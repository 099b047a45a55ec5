/*
 * vm_cpuset.c: numalloc under a cpuset that allows one memory node - set
 * before the process starts (a child enters the group, then executes the
 * test) and set while it runs (mbind then fails with EINVAL on the
 * forbidden node and numalloc must carry on).  Needs root and cgroup v2
 * with the cpuset controller, as in the test guests.
 *
 * Moving a task into a cgroup v2 cpuset migrates its memory to the new
 * nodes (memory_migrate is implied on v2) with MPOL_MF_MOVE_ALL, which
 * moves pages shared with other processes too.  A child moved between
 * fork and exec still shares our heap copy-on-write, so its move would
 * carry our pages - and the arenas' committed, not yet used memory - to
 * its node: the test would then measure the kernel's migration, not
 * numalloc.  So the child moves itself after exec (and executes itself
 * once more, numalloc initialising in a constructor), and the parent
 * checks that its own memory stayed where it was.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "numalloc.h"
#include "numa_vm.h"

#define CG "/sys/fs/cgroup"

static int write_str(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, s, strlen(s));
	close(fd);
	return n == (ssize_t)strlen(s) ? 0 : -1;
}

/* A cgroup allowing every CPU and only memory node `node`. */
static int make_group(const char *name, int node)
{
	char dir[128], path[192], val[32];

	write_str(CG "/cgroup.subtree_control", "+cpuset");
	snprintf(dir, sizeof dir, CG "/%s", name);
	if (mkdir(dir, 0755) != 0 && errno != EEXIST)
		return -1;
	snprintf(path, sizeof path, "%s/cpuset.cpus", dir);
	snprintf(val, sizeof val, "0-%d", topo.ncpus - 1);
	if (write_str(path, val) != 0)
		return -1;
	snprintf(path, sizeof path, "%s/cpuset.mems", dir);
	snprintf(val, sizeof val, "%d", node);
	return write_str(path, val);
}

static int enter_group(const char *name)
{
	char path[192];

	snprintf(path, sizeof path, CG "/%s/cgroup.procs", name);
	return write_str(path, "0");
}

struct cs {
	const char *what;
	int node, result;
	struct batch b;
};

static void cs_thread(void *v)
{
	struct cs *c = v;

	batch_fill(&c->b, 1 << 20, 3 << 20);
	c->result = batch_check(c->what, &c->b, 0, c->node, NEED_LOCAL);
	batch_free(&c->b);
}

/* Started by case_cpuset_enter inside the group: argv[2] node, argv[3]
 * CPU.  numalloc initialised (in its constructor) inside the cpuset. */
int case_cpuset_child(int argc, char **argv)
{
	static struct cs c;

	if (argc != 4)
		return 2;
	c.what = "cpuset set before start";
	c.node = atoi(argv[2]);
	printf("cpuset child: numalloc_node_count %d\n", numalloc_node_count());
	if (numalloc_node_count() != 1)
		return 1;
	if (run_on_cpu(atoi(argv[3]), cs_thread, &c) != 0)
		return 1;
	return c.result ? 1 : 0;
}

/*
 * Started by at_start: argv[2] group, argv[3] node, argv[4] CPU.  Enters
 * the group - moving only this process's own pages - and executes itself
 * again, so that numalloc starts inside the cpuset.
 */
int case_cpuset_enter(int argc, char **argv)
{
	if (argc != 5)
		return 2;
	if (enter_group(argv[2]) != 0) {
		printf("cpuset child: cannot enter %s: %s\n", argv[2],
		    strerror(errno));
		return 3;
	}
	execl("/proc/self/exe", "numa_vm_test", "cpuset-child", argv[3],
	    argv[4], (char *)NULL);
	return 4;
}

static int at_start(int cpu, int node)
{
	char n[16], c[16];
	int status;
	pid_t pid;

	if (make_group("na-start", node) != 0)
		return -1;
	snprintf(n, sizeof n, "%d", node);
	snprintf(c, sizeof c, "%d", cpu);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		/* No cgroup write before exec: see the top of the file. */
		execl("/proc/self/exe", "numa_vm_test", "cpuset-enter",
		    "na-start", n, c, (char *)NULL);
		_exit(4);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	printf("cpuset set before start: child %s %d\n",
	    WIFEXITED(status) ? "exited" : "killed by signal",
	    WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

int case_cpuset(int argc, char **argv)
{
	static struct cs before, after;
	static struct batch held;
	int a, b, bad;

	(void)argc;
	(void)argv;
	if (two_homes(&a, &b) != 0 || access(CG "/cgroup.controllers", R_OK) != 0)
		return EXIT_SKIP;
	/* The main thread, too, allocates on CPU a's node and keeps it: that
	 * arena's committed memory is what moving the child between fork and
	 * exec would carry away (see the top of the file). */
	if (pl_pin(a) != 0)
		return 1;
	batch_fill(&held, 256 << 10, 300000);
	if (batch_check("parent, before the child", &held, 0,
	    pl_home_node(&topo, a), NEED_LOCAL) != 0)
		return 1;
	if (at_start(a, pl_home_node(&topo, b)) != 0)
		return 1;
	bad = batch_check("parent, after the child's cpuset", &held, 0,
	    pl_home_node(&topo, a), NEED_LOCAL);
	batch_free(&held);
	/* While running: CPU a's node has its arena and bound segments,
	 * then the cpuset takes that node away. */
	before.what = "before the cpuset";
	before.node = pl_home_node(&topo, a);
	if (run_on_cpu(a, cs_thread, &before) != 0 || before.result != 0 || bad)
		return 1;
	after.what = "cpuset set while running";
	after.node = pl_home_node(&topo, b);
	if (make_group("na-run", after.node) != 0 || enter_group("na-run") != 0) {
		printf("cannot build the cpuset: %s\n", strerror(errno));
		return 1;
	}
	printf("cpuset now allows node %d only\n", after.node);
	if (run_on_cpu(a, cs_thread, &after) != 0)
		return 1;
	return after.result ? 1 : 0;
}
