/* fortify-headers overlay for <sys/select.h>; see __fh.h for the design. */
#pragma GCC system_header
#include "../__fh.h"
#include_next <sys/select.h>

#if !defined(__FH_SYS_SELECT_H) && __FH_ACTIVE
#define __FH_SYS_SELECT_H

/*
 * FD_SET, FD_CLR and FD_ISSET become inline functions that check the
 * bit against the object holding the set, not against FD_SETSIZE: a
 * program may allocate a larger set for descriptors past FD_SETSIZE.
 * A negative descriptor always traps.  The set is an array of longs in
 * both libcs (glibc's __fd_mask, musl's unsigned long).
 */
#define __FH_NFDBITS (8 * sizeof(unsigned long))

static __inline__ __attribute__((__always_inline__, __unused__))
unsigned long *__fh_fd_word(const char *__fh_fn, int __fh_fd,
    void *__fh_set, __fh_size_t __fh_size)
{
	__FH_CHECK(__fh_fn, __fh_fd < 0 ||
	    (__fh_size_t)__fh_fd / __FH_NFDBITS >= __fh_size / sizeof(unsigned long));
	return (unsigned long *)__fh_set + (__fh_size_t)__fh_fd / __FH_NFDBITS;
}
#define __FH_FD_BIT(fd) (1UL << ((unsigned)(fd) % __FH_NFDBITS))

#if __FH_CLANG
#define __FH_FDFN(ret, name) static __inline__ __attribute__((__always_inline__, \
	__overloadable__, __unused__)) ret name
#else
#define __FH_FDFN(ret, name) static __inline__ __attribute__((__always_inline__, \
	__artificial__, __unused__)) ret name
#endif

__FH_FDFN(void, __fh_FD_SET)(int __fh_fd, fd_set *const __fh_s __FH_POS0)
	__FH_DIAG(__fh_fd < 0, "FD_SET: negative descriptor")
	__FH_DIAG(__FH_OVER(((__fh_size_t)__fh_fd / __FH_NFDBITS + 1) * sizeof(unsigned long), __fh_s, 0), "FD_SET: descriptor is past the end of the set")
{
	*__fh_fd_word("FD_SET", __fh_fd, __fh_s, __FH_BOS0(__fh_s)) |= __FH_FD_BIT(__fh_fd);
}

__FH_FDFN(void, __fh_FD_CLR)(int __fh_fd, fd_set *const __fh_s __FH_POS0)
	__FH_DIAG(__fh_fd < 0, "FD_CLR: negative descriptor")
	__FH_DIAG(__FH_OVER(((__fh_size_t)__fh_fd / __FH_NFDBITS + 1) * sizeof(unsigned long), __fh_s, 0), "FD_CLR: descriptor is past the end of the set")
{
	*__fh_fd_word("FD_CLR", __fh_fd, __fh_s, __FH_BOS0(__fh_s)) &= ~__FH_FD_BIT(__fh_fd);
}

__FH_FDFN(int, __fh_FD_ISSET)(int __fh_fd, const fd_set *const __fh_s __FH_POS0)
	__FH_DIAG(__fh_fd < 0, "FD_ISSET: negative descriptor")
	__FH_DIAG(__FH_OVER(((__fh_size_t)__fh_fd / __FH_NFDBITS + 1) * sizeof(unsigned long), __fh_s, 0), "FD_ISSET: descriptor is past the end of the set")
{
	return (*__fh_fd_word("FD_ISSET", __fh_fd, (void *)(__fh_size_t)__fh_s,
	    __FH_BOS0(__fh_s)) & __FH_FD_BIT(__fh_fd)) != 0;
}
#undef __FH_FDFN

#undef FD_SET
#undef FD_CLR
#undef FD_ISSET
#define FD_SET(fd, set) __fh_FD_SET((fd), (set))
#define FD_CLR(fd, set) __fh_FD_CLR((fd), (set))
#define FD_ISSET(fd, set) __fh_FD_ISSET((fd), (set))

#endif
