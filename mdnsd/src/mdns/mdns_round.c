/*
 * Rounds: one mDNS query in flight per name, the lookups waiting on it,
 * and when each finishes.  See mdns_querier.h for the timing rules.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>

#include "mdns_querier_int.h"

struct count_arg {
	const struct mdns_conf *conf;
	size_t n;
};

static void
count_usable(const struct mdns_rr *rr, uint32_t ttl, void *arg)
{
	struct count_arg *a = arg;

	(void)ttl;
	if ((rr->type == DNS_T_A && rr->rdlen == 4) ||
	    (rr->type == DNS_T_AAAA && rr->rdlen == 16 &&
	    mdns_policy_addr_ok(a->conf, AF_INET6, rr->rdata)) ||
	    (rr->type != DNS_T_A && rr->type != DNS_T_AAAA))
		a->n++;
}

/*
 * What the cache says about (name, type) now; MDNS_PENDING when it does
 * not know.  With final set (the round is over) absence becomes NODATA
 * when the name is known to exist, else NXDOMAIN (hosts, reverse) or
 * NODATA (services, RFC 8766 5.5.2).
 */
static enum mdns_status
verdict(struct mdns_querier *q, const struct dns_name *name, uint16_t type,
    enum mdns_class cls, uint64_t now, int final)
{
	struct count_arg a = { q->conf, 0 };

	mdns_cache_lookup(q->cache, name, type, now, count_usable, &a);
	if (a.n)
		return MDNS_FOUND;
	if (mdns_cache_denied(q->cache, name, type, now))
		return MDNS_NODATA;
	if (!final)
		return MDNS_PENDING;
	if (cls == MDNS_SERVICE ||
	    mdns_cache_lookup(q->cache, name, 0, now, NULL, NULL) > 0)
		return MDNS_NODATA;
	return MDNS_NXDOMAIN;
}

static int
send_round(struct mdns_querier *q, struct mdns_round *r)
{
	uint8_t pkt[512];
	struct dns_writer w;
	/* QU only on the first query (RFC 6762 5.4) and only on 5353. */
	uint16_t qclass = DNS_C_IN |
	    (q->sock.port5353 && r->sends == 0 ? 0x8000 : 0);
	size_t len;
	int ok = 0;

	dns_w_init(&w, pkt, sizeof pkt, r->id, 0);
	for (int i = 0; i < 2 && r->qtype[i]; i++)
		if (dns_w_question(&w, &r->name, r->qtype[i], qclass) < 0)
			return -1;
	len = dns_w_finish(&w);
	for (unsigned i = 0; i < q->links.nif; i++) {
		unsigned idx = q->links.ifindex[i];
		if (q->links.has4[i] && mdns_sock_send(&q->sock, AF_INET, idx,
		    pkt, len) == 0)
			ok++;
		if (q->links.has6[i] && mdns_sock_send(&q->sock, AF_INET6, idx,
		    pkt, len) == 0)
			ok++;
	}
	q->stats.queries_sent += (uint64_t)ok;
	r->sends++;
	return ok ? 0 : -1;
}

static void
refresh_links(struct mdns_querier *q, uint64_t now)
{
	const struct mdns_conf *c = q->conf;

	if (q->sock.fd4 < 0 && q->sock.fd6 < 0)
		return;		/* no sockets: tests fill links by hand */
	if (now - q->links_ms < MDNS_LINKS_REFRESH_MS)
		return;
	mdns_links_scan(&q->links, c->interfaces[0] ?
	    (const char *const *)c->interfaces : NULL);
	mdns_sock_join(&q->sock, &q->links);
	q->links_ms = now;
}

static struct mdns_round *
round_find(struct mdns_querier *q, const struct dns_name *name,
    uint16_t type)
{
	for (struct mdns_round *r = q->rounds; r; r = r->next)
		if ((r->qtype[0] == type || r->qtype[1] == type) &&
		    dns_name_eq(&r->name, name))
			return r;
	return NULL;
}

static struct mdns_round *
round_new(struct mdns_querier *q, const struct dns_name *name, uint16_t type,
    enum mdns_class cls, uint64_t now)
{
	struct mdns_round *r;

	if (q->nrounds >= MDNS_ROUNDS_MAX || !(r = calloc(1, sizeof *r)))
		return NULL;
	r->name = *name;
	r->cls = cls;
	r->qtype[0] = type;
	if (cls == MDNS_HOST && (type == DNS_T_A || type == DNS_T_AAAA)) {
		r->qtype[0] = DNS_T_A;
		r->qtype[1] = DNS_T_AAAA;
	}
	/* Legacy replies must echo the ID (6.7); mDNS ones carry 0. */
	if (!q->sock.port5353 && getrandom(&r->id, sizeof r->id, 0) < 0)
		r->id = (uint16_t)(now * 2654435761u >> 7);
	r->deadline_ms = now + q->conf->deadline_ms;
	r->next_send_ms = now + q->conf->resend_ms;
	refresh_links(q, now);
	send_round(q, r);
	r->next = q->rounds;
	q->rounds = r;
	q->nrounds++;
	return r;
}

enum mdns_status
mdns_lookup_start(struct mdns_querier *q, const struct dns_name *qname,
    uint16_t qtype, enum mdns_class cls, uint64_t now_ms, mdns_done_fn *done,
    void *arg, struct mdns_lookup **lp)
{
	enum mdns_status st = verdict(q, qname, qtype, cls, now_ms, 0);
	struct mdns_round *r;
	struct mdns_lookup *l;

	*lp = NULL;
	if (st != MDNS_PENDING) {
		q->stats.answered_cache++;
		return st;
	}
	r = round_find(q, qname, qtype);
	if (!r && !(r = round_new(q, qname, qtype, cls, now_ms)))
		return MDNS_FAIL;
	if (!(l = calloc(1, sizeof *l)))
		return MDNS_FAIL;
	l->round = r;
	l->qtype = qtype;
	l->cls = cls;
	l->done = done;
	l->arg = arg;
	l->next = r->lookups;
	r->lookups = l;
	*lp = l;
	return MDNS_PENDING;
}

