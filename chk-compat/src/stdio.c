/*
 * Line and block input (glibc debug/{gets,fgets,fgetws,fread}*_chk.c).
 * glibc reads at most MIN(n - 1, size) characters and aborts only when a
 * line really filled the object (count >= size); asking for more than the
 * object holds is not by itself an error.  Reads stay inside the object,
 * so an abort never follows an overflow.
 */
#include <errno.h>
#include <stdio.h>
#include <wchar.h>

#include "chk.h"

/* Read up to lim characters, keeping the newline; the caller holds the
 * lock.  Sets *err when this call saw a read error other than EAGAIN. */
static size_t
getline_locked(FILE *f, char *s, size_t lim, int *err)
{
	int had_error = ferror(f);
	size_t count = 0;

	while (count < lim) {
		int c = getc_unlocked(f);

		if (c == EOF) {
			*err = ferror(f) && !had_error && errno != EAGAIN;
			break;
		}
		s[count++] = (char)c;
		if (c == '\n')
			break;
	}
	return count;
}

static char *
fgets_common(char *s, size_t size, int n, FILE *f, int lock)
{
	size_t lim = (size_t)n - 1 < size ? (size_t)n - 1 : size;
	size_t count;
	int err = 0;

	if (n <= 0)
		return NULL;
	if (lock)
		flockfile(f);
	count = getline_locked(f, s, lim, &err);
	if (lock)
		funlockfile(f);
	if (count == 0 || err)
		return NULL;
	if (CHK_UNLIKELY(count >= size))
		__chk_fail();
	s[count] = '\0';
	return s;
}

CHK_EXPORT char *
__fgets_chk(char *s, size_t size, int n, FILE *f)
{
	return fgets_common(s, size, n, f, 1);
}

CHK_EXPORT char *
__fgets_unlocked_chk(char *s, size_t size, int n, FILE *f)
{
	return fgets_common(s, size, n, f, 0);
}

/* gets drops the newline; the line must fit with its NUL.  glibc reads at
 * most size characters before deciding, and so do we. */
CHK_EXPORT char *
__gets_chk(char *s, size_t size)
{
	size_t count = 0;
	int c;

	if (CHK_UNLIKELY(size == 0))
		__chk_fail();
	flockfile(stdin);
	while ((c = getc_unlocked(stdin)) != EOF && c != '\n') {
		if (CHK_UNLIKELY(count >= size - 1)) {
			funlockfile(stdin);
			__chk_fail();
		}
		s[count++] = (char)c;
	}
	funlockfile(stdin);
	if (c == EOF && (count == 0 || ferror(stdin)))
		return NULL;
	s[count] = '\0';
	return s;
}

static wchar_t *
fgetws_common(wchar_t *s, size_t size, int n, FILE *f, int lock)
{
	size_t lim = (size_t)n - 1 < size ? (size_t)n - 1 : size;
	size_t count = 0;
	int had_error, err = 0;

	if (n <= 0)
		return NULL;
	if (lock)
		flockfile(f);
	/* fgetws orients an unoriented stream; fgetwc_unlocked need not
	 * (glibc's does not), so do it once here. */
	fwide(f, 1);
	had_error = ferror(f);
	while (count < lim) {
		wint_t c = fgetwc_unlocked(f);

		if (c == WEOF) {
			err = ferror(f) && !had_error && errno != EAGAIN;
			break;
		}
		s[count++] = (wchar_t)c;
		if (c == L'\n')
			break;
	}
	if (lock)
		funlockfile(f);
	if (count == 0 || err)
		return NULL;
	if (CHK_UNLIKELY(count >= size))
		__chk_fail();
	s[count] = L'\0';
	return s;
}

CHK_EXPORT wchar_t *
__fgetws_chk(wchar_t *s, size_t size, int n, FILE *f)
{
	return fgetws_common(s, size, n, f, 1);
}

CHK_EXPORT wchar_t *
__fgetws_unlocked_chk(wchar_t *s, size_t size, int n, FILE *f)
{
	return fgetws_common(s, size, n, f, 0);
}

/* size * n must not overflow and must fit the object (ptrlen bytes).
 * The argument order is glibc's, not bionic's. */
static void
fread_check(size_t ptrlen, size_t size, size_t n)
{
	size_t bytes;

	if (CHK_UNLIKELY(__builtin_mul_overflow(size, n, &bytes)))
		__chk_fail();
	if (CHK_UNLIKELY(bytes > ptrlen))
		__chk_fail();
}

CHK_EXPORT size_t
__fread_chk(void *p, size_t ptrlen, size_t size, size_t n, FILE *f)
{
	fread_check(ptrlen, size, n);
	return fread(p, size, n, f);
}

CHK_EXPORT size_t
__fread_unlocked_chk(void *p, size_t ptrlen, size_t size, size_t n, FILE *f)
{
	fread_check(ptrlen, size, n);
	return fread_unlocked(p, size, n, f);
}
