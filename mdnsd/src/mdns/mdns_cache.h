/*
 * The mDNS record cache (RFC 6762 section 10).
 *
 * Records learned from validated responses, keyed by owner name, type and
 * class, each with its own rdata and expiry.  Time is a monotonic clock in
 * milliseconds supplied by the caller, so tests and the fuzzer can run on
 * a fixed clock.  Rules:
 *
 *   - TTL 0 is a goodbye (section 10.1): the record expires 1 s later.
 *   - The cache-flush bit (section 10.2): records of the same name, type
 *     and class received more than 1 s before are marked to expire 1 s
 *     later; records received within the last second stay (a responder's
 *     RRSet may span a burst of packets).
 *   - TTLs above the configured cap are cut to it, so a forged record
 *     cannot stay for the protocol maximum of 68 years.
 *   - At most `max_entries` records; when full, expired records are purged
 *     and then the oldest record is evicted.
 *
 * rdata is stored decompressed (PTR/SRV/CNAME targets in wire form), so it
 * can be copied into any reply.
 */
#ifndef MDNS_CACHE_H
#define MDNS_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include "../dns.h"

#define MDNS_RDATA_MAX 1024

/* One resource record; the pointers belong to the caller. */
struct mdns_rr {
	const struct dns_name *name;	/* owner */
	uint16_t type;
	uint16_t rclass;	/* without the cache-flush bit */
	int cache_flush;	/* the top bit of rrclass was set */
	uint32_t ttl;		/* seconds, as received */
	uint16_t rdlen;		/* at most MDNS_RDATA_MAX */
	const uint8_t *rdata;	/* decompressed */
	unsigned ifindex;	/* interface it arrived on */
};

struct mdns_cache;

/*
 * New empty cache holding at most max_entries records with TTLs cut to
 * ttl_cap_s seconds.  Returns NULL when out of memory.
 */
struct mdns_cache *mdns_cache_new(size_t max_entries, uint32_t ttl_cap_s);

/* Free the cache and every record; NULL is allowed. */
void mdns_cache_free(struct mdns_cache *c);

/*
 * Apply one received record at time now_ms (insert, refresh, goodbye or
 * flush, as above).  Returns 1 when the cache changed in a way a waiting
 * lookup may care about (a new or refreshed live record), 0 otherwise.
 */
int mdns_cache_add(struct mdns_cache *c, const struct mdns_rr *rr,
    uint64_t now_ms);

/*
 * Call fn(rr, ttl_left_s, arg) for each live record of `name` whose type
 * is `type` (or every type when type is 0) and class IN.  ttl_left_s is
 * the remaining lifetime rounded up.  Returns the number of records seen.
 */
size_t mdns_cache_lookup(struct mdns_cache *c, const struct dns_name *name,
    uint16_t type, uint64_t now_ms,
    void (*fn)(const struct mdns_rr *rr, uint32_t ttl_left_s, void *arg),
    void *arg);

/*
 * Remember for ttl seconds that `name` has no record of `type` (from an
 * NSEC record, RFC 6762 section 6.1).  Ignored while positive records of
 * that type are held; a later positive record replaces it.  Returns 1 when
 * stored.
 */
int mdns_cache_add_negative(struct mdns_cache *c, const struct dns_name *name,
    uint16_t type, uint32_t ttl, uint64_t now_ms);

/* 1 when a live negative entry says `name` has no `type` records. */
int mdns_cache_denied(struct mdns_cache *c, const struct dns_name *name,
    uint16_t type, uint64_t now_ms);

/* Remove every expired record; returns how many were removed. */
size_t mdns_cache_expire(struct mdns_cache *c, uint64_t now_ms);

/* Number of records held, expired or not. */
size_t mdns_cache_count(const struct mdns_cache *c);

/* Remove every record (used when interfaces change). */
void mdns_cache_clear(struct mdns_cache *c);

#endif
