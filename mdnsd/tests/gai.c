/*
 * gai.c: a getaddrinfo()/getnameinfo() client for the end-to-end tests,
 * linked against the flavour's libc (musl in the musl flavour), so the
 * tests exercise the real stub resolver against mdnsd.
 *
 *   gai NAME...          print "NAME ADDR" per address (AF_UNSPEC),
 *                        or "NAME error: TEXT" (exit 1 if any failed)
 *   gai -r ADDR...       getnameinfo(NI_NAMEREQD): "ADDR NAME"
 *   gai -n COUNT NAME    COUNT lookups; prints lookups per second
 */
#include <arpa/inet.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

static int
forward(const char *name, int quiet)
{
	struct addrinfo hints = { .ai_family = AF_UNSPEC,
	    .ai_socktype = SOCK_STREAM }, *res, *p;
	char buf[INET6_ADDRSTRLEN];
	int rc = getaddrinfo(name, NULL, &hints, &res);

	if (rc != 0) {
		if (!quiet)
			printf("%s error: %s\n", name, gai_strerror(rc));
		return 1;
	}
	for (p = res; p && !quiet; p = p->ai_next) {
		const void *a = p->ai_family == AF_INET ?
		    (const void *)&((struct sockaddr_in *)p->ai_addr)->sin_addr :
		    (const void *)&((struct sockaddr_in6 *)p->ai_addr)->sin6_addr;
		inet_ntop(p->ai_family, a, buf, sizeof buf);
		printf("%s %s\n", name, buf);
	}
	freeaddrinfo(res);
	return 0;
}

static int
reverse(const char *addr)
{
	struct sockaddr_storage ss;
	struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;
	struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;
	socklen_t len;
	char host[NI_MAXHOST];

	memset(&ss, 0, sizeof ss);
	if (inet_pton(AF_INET, addr, &s4->sin_addr) == 1) {
		s4->sin_family = AF_INET;
		len = sizeof *s4;
	} else if (inet_pton(AF_INET6, addr, &s6->sin6_addr) == 1) {
		s6->sin6_family = AF_INET6;
		len = sizeof *s6;
	} else {
		printf("%s error: not an address\n", addr);
		return 1;
	}
	int rc = getnameinfo((struct sockaddr *)&ss, len, host, sizeof host,
	    NULL, 0, NI_NAMEREQD);
	if (rc != 0) {
		printf("%s error: %s\n", addr, gai_strerror(rc));
		return 1;
	}
	printf("%s %s\n", addr, host);
	return 0;
}

static int
loop(long count, const char *name)
{
	struct timespec t0, t1;
	long fails = 0;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (long i = 0; i < count; i++)
		fails += forward(name, 1);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double s = (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("%.0f lookups/s (%ld failed)\n", (double)count / s, fails);
	return fails != 0;
}

int
main(int argc, char **argv)
{
	int rc = 0;

	if (argc >= 4 && strcmp(argv[1], "-n") == 0)
		return loop(atol(argv[2]), argv[3]);
	if (argc >= 2 && strcmp(argv[1], "-r") == 0) {
		for (int i = 2; i < argc; i++)
			rc |= reverse(argv[i]);
		return rc;
	}
	for (int i = 1; i < argc; i++)
		rc |= forward(argv[i], 0);
	return rc;
}
