/*
 * Cases: the printf family (sprintf.c, fprintf.c, wprintf.c, obstack.c,
 * syslog.c, printf_check.c).
 *
 * Flag cases: every entry point x every format below x flag 0/1/2 x format
 * in read-only (.rodata literal) or writable (stack copy) memory.  The
 * arguments are always (int 11, int 22, int 33, int *n).  Stream output
 * goes to a memfd standing in for fd 1, is read back and compared with the
 * plain function's output; the transcript is written to the real stdout.
 */
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <syslog.h>
#include <unistd.h>
#include <wchar.h>

#include "cases.h"

static const struct fmt {
	const char *n;		/* narrow */
	const wchar_t *w;	/* the same, wide */
	int has_n;		/* a %n conversion */
	int gap;		/* uses N$ and leaves an argument unused */
	int mixed;		/* mixes N$ and plain specs: fine in glibc,
				 * undefined in musl (garbage), so on musl
				 * only the abort/no-abort outcome is checked */
} fmts[] = {
	{"%d-%d-%d", L"%d-%d-%d", 0, 0, 0},
	{"%d-%d-%d%n", L"%d-%d-%d%n", 1, 0, 0},
	{"%1$d-%2$d-%3$d%4$n", L"%1$d-%2$d-%3$d%4$n", 1, 0, 0},
	{"%1$d-%3$d", L"%1$d-%3$d", 0, 1, 0},
	{"%3$d-%1$d-%2$d", L"%3$d-%1$d-%2$d", 0, 0, 0},
	{"%%n%d|%%%d", L"%%n%d|%%%d", 0, 0, 0},
	{"%1$*2$d|%3$d", L"%1$*2$d|%3$d", 0, 0, 0},
	{"%4$n%1$d%3$d", L"%4$n%1$d%3$d", 1, 1, 0},
	{"%2$d %d", L"%2$d %d", 0, 0, 1},
	{"%d %3$d", L"%d %3$d", 0, 1, 1},
	{"%.*d|%d", L"%.*d|%d", 0, 0, 0},
	/* Unknown conversions take no argument but their N$ counts. */
	{"%2$d|%y", L"%2$d|%y", 0, 1, 0},
	{"%y|%1$d", L"%y|%1$d", 0, 0, 0},
	{"%1$d %2$", L"%1$d %2$", 0, 1, 0},
	{"%2$d %*y", L"%2$d %*y", 0, 0, 0},
	{"%1$d|%2$b", L"%1$d|%2$b", 0, 0, 0},
	/* N$ above INT_MAX: glibc fails with EOVERFLOW, no check. */
	{"%2147483648$d%n", L"%2147483648$d%n", 0, 0, 0},
};
#define NFMTS (sizeof fmts / sizeof *fmts)

enum {
	F_SPRINTF, F_VSPRINTF, F_SNPRINTF, F_VSNPRINTF, F_PRINTF, F_VPRINTF,
	F_FPRINTF, F_VFPRINTF, F_DPRINTF, F_VDPRINTF, F_ASPRINTF, F_VASPRINTF,
	F_OBSTACK, F_VOBSTACK, F_SYSLOG, F_VSYSLOG, F_SWPRINTF, F_VSWPRINTF,
	F_WPRINTF, F_VWPRINTF, F_FWPRINTF, F_VFWPRINTF, F_COUNT
};
static const char *const fnames[F_COUNT] = {
	"sprintf", "vsprintf", "snprintf", "vsnprintf", "printf", "vprintf",
	"fprintf", "vfprintf", "dprintf", "vdprintf", "asprintf", "vasprintf",
	"obstack_printf", "obstack_vprintf", "syslog", "vsyslog", "swprintf",
	"vswprintf", "wprintf", "vwprintf", "fwprintf", "vfwprintf",
};

/* ---- a glibc-layout obstack the tests set up themselves ---- */

#ifdef __GLIBC__
/* struct chk_obstack must be glibc's struct obstack, field for field. */
#include <obstack.h>
#define SAME_FIELD(f) _Static_assert(offsetof(struct obstack, f) == \
    offsetof(struct chk_obstack, f), "obstack layout: " #f)
