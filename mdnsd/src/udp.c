/*
 * udp.c: UDP listeners.  Datagrams are read in batches with recvmmsg();
 * replies produced while a batch is handled (cache hits, local answers,
 * errors) are queued and sent with one sendmmsg().
 *
 * Replies leave from the exact address the query was sent to.  musl drops
 * replies whose source differs from the server it asked ("Ignore replies
 * from addresses we didn't send to", res_msend.c).  A socket bound to one
 * address gets that for free; on a wildcard bind we ask for IP_PKTINFO /
 * IPV6_RECVPKTINFO and hand the destination back as the source of the
 * reply.  Only wildcard sockets pay for the control messages: with them
 * the kernel parses a cmsg and validates the source address per reply.
 *
 * Cost per cached answer is dominated by system calls (loopback delivery
 * runs in the sender's system call), so one readable event reads batches
 * until the socket runs dry and each batch goes out in one sendmmsg().
 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "log.h"
#include "ratelimit.h"
#include "reply.h"
#include "server.h"

#define CMSG_ROOM	CMSG_SPACE(sizeof(struct in6_pktinfo))
#define UDP_ROUNDS	8	/* batches per readable event at most */
#define UDP_RCVBUF	(1 << 20)	/* receive queue, octets */

static bool
is_wildcard(const struct sockaddr_storage *ss)
{
	if (ss->ss_family == AF_INET)
		return ((const struct sockaddr_in *)ss)->sin_addr.s_addr ==
		    htonl(INADDR_ANY);
	return IN6_IS_ADDR_UNSPECIFIED(
	    &((const struct sockaddr_in6 *)ss)->sin6_addr);
}

/*
 * A burst from local programs can outrun one thread (with sched-batch
 * the sender keeps its CPU until it blocks); the default queue, about
 * 200 KiB, holds some 200 queries.  As root at bind time we may go past
 * net.core.rmem_max; the memory is the kernel's and is used only while
 * queries wait.
 */
static void
set_rcvbuf(int fd)
{
	int size = UDP_RCVBUF;

	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof size) < 0)
		(void)setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
}

static int
set_pktinfo(int fd, int af, bool wildcard)
{
	int one = 1;
	if (af == AF_INET6 &&
	    setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one) < 0)
		return -1;
	if (!wildcard)
		return 0;
	if (af == AF_INET)
		return setsockopt(fd, IPPROTO_IP, IP_PKTINFO, &one, sizeof one);
	return setsockopt(fd, IPPROTO_IPV6, IPV6_RECVPKTINFO, &one,
	    sizeof one);
}

static void on_readable(struct ev_loop *loop, struct ev_io *io, uint32_t ev);

