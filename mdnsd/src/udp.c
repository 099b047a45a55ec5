/*
 * udp.c: UDP listeners.  Datagrams are read in batches with recvmmsg();
 * replies produced while a batch is handled (cache hits, local answers,
 * errors) are queued and sent with one sendmmsg().
 *
 * Replies leave from the exact address the query was sent to: we ask for
 * IP_PKTINFO / IPV6_RECVPKTINFO and hand the destination back as the
 * source of the reply.  musl drops replies whose source differs from the
 * server it asked ("Ignore replies from addresses we didn't send to",
 * res_msend.c), which matters for wildcard and 127.0.0.53-style binds.
 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "log.h"
#include "ratelimit.h"
#include "reply.h"
#include "server.h"

#define CMSG_ROOM	CMSG_SPACE(sizeof(struct in6_pktinfo))

static int
set_pktinfo(int fd, int af)
{
	int one = 1;
	if (af == AF_INET)
		return setsockopt(fd, IPPROTO_IP, IP_PKTINFO, &one, sizeof one);
	if (setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one) < 0)
		return -1;
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

	if (fd < 0 || set_pktinfo(fd, af) < 0 ||
	    bind(fd, (const struct sockaddr *)ss, len) < 0) {
		log_err("udp %s port %u: %s", cfg_addr_text(
		    (const struct sockaddr *)ss, a, sizeof a),
		    srv->cfg->port, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	us->srv = srv;
	us->fd = fd;
	us->af = af;
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

static void
on_readable(struct ev_loop *loop, struct ev_io *io, uint32_t ev)
{
	struct udp_sock *us = io->data;
	struct server *srv = us->srv;
	static uint8_t bufs[UDP_BATCH][UDP_BUFSIZE];
	static uint8_t cms[UDP_BATCH][CMSG_ROOM];
	struct mmsghdr mm[UDP_BATCH];
	struct iovec iov[UDP_BATCH];
	static struct waiter w[UDP_BATCH];
	(void)loop;
	(void)ev;

	for (int i = 0; i < UDP_BATCH; i++) {
		iov[i] = (struct iovec){ bufs[i], UDP_BUFSIZE };
		mm[i].msg_hdr = (struct msghdr){
			.msg_name = &w[i].peer, .msg_namelen = sizeof w[i].peer,
			.msg_iov = &iov[i], .msg_iovlen = 1,
			.msg_control = cms[i], .msg_controllen = CMSG_ROOM,
		};
	}
	int n = recvmmsg(us->fd, mm, UDP_BATCH, MSG_DONTWAIT, NULL);
	if (n <= 0)
		return;
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

void
udp_send(struct server *srv, const struct waiter *w, const uint8_t *msg,
    size_t len)
{
	if (srv->tx_sock == w->us && srv->ntx < UDP_BATCH &&
	    len <= UDP_BUFSIZE) {
		typeof(srv->tx[0]) *t = &srv->tx[srv->ntx++];
		memcpy(t->buf, msg, len);
		t->len = len;
		t->peer = w->peer;
		t->peerlen = w->peerlen;
		t->dst = w->dst;
		t->has_dst = w->has_dst;
		return;
	}
	send_one(w->us->fd, w->us->af, msg, len, &w->peer, w->peerlen,
	    &w->dst, w->has_dst);
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
		int n = sendmmsg(us->fd, mm + done, srv->ntx - done,
		    MSG_DONTWAIT);
		if (n <= 0) {
			/* skip the datagram that failed, send the rest */
			log_debug("udp sendmmsg: %s", strerror(errno));
			n = 1;
		}
		done += (unsigned)n;
	}
	srv->ntx = 0;
}
