/* fortify-headers overlay for <strings.h>; see __fh.h for the design. */
#pragma GCC system_header
#include "__fh.h"
#include_next <strings.h>

#if !defined(__FH_STRINGS_H) && __FH_ACTIVE
#define __FH_STRINGS_H

/* bcopy() and bzero() left POSIX in 2008; libcs still declare them. */
#if defined(__GLIBC__)
#define __FH_BCOPY (__FH_MISC || !__FH_POSIX08)
#elif __FH_MISC || defined(_POSIX_SOURCE) || \
    (defined(_POSIX_C_SOURCE) && _POSIX_C_SOURCE + 0 < 200809L) || \
    (defined(_XOPEN_SOURCE) && _XOPEN_SOURCE + 0 < 700)
#define __FH_BCOPY 1
#else
#define __FH_BCOPY 0
#endif
#if __FH_BCOPY
__FH_FN(void, bcopy)(const void *const __fh_s __FH_POS0,
    void *const __fh_d __FH_POS0, __fh_size_t __fh_n) __FH_NT
	__FH_DIAG(__FH_OVER(__fh_n, __fh_d, 0), "bcopy: size is larger than the destination buffer")
	__FH_DIAG(__FH_OVER(__fh_n, __fh_s, 0), "bcopy: size is larger than the source buffer")
{
	__FH_CHK0("bcopy", __fh_d, __fh_n);
	__FH_CHK0("bcopy", __fh_s, __fh_n);
	(void)__builtin_memmove(__fh_d, __fh_s, __fh_n);
}

__FH_FN(void, bzero)(void *const __fh_d __FH_POS0, __fh_size_t __fh_n) __FH_NT
	__FH_DIAG(__FH_OVER(__fh_n, __fh_d, 0), "bzero: size is larger than the buffer")
{
	__FH_CHK0("bzero", __fh_d, __fh_n);
	(void)__builtin_memset(__fh_d, 0, __fh_n);
}
#endif

#endif
