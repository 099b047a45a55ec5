/* Byte-memory functions: abort when the length exceeds the destination.
 * glibc has no overlap check here, so neither do we. */
#include <string.h>

#include "chk.h"
#include "copy_small.h"

/* Short copies inline (copy_small.h): with a call to musl's memcpy the
 * check cost 5-7 % at 64-256 bytes; inline they are faster than it. */
CHK_EXPORT NO_ASAN void *
__memcpy_chk(void *d, const void *s, size_t n, size_t destlen)
{
	if (CHK_UNLIKELY(destlen < n))
		__chk_fail();
	if (n <= COPY_SMALL_MAX) {
		copy_upto(d, s, n);
		return d;
	}
	return memcpy(d, s, n);
}

CHK_EXPORT void *
__memmove_chk(void *d, const void *s, size_t n, size_t destlen)
{
	if (CHK_UNLIKELY(destlen < n))
		__chk_fail();
	return memmove(d, s, n);
}

CHK_EXPORT NO_ASAN void *
__mempcpy_chk(void *d, const void *s, size_t n, size_t destlen)
{
	if (CHK_UNLIKELY(destlen < n))
		__chk_fail();
	if (n <= COPY_SMALL_MAX)
		copy_upto(d, s, n);
	else
		memcpy(d, s, n);
	return (char *)d + n;
}

CHK_EXPORT void *
__memset_chk(void *d, int c, size_t n, size_t destlen)
{
	if (CHK_UNLIKELY(destlen < n))
		__chk_fail();
	return memset(d, c, n);
}

/* The empty asm with a memory clobber keeps the compiler from treating the
 * stores as dead, exactly as glibc's explicit_bzero_chk.c does. */
CHK_EXPORT void
__explicit_bzero_chk(void *d, size_t n, size_t destlen)
{
	if (CHK_UNLIKELY(destlen < n))
		__chk_fail();
	memset(d, 0, n);
	__asm__ volatile("" : : "r"(d) : "memory");
}

/* C23 memset_explicit (glibc 2.43); musl 1.2.3 has no memset_explicit. */
CHK_EXPORT void *
__memset_explicit_chk(void *d, int c, size_t n, size_t destlen)
{
	if (CHK_UNLIKELY(destlen < n))
		__chk_fail();
	memset(d, c, n);
	__asm__ volatile("" : : "r"(d) : "memory");
	return d;
}
