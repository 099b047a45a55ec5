/*
 * The "avahi" backend: the same questions as the built-in querier, asked
 * of a running avahi-daemon over libavahi-client (D-Bus), for hosts that
 * already run Avahi and should not get a second mDNS stack.
 *
 * Questions become rounds of record browsers (A and AAAA together for host
 * names, as in the built-in querier, so NODATA and NXDOMAIN come out
 * right, and musl's two questions share them), not Avahi's host-name
 * resolver, which returns one address and waits 5 s for a missing name.
 * Answers: every record browsed until `collect` after the first one; at
 * once when every browser reports Avahi's cache exhausted and the name
 * was in it (warm lookups); a negative at our deadline (500 ms by
 * default) or when every browser says ALL_FOR_NOW.
 *
 * The client is created with AVAHI_CLIENT_NO_FAIL, so mdnsd starts even
 * when avahi-daemon is not running; when the daemon goes away, pending
 * questions get SERVFAIL and a new client waits for it to come back.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <avahi-client/client.h>
#include <avahi-client/lookup.h>
#include <avahi-common/error.h>

#include "../log.h"
#include "avahi_poll.h"
#include "mdns_answer.h"
#include "mdns_policy.h"

#define AVAHI_DEADLINE_MS 500	/* Avahi defers its first query ~100 ms */

struct av_round;

struct av_be {
	struct backend *b;
	struct mdns_conf conf;
	AvahiPoll api;
	AvahiClient *client;
	int running;
	struct ev_timer reconnect;
	struct av_round *rounds;
	unsigned long reconnects, failed;
};

/* One client question waiting on a round. */
struct av_q {
	struct av_q *next;
	struct av_round *r;
	struct bquery *bq;
};

/*
 * The browsers for one name, shared by the questions about it: musl asks
 * A and AAAA at once, and both join one round that browses both types,
 * which halves the (blocking) D-Bus calls and gives NODATA vs NXDOMAIN.
 */
struct av_round {
	struct av_round *next;
	struct av_be *be;
	struct dns_name name;
	enum mdns_class cls;
	uint16_t type[2];
	AvahiRecordBrowser *br[2];
	int all_for_now[2], exhausted[2];
	int exists;		/* some record for the name was seen */
	int failed;		/* a browser failed: SERVFAIL */
	uint64_t deadline, collect;
	struct ev_timer timer;
	struct av_q *qs;
	struct mdns_answer a;	/* records of both types, deduplicated */
};

static void
round_free(struct av_round *r)
{
	struct av_round **pp = &r->be->rounds;

	for (int i = 0; i < 2; i++)
		if (r->br[i])
			avahi_record_browser_free(r->br[i]);
	ev_timer_stop(r->be->b->loop, &r->timer);
	while (*pp != r)
		pp = &(*pp)->next;
	*pp = r->next;
	while (r->qs) {
		struct av_q *q = r->qs;
		r->qs = q->next;
		q->bq->bdata = NULL;
		free(q);
	}
	free(r);
}

/* The answer for one question from what the round collected. */
static void
answer(struct av_round *r, struct bquery *bq)
{
	struct bq_result fail = { .status = BQ_SERVFAIL, .nocache = true };
	struct mdns_answer *a = r->failed ? NULL : malloc(sizeof *a);

	if (!a) {
		bquery_done(bq, &fail);
		return;
	}
	mdns_answer_init(a);
	for (size_t i = 0; i < r->a.nan; i++)
		if (r->a.an[i].type == bq->qtype)
			mdns_answer_add(a, 0, &bq->qname, bq->qtype,
			    r->be->conf.answer_ttl, r->a.an[i].rdata,
			    r->a.an[i].rdlen);
	mdns_answer_deliver(bq, a, r->exists || r->cls == MDNS_SERVICE ?
	    BQ_NODATA : BQ_NXDOMAIN, r->be->conf.answer_ttl);
	free(a);
}

/* Answer every question of the round (the core copies), then free it. */
static void
round_finish(struct av_round *r)
{
	while (r->qs) {
		struct av_q *q = r->qs;
		r->qs = q->next;
		q->bq->bdata = NULL;
		answer(r, q->bq);
		free(q);
	}
	round_free(r);
}

static void
on_round_timer(struct ev_loop *loop, struct ev_timer *t)
{
	(void)loop;
	round_finish(t->data);
}

/* Finish from the loop, not from inside an Avahi callback. */
static void
round_soon(struct av_round *r, uint64_t at)
{
	uint64_t now = ev_now(r->be->b->loop);

	ev_timer_start(r->be->b->loop, &r->timer, at > now ? at - now : 0);
}

static int
have_rdata(const struct mdns_answer *a, uint16_t type, const void *rd,
    size_t len)
{
	for (size_t i = 0; i < a->nan; i++)
		if (a->an[i].type == type && a->an[i].rdlen == len &&
		    memcmp(a->an[i].rdata, rd, len) == 0)
			return 1;
	return 0;
}

