/*
 * ma-init: PID 1 of the integration suite's VM image (the musl root booted
 * as an initramfs).  Static musl, so the image needs no shell and nothing
 * from glibc.
 *
 * It mounts /proc, /sys, /dev and /tmp, brings loopback up, then runs the
 * checks listed in its table (argv[1], default /etc/ma-init.tab), one per
 * line:
 *
 *   NAME EXPECT PROGRAM [ARGS...]      '#' starts a comment
 *
 * EXPECT is an exit status (0, 1, ...), sigN (killed by signal N) or bg
 * (start and leave running: a daemon the later checks use).  Each check
 * prints "ok NAME" or "not ok NAME: ..." on the console and is killed after
 * 120 s; the last line is "ma-init: N passed, M failed", then the machine
 * powers off.  The host side reads these lines from the serial console.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <net/if.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_ARGS 32
#define CHECK_SECONDS 120

static void setup(void)
{
	struct ifreq ifr = { .ifr_name = "lo" };
	int fd;

	mount("proc", "/proc", "proc", 0, NULL);
	mount("sysfs", "/sys", "sysfs", 0, NULL);
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	mount("tmpfs", "/tmp", "tmpfs", 0, "mode=1777");
	/* The kernel gave us no console unless the image had /dev/console. */
	fd = open("/dev/console", O_RDWR | O_NOCTTY);
	if (fd >= 0) {
		dup2(fd, 0), dup2(fd, 1), dup2(fd, 2);
		if (fd > 2)
			close(fd);
	}
	setvbuf(stdout, NULL, _IONBF, 0);
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd >= 0 && ioctl(fd, SIOCGIFFLAGS, &ifr) == 0) {
		ifr.ifr_flags |= IFF_UP;
		if (ioctl(fd, SIOCSIFFLAGS, &ifr) != 0)
			perror("ma-init: lo up");
	}
	if (fd >= 0)
		close(fd);
}

/* Splits line into argv in place; returns argc. */
static int split(char *line, char **argv)
{
	int argc = 0;
	char *tok, *save;

	line[strcspn(line, "#\n")] = 0;
	for (tok = strtok_r(line, " \t", &save); tok && argc < MAX_ARGS - 1;
	    tok = strtok_r(NULL, " \t", &save))
		argv[argc++] = tok;
	argv[argc] = NULL;
	return argc;
}

static pid_t start(char **argv)
{
	pid_t pid = fork();

	if (pid == 0) {
		sigset_t none;
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		alarm(CHECK_SECONDS);	/* survives execve */
		execv(argv[0], argv);
		fprintf(stderr, "ma-init: exec %s: %m\n", argv[0]);
		_exit(127);
	}
	return pid;
}

/* Waits for pid, reaping any other child (daemons) on the way. */
static int wait_for(pid_t pid)
{
	int status;
	pid_t got;

	while ((got = waitpid(-1, &status, 0)) != pid)
		if (got < 0)
			return -1;
	return status;
}

/* Runs one table line; returns 1 passed, 0 failed, -1 nothing to count. */
static int check(char *line)
{
	char *argv[MAX_ARGS + 1], want[16], got[16];
	int argc = split(line, argv), status;
	pid_t pid;

	if (argc == 0)
		return -1;
	if (argc < 3) {
		printf("not ok %s: malformed table line\n", argv[0]);
		return 0;
	}
	printf("ma-init: run %s: %s\n", argv[0], argv[2]);
	pid = start(argv + 2);
	if (strcmp(argv[1], "bg") == 0)
		return pid > 0 ? -1 : 0;
	status = pid > 0 ? wait_for(pid) : -1;
	snprintf(want, sizeof want, "%s", argv[1]);
	if (status < 0)
		snprintf(got, sizeof got, "error");
	else if (WIFSIGNALED(status))
		snprintf(got, sizeof got, "sig%d", WTERMSIG(status));
	else
		snprintf(got, sizeof got, "%d", WEXITSTATUS(status));
	if (strcmp(want, got) == 0) {
		printf("ok %s\n", argv[0]);
		return 1;
	}
	printf("not ok %s: expected %s, got %s\n", argv[0], want, got);
	return 0;
}

int main(int argc, char **argv)
{
	const char *tab = argc > 1 ? argv[1] : "/etc/ma-init.tab";
	char line[1024];
	int passed = 0, failed = 0, r;
	FILE *f;

	setup();
	f = fopen(tab, "r");
	if (f == NULL) {
		printf("ma-init: %s: %m\n", tab);
		failed++;
	}
	while (f && fgets(line, sizeof line, f)) {
		r = check(line);
		passed += r == 1, failed += r == 0;
	}
	printf("ma-init: %d passed, %d failed\n", passed, failed);
	kill(-1, SIGKILL);
	sync();
	reboot(RB_POWER_OFF);
	return 0;
}
