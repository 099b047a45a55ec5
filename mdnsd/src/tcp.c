/*
 * tcp.c: DNS over TCP (RFC 7766): two-octet length prefix, several
 * queries per connection, answered in any order.  musl 1.2.4+ falls back
 * to TCP on the same address when a reply has TC set.
 *
 * Bounds: tcp_clients connections (a newcomer beyond that is closed at
 * once), queries of up to TCP_QMAX octets, OUTQ_MAX replies queued per
 * connection (a client that does not read is dropped), an idle timeout.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "log.h"
#include "ratelimit.h"
#include "server.h"

#define TCP_QMAX	4096
#define OUTQ_MAX	64

struct outbuf {
	struct outbuf *next;
	size_t len, off;
	uint8_t data[];
};

struct tcp_conn {
	struct tcp_conn *next;
	struct server *srv;
	struct ev_io io;
	struct ev_timer idle;
	int fd;
	struct sockaddr_storage peer;
	socklen_t peerlen;
	size_t rlen;
	uint8_t rbuf[2 + TCP_QMAX];
	struct outbuf *out, **out_tail;
	unsigned nout;
	bool reading;			/* inside read_queries() */
	bool failed;			/* a send failed while reading */
};

static void on_conn(struct ev_loop *loop, struct ev_io *io, uint32_t ev);

static void
conn_close(struct tcp_conn *c)
{
	struct server *srv = c->srv;
	struct tcp_conn **pp = &srv->conns;

	lookup_forget_conn(srv, c);
	while (*pp != c)
		pp = &(*pp)->next;
	*pp = c->next;
	ev_io_stop(srv->loop, &c->io);
	ev_timer_stop(srv->loop, &c->idle);
	close(c->fd);
	while (c->out) {
		struct outbuf *o = c->out;
		c->out = o->next;
		free(o);
	}
	srv->ntcp_conns--;
	free(c);
}

void
tcp_close_all(struct server *srv)
{
	while (srv->conns != NULL)
		conn_close(srv->conns);
}

static void
on_idle(struct ev_loop *loop, struct ev_timer *t)
{
	(void)loop;
	conn_close(t->data);
}

