/*
 * __fh_conv.h: the slow paths of the multibyte/wide conversions, shared
 * by the <wchar.h> and <stdlib.h> overlays.  Not for inclusion by
 * programs; included after the libc header (wchar_t is declared).
 *
 * A conversion may legally be given a count larger than its buffer when
 * the converted string is shorter, so these do not trap on the count:
 * they convert at most what the buffer holds and trap only if the call
 * with the caller's count would have written more.  Wide outputs: a
 * full buffer means the next element (a character or the terminating
 * L'\0') was due.  Byte outputs: the next character's encoding is
 * measured and must not fit in what the caller's count still allowed.
 * The libc functions are reached by their symbols, so that neither
 * overlay has to make <wchar.h> visible; mbstate_t is passed opaquely.
 */
#ifndef __FH_CONV_H
#define __FH_CONV_H
#pragma GCC system_header

#if __FH_ACTIVE
__FH_C_BEGIN
extern __fh_size_t __fh_mbsrtowcs(wchar_t *, const char **, __fh_size_t, void *)
	__asm__(__FH_STR(__USER_LABEL_PREFIX__) "mbsrtowcs");
extern __fh_size_t __fh_mbsnrtowcs(wchar_t *, const char **, __fh_size_t,
    __fh_size_t, void *) __asm__(__FH_STR(__USER_LABEL_PREFIX__) "mbsnrtowcs");
extern __fh_size_t __fh_wcsrtombs(char *, const wchar_t **, __fh_size_t, void *)
	__asm__(__FH_STR(__USER_LABEL_PREFIX__) "wcsrtombs");
extern __fh_size_t __fh_wcsnrtombs(char *, const wchar_t **, __fh_size_t,
    __fh_size_t, void *) __asm__(__FH_STR(__USER_LABEL_PREFIX__) "wcsnrtombs");
extern __fh_size_t __fh_wcrtomb(char *, wchar_t, void *)
	__asm__(__FH_STR(__USER_LABEL_PREFIX__) "wcrtomb");
__FH_C_END

/* Large enough for any libc's mbstate_t (glibc 8 bytes, musl 8). */
typedef union { unsigned long long __fh_a[4]; } __fh_mbstate;
/* MB_LEN_MAX of glibc, the larger of the two libcs. */
#define __FH_MB_LEN_MAX 16
/* "No limit" for the source count of the non-n functions. */
#define __FH_NOLIMIT __FH_UNKNOWN

/* Multibyte to wide, cap wide chars of room: nms is the source limit. */
static __attribute__((__noinline__, __unused__)) __fh_size_t
__fh_mbs_slow(const char *__fh_fn, wchar_t *__fh_d, const char **__fh_src,
    __fh_size_t __fh_nms, __fh_size_t __fh_cap, void *__fh_ps)
{
	__fh_size_t __fh_r;

	if (__fh_nms == __FH_NOLIMIT)
		__fh_r = __fh_mbsrtowcs(__fh_d, __fh_src, __fh_cap, __fh_ps);
	else
		__fh_r = __fh_mbsnrtowcs(__fh_d, __fh_src, __fh_nms, __fh_cap, __fh_ps);
	if (__fh_r == __fh_cap)
		__fh_fail(__fh_fn);
	return __fh_r;
}

/* Wide to multibyte, cap bytes of room, n the caller's count. */
static __attribute__((__noinline__, __unused__)) __fh_size_t
__fh_wcs_slow(const char *__fh_fn, char *__fh_d, const wchar_t **__fh_src,
    __fh_size_t __fh_nwc, __fh_size_t __fh_n, __fh_size_t __fh_cap, void *__fh_ps)
{
	__fh_mbstate __fh_own = { { 0, 0, 0, 0 } };
	const wchar_t *__fh_s0 = *__fh_src;
	char __fh_tmp[__FH_MB_LEN_MAX];
	__fh_size_t __fh_r, __fh_k;

	if (!__fh_ps)
		__fh_ps = &__fh_own;
	if (__fh_nwc == __FH_NOLIMIT)
		__fh_r = __fh_wcsrtombs(__fh_d, __fh_src, __fh_cap, __fh_ps);
	else
		__fh_r = __fh_wcsnrtombs(__fh_d, __fh_src, __fh_nwc, __fh_cap, __fh_ps);
	if (__fh_r == __FH_UNKNOWN || !*__fh_src)
		return __fh_r;
	if (__fh_nwc != __FH_NOLIMIT && (__fh_size_t)(*__fh_src - __fh_s0) >= __fh_nwc)
		return __fh_r;
	__fh_k = **__fh_src ? __fh_wcrtomb(__fh_tmp, **__fh_src, __fh_ps) : 1;
	if (__fh_k != __FH_UNKNOWN && __fh_r + __fh_k <= __fh_n)
		__fh_fail(__fh_fn);
	return __fh_r;
}
#endif
#endif
