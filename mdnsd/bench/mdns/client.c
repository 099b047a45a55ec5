/*
 * mdns-bench-client: time lookups of .local names, one at a time, the
 * way an application sees them.
 *
 *   mdns-bench-client [-e] COUNT FORMAT [START]
 *
 * Looks up sprintf(FORMAT, START + i) for i < COUNT with getaddrinfo
 * (AF_UNSPEC, so musl sends A and AAAA in parallel), or with -e by running
 * `avahi-resolve -n NAME` (the nss-mdns-like path through avahi-daemon).
 * Prints one line:  n=COUNT ok=OK median=MS p99=MS max=MS
 * (ok counts answers with at least one address; for missing names the
 * times are those of the failures).
 */
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int
by_gai(const char *name)
{
	struct addrinfo hints = { .ai_family = AF_UNSPEC,
	    .ai_socktype = SOCK_DGRAM }, *res;

	if (getaddrinfo(name, NULL, &hints, &res) != 0)
		return 0;
	freeaddrinfo(res);
	return 1;
}

/* avahi-resolve prints "NAME<TAB>ADDR" on success, nothing otherwise. */
static int
by_avahi_resolve(const char *name)
{
	int fd[2], status;
	char buf[256];
	ssize_t n;
	pid_t pid;

	if (pipe(fd) < 0 || (pid = fork()) < 0)
		return 0;
	if (pid == 0) {
		dup2(fd[1], 1);
		close(fd[0]);
		execlp("avahi-resolve", "avahi-resolve", "-n", name, (char *)NULL);
		_exit(127);
	}
	close(fd[1]);
	n = read(fd[0], buf, sizeof buf);
	close(fd[0]);
	waitpid(pid, &status, 0);
	return n > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int
main(int argc, char **argv)
{
	int ext = argc > 1 && strcmp(argv[1], "-e") == 0;
	int count, start, ok = 0;
	double *t;
	char name[256];

	if (argc - ext < 3) {
		fprintf(stderr, "usage: mdns-bench-client [-e] COUNT FORMAT "
		    "[START]\n");
		return 2;
	}
	count = atoi(argv[1 + ext]);
	start = argc - ext > 3 ? atoi(argv[3 + ext]) : 0;
	if (count <= 0 || !(t = calloc((size_t)count, sizeof *t)))
		return 2;
	for (int i = 0; i < count; i++) {
		double t0 = now_ms();
		snprintf(name, sizeof name, argv[2 + ext], start + i);
		ok += ext ? by_avahi_resolve(name) : by_gai(name);
		t[i] = now_ms() - t0;
	}
	qsort(t, (size_t)count, sizeof *t, cmp);
	printf("n=%d ok=%d median=%.2f p99=%.2f max=%.2f\n", count, ok,
	    t[count / 2], t[(count * 99 + 99) / 100 - 1], t[count - 1]);
	free(t);
	return 0;
}
