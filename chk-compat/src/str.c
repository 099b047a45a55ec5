/* Byte-string copies and concatenations (glibc debug/str*_chk.c). */
#include <string.h>

#include "chk.h"

CHK_EXPORT char *
__strcpy_chk(char *d, const char *s, size_t destlen)
{
	size_t len = strlen(s);

	if (CHK_UNLIKELY(len >= destlen))
		__chk_fail();
	return memcpy(d, s, len + 1);
}

CHK_EXPORT char *
__stpcpy_chk(char *d, const char *s, size_t destlen)
{
	size_t len = strlen(s);

	if (CHK_UNLIKELY(len >= destlen))
		__chk_fail();
	return (char *)memcpy(d, s, len + 1) + len;
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
