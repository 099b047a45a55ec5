/* fortify-headers overlay for <poll.h>; see __fh.h for the design. */
#pragma GCC system_header
#include "__fh.h"
#include_next <poll.h>

#if !defined(__FH_POLL_H) && __FH_ACTIVE
#define __FH_POLL_H

#define __FH_POLL_OVER(n, p) (__builtin_object_size(p, 0) != __FH_UNKNOWN && \
	(n) > __builtin_object_size(p, 0) / sizeof(struct pollfd))

__FH_DECL_ORIG(poll)
__FH_FN(int, poll)(struct pollfd *const __fh_p __FH_POS0, nfds_t __fh_n, int __fh_t)
	__FH_DIAG(__FH_POLL_OVER(__fh_n, __fh_p), "poll: count is larger than the pollfd array")
{
	__FH_CHKN("poll", __fh_p, __fh_n, sizeof(struct pollfd));
	return __FH_ORIG(poll)(__fh_p, __fh_n, __fh_t);
}

/* musl (32-bit, time64) and glibc (_TIME_BITS=64) rename ppoll. */
#if __FH_GNU
#ifdef __GLIBC__
#define __FH_SIGSET __sigset_t
#else
#define __FH_SIGSET sigset_t
#endif
#if defined(_REDIR_TIME64) && _REDIR_TIME64
__FH_DECL_ORIG_AS(ppoll, "__ppoll_time64")
#elif defined(__USE_TIME_BITS64) && defined(__TIMESIZE) && __TIMESIZE == 32
__FH_DECL_ORIG_AS(ppoll, "__ppoll64")
#else
__FH_DECL_ORIG(ppoll)
#endif
__FH_FN(int, ppoll)(struct pollfd *const __fh_p __FH_POS0, nfds_t __fh_n,
    const struct timespec *__fh_t, const __FH_SIGSET *__fh_s)
	__FH_DIAG(__FH_POLL_OVER(__fh_n, __fh_p), "ppoll: count is larger than the pollfd array")
{
	__FH_CHKN("ppoll", __fh_p, __fh_n, sizeof(struct pollfd));
	return __FH_ORIG(ppoll)(__fh_p, __fh_n, __fh_t, __fh_s);
}
#undef __FH_SIGSET
#endif

#endif
