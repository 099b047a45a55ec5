/* syslog with the printf family's flag checks (glibc misc/syslog.c). */
#include <syslog.h>

#include "chk.h"

CHK_EXPORT void
__vsyslog_chk(int pri, int flag, const char *fmt, va_list ap)
{
	chk_printf_check(flag, fmt);
	vsyslog(pri, fmt, ap);
}

CHK_EXPORT void
__syslog_chk(int pri, int flag, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	__vsyslog_chk(pri, flag, fmt, ap);
	va_end(ap);
}
