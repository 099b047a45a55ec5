/* fortify-headers overlay for <syslog.h>; see __fh.h for the design. */
#pragma GCC system_header
#include "__fh.h"
#include_next <syslog.h>

#if !defined(__FH_SYSLOG_H) && __FH_ACTIVE
#define __FH_SYSLOG_H

/* syslog has no buffer: it is wrapped for the %n policy (level >= 2). */
#if __FH_LEVEL >= 2
/* Declared here: <syslog.h> declares vsyslog only for _GNU/_BSD_SOURCE. */
__FH_C_BEGIN
extern void __fh_orig_vsyslog(int, const char *, __builtin_va_list)
	__asm__(__FH_STR(__USER_LABEL_PREFIX__) "vsyslog");
__FH_C_END
#if __FH_CLANG
__FH_VFN(void, syslog)(int __fh_pri, const char *__fh_f, ...) __FH_IF_UNKNOWN(__fh_f)
	__attribute__((__format__(__printf__, 2, 3)))
{
	__builtin_va_list __fh_ap;

	__FH_CHK_FMT("syslog", __fh_f, 0);
	__builtin_va_start(__fh_ap, __fh_f);
	__fh_orig_vsyslog(__fh_pri, __fh_f, __fh_ap);
	__builtin_va_end(__fh_ap);
}
#else
__FH_DECL_ORIG(syslog)
__FH_FN(void, syslog)(int __fh_pri, const char *__fh_f, ...)
{
	__FH_CHK_FMT("syslog", __fh_f, __FH_FMT_KNOWN(__fh_f));
	__fh_orig_syslog(__fh_pri, __fh_f, __builtin_va_arg_pack());
}
#endif

#if __FH_MISC
#if __FH_CLANG
__FH_FN(void, vsyslog)(int __fh_pri, const char *__fh_f, __builtin_va_list __fh_ap)
	__FH_IF_UNKNOWN(__fh_f)
#else
__FH_FN(void, vsyslog)(int __fh_pri, const char *__fh_f, __builtin_va_list __fh_ap)
#endif
{
	__FH_CHK_FMT("vsyslog", __fh_f, __FH_FMT_KNOWN(__fh_f));
	__fh_orig_vsyslog(__fh_pri, __fh_f, __fh_ap);
}
#endif
#endif

#endif
