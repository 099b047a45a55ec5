/*
 * The "avahi" backend: the same questions as the built-in querier, asked
 * of a running avahi-daemon over libavahi-client (D-Bus), for hosts that
 * already run Avahi and should not get a second mDNS stack.
 *
 * Each question becomes record browsers (A and AAAA together for host
 * names, as in the built-in querier, so NODATA and NXDOMAIN come out
 * right), not Avahi's host-name resolver, which returns one address and
 * waits 5 s for a missing name.  Answers: every record browsed until
 * `collect` after the first one; at once when Avahi reports its cache
 * exhausted with records in hand (warm lookups); a negative at our
 * deadline (500 ms by default) or when every browser says ALL_FOR_NOW.
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

struct av_q;

struct av_be {
	struct backend *b;
	struct mdns_conf conf;
	AvahiPoll api;
	AvahiClient *client;
	int running;
	struct ev_timer reconnect;
	struct av_q *pending;
	unsigned long reconnects, failed;
};

struct av_q {
	struct av_q *next;
	struct av_be *be;
	struct bquery *bq;
	enum mdns_class cls;
	AvahiRecordBrowser *br[2];
	uint16_t type[2];
	int all_for_now[2];
	int exists;		/* some record for the name was seen */
	int failed;		/* a browser failed: SERVFAIL */
	uint64_t deadline, collect;
	struct ev_timer timer;
	struct mdns_answer a;
};

static void
q_unlink(struct av_q *q)
{
	struct av_q **pp = &q->be->pending;

	while (*pp != q)
		pp = &(*pp)->next;
	*pp = q->next;
}

static void
q_free(struct av_q *q)
{
	for (int i = 0; i < 2; i++)
		if (q->br[i])
			avahi_record_browser_free(q->br[i]);
	ev_timer_stop(q->be->b->loop, &q->timer);
	q_unlink(q);
	if (q->bq)
		q->bq->bdata = NULL;
	free(q);
}

/* Deliver the answer (the core copies it), then free the question. */
static void
q_finish(struct av_q *q)
{
	struct bquery *bq = q->bq;
	struct bq_result fail = { .status = BQ_SERVFAIL, .nocache = true };

	bq->bdata = NULL;
	q->bq = NULL;
	if (q->failed)
		bquery_done(bq, &fail);
	else
		mdns_answer_deliver(bq, &q->a, q->exists ||
		    q->cls == MDNS_SERVICE ? BQ_NODATA : BQ_NXDOMAIN,
		    q->be->conf.answer_ttl);
	q_free(q);
}

static void
on_q_timer(struct ev_loop *loop, struct ev_timer *t)
{
	(void)loop;
	q_finish(t->data);
}

/* Finish from the loop, not from inside an Avahi callback. */
static void
q_soon(struct av_q *q, uint64_t at)
{
	uint64_t now = ev_now(q->be->b->loop);

	ev_timer_start(q->be->b->loop, &q->timer, at > now ? at - now : 0);
}

static int
have_rdata(const struct mdns_answer *a, const void *rd, size_t len)
{
	for (size_t i = 0; i < a->nan; i++)
		if (a->an[i].rdlen == len && memcmp(a->an[i].rdata, rd, len) == 0)
			return 1;
	return 0;
}

static void
on_new(struct av_q *q, uint16_t type, const void *rd, size_t size)
{
	uint64_t now = ev_now(q->be->b->loop), wait = q->be->conf.collect_ms;

	q->exists = 1;
	/* The same record arrives once per protocol (IPv4, IPv6). */
	if (type == q->bq->qtype && size <= 0xffff &&
	    (type != DNS_T_A || size == 4) &&
	    (type != DNS_T_AAAA || (size == 16 &&
	    mdns_policy_addr_ok(&q->be->conf, AF_INET6, rd))) &&
	    !have_rdata(&q->a, rd, size))
		mdns_answer_add(&q->a, 0, &q->bq->qname, type,
		    q->be->conf.answer_ttl, rd, (uint16_t)size);
	if (q->collect)
		return;
	if (q->cls == MDNS_SERVICE && type == DNS_T_PTR)
		wait = q->be->conf.deadline_ms;	/* shared records */
	q->collect = now + wait < q->deadline ? now + wait : q->deadline;
	q_soon(q, q->collect);
}

