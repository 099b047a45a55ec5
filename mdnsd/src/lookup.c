/*
 * lookup.c: one question in flight, its waiters, its walk along the
 * route's chain of backends, and its deadline.
 *
 * Re-entrancy: a backend may call bquery_done() from inside its query
 * hook, and bquery_done() may free the lookup; so after calling a
 * backend's query hook we never touch the lookup again.
 */
#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "log.h"
#include "server.h"

struct lookup {
	struct lookup *hnext;
	struct server *srv;
	uint32_t hash;
	struct dns_name key;		/* lowercased qname */
	uint16_t qtype, qclass;
	const struct route *route;
	unsigned step;			/* index in route->chain */
	struct backend *be;		/* backend holding bq, or NULL */
	struct bquery bq;
	struct waiter *waiters;
	unsigned nwaiters;
	bool sync_only;			/* started over max-lookups */
	struct ev_timer deadline;
};

static uint32_t
lk_hash(const struct dns_name *n, uint16_t type, uint16_t class)
{
	return dns_name_hash(n) ^ (uint32_t)type * 2654435761u ^ class;
}

static struct lookup **
slot_of(struct server *srv, uint32_t h)
{
	return &srv->table[h & srv->table_mask];
}

static struct lookup *
find(struct server *srv, const struct dns_query *q, uint32_t h)
{
	for (struct lookup *lk = *slot_of(srv, h); lk; lk = lk->hnext)
		if (lk->hash == h && lk->qtype == q->qtype &&
		    lk->qclass == q->qclass && dns_name_eq(&lk->key, &q->qname))
			return lk;
	return NULL;
}

static void
lookup_free(struct lookup *lk)
{
	struct server *srv = lk->srv;
	struct lookup **pp = slot_of(srv, lk->hash);

	while (*pp != lk)
		pp = &(*pp)->hnext;
	*pp = lk->hnext;
	ev_timer_stop(srv->loop, &lk->deadline);
	while (lk->waiters) {
		struct waiter *w = lk->waiters;
		lk->waiters = w->next;
		free(w);
	}
	srv->nlookups--;
	free(lk);
}

/* Reply to every waiter, then free the lookup. */
static void
finish(struct lookup *lk, const struct answer *a, unsigned rcode)
{
	for (struct waiter *w = lk->waiters; w; w = w->next)
		server_reply(lk->srv, w, a, rcode, 0);
	lookup_free(lk);
}

static void
next_backend(struct lookup *lk)
{
	if (lk->step >= lk->route->nchain) {
		/* Every backend declined: the name is nowhere. */
		finish(lk, NULL, DNS_R_NXDOMAIN);
		return;
	}
	struct backend *b = lk->route->chain[lk->step];
	if (lk->sync_only && !b->ops->synchronous) {
		/* over max-lookups: nothing may stay in flight */
		finish(lk, NULL, DNS_R_SERVFAIL);
		return;
	}
	lk->be = b;
	lk->bq.bdata = NULL;
	b->n_query++;
	b->ops->query(b, &lk->bq);	/* may free lk: see the top */
}

static void
on_deadline(struct ev_loop *loop, struct ev_timer *t)
{
	struct lookup *lk = t->data;
	(void)loop;

	if (lk->be != NULL && lk->be->ops->cancel != NULL)
		lk->be->ops->cancel(lk->be, &lk->bq);
	lk->be = NULL;
	log_debug("lookup deadline passed");
	finish(lk, NULL, DNS_R_SERVFAIL);
}

static void
count_status(struct backend *b, enum bq_status s)
{
	switch (s) {
	case BQ_ANSWER: b->n_answer++; break;
	case BQ_NODATA: b->n_nodata++; break;
	case BQ_NXDOMAIN: b->n_nxdomain++; break;
	case BQ_SERVFAIL: b->n_servfail++; break;
	case BQ_DECLINE: b->n_decline++; break;
	}
}

void
bquery_done(struct bquery *q, const struct bq_result *r)
{
	struct lookup *lk = q->lk;
	struct server *srv = lk->srv;
	struct answer *a;

	count_status(lk->be, r->status);
	lk->be = NULL;
	if (r->status == BQ_DECLINE) {
		lk->step++;
		next_backend(lk);
		return;
	}
	a = answer_new(r, srv->cfg->cache_max_ttl, srv->cfg->neg_max_ttl);
	if (a == NULL) {
		finish(lk, NULL, DNS_R_SERVFAIL);
		return;
	}
	/* finish() frees lk: keep the key. */
	struct dns_name key = lk->key;
	uint16_t type = lk->qtype, class = lk->qclass;
	finish(lk, a, 0);
	cache_put(srv->cache, &key, type, class, a, ev_now(srv->loop));
}