static void
on_new(struct av_round *r, uint16_t type, const void *rd, size_t size)
{
	uint64_t now = ev_now(r->be->b->loop), wait = r->be->conf.collect_ms;

	r->exists = 1;
	/* The same record arrives once per protocol (IPv4, IPv6). */
	if ((type == r->type[0] || type == r->type[1]) && size <= 0xffff &&
	    (type != DNS_T_A || size == 4) &&
	    (type != DNS_T_AAAA || (size == 16 &&
	    mdns_policy_addr_ok(&r->be->conf, AF_INET6, rd))) &&
	    !have_rdata(&r->a, type, rd, size))
		mdns_answer_add(&r->a, 0, &r->name, type, 0, rd,
		    (uint16_t)size);
	if (r->collect)
		return;
	if (r->cls == MDNS_SERVICE && type == DNS_T_PTR)
		wait = r->be->conf.deadline_ms;	/* shared records */
	r->collect = now + wait < r->deadline ? now + wait : r->deadline;
	round_soon(r, r->collect);
}

static int
all(const int flag[2], const struct av_round *r)
{
	return flag[0] && (!r->type[1] || flag[1]);
}

static void
on_browse(AvahiRecordBrowser *br, AvahiIfIndex iface, AvahiProtocol proto,
    AvahiBrowserEvent ev, const char *name, uint16_t clazz, uint16_t type,
    const void *rd, size_t size, AvahiLookupResultFlags flags, void *ud)
{
	struct av_round *r = ud;
	int i = br == r->br[1];

	(void)iface, (void)proto, (void)name, (void)clazz, (void)flags;
	switch (ev) {
	case AVAHI_BROWSER_NEW:
		on_new(r, type, rd, size);
		break;
	case AVAHI_BROWSER_CACHE_EXHAUSTED:
		/* Avahi's cache had the name: no need to wait. */
		r->exhausted[i] = 1;
		if (r->exists && all(r->exhausted, r))
			round_soon(r, 0);
		break;
	case AVAHI_BROWSER_ALL_FOR_NOW:
		r->all_for_now[i] = 1;
		if (all(r->all_for_now, r))
			round_soon(r, 0);
		break;
	case AVAHI_BROWSER_FAILURE:
		r->failed = 1;
		round_soon(r, 0);
		break;
	case AVAHI_BROWSER_REMOVE:
		break;
	}
}

/* Avahi wants names as text without the root dot, escaped as it escapes. */
static int
avahi_name(const struct dns_name *n, char *buf, size_t size)
{
	int len = dns_name_to_text(n, buf, size);

	if (len > 1 && buf[len - 1] == '.')
		buf[len - 1] = 0;
	return len;
}

static int
start_browsers(struct av_be *be, struct av_round *r)
{
	char name[DNS_TEXT_MAX];

	if (avahi_name(&r->name, name, sizeof name) < 0)
		return -1;
	for (int i = 0; i < 2 && r->type[i]; i++) {
		r->br[i] = avahi_record_browser_new(be->client, AVAHI_IF_UNSPEC,
		    AVAHI_PROTO_UNSPEC, name, DNS_C_IN, r->type[i],
		    AVAHI_LOOKUP_USE_MULTICAST, on_browse, r);
		if (!r->br[i])
			return -1;
	}
	return 0;
}

static struct av_round *
round_find(struct av_be *be, const struct dns_name *name, uint16_t type)
{
	for (struct av_round *r = be->rounds; r; r = r->next)
		if ((r->type[0] == type || r->type[1] == type) &&
		    dns_name_eq(&r->name, name))
			return r;
	return NULL;
}

static struct av_round *
round_new(struct av_be *be, const struct bquery *bq, enum mdns_class cls)
{
	struct av_round *r = calloc(1, sizeof *r);

	if (!r)
		return NULL;
	r->be = be;
	r->name = bq->qname;
	r->cls = cls;
	r->type[0] = bq->qtype;
	if (cls == MDNS_HOST && (bq->qtype == DNS_T_A ||
	    bq->qtype == DNS_T_AAAA)) {
		r->type[0] = DNS_T_A;
		r->type[1] = DNS_T_AAAA;
	}
	mdns_answer_init(&r->a);
	ev_timer_init(&r->timer, on_round_timer, r);
	r->deadline = ev_now(be->b->loop) + be->conf.deadline_ms;
	r->next = be->rounds;
	be->rounds = r;
	if (start_browsers(be, r) < 0) {
		log_warn("avahi: cannot browse: %s",
		    avahi_strerror(avahi_client_errno(be->client)));
		r->failed = 1;
		round_soon(r, 0);
	} else {
		round_soon(r, r->deadline);
	}
	return r;
}

