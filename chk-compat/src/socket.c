/* Sockets, polling and address conversion (glibc debug/ *_chk.c). */
#include <arpa/inet.h>
#include <poll.h>
#include <sys/socket.h>

#include "chk.h"

CHK_EXPORT ssize_t
__recv_chk(int fd, void *buf, size_t n, size_t buflen, int flags)
{
	if (CHK_UNLIKELY(n > buflen))
		__chk_fail();
	return recv(fd, buf, n, flags);
}

CHK_EXPORT ssize_t
__recvfrom_chk(int fd, void *buf, size_t n, size_t buflen, int flags,
    struct sockaddr *addr, socklen_t *addrlen)
{
	if (CHK_UNLIKELY(n > buflen))
		__chk_fail();
	return recvfrom(fd, buf, n, flags, addr, addrlen);
}

/* fdslen is the array's size in bytes; compare in elements, as glibc
 * does, so a partial trailing element does not count. */
CHK_EXPORT int
__poll_chk(struct pollfd *fds, nfds_t nfds, int timeout, size_t fdslen)
{
	if (CHK_UNLIKELY(fdslen / sizeof *fds < nfds))
		__chk_fail();
	return poll(fds, nfds, timeout);
}

CHK_EXPORT int
__ppoll_chk(struct pollfd *fds, nfds_t nfds, const struct timespec *ts,
    const sigset_t *ss, size_t fdslen)
{
	if (CHK_UNLIKELY(fdslen / sizeof *fds < nfds))
		__chk_fail();
	return ppoll(fds, nfds, ts, ss);
}

/* glibc 2.42: the size passed must fit the object. */
CHK_EXPORT const char *
__inet_ntop_chk(int af, const void *src, char *dst, socklen_t size,
    size_t dst_size)
{
	if (CHK_UNLIKELY(size > dst_size))
		__chk_fail();
	return inet_ntop(af, src, dst, size);
}

/* glibc 2.42: the object must hold the address the family produces;
 * other families are passed through for inet_pton to reject. */
CHK_EXPORT int
__inet_pton_chk(int af, const char *src, void *dst, size_t dst_size)
{
	if (CHK_UNLIKELY((af == AF_INET && dst_size < 4) ||
	    (af == AF_INET6 && dst_size < 16)))
		__chk_fail();
	return inet_pton(af, src, dst);
}
