/* fortify-headers overlay for <fcntl.h>; see __fh.h for the design. */
#pragma GCC system_header
#include "__fh.h"
#include_next <fcntl.h>

#if !defined(__FH_FCNTL_H) && __FH_ACTIVE
#define __FH_FCNTL_H

/*
 * open/openat with O_CREAT or O_TMPFILE read a mode argument; without
 * one they create the file with whatever the stack holds.  A missing
 * mode is a compile-time error when the flags are constant and traps at
 * run time otherwise; more than one variadic argument is an error.
 */
#ifdef O_TMPFILE
#define __FH_NEEDS_MODE(f) (((f) & O_CREAT) != 0 || ((f) & O_TMPFILE) == O_TMPFILE)
#else
#define __FH_NEEDS_MODE(f) (((f) & O_CREAT) != 0)
#endif

#if defined(__GLIBC__) && defined(__USE_FILE_OFFSET64)
#define __FH_OPEN_SYM "open64"
#define __FH_OPENAT_SYM "openat64"
#else
#define __FH_OPEN_SYM "open"
#define __FH_OPENAT_SYM "openat"
#endif
#if __FH_CLANG
/* The overload without the mode is the one that can lack it. */
#define __FH_OPEN(fn, sym, params, args, pargs) \
__FH_DECL_ALIAS_AS(fn, sym) \
__FH_FN(int, fn) params __FH_PREFER \
	__FH_DIAG_ERR(__FH_NEEDS_MODE(__fh_f), #fn ": O_CREAT or O_TMPFILE needs a mode argument") \
{ \
	if (__FH_NEEDS_MODE(__fh_f)) \
		__fh_fail_why(#fn, __FH_WHY_MODE); \
	return __fh_orig_##fn args; \
}
#else
__FH_C_BEGIN
extern void __fh_open_missing_mode(void)
	__attribute__((__error__("open/openat: O_CREAT or O_TMPFILE needs a mode argument")));
extern void __fh_open_too_many(void)
	__attribute__((__error__("open/openat: too many arguments")));
__FH_C_END

#define __FH_OPEN(fn, sym, params, args, pargs) \
__FH_DECL_ALIAS_AS(fn, sym) \
__FH_FN(int, fn) params \
{ \
	if (__builtin_va_arg_pack_len() > 1) \
		__fh_open_too_many(); \
	if (__builtin_va_arg_pack_len() < 1) { \
		if (__builtin_constant_p(__fh_f) && __FH_NEEDS_MODE(__fh_f)) \
			__fh_open_missing_mode(); \
		if (__FH_NEEDS_MODE(__fh_f)) \
			__fh_fail_why(#fn, __FH_WHY_MODE); \
		return __fh_orig_##fn args; \
	} \
	return __fh_orig_##fn pargs; \
}
#endif

#if __FH_CLANG
#define __FH_P2 (const char *__fh_p, int __fh_f)
#define __FH_P3 (int __fh_fd, const char *__fh_p, int __fh_f)
#else
#define __FH_P2 (const char *__fh_p, int __fh_f, ...)
#define __FH_P3 (int __fh_fd, const char *__fh_p, int __fh_f, ...)
#endif
__FH_OPEN(open, __FH_OPEN_SYM, __FH_P2, (__fh_p, __fh_f),
    (__fh_p, __fh_f, __builtin_va_arg_pack()))
__FH_OPEN(openat, __FH_OPENAT_SYM, __FH_P3, (__fh_fd, __fh_p, __fh_f),
    (__fh_fd, __fh_p, __fh_f, __builtin_va_arg_pack()))
/* glibc's explicit large-file names (musl makes them macros). */
#if defined(__GLIBC__) && defined(__USE_LARGEFILE64)
__FH_OPEN(open64, "open64", __FH_P2, (__fh_p, __fh_f),
    (__fh_p, __fh_f, __builtin_va_arg_pack()))
__FH_OPEN(openat64, "openat64", __FH_P3, (__fh_fd, __fh_p, __fh_f),
    (__fh_fd, __fh_p, __fh_f, __builtin_va_arg_pack()))
#endif
#undef __FH_P2
#undef __FH_P3
#undef __FH_OPEN

#endif