static void
be_query(struct backend *b, struct bquery *bq)
{
	struct av_be *be = b->priv;
	enum mdns_class cls = bq->qclass == DNS_C_IN ?
	    mdns_policy(&be->conf, &bq->qname, bq->qtype) : MDNS_NOT_OURS;
	struct bq_result res = { .status = BQ_DECLINE, .nocache = true };
	struct av_round *r = NULL;
	struct av_q *q = NULL;

	if (cls == MDNS_NOT_OURS) {
		bquery_done(bq, &res);
		return;
	}
	if (be->running && (q = calloc(1, sizeof *q)) &&
	    !(r = round_find(be, &bq->qname, bq->qtype)))
		r = round_new(be, bq, cls);
	if (!r) {
		free(q);
		be->failed++;
		res.status = BQ_SERVFAIL;
		bquery_done(bq, &res);
		return;
	}
	q->r = r;
	q->bq = bq;
	q->next = r->qs;
	r->qs = q;
	bq->bdata = q;
}

static void
be_cancel(struct backend *b, struct bquery *bq)
{
	struct av_q *q = bq->bdata, **pp;

	(void)b;
	if (!q)
		return;
	for (pp = &q->r->qs; *pp != q; pp = &(*pp)->next)
		;
	*pp = q->next;
	bq->bdata = NULL;
	if (!q->r->qs)
		round_free(q->r);
	free(q);
}

/* The daemon went away: every pending question gets SERVFAIL. */
static void
fail_pending(struct av_be *be)
{
	while (be->rounds) {
		struct av_round *r = be->rounds;
		for (int i = 0; i < 2; i++)
			if (r->br[i]) {
				avahi_record_browser_free(r->br[i]);
				r->br[i] = NULL;
			}
		r->failed = 1;
		round_finish(r);
	}
}

static void on_client(AvahiClient *c, AvahiClientState st, void *ud);

static void
connect_client(struct av_be *be)
{
	int err = 0;

	be->client = avahi_client_new(&be->api, AVAHI_CLIENT_NO_FAIL,
	    on_client, be, &err);
	if (!be->client) {
		/* No D-Bus at all: try again in a second. */
		log_debug("avahi: %s", avahi_strerror(err));
		ev_timer_start(be->b->loop, &be->reconnect, 1000);
	}
}

static void
on_reconnect(struct ev_loop *loop, struct ev_timer *t)
{
	struct av_be *be = t->data;

	(void)loop;
	if (be->client)
		avahi_client_free(be->client);
	be->client = NULL;
	be->reconnects++;
	connect_client(be);
}

static void
on_client(AvahiClient *c, AvahiClientState st, void *ud)
{
	struct av_be *be = ud;

	switch (st) {
	case AVAHI_CLIENT_S_RUNNING:
	case AVAHI_CLIENT_S_REGISTERING:
	case AVAHI_CLIENT_S_COLLISION:
		if (!be->running)
			log_info("avahi: connected to avahi-daemon");
		be->running = 1;
		break;
	case AVAHI_CLIENT_CONNECTING:
		if (be->running)
			log_warn("avahi: avahi-daemon went away; waiting");
		be->running = 0;
		fail_pending(be);
		break;
	case AVAHI_CLIENT_FAILURE:
		log_warn("avahi: %s; reconnecting",
		    avahi_strerror(avahi_client_errno(c)));
		be->running = 0;
		fail_pending(be);
		/* Not from inside the client's own callback. */
		ev_timer_start(be->b->loop, &be->reconnect, 0);
		break;
	}
}

static int
be_create(struct backend *b)
{
	struct av_be *be = calloc(1, sizeof *be);

	if (!be)
		return -1;
	be->b = b;
	mdns_conf_init(&be->conf);
	be->conf.deadline_ms = AVAHI_DEADLINE_MS;
	ev_timer_init(&be->reconnect, on_reconnect, be);
	b->priv = be;
	return 0;
}

static int
be_config(struct backend *b, struct cfg_ctx *c, int argc, char **argv)
{
	struct av_be *be = b->priv;

	return mdns_be_config(&be->conf, c, argc, argv);
}

static int
be_open(struct backend *b)
{
	struct av_be *be = b->priv;

	avahi_ev_poll_init(&be->api, b->loop);
	connect_client(be);
	return 0;
}

static void
be_stats(struct backend *b)
{
	struct av_be *be = b->priv;

	log_info("avahi: %s, reconnects=%lu refused-while-down=%lu",
	    be->running ? "connected" : "not connected", be->reconnects,
	    be->failed);
}

static void
be_print(struct backend *b, FILE *out)
{
	struct av_be *be = b->priv;

	mdns_conf_print(&be->conf, "avahi", 0, out);
}

static void
be_destroy(struct backend *b)
{
	struct av_be *be = b->priv;

	while (be->rounds)
		round_free(be->rounds);
	ev_timer_stop(b->loop, &be->reconnect);
	if (be->client)
		avahi_client_free(be->client);
	mdns_conf_free(&be->conf);
	free(be);
	b->priv = NULL;
}

const struct backend_ops avahi_backend = {
	.name = "avahi",
	.create = be_create,
	.config = be_config,
	.open = be_open,
	.query = be_query,
	.cancel = be_cancel,
	.stats = be_stats,
	.print = be_print,
	.destroy = be_destroy,
};
