/*
 * Runtime tests of fortify-headers, one program per compiler and level.
 * For every entry of the generated table (one fortified name on one kind
 * of object) it checks that
 *   - an exact fit (FH_UNITS units) survives and gives the same result and
 *     the same bytes as the unfortified call, and
 *   - one unit over traps with the message naming the function, or, where
 *     the level's object size allows the write (a struct member sized as
 *     the whole struct, a heap object below level 3), that it survives.
 * Usage: driver [name...] restricts the run to the named functions.
 */
#define _GNU_SOURCE
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <fcntl.h>
#include <unistd.h>
#include <wchar.h>

#include "prelude.h"
#include "testutil.h"

#ifndef FH_TEST_LEVEL
#error "FH_TEST_LEVEL must be the _FORTIFY_SOURCE level of the fort_ cases"
#endif

volatile size_t fh_units = FH_UNITS;
int fh_zfd, fh_nullfd, fh_sock;
FILE *fh_zf, *fh_nullf;
const char fh_big[] = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const wchar_t fh_wbig[] = L"abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

const struct tm fh_tm;
const struct timespec fh_ts0;
const struct in_addr fh_in4 = { 0x04030201 };
static char str_s[64];
static wchar_t str_w[64];

void
fh_fill(void *obj, size_t size)
{
	memset(obj, 'x', size);
	memset(obj, 0, size < 8 ? size : 8);
}

void
fh_record(struct fh_case *t, const void *obj, size_t size)
{
	t->outlen = size < sizeof t->out ? size : sizeof t->out;
	memcpy(t->out, obj, t->outlen);
}

/* Writable formats: "%n" for the runs that must trap from level 2. */
void
fh_formats(int pct_n, char *fmt, wchar_t *wfmt)
{
	strcpy(fmt, pct_n ? "ab%n" : "ab%.0s");
	wcscpy(wfmt, pct_n ? L"ab%n" : L"ab%.0s");
}

static void
prepare(struct fh_case *t, size_t n)
{
	size_t i;

	memset(t, 0, sizeof *t);
	t->n = n;
	for (i = 0; i + 1 < n; i++) {
		str_s[i] = (char)('a' + i);
		str_w[i] = (wchar_t)('a' + i);
	}
	str_s[i] = 0;
	str_w[i] = 0;
	t->s = str_s;
	t->w = str_w;
}

struct run {
	const struct fh_entry *e;
	size_t n;
};

static void
run_fort(void *arg)
{
	struct run *r = arg;
	struct fh_case t;

	prepare(&t, r->n);
	r->e->fort(&t, t.s);
}

static const char *objname[] = { "stack", "heap", "member" };

/* Exact fit: survives and matches the plain call. */
static int
check_fit(const struct fh_entry *e)
{
	struct fh_case a, b;

	prepare(&a, FH_UNITS);
	e->fort(&a, a.s);
	prepare(&b, FH_UNITS);
	e->plain(&b, b.s);
	if (a.ret != b.ret || a.outlen != b.outlen ||
	    memcmp(a.out, b.out, a.outlen) != 0) {
		fprintf(stderr, "FAIL %s/%s: exact fit differs from plain call "
		    "(ret %ld vs %ld)\n", e->name, objname[e->obj], a.ret, b.ret);
		return 0;
	}
	return 1;
}

/* 1 trap, 0 survive, -1 not run (the write would really overflow). */
static int
over_expect(const struct fh_entry *e)
{
	switch (e->obj) {
	case FH_OBJ_STACK:
		return e->kind == FH_KIND_FMT ? FH_TEST_LEVEL >= 2 : 1;
	case FH_OBJ_HEAP:
		return FH_TEST_LEVEL >= 3 ? 1 : -1;
	default:
		return e->kind == FH_KIND_STR && FH_TEST_LEVEL >= 2;
	}
}

static int
check_over(const struct fh_entry *e)
{
	struct run r = { e, FH_UNITS + 1 };
	char msg[96];
	int want = over_expect(e);

	if (want < 0)
		return 1;
	if (!want)
		return tu_expect_survival(run_fort, &r);
	snprintf(msg, sizeof msg, "*** %s: %s", e->name,
	    e->kind == FH_KIND_FMT ? "%n" : e->kind == FH_KIND_CALL ? "O_CREAT" :
	    "buffer overflow");
#ifdef FORTIFY_HEADERS_BARE_TRAP
	return tu_expect_death(run_fort, &r, SIGILL, NULL);
#else
	return tu_expect_death(run_fort, &r, SIGILL, msg);
#endif
}

static int
selected(const char *name, int argc, char **argv)
{
	int i;

	if (argc < 2)
		return 1;
	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], name) == 0)
			return 1;
	return 0;
}

static void
open_fixtures(void)
{
	int sv[2];

	fh_zfd = open("/dev/zero", O_RDONLY);
	fh_nullfd = open("/dev/null", O_RDWR);
	fh_zf = fopen("/dev/zero", "r");
	fh_nullf = fopen("/dev/null", "w");
	if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) != 0)
		sv[0] = -1;
	fh_sock = sv[0];
	if (fh_zfd < 0 || fh_nullfd < 0 || !fh_zf || !fh_nullf || fh_sock < 0) {
		perror("driver: fixtures");
		exit(1);
	}
}

int
main(int argc, char **argv)
{
	const struct fh_entry *e;
	int cases = 0, failed = 0;

	setlocale(LC_ALL, "C.UTF-8");
	open_fixtures();
	/* The printf cases write to stdout. */
	fflush(stdout);
	dup2(fh_nullfd, 1);
	for (e = fh_table; e->name; e++) {
		if (!selected(e->name, argc, argv))
			continue;
		cases++;
		if (!check_fit(e) || !check_over(e)) {
			fprintf(stderr, "FAIL %s/%s\n", e->name, objname[e->obj]);
			failed++;
		}
	}
	fprintf(stderr, "level %d: %d cases, %d failed\n", FH_TEST_LEVEL, cases, failed);
	return failed ? 1 : cases ? 0 : TU_EXIT_SKIP;
}
