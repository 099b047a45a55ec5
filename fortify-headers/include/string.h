/* fortify-headers overlay for <string.h>; see __fh.h for the design. */
#pragma GCC system_header
#include "__fh.h"
#include_next <string.h>

#if !defined(__FH_STRING_H) && __FH_ACTIVE
#define __FH_STRING_H

/* strnlen() without needing its POSIX declaration: every libc has it. */
__FH_C_BEGIN
extern __fh_size_t __fh_strnlen(const char *, __fh_size_t)
	__asm__(__FH_STR(__USER_LABEL_PREFIX__) "strnlen");
__FH_C_END

/* Copies check the destination and, as a read, the source. */
__FH_FN(void *, memcpy)(void *__restrict const __fh_d __FH_POS0,
    const void *__restrict const __fh_s __FH_POS0, __fh_size_t __fh_n) __FH_NT
	__FH_DIAG(__FH_OVER(__fh_n, __fh_d, 0), "memcpy: size is larger than the destination buffer")
	__FH_DIAG(__FH_OVER(__fh_n, __fh_s, 0), "memcpy: size is larger than the source buffer")
{
	__FH_CHK0("memcpy", __fh_d, __fh_n);
	__FH_CHK0("memcpy", __fh_s, __fh_n);
	return __builtin_memcpy(__fh_d, __fh_s, __fh_n);
}

__FH_FN(void *, memmove)(void *const __fh_d __FH_POS0,
    const void *const __fh_s __FH_POS0, __fh_size_t __fh_n) __FH_NT
	__FH_DIAG(__FH_OVER(__fh_n, __fh_d, 0), "memmove: size is larger than the destination buffer")
	__FH_DIAG(__FH_OVER(__fh_n, __fh_s, 0), "memmove: size is larger than the source buffer")
{
	__FH_CHK0("memmove", __fh_d, __fh_n);
	__FH_CHK0("memmove", __fh_s, __fh_n);
	return __builtin_memmove(__fh_d, __fh_s, __fh_n);
}

__FH_FN(void *, memset)(void *const __fh_d __FH_POS0, int __fh_c,
    __fh_size_t __fh_n) __FH_NT
	__FH_DIAG(__FH_OVER(__fh_n, __fh_d, 0), "memset: size is larger than the destination buffer")
{
	__FH_CHK0("memset", __fh_d, __fh_n);
	return __builtin_memset(__fh_d, __fh_c, __fh_n);
}

/*
 * glibc's C++ declarations of memchr/memrchr are const-overloaded pairs;
 * those are left alone.
 */
#if !defined(__cplusplus) || !defined(__CORRECT_ISO_CPP_STRING_H_PROTO)
#define __FH_MEMCHR 1
#else
#define __FH_MEMCHR 0
#endif

#if __FH_MEMCHR
/*
 * memchr() may be given more than the object holds if the byte is found
 * inside it (C11 7.24.5.1): search the object, trap only if it misses.
 */
__FH_FN(void *, memchr)(const void *const __fh_p __FH_POS0, int __fh_c,
    __fh_size_t __fh_n) __FH_NT
{
	__fh_size_t __fh_b = __FH_BOS0(__fh_p);
	void *__fh_r;

	if (__fh_n <= __fh_b)
		return __builtin_memchr(__fh_p, __fh_c, __fh_n);
	__fh_r = __builtin_memchr(__fh_p, __fh_c, __fh_b);
	if (!__fh_r)
		__fh_fail("memchr");
	return __fh_r;
}
#endif

/* At level 2 the string functions use the sub-object size. */
__FH_FN(char *, strcpy)(char *__restrict const __fh_d __FH_POSS,
    const char *__restrict __fh_s) __FH_NT
	__FH_DIAG(__FH_OVER(__builtin_strlen(__fh_s) + 1, __fh_d, __FH_TS), "strcpy: string is longer than the destination buffer")
{
	__fh_size_t __fh_b = __FH_BOSS(__fh_d), __fh_l;

	if (__fh_b == __FH_UNKNOWN)
		return __builtin_strcpy(__fh_d, __fh_s);
	__fh_l = __builtin_strlen(__fh_s);
	__FH_CHECK("strcpy", __fh_l >= __fh_b);
	return (char *)__builtin_memcpy(__fh_d, __fh_s, __fh_l + 1);
}

