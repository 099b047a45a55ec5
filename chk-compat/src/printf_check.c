/*
 * The printf family's flag > 0 checks (glibc's PRINTF_FORTIFY mode).
 *
 * musl's printf has no mode flag to hook, so the format is scanned before
 * it is handed over.  The scan follows glibc's argument numbering, learnt
 * from stdio-common/printf-parse*.c and checked against glibc 2.36 by the
 * differential test:
 *   - a spec with N$ uses argument N; a spec without one (and each '*'
 *     without M$) takes the next number of a separate running counter that
 *     starts at 1, width before precision before the value;
 *   - %% and %m take no argument, nor does an unknown conversion ("%y"),
 *     but its N$ still counts toward the highest argument: "%2$y" alone
 *     leaves 1 and 2 unused ('*' widths are taken before the conversion
 *     is known, so they count);
 *   - if any spec uses N$, every argument 1..max must be used, else
 *     "*** invalid %N$ use detected ***" (before any output, as in glibc's
 *     printf_positional);
 *   - then, if the format contains %n, the whole format string must lie in
 *     read-only memory, else "*** %n in writable segment detected ***".
 * Only the first 512 argument numbers are tracked; a format using a larger
 * one is treated as having a gap (musl's printf rejects anything past
 * NL_ARGMAX = 9 anyway), except above INT_MAX, where glibc fails with
 * EOVERFLOW instead of checking.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "chk.h"

#define CHK_MAX_ARG 512

struct fmt_scan {
	const void *fmt;	/* the format, char or wchar_t */
	int wide;		/* 1 if fmt is a wchar_t string */
	size_t i;		/* cursor, in characters */
	size_t seq;		/* last number taken by a spec without N$ */
	size_t max;		/* highest argument number used */
	int positional;		/* some spec used N$ */
	int overflow;		/* an N$ above INT_MAX: glibc fails EOVERFLOW */
	int has_n;		/* some conversion is %n */
	size_t n_at;		/* offset of the first %n's '%' */
	unsigned char used[CHK_MAX_ARG / 8 + 1];	/* bit k: argument k used */
};

static unsigned long
at(const struct fmt_scan *sc, size_t i)
{
	if (sc->wide)
		return (unsigned long)((const wchar_t *)sc->fmt)[i];
	return ((const unsigned char *)sc->fmt)[i];
}

static int
is_digit(unsigned long c)
{
	return c >= '0' && c <= '9';
}

/* c is one of the ASCII characters in set (never the terminator; a wide
 * character is not truncated into the set). */
static int
is_in(unsigned long c, const char *set)
{
	return c != 0 && c < 128 && strchr(set, (int)c) != NULL;
}

static void
use_arg(struct fmt_scan *sc, size_t k)
{
	if (k > sc->max)
		sc->max = k;
	if (k <= CHK_MAX_ARG)
		sc->used[k / 8] |= (unsigned char)(1u << (k % 8));
}

/* Read "digits$" at the cursor: the argument number, or 0 (cursor kept)
 * when there is none.  Numbers saturate just above INT_MAX. */
static size_t
read_pos(struct fmt_scan *sc)
{
	size_t j = sc->i, n = 0;

	while (is_digit(at(sc, j))) {
		if (n <= INT_MAX)
			n = n * 10 + (at(sc, j) - '0');
		j++;
	}
	if (j == sc->i || at(sc, j) != '$' || n == 0)
		return 0;
	sc->i = j + 1;
	sc->positional = 1;
	if (n > INT_MAX)
		sc->overflow = 1;
	return n;
}

/* A width or precision: '*' (with optional M$) takes an argument. */
static void
read_star_or_digits(struct fmt_scan *sc)
{
	if (at(sc, sc->i) == '*') {
		size_t k;

		sc->i++;
		k = read_pos(sc);
		use_arg(sc, k ? k : ++sc->seq);
		return;
	}
	while (is_digit(at(sc, sc->i)))
		sc->i++;
}

/* The conversions that take an argument in glibc 2.36 (%b, %B included). */
static const char arg_convs[] = "diouxXeEfFgGaAcsCSpnbB";

/* One conversion; the cursor is just past its '%'. */
static void
scan_spec(struct fmt_scan *sc)
{
	size_t start = sc->i - 1;
	size_t data = read_pos(sc);
	unsigned long c;

	if (data > sc->max)
		sc->max = data;

	while (is_in(at(sc, sc->i), " +-#0'I"))
		sc->i++;
	read_star_or_digits(sc);
	if (at(sc, sc->i) == '.') {
		sc->i++;
		read_star_or_digits(sc);
	}
	while (is_in(at(sc, sc->i), "hlLqjzZt"))
		sc->i++;
	c = at(sc, sc->i);
	if (c == 0)
		return;
	sc->i++;
	if (!is_in(c, arg_convs))
		return;
	if (c == 'n' && !sc->has_n) {
		sc->has_n = 1;
		sc->n_at = start;
	}
	use_arg(sc, data ? data : ++sc->seq);
}

static int
has_gap(const struct fmt_scan *sc)
{
	if (sc->max > CHK_MAX_ARG)
		return 1;
	for (size_t k = 1; k <= sc->max; k++)
		if (!(sc->used[k / 8] & (1u << (k % 8))))
			return 1;
	return 0;
}

