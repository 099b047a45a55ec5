/*
 * open/openat/mq_open called without a mode although the flags need one.
 * glibc names the function in each message (io/open*_2.c, rt/mq_open.c).
 * O_TMPFILE is a multi-bit flag that includes O_DIRECTORY: test all bits.
 */
#include <fcntl.h>
#include <mqueue.h>

#include "chk.h"

static int
needs_mode(int flags)
{
	return (flags & O_CREAT) != 0 || (flags & O_TMPFILE) == O_TMPFILE;
}

CHK_EXPORT int
__open_2(const char *path, int flags)
{
	if (CHK_UNLIKELY(needs_mode(flags)))
		chk_fortify_fail("invalid open call: O_CREAT or O_TMPFILE without mode");
	return open(path, flags);
}

CHK_EXPORT int
__open64_2(const char *path, int flags)
{
	if (CHK_UNLIKELY(needs_mode(flags)))
		chk_fortify_fail("invalid open64 call: O_CREAT or O_TMPFILE without mode");
	return open(path, flags);
}

CHK_EXPORT int
__openat_2(int dirfd, const char *path, int flags)
{
	if (CHK_UNLIKELY(needs_mode(flags)))
		chk_fortify_fail("invalid openat call: O_CREAT or O_TMPFILE without mode");
	return openat(dirfd, path, flags);
}

CHK_EXPORT int
__openat64_2(int dirfd, const char *path, int flags)
{
	if (CHK_UNLIKELY(needs_mode(flags)))
		chk_fortify_fail("invalid openat64 call: O_CREAT or O_TMPFILE without mode");
	return openat(dirfd, path, flags);
}

/* mq_open needs both a mode and an attr pointer with O_CREAT. */
CHK_EXPORT int
__mq_open_2(const char *name, int flags)
{
	if (CHK_UNLIKELY(flags & O_CREAT))
		chk_fortify_fail("invalid mq_open call: O_CREAT without mode and attr");
	return mq_open(name, flags);
}
