/*
 * mDNS cache: a chained hash table of records plus a list in insertion
 * order for eviction.  See mdns_cache.h for the rules.
 */
#include <stdlib.h>
#include <string.h>

#include "mdns_cache.h"

#define NBUCKETS 1024	/* power of two */

struct entry {
	struct entry *hnext;		/* hash chain */
	struct entry *older, *newer;	/* age list */
	uint64_t expire_ms;
	uint64_t received_ms;
	uint16_t type, rclass, rdlen;
	unsigned ifindex;
	int negative;			/* "no such type here" (NSEC) */
	struct dns_name name;
	uint8_t rdata[];
};

struct mdns_cache {
	struct entry *bucket[NBUCKETS];
	struct entry *oldest, *newest;
	size_t count, max;
	uint32_t ttl_cap_s;
};

static size_t
slot(const struct dns_name *name, uint16_t type)
{
	return (dns_name_hash(name) ^ type * 2654435761u) & (NBUCKETS - 1);
}

struct mdns_cache *
mdns_cache_new(size_t max_entries, uint32_t ttl_cap_s)
{
	struct mdns_cache *c = calloc(1, sizeof *c);

	if (c) {
		c->max = max_entries ? max_entries : 1;
		c->ttl_cap_s = ttl_cap_s;
	}
	return c;
}

static void
unlink_entry(struct mdns_cache *c, struct entry *e)
{
	struct entry **pp = &c->bucket[slot(&e->name, e->type)];

	while (*pp != e)
		pp = &(*pp)->hnext;
	*pp = e->hnext;
	if (e->older)
		e->older->newer = e->newer;
	else
		c->oldest = e->newer;
	if (e->newer)
		e->newer->older = e->older;
	else
		c->newest = e->older;
	c->count--;
	free(e);
}

void
mdns_cache_clear(struct mdns_cache *c)
{
	while (c->oldest)
		unlink_entry(c, c->oldest);
}

void
mdns_cache_free(struct mdns_cache *c)
{
	if (!c)
		return;
	mdns_cache_clear(c);
	free(c);
}

size_t
mdns_cache_expire(struct mdns_cache *c, uint64_t now_ms)
{
	struct entry *e = c->oldest, *next;
	size_t n = 0;

	for (; e; e = next) {
		next = e->newer;
		if (e->expire_ms <= now_ms) {
			unlink_entry(c, e);
			n++;
		}
	}
	return n;
}

static int
same_set(const struct entry *e, const struct mdns_rr *rr)
{
	return e->type == rr->type && e->rclass == rr->rclass &&
	    dns_name_eq(&e->name, rr->name);
}

static struct entry *
insert(struct mdns_cache *c, const struct mdns_rr *rr, uint64_t now_ms)
{
	struct entry *e;
	size_t s;

	if (c->count >= c->max)
		mdns_cache_expire(c, now_ms);
	if (c->count >= c->max)
		unlink_entry(c, c->oldest);
	e = malloc(sizeof *e + rr->rdlen);
	if (!e)
		return NULL;
	e->name = *rr->name;
	if (rr->rdlen)
		memcpy(e->rdata, rr->rdata, rr->rdlen);
	e->type = rr->type;
	e->rclass = rr->rclass;
	e->rdlen = rr->rdlen;
	s = slot(rr->name, rr->type);
	e->hnext = c->bucket[s];
	c->bucket[s] = e;
	e->older = c->newest;
	e->newer = NULL;
	if (c->newest)
		c->newest->newer = e;
	else
		c->oldest = e;
	c->newest = e;
	c->count++;
	return e;
}

