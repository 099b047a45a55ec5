/* Runner for the case table (see cases.h): check or transcript mode. */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cases.h"
#include "testutil.h"

/* The runner writes with dprintf only: a parent that used stdout would
 * hand its children a narrow-oriented stdout, and the wide printf cases
 * need a fresh one. */

#define MAX_CASES 4096

static struct chk_case cases[MAX_CASES];
static size_t ncases;

void
add_case(const struct chk_case *proto, const char *namefmt, ...)
{
	va_list ap;
	struct chk_case *c;

	if (proto->since > 0 && !HAVE_SINCE(proto->since))
		return;
	if (ncases == MAX_CASES) {
		fprintf(stderr, "too many cases\n");
		exit(2);
	}
	c = &cases[ncases++];
	*c = *proto;
	va_start(ap, namefmt);
	vsnprintf(c->name, sizeof c->name, namefmt, ap);
	va_end(ap);
}

void
show_bytes(const char *label, const void *p, size_t n)
{
	const unsigned char *b = p;

	printf("%s[%zu]=", label, n);
	for (size_t i = 0; i < n; i++)
		printf("%02x", b[i]);
	printf("\n");
}

static void
run_one(void *arg)
{
	const struct chk_case *c = arg;

	c->fn(c);
	fflush(NULL);
}

static int
verdict(const struct chk_case *c, const struct tu_child_result *r)
{
	if (c->die == NULL)
		return r->signal == 0 && r->exit_code == 0;
	return r->signal == SIGABRT && strcmp(r->err, c->die) == 0;
}

static int
check(const char *filter)
{
	size_t failed = 0, ran = 0;

	for (size_t i = 0; i < ncases; i++) {
		struct tu_child_result r;
		const struct chk_case *c = &cases[i];

		if (filter && strstr(c->name, filter) == NULL)
			continue;
		ran++;
		if (tu_run_child(run_one, &cases[i], 20, &r) < 0) {
			perror("fork");
			return 1;
		}
		if (!verdict(c, &r)) {
			failed++;
			dprintf(1, "FAIL %s: want %s%s; got signal %d exit %d\n"
			    "  stderr: %s\n", c->name,
			    c->die ? "SIGABRT with " : "normal return",
			    c->die ? c->die : "", r.signal, r.exit_code, r.err);
		}
	}
	dprintf(1, "%zu cases, %zu failed\n", ran, failed);
	return failed != 0;
}

/* since_max: leave out cases for symbols newer than glibc 2.<since_max>,
 * so our transcript lines up with an older glibc's. */
static int
transcript(const char *filter, int since_max)
{
	for (size_t i = 0; i < ncases; i++) {
		struct tu_child_result r;
		const struct chk_case *c = &cases[i];

		if (filter && strstr(c->name, filter) == NULL)
			continue;
		if (c->since > since_max)
			continue;
		if (tu_run_child(run_one, &cases[i], 20, &r) < 0) {
			perror("fork");
			return 1;
		}
		dprintf(1, "== %s\nsignal %d exit %d\n-- stdout\n%s-- stderr\n%s",
		    c->name, r.signal, r.exit_code, r.out, r.err);
	}
	return 0;
}

int
main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "check";
	const char *filter = argc > 2 && argv[2][0] ? argv[2] : NULL;
	int since_max = argc > 3 ? atoi(argv[3]) : 1000;

	register_mem_cases();
	register_wide_cases();
	register_printf_cases();
	register_io_cases();
	register_misc_cases();
	if (strcmp(mode, "check") == 0)
		return check(filter);
	if (strcmp(mode, "transcript") == 0)
		return transcript(filter, since_max);
	if (strcmp(mode, "count") == 0) {
		dprintf(1, "%zu\n", ncases);
		return 0;
	}
	fprintf(stderr, "usage: %s check|transcript|count [name-filter [glibc-minor]]\n",
	    argv[0]);
	return 2;
}
