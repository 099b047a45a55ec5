/*
 * binaryware.c: stands in for a vendor's binary-only object.  It is compiled
 * by the host's gcc against glibc's headers with -O2 -D_FORTIFY_SOURCE=2,
 * so the compiler emits calls to glibc's __memcpy_chk and __sprintf_chk,
 * and is then linked into a musl program: exactly the situation
 * chk-compat exists for.  The suite checks with nm that the calls are there.
 */
#include <stdio.h>
#include <string.h>

int bw_label(char *out, size_t outlen, const char *name, const char *addr);

/* Formats "NAME ADDR" into out; -1 when it does not fit.  The name goes
 * through a fixed 32-byte buffer first, the way old code often did: a
 * longer name is the overflow that __memcpy_chk must stop. */
int bw_label(char *out, size_t outlen, const char *name, const char *addr)
{
	char host[32];
	char line[128];
	size_t n = strlen(name) + 1;
	int len;

	memcpy(host, name, n);
	len = sprintf(line, "%s %s", host, addr);
	if (len < 0 || (size_t)len >= outlen)
		return -1;
	memcpy(out, line, (size_t)len + 1);
	return len;
}
