/* Wide memory functions.  Every size is in wchar_t units: glibc's headers
 * pass __glibc_objsize0(p) / sizeof(wchar_t). */
#include <wchar.h>

#include "chk.h"

CHK_EXPORT wchar_t *
__wmemcpy_chk(wchar_t *d, const wchar_t *s, size_t n, size_t ns1)
{
	if (CHK_UNLIKELY(ns1 < n))
		__chk_fail();
	return wmemcpy(d, s, n);
}

CHK_EXPORT wchar_t *
__wmemmove_chk(wchar_t *d, const wchar_t *s, size_t n, size_t ns1)
{
	if (CHK_UNLIKELY(ns1 < n))
		__chk_fail();
	return wmemmove(d, s, n);
}

/* musl has no wmempcpy: wmemcpy and step past the copy. */
CHK_EXPORT wchar_t *
__wmempcpy_chk(wchar_t *d, const wchar_t *s, size_t n, size_t ns1)
{
	if (CHK_UNLIKELY(ns1 < n))
		__chk_fail();
	return wmemcpy(d, s, n) + n;
}

CHK_EXPORT wchar_t *
__wmemset_chk(wchar_t *d, wchar_t c, size_t n, size_t destlen)
{
	if (CHK_UNLIKELY(destlen < n))
		__chk_fail();
	return wmemset(d, c, n);
}
