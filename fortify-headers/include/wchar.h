/* fortify-headers overlay for <wchar.h>; see __fh.h for the design. */
#pragma GCC system_header
#include "__fh.h"
#include_next <wchar.h>

#if !defined(__FH_WCHAR_H) && __FH_ACTIVE
#define __FH_WCHAR_H
#include "__fh_conv.h"

/* Sizes in wide characters: whole object, and the string destination. */
#define __FH_WCAP0(p) (__FH_BOS0(p) / sizeof(wchar_t))
#define __FH_WCAPS(p) (__FH_BOSS(p) / sizeof(wchar_t))
#define __FH_WOVER(n, p, t) (__builtin_object_size(p, t) != __FH_UNKNOWN && \
	(n) > __builtin_object_size(p, t) / sizeof(wchar_t))

#define __FH_WMEM(fn, ret, args, cargs) \
__FH_DECL_ORIG(fn) \
__FH_FN(wchar_t *, fn)(wchar_t *__restrict const __fh_d __FH_POS0, args, \
    __fh_size_t __fh_n) __FH_NT \
	__FH_DIAG(__FH_WOVER(__fh_n, __fh_d, 0), #fn ": size is larger than the destination buffer") \
{ \
	__FH_CHECK(#fn, __fh_n > __FH_WCAP0(__fh_d)); \
	return __FH_ORIG(fn)(__fh_d, cargs, __fh_n); \
}
__FH_WMEM(wmemcpy, wchar_t *, const wchar_t *__restrict __fh_s, __fh_s)
__FH_WMEM(wmemmove, wchar_t *, const wchar_t *__fh_s, __fh_s)
__FH_WMEM(wmemset, wchar_t *, wchar_t __fh_c, __fh_c)
#if defined(__GLIBC__) && __FH_GNU
__FH_WMEM(wmempcpy, wchar_t *, const wchar_t *__restrict __fh_s, __fh_s)
#endif
#undef __FH_WMEM

/* Bounded string functions: n wide characters into a string destination. */
#define __FH_WSTRN(fn, ret) \
__FH_DECL_ORIG(fn) \
__FH_FN(ret, fn)(wchar_t *__restrict const __fh_d __FH_POSS, \
    const wchar_t *__restrict __fh_s, __fh_size_t __fh_n) __FH_NT \
	__FH_DIAG(__FH_WOVER(__fh_n, __fh_d, __FH_TS), #fn ": size is larger than the destination buffer") \
{ \
	__FH_CHECK(#fn, __fh_n > __FH_WCAPS(__fh_d)); \
	return __FH_ORIG(fn)(__fh_d, __fh_s, __fh_n); \
}
__FH_WSTRN(wcsncpy, wchar_t *)
__FH_WSTRN(wcsxfrm, __fh_size_t)
#if __FH_POSIX08
__FH_WSTRN(wcpncpy, wchar_t *)
#endif
#if defined(__GLIBC__) && __FH_MISC && __FH_GLIBC(2, 38)
__FH_WSTRN(wcslcpy, __fh_size_t)
__FH_WSTRN(wcslcat, __fh_size_t)
#endif
#undef __FH_WSTRN

/* Unbounded copies: the source length decides. */
#define __FH_WCPY(fn, endp) \
__FH_DECL_ORIG(fn) \
__FH_FN(wchar_t *, fn)(wchar_t *__restrict const __fh_d __FH_POSS, \
    const wchar_t *__restrict __fh_s) __FH_NT \
{ \
	__fh_size_t __fh_c = __FH_WCAPS(__fh_d), __fh_l; \
	if (__FH_BOSS(__fh_d) == __FH_UNKNOWN) \
		return __FH_ORIG(fn)(__fh_d, __fh_s); \
	__fh_l = wcslen(__fh_s); \
	__FH_CHECK(#fn, __fh_l >= __fh_c); \
	__builtin_memcpy(__fh_d, __fh_s, (__fh_l + 1) * sizeof(wchar_t)); \
	return endp; \
}
__FH_WCPY(wcscpy, __fh_d)
#if __FH_POSIX08
__FH_WCPY(wcpcpy, __fh_d + __fh_l)
#endif
#undef __FH_WCPY

__FH_DECL_ORIG(wcscat)
__FH_FN(wchar_t *, wcscat)(wchar_t *__restrict const __fh_d __FH_POSS,
    const wchar_t *__restrict __fh_s) __FH_NT
{
	__fh_size_t __fh_c = __FH_WCAPS(__fh_d), __fh_l, __fh_m;

	if (__FH_BOSS(__fh_d) == __FH_UNKNOWN)
		return __FH_ORIG(wcscat)(__fh_d, __fh_s);
	__fh_l = wcslen(__fh_d);
	__fh_m = wcslen(__fh_s);
	__FH_CHECK("wcscat", __fh_l + __fh_m >= __fh_c);
	__builtin_memcpy(__fh_d + __fh_l, __fh_s, (__fh_m + 1) * sizeof(wchar_t));
	return __fh_d;
}

/* wcsncat writes wcslen(d) + min(wcsnlen(s, n), n) + 1 wide chars. */
__FH_DECL_ORIG(wcsncat)
__FH_FN(wchar_t *, wcsncat)(wchar_t *__restrict const __fh_d __FH_POSS,
    const wchar_t *__restrict __fh_s, __fh_size_t __fh_n) __FH_NT
{
	__fh_size_t __fh_c = __FH_WCAPS(__fh_d), __fh_l, __fh_m = 0;

	if (__FH_BOSS(__fh_d) == __FH_UNKNOWN)
		return __FH_ORIG(wcsncat)(__fh_d, __fh_s, __fh_n);
	__fh_l = wcslen(__fh_d);
	while (__fh_m < __fh_n && __fh_s[__fh_m])
		__fh_m++;
	__FH_CHECK("wcsncat", __fh_l + __fh_m >= __fh_c);
	__builtin_memcpy(__fh_d + __fh_l, __fh_s, __fh_m * sizeof(wchar_t));
	__fh_d[__fh_l + __fh_m] = 0;
	return __fh_d;
}

#define __FH_FGETWS(fn) \
__FH_DECL_ORIG(fn) \
__FH_FN(wchar_t *, fn)(wchar_t *__restrict const __fh_d __FH_POSS, int __fh_n, \
    FILE *__restrict __fh_f) \
	__FH_DIAG(__fh_n > 0 && __FH_WOVER((__fh_size_t)__fh_n, __fh_d, __FH_TS), #fn ": size is larger than the destination buffer") \
{ \
	__FH_CHECK(#fn, __fh_n > 0 && (__fh_size_t)__fh_n > __FH_WCAPS(__fh_d)); \
	return __FH_ORIG(fn)(__fh_d, __fh_n, __fh_f); \
}
__FH_FGETWS(fgetws)
#if __FH_GNU
__FH_FGETWS(fgetws_unlocked)
#endif
#undef __FH_FGETWS

/* wcsftime writes at most n wide characters. */
__FH_DECL_ORIG(wcsftime)
__FH_FN(__fh_size_t, wcsftime)(wchar_t *__restrict const __fh_d __FH_POSS,
    __fh_size_t __fh_n, const wchar_t *__restrict __fh_f,
    const struct tm *__restrict __fh_tm) __FH_NT
	__FH_DIAG(__FH_WOVER(__fh_n, __fh_d, __FH_TS), "wcsftime: size is larger than the destination buffer")
{
	__FH_CHECK("wcsftime", __fh_n > __FH_WCAPS(__fh_d));
	return __FH_ORIG(wcsftime)(__fh_d, __fh_n, __fh_f, __fh_tm);
}

/* Conversions: see __fh_conv.h for why the count alone is not checked. */
__FH_DECL_ORIG(wcrtomb)
__FH_FN(__fh_size_t, wcrtomb)(char *__restrict const __fh_d __FH_POSS,
    wchar_t __fh_wc, mbstate_t *__restrict __fh_ps) __FH_NT
{
	__fh_size_t __fh_cap = __FH_BOSS(__fh_d), __fh_r;
	char __fh_tmp[__FH_MB_LEN_MAX];

	if (!__fh_d || __fh_cap >= __FH_MB_LEN_MAX)
		return __FH_ORIG(wcrtomb)(__fh_d, __fh_wc, __fh_ps);
	__fh_r = __FH_ORIG(wcrtomb)(__fh_tmp, __fh_wc, __fh_ps);
	if (__fh_r != __FH_UNKNOWN) {
		__FH_CHECK("wcrtomb", __fh_r > __fh_cap);
		__builtin_memcpy(__fh_d, __fh_tmp, __fh_r);
	}
	return __fh_r;
}

__FH_DECL_ORIG(mbsrtowcs)
__FH_FN(__fh_size_t, mbsrtowcs)(wchar_t *__restrict const __fh_d __FH_POSS,
    const char **__restrict __fh_src, __fh_size_t __fh_n,
    mbstate_t *__restrict __fh_ps) __FH_NT
{
	if (__fh_d && __fh_n > __FH_WCAPS(__fh_d))
		return __fh_mbs_slow("mbsrtowcs", __fh_d, __fh_src, __FH_NOLIMIT,
		    __FH_WCAPS(__fh_d), __fh_ps);
	return __FH_ORIG(mbsrtowcs)(__fh_d, __fh_src, __fh_n, __fh_ps);
}

__FH_DECL_ORIG(wcsrtombs)
__FH_FN(__fh_size_t, wcsrtombs)(char *__restrict const __fh_d __FH_POSS,
    const wchar_t **__restrict __fh_src, __fh_size_t __fh_n,
    mbstate_t *__restrict __fh_ps) __FH_NT
{
	if (__fh_d && __fh_n > __FH_BOSS(__fh_d))
		return __fh_wcs_slow("wcsrtombs", __fh_d, __fh_src, __FH_NOLIMIT,
		    __fh_n, __FH_BOSS(__fh_d), __fh_ps);
	return __FH_ORIG(wcsrtombs)(__fh_d, __fh_src, __fh_n, __fh_ps);
}

#if __FH_POSIX08
__FH_DECL_ORIG(mbsnrtowcs)
__FH_FN(__fh_size_t, mbsnrtowcs)(wchar_t *__restrict const __fh_d __FH_POSS,
    const char **__restrict __fh_src, __fh_size_t __fh_nms, __fh_size_t __fh_n,
    mbstate_t *__restrict __fh_ps) __FH_NT
{
	if (__fh_d && __fh_n > __FH_WCAPS(__fh_d))
		return __fh_mbs_slow("mbsnrtowcs", __fh_d, __fh_src, __fh_nms,
		    __FH_WCAPS(__fh_d), __fh_ps);
	return __FH_ORIG(mbsnrtowcs)(__fh_d, __fh_src, __fh_nms, __fh_n, __fh_ps);
}

__FH_DECL_ORIG(wcsnrtombs)
__FH_FN(__fh_size_t, wcsnrtombs)(char *__restrict const __fh_d __FH_POSS,
    const wchar_t **__restrict __fh_src, __fh_size_t __fh_nwc, __fh_size_t __fh_n,
    mbstate_t *__restrict __fh_ps) __FH_NT
{
	if (__fh_d && __fh_n > __FH_BOSS(__fh_d))
		return __fh_wcs_slow("wcsnrtombs", __fh_d, __fh_src, __fh_nwc,
		    __fh_n, __FH_BOSS(__fh_d), __fh_ps);
	return __FH_ORIG(wcsnrtombs)(__fh_d, __fh_src, __fh_nwc, __fh_n, __fh_ps);
}
#endif

/*
 * Wide printf: swprintf/vswprintf check n against the buffer; all of
 * them refuse %n from level 2 (wide formats are always scanned).
 */
__FH_PCTN_SCAN(wchar_t, __fh_wpctn)
#if __FH_LEVEL >= 2
#define __FH_CHK_WFMT(fn, f) do { \
	if (__fh_wpctn(f)) \
		__fh_fail_why(fn, __FH_WHY_PCTN); \
} while (0)
#else
#define __FH_CHK_WFMT(fn, f) do { } while (0)
#endif

__FH_DECL_ALIAS(vswprintf)
__FH_FN(int, vswprintf)(wchar_t *__restrict const __fh_d __FH_POSS, __fh_size_t __fh_n,
    const wchar_t *__restrict __fh_f, __builtin_va_list __fh_ap) __FH_NT
	__FH_DIAG(__FH_WOVER(__fh_n, __fh_d, __FH_TS), "vswprintf: size is larger than the destination buffer")
{
	__FH_CHK_WFMT("vswprintf", __fh_f);
	__FH_CHECK("vswprintf", __fh_n > __FH_WCAPS(__fh_d));
	return __fh_orig_vswprintf(__fh_d, __fh_n, __fh_f, __fh_ap);
}

#if __FH_CLANG
#define __FH_PACK __fh_ap
#define __FH_WPRINTF(fn, vfn, args, cargs, fmt, pre, diag) \
__FH_DECL_ALIAS(vfn) \
__FH_VFN(int, fn) args __FH_PREFER diag \
{ \
	__builtin_va_list __fh_ap; \
	int __fh_r; \
	__FH_CHK_WFMT(#fn, fmt); \
	pre; \
	__builtin_va_start(__fh_ap, fmt); \
	__fh_r = __fh_orig_##vfn cargs; \
	__builtin_va_end(__fh_ap); \
	return __fh_r; \
}
#else
#define __FH_PACK __builtin_va_arg_pack()
#define __FH_WPRINTF(fn, vfn, args, cargs, fmt, pre, diag) \
__FH_DECL_ORIG(fn) \
__FH_FN(int, fn) args \
{ \
	__FH_CHK_WFMT(#fn, fmt); \
	pre; \
	return __fh_orig_##fn cargs; \
}
#endif

__FH_WPRINTF(swprintf, vswprintf, (wchar_t *__restrict const __fh_d __FH_POSS,
    __fh_size_t __fh_n, const wchar_t *__restrict __fh_f, ...) __FH_NT,
    (__fh_d, __fh_n, __fh_f, __FH_PACK), __fh_f,
    __FH_CHECK("swprintf", __fh_n > __FH_WCAPS(__fh_d)),
    __FH_DIAG(__FH_WOVER(__fh_n, __fh_d, __FH_TS), "swprintf: size is larger than the destination buffer"))
#if __FH_LEVEL >= 2
__FH_WPRINTF(wprintf, vwprintf, (const wchar_t *__restrict __fh_f, ...),
    (__fh_f, __FH_PACK), __fh_f, (void)0, )
__FH_WPRINTF(fwprintf, vfwprintf, (FILE *__restrict __fh_s,
    const wchar_t *__restrict __fh_f, ...),
    (__fh_s, __fh_f, __FH_PACK), __fh_f, (void)0, )

#define __FH_VWPRINTF(fn, args, cargs, fmt) \
__FH_DECL_ALIAS(fn) \
__FH_FN(int, fn) args __FH_IF_ALWAYS \
{ \
	__FH_CHK_WFMT(#fn, fmt); \
	return __fh_orig_##fn cargs; \
}
#if __FH_CLANG
#define __FH_IF_ALWAYS __FH_PREFER
#else
#define __FH_IF_ALWAYS
#endif
__FH_VWPRINTF(vwprintf, (const wchar_t *__restrict __fh_f, __builtin_va_list __fh_ap),
    (__fh_f, __fh_ap), __fh_f)
__FH_VWPRINTF(vfwprintf, (FILE *__restrict __fh_s, const wchar_t *__restrict __fh_f,
    __builtin_va_list __fh_ap), (__fh_s, __fh_f, __fh_ap), __fh_f)
#undef __FH_VWPRINTF
#undef __FH_IF_ALWAYS
#endif
#undef __FH_WPRINTF
#undef __FH_PACK

#endif