static void
on_accept(struct ev_loop *loop, struct ev_io *io, uint32_t ev)
{
	struct server *srv = io->data;
	struct sockaddr_storage peer;
	socklen_t plen = sizeof peer;
	(void)ev;

	int fd = accept4(io->fd, (struct sockaddr *)&peer, &plen,
	    SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (fd < 0)
		return;
	struct tcp_conn *c = srv->ntcp_conns < srv->cfg->tcp_clients ?
	    malloc(sizeof *c) : NULL;
	if (c == NULL) {
		srv->st.dropped++;
		close(fd);
		return;
	}
	memset(c, 0, offsetof(struct tcp_conn, rbuf));
	c->out = NULL;
	c->nout = 0;
	c->reading = c->failed = false;
	c->srv = srv;
	c->fd = fd;
	c->peer = peer;
	c->peerlen = plen;
	c->out_tail = &c->out;
	ev_timer_init(&c->idle, on_idle, c);
	if (ev_io_start(loop, &c->io, fd, EPOLLIN, on_conn, c) < 0 ||
	    ev_timer_start(loop, &c->idle, srv->cfg->tcp_idle_ms) < 0) {
		ev_io_stop(loop, &c->io);
		close(fd);
		free(c);
		return;
	}
	c->next = srv->conns;
	srv->conns = c;
	srv->ntcp_conns++;
}

int
tcp_listen_open(struct server *srv, const struct sockaddr_storage *ss)
{
	int af = ss->ss_family, one = 1;
	socklen_t len = af == AF_INET ? sizeof(struct sockaddr_in) :
	    sizeof(struct sockaddr_in6);
	char a[64];
	int fd = socket(af, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);

	if (fd < 0 ||
	    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0 ||
	    (af == AF_INET6 && setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one,
	    sizeof one) < 0) ||
	    bind(fd, (const struct sockaddr *)ss, len) < 0 ||
	    listen(fd, 64) < 0) {
		log_err("tcp %s port %u: %s", cfg_addr_text(
		    (const struct sockaddr *)ss, a, sizeof a), srv->cfg->port,
		    strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (ev_io_start(srv->loop, &srv->tcp_listen[srv->ntcp_listen], fd,
	    EPOLLIN, on_accept, srv) < 0) {
		close(fd);
		return -1;
	}
	srv->ntcp_listen++;
	return 0;
}

/* Write what we can; returns -1 if the connection failed. */
static int
flush_out(struct tcp_conn *c)
{
	while (c->out != NULL) {
		struct outbuf *o = c->out;
		ssize_t n = send(c->fd, o->data + o->off, o->len - o->off,
		    MSG_NOSIGNAL | MSG_DONTWAIT);
		if (n < 0)
			return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -1;
		o->off += (size_t)n;
		if (o->off < o->len)
			return 0;
		c->out = o->next;
		if (c->out == NULL)
			c->out_tail = &c->out;
		c->nout--;
		free(o);
	}
	return 0;
}

static void
want_events(struct tcp_conn *c)
{
	uint32_t ev = c->nout < OUTQ_MAX ? EPOLLIN : 0;
	if (c->out != NULL)
		ev |= EPOLLOUT;
	ev_io_modify(c->srv->loop, &c->io, ev);
}

void
tcp_send(struct server *srv, struct tcp_conn *c, const uint8_t *msg,
    size_t len)
{
	struct outbuf *o = malloc(sizeof *o + 2 + len);
	(void)srv;

	if (o == NULL)
		return;
	o->next = NULL;
	o->len = 2 + len;
	o->off = 0;
	dns_put16(o->data, (uint16_t)len);
	memcpy(o->data + 2, msg, len);
	*c->out_tail = o;
	c->out_tail = &o->next;
	c->nout++;
	/* Try now; EPOLLOUT finishes the rest.  Our caller may be walking
	 * a list that closing would change (the waiters of a lookup, the
	 * read buffer), so a failure only schedules the close. */
	if (flush_out(c) < 0) {
		c->failed = true;
		ev_timer_start(c->srv->loop, &c->idle, 0);
		return;
	}
	if (!c->reading)
		want_events(c);
}

static void
handle_query(struct tcp_conn *c, const uint8_t *pkt, size_t len)
{
	struct server *srv = c->srv;
	struct waiter w;
	int rc;

	memset(&w, 0, offsetof(struct waiter, q));
	w.conn = c;
	w.peer = c->peer;
	w.peerlen = c->peerlen;
	w.us = NULL;
	w.has_dst = false;
	srv->st.tcp++;
	rc = dns_parse_query(pkt, len, &w.q);
	if (rc < 0)
		return;
	if (!config_allowed(srv->cfg, (struct sockaddr *)&c->peer)) {
		srv->st.refused++;
		rc = DNS_R_REFUSED;
	}
	if (rc != DNS_R_NOERROR) {
		if (rc == DNS_R_FORMERR)
			srv->st.formerr++;
		server_reply(srv, &w, NULL, (unsigned)rc, 0);
		return;
	}
	server_query(srv, &w);
}

/* Read and dispatch whole messages; returns -1 to close. */
static int
read_queries(struct tcp_conn *c)
{
	ssize_t n = recv(c->fd, c->rbuf + c->rlen, sizeof c->rbuf - c->rlen,
	    MSG_DONTWAIT);
	if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK))
		return -1;
	if (n < 0)
		return 0;
	c->rlen += (size_t)n;
	while (c->rlen >= 2) {
		size_t mlen = dns_get16(c->rbuf);
		if (mlen > TCP_QMAX)
			return -1;
		if (c->rlen < 2 + mlen)
			break;
		if (c->srv->rl != NULL && !ratelimit_allow(c->srv->rl,
		    (struct sockaddr *)&c->peer, ev_now(c->srv->loop)))
			c->srv->st.ratelimited++;
		else
			handle_query(c, c->rbuf + 2, mlen);
		memmove(c->rbuf, c->rbuf + 2 + mlen, c->rlen - 2 - mlen);
		c->rlen -= 2 + mlen;
	}
	return 0;
}

static void
on_conn(struct ev_loop *loop, struct ev_io *io, uint32_t ev)
{
	struct tcp_conn *c = io->data;

	if (c->failed) {
		conn_close(c);
		return;
	}
	ev_timer_start(loop, &c->idle, c->srv->cfg->tcp_idle_ms);
	if ((ev & (EPOLLERR | EPOLLHUP)) && !(ev & EPOLLIN)) {
		conn_close(c);
		return;
	}
	if ((ev & EPOLLOUT) && flush_out(c) < 0) {
		conn_close(c);
		return;
	}
	if ((ev & EPOLLIN) && c->nout < OUTQ_MAX) {
		c->reading = true;
		int rc = read_queries(c);
		c->reading = false;
		if (rc < 0 || c->failed) {
			conn_close(c);
			return;
		}
	}
	want_events(c);
}
