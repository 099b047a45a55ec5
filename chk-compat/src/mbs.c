/* Multibyte <-> wide conversions.  Destination sizes are in the units of
 * the destination: wchar_t for mbs*towcs, bytes for wcs*tombs. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "chk.h"

/* glibc checks the object against the locale's worst case up front. */
CHK_EXPORT int
__wctomb_chk(char *s, wchar_t wc, size_t buflen)
{
	if (CHK_UNLIKELY(buflen < MB_CUR_MAX))
		__chk_fail();
	return wctomb(s, wc);
}

/* Converts into a local buffer and aborts only when the bytes actually
 * produced exceed the object (glibc wcsmbs/wcrtomb.c, __wcrtomb_internal):
 * an ASCII character fits a 1-byte buffer even in a UTF-8 locale. */
CHK_EXPORT size_t
__wcrtomb_chk(char *s, wchar_t wc, mbstate_t *ps, size_t buflen)
{
	char tmp[MB_LEN_MAX];
	size_t r;

	if (s == NULL)
		return wcrtomb(NULL, wc, ps);
	r = wcrtomb(tmp, wc, ps);
	if (r == (size_t)-1)
		return r;
	if (CHK_UNLIKELY(r > buflen))
		__chk_fail();
	memcpy(s, tmp, r);
	return r;
}

CHK_EXPORT size_t
__mbstowcs_chk(wchar_t *d, const char *s, size_t len, size_t dstlen)
{
	if (CHK_UNLIKELY(dstlen < len))
		__chk_fail();
	return mbstowcs(d, s, len);
}

CHK_EXPORT size_t
__wcstombs_chk(char *d, const wchar_t *s, size_t len, size_t dstlen)
{
	if (CHK_UNLIKELY(dstlen < len))
		__chk_fail();
	return wcstombs(d, s, len);
}

CHK_EXPORT size_t
__mbsrtowcs_chk(wchar_t *d, const char **s, size_t len, mbstate_t *ps,
    size_t dstlen)
{
	if (CHK_UNLIKELY(dstlen < len))
		__chk_fail();
	return mbsrtowcs(d, s, len, ps);
}

CHK_EXPORT size_t
__wcsrtombs_chk(char *d, const wchar_t **s, size_t len, mbstate_t *ps,
    size_t dstlen)
{
	if (CHK_UNLIKELY(dstlen < len))
		__chk_fail();
	return wcsrtombs(d, s, len, ps);
}

CHK_EXPORT size_t
__mbsnrtowcs_chk(wchar_t *d, const char **s, size_t nms, size_t len,
    mbstate_t *ps, size_t dstlen)
{
	if (CHK_UNLIKELY(dstlen < len))
		__chk_fail();
	return mbsnrtowcs(d, s, nms, len, ps);
}

CHK_EXPORT size_t
__wcsnrtombs_chk(char *d, const wchar_t **s, size_t nwc, size_t len,
    mbstate_t *ps, size_t dstlen)
{
	if (CHK_UNLIKELY(dstlen < len))
		__chk_fail();
	return wcsnrtombs(d, s, nwc, len, ps);
}