SAME_FIELD(chunk_size);
SAME_FIELD(chunk);
SAME_FIELD(object_base);
SAME_FIELD(next_free);
SAME_FIELD(chunk_limit);
SAME_FIELD(temp);
SAME_FIELD(alignment_mask);
SAME_FIELD(chunkfun);
SAME_FIELD(freefun);
SAME_FIELD(extra_arg);
_Static_assert(sizeof(struct obstack) == sizeof(struct chk_obstack), "obstack size");
_Static_assert(offsetof(struct _obstack_chunk, contents) ==
    offsetof(struct chk_obstack_chunk, contents), "obstack chunk layout");
#endif

static void *
ob_chunk(void *extra, long size)
{
	(void)extra;
	return malloc((size_t)size);
}

static void
ob_free(void *extra, void *p)
{
	(void)extra;
	free(p);
}

/* obstack_begin with a deliberately small first chunk, so formatting
 * must grow into a new one. */
static void
ob_init(struct chk_obstack *o, long size)
{
	struct chk_obstack_chunk *c = malloc((size_t)size);

	memset(o, 0, sizeof *o);
	o->chunk_size = size;
	o->alignment_mask = 15;
	o->chunkfun = ob_chunk;
	o->freefun = ob_free;
	o->use_extra_arg = 1;
	o->chunk = c;
	c->prev = NULL;
	c->limit = o->chunk_limit = (char *)c + size;
	o->object_base = o->next_free = (char *)(((uintptr_t)c->contents + 15) & ~(uintptr_t)15);
	o->maybe_empty_object = 0;
}

static void
ob_destroy(struct chk_obstack *o)
{
	for (struct chk_obstack_chunk *c = o->chunk, *prev; c; c = prev) {
		prev = c->prev;
		free(c);
	}
}

/* ---- calling the va_list entry points ---- */

static int
v_narrow(int fn, void *dst, size_t a, size_t b, int flag, const char *fmt, ...)
{
	va_list ap;
	int r = 0;

	va_start(ap, fmt);
	switch (fn) {
	case F_VSPRINTF: r = __vsprintf_chk(dst, flag, a, fmt, ap); break;
	case F_VSNPRINTF: r = __vsnprintf_chk(dst, a, flag, b, fmt, ap); break;
	case F_VPRINTF: r = __vprintf_chk(flag, fmt, ap); break;
	case F_VFPRINTF: r = __vfprintf_chk(dst, flag, fmt, ap); break;
	case F_VDPRINTF: r = __vdprintf_chk((int)a, flag, fmt, ap); break;
	case F_VASPRINTF: r = __vasprintf_chk(dst, flag, fmt, ap); break;
	case F_VOBSTACK: r = __obstack_vprintf_chk(dst, flag, fmt, ap); break;
	case F_VSYSLOG: __vsyslog_chk(LOG_USER | LOG_DEBUG, flag, fmt, ap); break;
	}
	va_end(ap);
	return r;
}

static int
v_wide(int fn, wchar_t *dst, size_t a, size_t b, int flag, const wchar_t *fmt, ...)
{
	va_list ap;
	int r = 0;

	va_start(ap, fmt);
	switch (fn) {
	case F_VSWPRINTF: r = __vswprintf_chk(dst, a, flag, b, fmt, ap); break;
	case F_VWPRINTF: r = __vwprintf_chk(flag, fmt, ap); break;
	case F_VFWPRINTF: r = __vfwprintf_chk(stdout, flag, fmt, ap); break;
	}
	va_end(ap);
	return r;
}

/* ---- one flag case ---- */

struct pf_out {
	int r;			/* return value */
	int n;			/* what %n stored (-1: untouched) */
	char text[256];		/* the output, as bytes */
};

/* Narrow entry points: text from the buffer, the stream (fd 1 is a
 * memfd here) or the obstack. */