int
mdns_cache_add(struct mdns_cache *c, const struct mdns_rr *rr,
    uint64_t now_ms)
{
	struct entry *e, *match = NULL;
	uint32_t ttl = rr->ttl < c->ttl_cap_s ? rr->ttl : c->ttl_cap_s;

	if (rr->name->len == 0 || rr->rdlen > MDNS_RDATA_MAX)
		return 0;
	for (e = c->bucket[slot(rr->name, rr->type)]; e; e = e->hnext) {
		if (!same_set(e, rr))
			continue;
		if (e->negative) {
			if (rr->ttl > 0)
				e->expire_ms = now_ms;
			continue;
		}
		if (e->rdlen == rr->rdlen &&
		    memcmp(e->rdata, rr->rdata, rr->rdlen) == 0)
			match = e;
		else if (rr->cache_flush && rr->ttl > 0 &&
		    e->received_ms + 1000 < now_ms &&
		    e->expire_ms > now_ms + 1000)
			e->expire_ms = now_ms + 1000;
	}
	if (rr->ttl == 0) {
		/* Goodbye: RFC 6762 10.1 says to keep it for one second. */
		if (match && match->expire_ms > now_ms + 1000)
			match->expire_ms = now_ms + 1000;
		return 0;
	}
	if (!match && !(match = insert(c, rr, now_ms)))
		return 0;
	match->negative = 0;
	match->received_ms = now_ms;
	match->expire_ms = now_ms + (uint64_t)ttl * 1000;
	match->ifindex = rr->ifindex;
	return 1;
}

size_t
mdns_cache_lookup(struct mdns_cache *c, const struct dns_name *name,
    uint16_t type,
    uint64_t now_ms,
    void (*fn)(const struct mdns_rr *rr, uint32_t ttl_left_s, void *arg),
    void *arg)
{
	struct mdns_rr rr = { .name = name, .type = type, .rclass = 1 };
	struct entry *e;
	size_t n = 0, b, bend;

	/* Type 0 asks for every type, so it has to scan every bucket. */
	b = type ? slot(name, type) : 0;
	bend = type ? b + 1 : NBUCKETS;
	for (; b < bend; b++)
		for (e = c->bucket[b]; e; e = e->hnext) {
			if (e->expire_ms <= now_ms || e->rclass != 1 ||
			    e->negative ||
			    (type && e->type != type) ||
			    !dns_name_eq(&e->name, name))
				continue;
			rr.name = &e->name;
			rr.type = e->type;
			rr.rdlen = e->rdlen;
			rr.rdata = e->rdata;
			rr.ifindex = e->ifindex;
			rr.ttl = (uint32_t)((e->expire_ms - now_ms + 999) / 1000);
			if (fn)
				fn(&rr, rr.ttl, arg);
			n++;
		}
	return n;
}

size_t
mdns_cache_count(const struct mdns_cache *c)
{
	return c->count;
}

int
mdns_cache_add_negative(struct mdns_cache *c, const struct dns_name *name,
    uint16_t type, uint32_t ttl, uint64_t now_ms)
{
	struct mdns_rr rr = { .name = name, .type = type, .rclass = 1 };
	struct entry *e;

	if (ttl > c->ttl_cap_s)
		ttl = c->ttl_cap_s;
	for (e = c->bucket[slot(name, type)]; e; e = e->hnext)
		if (same_set(e, &rr) && e->expire_ms > now_ms && !e->negative)
			return 0;	/* records we hold win over a denial */
	for (e = c->bucket[slot(name, type)]; e; e = e->hnext)
		if (same_set(e, &rr) && e->negative)
			break;
	if (!e && !(e = insert(c, &rr, now_ms)))
		return 0;
	e->negative = 1;
	e->received_ms = now_ms;
	e->expire_ms = now_ms + (uint64_t)ttl * 1000;
	e->ifindex = 0;
	return 1;
}

int
mdns_cache_denied(struct mdns_cache *c, const struct dns_name *name,
    uint16_t type, uint64_t now_ms)
{
	struct entry *e;

	for (e = c->bucket[slot(name, type)]; e; e = e->hnext)
		if (e->negative && e->type == type && e->expire_ms > now_ms &&
		    dns_name_eq(&e->name, name))
			return 1;
	return 0;
}
