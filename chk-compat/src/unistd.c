/* Name and identity queries into caller buffers (glibc debug/ and
 * login/): the length passed must not exceed the object. */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "chk.h"

CHK_EXPORT size_t
__confstr_chk(int name, char *buf, size_t len, size_t buflen)
{
	if (CHK_UNLIKELY(len > buflen))
		__chk_fail();
	return confstr(name, buf, len);
}

/* A negative count is EINVAL, as glibc returns, before any size check. */
CHK_EXPORT int
__getgroups_chk(int size, gid_t *list, size_t listlen)
{
	if (size < 0) {
		errno = EINVAL;
		return -1;
	}
	if (CHK_UNLIKELY((size_t)size * sizeof(gid_t) > listlen))
		__chk_fail();
	return getgroups(size, list);
}

CHK_EXPORT int
__ttyname_r_chk(int fd, char *buf, size_t n, size_t buflen)
{
	if (CHK_UNLIKELY(n > buflen))
		__chk_fail();
	return ttyname_r(fd, buf, n);
}

CHK_EXPORT int
__gethostname_chk(char *buf, size_t n, size_t buflen)
{
	if (CHK_UNLIKELY(n > buflen))
		__chk_fail();
	return gethostname(buf, n);
}

CHK_EXPORT int
__getdomainname_chk(char *buf, size_t n, size_t buflen)
{
	if (CHK_UNLIKELY(n > buflen))
		__chk_fail();
	return getdomainname(buf, n);
}

CHK_EXPORT int
__getlogin_r_chk(char *buf, size_t n, size_t buflen)
{
	if (CHK_UNLIKELY(n > buflen))
		__chk_fail();
	return getlogin_r(buf, n);
}

CHK_EXPORT int
__ptsname_r_chk(int fd, char *buf, size_t n, size_t buflen)
{
	if (CHK_UNLIKELY(n > buflen))
		__chk_fail();
	return ptsname_r(fd, buf, n);
}
