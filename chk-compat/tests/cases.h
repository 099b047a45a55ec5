/*
 * The case table shared by the every-symbol test and the differential test.
 *
 * One case = one call of one __*_chk function with fixed inputs, run in a
 * forked child.  It must either return normally (its results printed on
 * stdout, and checked against the plain libc function where there is one:
 * a mismatch exits 1) or die of SIGABRT having written exactly `die` on
 * stderr.  run_cases.c runs the table two ways:
 *   check       verify every case's outcome (suite 'chk', every flavour);
 *   transcript  print each case's outcome, stdout and stderr, so that the
 *               glibc flavour can diff our private copy against glibc's own
 *               __*_chk on the very same table (the differential test).
 * The reference build (CHK_REF=1) calls glibc's functions; it also runs
 * `check`, which proves the expected outcomes in this table are glibc's.
 */
#ifndef CASES_H
#define CASES_H

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#include "chk.h"

#if CHK_REF
/* glibc's own functions: only what this glibc exports can be called. */
#define HAVE_SINCE(minor) (__GLIBC_MINOR__ >= (minor))
#else
#define HAVE_SINCE(minor) 1
#endif

#define OVF "*** buffer overflow detected ***: terminated\n"
#define NDOLLAR "*** invalid %N$ use detected ***\n"
#define NWRITE "*** %n in writable segment detected ***\n"

struct chk_case {
	char name[64];		/* family/function/variant, unique */
	void (*fn)(const struct chk_case *);
	size_t a, b, c;		/* sizes, flags: meaning per case function */
	const char *s;		/* first input string (or format) */
	const char *t;		/* second input string */
	const char *die;	/* NULL: returns; else exact stderr, SIGABRT */
	int since;		/* glibc 2.<since> introduced the symbol */
};

/* Append a case (copied).  The name is printf-formatted. */
void add_case(const struct chk_case *proto, const char *namefmt, ...)
    __attribute__((format(printf, 2, 3)));

/* A case's verdict on its own results: exits 1 with a message on stderr
 * when cond is false. */
#define EXPECT(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "mismatch at %s:%d: %s\n", __FILE__, __LINE__, #cond); \
		exit(1); \
	} \
} while (0)

/* Print n bytes as hex on stdout (the transcript compares them). */
void show_bytes(const char *label, const void *p, size_t n);

void register_mem_cases(void);
void register_wide_cases(void);
void register_printf_cases(void);
void register_io_cases(void);
void register_misc_cases(void);

#endif
