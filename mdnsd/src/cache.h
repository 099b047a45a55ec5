/*
 * cache.h: answers by (name, type, class), with TTLs, RFC 2308 negative
 * caching and a memory bound.
 *
 * Every entry is charged its real size (entry, name, packed answer, the
 * prepared reply) plus its hash slot; inserting past the bound evicts the least recently used
 * entries first.  An NXDOMAIN is stored under type 0 ("any type") because
 * it says the name has no records at all (RFC 2308 section 5), so the AAAA
 * question after an A question is answered from it too.  Expired entries
 * are dropped when they are met.
 */
#ifndef MDNSD_CACHE_H
#define MDNSD_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include "answer.h"
#include "dns.h"

struct cache;
struct prepared;

struct cache_stats {
	size_t bytes, entries;
	unsigned long hits, misses, inserts, evictions, expired;
};

/* A cache of at most max_bytes (0: a cache that stores nothing). */
struct cache *cache_new(size_t max_bytes);

/* Free the cache and every answer in it. */
void cache_free(struct cache *c);

/* Drop every entry. */
void cache_clear(struct cache *c);

/*
 * Find a live answer for the question at now_ms.  Returns it (owned by the
 * cache, valid until the next cache call) and its age in seconds, or NULL.
 * If reply is not NULL, *reply is set to the answer's prepared reply
 * (prepared.h; NULL if there is none), valid as long as the answer.
 */
const struct answer *cache_get(struct cache *c, const struct dns_name *name,
    uint16_t type, uint16_t class, uint64_t now_ms, uint32_t *age_s,
    const struct prepared **reply);

/*
 * Store a (taking ownership: it is freed now if it is not kept, e.g. a
 * TTL of 0 or an answer larger than the whole cache).
 */
void cache_put(struct cache *c, const struct dns_name *name, uint16_t type,
    uint16_t class, struct answer *a, uint64_t now_ms);

void cache_get_stats(const struct cache *c, struct cache_stats *st);

#endif
