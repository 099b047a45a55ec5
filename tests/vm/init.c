/*
 * vm-init: PID 1 of the test guests booted by vm-run.sh.
 *
 * It mounts the pseudo file systems a test needs, runs every command listed
 * in /vm/tests (one per line) with a per-command time limit, prints one
 * machine-readable line per command on the console and powers the guest
 * off.  vm-run.sh parses those lines on the host:
 *
 *	VMTEST BEGIN <name>
 *	VMTEST PASS <name>
 *	VMTEST FAIL <name> (exit N | signal N | timeout)
 *	VMTEST SKIP <name>
 *	VMTEST DONE pass=P fail=F skip=S
 *
 * Line format of /vm/tests:  [VAR=value ...] /path/to/program [arg ...]
 * Words are separated by blanks; there is no quoting and no shell.  Blank
 * lines and lines starting with '#' are ignored.  The name of a command is
 * the basename of its program, followed by its first argument if any, so
 * that one program run with different arguments stays distinguishable.
 *
 * It must not depend on anything but the kernel: it is linked statically,
 * and a failure to mount is reported but not fatal (the tests say what they
 * miss).  Exit status 77 of a command means "skipped", as under meson.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define LIST_PATH	"/vm/tests"
#define MAX_LINE	1024
#define MAX_WORDS	64
#define DEFAULT_LIMIT_S	120
#define EXIT_SKIP	77

struct tally {
	int pass, fail, skip;
};

static void
try_mount(const char *src, const char *dir, const char *type,
    const char *opts)
{
	mkdir(dir, 0755);
	if (mount(src, dir, type, 0, opts) != 0 && errno != EBUSY)
		printf("vm-init: mount %s on %s: %s\n", type, dir,
		    strerror(errno));
}

static void
setup_fs(void)
{
	try_mount("proc", "/proc", "proc", NULL);
	try_mount("sysfs", "/sys", "sysfs", NULL);
	try_mount("devtmpfs", "/dev", "devtmpfs", NULL);
	try_mount("tmpfs", "/tmp", "tmpfs", "mode=1777");
	try_mount("tmpfs", "/run", "tmpfs", "mode=755");
	/* cgroup v2 so tests can build restricted cpusets. */
	try_mount("cgroup2", "/sys/fs/cgroup", "cgroup2", NULL);
}

/* Send our stdio to the console whatever the kernel gave us. */
static void
setup_console(void)
{
	int fd = open("/dev/console", O_RDWR | O_NOCTTY);

	if (fd < 0)
		return;
	dup2(fd, 0);
	dup2(fd, 1);
	dup2(fd, 2);
	if (fd > 2)
		close(fd);
	setvbuf(stdout, NULL, _IOLBF, 0);
}

/* Split line in place into words; returns the word count. */
static int
split_words(char *line, char **words, int max)
{
	int n = 0;
	char *save = NULL;

	for (char *w = strtok_r(line, " \t\r\n", &save); w != NULL;
	    w = strtok_r(NULL, " \t\r\n", &save)) {
		if (n == max - 1)
			break;
		words[n++] = w;
	}
	words[n] = NULL;
	return n;
}

static void
command_name(char **argv, char *name, size_t size)
{
	const char *base = strrchr(argv[0], '/');

	base = base != NULL ? base + 1 : argv[0];
	if (argv[1] != NULL)
		snprintf(name, size, "%s:%s", base, argv[1]);
	else
		snprintf(name, size, "%s", base);
}

/* Wait for pid for at most limit_s seconds; kill it on timeout. */
static int
wait_limited(pid_t pid, int limit_s, int *timed_out)
{
	struct timespec tick = { 0, 50 * 1000 * 1000 };
	int status = 0;
	long ticks = (long)limit_s * 20;

	*timed_out = 0;
	for (;;) {
		pid_t r = waitpid(pid, &status, WNOHANG);

		if (r == pid)
			return status;
		if (r < 0 && errno != EINTR)
			return -1;
		if (ticks-- <= 0 && !*timed_out) {
			*timed_out = 1;
			kill(pid, SIGKILL);
		}
		nanosleep(&tick, NULL);
	}
}

static void
report(const char *name, int status, int timed_out, struct tally *t)
{
	if (timed_out) {
		printf("VMTEST FAIL %s (timeout)\n", name);
		t->fail++;
	} else if (status < 0) {
		printf("VMTEST FAIL %s (waitpid: %s)\n", name, strerror(errno));
		t->fail++;
	} else if (WIFSIGNALED(status)) {
		printf("VMTEST FAIL %s (signal %d)\n", name, WTERMSIG(status));
		t->fail++;
	} else if (WEXITSTATUS(status) == 0) {
		printf("VMTEST PASS %s\n", name);
		t->pass++;
	} else if (WEXITSTATUS(status) == EXIT_SKIP) {
		printf("VMTEST SKIP %s\n", name);
		t->skip++;
	} else {
		printf("VMTEST FAIL %s (exit %d)\n", name, WEXITSTATUS(status));
		t->fail++;
	}
}

/* Run one line of the list: leading VAR=value words go to its environment. */
static void
run_line(char *line, int limit_s, struct tally *t)
{
	char *words[MAX_WORDS], name[128];
	int n = split_words(line, words, MAX_WORDS), first = 0, timed_out = 0;

	if (n == 0 || words[0][0] == '#')
		return;
	while (first < n && strchr(words[first], '=') != NULL &&
	    words[first][0] != '/')
		first++;
	if (first == n) {
		printf("VMTEST FAIL (no program in line)\n");
		t->fail++;
		return;
	}
	command_name(words + first, name, sizeof(name));
	printf("VMTEST BEGIN %s\n", name);
	pid_t pid = fork();
	if (pid == 0) {
		for (int i = 0; i < first; i++)
			putenv(words[i]);
		execv(words[first], words + first);
		printf("vm-init: exec %s: %s\n", words[first], strerror(errno));
		_exit(127);
	}
	if (pid < 0) {
		printf("VMTEST FAIL %s (fork: %s)\n", name, strerror(errno));
		t->fail++;
		return;
	}
	int status = wait_limited(pid, limit_s, &timed_out);

	report(name, status, timed_out, t);
}

static int
limit_from_env(void)
{
	const char *s = getenv("vm_timeout");
	int v = s != NULL ? atoi(s) : 0;

	return v > 0 ? v : DEFAULT_LIMIT_S;
}

int
main(void)
{
	struct tally t = { 0, 0, 0 };
	char line[MAX_LINE];
	FILE *list;

	setup_console();
	setup_fs();
	setenv("PATH", "/bin:/sbin:/usr/bin", 1);
	setenv("TMPDIR", "/tmp", 1);
	list = fopen(LIST_PATH, "r");
	if (list == NULL) {
		printf("VMTEST FAIL %s (%s)\n", LIST_PATH, strerror(errno));
		t.fail++;
	} else {
		int limit_s = limit_from_env();

		while (fgets(line, sizeof(line), list) != NULL)
			run_line(line, limit_s, &t);
		fclose(list);
	}
	printf("VMTEST DONE pass=%d fail=%d skip=%d\n", t.pass, t.fail,
	    t.skip);
	fflush(stdout);
	sync();
	reboot(RB_POWER_OFF);
	/* Only reached if power-off failed: panic makes qemu exit. */
	return 1;
}
