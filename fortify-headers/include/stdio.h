/* fortify-headers overlay for <stdio.h>; see __fh.h for the design. */
#pragma GCC system_header
#include "__fh.h"
/*
 * glibc's extern-inline vprintf (bits/stdio.h) would be a second
 * definition next to the wrapper: do without glibc's stdio inlines.
 */
#if __FH_ACTIVE && defined(__GLIBC__) && defined(__USE_EXTERN_INLINES) && \
    !defined(_STDIO_H)
#undef __USE_EXTERN_INLINES
#include_next <stdio.h>
#define __USE_EXTERN_INLINES 1
#else
#include_next <stdio.h>
#endif

#if !defined(__FH_STDIO_H) && __FH_ACTIVE
#define __FH_STDIO_H

/*
 * Buffer-writing printf functions.  sprintf and vsprintf become the
 * bounded call when the destination size is known, then trap if the
 * output did not fit; the snprintf pair trap if n exceeds the buffer.
 * GCC forwards the variadic arguments with __builtin_va_arg_pack();
 * Clang cannot, so its wrappers are static variadic functions that
 * forward a va_list to __fh_vsprintf().
 */
#if __FH_CLANG
static __inline__ __attribute__((__always_inline__, __unused__))
int __fh_vsprintf(const char *__fh_fn, char *__fh_d, __fh_size_t __fh_b,
    const char *__fh_f, __builtin_va_list __fh_ap)
{
	int __fh_r;

	if (__fh_b == __FH_UNKNOWN)
		return (&vsprintf)(__fh_d, __fh_f, __fh_ap);
	__fh_r = (&vsnprintf)(__fh_d, __fh_b, __fh_f, __fh_ap);
	if (__fh_r >= 0 && (__fh_size_t)__fh_r >= __fh_b)
		__fh_fail(__fh_fn);
	return __fh_r;
}

/* One overload per %n case: known formats skip the scan. */
#define __FH_SPRINTF(cond, known) \
__FH_VFN(int, sprintf)(char *__restrict const __fh_d __FH_POSS, \
    const char *__restrict __fh_f, ...) cond \
	__attribute__((__format__(__printf__, 2, 3))) \
{ \
	__builtin_va_list __fh_ap; \
	int __fh_r; \
	__FH_CHK_FMT("sprintf", __fh_f, known); \
	__builtin_va_start(__fh_ap, __fh_f); \
	__fh_r = __fh_vsprintf("sprintf", __fh_d, __FH_BOSS(__fh_d), __fh_f, __fh_ap); \
	__builtin_va_end(__fh_ap); \
	return __fh_r; \
} \
__FH_VFN(int, snprintf)(char *__restrict const __fh_d __FH_POSS, \
    __fh_size_t __fh_n, const char *__restrict __fh_f, ...) cond \
	__attribute__((__format__(__printf__, 3, 4))) \
	__FH_DIAG(__FH_OVER(__fh_n, __fh_d, __FH_TS), "snprintf: size is larger than the destination buffer") \
{ \
	__builtin_va_list __fh_ap; \
	int __fh_r; \
	__FH_CHK_FMT("snprintf", __fh_f, known); \
	__FH_CHKS("snprintf", __fh_d, __fh_n); \
	__builtin_va_start(__fh_ap, __fh_f); \
	__fh_r = (&vsnprintf)(__fh_d, __fh_n, __fh_f, __fh_ap); \
	__builtin_va_end(__fh_ap); \
	return __fh_r; \
}
__FH_SPRINTF(, 1)
#if __FH_LEVEL >= 2
__FH_SPRINTF(__FH_IF_UNKNOWN(__fh_f), 0)
#endif
#undef __FH_SPRINTF

