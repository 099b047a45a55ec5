/* fortify-headers overlay for <time.h>; see __fh.h for the design. */
#pragma GCC system_header
#include "__fh.h"
#include_next <time.h>

#if !defined(__FH_TIME_H) && __FH_ACTIVE && defined(_TIME_H)
#define __FH_TIME_H

__FH_DECL_ORIG(strftime)
__FH_FN(__fh_size_t, strftime)(char *__restrict const __fh_d __FH_POSS, __fh_size_t __fh_n,
    const char *__restrict __fh_f, const struct tm *__restrict __fh_tm) __FH_NT
	__FH_DIAG(__FH_OVER(__fh_n, __fh_d, __FH_TS), "strftime: size is larger than the destination buffer")
{
	__FH_CHKS("strftime", __fh_d, __fh_n);
	return __FH_ORIG(strftime)(__fh_d, __fh_n, __fh_f, __fh_tm);
}

#endif
