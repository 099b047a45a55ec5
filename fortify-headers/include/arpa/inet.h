/* fortify-headers overlay for <arpa/inet.h>; see __fh.h for the design. */
#pragma GCC system_header
#include "../__fh.h"
#include_next <arpa/inet.h>

#if !defined(__FH_ARPA_INET_H) && __FH_ACTIVE
#define __FH_ARPA_INET_H

__FH_DECL_ORIG(inet_ntop)
__FH_FN(const char *, inet_ntop)(int __fh_af, const void *__restrict __fh_src,
    char *__restrict const __fh_d __FH_POSS, socklen_t __fh_n) __FH_NT
	__FH_DIAG(__FH_OVER(__fh_n, __fh_d, __FH_TS), "inet_ntop: size is larger than the destination buffer")
{
	__FH_CHKS("inet_ntop", __fh_d, __fh_n);
	return __FH_ORIG(inet_ntop)(__fh_af, __fh_src, __fh_d, __fh_n);
}

/* inet_pton writes 4 bytes for AF_INET, 16 for AF_INET6. */
__FH_DECL_ORIG(inet_pton)
__FH_FN(int, inet_pton)(int __fh_af, const char *__restrict __fh_src,
    void *__restrict const __fh_d __FH_POS0) __FH_NT
	__FH_DIAG(__fh_af == AF_INET && __FH_OVER(4, __fh_d, 0), "inet_pton: an AF_INET address needs 4 bytes")
	__FH_DIAG(__fh_af == AF_INET6 && __FH_OVER(16, __fh_d, 0), "inet_pton: an AF_INET6 address needs 16 bytes")
{
	__FH_CHECK("inet_pton", (__fh_af == AF_INET && 4 > __FH_BOS0(__fh_d)) ||
	    (__fh_af == AF_INET6 && 16 > __FH_BOS0(__fh_d)));
	return __FH_ORIG(inet_pton)(__fh_af, __fh_src, __fh_d);
}

#endif
