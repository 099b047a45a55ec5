/*
 * No-trap regressions: valid calls that other overlays trapped or
 * rejected.  Each must run to completion with the right result under
 * every level; the program is built fortified once per level.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/select.h>
#include <unistd.h>
#include <wchar.h>
#include <locale.h>

#include "testutil.h"

static int failures;

#define CHECK(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond); \
		failures++; \
	} \
} while (0)

/* Sizes hidden from the optimiser, as in real code. */
static volatile size_t zero = 0, four = 4, eight = 8, big = 100;

struct fam {
	int len;
	char data[];
};

struct two {
	char a[8];
	char b[8];
};

static void *volatile nullp;

/* glibc declares mem* nonnull, so NULL is UB there; musl does not. */
static void
null_with_size_zero(void)
{
#ifndef __GLIBC__
	/* Surviving is the test: gcc folds the results (nonnull builtins). */
	(void)memcpy(nullp, nullp, zero);
	(void)memmove(nullp, nullp, zero);
	(void)memset(nullp, 0, zero);
#endif
	CHECK(snprintf((char *)nullp, zero, "%d", 42) == 2);
	CHECK(getgroups(0, NULL) >= 0);
	CHECK(confstr(_CS_PATH, NULL, zero) > 0);
}

static void
overlap_and_exact_fit(void)
{
	char b[8] = "abcdefg";
	char d[4];
	const char *volatile src = "abcdefgh";

	memmove(b + 1, b, four);		/* valid overlap */
	CHECK(memcmp(b, "aabcdfg", 7) == 0);
	memmove(b, b + 1, four);
	CHECK(memcmp(b, "abcddfg", 7) == 0);
	strncpy(d, src, sizeof d);		/* exact fit, no NUL */
	CHECK(memcmp(d, "abcd", 4) == 0);
	CHECK(strlen(strcpy(b, "1234567")) == 7);
	b[0] = 0;
	CHECK(strlen(strncat(b, "abcdefghij", 7)) == 7);
}

static void
fd_set_edges(void)
{
	fd_set s;

	FD_ZERO(&s);
	FD_SET(FD_SETSIZE - 1, &s);
	CHECK(FD_ISSET(FD_SETSIZE - 1, &s));
	FD_CLR(FD_SETSIZE - 1, &s);
	CHECK(!FD_ISSET(FD_SETSIZE - 1, &s));
	FD_SET(0, &s);
	CHECK(FD_ISSET(0, &s));
}

/* A set allocated for descriptors past FD_SETSIZE (poll-less servers). */
static void
fd_set_large(void)
{
	fd_set *s = calloc(4, sizeof *s);
	int fd = FD_SETSIZE * 3 + 5;

	if (!s)
		abort();
	FD_SET(fd, s);
	CHECK(FD_ISSET(fd, s));
	free(s);
}

static void
flexible_array(void)
{
	struct fam *f = malloc(sizeof *f + 32);

	if (!f)
		abort();
	f->len = 32;
	memset(f->data, 'x', 31);
	f->data[31] = 0;
	strcpy(f->data, "a string longer than 8 bytes");
	CHECK(strlen(f->data) == 28);
	CHECK(snprintf(f->data, 32, "%s", "twenty characters..") == 19);
	free(f);
}

/* mem* over several members stays legal: mem* use the whole object. */
static void
struct_spanning_memcpy(void)
{
	struct two t;

	memset(t.a, 'z', sizeof t);
	CHECK(t.b[7] == 'z');
	memcpy(t.a, "0123456789abcdef", eight * 2);
	CHECK(t.b[0] == '8');
}

/* memchr may be given more than the object holds if the byte is in it. */
static void
memchr_found_early(void)
{
	char b[8] = "abcdefg";

	CHECK(memchr(b, 'c', big) == b + 2);
}

static void
conversions(void)
{
	wchar_t w[4];
	char c[2];
	const char *s = "ab";

	/* The count may exceed the buffer when the string is shorter. */
	CHECK(mbstowcs(w, "abc", big) == 3);
	CHECK(mbsrtowcs(w, &s, big, NULL) == 2);
	CHECK(wcstombs(c, L"a", big) == 1);
	/* A buffer below MB_CUR_MAX is fine for a short character. */
	CHECK(wctomb(c, L'a') == 1);
	CHECK(wcrtomb(c, L'b', NULL) == 1 && c[0] == 'b');
}

static void
paths(void)
{
	char small[16];
	char *p;

	CHECK(realpath("/", small) == small && strcmp(small, "/") == 0);
	p = getcwd(NULL, 0);
	CHECK(p != NULL);
	free(p);
	swab("abcd", small, -1);		/* negative: nothing, no trap */
	CHECK(inet_pton(AF_INET, "1.2.3.4", small) == 1);
}

static void
formats(void)
{
	char b[32];
	int n = 0;

	/* %n in a literal format is allowed at every level. */
	CHECK(snprintf(b, sizeof b, "ab%n", &n) == 2 && n == 2);
	CHECK(sprintf(b, "%d", 123456) == 6);
}

static void
open_with_mode(void)
{
	int fd = open("/dev/null", O_RDONLY);

	CHECK(fd >= 0);
	if (fd >= 0)
		close(fd);
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	null_with_size_zero();
	overlap_and_exact_fit();
	fd_set_edges();
	fd_set_large();
	flexible_array();
	struct_spanning_memcpy();
	memchr_found_early();
	conversions();
	paths();
	formats();
	open_with_mode();
	if (failures)
		fprintf(stderr, "%d failures\n", failures);
	return failures != 0;
}
