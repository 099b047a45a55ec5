/* fortify-headers overlay for <unistd.h>; see __fh.h for the design. */
#pragma GCC system_header
#include "__fh.h"
#include_next <unistd.h>

#if !defined(__FH_UNISTD_H) && __FH_ACTIVE
#define __FH_UNISTD_H

/* Which of these the libc declared (musl: all but the last group). */
#ifdef __GLIBC__
#if defined(__USE_UNIX98) || defined(__USE_XOPEN2K8)
#define __FH_U_PREAD 1
#endif
#if defined(__USE_XOPEN_EXTENDED) || defined(__USE_XOPEN2K)
#define __FH_U_READLINK 1
#endif
#if defined(__USE_ATFILE)
#define __FH_U_READLINKAT 1
#endif
#if defined(__USE_POSIX2)
#define __FH_U_CONFSTR 1
#endif
#if defined(__USE_POSIX)
#define __FH_U_TTYNAME_R 1
#endif
#if defined(__USE_REENTRANT) || defined(__USE_POSIX199506)
#define __FH_U_GETLOGIN_R 1
#endif
#if defined(__USE_MISC) || defined(__USE_UNIX98)
#define __FH_U_GETHOSTNAME 1
#endif
#if defined(__USE_XOPEN)
#define __FH_U_SWAB 1
#endif
#if defined(__USE_FILE_OFFSET64)
#define __FH_U_PREAD_SYM "pread64"
#define __FH_U_PWRITE_SYM "pwrite64"
#endif
#else
#define __FH_U_PREAD 1
#define __FH_U_READLINK 1
#define __FH_U_READLINKAT 1
#define __FH_U_CONFSTR 1
#define __FH_U_TTYNAME_R 1
#define __FH_U_GETLOGIN_R 1
#define __FH_U_GETHOSTNAME 1
#define __FH_U_SWAB __FH_XSI
#endif
#ifndef __FH_U_PREAD_SYM
#define __FH_U_PREAD_SYM "pread"
#define __FH_U_PWRITE_SYM "pwrite"
#endif

/* n bytes into (or, for write, out of) buf: whole-object size. */
__FH_DECL_ORIG(read)
__FH_FN(ssize_t, read)(int __fh_fd, void *const __fh_b __FH_POS0, __fh_size_t __fh_n)
	__FH_DIAG(__FH_OVER(__fh_n, __fh_b, 0), "read: size is larger than the destination buffer")
{
	__FH_CHK0("read", __fh_b, __fh_n);
	return __FH_ORIG(read)(__fh_fd, __fh_b, __fh_n);
}

__FH_DECL_ORIG(write)
__FH_FN(ssize_t, write)(int __fh_fd, const void *const __fh_b __FH_POS0, __fh_size_t __fh_n)
	__FH_DIAG(__FH_OVER(__fh_n, __fh_b, 0), "write: size is larger than the source buffer")
{
	__FH_CHK0("write", __fh_b, __fh_n);
	return __FH_ORIG(write)(__fh_fd, __fh_b, __fh_n);
}

#if __FH_U_PREAD
__FH_DECL_ORIG_AS(pread, __FH_U_PREAD_SYM)
__FH_FN(ssize_t, pread)(int __fh_fd, void *const __fh_b __FH_POS0, __fh_size_t __fh_n,
    off_t __fh_o)
	__FH_DIAG(__FH_OVER(__fh_n, __fh_b, 0), "pread: size is larger than the destination buffer")
{
	__FH_CHK0("pread", __fh_b, __fh_n);
	return __FH_ORIG(pread)(__fh_fd, __fh_b, __fh_n, __fh_o);
}

__FH_DECL_ORIG_AS(pwrite, __FH_U_PWRITE_SYM)
__FH_FN(ssize_t, pwrite)(int __fh_fd, const void *const __fh_b __FH_POS0,
    __fh_size_t __fh_n, off_t __fh_o)
	__FH_DIAG(__FH_OVER(__fh_n, __fh_b, 0), "pwrite: size is larger than the source buffer")
{
	__FH_CHK0("pwrite", __fh_b, __fh_n);
	return __FH_ORIG(pwrite)(__fh_fd, __fh_b, __fh_n, __fh_o);
}
#endif

