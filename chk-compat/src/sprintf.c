/* Formatting into a caller's buffer (glibc debug/v?s{,n}printf_chk.c). */
#include <limits.h>
#include <stdio.h>

#include "chk.h"

/*
 * musl's vsnprintf refuses sizes above INT_MAX (EOVERFLOW), glibc's do
 * not; output can never exceed INT_MAX anyway, so clamp.  This also gives
 * slen == (size_t)-1, "size unknown", its glibc meaning (BZ 30039).
 */
static size_t
clamp(size_t n)
{
	return n > INT_MAX ? INT_MAX : n;
}

/* glibc formats into s bounded by slen and aborts when the output (with
 * its NUL) does not fit; an empty object aborts at once. */
CHK_EXPORT int
__vsprintf_chk(char *s, int flag, size_t slen, const char *fmt, va_list ap)
{
	int r;

	if (CHK_UNLIKELY(slen == 0))
		__chk_fail();
	chk_printf_check(flag, fmt);
	r = vsnprintf(s, clamp(slen), fmt, ap);
	if (CHK_UNLIKELY(r >= 0 && (size_t)r >= slen))
		__chk_fail();
	return r;
}

CHK_EXPORT int
__sprintf_chk(char *s, int flag, size_t slen, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = __vsprintf_chk(s, flag, slen, fmt, ap);
	va_end(ap);
	return r;
}

/* The bound passed to snprintf must fit the object, whatever the output. */
CHK_EXPORT int
__vsnprintf_chk(char *s, size_t maxlen, int flag, size_t slen,
    const char *fmt, va_list ap)
{
	if (CHK_UNLIKELY(slen < maxlen))
		__chk_fail();
	chk_printf_check(flag, fmt);
	return vsnprintf(s, clamp(maxlen), fmt, ap);
}

CHK_EXPORT int
__snprintf_chk(char *s, size_t maxlen, int flag, size_t slen,
    const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = __vsnprintf_chk(s, maxlen, flag, slen, fmt, ap);
	va_end(ap);
	return r;
}
