/*
 * A stand-in for a glibc-compat layer such as gcompat (not packaged on
 * Debian): one glibc-only symbol a compat layer provides, plus its own,
 * unchecked __memcpy_chk, as gcompat 1.1.0 has one built on assert().
 * binaryware.sh preloads it next to libchk-compat in both orders to show
 * the two coexist and that the one listed first wins the overlap.
 */
#include <string.h>

const char *gnu_get_libc_version(void);
void *__memcpy_chk(void *d, const void *s, size_t n, size_t destlen);

const char *
gnu_get_libc_version(void)
{
	return "2.36";
}

void *
__memcpy_chk(void *d, const void *s, size_t n, size_t destlen)
{
	(void)destlen;
	return memcpy(d, s, n < 16 ? n : 16);
}
