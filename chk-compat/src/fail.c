/* The failure path: glibc's exact text on fd 2, then abort(). */
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>

#include "chk.h"

/* One writev, as glibc's __libc_message does, so concurrent writers to
 * stderr cannot split the line.  No stdio: the process is corrupt. */
void
chk_fortify_fail(const char *msg)
{
	static const char head[] = "*** ";
	static const char tail[] = " ***: terminated\n";
	struct iovec iov[3] = {
		{ (void *)head, sizeof head - 1 },
		{ (void *)msg, strlen(msg) },
		{ (void *)tail, sizeof tail - 1 },
	};

	(void)!writev(2, iov, 3);
	abort();
}

void
chk_libc_fatal(const char *text)
{
	struct iovec iov = { (void *)text, strlen(text) };

	(void)!writev(2, &iov, 1);
	abort();
}

CHK_EXPORT void
__chk_fail(void)
{
	chk_fortify_fail("buffer overflow detected");
}
