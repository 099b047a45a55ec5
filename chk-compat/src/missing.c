/*
 * Functions the fortified entry points need but a libc may lack: glibc
 * before 2.38 has no strlcpy/strlcat, and neither musl 1.2.3 nor glibc
 * 2.36 has wcslcpy/wcslcat.  Semantics are the BSD/glibc 2.38 ones: the
 * return value is the length the full result would have had, so callers
 * detect truncation by comparing it with n.
 */
#include <string.h>
#include <wchar.h>

#include "chk.h"

#if CHK_HAVE_STRLCPY
size_t
chk_strlcpy(char *d, const char *s, size_t n)
{
	return strlcpy(d, s, n);
}

size_t
chk_strlcat(char *d, const char *s, size_t n)
{
	return strlcat(d, s, n);
}
#else
size_t
chk_strlcpy(char *d, const char *s, size_t n)
{
	size_t len = strlen(s);

	if (n > 0) {
		size_t k = len < n - 1 ? len : n - 1;

		memcpy(d, s, k);
		d[k] = '\0';
	}
	return len;
}

/* A destination with no NUL within n is left alone: the result would
 * have been n + strlen(s) long. */
size_t
chk_strlcat(char *d, const char *s, size_t n)
{
	size_t dl = strnlen(d, n);

	if (dl == n)
		return n + strlen(s);
	return dl + chk_strlcpy(d + dl, s, n - dl);
}
#endif

size_t
chk_wcslcpy(wchar_t *d, const wchar_t *s, size_t n)
{
	size_t len = wcslen(s);

	if (n > 0) {
		size_t k = len < n - 1 ? len : n - 1;

		wmemcpy(d, s, k);
		d[k] = L'\0';
	}
	return len;
}

size_t
chk_wcslcat(wchar_t *d, const wchar_t *s, size_t n)
{
	size_t dl = wcsnlen(d, n);

	if (dl == n)
		return n + wcslen(s);
	return dl + chk_wcslcpy(d + dl, s, n - dl);
}
