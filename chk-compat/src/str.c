/* Byte-string copies and concatenations (glibc debug/str*_chk.c). */
#include <stdint.h>
#include <string.h>

#include "chk.h"

/*
 * glibc aborts when strlen(s) >= destlen, before writing.  Copy in one
 * bounded pass instead of strlen + memcpy (which costs up to 1.7x musl's
 * strcpy at 16-256 bytes): returns the address of the NUL written in d, or
 * NULL when no NUL came within destlen bytes.  Then the bytes already
 * written all lie inside the object, and the caller aborts.
 *
 * Words are read from s only once s is 8-aligned, so a word never crosses
 * a page boundary past the NUL; ASan cannot know that, hence NO_ASAN
 * (musl's own strcpy reads the same way).
 */
#define ONES ((size_t)-1 / 255)
#define HIGHS (ONES * 128)
#define HASZERO(x) (((x) - ONES) & ~(x) & HIGHS)

#define NO_ASAN __attribute__((__no_sanitize_address__))

static inline NO_ASAN __attribute__((__always_inline__)) char *
copy_bounded(char *d, const char *s, size_t n)
{
	typedef size_t __attribute__((__may_alias__)) word;
	const word *ws;
	size_t i, nw;

	for (; ((uintptr_t)s % sizeof(word)) != 0 && n > 0; n--, s++, d++)
		if ((*d = *s) == '\0')
			return d;
	/* Whole words while no byte of the word is NUL and they fit. */
	ws = (const word *)s;
	nw = n / sizeof(word);
	for (i = 0; i < nw && !HASZERO(ws[i]); i++)
		memcpy(d + i * sizeof(word), &ws[i], sizeof(word));
	s += i * sizeof(word);
	d += i * sizeof(word);
	n -= i * sizeof(word);
	for (; n > 0; n--, s++, d++)
		if ((*d = *s) == '\0')
			return d;
	return NULL;
}

/* NO_ASAN here too: the compiler only inlines copy_bounded into callers
 * with the same sanitizer attributes. */
CHK_EXPORT NO_ASAN char *
__strcpy_chk(char *d, const char *s, size_t destlen)
{
	if (CHK_UNLIKELY(copy_bounded(d, s, destlen) == NULL))
		__chk_fail();
	return d;
}

CHK_EXPORT NO_ASAN char *
__stpcpy_chk(char *d, const char *s, size_t destlen)
{
	char *end = copy_bounded(d, s, destlen);

	if (CHK_UNLIKELY(end == NULL))
		__chk_fail();
	return end;
}

/*
 * glibc walks d counting destlen down, so it aborts when d has no NUL
 * within destlen, and then when the bytes actually appended (the NUL
 * included) do not fit in what is left.  Measuring first and copying once
 * aborts in exactly the same cases.
 */
CHK_EXPORT char *
__strcat_chk(char *d, const char *s, size_t destlen)
{
	size_t dl = strnlen(d, destlen);
	size_t sl;

	if (CHK_UNLIKELY(dl == destlen))
		__chk_fail();
	sl = strlen(s);
	if (CHK_UNLIKELY(sl >= destlen - dl))
		__chk_fail();
	memcpy(d + dl, s, sl + 1);
	return d;
}

/* Aborts on what is really written (strnlen(s, n) bytes and a NUL), not
 * merely because n > destlen: glibc's rule, laxer than the BSDs'.  With
 * n == 0 glibc writes nothing, so only the scan of d can fail. */
CHK_EXPORT char *
__strncat_chk(char *d, const char *s, size_t n, size_t destlen)
{
	size_t dl = strnlen(d, destlen);
	size_t sl;

	if (CHK_UNLIKELY(dl == destlen))
		__chk_fail();
	if (n == 0)
		return d;
	sl = strnlen(s, n);
	if (CHK_UNLIKELY(sl >= destlen - dl))
		__chk_fail();
	memcpy(d + dl, s, sl);
	d[dl + sl] = '\0';
	return d;
}

/* The n-bounded copies abort whenever n exceeds the object, even for a
 * short source: they would pad with NULs up to n. */
CHK_EXPORT char *
__strncpy_chk(char *d, const char *s, size_t n, size_t destlen)
{
	if (CHK_UNLIKELY(destlen < n))
		__chk_fail();
	return strncpy(d, s, n);
}

CHK_EXPORT char *
__stpncpy_chk(char *d, const char *s, size_t n, size_t destlen)
{
	if (CHK_UNLIKELY(destlen < n))
		__chk_fail();
	return stpncpy(d, s, n);
}

/* glibc 2.38 debug/strl*_chk.c: the bound n itself must fit. */
CHK_EXPORT size_t
__strlcpy_chk(char *d, const char *s, size_t n, size_t destlen)
{
	if (CHK_UNLIKELY(destlen < n))
		__chk_fail();
	return chk_strlcpy(d, s, n);
}

CHK_EXPORT size_t
__strlcat_chk(char *d, const char *s, size_t n, size_t destlen)
{
	if (CHK_UNLIKELY(destlen < n))
		__chk_fail();
	return chk_strlcat(d, s, n);
}