__FH_FN(char *, strcat)(char *__restrict const __fh_d __FH_POSS,
    const char *__restrict __fh_s) __FH_NT
{
	__fh_size_t __fh_b = __FH_BOSS(__fh_d), __fh_l, __fh_m;

	if (__fh_b == __FH_UNKNOWN)
		return __builtin_strcat(__fh_d, __fh_s);
	__fh_l = __builtin_strlen(__fh_d);
	__fh_m = __builtin_strlen(__fh_s);
	__FH_CHECK("strcat", __fh_l + __fh_m >= __fh_b);
	__builtin_memcpy(__fh_d + __fh_l, __fh_s, __fh_m + 1);
	return __fh_d;
}

/* strncpy() writes exactly n bytes, padding with NULs. */
__FH_FN(char *, strncpy)(char *__restrict const __fh_d __FH_POSS,
    const char *__restrict __fh_s, __fh_size_t __fh_n) __FH_NT
	__FH_DIAG(__FH_OVER(__fh_n, __fh_d, __FH_TS), "strncpy: size is larger than the destination buffer")
{
	__FH_CHKS("strncpy", __fh_d, __fh_n);
	return __builtin_strncpy(__fh_d, __fh_s, __fh_n);
}

/* strncat() writes strlen(d) + min(strnlen(s, n), n) + 1 bytes. */
__FH_FN(char *, strncat)(char *__restrict const __fh_d __FH_POSS,
    const char *__restrict __fh_s, __fh_size_t __fh_n) __FH_NT
{
	__fh_size_t __fh_b = __FH_BOSS(__fh_d), __fh_l, __fh_m;

	if (__fh_b == __FH_UNKNOWN)
		return __builtin_strncat(__fh_d, __fh_s, __fh_n);
	__fh_l = __builtin_strlen(__fh_d);
	__fh_m = __fh_strnlen(__fh_s, __fh_n);
	__FH_CHECK("strncat", __fh_l + __fh_m >= __fh_b);
	__builtin_memcpy(__fh_d + __fh_l, __fh_s, __fh_m);
	__fh_d[__fh_l + __fh_m] = 0;
	return __fh_d;
}

#if __FH_POSIX08
__FH_FN(char *, stpcpy)(char *__restrict const __fh_d __FH_POSS,
    const char *__restrict __fh_s) __FH_NT
	__FH_DIAG(__FH_OVER(__builtin_strlen(__fh_s) + 1, __fh_d, __FH_TS), "stpcpy: string is longer than the destination buffer")
{
	__fh_size_t __fh_b = __FH_BOSS(__fh_d), __fh_l;

	if (__fh_b == __FH_UNKNOWN)
		return __builtin_stpcpy(__fh_d, __fh_s);
	__fh_l = __builtin_strlen(__fh_s);
	__FH_CHECK("stpcpy", __fh_l >= __fh_b);
	return (char *)__builtin_memcpy(__fh_d, __fh_s, __fh_l + 1) + __fh_l;
}

__FH_FN(char *, stpncpy)(char *__restrict const __fh_d __FH_POSS,
    const char *__restrict __fh_s, __fh_size_t __fh_n) __FH_NT
	__FH_DIAG(__FH_OVER(__fh_n, __fh_d, __FH_TS), "stpncpy: size is larger than the destination buffer")
{
	__FH_CHKS("stpncpy", __fh_d, __fh_n);
	return __builtin_stpncpy(__fh_d, __fh_s, __fh_n);
}
#endif

