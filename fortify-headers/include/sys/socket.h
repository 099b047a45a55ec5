/* fortify-headers overlay for <sys/socket.h>; see __fh.h for the design. */
#pragma GCC system_header
#include "../__fh.h"
#include_next <sys/socket.h>

#if !defined(__FH_SYS_SOCKET_H) && __FH_ACTIVE
#define __FH_SYS_SOCKET_H

/* glibc's address parameters are transparent unions in GNU C. */
#ifdef __GLIBC__
#define __FH_SA __SOCKADDR_ARG
#define __FH_CSA __CONST_SOCKADDR_ARG
#else
#define __FH_SA struct sockaddr *__restrict
#define __FH_CSA const struct sockaddr *
#endif

__FH_DECL_ORIG(recv)
__FH_FN(ssize_t, recv)(int __fh_fd, void *const __fh_b __FH_POS0, __fh_size_t __fh_n,
    int __fh_fl)
	__FH_DIAG(__FH_OVER(__fh_n, __fh_b, 0), "recv: size is larger than the destination buffer")
{
	__FH_CHK0("recv", __fh_b, __fh_n);
	return __FH_ORIG(recv)(__fh_fd, __fh_b, __fh_n, __fh_fl);
}

__FH_DECL_ORIG(recvfrom)
__FH_FN(ssize_t, recvfrom)(int __fh_fd, void *__restrict const __fh_b __FH_POS0,
    __fh_size_t __fh_n, int __fh_fl, __FH_SA __fh_a, socklen_t *__restrict __fh_al)
	__FH_DIAG(__FH_OVER(__fh_n, __fh_b, 0), "recvfrom: size is larger than the destination buffer")
{
	__FH_CHK0("recvfrom", __fh_b, __fh_n);
	return __FH_ORIG(recvfrom)(__fh_fd, __fh_b, __fh_n, __fh_fl, __fh_a, __fh_al);
}

/* send and sendto read n bytes: the source must hold them. */
__FH_DECL_ORIG(send)
__FH_FN(ssize_t, send)(int __fh_fd, const void *const __fh_b __FH_POS0, __fh_size_t __fh_n,
    int __fh_fl)
	__FH_DIAG(__FH_OVER(__fh_n, __fh_b, 0), "send: size is larger than the source buffer")
{
	__FH_CHK0("send", __fh_b, __fh_n);
	return __FH_ORIG(send)(__fh_fd, __fh_b, __fh_n, __fh_fl);
}

__FH_DECL_ORIG(sendto)
__FH_FN(ssize_t, sendto)(int __fh_fd, const void *const __fh_b __FH_POS0,
    __fh_size_t __fh_n, int __fh_fl, __FH_CSA __fh_a, socklen_t __fh_al)
	__FH_DIAG(__FH_OVER(__fh_n, __fh_b, 0), "sendto: size is larger than the source buffer")
{
	__FH_CHK0("sendto", __fh_b, __fh_n);
	return __FH_ORIG(sendto)(__fh_fd, __fh_b, __fh_n, __fh_fl, __fh_a, __fh_al);
}
#undef __FH_SA
#undef __FH_CSA

#endif
