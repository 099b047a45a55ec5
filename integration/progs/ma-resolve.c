/*
 * ma-resolve: the client the integration suite runs inside the musl root.
 * It is compiled with the root's toolchain (fortify overlay ahead of musl's
 * headers), linked with libnumalloc and libchk-compat when those are
 * installed, and formats its output through a glibc-built object
 * (binaryware.c) when chk-compat is there to satisfy its __*_chk calls.
 *
 *   ma-resolve [--expect ADDR] NAME...  print "NAME ADDR" per address
 *                                       (getaddrinfo); with --expect,
 *                                       fail unless ADDR is among them
 *   ma-resolve --reverse ADDR           print "ADDR NAME" (getnameinfo,
 *                                       NI_NAMEREQD: a PTR lookup)
 *   ma-resolve --label NAME ADDR        one line through the glibc object
 *   ma-resolve --allocator              the file that provides malloc
 *
 * Exit: 0 success, 1 a name did not resolve or ADDR was missing, 2 usage.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dlfcn.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#ifdef MA_BINARYWARE
int bw_label(char *out, size_t outlen, const char *name, const char *addr);
#endif

static void print_line(const char *name, const char *addr)
{
#ifdef MA_BINARYWARE
	char line[160];

	if (bw_label(line, sizeof line, name, addr) >= 0) {
		puts(line);
		return;
	}
#endif
	printf("%s %s\n", name, addr);
}

/* Prints every address of name; returns 1 if expect was among them (or
 * expect is NULL), 0 if not, -1 if the lookup failed. */
static int resolve(const char *name, const char *expect)
{
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM }, *res, *ai;
	char addr[INET6_ADDRSTRLEN];
	int rc, found = expect == NULL;

	rc = getaddrinfo(name, NULL, &hints, &res);
	if (rc != 0) {
		fprintf(stderr, "ma-resolve: %s: %s\n", name, gai_strerror(rc));
		return -1;
	}
	for (ai = res; ai; ai = ai->ai_next) {
		if (getnameinfo(ai->ai_addr, ai->ai_addrlen, addr, sizeof addr,
		    NULL, 0, NI_NUMERICHOST) != 0)
			continue;
		print_line(name, addr);
		if (expect && strcmp(addr, expect) == 0)
			found = 1;
	}
	freeaddrinfo(res);
	return found;
}

static int reverse(const char *addr)
{
	struct addrinfo hints = { .ai_flags = AI_NUMERICHOST }, *res;
	char name[NI_MAXHOST];
	int rc;

	rc = getaddrinfo(addr, NULL, &hints, &res);
	if (rc != 0) {
		fprintf(stderr, "ma-resolve: %s: %s\n", addr, gai_strerror(rc));
		return 2;
	}
	rc = getnameinfo(res->ai_addr, res->ai_addrlen, name, sizeof name,
	    NULL, 0, NI_NAMEREQD);
	freeaddrinfo(res);
	if (rc != 0) {
		fprintf(stderr, "ma-resolve: %s: %s\n", addr, gai_strerror(rc));
		return 1;
	}
	print_line(addr, name);
	return 0;
}

/* dladdr on the address the program's own GOT holds for malloc: the object
 * named is the allocator every malloc in this process goes to. */
static int allocator(void)
{
	void *(*volatile fn)(size_t) = malloc;
	void *p = fn(64);
	Dl_info info;

	if (p == NULL || dladdr((void *)fn, &info) == 0 || info.dli_fname == NULL) {
		fprintf(stderr, "ma-resolve: cannot tell where malloc comes from\n");
		free(p);
		return 1;
	}
	printf("malloc %s\n", info.dli_fname);
	free(p);
	return 0;
}

int main(int argc, char **argv)
{
	const char *expect = NULL;
	int i = 1, status = 0, found;

	if (argc == 2 && strcmp(argv[1], "--allocator") == 0)
		return allocator();
	if (argc == 3 && strcmp(argv[1], "--reverse") == 0)
		return reverse(argv[2]);
	if (argc == 4 && strcmp(argv[1], "--label") == 0) {
		print_line(argv[2], argv[3]);
		return 0;
	}
	if (argc > 2 && strcmp(argv[1], "--expect") == 0) {
		expect = argv[2];
		i = 3;
	}
	found = expect == NULL;
	if (i >= argc || argv[i][0] == '-') {
		fprintf(stderr, "usage: ma-resolve [--expect ADDR] NAME... | "
		    "--reverse ADDR | --label NAME ADDR | --allocator\n");
		return 2;
	}
	for (; i < argc; i++) {
		int r = resolve(argv[i], expect);

		if (r < 0)
			status = 1;
		else if (r > 0)
			found = 1;
	}
	if (!found) {
		fprintf(stderr, "ma-resolve: %s not among the addresses\n", expect);
		status = 1;
	}
	return status;
}