static int
verdict(struct fmt_scan *sc, size_t len_bytes)
{
	while (at(sc, sc->i) != 0) {
		if (at(sc, sc->i++) != '%')
			continue;
		if (at(sc, sc->i) == '%') {
			sc->i++;
			continue;
		}
		scan_spec(sc);
	}
	/* glibc gives up on such a format (EOVERFLOW) before either check. */
	if (sc->overflow)
		return CHK_FMT_OK;
	if (sc->positional && has_gap(sc))
		return CHK_FMT_NDOLLAR;
	if (sc->has_n && chk_readonly_area(sc->fmt, len_bytes) < 0)
		return CHK_FMT_NWRITE;
	return CHK_FMT_OK;
}

static void
fatal(int v)
{
	if (v == CHK_FMT_NDOLLAR)
		chk_libc_fatal("*** invalid %N$ use detected ***\n");
	if (v == CHK_FMT_NWRITE)
		chk_libc_fatal("*** %n in writable segment detected ***\n");
}

/* Formats without '$' or 'n' cannot fail either check: the common case
 * costs one pass over the format (a plain loop: musl's strpbrk builds a
 * table on every call, which shows at snprintf's scale). */
static int
may_fail(const char *fmt)
{
	for (; *fmt; fmt++)
		if (*fmt == '$' || *fmt == 'n')
			return 1;
	return 0;
}

void
chk_printf_check(int flag, const char *fmt)
{
	chk_printf_check_stream(flag, fmt, NULL, NULL);
}

void
chk_wprintf_check(int flag, const wchar_t *fmt)
{
	chk_wprintf_check_stream(flag, fmt, NULL, NULL);
}

/*
 * glibc meets a bad %n while formatting, so the text before it has gone
 * into the stream.  On a line-buffered stream everything up to the last
 * newline is then visible before the abort message (the differential test
 * shows it on glibc 2.36); unbuffered streams show nothing (glibc formats
 * them through a temporary buffer) and fully buffered ones keep it in the
 * buffer, lost at abort().  So for line-buffered streams print the
 * format's prefix first.  (Only a prefix longer than the stream buffer
 * would differ on a fully buffered stream, and buffer sizes differ between
 * the libcs anyway.)
 */
int
chk_printf_verdict(const char *fmt, size_t *n_at)
{
	struct fmt_scan sc;
	int v;

	if (!may_fail(fmt))
		return CHK_FMT_OK;
	memset(&sc, 0, sizeof sc);
	sc.fmt = fmt;
	v = verdict(&sc, strlen(fmt) + 1);
	*n_at = sc.n_at;
	return v;
}

int
chk_wprintf_verdict(const wchar_t *fmt, size_t *n_at)
{
	struct fmt_scan sc;
	int v;

	if (wcspbrk(fmt, L"$n") == NULL)
		return CHK_FMT_OK;
	memset(&sc, 0, sizeof sc);
	sc.fmt = fmt;
	sc.wide = 1;
	v = verdict(&sc, (wcslen(fmt) + 1) * sizeof(wchar_t));
	*n_at = sc.n_at;
	return v;
}

void
chk_printf_check_stream(int flag, const char *fmt, FILE *f, va_list ap)
{
	size_t n_at;
	int v;

	if (flag <= 0 || (v = chk_printf_verdict(fmt, &n_at)) == CHK_FMT_OK)
		return;
	if (v == CHK_FMT_NWRITE && f != NULL && __flbf(f)) {
		char *prefix = strndup(fmt, n_at);
		va_list cp;

		if (prefix) {
			va_copy(cp, ap);
			vfprintf(f, prefix, cp);
			va_end(cp);
		}
	}
	fatal(v);
}

void
chk_wprintf_check_stream(int flag, const wchar_t *fmt, FILE *f, va_list ap)
{
	size_t n_at;
	int v;

	if (flag <= 0 || (v = chk_wprintf_verdict(fmt, &n_at)) == CHK_FMT_OK)
		return;
	if (v == CHK_FMT_NWRITE && f != NULL && __flbf(f)) {
		wchar_t *prefix = malloc((n_at + 1) * sizeof(wchar_t));
		va_list cp;

		if (prefix) {
			wmemcpy(prefix, fmt, n_at);
			prefix[n_at] = L'\0';
			va_copy(cp, ap);
			chk_wide_positional_prepare(prefix);
			vfwprintf(f, prefix, cp);
			va_end(cp);
		}
	}
	fatal(v);
}

/*
 * musl (1.2.3 and current) declares vfwprintf's nl_type[NL_ARGMAX] but
 * reads nl_type[NL_ARGMAX] when a format uses N$: one int past the end,
 * on the stack.  Non-zero there makes every positional wide printf fail
 * with -1.  Zero the stack below our caller, where vfwprintf's frame is
 * about to be, so the stray read sees 0 as it does in a fresh process.
 * glibc is unaffected; the wipe is cheap and only done for N$ formats.
 */
__attribute__((__noinline__)) void
chk_wide_positional_prepare(const wchar_t *fmt)
{
	volatile char pad[2048];

	if (wcschr(fmt, L'$') == NULL)
		return;
	memset((char *)pad, 0, sizeof pad);
	__asm__ volatile("" : : "r"(pad) : "memory");
}
