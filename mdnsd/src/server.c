/* server.c: the core's entry points (see server.h). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cache.h"
#include "log.h"
#include "prepared.h"
#include "ratelimit.h"
#include "reply.h"
#include "server.h"

struct server *
server_new(struct ev_loop *loop, struct config *cfg)
{
	struct server *srv = calloc(1, sizeof *srv);

	if (srv == NULL)
		return NULL;
	srv->loop = loop;
	srv->cfg = cfg;
	srv->cache = cache_new(cfg->cache_bytes);
	srv->rl = cfg->rate_qps ? ratelimit_new(cfg->rate_qps,
	    cfg->rate_burst) : NULL;
	srv->table_mask = 1023;
	srv->table = calloc(srv->table_mask + 1, sizeof *srv->table);
	if (srv->cache == NULL || srv->table == NULL ||
	    (cfg->rate_qps && srv->rl == NULL)) {
		server_free(srv);
		return NULL;
	}
	return srv;
}

int
server_open(struct server *srv)
{
	const struct config *cfg = srv->cfg;

	for (unsigned i = 0; i < cfg->nlisten; i++) {
		unsigned nudp = srv->nudp;
		if (udp_open(srv, &cfg->listen[i]) == 0 &&
		    tcp_listen_open(srv, &cfg->listen[i]) == 0)
			continue;
		/* The default ::1 may be missing (IPv6 disabled): go on
		 * with what there is; configured addresses must all work. */
		if (!cfg->listen_default)
			return -1;
		if (srv->nudp > nudp) {
			srv->nudp--;
			ev_io_stop(srv->loop, &srv->udp[srv->nudp].io);
			close(srv->udp[srv->nudp].fd);
		}
		log_warn("not listening on a default address");
	}
	if (srv->nudp == 0) {
		log_err("no address to listen on");
		return -1;
	}
	return 0;
}

void
server_send(struct server *srv, const struct waiter *w, const uint8_t *msg,
    size_t len)
{
	if (w->conn != NULL)
		tcp_send(srv, w->conn, msg, len);
	else
		udp_send(srv, w, msg, len);
}

static void
count_reply(struct server *srv, const uint8_t *buf, size_t len)
{
	if (len >= 4 && (buf[2] & (DNS_F_TC >> 8)))
		srv->st.truncated++;
	switch (len >= 4 ? buf[3] & 15 : 0) {
	case DNS_R_SERVFAIL: srv->st.servfail++; break;
	case DNS_R_NXDOMAIN: srv->st.nxdomain++; break;
	default: break;
	}
}

void
server_reply(struct server *srv, const struct waiter *w,
    const struct answer *a, unsigned rcode, uint32_t age_s)
{
	uint8_t buf[65535];
	size_t limit = w->conn ? sizeof buf : reply_udp_limit(&w->q);
	size_t len = reply_build(buf, limit, &w->q, a, rcode, age_s);

	count_reply(srv, buf, len);
	server_send(srv, w, buf, len);
}

/* A cache hit: over UDP, straight from the prepared reply into the send
 * batch; otherwise (TCP, no prepared reply, too big) the general way. */
static void
reply_cached(struct server *srv, const struct waiter *w,
    const struct answer *a, const struct prepared *p, uint32_t age_s)
{
	uint8_t *slot;
	size_t len;

	if (p != NULL && w->conn == NULL &&
	    (slot = udp_tx_slot(srv, w)) != NULL &&
	    (len = prepared_write(p, slot, reply_udp_limit(&w->q), &w->q,
	    age_s)) != 0) {
		count_reply(srv, slot, len);
		udp_tx_commit(srv, w, len);
		return;
	}
	server_reply(srv, w, a, 0, age_s);
}

/* Questions we never send to a backend. */
static int
refuse_early(const struct dns_query *q)
{
	if (q->qtype == DNS_T_AXFR || q->qtype == DNS_T_IXFR)
		return DNS_R_NOTIMP;
	if (q->qclass != DNS_C_IN && q->qclass != DNS_C_ANY)
		return DNS_R_REFUSED;
	return DNS_R_NOERROR;
}

void
server_query(struct server *srv, const struct waiter *w)
{
	const struct dns_query *q = &w->q;
	const struct answer *a;
	const struct prepared *p;
	uint32_t age;
	int rc;

	srv->st.queries++;
	if ((rc = refuse_early(q)) != 0) {
		server_reply(srv, w, NULL, (unsigned)rc, 0);
		return;
	}
	a = cache_get(srv->cache, &q->qname, q->qtype, q->qclass,
	    ev_now(srv->loop), &age, &p);
	if (a != NULL) {
		srv->st.cache_hits++;
		reply_cached(srv, w, a, p, age);
		return;
	}
	lookup_start(srv, w);
}

void
server_reconfigure(struct server *srv, struct config *cfg)
{
	struct config *old = srv->cfg;

	lookup_abort_all(srv);
	srv->cfg = cfg;
	cache_free(srv->cache);
	srv->cache = cache_new(cfg->cache_bytes);
	ratelimit_free(srv->rl);
	srv->rl = cfg->rate_qps ? ratelimit_new(cfg->rate_qps,
	    cfg->rate_burst) : NULL;
	if (srv->cache == NULL)
		srv->cache = cache_new(0);
	config_free(old);
}

void
server_stats(struct server *srv)
{
	const struct server_stats *s = &srv->st;
	struct cache_stats cs;

	log_info("queries %lu (udp %lu tcp %lu) cache hits %lu joined %lu "
	    "refused %lu rate-limited %lu formerr %lu servfail %lu "
	    "nxdomain %lu truncated %lu dropped %lu in flight %u tcp %u",
	    s->queries, s->udp, s->tcp, s->cache_hits, s->joined, s->refused,
	    s->ratelimited, s->formerr, s->servfail, s->nxdomain,
	    s->truncated, s->dropped, srv->nlookups, srv->ntcp_conns);
	if (srv->cache != NULL) {
		cache_get_stats(srv->cache, &cs);
		log_info("cache %zu entries %zu bytes hits %lu misses %lu "
		    "evictions %lu expired %lu", cs.entries, cs.bytes, cs.hits,
		    cs.misses, cs.evictions, cs.expired);
	}
	for (struct backend *b = srv->cfg->backends; b; b = b->next) {
		log_info("backend %s: queries %lu answer %lu nodata %lu "
		    "nxdomain %lu servfail %lu decline %lu", b->ops->name,
		    b->n_query, b->n_answer, b->n_nodata, b->n_nxdomain,
		    b->n_servfail, b->n_decline);
		if (b->ops->stats != NULL)
			b->ops->stats(b);
	}
}

void
server_free(struct server *srv)
{
	if (srv == NULL)
		return;
	if (srv->table != NULL)
		lookup_abort_all(srv);
	tcp_close_all(srv);
	for (unsigned i = 0; i < srv->nudp; i++) {
		ev_io_stop(srv->loop, &srv->udp[i].io);
		close(srv->udp[i].fd);
	}
	for (unsigned i = 0; i < srv->ntcp_listen; i++) {
		int fd = srv->tcp_listen[i].fd;
		ev_io_stop(srv->loop, &srv->tcp_listen[i]);
		close(fd);
	}
	cache_free(srv->cache);
	ratelimit_free(srv->rl);
	free(srv->table);
	free(srv);
}