#else /* GCC */
__FH_FN(int, sprintf)(char *__restrict const __fh_d,
    const char *__restrict __fh_f, ...) __FH_NT
{
	__fh_size_t __fh_b = __FH_BOSS(__fh_d);
	int __fh_r;

	__FH_CHK_FMT("sprintf", __fh_f, __FH_FMT_KNOWN(__fh_f));
	if (__fh_b == __FH_UNKNOWN)
		return __builtin_sprintf(__fh_d, __fh_f, __builtin_va_arg_pack());
	__fh_r = __builtin_snprintf(__fh_d, __fh_b, __fh_f, __builtin_va_arg_pack());
	__FH_CHECK("sprintf", __fh_r >= 0 && (__fh_size_t)__fh_r >= __fh_b);
	return __fh_r;
}

__FH_FN(int, snprintf)(char *__restrict const __fh_d, __fh_size_t __fh_n,
    const char *__restrict __fh_f, ...) __FH_NT
{
	__FH_CHK_FMT("snprintf", __fh_f, __FH_FMT_KNOWN(__fh_f));
	__FH_CHKS("snprintf", __fh_d, __fh_n);
	return __builtin_snprintf(__fh_d, __fh_n, __fh_f, __builtin_va_arg_pack());
}
#endif

__FH_FN(int, vsprintf)(char *__restrict const __fh_d __FH_POSS,
    const char *__restrict __fh_f, __builtin_va_list __fh_ap) __FH_NT
{
	__fh_size_t __fh_b = __FH_BOSS(__fh_d);
	int __fh_r;

	__FH_CHK_FMT("vsprintf", __fh_f, __FH_FMT_KNOWN(__fh_f));
	if (__fh_b == __FH_UNKNOWN)
		return __builtin_vsprintf(__fh_d, __fh_f, __fh_ap);
	__fh_r = __builtin_vsnprintf(__fh_d, __fh_b, __fh_f, __fh_ap);
	__FH_CHECK("vsprintf", __fh_r >= 0 && (__fh_size_t)__fh_r >= __fh_b);
	return __fh_r;
}

__FH_FN(int, vsnprintf)(char *__restrict const __fh_d __FH_POSS,
    __fh_size_t __fh_n, const char *__restrict __fh_f,
    __builtin_va_list __fh_ap) __FH_NT
	__FH_DIAG(__FH_OVER(__fh_n, __fh_d, __FH_TS), "vsnprintf: size is larger than the destination buffer")
{
	__FH_CHK_FMT("vsnprintf", __fh_f, __FH_FMT_KNOWN(__fh_f));
	__FH_CHKS("vsnprintf", __fh_d, __fh_n);
	return __builtin_vsnprintf(__fh_d, __fh_n, __fh_f, __fh_ap);
}

/*
 * Stream printf functions have no buffer to check: they exist only for
 * the %n policy, so only from level 2 on, and on Clang only as the
 * overload for formats the compiler does not know.
 */
