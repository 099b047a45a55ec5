/*
 * backend.h: the interface between the daemon core and the sources of
 * answers (hosts files, upstream servers, multicast DNS, Avahi).
 *
 * Terms.  A *backend* is one named source, configured once (there is one
 * instance per name: "hosts", "upstream", "mdns", "avahi").  A *route*
 * (config `route ZONE BACKEND...`) sends every question at or below ZONE
 * to a chain of backends, tried in order.  A *bquery* is one question
 * handed to one backend; the core joins identical client questions, so a
 * backend sees each distinct question once while it is in flight.
 *
 * Registration.  Backends are a static table in backend.c (no dlopen, no
 * constructors): each one is a `const struct backend_ops NAME_backend`
 * listed there.  The names "mdns" and "avahi" are reserved for the
 * multicast-DNS work (mdnsd/src/mdns/): backend.c lists
 * `mdns_backend` when MDNSD_HAVE_MDNS is 1 and `avahi_backend` when
 * MDNSD_HAVE_AVAHI is 1.  Those macros come from `mdns_c_args`, which
 * mdnsd/src/mdns/meson.build defines together with `mdns_sources` and
 * `mdns_deps`; mdnsd/meson.build includes that file when it exists and
 * compiles the whole core with those arguments.  When "mdns" is
 * registered, the default routes send `local`, `254.169.in-addr.arpa` and
 * `8.e.f.ip6.arpa` .. `b.e.f.ip6.arpa` (RFC 6762 sections 3 and 4) to it.
 *
 * Life cycle (all calls on the event-loop thread):
 *   create   when the config first names the backend (a `NAME ...` line
 *            or a route); set defaults in b->priv.
 *   config   once per config line `NAME KEY ARGS...` (argv[0] is KEY);
 *            report errors with cfg_error(), which adds file:line.
 *   open     after the whole config parsed: check it, open sockets and
 *            files.  At start-up this runs as root before privileges are
 *            dropped and before chroot; on SIGHUP it runs unprivileged
 *            inside the chroot, for a fresh instance (the old one is
 *            destroyed only if the new config is good).
 *   query    answer q, now or later (below).
 *   cancel   q is abandoned (the lookup's deadline passed, or shutdown):
 *            release what was kept for it and never mention q again.
 *   stats    log counters with log_info() (SIGUSR1).
 *   print    write the effective settings in config syntax (mdnsd -nv).
 *   destroy  free everything; no queries are outstanding.
 * Only `name`, `create` and `query` are mandatory; other hooks may be NULL.
 *
 * Answering.  query() must lead to exactly one bquery_done(q, &result)
 * call unless cancel(q) comes first.  bquery_done() may be called from
 * inside query() (a synchronous answer, as the hosts backend does) or
 * later from any event-loop callback (sockets, timers).  The core copies
 * the records it is given, so they may live on the backend's stack.
 * Statuses:
 *   BQ_ANSWER    NOERROR with records in `an` (and optionally `ns`/`ar`);
 *   BQ_NODATA    the name exists but has no record of this type: for
 *                getaddrinfo this must be used, not NXDOMAIN, when the
 *                name has addresses of the other family;
 *   BQ_NXDOMAIN  the name does not exist (for *any* type: musl treats an
 *                NXDOMAIN for A or AAAA as "no such host");
 *   BQ_SERVFAIL  the backend cannot answer now (timeout, no server);
 *   BQ_DECLINE   not this backend's name: the core tries the next backend
 *                of the route; after the last one the answer is NXDOMAIN.
 * For NODATA/NXDOMAIN put the zone's SOA in `ns` when there is one (the
 * cache then follows RFC 2308); otherwise set neg_ttl.  Set `nocache` when
 * the core must not cache the answer (the backend caches itself or the
 * data is volatile).  A bquery's deadline (ms, ev_now() clock) says when
 * the core gives up on it with SERVFAIL; answer well before it.
 */
#ifndef MDNSD_BACKEND_H
#define MDNSD_BACKEND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "dns.h"
#include "event.h"

struct backend;
struct bquery;
struct cfg_ctx;

enum bq_status {
	BQ_ANSWER,
	BQ_NODATA,
	BQ_NXDOMAIN,
	BQ_SERVFAIL,
	BQ_DECLINE,
};

struct bq_result {
	enum bq_status status;
	const struct dns_rr *an;	/* answer records */
	size_t nan;
	const struct dns_rr *ns;	/* authority (SOA for negatives) */
	size_t nns;
	const struct dns_rr *ar;	/* additional (e.g. SRV targets) */
	size_t nar;
	uint32_t neg_ttl;		/* negative TTL when ns has no SOA */
	bool nocache;			/* do not cache this result */
	bool authoritative;		/* set AA in the reply */
};

/* One question for one backend.  Fields are read-only for backends
 * except `bdata`. */
struct bquery {
	struct dns_name qname;		/* as the client spelt it */
	uint16_t qtype;
	uint16_t qclass;
	uint64_t deadline;		/* ms on the loop clock */
	void *bdata;			/* the backend's own per-query state */
	/* private to the core */
	struct lookup *lk;
};

struct backend_ops {
	const char *name;
	/* query() always calls bquery_done() before it returns: such a
	 * backend is still asked when max-lookups are in flight, so local
	 * names keep working while a flood waits on a slow upstream. */
	bool synchronous;
	int (*create)(struct backend *b);
	int (*config)(struct backend *b, struct cfg_ctx *c, int argc,
	    char **argv);
	int (*open)(struct backend *b);
	void (*query)(struct backend *b, struct bquery *q);
	void (*cancel)(struct backend *b, struct bquery *q);
	void (*stats)(struct backend *b);
	void (*print)(struct backend *b, FILE *out);
	void (*destroy)(struct backend *b);
};

struct backend {
	const struct backend_ops *ops;
	struct ev_loop *loop;		/* the daemon's loop */
	void *priv;			/* the backend's state */
	struct backend *next;		/* core: list of instances */
	/* counters kept by the core, reported with SIGUSR1 */
	unsigned long n_query, n_answer, n_nodata, n_nxdomain, n_servfail,
	    n_decline;
};

/*
 * Deliver the answer to q (see "Answering" above).  q must not be used by
 * the backend afterwards.
 */
void bquery_done(struct bquery *q, const struct bq_result *r);

/* Look up a registered backend by name; NULL if there is none. */
const struct backend_ops *backend_lookup(const char *name);

/* Print the registered backend names, space-separated, to out. */
void backend_list(FILE *out);

/* ---- helpers for config hooks (config.c) ------------------------------ */

/*
 * Record a configuration error "FILE:LINE: message" (printf-style) and
 * return -1, so a hook can `return cfg_error(c, "bad %s", x);`.
 */
int cfg_error(struct cfg_ctx *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Parse an unsigned integer in [min, max]; -1 via cfg_error() if not. */
int cfg_uint(struct cfg_ctx *c, const char *s, unsigned long min,
    unsigned long max, unsigned long *out);

/* Parse a duration "250ms", "2s" or "1m" (bare numbers are ms) into ms. */
int cfg_duration(struct cfg_ctx *c, const char *s, uint64_t *out_ms);

/* Parse "yes"/"no" (also on/off, true/false). */
int cfg_bool(struct cfg_ctx *c, const char *s, bool *out);

#endif
