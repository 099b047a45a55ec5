/* fortify-headers overlay for <sys/random.h>; see __fh.h for the design. */
#pragma GCC system_header
#include "../__fh.h"
#include_next <sys/random.h>

#if !defined(__FH_SYS_RANDOM_H) && __FH_ACTIVE
#define __FH_SYS_RANDOM_H

__FH_DECL_ORIG(getrandom)
__FH_FN(ssize_t, getrandom)(void *const __fh_b __FH_POS0, __fh_size_t __fh_n,
    unsigned int __fh_fl)
	__FH_DIAG(__FH_OVER(__fh_n, __fh_b, 0), "getrandom: size is larger than the destination buffer")
{
	__FH_CHK0("getrandom", __fh_b, __fh_n);
	return __FH_ORIG(getrandom)(__fh_b, __fh_n, __fh_fl);
}

#endif
