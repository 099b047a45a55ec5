/*
 * The "mdns" backend: the built-in querier (mdns_querier.h) behind the
 * core's backend interface (backend.h) and event loop (event.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../log.h"
#include "mdns_answer.h"
#include "mdns_querier.h"
#include "mdns_soa.h"

struct mdns_be {
	struct backend *b;
	struct mdns_conf conf;
	struct mdns_querier *q;
	struct mdns_soa *soa;	/* NULL without soa-check */
	struct ev_io io[2];
	struct ev_timer timer;
};

static void
rearm(struct mdns_be *m)
{
	uint64_t next = mdns_querier_next_ms(m->q), now = ev_now(m->b->loop);

	ev_timer_start(m->b->loop, &m->timer, next > now ? next - now : 0);
}

static void
on_timer(struct ev_loop *loop, struct ev_timer *t)
{
	struct mdns_be *m = t->data;

	mdns_querier_tick(m->q, ev_now(loop));
	rearm(m);
}

static void
on_input(struct ev_loop *loop, struct ev_io *io, uint32_t revents)
{
	struct mdns_be *m = io->data;

	(void)revents;
	mdns_querier_input(m->q, io->fd, ev_now(loop));
	mdns_querier_tick(m->q, ev_now(loop));
	rearm(m);
}

static int
be_create(struct backend *b)
{
	struct mdns_be *m = calloc(1, sizeof *m);

	if (!m)
		return -1;
	m->b = b;
	m->io[0].fd = m->io[1].fd = -1;
	mdns_conf_init(&m->conf);
	ev_timer_init(&m->timer, on_timer, m);
	b->priv = m;
	return 0;
}

int
mdns_be_config(struct mdns_conf *conf, struct cfg_ctx *c, int argc,
    char **argv)
{
	char value[512] = "", err[128];
	size_t len = 0;

	if (argc < 2)
		return cfg_error(c, "%s: missing value", argv[0]);
	for (int i = 1; i < argc; i++) {
		size_t l = strlen(argv[i]);
		if (len + l + 2 > sizeof value)
			return cfg_error(c, "%s: value too long", argv[0]);
		if (i > 1)
			value[len++] = ' ';
		memcpy(value + len, argv[i], l + 1);
		len += l;
	}
	if (mdns_conf_set(conf, argv[0], value, err, sizeof err) < 0)
		return cfg_error(c, "%s", err);
	return 0;
}

static int
be_config(struct backend *b, struct cfg_ctx *c, int argc, char **argv)
{
	struct mdns_be *m = b->priv;

	return mdns_be_config(&m->conf, c, argc, argv);
}

static int
be_open(struct backend *b)
{
	struct mdns_be *m = b->priv;
	int fds[2];

	m->q = mdns_querier_new(&m->conf);
	if (!m->q) {
		log_err("mdns: cannot open multicast DNS sockets: %s",
		    strerror(errno));
		return -1;
	}
	mdns_querier_fds(m->q, fds);
	for (int i = 0; i < 2; i++)
		if (fds[i] >= 0 && ev_io_start(b->loop, &m->io[i], fds[i],
		    EPOLLIN, on_input, m) < 0)
			return -1;
	m->soa = mdns_soa_new(b->loop, &m->conf);
	log_info("mdns: querier ready (%s)", mdns_querier_port5353(m->q) ?
	    "port 5353, QU queries" : "one-shot queries");
	rearm(m);
	return 0;
}

struct collect {
	struct mdns_answer *a;
	const struct dns_name *owner;
	int ar;
};

static void
collect_rr(const struct mdns_rr *rr, void *arg)
{
	struct collect *c = arg;

	mdns_answer_add(c->a, c->ar, c->owner ? c->owner : rr->name,
	    rr->type, rr->ttl, rr->rdata, rr->rdlen);
}

/* SRV targets' addresses go in the additional section (RFC 6763 12.2). */
static void
add_srv_targets(struct mdns_be *m, struct mdns_answer *a, uint64_t now)
{
	size_t n = a->nan;

	for (size_t i = 0; i < n; i++) {
		struct dns_name target;
		size_t off = 6;
		struct collect c = { a, NULL, 1 };
		if (a->an[i].type != DNS_T_SRV || a->an[i].rdlen <= 6 ||
		    dns_name_read(a->an[i].rdata, a->an[i].rdlen, &off,
		    &target) < 0)
			continue;
		mdns_querier_records(m->q, &target, DNS_T_A, now, collect_rr, &c);
		mdns_querier_records(m->q, &target, DNS_T_AAAA, now, collect_rr,
		    &c);
	}
}