#if __FH_XSI
__FH_DECL_ORIG(memccpy)
__FH_FN(void *, memccpy)(void *__restrict const __fh_d __FH_POS0,
    const void *__restrict __fh_s, int __fh_c, __fh_size_t __fh_n) __FH_NT
	__FH_DIAG(__FH_OVER(__fh_n, __fh_d, 0), "memccpy: size is larger than the destination buffer")
{
	__FH_CHK0("memccpy", __fh_d, __fh_n);
	return __FH_ORIG(memccpy)(__fh_d, __fh_s, __fh_c, __fh_n);
}
#endif

/* strxfrm() writes at most n bytes. */
__FH_DECL_ORIG(strxfrm)
__FH_FN(__fh_size_t, strxfrm)(char *__restrict const __fh_d __FH_POSS,
    const char *__restrict __fh_s, __fh_size_t __fh_n) __FH_NT
	__FH_DIAG(__FH_OVER(__fh_n, __fh_d, __FH_TS), "strxfrm: size is larger than the destination buffer")
{
	__FH_CHKS("strxfrm", __fh_d, __fh_n);
	return __FH_ORIG(strxfrm)(__fh_d, __fh_s, __fh_n);
}

#if __FH_GNU
__FH_FN(void *, mempcpy)(void *__restrict const __fh_d __FH_POS0,
    const void *__restrict const __fh_s __FH_POS0, __fh_size_t __fh_n) __FH_NT
	__FH_DIAG(__FH_OVER(__fh_n, __fh_d, 0), "mempcpy: size is larger than the destination buffer")
	__FH_DIAG(__FH_OVER(__fh_n, __fh_s, 0), "mempcpy: size is larger than the source buffer")
{
	__FH_CHK0("mempcpy", __fh_d, __fh_n);
	__FH_CHK0("mempcpy", __fh_s, __fh_n);
	return __builtin_mempcpy(__fh_d, __fh_s, __fh_n);
}

#if __FH_MEMCHR
/* memrchr() reads backwards from p + n: any n past the object overreads. */
__FH_DECL_ORIG(memrchr)
__FH_FN(void *, memrchr)(const void *const __fh_p __FH_POS0, int __fh_c,
    __fh_size_t __fh_n) __FH_NT
	__FH_DIAG(__FH_OVER(__fh_n, __fh_p, 0), "memrchr: size is larger than the buffer")
{
	__FH_CHK0("memrchr", __fh_p, __fh_n);
	return __FH_ORIG(memrchr)(__fh_p, __fh_c, __fh_n);
}
#endif
#endif

#if __FH_MISC
__FH_DECL_ORIG(explicit_bzero)
__FH_FN(void, explicit_bzero)(void *const __fh_d __FH_POS0, __fh_size_t __fh_n) __FH_NT
	__FH_DIAG(__FH_OVER(__fh_n, __fh_d, 0), "explicit_bzero: size is larger than the buffer")
{
	__FH_CHK0("explicit_bzero", __fh_d, __fh_n);
	__FH_ORIG(explicit_bzero)(__fh_d, __fh_n);
}

/* glibc declares strlcpy/strlcat from 2.38 on. */
#if __FH_GLIBC(2, 38)
__FH_DECL_ORIG(strlcpy)
__FH_FN(__fh_size_t, strlcpy)(char *__restrict const __fh_d __FH_POSS,
    const char *__restrict __fh_s, __fh_size_t __fh_n) __FH_NT
	__FH_DIAG(__FH_OVER(__fh_n, __fh_d, __FH_TS), "strlcpy: size is larger than the destination buffer")
{
	__FH_CHKS("strlcpy", __fh_d, __fh_n);
	return __FH_ORIG(strlcpy)(__fh_d, __fh_s, __fh_n);
}

__FH_DECL_ORIG(strlcat)
__FH_FN(__fh_size_t, strlcat)(char *__restrict const __fh_d __FH_POSS,
    const char *__restrict __fh_s, __fh_size_t __fh_n) __FH_NT
	__FH_DIAG(__FH_OVER(__fh_n, __fh_d, __FH_TS), "strlcat: size is larger than the destination buffer")
{
	__FH_CHKS("strlcat", __fh_d, __fh_n);
	return __FH_ORIG(strlcat)(__fh_d, __fh_s, __fh_n);
}
#endif
#endif

#endif
