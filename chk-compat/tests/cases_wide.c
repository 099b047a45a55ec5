/* Cases: wide memory, wide strings and multibyte conversions (wmem.c,
 * wstr.c, mbs.c).  Every size here is in wchar_t units except the byte
 * destinations of wcs*tombs; the n == ns cases with n > ns / 4 are the
 * ones that would abort if a size were taken in bytes. */
#include <locale.h>
#include <stdint.h>
#include <string.h>
#include <wchar.h>

#include "cases.h"

static void
widen(wchar_t *d, const char *s)
{
	while ((*d++ = (wchar_t)(unsigned char)*s++) != 0)
		;
}

enum { W_CPY, W_MOVE, W_PCPY, W_SET };
static const char *const wmem_names[] = { "wmemcpy", "wmemmove", "wmempcpy", "wmemset" };

/* a = n, b = ns (both in wchar_t), c = function. */
static void
wmem_case(const struct chk_case *c)
{
	size_t n = c->a, alloc = (n > 8192 ? 64 : n) + 1;
	wchar_t *src = malloc(alloc * sizeof(wchar_t));
	wchar_t *d1 = malloc(alloc * sizeof(wchar_t)), *d2 = malloc(alloc * sizeof(wchar_t));
	wchar_t *r1 = NULL, *r2 = NULL;

	for (size_t i = 0; i < alloc; i++) {
		src[i] = (wchar_t)(0x1000 + i);
		d1[i] = d2[i] = 0x7777;
	}
	switch (c->c) {
	case W_CPY:
		r1 = __wmemcpy_chk(d1, src, n, c->b);
		r2 = wmemcpy(d2, src, n);
		break;
	case W_MOVE:
		r1 = __wmemmove_chk(d1, src, n, c->b);
		r2 = wmemmove(d2, src, n);
		break;
	case W_PCPY:
		r1 = __wmempcpy_chk(d1, src, n, c->b);
		r2 = wmemcpy(d2, src, n) + n;
		break;
	case W_SET:
		r1 = __wmemset_chk(d1, 0x20ac, n, c->b);
		r2 = wmemset(d2, 0x20ac, n);
		break;
	}
	EXPECT(r1 - d1 == r2 - d2);
	EXPECT(memcmp(d1, d2, alloc * sizeof(wchar_t)) == 0);
	printf("ret=+%td\n", r1 - d1);
	show_bytes("dst", d1, (alloc < 12 ? alloc : 12) * sizeof(wchar_t));
	free(src);
	free(d1);
	free(d2);
}

static const size_t wmem_sizes[][2] = {
	{0, 0}, {1, 0}, {4, 4}, {5, 4}, {16, 16}, {17, 16}, {64, 64},
	{64, 65}, {65, 64}, {1024, 1024}, {SIZE_MAX, 8}, {8, SIZE_MAX},
};

/* s = source, t = initial destination, a = destlen, b = n, c = function:
 * 0 wcscpy, 1 wcpcpy, 2 wcsncpy, 3 wcpncpy, 4 wcscat, 5 wcsncat. */
static void
wstr_case(const struct chk_case *c)
{
	wchar_t s[64], d1[64], d2[64];
	wchar_t *r1 = NULL, *r2 = NULL;

	widen(s, c->s);
	wmemset(d1, L'x', 64);
	d1[63] = 0;
	widen(d1, c->t ? c->t : "");
	wmemcpy(d2, d1, 64);
	switch (c->c) {
	case 0: r1 = __wcscpy_chk(d1, s, c->a); r2 = wcscpy(d2, s); break;
	case 1: r1 = __wcpcpy_chk(d1, s, c->a); r2 = wcpcpy(d2, s); break;
	case 2: r1 = __wcsncpy_chk(d1, s, c->b, c->a); r2 = wcsncpy(d2, s, c->b); break;
	case 3: r1 = __wcpncpy_chk(d1, s, c->b, c->a); r2 = wcpncpy(d2, s, c->b); break;
	case 4: r1 = __wcscat_chk(d1, s, c->a); r2 = wcscat(d2, s); break;
	case 5: r1 = __wcsncat_chk(d1, s, c->b, c->a); r2 = wcsncat(d2, s, c->b); break;
	}
	EXPECT(r1 - d1 == r2 - d2);
	EXPECT(wmemcmp(d1, d2, 64) == 0);
	printf("ret=+%td dst=%ls\n", r1 - d1, d1);
}