static void
call_narrow(int fn, int flag, const char *fmt, struct pf_out *o)
{
	char buf[256] = "", *heap = NULL;
	struct chk_obstack ob;

	o->n = -1;
	switch (fn) {
	case F_SPRINTF: o->r = __sprintf_chk(buf, flag, sizeof buf, fmt, 11, 22, 33, &o->n); break;
	case F_SNPRINTF: o->r = __snprintf_chk(buf, sizeof buf, flag, sizeof buf, fmt, 11, 22, 33, &o->n); break;
	case F_VSPRINTF: o->r = v_narrow(fn, buf, sizeof buf, 0, flag, fmt, 11, 22, 33, &o->n); break;
	case F_VSNPRINTF: o->r = v_narrow(fn, buf, sizeof buf, sizeof buf, flag, fmt, 11, 22, 33, &o->n); break;
	case F_PRINTF: o->r = __printf_chk(flag, fmt, 11, 22, 33, &o->n); break;
	case F_FPRINTF: o->r = __fprintf_chk(stdout, flag, fmt, 11, 22, 33, &o->n); break;
	case F_VPRINTF: o->r = v_narrow(fn, NULL, 0, 0, flag, fmt, 11, 22, 33, &o->n); break;
	case F_VFPRINTF: o->r = v_narrow(fn, stdout, 0, 0, flag, fmt, 11, 22, 33, &o->n); break;
	case F_DPRINTF: o->r = __dprintf_chk(1, flag, fmt, 11, 22, 33, &o->n); break;
	case F_VDPRINTF: o->r = v_narrow(fn, NULL, 1, 0, flag, fmt, 11, 22, 33, &o->n); break;
	case F_ASPRINTF: o->r = __asprintf_chk(&heap, flag, fmt, 11, 22, 33, &o->n); break;
	case F_VASPRINTF: o->r = v_narrow(fn, &heap, 0, 0, flag, fmt, 11, 22, 33, &o->n); break;
	case F_OBSTACK:
	case F_VOBSTACK:
		ob_init(&ob, 32);
		if (fn == F_OBSTACK)
			o->r = __obstack_printf_chk((struct obstack *)&ob, flag, fmt, 11, 22, 33, &o->n);
		else
			o->r = v_narrow(fn, &ob, 0, 0, flag, fmt, 11, 22, 33, &o->n);
		if (o->r > 0)
			memcpy(buf, ob.object_base, (size_t)(ob.next_free - ob.object_base));
		ob_destroy(&ob);
		break;
	case F_SYSLOG: __syslog_chk(LOG_USER | LOG_DEBUG, flag, fmt, 11, 22, 33, &o->n); break;
	case F_VSYSLOG: v_narrow(fn, NULL, 0, 0, flag, fmt, 11, 22, 33, &o->n); break;
	}
	if (heap) {
		snprintf(buf, sizeof buf, "%s", heap);
		free(heap);
	}
	memcpy(o->text, buf, sizeof buf);
}

static void
call_wide(int fn, int flag, const wchar_t *fmt, struct pf_out *o)
{
	wchar_t buf[128] = L"";

	o->n = -1;
	switch (fn) {
	case F_SWPRINTF: o->r = __swprintf_chk(buf, 128, flag, 128, fmt, 11, 22, 33, &o->n); break;
	case F_VSWPRINTF: o->r = v_wide(fn, buf, 128, 128, flag, fmt, 11, 22, 33, &o->n); break;
	case F_WPRINTF: o->r = __wprintf_chk(flag, fmt, 11, 22, 33, &o->n); break;
	case F_FWPRINTF: o->r = __fwprintf_chk(stdout, flag, fmt, 11, 22, 33, &o->n); break;
	case F_VWPRINTF: o->r = v_wide(fn, NULL, 0, 0, flag, fmt, 11, 22, 33, &o->n); break;
	case F_VFWPRINTF: o->r = v_wide(fn, NULL, 0, 0, flag, fmt, 11, 22, 33, &o->n); break;
	}
	wcstombs(o->text, buf, sizeof o->text);
}

/* Read back and reset what went to fd 1 (the memfd). */
static void
drain_fd1(char *out, size_t size)
{
	ssize_t got;

	fflush(stdout);
	lseek(1, 0, SEEK_SET);
	got = read(1, out, size - 1);
	out[got > 0 ? got : 0] = '\0';
	EXPECT(ftruncate(1, 0) == 0);
	lseek(1, 0, SEEK_SET);
}

