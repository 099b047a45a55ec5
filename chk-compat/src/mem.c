/* Byte-memory functions: abort when the length exceeds the destination.
 * glibc has no overlap check here, so neither do we. */
#include <string.h>

#include "chk.h"

CHK_EXPORT void *
__memcpy_chk(void *d, const void *s, size_t n, size_t destlen)
{
	if (CHK_UNLIKELY(destlen < n))
		__chk_fail();
	return memcpy(d, s, n);
}

CHK_EXPORT void *
__memmove_chk(void *d, const void *s, size_t n, size_t destlen)
{
	if (CHK_UNLIKELY(destlen < n))
		__chk_fail();
	return memmove(d, s, n);
}

CHK_EXPORT void *
__mempcpy_chk(void *d, const void *s, size_t n, size_t destlen)
{
	if (CHK_UNLIKELY(destlen < n))
		__chk_fail();
	return (char *)memcpy(d, s, n) + n;
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