/* wcslcpy/wcslcat exist in no libc we test with: expected values are the
 * BSD definition, as for strl_case.  a = destlen, b = n, c = 0 cpy/1 cat. */
static void
wstrl_case(const struct chk_case *c)
{
	wchar_t s[64], d[64];
	size_t r = 0, sl = strlen(c->s), dl;

	widen(s, c->s);
	wmemset(d, L'x', 64);
	widen(d, c->t);
	dl = c->c ? wcsnlen(d, c->b) : 0;
#if HAVE_SINCE(38)
	r = c->c ? __wcslcat_chk(d, s, c->b, c->a) : __wcslcpy_chk(d, s, c->b, c->a);
#endif
	EXPECT(r == (c->c && dl == c->b ? c->b + sl : dl + sl));
	if (c->b > dl) {
		size_t k = sl < c->b - dl - 1 ? sl : c->b - dl - 1;

		EXPECT(wmemcmp(d + dl, s, k) == 0 && d[dl + k] == 0);
	}
	printf("ret=%zu dst=%ls\n", r, d);
}

static void
register_wstr(void)
{
	static const struct { int fn; const char *t, *s; size_t destlen, n; int ok; } w[] = {
		{0, NULL, "hello", 6, 0, 1}, {0, NULL, "hello", 5, 0, 0},
		{0, NULL, "", 1, 0, 1}, {0, NULL, "", 0, 0, 0},
		{0, NULL, "0123456789abcdef", 17, 0, 1},
		{1, NULL, "hello", 6, 0, 1}, {1, NULL, "hello", 5, 0, 0},
		{1, NULL, "", 1, 0, 1}, {1, NULL, "", 0, 0, 0},
		{2, NULL, "hi", 8, 8, 1}, {2, NULL, "hi", 8, 9, 0},
		{2, NULL, "hello", 3, 3, 1}, {2, NULL, "", 0, 0, 1},
		{3, NULL, "hi", 8, 8, 1}, {3, NULL, "hi", 8, 9, 0},
		{3, NULL, "hello", 5, 5, 1},
		{4, "ab", "cd", 5, 0, 1}, {4, "ab", "cd", 4, 0, 0},
		{4, "", "", 1, 0, 1}, {4, "", "", 0, 0, 0},
		{5, "ab", "cdef", 5, 2, 1}, {5, "ab", "cdef", 5, 3, 0},
		{5, "ab", "cd", 5, 100, 1}, {5, "ab", "cde", 5, 100, 0},
		{5, "ab", "xyz", 3, 0, 1}, {5, "", "hello", 6, 5, 1},
		{5, "", "hello", 5, 5, 0},
	};
	static const char *const names[] = {
		"wcscpy", "wcpcpy", "wcsncpy", "wcpncpy", "wcscat", "wcsncat",
	};
	struct chk_case p = { .fn = wstr_case };

	for (size_t i = 0; i < sizeof w / sizeof *w; i++) {
		p.c = (size_t)w[i].fn;
		p.t = w[i].t;
		p.s = w[i].s;
		p.a = w[i].destlen;
		p.b = w[i].n;
		p.die = w[i].ok ? NULL : OVF;
		add_case(&p, "wide/%s/%zu", names[p.c], i);
	}

	static const struct { const char *t, *s; size_t destlen, n; int cat, ok; } l[] = {
		{"", "hello", 3, 3, 0, 1}, {"", "hello", 3, 4, 0, 0},
		{"", "hello", 0, 0, 0, 1}, {"", "hi", 8, 8, 0, 1},
		{"ab", "cde", 4, 4, 1, 1}, {"ab", "cde", 4, 5, 1, 0},
		{"abcd", "x", 8, 2, 1, 1}, {"ab", "", 3, 3, 1, 1},
	};
	p = (struct chk_case){ .fn = wstrl_case, .since = 38 };
	for (size_t i = 0; i < sizeof l / sizeof *l; i++) {
		p.t = l[i].t;
		p.s = l[i].s;
		p.a = l[i].destlen;
		p.b = l[i].n;
		p.c = (size_t)l[i].cat;
		p.die = l[i].ok ? NULL : OVF;
		add_case(&p, "wide/%s/%zu", l[i].cat ? "wcslcat" : "wcslcpy", i);
	}
}