/* a = function, b = flag, c = format index * 2 + writable. */
static void
pf_case(const struct chk_case *c)
{
	const struct fmt *f = &fmts[c->c / 2];
	int fn = (int)c->a, flag = (int)c->b, wide = fn >= F_SWPRINTF;
	char nfmt[64], streamed[256], want_stream[256];
	wchar_t wfmt[64];
	struct pf_out ours, plain;
	int real_stdout = dup(1), mfd = memfd_create("chk-out", 0);

	EXPECT(real_stdout >= 0 && mfd >= 0 && dup2(mfd, 1) == 1);
	snprintf(nfmt, sizeof nfmt, "%s", f->n);
	wcscpy(wfmt, f->w);
#ifndef __GLIBC__
	if (f->mixed) {
		if (wide)
			call_wide(fn, flag, c->c & 1 ? wfmt : f->w, &ours);
		else
			call_narrow(fn, flag, c->c & 1 ? nfmt : f->n, &ours);
		_exit(0);
	}
#endif
	if (wide)
		call_wide(fn, flag, c->c & 1 ? wfmt : f->w, &ours);
	else
		call_narrow(fn, flag, c->c & 1 ? nfmt : f->n, &ours);
	drain_fd1(streamed, sizeof streamed);

	/* The plain function with the same arguments: sprintf into a buffer
	 * is enough to know what every entry point should have produced. */
	if (wide) {
		wchar_t w[128] = L"";

		plain.n = -1;
		plain.r = swprintf(w, 128, f->w, 11, 22, 33, &plain.n);
		wcstombs(plain.text, w, sizeof plain.text);
	} else {
		plain.n = -1;
		plain.r = snprintf(plain.text, sizeof plain.text, f->n, 11, 22, 33, &plain.n);
	}
	want_stream[0] = '\0';
	if (fn == F_PRINTF || fn == F_VPRINTF || fn == F_FPRINTF || fn == F_VFPRINTF ||
	    fn == F_DPRINTF || fn == F_VDPRINTF || fn == F_WPRINTF ||
	    fn == F_VWPRINTF || fn == F_FWPRINTF || fn == F_VFWPRINTF)
		snprintf(want_stream, sizeof want_stream, "%s", plain.r >= 0 ? plain.text : "");
	else if (fn != F_SYSLOG && fn != F_VSYSLOG)
		EXPECT(strcmp(ours.text, plain.r >= 0 ? plain.text : "") == 0 || plain.r < 0);
	EXPECT(strcmp(streamed, want_stream) == 0);
	if (fn != F_SYSLOG && fn != F_VSYSLOG)
		EXPECT(ours.r == plain.r);
	EXPECT(ours.n == plain.n);

	dup2(real_stdout, 1);
	dprintf(1, "ret=%d n=%d text=%s stream=%s\n", ours.r, ours.n,
	    plain.r >= 0 ? ours.text : "", streamed);
	_exit(0);	/* stdout may be wide-oriented now: skip stdio at exit */
}

/* ---- what reaches a stream before a %n abort ---- */

/* a = function (stream ones only), b = buffering (_IOLBF, _IONBF, _IOFBF),
 * c = writable.  stdout is the captured pipe; the transcript (and so the
 * differential test) compares what got out before SIGABRT. */
static void
flush_case(const struct chk_case *c)
{
	static const char fmt[] = "line1 %d\nab%n";
	static const wchar_t wfmt[] = L"line1 %d\nab%n";
	char nfmt[32];
	wchar_t wcopy[32];
	const char *f = fmt;
	const wchar_t *w = wfmt;
	int n = -1, r = 0;

	setvbuf(stdout, NULL, (int)c->b, 0);
	if (c->c) {
		snprintf(nfmt, sizeof nfmt, "%s", fmt);
		wcscpy(wcopy, wfmt);
		f = nfmt;
		w = wcopy;
	}
	switch (c->a) {
	case F_PRINTF: r = __printf_chk(1, f, 42, &n); break;
	case F_FPRINTF: r = __fprintf_chk(stdout, 1, f, 42, &n); break;
	case F_VPRINTF: r = v_narrow(F_VPRINTF, NULL, 0, 0, 1, f, 42, &n); break;
	case F_VFPRINTF: r = v_narrow(F_VFPRINTF, stdout, 0, 0, 1, f, 42, &n); break;
	case F_WPRINTF: r = __wprintf_chk(1, w, 42, &n); break;
	case F_FWPRINTF: r = __fwprintf_chk(stdout, 1, w, 42, &n); break;
	case F_VWPRINTF: r = v_wide(F_VWPRINTF, NULL, 0, 0, 1, w, 42, &n); break;
	case F_VFWPRINTF: r = v_wide(F_VFWPRINTF, NULL, 0, 0, 1, w, 42, &n); break;
	}
	EXPECT(r == 11 && n == 11);
}

