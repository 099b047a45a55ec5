/* fortify-headers overlay for <stdlib.h>; see __fh.h for the design. */
#pragma GCC system_header
#include "__fh.h"
#include_next <stdlib.h>

#if !defined(__FH_STDLIB_H) && __FH_ACTIVE
#define __FH_STDLIB_H
#include "__fh_conv.h"

/* mbstowcs/wcstombs: the conversion slow paths of __fh_conv.h. */
__FH_DECL_ORIG(mbstowcs)
__FH_FN(__fh_size_t, mbstowcs)(wchar_t *__restrict const __fh_d __FH_POSS,
    const char *__restrict __fh_s, __fh_size_t __fh_n) __FH_NT
{
	__fh_size_t __fh_cap = __FH_BOSS(__fh_d) / sizeof(wchar_t);
	__fh_mbstate __fh_st = { { 0, 0, 0, 0 } };
	const char *__fh_p = __fh_s;

	if (__fh_d && __fh_n > __fh_cap)
		return __fh_mbs_slow("mbstowcs", __fh_d, &__fh_p, __FH_NOLIMIT,
		    __fh_cap, &__fh_st);
	return __FH_ORIG(mbstowcs)(__fh_d, __fh_s, __fh_n);
}

__FH_DECL_ORIG(wcstombs)
__FH_FN(__fh_size_t, wcstombs)(char *__restrict const __fh_d __FH_POSS,
    const wchar_t *__restrict __fh_s, __fh_size_t __fh_n) __FH_NT
{
	__fh_size_t __fh_cap = __FH_BOSS(__fh_d);
	const wchar_t *__fh_p = __fh_s;

	if (__fh_d && __fh_n > __fh_cap)
		return __fh_wcs_slow("wcstombs", __fh_d, &__fh_p, __FH_NOLIMIT,
		    __fh_n, __fh_cap, 0);
	return __FH_ORIG(wcstombs)(__fh_d, __fh_s, __fh_n);
}

/*
 * wctomb() may be given less than MB_CUR_MAX bytes when the character is
 * short: convert into a bounce buffer, trap only if it does not fit.
 */
__FH_DECL_ORIG(wctomb)
__FH_FN(int, wctomb)(char *const __fh_d __FH_POSS, wchar_t __fh_wc) __FH_NT
{
	__fh_size_t __fh_cap = __FH_BOSS(__fh_d);
	char __fh_tmp[__FH_MB_LEN_MAX];
	int __fh_r;

	if (!__fh_d || __fh_cap >= __FH_MB_LEN_MAX)
		return __FH_ORIG(wctomb)(__fh_d, __fh_wc);
	__fh_r = __FH_ORIG(wctomb)(__fh_tmp, __fh_wc);
	if (__fh_r > 0) {
		__FH_CHECK("wctomb", (__fh_size_t)__fh_r > __fh_cap);
		__builtin_memcpy(__fh_d, __fh_tmp, (__fh_size_t)__fh_r);
	}
	return __fh_r;
}

/*
 * realpath() needs PATH_MAX bytes of room; a smaller buffer is checked
 * against the real result through a bounce buffer, so that short paths
 * into small buffers still work.
 */
#if __FH_XSI
#define __FH_PATH_MAX 4096
__FH_DECL_ORIG(realpath)
__FH_FN(char *, realpath)(const char *__restrict __fh_p,
    char *__restrict const __fh_d __FH_POSS) __FH_NT
{
	__fh_size_t __fh_cap = __FH_BOSS(__fh_d), __fh_l;
	char __fh_tmp[__FH_PATH_MAX];

	if (!__fh_d || __fh_cap >= __FH_PATH_MAX)
		return __FH_ORIG(realpath)(__fh_p, __fh_d);
	if (!__FH_ORIG(realpath)(__fh_p, __fh_tmp))
		return 0;
	__fh_l = __builtin_strlen(__fh_tmp) + 1;
	__FH_CHECK("realpath", __fh_l > __fh_cap);
	return (char *)__builtin_memcpy(__fh_d, __fh_tmp, __fh_l);
}
#endif

#if __FH_GNU
__FH_DECL_ORIG(ptsname_r)
__FH_FN(int, ptsname_r)(int __fh_fd, char *const __fh_b __FH_POSS, __fh_size_t __fh_n) __FH_NT
	__FH_DIAG(__FH_OVER(__fh_n, __fh_b, __FH_TS), "ptsname_r: size is larger than the destination buffer")
{
	__FH_CHKS("ptsname_r", __fh_b, __fh_n);
	return __FH_ORIG(ptsname_r)(__fh_fd, __fh_b, __fh_n);
}
#endif

#endif