/* glibc's explicit large-file names (musl makes them macros for pread). */
#if __FH_U_PREAD && defined(__GLIBC__) && defined(__USE_LARGEFILE64)
__FH_DECL_ORIG(pread64)
__FH_FN(ssize_t, pread64)(int __fh_fd, void *const __fh_b __FH_POS0, __fh_size_t __fh_n,
    __off64_t __fh_o)
	__FH_DIAG(__FH_OVER(__fh_n, __fh_b, 0), "pread64: size is larger than the destination buffer")
{
	__FH_CHK0("pread64", __fh_b, __fh_n);
	return __FH_ORIG(pread64)(__fh_fd, __fh_b, __fh_n, __fh_o);
}

__FH_DECL_ORIG(pwrite64)
__FH_FN(ssize_t, pwrite64)(int __fh_fd, const void *const __fh_b __FH_POS0,
    __fh_size_t __fh_n, __off64_t __fh_o)
	__FH_DIAG(__FH_OVER(__fh_n, __fh_b, 0), "pwrite64: size is larger than the source buffer")
{
	__FH_CHK0("pwrite64", __fh_b, __fh_n);
	return __FH_ORIG(pwrite64)(__fh_fd, __fh_b, __fh_n, __fh_o);
}
#endif

/* Names and paths: string destinations (sub-object at level 2). */
#if __FH_U_READLINK
__FH_DECL_ORIG(readlink)
__FH_FN(ssize_t, readlink)(const char *__restrict __fh_p,
    char *__restrict const __fh_b __FH_POSS, __fh_size_t __fh_n) __FH_NT
	__FH_DIAG(__FH_OVER(__fh_n, __fh_b, __FH_TS), "readlink: size is larger than the destination buffer")
{
	__FH_CHKS("readlink", __fh_b, __fh_n);
	return __FH_ORIG(readlink)(__fh_p, __fh_b, __fh_n);
}
#endif

#if __FH_U_READLINKAT
__FH_DECL_ORIG(readlinkat)
__FH_FN(ssize_t, readlinkat)(int __fh_fd, const char *__restrict __fh_p,
    char *__restrict const __fh_b __FH_POSS, __fh_size_t __fh_n) __FH_NT
	__FH_DIAG(__FH_OVER(__fh_n, __fh_b, __FH_TS), "readlinkat: size is larger than the destination buffer")
{
	__FH_CHKS("readlinkat", __fh_b, __fh_n);
	return __FH_ORIG(readlinkat)(__fh_fd, __fh_p, __fh_b, __fh_n);
}
#endif

/* getcwd(NULL, n) allocates (glibc, musl): only a buffer is checked. */
__FH_DECL_ORIG(getcwd)
__FH_FN(char *, getcwd)(char *const __fh_b __FH_POSS, __fh_size_t __fh_n) __FH_NT
	__FH_DIAG(__fh_b && __FH_OVER(__fh_n, __fh_b, __FH_TS), "getcwd: size is larger than the destination buffer")
{
	__FH_CHECK("getcwd", __fh_b && __fh_n > __FH_BOSS(__fh_b));
	return __FH_ORIG(getcwd)(__fh_b, __fh_n);
}

#if __FH_U_CONFSTR
__FH_DECL_ORIG(confstr)
__FH_FN(__fh_size_t, confstr)(int __fh_name, char *const __fh_b __FH_POSS,
    __fh_size_t __fh_n) __FH_NT
	__FH_DIAG(__fh_b && __FH_OVER(__fh_n, __fh_b, __FH_TS), "confstr: size is larger than the destination buffer")
{
	__FH_CHECK("confstr", __fh_b && __fh_n > __FH_BOSS(__fh_b));
	return __FH_ORIG(confstr)(__fh_name, __fh_b, __fh_n);
}
#endif