static void
register_flush_cases(void)
{
	static const int fns[] = {
		F_PRINTF, F_FPRINTF, F_VPRINTF, F_VFPRINTF,
		F_WPRINTF, F_FWPRINTF, F_VWPRINTF, F_VFWPRINTF,
	};
	static const struct { int mode; const char *name; } buf[] = {
		{_IOLBF, "linebuf"}, {_IONBF, "unbuf"}, {_IOFBF, "fullbuf"},
	};
	struct chk_case p = { .fn = flush_case };

	for (size_t i = 0; i < sizeof fns / sizeof *fns; i++)
		for (size_t b = 0; b < 3; b++)
			for (size_t rw = 0; rw < 2; rw++) {
				p.a = (size_t)fns[i];
				p.b = (size_t)buf[b].mode;
				p.c = rw;
				p.die = rw ? NWRITE : NULL;
				add_case(&p, "printf-flush/%s/%s/%s", fnames[fns[i]],
				    buf[b].name, rw ? "rw" : "ro");
			}
}

/* ---- a %n format in an mmap'd page: not in any ELF segment ---- */

/* c = 1: the page stays writable (abort), 0: made read-only (allowed, as
 * /proc/self/maps says); a = 0 sprintf, 1 fprintf. */
static void
mapped_fmt_case(const struct chk_case *c)
{
	char *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char buf[64];
	int n = -1, r;

	EXPECT(page != MAP_FAILED);
	strcpy(page, "ab%d%n");
	if (!c->c)
		EXPECT(mprotect(page, 4096, PROT_READ) == 0);
	if (c->a)
		r = __fprintf_chk(stdout, 1, page, 7, &n);
	else
		r = __sprintf_chk(buf, 1, sizeof buf, page, 7, &n);
	EXPECT(r == 3 && n == 3);
	printf("|ret=%d n=%d\n", r, n);
}

static void
register_mapped_cases(void)
{
	struct chk_case p = { .fn = mapped_fmt_case };

	for (size_t fn = 0; fn < 2; fn++)
		for (size_t rw = 0; rw < 2; rw++) {
			p.a = fn;
			p.c = rw;
			p.die = rw ? NWRITE : NULL;
			add_case(&p, "printf-mmap/%s/%s", fn ? "fprintf" : "sprintf",
			    rw ? "rw" : "ro");
		}
}

/* ---- size cases: the object-size argument of s(n|w)printf ---- */

/* a = slen (or maxlen), b = slen for snprintf, c = 0 sprintf, 1 vsprintf,
 * 2 snprintf, 3 vsnprintf, 4 swprintf, 5 vswprintf. */