static void
on_browse(AvahiRecordBrowser *br, AvahiIfIndex iface, AvahiProtocol proto,
    AvahiBrowserEvent ev, const char *name, uint16_t clazz, uint16_t type,
    const void *rd, size_t size, AvahiLookupResultFlags flags, void *ud)
{
	struct av_q *q = ud;
	int i = br == q->br[1];

	(void)iface, (void)proto, (void)name, (void)clazz, (void)flags;
	switch (ev) {
	case AVAHI_BROWSER_NEW:
		on_new(q, type, rd, size);
		break;
	case AVAHI_BROWSER_CACHE_EXHAUSTED:
		/* Avahi's cache had the name: no need to wait. */
		if (q->a.nan)
			q_soon(q, 0);
		break;
	case AVAHI_BROWSER_ALL_FOR_NOW:
		q->all_for_now[i] = 1;
		if (q->all_for_now[0] && (!q->type[1] || q->all_for_now[1]))
			q_soon(q, 0);
		break;
	case AVAHI_BROWSER_FAILURE:
		q->failed = 1;
		q_soon(q, 0);
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
start_browsers(struct av_be *be, struct av_q *q)
{
	char name[DNS_TEXT_MAX];

	if (avahi_name(&q->bq->qname, name, sizeof name) < 0)
		return -1;
	for (int i = 0; i < 2 && q->type[i]; i++) {
		q->br[i] = avahi_record_browser_new(be->client, AVAHI_IF_UNSPEC,
		    AVAHI_PROTO_UNSPEC, name, DNS_C_IN, q->type[i],
		    AVAHI_LOOKUP_USE_MULTICAST, on_browse, q);
		if (!q->br[i])
			return -1;
	}
	return 0;
}

static void
be_query(struct backend *b, struct bquery *bq)
{
	struct av_be *be = b->priv;
	enum mdns_class cls = bq->qclass == DNS_C_IN ?
	    mdns_policy(&be->conf, &bq->qname, bq->qtype) : MDNS_NOT_OURS;
	struct bq_result r = { .status = BQ_DECLINE, .nocache = true };
	struct av_q *q;

	if (cls == MDNS_NOT_OURS) {
		bquery_done(bq, &r);
		return;
	}
	r.status = BQ_SERVFAIL;
	if (!be->running || !(q = calloc(1, sizeof *q))) {
		be->failed++;
		bquery_done(bq, &r);
		return;
	}
	q->be = be;
	q->bq = bq;
	q->cls = cls;
	q->type[0] = bq->qtype;
	if (cls == MDNS_HOST && (bq->qtype == DNS_T_A ||
	    bq->qtype == DNS_T_AAAA)) {
		q->type[0] = DNS_T_A;
		q->type[1] = DNS_T_AAAA;
	}
	mdns_answer_init(&q->a);
	ev_timer_init(&q->timer, on_q_timer, q);
	q->deadline = ev_now(b->loop) + be->conf.deadline_ms;
	q->next = be->pending;
	be->pending = q;
	bq->bdata = q;
	if (start_browsers(be, q) < 0) {
		log_warn("avahi: browse %s: %s", "failed",
		    avahi_strerror(avahi_client_errno(be->client)));
		q->failed = 1;
		q_finish(q);
		return;
	}
	q_soon(q, q->deadline);
}

static void
be_cancel(struct backend *b, struct bquery *bq)
{
	struct av_q *q = bq->bdata;

	(void)b;
	if (q) {
		q->bq = NULL;
		q_free(q);
	}
}

/* The daemon went away: every pending question gets SERVFAIL. */
static void
fail_pending(struct av_be *be)
{
	while (be->pending) {
		struct av_q *q = be->pending;
		for (int i = 0; i < 2; i++)
			if (q->br[i]) {
				avahi_record_browser_free(q->br[i]);
				q->br[i] = NULL;
			}
		q->failed = 1;
		q_finish(q);
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

	mdns_conf_print(&be->conf, "avahi", out);
}

static void
be_destroy(struct backend *b)
{
	struct av_be *be = b->priv;

	while (be->pending) {
		be->pending->bq = NULL;
		q_free(be->pending);
	}
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
