/* Wide-string copies and concatenations; sizes in wchar_t units.  The
 * rules mirror the byte versions in str.c (glibc debug/wc*_chk.c). */
#include <wchar.h>

#include "chk.h"

CHK_EXPORT wchar_t *
__wcscpy_chk(wchar_t *d, const wchar_t *s, size_t n)
{
	size_t len = wcslen(s) + 1;

	if (CHK_UNLIKELY(len > n))
		__chk_fail();
	return wmemcpy(d, s, len);
}

/* Returns a pointer to the terminating L'\0' written in d. */
CHK_EXPORT wchar_t *
__wcpcpy_chk(wchar_t *d, const wchar_t *s, size_t destlen)
{
	size_t len = wcslen(s);

	if (CHK_UNLIKELY(len >= destlen))
		__chk_fail();
	return wmemcpy(d, s, len + 1) + len;
}

CHK_EXPORT wchar_t *
__wcsncpy_chk(wchar_t *d, const wchar_t *s, size_t n, size_t destlen)
{
	if (CHK_UNLIKELY(destlen < n))
		__chk_fail();
	return wcsncpy(d, s, n);
}

CHK_EXPORT wchar_t *
__wcpncpy_chk(wchar_t *d, const wchar_t *s, size_t n, size_t destlen)
{
	if (CHK_UNLIKELY(destlen < n))
		__chk_fail();
	return wcpncpy(d, s, n);
}

CHK_EXPORT wchar_t *
__wcscat_chk(wchar_t *d, const wchar_t *s, size_t destlen)
{
	size_t dl = wcsnlen(d, destlen);
	size_t sl;

	if (CHK_UNLIKELY(dl == destlen))
		__chk_fail();
	sl = wcslen(s);
	if (CHK_UNLIKELY(sl >= destlen - dl))
		__chk_fail();
	wmemcpy(d + dl, s, sl + 1);
	return d;
}

CHK_EXPORT wchar_t *
__wcsncat_chk(wchar_t *d, const wchar_t *s, size_t n, size_t destlen)
{
	size_t dl = wcsnlen(d, destlen);
	size_t sl;

	if (CHK_UNLIKELY(dl == destlen))
		__chk_fail();
	if (n == 0)
		return d;
	sl = wcsnlen(s, n);
	if (CHK_UNLIKELY(sl >= destlen - dl))
		__chk_fail();
	wmemcpy(d + dl, s, sl);
	d[dl + sl] = L'\0';
	return d;
}

CHK_EXPORT size_t
__wcslcpy_chk(wchar_t *d, const wchar_t *s, size_t n, size_t destlen)
{
	if (CHK_UNLIKELY(destlen < n))
		__chk_fail();
	return chk_wcslcpy(d, s, n);
}

CHK_EXPORT size_t
__wcslcat_chk(wchar_t *d, const wchar_t *s, size_t n, size_t destlen)
{
	if (CHK_UNLIKELY(destlen < n))
		__chk_fail();
	return chk_wcslcat(d, s, n);
}
