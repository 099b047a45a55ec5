/* Wide formatting.  swprintf's n and slen are in wchar_t units. */
#include <stdio.h>
#include <wchar.h>

#include "chk.h"

CHK_EXPORT int
__vswprintf_chk(wchar_t *s, size_t n, int flag, size_t slen,
    const wchar_t *fmt, va_list ap)
{
	int r;

	if (CHK_UNLIKELY(n > slen))
		__chk_fail();
	chk_wprintf_check(flag, fmt);
	chk_wide_positional_prepare(fmt);
	r = vswprintf(s, n, fmt, ap);
	CHK_NO_TAIL_CALL(r);
	return r;
}

CHK_EXPORT int
__swprintf_chk(wchar_t *s, size_t n, int flag, size_t slen,
    const wchar_t *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = __vswprintf_chk(s, n, flag, slen, fmt, ap);
	va_end(ap);
	return r;
}

CHK_EXPORT int
__vfwprintf_chk(FILE *f, int flag, const wchar_t *fmt, va_list ap)
{
	int r;

	chk_wprintf_check_stream(flag, fmt, f, ap);
	chk_wide_positional_prepare(fmt);
	r = vfwprintf(f, fmt, ap);
	CHK_NO_TAIL_CALL(r);
	return r;
}

CHK_EXPORT int
__fwprintf_chk(FILE *f, int flag, const wchar_t *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = __vfwprintf_chk(f, flag, fmt, ap);
	va_end(ap);
	return r;
}

CHK_EXPORT int
__vwprintf_chk(int flag, const wchar_t *fmt, va_list ap)
{
	return __vfwprintf_chk(stdout, flag, fmt, ap);
}

CHK_EXPORT int
__wprintf_chk(int flag, const wchar_t *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = __vfwprintf_chk(stdout, flag, fmt, ap);
	va_end(ap);
	return r;
}
