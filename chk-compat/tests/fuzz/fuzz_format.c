/*
 * Fuzz target: the printf-format pre-scan (src/printf_check.c), the one
 * parser here that reads untrusted input (a binary's format strings).
 * Under ASan/UBSan it must never read past the terminator, and:
 *   - a format without '$' is never a %N$ error; one without 'n' never a
 *     %n error; a %n verdict points at a '%';
 *   - the wide scan of the same ASCII text gives the same verdict.
 * The input is copied to an exact-size heap buffer (writable memory, so
 * any %n is a %n error if no %N$ error comes first).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "chk.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *fmt;
	wchar_t *wfmt;
	size_t n_at = 0, wn_at = 0, len;
	int v, wv;

	if (size > 4096)
		return 0;
	fmt = malloc(size + 1);
	wfmt = malloc((size + 1) * sizeof(wchar_t));
	if (!fmt || !wfmt)
		abort();
	memcpy(fmt, data, size);
	fmt[size] = '\0';
	len = strlen(fmt);
	for (size_t i = 0; i <= len; i++)
		wfmt[i] = (wchar_t)(unsigned char)fmt[i];

	v = chk_printf_verdict(fmt, &n_at);
	wv = chk_wprintf_verdict(wfmt, &wn_at);
	if (v == CHK_FMT_NDOLLAR && !strchr(fmt, '$'))
		abort();
	if (v == CHK_FMT_NWRITE && (!strchr(fmt, 'n') || n_at >= len || fmt[n_at] != '%'))
		abort();
	/* Bytes >= 0x80 widen to Latin-1 code points: the same characters
	 * to the scanner, which only looks at ASCII. */
	if (v != wv || (v == CHK_FMT_NWRITE && n_at != wn_at))
		abort();
	free(fmt);
	free(wfmt);
	return 0;
}