int
udp_open(struct server *srv, const struct sockaddr_storage *ss)
{
	struct udp_sock *us = &srv->udp[srv->nudp];
	int af = ss->ss_family;
	socklen_t len = af == AF_INET ? sizeof(struct sockaddr_in) :
	    sizeof(struct sockaddr_in6);
	char a[64];
	int fd = socket(af, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);

	if (fd < 0 || set_pktinfo(fd, af, is_wildcard(ss)) < 0 ||
	    bind(fd, (const struct sockaddr *)ss, len) < 0) {
		log_err("udp %s port %u: %s", cfg_addr_text(
		    (const struct sockaddr *)ss, a, sizeof a),
		    srv->cfg->port, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	set_rcvbuf(fd);
	us->srv = srv;
	us->fd = fd;
	us->af = af;
	us->wildcard = is_wildcard(ss);
	if (ev_io_start(srv->loop, &us->io, fd, EPOLLIN, on_readable, us) < 0) {
		close(fd);
		return -1;
	}
	srv->nudp++;
	return 0;
}

static void
take_dst(struct waiter *w, struct msghdr *mh)
{
	w->has_dst = false;
	for (struct cmsghdr *c = CMSG_FIRSTHDR(mh); c; c = CMSG_NXTHDR(mh, c)) {
		if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_PKTINFO) {
			memcpy(&w->dst.v4, CMSG_DATA(c), sizeof w->dst.v4);
			/* reply from the address asked, any interface */
			w->dst.v4.ipi_spec_dst = w->dst.v4.ipi_addr;
			w->dst.v4.ipi_ifindex = 0;
			w->has_dst = true;
		} else if (c->cmsg_level == IPPROTO_IPV6 &&
		    c->cmsg_type == IPV6_PKTINFO) {
			memcpy(&w->dst.v6, CMSG_DATA(c), sizeof w->dst.v6);
			w->has_dst = true;
		}
	}
}

static void
handle_datagram(struct udp_sock *us, const uint8_t *pkt, size_t len,
    struct waiter *w)
{
	struct server *srv = us->srv;
	int rc;

	srv->st.udp++;
	if (srv->rl != NULL && !ratelimit_allow(srv->rl,
	    (struct sockaddr *)&w->peer, ev_now(srv->loop))) {
		srv->st.ratelimited++;
		return;
	}
	rc = dns_parse_query(pkt, len, &w->q);
	if (rc < 0) {
		srv->st.dropped++;
		return;
	}
	if (!config_allowed(srv->cfg, (struct sockaddr *)&w->peer)) {
		srv->st.refused++;
		rc = DNS_R_REFUSED;
	}
	if (rc != DNS_R_NOERROR) {
		if (rc == DNS_R_FORMERR)
			srv->st.formerr++;
		server_reply(srv, w, NULL, (unsigned)rc, 0);
		return;
	}
	server_query(srv, w);
}

/* Read and answer one batch; returns the number of datagrams read. */
static int
read_batch(struct udp_sock *us)
{
	struct server *srv = us->srv;
	static uint8_t bufs[UDP_BATCH][UDP_BUFSIZE];
	static uint8_t cms[UDP_BATCH][CMSG_ROOM];
	static struct waiter w[UDP_BATCH];
	struct mmsghdr mm[UDP_BATCH];
	struct iovec iov[UDP_BATCH];

	for (int i = 0; i < UDP_BATCH; i++) {
		iov[i] = (struct iovec){ bufs[i], UDP_BUFSIZE };
		mm[i].msg_hdr = (struct msghdr){
			.msg_name = &w[i].peer, .msg_namelen = sizeof w[i].peer,
			.msg_iov = &iov[i], .msg_iovlen = 1,
		};
		if (us->wildcard) {
			mm[i].msg_hdr.msg_control = cms[i];
			mm[i].msg_hdr.msg_controllen = CMSG_ROOM;
		}
	}
	int n = recvmmsg(us->fd, mm, UDP_BATCH, MSG_DONTWAIT, NULL);
	if (n <= 0)
		return 0;
	srv->tx_sock = us;
	srv->ntx = 0;
	for (int i = 0; i < n; i++) {
		w[i].next = NULL;
		w[i].us = us;
		w[i].conn = NULL;
		w[i].peerlen = mm[i].msg_hdr.msg_namelen;
		take_dst(&w[i], &mm[i].msg_hdr);
		if (mm[i].msg_hdr.msg_flags & MSG_TRUNC)
			continue;	/* over 1536 octets: not a query we take */
		handle_datagram(us, bufs[i], mm[i].msg_len, &w[i]);
	}
	udp_flush(srv);
	srv->tx_sock = NULL;
	return n;
}

/*
 * Drain the socket while batches come back full (a short batch means it
 * is probably empty: one more recvmmsg would just say EAGAIN), but give
 * other descriptors a turn after UDP_ROUNDS batches.
 */
static void
on_readable(struct ev_loop *loop, struct ev_io *io, uint32_t ev)
{
	struct udp_sock *us = io->data;
	(void)loop;
	(void)ev;

	for (int r = 0; r < UDP_ROUNDS; r++)
		if (read_batch(us) < UDP_BATCH)
			break;
}

static size_t
fill_cmsg(uint8_t *room, int af, const void *dst, bool has)
{
	struct msghdr mh = { .msg_control = room,
	    .msg_controllen = CMSG_ROOM };
	struct cmsghdr *c = CMSG_FIRSTHDR(&mh);

	if (!has)
		return 0;
	memset(room, 0, CMSG_ROOM);
	if (af == AF_INET) {
		c->cmsg_level = IPPROTO_IP;
		c->cmsg_type = IP_PKTINFO;
		c->cmsg_len = CMSG_LEN(sizeof(struct in_pktinfo));
		memcpy(CMSG_DATA(c), dst, sizeof(struct in_pktinfo));
		return CMSG_SPACE(sizeof(struct in_pktinfo));
	}
	c->cmsg_level = IPPROTO_IPV6;
	c->cmsg_type = IPV6_PKTINFO;
	c->cmsg_len = CMSG_LEN(sizeof(struct in6_pktinfo));
	memcpy(CMSG_DATA(c), dst, sizeof(struct in6_pktinfo));
	return CMSG_SPACE(sizeof(struct in6_pktinfo));
}

static void
send_one(int fd, int af, const uint8_t *msg, size_t len,
    const struct sockaddr_storage *peer, socklen_t peerlen, const void *dst,
    bool has_dst)
{
	uint8_t room[CMSG_ROOM];
	struct iovec iov = { (void *)msg, len };
	struct msghdr mh = { .msg_name = (void *)peer, .msg_namelen = peerlen,
	    .msg_iov = &iov, .msg_iovlen = 1, .msg_control = room };

	mh.msg_controllen = fill_cmsg(room, af, dst, has_dst);
	if (mh.msg_controllen == 0)
		mh.msg_control = NULL;
	if (sendmsg(fd, &mh, MSG_DONTWAIT) < 0)
		log_debug("udp send: %s", strerror(errno));
}

uint8_t *
udp_tx_slot(struct server *srv, const struct waiter *w)
{
	if (srv->tx_sock != w->us || srv->ntx >= UDP_BATCH)
		return NULL;
	return srv->tx[srv->ntx].buf;
}

void
udp_tx_commit(struct server *srv, const struct waiter *w, size_t len)
{
	typeof(srv->tx[0]) *t = &srv->tx[srv->ntx++];

	t->len = len;
	memcpy(&t->peer, &w->peer, w->peerlen);
	t->peerlen = w->peerlen;
	if ((t->has_dst = w->has_dst))
		t->dst = w->dst;
}

void
udp_send(struct server *srv, const struct waiter *w, const uint8_t *msg,
    size_t len)
{
	uint8_t *slot = udp_tx_slot(srv, w);

	if (slot != NULL && len <= UDP_BUFSIZE) {
		memcpy(slot, msg, len);
		udp_tx_commit(srv, w, len);
		return;
	}
	send_one(w->us->fd, w->us->af, msg, len, &w->peer, w->peerlen,
	    &w->dst, w->has_dst);
}

/*
 * sendmmsg(2) as one system call.  musl 1.2 on 64-bit targets emulates it
 * with a sendmsg() per message (its msghdr and cmsghdr carry padding the
 * kernel reads as part of wider fields): a system call per reply, where
 * system calls are most of what a cached answer costs.  Our headers are
 * built with every padding field zeroed (compound literals, memset
 * control buffers), so the kernel reads them right under either libc.
 */
static int
sendmmsg_raw(int fd, struct mmsghdr *mm, unsigned n)
{
	return (int)syscall(SYS_sendmmsg, fd, mm, n, MSG_DONTWAIT);
}

void
udp_flush(struct server *srv)
{
	struct udp_sock *us = srv->tx_sock;
	struct mmsghdr mm[UDP_BATCH];
	struct iovec iov[UDP_BATCH];
	uint8_t room[UDP_BATCH][CMSG_ROOM];
	unsigned done = 0;

	for (unsigned i = 0; i < srv->ntx; i++) {
		iov[i] = (struct iovec){ srv->tx[i].buf, srv->tx[i].len };
		mm[i].msg_hdr = (struct msghdr){
			.msg_name = &srv->tx[i].peer,
			.msg_namelen = srv->tx[i].peerlen,
			.msg_iov = &iov[i], .msg_iovlen = 1,
			.msg_control = room[i],
		};
		mm[i].msg_hdr.msg_controllen = fill_cmsg(room[i], us->af,
		    &srv->tx[i].dst, srv->tx[i].has_dst);
		if (mm[i].msg_hdr.msg_controllen == 0)
			mm[i].msg_hdr.msg_control = NULL;
	}
	while (done < srv->ntx) {
		int n = sendmmsg_raw(us->fd, mm + done, srv->ntx - done);
		if (n <= 0) {
			/* skip the datagram that failed, send the rest */
			log_debug("udp sendmmsg: %s", strerror(errno));
			n = 1;
		}
		done += (unsigned)n;
	}
	srv->ntx = 0;
}