static void
size_case(const struct chk_case *c)
{
	char b1[64], b2[64];
	wchar_t w1[64], w2[64];
	int r1 = 0, r2 = 0;
	/* A bound above INT_MAX means "as much as it takes" in glibc's
	 * snprintf (musl's plain one fails with EOVERFLOW); glibc's and
	 * musl's swprintf both fail on SIZE_MAX, and so does ours. */
	size_t max = c->a > INT_MAX ? INT_MAX : c->a;

	memset(b1, 'x', sizeof b1);
	memset(b2, 'x', sizeof b2);
	wmemset(w1, L'x', 64);
	wmemset(w2, L'x', 64);
	switch (c->c) {
	case 0: r1 = __sprintf_chk(b1, 1, c->a, "%s-%d", "hello", 42); r2 = sprintf(b2, "%s-%d", "hello", 42); break;
	case 1: r1 = v_narrow(F_VSPRINTF, b1, c->a, 0, 1, "%s-%d", "hello", 42); r2 = sprintf(b2, "%s-%d", "hello", 42); break;
	case 2: r1 = __snprintf_chk(b1, c->a, 1, c->b, "%s-%d", "hello", 42); r2 = snprintf(b2, max, "%s-%d", "hello", 42); break;
	case 3: r1 = v_narrow(F_VSNPRINTF, b1, c->a, c->b, 1, "%s-%d", "hello", 42); r2 = snprintf(b2, max, "%s-%d", "hello", 42); break;
	case 4: r1 = __swprintf_chk(w1, c->a, 1, c->b, L"%s-%d", "hello", 42); r2 = swprintf(w2, c->a, L"%s-%d", "hello", 42); break;
	case 5: r1 = v_wide(F_VSWPRINTF, w1, c->a, c->b, 1, L"%s-%d", "hello", 42); r2 = swprintf(w2, c->a, L"%s-%d", "hello", 42); break;
	}
	EXPECT(r1 == r2);
	EXPECT(memcmp(b1, b2, sizeof b1) == 0 && wmemcmp(w1, w2, 64) == 0);
	printf("ret=%d\n", r1);
	show_bytes("dst", c->c < 4 ? (void *)b1 : (void *)w1, 12);
}

static void
register_size_cases(void)
{
	static const size_t s[][3] = {	/* slen, ok */
		{0, 0}, {8, 0}, {9, 1}, {64, 1}, {SIZE_MAX, 1}, {1, 0},
	};
	static const size_t sn[][3] = {	/* maxlen, slen, ok */
		{9, 9, 1}, {4, 9, 1}, {10, 9, 0}, {0, 0, 1}, {1, 0, 0},
		{64, 64, 1}, {8, 8, 1}, {SIZE_MAX, SIZE_MAX, 1}, {64, 63, 0},
	};
	static const char *const names[] = {
		"sprintf", "vsprintf", "snprintf", "vsnprintf", "swprintf", "vswprintf",
	};
	struct chk_case p = { .fn = size_case };

	for (size_t f = 0; f < 2; f++)
		for (size_t i = 0; i < sizeof s / sizeof *s; i++) {
			p.c = f;
			p.a = s[i][0];
			p.die = s[i][1] ? NULL : OVF;
			add_case(&p, "printf-size/%s/slen%zu", names[f], p.a);
		}
	for (size_t f = 2; f < 6; f++)
		for (size_t i = 0; i < sizeof sn / sizeof *sn; i++) {
			p.c = f;
			p.a = sn[i][0];
			p.b = sn[i][1];
			p.die = sn[i][2] ? NULL : OVF;
			add_case(&p, "printf-size/%s/max%zu/slen%zu", names[f], p.a, p.b);
		}
}

void
register_printf_cases(void)
{
	struct chk_case p = { .fn = pf_case };

	for (size_t fn = 0; fn < F_COUNT; fn++)
		for (size_t fi = 0; fi < NFMTS; fi++)
			for (size_t flag = 0; flag < 3; flag++)
				for (size_t rw = 0; rw < 2; rw++) {
					/* flag 2 (=3) is flag 1 in glibc: a few
					 * entry points suffice to show it. */
					if (flag == 2 && fn != F_SPRINTF && fn != F_PRINTF &&
					    fn != F_SWPRINTF && fn != F_WPRINTF)
						continue;
					p.a = fn;
					p.b = flag;
					p.c = fi * 2 + rw;
					p.die = NULL;
					if (flag > 0 && fmts[fi].gap)
						p.die = NDOLLAR;
					else if (flag > 0 && fmts[fi].has_n && rw)
						p.die = NWRITE;
					add_case(&p, "printf/%s/fmt%zu/flag%zu/%s", fnames[fn],
					    fi, flag, rw ? "rw" : "ro");
				}
	register_size_cases();
	register_flush_cases();
	register_mapped_cases();
}