/* getgroups(0, list) only counts. */
__FH_DECL_ORIG(getgroups)
__FH_FN(int, getgroups)(int __fh_n, gid_t *const __fh_l __FH_POS0) __FH_NT
	__FH_DIAG(__fh_n > 0 && __FH_OVER((__fh_size_t)__fh_n * sizeof(gid_t), __fh_l, 0),
	    "getgroups: count is larger than the destination array")
{
	__FH_CHECK("getgroups", __fh_n > 0 &&
	    (__fh_size_t)__fh_n > __FH_BOS0(__fh_l) / sizeof(gid_t));
	return __FH_ORIG(getgroups)(__fh_n, __fh_l);
}

#if __FH_U_TTYNAME_R
__FH_DECL_ORIG(ttyname_r)
__FH_FN(int, ttyname_r)(int __fh_fd, char *const __fh_b __FH_POSS, __fh_size_t __fh_n) __FH_NT
	__FH_DIAG(__FH_OVER(__fh_n, __fh_b, __FH_TS), "ttyname_r: size is larger than the destination buffer")
{
	__FH_CHKS("ttyname_r", __fh_b, __fh_n);
	return __FH_ORIG(ttyname_r)(__fh_fd, __fh_b, __fh_n);
}
#endif

#if __FH_U_GETLOGIN_R
__FH_DECL_ORIG(getlogin_r)
__FH_FN(int, getlogin_r)(char *const __fh_b __FH_POSS, __fh_size_t __fh_n)
	__FH_DIAG(__FH_OVER(__fh_n, __fh_b, __FH_TS), "getlogin_r: size is larger than the destination buffer")
{
	__FH_CHKS("getlogin_r", __fh_b, __fh_n);
	return __FH_ORIG(getlogin_r)(__fh_b, __fh_n);
}
#endif

#if __FH_U_GETHOSTNAME
__FH_DECL_ORIG(gethostname)
__FH_FN(int, gethostname)(char *const __fh_b __FH_POSS, __fh_size_t __fh_n) __FH_NT
	__FH_DIAG(__FH_OVER(__fh_n, __fh_b, __FH_TS), "gethostname: size is larger than the destination buffer")
{
	__FH_CHKS("gethostname", __fh_b, __fh_n);
	return __FH_ORIG(gethostname)(__fh_b, __fh_n);
}
#endif

#if __FH_MISC
__FH_DECL_ORIG(getdomainname)
__FH_FN(int, getdomainname)(char *const __fh_b __FH_POSS, __fh_size_t __fh_n) __FH_NT
	__FH_DIAG(__FH_OVER(__fh_n, __fh_b, __FH_TS), "getdomainname: size is larger than the destination buffer")
{
	__FH_CHKS("getdomainname", __fh_b, __fh_n);
	return __FH_ORIG(getdomainname)(__fh_b, __fh_n);
}

__FH_DECL_ORIG(getentropy)
__FH_FN(int, getentropy)(void *const __fh_b __FH_POS0, __fh_size_t __fh_n)
	__FH_DIAG(__FH_OVER(__fh_n, __fh_b, 0), "getentropy: size is larger than the destination buffer")
{
	__FH_CHK0("getentropy", __fh_b, __fh_n);
	return __FH_ORIG(getentropy)(__fh_b, __fh_n);
}
#endif

/* swab() with a negative n does nothing (POSIX). */
#if __FH_U_SWAB
__FH_DECL_ORIG(swab)
__FH_FN(void, swab)(const void *__restrict const __fh_s __FH_POS0,
    void *__restrict const __fh_d __FH_POS0, ssize_t __fh_n) __FH_NT
	__FH_DIAG(__fh_n > 0 && __FH_OVER((__fh_size_t)__fh_n, __fh_d, 0), "swab: size is larger than the destination buffer")
	__FH_DIAG(__fh_n > 0 && __FH_OVER((__fh_size_t)__fh_n, __fh_s, 0), "swab: size is larger than the source buffer")
{
	__FH_CHECK("swab", __fh_n > 0 && (__fh_size_t)__fh_n > __FH_BOS0(__fh_d));
	__FH_CHECK("swab", __fh_n > 0 && (__fh_size_t)__fh_n > __FH_BOS0(__fh_s));
	__FH_ORIG(swab)(__fh_s, __fh_d, __fh_n);
}
#endif

#endif
