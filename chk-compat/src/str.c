/* Byte-string copies and concatenations (glibc debug/str*_chk.c). */
#include <emmintrin.h>
#include <stdint.h>
#include <string.h>

#include "chk.h"
#include "copy_small.h"

/*
 * glibc aborts when strlen(s) >= destlen, before writing.  Copy in one
 * bounded pass instead (strlen + memcpy costs up to 1.7x musl's strcpy at
 * 16-256 bytes): copy_bounded returns the address of the NUL written in d,
 * or NULL when no NUL came within destlen bytes.  Then the bytes already
 * written all lie inside the object, and the caller aborts.
 *
 * It scans 16 bytes at a time with SSE2, part of the x86_64 baseline (the
 * only target of this library).  Every load is of an aligned 16-byte
 * chunk, so none crosses a page boundary past the NUL.  Bytes past the
 * NUL (and before s in the first chunk) may still be read, which ASan
 * cannot know is safe, hence NO_ASAN (copy_small.h).
 * A bounded word-at-a-time copy (musl's strcpy reads words) measured 1.2x
 * musl's strcpy at 64-4096 bytes; this one is faster than it at every
 * size.
 */

/* Bit i set when byte i of v is NUL. */
static inline NO_ASAN ALWAYS_INLINE unsigned
nul_mask(__m128i v)
{
	return (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_setzero_si128()));
}

/* The chunk at s holds its first NUL at byte ctz(mask): copy through it
 * if it fits in n. */
static inline NO_ASAN ALWAYS_INLINE char *
copy_last(char *d, const char *s, size_t n, unsigned mask)
{
	size_t k = (size_t)__builtin_ctz(mask);

	if (k >= n)
		return NULL;
	copy_short(d, s, k + 1);
	return d + k;
}

static inline NO_ASAN ALWAYS_INLINE char *
copy_bounded(char *d, const char *s, size_t n)
{
	/* The first load is of the aligned chunk holding s, so it cannot
	 * cross a page boundary; bytes before s are shifted out of the mask. */
	size_t off = (uintptr_t)s & 15, skip = 16 - off;
	unsigned mask = nul_mask(_mm_load_si128((const __m128i *)(s - off))) >> off;

	if (mask != 0)
		return copy_last(d, s, n, mask);
	if (n <= skip)
		return NULL;
	copy_short(d, s, skip);
	/* No NUL in the first chunk; go on a chunk at a time, aligned. */
	s += skip;
	d += skip;
	n -= skip;
	for (;; s += 16, d += 16, n -= 16) {
		__m128i v = _mm_load_si128((const __m128i *)s);

		if ((mask = nul_mask(v)) != 0)
			return copy_last(d, s, n, mask);
		if (n <= 16)
			return NULL;
		_mm_storeu_si128((__m128i *)d, v);
	}
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