/* A resend from the same client (same socket, peer and ID) is not a new
 * waiter: musl resends every 2.5 s and would otherwise get two replies. */
static bool
same_client(const struct waiter *a, const struct waiter *b)
{
	return a->q.id == b->q.id && a->conn == b->conn && a->us == b->us &&
	    a->peerlen == b->peerlen &&
	    memcmp(&a->peer, &b->peer, a->peerlen) == 0;
}

static void
join(struct server *srv, struct lookup *lk, const struct waiter *w)
{
	for (struct waiter *x = lk->waiters; x; x = x->next)
		if (same_client(x, w)) {
			srv->st.joined++;
			return;
		}
	struct waiter *nw = lk->nwaiters < WAITERS_MAX ?
	    malloc(sizeof *nw) : NULL;
	if (nw == NULL) {
		srv->st.dropped++;
		return;
	}
	*nw = *w;
	nw->next = lk->waiters;
	lk->waiters = nw;
	lk->nwaiters++;
	srv->st.joined++;
}

static struct lookup *
lookup_new(struct server *srv, const struct waiter *w, uint32_t h)
{
	struct lookup *lk = calloc(1, sizeof *lk);
	struct waiter *nw = malloc(sizeof *nw);

	if (lk == NULL || nw == NULL) {
		free(lk);
		free(nw);
		return NULL;
	}
	*nw = *w;
	nw->next = NULL;
	lk->srv = srv;
	lk->hash = h;
	lk->key = w->q.qname;
	dns_name_lower(&lk->key);
	lk->qtype = w->q.qtype;
	lk->qclass = w->q.qclass;
	lk->waiters = nw;
	lk->nwaiters = 1;
	lk->bq.qname = w->q.qname;
	lk->bq.qtype = w->q.qtype;
	lk->bq.qclass = w->q.qclass;
	lk->bq.lk = lk;
	lk->bq.deadline = ev_now(srv->loop) + srv->cfg->lookup_timeout_ms;
	ev_timer_init(&lk->deadline, on_deadline, lk);
	return lk;
}

void
lookup_start(struct server *srv, const struct waiter *w)
{
	uint32_t h = lk_hash(&w->q.qname, w->q.qtype, w->q.qclass);
	struct lookup *lk = find(srv, &w->q, h);
	const struct route *r;

	if (lk != NULL) {
		join(srv, lk, w);
		return;
	}
	r = config_route(srv->cfg, &w->q.qname);
	if (r == NULL) {
		server_reply(srv, w, NULL, DNS_R_REFUSED, 0);
		return;
	}
	if ((lk = lookup_new(srv, w, h)) == NULL) {
		server_reply(srv, w, NULL, DNS_R_SERVFAIL, 0);
		return;
	}
	/* At the bound only synchronous backends are asked: the lookup
	 * ends before we return, so at most one lookup is over the bound. */
	lk->sync_only = srv->nlookups >= srv->cfg->max_lookups;
	lk->route = r;
	lk->hnext = *slot_of(srv, h);
	*slot_of(srv, h) = lk;
	srv->nlookups++;
	if (ev_timer_start(srv->loop, &lk->deadline,
	    srv->cfg->lookup_timeout_ms) < 0) {
		finish(lk, NULL, DNS_R_SERVFAIL);
		return;
	}
	next_backend(lk);
}

void
lookup_abort_all(struct server *srv)
{
	for (size_t i = 0; i <= srv->table_mask; i++)
		while (srv->table[i] != NULL) {
			struct lookup *lk = srv->table[i];
			if (lk->be != NULL && lk->be->ops->cancel != NULL)
				lk->be->ops->cancel(lk->be, &lk->bq);
			lk->be = NULL;
			finish(lk, NULL, DNS_R_SERVFAIL);
		}
}

void
lookup_forget_conn(struct server *srv, struct tcp_conn *c)
{
	for (size_t i = 0; i <= srv->table_mask; i++)
		for (struct lookup *lk = srv->table[i]; lk; lk = lk->hnext) {
			struct waiter **pp = &lk->waiters;
			while (*pp != NULL) {
				struct waiter *w = *pp;
				if (w->conn == c) {
					*pp = w->next;
					lk->nwaiters--;
					free(w);
				} else
					pp = &w->next;
			}
		}
}
