/* Reads into caller buffers and path queries (glibc debug/ *_chk.c):
 * the requested length must not exceed the object. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <unistd.h>

#include "chk.h"

CHK_EXPORT ssize_t
__read_chk(int fd, void *buf, size_t n, size_t buflen)
{
	if (CHK_UNLIKELY(n > buflen))
		__chk_fail();
	return read(fd, buf, n);
}

CHK_EXPORT ssize_t
__pread_chk(int fd, void *buf, size_t n, off_t off, size_t buflen)
{
	if (CHK_UNLIKELY(n > buflen))
		__chk_fail();
	return pread(fd, buf, n, off);
}

/* off_t is 64-bit on x86_64: pread64 is pread. */
CHK_EXPORT ssize_t
__pread64_chk(int fd, void *buf, size_t n, off_t off, size_t buflen)
{
	if (CHK_UNLIKELY(n > buflen))
		__chk_fail();
	return pread(fd, buf, n, off);
}

CHK_EXPORT ssize_t
__readlink_chk(const char *path, char *buf, size_t n, size_t buflen)
{
	if (CHK_UNLIKELY(n > buflen))
		__chk_fail();
	return readlink(path, buf, n);
}

CHK_EXPORT ssize_t
__readlinkat_chk(int dirfd, const char *path, char *buf, size_t n,
    size_t buflen)
{
	if (CHK_UNLIKELY(n > buflen))
		__chk_fail();
	return readlinkat(dirfd, path, buf, n);
}

CHK_EXPORT char *
__getcwd_chk(char *buf, size_t size, size_t buflen)
{
	if (CHK_UNLIKELY(size > buflen))
		__chk_fail();
	return getcwd(buf, size);
}

/* getwd has no size: glibc runs getcwd with the object size and aborts
 * only when the directory name did not fit (ERANGE). */
CHK_EXPORT char *
__getwd_chk(char *buf, size_t buflen)
{
	char *r = getcwd(buf, buflen);

	if (CHK_UNLIKELY(r == NULL && errno == ERANGE))
		__chk_fail();
	return r;
}

/* realpath writes up to PATH_MAX bytes: the object must hold that many. */
CHK_EXPORT char *
__realpath_chk(const char *path, char *resolved, size_t resolvedlen)
{
	if (CHK_UNLIKELY(resolvedlen < PATH_MAX))
		__chk_fail();
	return realpath(path, resolved);
}