/* "héllo" in UTF-8: 6 bytes, 5 characters. */
#define UTF8_IN "h\xc3\xa9llo"

/* a = len, b = dstlen, c = function: 0 mbstowcs 1 mbsrtowcs 2 mbsnrtowcs
 * 3 wcstombs 4 wcsrtombs 5 wcsnrtombs.  UTF-8 locale. */
static void
mbs_case(const struct chk_case *c)
{
	static const wchar_t win[] = L"h\xe9llo";
	wchar_t w1[32], w2[32];
	char b1[32], b2[32];
	const char *s1 = UTF8_IN, *s2 = UTF8_IN;
	const wchar_t *ws1 = win, *ws2 = win;
	mbstate_t m1, m2;
	size_t r1 = 0, r2 = 0;

	EXPECT(setlocale(LC_ALL, "C.UTF-8") != NULL);
	memset(&m1, 0, sizeof m1);
	memset(&m2, 0, sizeof m2);
	wmemset(w1, 0x7777, 32);
	wmemset(w2, 0x7777, 32);
	memset(b1, 'x', 32);
	memset(b2, 'x', 32);
	switch (c->c) {
	case 0: r1 = __mbstowcs_chk(w1, s1, c->a, c->b); r2 = mbstowcs(w2, s2, c->a); break;
	case 1: r1 = __mbsrtowcs_chk(w1, &s1, c->a, &m1, c->b); r2 = mbsrtowcs(w2, &s2, c->a, &m2); break;
	case 2: r1 = __mbsnrtowcs_chk(w1, &s1, 6, c->a, &m1, c->b); r2 = mbsnrtowcs(w2, &s2, 6, c->a, &m2); break;
	case 3: r1 = __wcstombs_chk(b1, win, c->a, c->b); r2 = wcstombs(b2, win, c->a); break;
	case 4: r1 = __wcsrtombs_chk(b1, &ws1, c->a, &m1, c->b); r2 = wcsrtombs(b2, &ws2, c->a, &m2); break;
	case 5: r1 = __wcsnrtombs_chk(b1, &ws1, 5, c->a, &m1, c->b); r2 = wcsnrtombs(b2, &ws2, 5, c->a, &m2); break;
	}
	EXPECT(r1 == r2);
	EXPECT(memcmp(w1, w2, sizeof w1) == 0 && memcmp(b1, b2, sizeof b1) == 0);
	EXPECT((s1 == NULL) == (s2 == NULL) && (ws1 == NULL) == (ws2 == NULL));
	EXPECT(!s1 || s1 - UTF8_IN == s2 - UTF8_IN);
	EXPECT(!ws1 || ws1 - win == ws2 - win);
	/* A completed conversion sets the source pointer to NULL. */
	printf("ret=%zd consumed=%td/%td\n", (ssize_t)r1,
	    s1 ? s1 - UTF8_IN : (ptrdiff_t)-1, ws1 ? ws1 - win : (ptrdiff_t)-1);
	show_bytes(c->c < 3 ? "wdst" : "dst", c->c < 3 ? (void *)w1 : (void *)b1,
	    c->c < 3 ? 6 * sizeof(wchar_t) : 8);
}

/* a = buflen, b = wide character, c = 0 C locale / 1 UTF-8; t != NULL
 * selects wcrtomb (and "null" passes s == NULL). */