#if __FH_LEVEL >= 2
#if __FH_CLANG
#define __FH_PRINTF(fn, vfn, args, cargs, fa, fmt) \
__FH_VFN(int, fn) args __FH_IF_UNKNOWN(fmt) __attribute__((__format__ fa)) \
{ \
	__builtin_va_list __fh_ap; \
	int __fh_r; \
	__FH_CHK_FMT(#fn, fmt, 0); \
	__builtin_va_start(__fh_ap, fmt); \
	__fh_r = (&vfn) cargs; \
	__builtin_va_end(__fh_ap); \
	return __fh_r; \
}
#define __FH_VPRINTF(fn, args, cargs, fmt) \
__FH_DECL_ALIAS(fn) \
__FH_FN(int, fn) args __FH_IF_UNKNOWN(fmt) \
{ \
	__FH_CHK_FMT(#fn, fmt, 0); \
	return __fh_orig_##fn cargs; \
}
#else
#define __FH_PRINTF(fn, vfn, args, cargs, fa, fmt) \
__FH_DECL_ORIG(fn) \
__FH_FN(int, fn) args \
{ \
	__FH_CHK_FMT(#fn, fmt, __FH_FMT_KNOWN(fmt)); \
	return __FH_ORIG(fn) cargs; \
}
#define __FH_VPRINTF(fn, args, cargs, fmt) \
__FH_DECL_ORIG(fn) \
__FH_FN(int, fn) args \
{ \
	__FH_CHK_FMT(#fn, fmt, __FH_FMT_KNOWN(fmt)); \
	return __FH_ORIG(fn) cargs; \
}
#endif
#if __FH_CLANG
#define __FH_PACK __fh_ap
#else
#define __FH_PACK __builtin_va_arg_pack()
#endif

__FH_PRINTF(printf, vprintf, (const char *__restrict __fh_f, ...),
    (__fh_f, __FH_PACK), (__printf__, 1, 2), __fh_f)
__FH_PRINTF(fprintf, vfprintf,
    (FILE *__restrict __fh_s, const char *__restrict __fh_f, ...),
    (__fh_s, __fh_f, __FH_PACK), (__printf__, 2, 3), __fh_f)
__FH_VPRINTF(vprintf, (const char *__restrict __fh_f, __builtin_va_list __fh_ap),
    (__fh_f, __fh_ap), __fh_f)
__FH_VPRINTF(vfprintf, (FILE *__restrict __fh_s, const char *__restrict __fh_f,
    __builtin_va_list __fh_ap), (__fh_s, __fh_f, __fh_ap), __fh_f)
#if __FH_POSIX08
__FH_PRINTF(dprintf, vdprintf, (int __fh_fd, const char *__restrict __fh_f, ...),
    (__fh_fd, __fh_f, __FH_PACK), (__printf__, 2, 3), __fh_f)
__FH_VPRINTF(vdprintf, (int __fh_fd, const char *__restrict __fh_f,
    __builtin_va_list __fh_ap), (__fh_fd, __fh_f, __fh_ap), __fh_f)
#endif
#if __FH_GNU || (!defined(__GLIBC__) && __FH_MISC)
__FH_PRINTF(asprintf, vasprintf, (char **__restrict __fh_p,
    const char *__restrict __fh_f, ...) __FH_NT,
    (__fh_p, __fh_f, __FH_PACK), (__printf__, 2, 3), __fh_f)
__FH_VPRINTF(vasprintf, (char **__restrict __fh_p, const char *__restrict __fh_f,
    __builtin_va_list __fh_ap) __FH_NT, (__fh_p, __fh_f, __fh_ap), __fh_f)
#endif
#undef __FH_PACK
#undef __FH_PRINTF
#undef __FH_VPRINTF
#endif /* level >= 2 */

/* Line input: fgets writes at most n - 1 chars and a NUL. */
#define __FH_FGETS(fn) \
__FH_DECL_ORIG(fn) \
__FH_FN(char *, fn)(char *__restrict const __fh_d __FH_POSS, int __fh_n, \
    FILE *__restrict __fh_s) \
	__FH_DIAG(__fh_n > 0 && __FH_OVER((__fh_size_t)__fh_n, __fh_d, __FH_TS), #fn ": size is larger than the destination buffer") \
{ \
	__FH_CHECK(#fn, __fh_n > 0 && (__fh_size_t)__fh_n > __FH_BOSS(__fh_d)); \
	return __FH_ORIG(fn)(__fh_d, __fh_n, __fh_s); \
}
__FH_FGETS(fgets)
#if __FH_GNU
__FH_FGETS(fgets_unlocked)
#endif
#undef __FH_FGETS

/* Block I/O: size * nmemb bytes, the product checked for overflow. */
#define __FH_FRW(fn, cv) \
__FH_DECL_ORIG(fn) \
__FH_FN(__fh_size_t, fn)(cv void *__restrict const __fh_p __FH_POS0, \
    __fh_size_t __fh_z, __fh_size_t __fh_m, FILE *__restrict __fh_s) \
	__FH_DIAG(__FH_OVER(__fh_z * __fh_m, __fh_p, 0), #fn ": size is larger than the buffer") \
{ \
	__fh_size_t __fh_t; \
	int __fh_ov = __builtin_mul_overflow(__fh_z, __fh_m, &__fh_t); \
	__FH_CHECK(#fn, __fh_ov || __fh_t > __FH_BOS0(__fh_p)); \
	return __FH_ORIG(fn)(__fh_p, __fh_z, __fh_m, __fh_s); \
}
__FH_FRW(fread, )
__FH_FRW(fwrite, const)
#if __FH_MISC
/* glibc may define these two as macros. */
#undef fread_unlocked
#undef fwrite_unlocked
__FH_FRW(fread_unlocked, )
__FH_FRW(fwrite_unlocked, const)
#endif
#undef __FH_FRW

/* Stream buffers: the stream will use size (or BUFSIZ) bytes of buf. */
__FH_DECL_ORIG(setvbuf)
__FH_FN(int, setvbuf)(FILE *__restrict __fh_s, char *__restrict const __fh_b __FH_POS0,
    int __fh_mode, __fh_size_t __fh_n) __FH_NT
	__FH_DIAG(__fh_b && __FH_OVER(__fh_n, __fh_b, 0), "setvbuf: size is larger than the buffer")
{
	__FH_CHECK("setvbuf", __fh_b && __fh_n > __FH_BOS0(__fh_b));
	return __FH_ORIG(setvbuf)(__fh_s, __fh_b, __fh_mode, __fh_n);
}

__FH_DECL_ORIG(setbuf)
__FH_FN(void, setbuf)(FILE *__restrict __fh_s, char *__restrict const __fh_b __FH_POS0) __FH_NT
	__FH_DIAG(__fh_b && __FH_OVER(BUFSIZ, __fh_b, 0), "setbuf: the buffer is smaller than BUFSIZ")
{
	__FH_CHECK("setbuf", __fh_b && BUFSIZ > __FH_BOS0(__fh_b));
	__FH_ORIG(setbuf)(__fh_s, __fh_b);
}

#if __FH_MISC
__FH_DECL_ORIG(setbuffer)
__FH_FN(void, setbuffer)(FILE *__restrict __fh_s, char *__restrict const __fh_b __FH_POS0,
    __fh_size_t __fh_n) __FH_NT
	__FH_DIAG(__fh_b && __FH_OVER(__fh_n, __fh_b, 0), "setbuffer: size is larger than the buffer")
{
	__FH_CHECK("setbuffer", __fh_b && __fh_n > __FH_BOS0(__fh_b));
	__FH_ORIG(setbuffer)(__fh_s, __fh_b, __fh_n);
}
#endif

/* Fixed-size outputs: L_tmpnam and L_ctermid bytes. */
__FH_DECL_ORIG(tmpnam)
__FH_FN(char *, tmpnam)(char *const __fh_d __FH_POS0) __FH_NT
	__FH_DIAG(__fh_d && __FH_OVER(L_tmpnam, __fh_d, 0), "tmpnam: the buffer is smaller than L_tmpnam")
{
	__FH_CHECK("tmpnam", __fh_d && L_tmpnam > __FH_BOS0(__fh_d));
	return __FH_ORIG(tmpnam)(__fh_d);
}

#if __FH_POSIX08 || defined(__GLIBC__)
__FH_DECL_ORIG(ctermid)
__FH_FN(char *, ctermid)(char *const __fh_d __FH_POS0) __FH_NT
	__FH_DIAG(__fh_d && __FH_OVER(L_ctermid, __fh_d, 0), "ctermid: the buffer is smaller than L_ctermid")
{
	__FH_CHECK("ctermid", __fh_d && L_ctermid > __FH_BOS0(__fh_d));
	return __FH_ORIG(ctermid)(__fh_d);
}
#endif

#endif