static void
deliver(struct mdns_be *m, struct bquery *bq, enum mdns_status st)
{
	struct mdns_answer *a = malloc(sizeof *a);
	struct collect c = { a, &bq->qname, 0 };
	uint64_t now = ev_now(m->b->loop);
	struct bq_result fail = { .status = BQ_SERVFAIL, .nocache = true };

	/* nss-mdns's "optional" mode: unicast DNS has a local. zone. */
	if (st == MDNS_NXDOMAIN && mdns_soa_local_served(m->soa)) {
		struct bq_result decline = { .status = BQ_DECLINE };
		free(a);
		bquery_done(bq, &decline);
		return;
	}
	if (!a || st == MDNS_FAIL) {
		free(a);
		bquery_done(bq, &fail);
		return;
	}
	mdns_answer_init(a);
	if (st == MDNS_FOUND) {
		mdns_querier_records(m->q, &bq->qname, bq->qtype, now,
		    collect_rr, &c);
		add_srv_targets(m, a, now);
	}
	mdns_answer_deliver(bq, a, st == MDNS_NXDOMAIN ? BQ_NXDOMAIN :
	    BQ_NODATA, m->conf.answer_ttl);
	free(a);
}

/* What a pending bquery keeps in bdata. */
struct pending {
	struct mdns_be *m;
	struct mdns_lookup *l;
};

static void
on_done(void *arg, enum mdns_status st)
{
	struct bquery *bq = arg;
	struct mdns_be *m = ((struct pending *)bq->bdata)->m;

	free(bq->bdata);
	bq->bdata = NULL;
	deliver(m, bq, st);
}

static void
be_query(struct backend *b, struct bquery *bq)
{
	struct mdns_be *m = b->priv;
	enum mdns_class cls = bq->qclass == DNS_C_IN ?
	    mdns_policy(&m->conf, &bq->qname, bq->qtype) : MDNS_NOT_OURS;
	struct bq_result decline = { .status = BQ_DECLINE };
	struct mdns_lookup *l;
	struct pending *p;
	enum mdns_status st;

	if (cls == MDNS_NOT_OURS || !(p = malloc(sizeof *p))) {
		bquery_done(bq, &decline);
		return;
	}
	st = mdns_lookup_start(m->q, &bq->qname, bq->qtype, cls,
	    ev_now(b->loop), on_done, bq, &l);
	if (st != MDNS_PENDING) {
		free(p);
		deliver(m, bq, st);
		return;
	}
	p->m = m;
	p->l = l;
	bq->bdata = p;
	rearm(m);
}

static void
be_cancel(struct backend *b, struct bquery *bq)
{
	struct mdns_be *m = b->priv;
	struct pending *p = bq->bdata;

	if (!p)
		return;
	mdns_lookup_cancel(m->q, p->l);
	free(p);
	bq->bdata = NULL;
}

static void
be_stats(struct backend *b)
{
	struct mdns_be *m = b->priv;
	const struct mdns_stats *s = m->q ? mdns_querier_stats(m->q) : NULL;
	char drops[160];
	size_t o = 0;

	if (!s)
		return;
	for (int v = 1; v < MDNS_VERDICTS; v++)
		o += (size_t)snprintf(drops + o, sizeof drops - o, " %s=%llu",
		    mdns_verdict_name((enum mdns_verdict)v),
		    (unsigned long long)s->dropped[v]);
	log_info("mdns: sent=%llu responses=%llu malformed=%llu "
	    "from-cache=%llu from-link=%llu negative=%llu cached=%zu "
	    "dropped:%s",
	    (unsigned long long)s->queries_sent,
	    (unsigned long long)s->responses,
	    (unsigned long long)s->malformed,
	    (unsigned long long)s->answered_cache,
	    (unsigned long long)s->answered_link,
	    (unsigned long long)s->negatives,
	    mdns_cache_count(mdns_querier_cache(m->q)), drops);
}

static void
be_print(struct backend *b, FILE *out)
{
	struct mdns_be *m = b->priv;

	mdns_conf_print(&m->conf, "mdns", 1, out);
}

static void
be_destroy(struct backend *b)
{
	struct mdns_be *m = b->priv;

	for (int i = 0; i < 2; i++)
		ev_io_stop(b->loop, &m->io[i]);
	ev_timer_stop(b->loop, &m->timer);
	mdns_soa_free(m->soa);
	mdns_querier_free(m->q);
	mdns_conf_free(&m->conf);
	free(m);
	b->priv = NULL;
}

const struct backend_ops mdns_backend = {
	.name = "mdns",
	.create = be_create,
	.config = be_config,
	.open = be_open,
	.query = be_query,
	.cancel = be_cancel,
	.stats = be_stats,
	.print = be_print,
	.destroy = be_destroy,
};
