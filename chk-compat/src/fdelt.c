/* FD_SET/FD_CLR/FD_ISSET index check (glibc debug/fdelt_chk.c). */
#include <sys/select.h>

#include "chk.h"

/* Returns the word index of descriptor d in an fd_set.  The return type
 * is long since glibc 2.16 (it was unsigned long before: same register). */
CHK_EXPORT long
__fdelt_chk(long d)
{
	if (CHK_UNLIKELY(d < 0 || d >= FD_SETSIZE))
		chk_fortify_fail("bit out of range 0 - FD_SETSIZE on fd_set");
	return d / (long)(8 * sizeof(long));
}

/* glibc's other name for the same function (the header's "warn" path). */
CHK_EXPORT long
__fdelt_warn(long d)
{
	return __fdelt_chk(d);
}
