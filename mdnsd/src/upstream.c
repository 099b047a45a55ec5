/*
 * upstream.c: the "upstream" backend, forwarding to recursive servers.
 *
 * Each question gets its own UDP socket connect()ed to the server, so the
 * kernel picks a random source port and drops datagrams from any other
 * address, and a random ID from getrandom() (RFC 5452).  A reply must
 * match ID and question; anything else is counted as garbage and ignored
 * while we keep waiting.  An attempt that times out, or a SERVFAIL,
 * REFUSED or other error, moves to the next server (failover); the server
 * that last answered is tried first.  A truncated reply is asked again
 * over TCP to the same server.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "log.h"
#include "upstream.h"

#define UP_BUFSIZE	4096

struct uq {
	struct backend *b;
	struct bquery *q;
	struct ev_io io;
	struct ev_timer timer;
	int fd;
	bool tcp;
	bool noedns;			/* the server sent FORMERR to EDNS0 */
	uint16_t id;
	unsigned server;		/* index being asked */
	unsigned attempts;
	size_t qlen;			/* query octets in qbuf (after 2) */
	size_t tlen;			/* TCP: octets read into rbuf */
	size_t toff;			/* TCP: octets of qbuf written */
	uint8_t qbuf[2 + 512];		/* length prefix for TCP + query */
	uint8_t *rbuf;			/* TCP reply buffer */
};

static int
up_create(struct backend *b)
{
	struct upstream *u = calloc(1, sizeof *u);
	if (u == NULL)
		return -1;
	u->timeout_ms = 800;
	u->neg_ttl = 30;
	u->resolv.dirfd = -1;
	b->priv = u;
	return 0;
}

static int
up_config(struct backend *b, struct cfg_ctx *c, int argc, char **argv)
{
	struct upstream *u = b->priv;

	if (strcmp(argv[0], "server") == 0 && argc >= 2) {
		for (int i = 1; i < argc; i++) {
			if (u->nservers == UP_MAX_SERVERS)
				return cfg_error(c, "upstream: more than %d "
				    "servers", UP_MAX_SERVERS);
			if (upstream_parse_server(argv[i],
			    &u->servers[u->nservers]) < 0)
				return cfg_error(c, "upstream: '%s' is not "
				    "ADDRESS or ADDRESS#PORT", argv[i]);
			u->nservers++;
			u->nconfigured++;
		}
		return 0;
	}
	if (strcmp(argv[0], "resolv-conf") == 0 && argc == 2) {
		if (strlen(argv[1]) >= sizeof u->resolv_conf)
			return cfg_error(c, "upstream: path too long");
		strcpy(u->resolv_conf, argv[1]);
		return 0;
	}
	if (strcmp(argv[0], "timeout") == 0 && argc == 2) {
		if (cfg_duration(c, argv[1], &u->timeout_ms) < 0)
			return -1;
		if (u->timeout_ms < 50 || u->timeout_ms > 10000)
			return cfg_error(c, "upstream: timeout out of range "
			    "(50ms..10s)");
		return 0;
	}
	if (strcmp(argv[0], "negative-ttl") == 0 && argc == 2) {
		unsigned long v;
		if (cfg_uint(c, argv[1], 0, 3600, &v) < 0)
			return -1;
		u->neg_ttl = (uint32_t)v;
		return 0;
	}
	return cfg_error(c, "upstream: unknown setting '%s' (server ADDR, "
	    "resolv-conf PATH, timeout DURATION, negative-ttl SECONDS)",
	    argv[0]);
}

/* (Re)build the server list: configured servers, then the file's. */
static int
load_servers(struct upstream *u)
{
	struct stat st;

	u->nservers = u->nconfigured;
	u->preferred = 0;
	if (!u->resolv_conf[0])
		return 0;
	if (pathdir_stat(&u->resolv, &st) == 0)
		u->resolv_mtime = st.st_mtim;
	return upstream_read_resolv(u) < 0 ? -1 : 0;
}

/* The DHCP client rewrites the resolv-conf file: look at most once a
 * second and re-read it when its mtime moved. */
static void
maybe_reload(struct backend *b, struct upstream *u)
{
	struct stat st;
	uint64_t now = ev_now(b->loop);

	if (!u->resolv_conf[0] || now - u->resolv_checked_ms < 1000)
		return;
	u->resolv_checked_ms = now;
	if (pathdir_stat(&u->resolv, &st) < 0 ||
	    (st.st_mtim.tv_sec == u->resolv_mtime.tv_sec &&
	    st.st_mtim.tv_nsec == u->resolv_mtime.tv_nsec))
		return;
	log_info("upstream: %s changed, reloading", u->resolv_conf);
	if (load_servers(u) < 0 || u->nservers == 0)
		log_warn("upstream: no servers after reloading %s",
		    u->resolv_conf);
}

static int
up_open(struct backend *b)
{
	struct upstream *u = b->priv;

	/* The directory is opened now, before chroot (see pathdir.h). */
	if (u->resolv_conf[0] && pathdir_init(&u->resolv, u->resolv_conf) < 0)
		log_warn("upstream: directory of %s: %s", u->resolv_conf,
		    strerror(errno));
	if (load_servers(u) < 0)
		return -1;
	if (u->nservers == 0) {
		log_err("upstream: no servers (use 'upstream server' or "
		    "'upstream resolv-conf')");
		return -1;
	}
	return 0;
}

