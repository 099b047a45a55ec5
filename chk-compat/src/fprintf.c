/* Formatting to streams and descriptors: only the flag checks apply;
 * these entry points have no size to check. */
#include <stdio.h>

#include "chk.h"

CHK_EXPORT int
__vfprintf_chk(FILE *f, int flag, const char *fmt, va_list ap)
{
	chk_printf_check_stream(flag, fmt, f, ap);
	return vfprintf(f, fmt, ap);
}

CHK_EXPORT int
__fprintf_chk(FILE *f, int flag, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = __vfprintf_chk(f, flag, fmt, ap);
	va_end(ap);
	return r;
}

CHK_EXPORT int
__vprintf_chk(int flag, const char *fmt, va_list ap)
{
	return __vfprintf_chk(stdout, flag, fmt, ap);
}

CHK_EXPORT int
__printf_chk(int flag, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = __vfprintf_chk(stdout, flag, fmt, ap);
	va_end(ap);
	return r;
}

CHK_EXPORT int
__vdprintf_chk(int fd, int flag, const char *fmt, va_list ap)
{
	chk_printf_check(flag, fmt);
	return vdprintf(fd, fmt, ap);
}

CHK_EXPORT int
__dprintf_chk(int fd, int flag, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = __vdprintf_chk(fd, flag, fmt, ap);
	va_end(ap);
	return r;
}

CHK_EXPORT int
__vasprintf_chk(char **out, int flag, const char *fmt, va_list ap)
{
	chk_printf_check(flag, fmt);
	return vasprintf(out, fmt, ap);
}

CHK_EXPORT int
__asprintf_chk(char **out, int flag, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = __vasprintf_chk(out, flag, fmt, ap);
	va_end(ap);
	return r;
}
