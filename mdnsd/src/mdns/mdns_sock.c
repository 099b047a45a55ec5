/* Multicast DNS sockets; see mdns_sock.h. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* struct in6_pktinfo */
#endif
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "mdns_sock.h"

#define GROUP4 "224.0.0.251"
#define GROUP6 "ff02::fb"

static int
set_int(int fd, int level, int opt, int v)
{
	return setsockopt(fd, level, opt, &v, sizeof v);
}

static int
open4(int port)
{
	struct sockaddr_in sa = { .sin_family = AF_INET,
	    .sin_port = htons((uint16_t)port) };
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	unsigned char ttl = 255, loop = 1;

	if (fd < 0)
		return -1;
	if (setsockopt(fd, IPPROTO_IP, IP_MULTICAST_TTL, &ttl, 1) < 0 ||
	    setsockopt(fd, IPPROTO_IP, IP_MULTICAST_LOOP, &loop, 1) < 0 ||
	    set_int(fd, IPPROTO_IP, IP_TTL, 255) < 0 ||
	    set_int(fd, IPPROTO_IP, IP_PKTINFO, 1) < 0 ||
	    set_int(fd, IPPROTO_IP, IP_RECVTTL, 1) < 0 ||
	    bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0) {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

static int
open6(int port)
{
	struct sockaddr_in6 sa = { .sin6_family = AF_INET6,
	    .sin6_port = htons((uint16_t)port) };
	int fd = socket(AF_INET6, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -1;
	if (set_int(fd, IPPROTO_IPV6, IPV6_V6ONLY, 1) < 0 ||
	    set_int(fd, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, 255) < 0 ||
	    set_int(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, 255) < 0 ||
	    set_int(fd, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, 1) < 0 ||
	    set_int(fd, IPPROTO_IPV6, IPV6_RECVPKTINFO, 1) < 0 ||
	    set_int(fd, IPPROTO_IPV6, IPV6_RECVHOPLIMIT, 1) < 0 ||
	    bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0) {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

void
mdns_sock_join(struct mdns_sock *s, const struct mdns_links *links)
{
	unsigned i;

	if (!s->port5353)
		return;
	for (i = 0; i < links->nif; i++) {
		struct ip_mreqn m4 = { .imr_ifindex = (int)links->ifindex[i] };
		struct ipv6_mreq m6 = { .ipv6mr_interface = links->ifindex[i] };
		inet_pton(AF_INET, GROUP4, &m4.imr_multiaddr);
		inet_pton(AF_INET6, GROUP6, &m6.ipv6mr_multiaddr);
		/* EADDRINUSE means already joined: nothing to do. */
		if (s->fd4 >= 0 && links->has4[i])
			(void)setsockopt(s->fd4, IPPROTO_IP, IP_ADD_MEMBERSHIP,
			    &m4, sizeof m4);
		if (s->fd6 >= 0 && links->has6[i])
			(void)setsockopt(s->fd6, IPPROTO_IPV6, IPV6_JOIN_GROUP,
			    &m6, sizeof m6);
	}
}

int
mdns_sock_open(struct mdns_sock *s, int want4, int want6, int try5353,
    const struct mdns_links *links)
{
	s->fd4 = s->fd6 = -1;
	s->port5353 = 0;
	if (try5353) {
		s->fd4 = want4 ? open4(MDNS_PORT) : -1;
		s->fd6 = want6 ? open6(MDNS_PORT) : -1;
		/* Both families or neither: a half-owned port is confusing. */
		if ((want4 && s->fd4 < 0) || (want6 && s->fd6 < 0))
			mdns_sock_close(s);
		else
			s->port5353 = 1;
	}
	if (!s->port5353) {
		s->fd4 = want4 ? open4(0) : -1;
		s->fd6 = want6 ? open6(0) : -1;
	}
	if (s->fd4 < 0 && s->fd6 < 0) {
		errno = errno ? errno : EAFNOSUPPORT;
		return -1;
	}
	mdns_sock_join(s, links);
	return 0;
}

void
mdns_sock_close(struct mdns_sock *s)
{
	if (s->fd4 >= 0)
		close(s->fd4);
	if (s->fd6 >= 0)
		close(s->fd6);
	s->fd4 = s->fd6 = -1;
}

int
mdns_sock_send(const struct mdns_sock *s, int family, unsigned ifindex,
    const void *pkt, size_t len)
{
	if (family == AF_INET) {
		struct ip_mreqn m = { .imr_ifindex = (int)ifindex };
		struct sockaddr_in sa = { .sin_family = AF_INET,
		    .sin_port = htons(MDNS_PORT) };
		inet_pton(AF_INET, GROUP4, &sa.sin_addr);
		if (s->fd4 < 0 || setsockopt(s->fd4, IPPROTO_IP,
		    IP_MULTICAST_IF, &m, sizeof m) < 0)
			return -1;
		return sendto(s->fd4, pkt, len, 0, (struct sockaddr *)&sa,
		    sizeof sa) < 0 ? -1 : 0;
	} else {
		struct sockaddr_in6 sa = { .sin6_family = AF_INET6,
		    .sin6_port = htons(MDNS_PORT), .sin6_scope_id = ifindex };
		inet_pton(AF_INET6, GROUP6, &sa.sin6_addr);
		if (s->fd6 < 0)
			return -1;
		return sendto(s->fd6, pkt, len, 0, (struct sockaddr *)&sa,
		    sizeof sa) < 0 ? -1 : 0;
	}
}

static void
read_cmsgs(struct msghdr *mh, struct mdns_pktinfo *pi)
{
	struct cmsghdr *c;

	for (c = CMSG_FIRSTHDR(mh); c; c = CMSG_NXTHDR(mh, c)) {
		if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_PKTINFO) {
			struct in_pktinfo p;
			memcpy(&p, CMSG_DATA(c), sizeof p);
			pi->ifindex = (unsigned)p.ipi_ifindex;
			memcpy(pi->dst, &p.ipi_addr, 4);
		} else if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_TTL) {
			memcpy(&pi->ttl, CMSG_DATA(c), sizeof(int));
		} else if (c->cmsg_level == IPPROTO_IPV6 &&
		    c->cmsg_type == IPV6_PKTINFO) {
			struct in6_pktinfo p;
			memcpy(&p, CMSG_DATA(c), sizeof p);
			pi->ifindex = p.ipi6_ifindex;
			memcpy(pi->dst, &p.ipi6_addr, 16);
		} else if (c->cmsg_level == IPPROTO_IPV6 &&
		    c->cmsg_type == IPV6_HOPLIMIT) {
			memcpy(&pi->ttl, CMSG_DATA(c), sizeof(int));
		}
	}
}

ssize_t
mdns_sock_recv(int fd, void *buf, size_t size, struct mdns_pktinfo *pi)
{
	struct sockaddr_storage ss;
	union {
		struct cmsghdr align;
		char buf[256];
	} cbuf;
	struct iovec iov = { .iov_base = buf, .iov_len = size };
	struct msghdr mh = { .msg_name = &ss, .msg_namelen = sizeof ss,
	    .msg_iov = &iov, .msg_iovlen = 1,
	    .msg_control = cbuf.buf, .msg_controllen = sizeof cbuf.buf };
	ssize_t n = recvmsg(fd, &mh, 0);

	if (n < 0)
		return -1;
	memset(pi, 0, sizeof *pi);
	pi->ttl = -1;
	pi->family = ss.ss_family;
	if (ss.ss_family == AF_INET) {
		struct sockaddr_in *sa = (struct sockaddr_in *)&ss;
		memcpy(pi->src, &sa->sin_addr, 4);
		pi->src_port = ntohs(sa->sin_port);
	} else {
		struct sockaddr_in6 *sa = (struct sockaddr_in6 *)&ss;
		memcpy(pi->src, &sa->sin6_addr, 16);
		pi->src_port = ntohs(sa->sin6_port);
	}
	read_cmsgs(&mh, pi);
	if (mh.msg_flags & MSG_TRUNC) {
		errno = EMSGSIZE;
		return -1;
	}
	return n;
}