static void
wcrtomb_case(const struct chk_case *c)
{
	char b1[16], b2[16];
	mbstate_t m1, m2;
	size_t r1, r2;

	EXPECT(setlocale(LC_ALL, c->c ? "C.UTF-8" : "C") != NULL);
	memset(b1, 'x', sizeof b1);
	memset(b2, 'x', sizeof b2);
	memset(&m1, 0, sizeof m1);
	memset(&m2, 0, sizeof m2);
	if (c->t == NULL) {
		r1 = (size_t)__wctomb_chk(b1, (wchar_t)c->b, c->a);
		r2 = (size_t)wctomb(b2, (wchar_t)c->b);
	} else if (strcmp(c->t, "null") == 0) {
		r1 = __wcrtomb_chk(NULL, (wchar_t)c->b, &m1, c->a);
		r2 = wcrtomb(NULL, (wchar_t)c->b, &m2);
	} else {
		r1 = __wcrtomb_chk(b1, (wchar_t)c->b, &m1, c->a);
		r2 = wcrtomb(b2, (wchar_t)c->b, &m2);
	}
	EXPECT(r1 == r2);
	EXPECT(memcmp(b1, b2, sizeof b1) == 0);
	printf("ret=%zd\n", (ssize_t)r1);
	show_bytes("dst", b1, 4);
}

static void
register_mbs(void)
{
	static const char *const names[] = {
		"mbstowcs", "mbsrtowcs", "mbsnrtowcs", "wcstombs", "wcsrtombs", "wcsnrtombs",
	};
	/* {len, dstlen, ok} for the wide-destination (0-2) and the
	 * byte-destination (3-5) functions. */
	static const size_t to_w[][3] = {
		{5, 5, 1}, {6, 5, 0}, {5, 16, 1}, {16, 16, 1}, {3, 3, 1}, {1, 0, 0}, {0, 0, 1},
	};
	static const size_t to_b[][3] = {
		{6, 6, 1}, {7, 6, 0}, {3, 3, 1}, {16, 16, 1}, {2, 2, 1}, {1, 0, 0}, {0, 0, 1},
	};
	struct chk_case p = { .fn = mbs_case };

	for (size_t f = 0; f < 6; f++)
		for (size_t i = 0; i < 7; i++) {
			const size_t *v = f < 3 ? to_w[i] : to_b[i];

			p.c = f;
			p.a = v[0];
			p.b = v[1];
			p.die = v[2] ? NULL : OVF;
			add_case(&p, "mbs/%s/len%zu/dest%zu", names[f], p.a, p.b);
		}

	static const struct { const char *t; size_t buflen, wc, utf8; int ok; } wc[] = {
		{NULL, 1, 'a', 0, 1}, {NULL, 1, 'a', 1, 0}, {NULL, 16, 'a', 1, 1},
		{NULL, 16, 0x20ac, 1, 1}, {NULL, 0, 'a', 0, 0},
		{"s", 1, 'a', 1, 1}, {"s", 1, 0xe9, 1, 0}, {"s", 2, 0xe9, 1, 1},
		{"s", 2, 0x20ac, 1, 0}, {"s", 3, 0x20ac, 1, 1}, {"s", 0, 'a', 0, 0},
		{"s", 1, 'a', 0, 1}, {"s", 4, 0x1f600, 1, 1}, {"s", 3, 0x1f600, 1, 0},
		{"null", 0, 'a', 1, 1},
	};
	p = (struct chk_case){ .fn = wcrtomb_case };
	for (size_t i = 0; i < sizeof wc / sizeof *wc; i++) {
		p.t = wc[i].t;
		p.a = wc[i].buflen;
		p.b = wc[i].wc;
		p.c = wc[i].utf8;
		p.die = wc[i].ok ? NULL : OVF;
		add_case(&p, "mbs/%s/%zu", p.t ? "wcrtomb" : "wctomb", i);
	}
}

void
register_wide_cases(void)
{
	struct chk_case p = { .fn = wmem_case };

	for (size_t op = 0; op < 4; op++)
		for (size_t i = 0; i < sizeof wmem_sizes / sizeof *wmem_sizes; i++) {
			p.a = wmem_sizes[i][0];
			p.b = wmem_sizes[i][1];
			p.c = op;
			p.die = p.b < p.a ? OVF : NULL;
			add_case(&p, "wide/%s/n%zu/ns%zu", wmem_names[op], p.a, p.b);
		}
	register_wstr();
	register_mbs();
}
