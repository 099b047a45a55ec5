/* Cases: byte memory and byte strings (mem.c, str.c). */
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "cases.h"

enum { M_CPY, M_MOVE, M_PCPY, M_SET, M_BZERO, M_SETX };
static const char *const mem_names[] = {
	"memcpy", "memmove", "mempcpy", "memset", "explicit_bzero", "memset_explicit",
};

/* a = n, b = destlen, c = which function.  Huge n only ever appears in
 * cases that must abort, so buffers are sized from a small stand-in. */
static void
mem_case(const struct chk_case *c)
{
	size_t n = c->a, alloc = (n > 8192 ? 64 : n) + 1;
	unsigned char *src = malloc(alloc), *d1 = malloc(alloc), *d2 = malloc(alloc);
	char *r1 = NULL, *r2 = NULL;

	for (size_t i = 0; i < alloc; i++) {
		src[i] = (unsigned char)(i * 7 + 1);
		d1[i] = d2[i] = 0xee;
	}
	switch (c->c) {
	case M_CPY:
		r1 = __memcpy_chk(d1, src, n, c->b);
		r2 = memcpy(d2, src, n);
		break;
	case M_MOVE:
		r1 = __memmove_chk(d1, src, n, c->b);
		r2 = memmove(d2, src, n);
		break;
	case M_PCPY:
		r1 = __mempcpy_chk(d1, src, n, c->b);
		r2 = (char *)memcpy(d2, src, n) + n;
		break;
	case M_SET:
		r1 = __memset_chk(d1, 0x5a, n, c->b);
		r2 = memset(d2, 0x5a, n);
		break;
	case M_BZERO:
		__explicit_bzero_chk(d1, n, c->b);
		r1 = (char *)d1;
		r2 = memset(d2, 0, n);
		break;
	case M_SETX:
#if HAVE_SINCE(43)
		r1 = __memset_explicit_chk(d1, 0x33, n, c->b);
#endif
		r2 = memset(d2, 0x33, n);
		break;
	}
	EXPECT(r1 - (char *)d1 == r2 - (char *)d2);
	EXPECT(memcmp(d1, d2, alloc) == 0);
	printf("ret=+%td\n", r1 - (char *)d1);
	show_bytes("dst", d1, alloc < 48 ? alloc : 48);
	free(src);
	free(d1);
	free(d2);
}

/* memmove within one buffer, both directions. a = n, b = destlen,
 * c = 0 forward (dst above src) or 1 backward. */
static void
memmove_overlap_case(const struct chk_case *c)
{
	char b1[64], b2[64];
	size_t off = c->c ? 0 : 3, soff = c->c ? 3 : 0;

	for (int i = 0; i < 64; i++)
		b1[i] = b2[i] = (char)('A' + i % 26);
	__memmove_chk(b1 + off, b1 + soff, c->a, c->b);
	memmove(b2 + off, b2 + soff, c->a);
	EXPECT(memcmp(b1, b2, sizeof b1) == 0);
	show_bytes("buf", b1, 32);
}

static const size_t mem_sizes[][2] = {
	{0, 0}, {1, 0}, {16, 16}, {16, 17}, {17, 16}, {64, 64}, {65, 64},
	{256, 256}, {4096, 4096}, {4097, 4096}, {SIZE_MAX, 16}, {16, SIZE_MAX},
};

/* Copies src with the checked function (destlen c->a; c->c = 0 strcpy,
 * 1 stpcpy) and with the plain one: same result, same bytes. */
static void
compare_strcpy(const struct chk_case *c, const char *src)
{
	char d1[64], d2[64], *r1, *r2;

	memset(d1, 'x', sizeof d1);
	memset(d2, 'x', sizeof d2);
	if (c->c == 0) {
		r1 = __strcpy_chk(d1, src, c->a);
		r2 = strcpy(d2, src);
	} else {
		r1 = __stpcpy_chk(d1, src, c->a);
		r2 = stpcpy(d2, src);
	}
	EXPECT(r1 - d1 == r2 - d2);
	EXPECT(memcmp(d1, d2, sizeof d1) == 0);
	printf("ret=+%td dst=%s\n", r1 - d1, d1);
}