static void
round_unlink(struct mdns_querier *q, struct mdns_round *r)
{
	struct mdns_round **pp = &q->rounds;

	while (*pp != r)
		pp = &(*pp)->next;
	*pp = r->next;
	q->nrounds--;
}

void
mdns_lookup_cancel(struct mdns_querier *q, struct mdns_lookup *l)
{
	struct mdns_round *r = l->round;
	struct mdns_lookup **pp = &r->lookups;

	while (*pp != l)
		pp = &(*pp)->next;
	*pp = l->next;
	free(l);
	if (!r->lookups) {
		round_unlink(q, r);
		free(r);
	}
}

void
mdns_round_answered(struct mdns_querier *q, struct mdns_round *r,
    uint64_t now_ms)
{
	unsigned wait = q->conf->collect_ms;

	if (r->collect_ms)
		return;
	/* Browse PTRs are shared records: responders wait 20-120 ms. */
	if (r->cls == MDNS_SERVICE && r->qtype[0] == DNS_T_PTR)
		wait = q->conf->deadline_ms;
	r->collect_ms = now_ms + wait;
	if (r->collect_ms > r->deadline_ms)
		r->collect_ms = r->deadline_ms;
}

/*
 * After a host round, remember briefly that a family nobody sent is
 * absent, so the other family's lookup (musl sends A and AAAA together,
 * and resends them) gets NODATA from the cache.
 */
static void
note_absent(struct mdns_querier *q, struct mdns_round *r, uint64_t now)
{
	if (!r->collect_ms || !r->qtype[1])
		return;
	for (int i = 0; i < 2; i++)
		if (mdns_cache_lookup(q->cache, &r->name, r->qtype[i], now,
		    NULL, NULL) == 0)
			mdns_cache_add_negative(q->cache, &r->name,
			    r->qtype[i], q->conf->answer_ttl, now);
}

/* Finish every lookup of a round whose time is up; the round goes. */
static void
round_finish(struct mdns_querier *q, struct mdns_round *r, uint64_t now)
{
	struct mdns_lookup *l, *next;

	round_unlink(q, r);
	note_absent(q, r, now);
	q->recent[q->nrecent].id = r->id;
	q->recent[q->nrecent].until_ms = now + q->conf->deadline_ms;
	q->nrecent = (q->nrecent + 1) % MDNS_RECENT_IDS;
	for (l = r->lookups; l; l = next) {
		enum mdns_status st = verdict(q, &r->name, l->qtype, l->cls,
		    now, 1);
		next = l->next;
		if (st == MDNS_NXDOMAIN)
			q->stats.negatives++;
		else
			q->stats.answered_link++;
		l->done(l->arg, st);
		free(l);
	}
	free(r);
}

static int
round_due(const struct mdns_round *r, uint64_t now)
{
	return now >= r->deadline_ms || (r->collect_ms && now >= r->collect_ms);
}

void
mdns_querier_tick(struct mdns_querier *q, uint64_t now_ms)
{
	struct mdns_round *r;
	int again = 1;

	/* Callbacks may start or cancel lookups, so restart the walk after
	 * each finished round instead of keeping a next pointer. */
	while (again) {
		again = 0;
		for (r = q->rounds; r; r = r->next) {
			if (round_due(r, now_ms)) {
				round_finish(q, r, now_ms);
				again = 1;
				break;
			}
			if (!r->collect_ms && now_ms >= r->next_send_ms) {
				send_round(q, r);
				r->next_send_ms = now_ms + q->conf->resend_ms;
			}
		}
	}
	if (now_ms >= q->expire_ms) {
		mdns_cache_expire(q->cache, now_ms);
		q->expire_ms = now_ms + 10000;
	}
}

uint64_t
mdns_querier_next_ms(const struct mdns_querier *q)
{
	uint64_t next = q->expire_ms;

	for (const struct mdns_round *r = q->rounds; r; r = r->next) {
		uint64_t t = r->collect_ms ? r->collect_ms : r->next_send_ms;
		if (r->deadline_ms < t)
			t = r->deadline_ms;
		if (t < next)
			next = t;
	}
	return next;
}

struct records_arg {
	const struct mdns_conf *conf;
	void (*fn)(const struct mdns_rr *rr, void *arg);
	void *arg;
	size_t n;
};

static void
emit(const struct mdns_rr *rr, uint32_t ttl, void *arg)
{
	struct records_arg *a = arg;
	struct mdns_rr out = *rr;

	if ((rr->type == DNS_T_A && rr->rdlen != 4) ||
	    (rr->type == DNS_T_AAAA && (rr->rdlen != 16 ||
	    !mdns_policy_addr_ok(a->conf, AF_INET6, rr->rdata))))
		return;
	out.ttl = ttl < a->conf->answer_ttl ? ttl : a->conf->answer_ttl;
	out.cache_flush = 0;
	if (a->fn)
		a->fn(&out, a->arg);
	a->n++;
}

size_t
mdns_querier_records(struct mdns_querier *q, const struct dns_name *qname,
    uint16_t qtype, uint64_t now_ms,
    void (*fn)(const struct mdns_rr *rr, void *arg), void *arg)
{
	struct records_arg a = { q->conf, fn, arg, 0 };

	mdns_cache_lookup(q->cache, qname, qtype, now_ms, emit, &a);
	return a.n;
}