static void
uq_free(struct uq *x)
{
	ev_io_stop(x->b->loop, &x->io);
	ev_timer_stop(x->b->loop, &x->timer);
	if (x->fd >= 0)
		close(x->fd);
	free(x->rbuf);
	free(x);
}

static void
uq_finish_servfail(struct uq *x)
{
	struct bq_result r = { .status = BQ_SERVFAIL };
	struct bquery *q = x->q;

	q->bdata = NULL;
	uq_free(x);
	bquery_done(q, &r);
}

static uint16_t
random_id(void)
{
	static uint16_t pool[64];
	static unsigned left;

	if (left == 0) {
		if (getrandom(pool, sizeof pool, 0) != (ssize_t)sizeof pool)
			for (unsigned i = 0; i < 64; i++)	/* never seen */
				pool[i] = (uint16_t)(rand() ^ (int)i << 8);
		left = 64;
	}
	return pool[--left];
}

static int
build_query(struct uq *x)
{
	struct dns_writer w;

	x->id = random_id();
	dns_w_init(&w, x->qbuf + 2, sizeof x->qbuf - 2, x->id, DNS_F_RD);
	if (dns_w_question(&w, &x->q->qname, x->q->qtype, x->q->qclass) < 0 ||
	    (!x->noedns && dns_w_opt(&w, UP_BUFSIZE, 0, 0) < 0))
		return -1;
	x->qlen = dns_w_finish(&w);
	dns_put16(x->qbuf, (uint16_t)x->qlen);
	return 0;
}

static void on_io(struct ev_loop *loop, struct ev_io *io, uint32_t ev);
static void next_server(struct uq *x);

static int
start_attempt(struct uq *x)
{
	struct upstream *u = x->b->priv;
	const struct sockaddr_storage *ss = &u->servers[x->server];
	socklen_t len = ss->ss_family == AF_INET ?
	    sizeof(struct sockaddr_in) : sizeof(struct sockaddr_in6);
	uint64_t now = ev_now(x->b->loop), left;

	if (x->server >= u->nservers)	/* the list shrank on a reload */
		return -1;
	ev_io_stop(x->b->loop, &x->io);
	if (x->fd >= 0)
		close(x->fd);
	x->tlen = x->toff = 0;
	x->fd = socket(ss->ss_family, (x->tcp ? SOCK_STREAM : SOCK_DGRAM) |
	    SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (x->fd < 0 || build_query(x) < 0)
		return -1;
	if (connect(x->fd, (const struct sockaddr *)ss, len) < 0 &&
	    errno != EINPROGRESS)
		return -1;
	if (!x->tcp && send(x->fd, x->qbuf + 2, x->qlen, 0) < 0)
		return -1;
	if (ev_io_start(x->b->loop, &x->io, x->fd,
	    x->tcp ? EPOLLOUT : EPOLLIN, on_io, x) < 0)
		return -1;
	u->sent++;
	left = x->q->deadline > now ? x->q->deadline - now : 0;
	return ev_timer_start(x->b->loop, &x->timer,
	    left < u->timeout_ms ? left : u->timeout_ms);
}

static void
next_server(struct uq *x)
{
	struct upstream *u = x->b->priv;

	x->attempts++;
	x->tcp = false;
	x->noedns = false;
	if (x->attempts >= 2 * u->nservers ||
	    ev_now(x->b->loop) >= x->q->deadline) {
		uq_finish_servfail(x);
		return;
	}
	x->server = (x->server + 1) % u->nservers;
	u->failovers++;
	if (start_attempt(x) < 0)
		next_server(x);
}

static void
on_timeout(struct ev_loop *loop, struct ev_timer *t)
{
	struct uq *x = t->data;
	(void)loop;
	((struct upstream *)x->b->priv)->timeouts++;
	next_server(x);
}

/* Handle one reply.  Returns 1 if x is finished (freed or moved on). */
static int
on_reply(struct uq *x, const uint8_t *pkt, size_t len)
{
	struct upstream *u = x->b->priv;
	struct dns_msg m;
	struct bquery *q = x->q;

	if (dns_parse_msg(pkt, len, &m) < 0 || upstream_match(&m, x->id, q)) {
		dns_msg_free(&m);
		u->garbage++;
		return 0;
	}
	if ((m.flags & DNS_F_TC) && !x->tcp) {
		dns_msg_free(&m);
		x->tcp = true;
		u->tcp++;
		if (start_attempt(x) < 0)
			next_server(x);
		return 1;
	}
	unsigned rc = dns_msg_rcode(&m);
	if (rc == DNS_R_FORMERR && !x->noedns && !m.edns) {
		/* RFC 6891 section 7: a server that does not know EDNS0 may
		 * answer FORMERR; ask it again without the OPT record. */
		dns_msg_free(&m);
		x->noedns = true;
		if (start_attempt(x) < 0)
			next_server(x);
		return 1;
	}
	if (rc != DNS_R_NOERROR && rc != DNS_R_NXDOMAIN) {
		dns_msg_free(&m);
		next_server(x);
		return 1;
	}
	u->preferred = x->server;
	u->answers++;
	q->bdata = NULL;
	uq_free(x);
	upstream_deliver(&m, q, u->neg_ttl);
	dns_msg_free(&m);
	return 1;
}

static void
udp_readable(struct uq *x)
{
	uint8_t buf[UP_BUFSIZE];

	for (int i = 0; i < 16; i++) {
		ssize_t n = recv(x->fd, buf, sizeof buf, MSG_DONTWAIT);
		if (n < 0) {
			/* ECONNREFUSED: nothing listens there; move on. */
			if (errno != EAGAIN && errno != EWOULDBLOCK)
				next_server(x);
			return;
		}
		if (on_reply(x, buf, (size_t)n))
			return;
	}
}

/* TCP: write the query once connected, then read the length-prefixed
 * reply (which may come in pieces). */
static void
tcp_event(struct uq *x, uint32_t ev)
{
	if (ev & EPOLLOUT) {
		ssize_t n = send(x->fd, x->qbuf + x->toff, 2 + x->qlen - x->toff,
		    MSG_NOSIGNAL);
		if (n < 0) {
			next_server(x);
			return;
		}
		x->toff += (size_t)n;
		if (x->toff == 2 + x->qlen)
			ev_io_modify(x->b->loop, &x->io, EPOLLIN);
		return;
	}
	if (x->rbuf == NULL && (x->rbuf = malloc(2 + 65535)) == NULL) {
		next_server(x);
		return;
	}
	ssize_t n = recv(x->fd, x->rbuf + x->tlen, 2 + 65535 - x->tlen, 0);
	if (n <= 0) {
		if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK))
			next_server(x);
		return;
	}
	x->tlen += (size_t)n;
	if (x->tlen < 2 || x->tlen < 2 + (size_t)dns_get16(x->rbuf))
		return;
	if (!on_reply(x, x->rbuf + 2, dns_get16(x->rbuf)))
		next_server(x);		/* garbage over TCP: no second chance */
}

