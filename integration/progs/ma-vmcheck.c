/*
 * ma-vmcheck: the integration suite's checks in the VM image, where there
 * is no shell.  tests/vm's init runs each line of the image's run list as
 * one program and judges it by its exit status (0 pass, 77 skip, anything
 * else fail); this program turns the suite's other expectations into that.
 * LABEL only names the check in init's VMTEST lines (they show the
 * program's basename and first argument).
 *
 *   ma-vmcheck LABEL status EXPECT PROG [ARGS...]
 *       run PROG; pass if it exits with EXPECT (a number) or is killed by
 *       signal N (EXPECT sigN)
 *   ma-vmcheck LABEL retry SECONDS PROG [ARGS...]
 *       rerun PROG every 0.2 s until it exits 0, for at most SECONDS
 *   ma-vmcheck LABEL daemon PROG [ARGS...]
 *       start PROG in its own session and leave it running
 *   ma-vmcheck LABEL nodes N
 *       pass if the machine has exactly N NUMA nodes (sysfs)
 *   ma-vmcheck LABEL lo-up
 *       bring the loopback interface up (the guest's init leaves it down
 *       and the image has no ip(8)); mdnsd listens there
 *
 * Exit: 0 pass, 1 fail, 2 usage.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Runs argv and returns its wait status, or -1. */
static int run(char **argv)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		execv(argv[0], argv);
		fprintf(stderr, "ma-vmcheck: exec %s: %m\n", argv[0]);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

static int status_check(const char *label, const char *expect, char **argv)
{
	int st = run(argv);
	char got[16];

	if (st < 0)
		snprintf(got, sizeof got, "error");
	else if (WIFSIGNALED(st))
		snprintf(got, sizeof got, "sig%d", WTERMSIG(st));
	else
		snprintf(got, sizeof got, "%d", WEXITSTATUS(st));
	printf("ma-vmcheck %s: %s status %s, expected %s\n", label, argv[0], got, expect);
	return strcmp(got, expect) == 0 ? 0 : 1;
}

static int retry(const char *label, int seconds, char **argv)
{
	struct timespec pause = { 0, 200 * 1000 * 1000 };
	int tries = seconds * 5;

	while (tries-- > 0) {
		if (run(argv) == 0)
			return 0;
		nanosleep(&pause, NULL);
	}
	printf("ma-vmcheck %s: %s did not succeed within %d s\n", label, argv[0], seconds);
	return 1;
}

/* The daemon must outlive this process and not share init's wait: fork
 * twice, the middle child starting a session. */
static int daemon_start(char **argv)
{
	pid_t pid = fork();

	if (pid == 0) {
		setsid();
		if (fork() == 0) {
			execv(argv[0], argv);
			fprintf(stderr, "ma-vmcheck: exec %s: %m\n", argv[0]);
			_exit(127);
		}
		_exit(0);
	}
	return pid > 0 && waitpid(pid, NULL, 0) == pid ? 0 : 1;
}

static int nodes(const char *label, int want)
{
	DIR *d = opendir("/sys/devices/system/node");
	struct dirent *e;
	int n = 0;

	while (d && (e = readdir(d)) != NULL)
		n += strncmp(e->d_name, "node", 4) == 0 && e->d_name[4] >= '0' && e->d_name[4] <= '9';
	if (d)
		closedir(d);
	printf("ma-vmcheck %s: %d NUMA nodes, expected %d\n", label, n, want);
	return n == want ? 0 : 1;
}

static int lo_up(const char *label)
{
	struct ifreq ifr = { .ifr_name = "lo" };
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0), ok;

	ok = fd >= 0 && ioctl(fd, SIOCGIFFLAGS, &ifr) == 0;
	ifr.ifr_flags |= IFF_UP;
	ok = ok && ioctl(fd, SIOCSIFFLAGS, &ifr) == 0;
	if (!ok)
		printf("ma-vmcheck %s: cannot bring lo up: %m\n", label);
	if (fd >= 0)
		close(fd);
	return ok ? 0 : 1;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc == 3 && strcmp(argv[2], "lo-up") == 0)
		return lo_up(argv[1]);
	if (argc == 4 && strcmp(argv[2], "nodes") == 0)
		return nodes(argv[1], atoi(argv[3]));
	if (argc >= 5 && strcmp(argv[2], "status") == 0)
		return status_check(argv[1], argv[3], argv + 4);
	if (argc >= 5 && strcmp(argv[2], "retry") == 0)
		return retry(argv[1], atoi(argv[3]), argv + 4);
	if (argc >= 4 && strcmp(argv[2], "daemon") == 0)
		return daemon_start(argv + 3);
	fprintf(stderr, "usage: ma-vmcheck LABEL status EXPECT|sigN PROG [ARGS...]\n"
	    "       ma-vmcheck LABEL retry SECONDS PROG [ARGS...]\n"
	    "       ma-vmcheck LABEL daemon PROG [ARGS...]\n"
	    "       ma-vmcheck LABEL nodes N\n"
	    "       ma-vmcheck LABEL lo-up\n");
	return 2;
}
