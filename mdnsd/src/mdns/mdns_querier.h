/*
 * The built-in RFC 6762 querier: answers questions about .local names,
 * link-local reverse names and DNS-SD services from the mDNS cache, and
 * asks the link when the cache cannot answer.
 *
 * Terms.  A *lookup* is one client question (name, type) waiting for an
 * answer.  A *round* is one mDNS query in flight for a name: for host
 * names it asks A and AAAA together, so an answer for either family
 * proves the name exists and the other family can get NODATA instead of
 * NXDOMAIN (musl's getaddrinfo fails the whole lookup on NXDOMAIN for one
 * family).  Lookups for the same name and type share a round.
 *
 * Timing (all in mdns_conf):
 *   - the questions go out at once on every interface and family, and
 *     are resent every resend_ms until answered;
 *   - after the first answer the round waits collect_ms for more
 *     responders (every address of every responder), or until the
 *     deadline for shared records (DNS-SD browse PTRs, which responders
 *     delay by 20-120 ms, RFC 6762 section 6);
 *   - at deadline_ms a name nobody answered gets NXDOMAIN (NODATA for
 *     service names, as RFC 8766 section 5.5.2 asks, since DNS-SD names
 *     may be empty non-terminals).
 *
 * The querier owns its sockets but no event loop: the caller polls the
 * fds from mdns_querier_fds(), calls mdns_querier_input() when one is
 * readable and mdns_querier_tick() at mdns_querier_next_ms().
 */
#ifndef MDNS_QUERIER_H
#define MDNS_QUERIER_H

#include <stddef.h>
#include <stdint.h>

#include "../dns.h"
#include "mdns_cache.h"
#include "mdns_check.h"
#include "mdns_conf.h"
#include "mdns_policy.h"

enum mdns_status {
	MDNS_PENDING,		/* the done callback will be called */
	MDNS_FOUND,		/* records of the type exist */
	MDNS_NODATA,		/* the name exists, not with this type */
	MDNS_NXDOMAIN,		/* nobody answered by the deadline */
	MDNS_FAIL,		/* out of memory or no socket */
};

struct mdns_querier;
struct mdns_lookup;

/* Called once when a pending lookup finishes; the lookup is freed after. */
typedef void mdns_done_fn(void *arg, enum mdns_status st);

/* Statistics for SIGUSR1 and tests. */
struct mdns_stats {
	uint64_t queries_sent;		/* datagrams sent */
	uint64_t responses;		/* datagrams accepted */
	uint64_t dropped[MDNS_VERDICTS];/* datagrams dropped, by reason */
	uint64_t malformed;		/* accepted source, unparsable */
	uint64_t answered_cache;	/* lookups answered without a query */
	uint64_t answered_link;		/* lookups answered after a query */
	uint64_t negatives;		/* NXDOMAIN after the deadline */
};

/*
 * Open the sockets and the cache.  conf must outlive the querier.
 * Returns NULL with errno set when no socket can be opened.
 */
struct mdns_querier *mdns_querier_new(const struct mdns_conf *conf);

/* Close everything; pending lookups are dropped without callbacks. */
void mdns_querier_free(struct mdns_querier *q);

/* The sockets to poll for input; unused slots are -1. */
void mdns_querier_fds(const struct mdns_querier *q, int fds[2]);

/* 1 when the querier got port 5353 (QU mode). */
int mdns_querier_port5353(const struct mdns_querier *q);

/*
 * Read every queued datagram on fd, check and cache it, and finish the
 * lookups it completes (their callbacks run from here).
 */
void mdns_querier_input(struct mdns_querier *q, int fd, uint64_t now_ms);

/* Resend, finish lookups whose time is up, expire the cache. */
void mdns_querier_tick(struct mdns_querier *q, uint64_t now_ms);

/* When mdns_querier_tick() is next due: a resend, a round ending, or
 * the periodic cache sweep. */
uint64_t mdns_querier_next_ms(const struct mdns_querier *q);

/*
 * Look up (qname, qtype) of policy class cls.  Returns the answer at once
 * (FOUND, NODATA, NXDOMAIN, FAIL) when the cache has it; else returns
 * MDNS_PENDING, stores a handle in *lp (for mdns_lookup_cancel) and calls
 * done(arg, status) later, never from inside this call.
 */
enum mdns_status mdns_lookup_start(struct mdns_querier *q,
    const struct dns_name *qname, uint16_t qtype, enum mdns_class cls,
    uint64_t now_ms, mdns_done_fn *done, void *arg, struct mdns_lookup **lp);

/* Forget a pending lookup; its callback is not called. */
void mdns_lookup_cancel(struct mdns_querier *q, struct mdns_lookup *l);

/*
 * Call fn for each record answering (qname, qtype) after a FOUND status:
 * addresses filtered by mdns_policy_addr_ok(), TTLs cut to answer_ttl.
 * Returns the number of records passed to fn.
 */
size_t mdns_querier_records(struct mdns_querier *q,
    const struct dns_name *qname, uint16_t qtype, uint64_t now_ms,
    void (*fn)(const struct mdns_rr *rr, void *arg), void *arg);

/* The cache (for tests and statistics). */
struct mdns_cache *mdns_querier_cache(struct mdns_querier *q);

/* Counters since start. */
const struct mdns_stats *mdns_querier_stats(const struct mdns_querier *q);

/* The monotonic clock in milliseconds. */
uint64_t mdns_now_ms(void);

#endif