static void
on_io(struct ev_loop *loop, struct ev_io *io, uint32_t ev)
{
	struct uq *x = io->data;
	(void)loop;

	if (x->tcp)
		tcp_event(x, ev);
	else if (ev & EPOLLERR && !(ev & EPOLLIN))
		next_server(x);
	else
		udp_readable(x);
}

static void
up_query(struct backend *b, struct bquery *q)
{
	struct upstream *u = b->priv;
	struct uq *x = calloc(1, sizeof *x);

	maybe_reload(b, u);
	if (x == NULL || u->nservers == 0) {
		struct bq_result r = { .status = BQ_SERVFAIL };
		free(x);
		bquery_done(q, &r);
		return;
	}
	x->b = b;
	x->q = q;
	x->fd = -1;
	x->io.fd = -1;
	x->server = u->preferred < u->nservers ? u->preferred : 0;
	ev_timer_init(&x->timer, on_timeout, x);
	q->bdata = x;
	if (start_attempt(x) < 0)
		next_server(x);
}

static void
up_cancel(struct backend *b, struct bquery *q)
{
	(void)b;
	if (q->bdata != NULL)
		uq_free(q->bdata);
	q->bdata = NULL;
}

static void
up_stats(struct backend *b)
{
	struct upstream *u = b->priv;
	log_info("upstream: sent %lu answers %lu garbage %lu timeouts %lu "
	    "tcp %lu failovers %lu", u->sent, u->answers, u->garbage,
	    u->timeouts, u->tcp, u->failovers);
}

static void
up_print(struct backend *b, FILE *out)
{
	struct upstream *u = b->priv;
	char a[64];

	for (unsigned i = 0; i < u->nconfigured; i++) {
		const struct sockaddr *sa =
		    (const struct sockaddr *)&u->servers[i];
		uint16_t port = ntohs(sa->sa_family == AF_INET ?
		    ((const struct sockaddr_in *)sa)->sin_port :
		    ((const struct sockaddr_in6 *)sa)->sin6_port);
		fprintf(out, "upstream server %s", cfg_addr_text(sa, a,
		    sizeof a));
		if (port != 53)
			fprintf(out, "#%u", port);
		fputc('\n', out);
	}
	if (u->resolv_conf[0])
		fprintf(out, "upstream resolv-conf %s\n", u->resolv_conf);
	fprintf(out, "upstream timeout %llums\nupstream negative-ttl %u\n",
	    (unsigned long long)u->timeout_ms, u->neg_ttl);
}

static void
up_destroy(struct backend *b)
{
	struct upstream *u = b->priv;

	pathdir_close(&u->resolv);
	free(u);
}

const struct backend_ops upstream_backend = {
	.name = "upstream",
	.create = up_create,
	.config = up_config,
	.open = up_open,
	.query = up_query,
	.cancel = up_cancel,
	.stats = up_stats,
	.print = up_print,
	.destroy = up_destroy,
};