/* s = source, a = destlen, b = misalignment of the source (the checked
 * copy reads 16-byte chunks, aligned after the first), c = 0 strcpy
 * 1 stpcpy. */
static void
strcpy_case(const struct chk_case *c)
{
	_Alignas(16) char sbuf[80];

	memset(sbuf, 'y', sizeof sbuf);
	memcpy(sbuf + c->b, c->s, strlen(c->s) + 1);
	compare_strcpy(c, sbuf + c->b);
}

/*
 * The source's NUL is the last byte of a readable page followed by an
 * unmapped one, so a read past it faults: the checked copy may read ahead
 * of the NUL only within the page.  s = source, a = destlen, c = 0
 * strcpy 1 stpcpy.
 */
static void
strcpy_pageend_case(const struct chk_case *c)
{
	long page = sysconf(_SC_PAGESIZE);
	char *map = mmap(NULL, 2 * (size_t)page, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	size_t len = strlen(c->s);
	char *src;

	EXPECT(map != MAP_FAILED);
	EXPECT(mprotect(map + page, (size_t)page, PROT_NONE) == 0);
	src = map + page - len - 1;
	memcpy(src, c->s, len + 1);
	compare_strcpy(c, src);
	munmap(map, 2 * (size_t)page);
}

static void
strcat_case(const struct chk_case *c)
{
	char d1[64], d2[64];
	size_t tl = strlen(c->t);
	char *r;

	/* The destination may be unterminated within destlen on purpose:
	 * copy t without its NUL when c->c says so, then pad with 'x'. */
	memset(d1, 'x', sizeof d1);
	d1[sizeof d1 - 1] = '\0';
	memcpy(d1, c->t, tl + !c->c);
	memcpy(d2, d1, sizeof d1);
	if (c->b == SIZE_MAX) {
		r = __strcat_chk(d1, c->s, c->a);
		strcat(d2, c->s);
	} else {
		r = __strncat_chk(d1, c->s, c->b, c->a);
		strncat(d2, c->s, c->b);
	}
	EXPECT(r == d1);
	EXPECT(memcmp(d1, d2, sizeof d1) == 0);
	printf("dst=%s\n", d1);
}

static void
strncpy_case(const struct chk_case *c)
{
	char d1[64], d2[64];
	char *r1, *r2;

	memset(d1, 'x', sizeof d1);
	memset(d2, 'x', sizeof d2);
	if (c->c == 0) {
		r1 = __strncpy_chk(d1, c->s, c->a, c->b);
		r2 = strncpy(d2, c->s, c->a);
	} else {
		r1 = __stpncpy_chk(d1, c->s, c->a, c->b);
		r2 = stpncpy(d2, c->s, c->a);
	}
	EXPECT(r1 - d1 == r2 - d2);
	EXPECT(memcmp(d1, d2, sizeof d1) == 0);
	show_bytes("dst", d1, 16);
}

/* strlcpy/strlcat: no plain strlcpy in glibc < 2.38, so the expected
 * result is spelt out: s, t as above, a = n, b = destlen, c = 0 cpy /
 * 1 cat.  Expected return and contents come from the BSD definition. */
static void
strl_case(const struct chk_case *c)
{
	char d[64];
	size_t r = 0, tl = strlen(c->t), sl = strlen(c->s), want;
	size_t dl = c->c ? strnlen(c->t, c->a) : 0;

	memset(d, 'x', sizeof d);
	memcpy(d, c->t, tl + 1);
#if HAVE_SINCE(38)
	r = c->c ? __strlcat_chk(d, c->s, c->a, c->b) : __strlcpy_chk(d, c->s, c->a, c->b);
#endif
	want = dl + sl;
	if (c->c && dl == c->a)
		want = c->a + sl;
	EXPECT(r == want);
	if (c->a > dl) {
		size_t k = sl < c->a - dl - 1 ? sl : c->a - dl - 1;

		EXPECT(memcmp(d + dl, c->s, k) == 0 && d[dl + k] == '\0');
	}
	printf("ret=%zu dst=%s\n", r, d);
}

static void
register_str(void)
{
	struct chk_case p = { .fn = strcpy_case };
	static const struct { const char *s; size_t destlen; int ok; } cp[] = {
		{"", 0, 0}, {"", 1, 1}, {"hello", 5, 0}, {"hello", 6, 1},
		{"hello", 64, 1}, {"hello", SIZE_MAX, 1},
		{"0123456789abcdef0123456789abcdef", 32, 0},
		{"0123456789abcdef0123456789abcdef", 33, 1},
	};

	for (int f = 0; f < 2; f++)
		for (size_t i = 0; i < sizeof cp / sizeof *cp; i++) {
			p.s = cp[i].s;
			p.a = cp[i].destlen;
			p.c = (size_t)f;
			p.die = cp[i].ok ? NULL : OVF;
			add_case(&p, "str/%s/len%zu/dest%zu", f ? "stpcpy" : "strcpy",
			    strlen(p.s), p.a);
		}

	/* Word-at-a-time edges: lengths around multiples of 8, sources at
	 * every kind of misalignment, objects exactly too small/just big. */
	static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLM";
	static const size_t lens[] = {0, 1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 47};
	static const size_t offs[] = {0, 1, 3, 7, 8, 9, 15};
	for (int f = 0; f < 2; f++)
		for (size_t i = 0; i < sizeof lens / sizeof *lens; i++)
			for (size_t o = 0; o < sizeof offs / sizeof *offs; o++)
				for (int k = 0; k < 3; k++) {
					p.s = digits + sizeof digits - 1 - lens[i];
					p.b = offs[o];
					p.c = (size_t)f;
					p.a = k == 0 ? lens[i] : k == 1 ? lens[i] + 1 : SIZE_MAX;
					p.die = k == 0 ? OVF : NULL;
					add_case(&p, "str/%s/len%zu/off%zu/dest%s", f ? "stpcpy" : "strcpy",
					    lens[i], offs[o], k == 0 ? "len" : k == 1 ? "len+1" : "unknown");
				}

	/* Sources ending at an unmapped page, every length up to 33. */
	p.fn = strcpy_pageend_case;
	for (int f = 0; f < 2; f++)
		for (size_t len = 0; len <= 33; len++)
			for (int k = 0; k < 2; k++) {
				p.s = digits + sizeof digits - 1 - len;
				p.c = (size_t)f;
				p.a = k == 0 ? len : len + 1;
				p.die = k == 0 ? OVF : NULL;
				add_case(&p, "str/%s/pageend/len%zu/dest%s", f ? "stpcpy" : "strcpy",
				    len, k == 0 ? "len" : "len+1");
			}
}

static void
register_strcat(void)
{
	struct chk_case p = { .fn = strcat_case };
	static const struct {
		const char *t, *s; size_t destlen, n; int unterminated, ok;
	} cat[] = {
		{"ab", "cd", 5, SIZE_MAX, 0, 1}, {"ab", "cd", 4, SIZE_MAX, 0, 0},
		{"", "", 1, SIZE_MAX, 0, 1}, {"", "", 0, SIZE_MAX, 0, 0},
		{"abcd", "", 4, SIZE_MAX, 1, 0}, {"abcd", "", 5, SIZE_MAX, 0, 1},
		{"ab", "cdef", 5, 2, 0, 1}, {"ab", "cdef", 5, 3, 0, 0},
		{"ab", "cd", 5, 100, 0, 1}, {"ab", "cde", 5, 100, 0, 0},
		{"ab", "xyz", 3, 0, 0, 1}, {"abc", "xyz", 3, 0, 1, 0},
		{"", "hello", 6, 5, 0, 1}, {"", "hello", 5, 5, 0, 0},
		{"", "hello", 6, 6, 0, 1}, {"a", "hello", 4, 2, 0, 1},
	};
	for (size_t i = 0; i < sizeof cat / sizeof *cat; i++) {
		p.t = cat[i].t;
		p.s = cat[i].s;
		p.a = cat[i].destlen;
		p.b = cat[i].n;
		p.c = (size_t)cat[i].unterminated;
		p.die = cat[i].ok ? NULL : OVF;
		if (p.b == SIZE_MAX)
			add_case(&p, "str/strcat/%zu", i);
		else
			add_case(&p, "str/strncat/%zu", i);
	}

}

static void
register_strn(void)
{
	struct chk_case p = { .fn = strncpy_case };
	static const struct { const char *s; size_t n, destlen; int ok; } ncp[] = {
		{"hi", 8, 8, 1}, {"hi", 9, 8, 0}, {"hello", 3, 3, 1}, {"", 0, 0, 1},
		{"hello", 6, 6, 1}, {"hello", 16, 64, 1}, {"", 1, 0, 0},
	};
	for (int f = 0; f < 2; f++)
		for (size_t i = 0; i < sizeof ncp / sizeof *ncp; i++) {
			p.s = ncp[i].s;
			p.a = ncp[i].n;
			p.b = ncp[i].destlen;
			p.c = (size_t)f;
			p.die = ncp[i].ok ? NULL : OVF;
			add_case(&p, "str/%s/%zu", f ? "stpncpy" : "strncpy", i);
		}

	static const struct { const char *t, *s; size_t n, destlen; int cat, ok; } l[] = {
		{"", "hello", 3, 3, 0, 1}, {"", "hello", 4, 3, 0, 0},
		{"", "hello", 0, 0, 0, 1}, {"", "hi", 8, 8, 0, 1},
		{"ab", "cde", 4, 4, 1, 1}, {"ab", "cde", 5, 4, 1, 0},
		{"abcd", "x", 2, 8, 1, 1}, {"ab", "", 3, 3, 1, 1},
	};
	p.fn = strl_case;
	p.since = 38;
	for (size_t i = 0; i < sizeof l / sizeof *l; i++) {
		p.t = l[i].t;
		p.s = l[i].s;
		p.a = l[i].n;
		p.b = l[i].destlen;
		p.c = (size_t)l[i].cat;
		p.die = l[i].ok ? NULL : OVF;
		add_case(&p, "str/%s/%zu", l[i].cat ? "strlcat" : "strlcpy", i);
	}
}

void
register_mem_cases(void)
{
	struct chk_case p = { .fn = mem_case };

	for (size_t op = 0; op < sizeof mem_names / sizeof *mem_names; op++)
		for (size_t i = 0; i < sizeof mem_sizes / sizeof *mem_sizes; i++) {
			p.a = mem_sizes[i][0];
			p.b = mem_sizes[i][1];
			p.c = op;
			p.since = op == M_SETX ? 43 : 0;
			p.die = p.b < p.a ? OVF : NULL;
			add_case(&p, "mem/%s/n%zu/dest%zu", mem_names[op], p.a, p.b);
		}
	/* The inline short copies (src/copy_small.h): every move width and
	 * the hand-over to memcpy above 256 bytes. */
	static const size_t short_n[] = {
		2, 3, 4, 5, 7, 8, 9, 15, 31, 32, 33, 47, 48, 49, 63, 127, 128,
		129, 255, 257,
	};
	for (size_t op = M_CPY; op <= M_PCPY; op += M_PCPY - M_CPY)
		for (size_t i = 0; i < sizeof short_n / sizeof *short_n; i++)
			for (size_t over = 0; over < 2; over++) {
				p.a = short_n[i];
				p.b = short_n[i] - over;
				p.c = op;
				p.since = 0;
				p.die = over ? OVF : NULL;
				add_case(&p, "mem/%s/short/n%zu/dest%zu", mem_names[op], p.a, p.b);
			}
	p = (struct chk_case){ .fn = memmove_overlap_case };
	for (size_t dir = 0; dir < 2; dir++) {
		p.c = dir;
		p.a = 20;
		p.b = 20;
		add_case(&p, "mem/memmove/overlap%zu/ok", dir);
		p.b = 19;
		p.die = OVF;
		add_case(&p, "mem/memmove/overlap%zu/over", dir);
		p.die = NULL;
	}
	register_str();
	register_strcat();
	register_strn();
}
