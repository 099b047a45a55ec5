/*
 * mDNS cache: a hashlist.h table of records whose age list stays in
 * insertion order, for eviction.  See mdns_cache.h for the rules.
 */
#include <stdlib.h>
#include <string.h>

#include "../hashlist.h"
#include "mdns_cache.h"

#define NBUCKETS 1024	/* power of two */

struct entry {
	struct hl_node node;		/* first: an entry is its node */
	uint64_t expire_ms;
	uint64_t received_ms;
	uint16_t type, rclass, rdlen;
	unsigned ifindex;
	int negative;			/* "no such type here" (NSEC) */
	struct dns_name name;
	uint8_t rdata[];
};

struct mdns_cache {
	struct hashlist t;
	size_t max;
	uint32_t ttl_cap_s;
};

static uint32_t
key_hash(const struct dns_name *name, uint16_t type)
{
	return dns_name_hash(name) ^ type * 2654435761u;
}

/* Entries of name's and type's hash chain (other keys included). */
#define FOR_CHAIN(e, c, name, type) \
	for (struct hl_node *x_ = hl_chain(&(c)->t, key_hash(name, type)); \
	    x_ != NULL && ((e) = (struct entry *)x_, 1); x_ = x_->hnext)

struct mdns_cache *
mdns_cache_new(size_t max_entries, uint32_t ttl_cap_s)
{
	struct mdns_cache *c = calloc(1, sizeof *c);

	if (c == NULL || hl_init(&c->t, NBUCKETS) < 0) {
		free(c);
		return NULL;
	}
	c->max = max_entries ? max_entries : 1;
	c->ttl_cap_s = ttl_cap_s;
	return c;
}

static void
unlink_entry(struct mdns_cache *c, struct entry *e)
{
	hl_remove(&c->t, &e->node);
	free(e);
}

void
mdns_cache_clear(struct mdns_cache *c)
{
	while (c->t.oldest)
		unlink_entry(c, (struct entry *)c->t.oldest);
}

void
mdns_cache_free(struct mdns_cache *c)
{
	if (!c)
		return;
	mdns_cache_clear(c);
	hl_destroy(&c->t);
	free(c);
}

size_t
mdns_cache_expire(struct mdns_cache *c, uint64_t now_ms)
{
	struct entry *e = (struct entry *)c->t.oldest, *next;
	size_t n = 0;

	for (; e; e = next) {
		next = (struct entry *)e->node.newer;
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

	if (c->t.count >= c->max)
		mdns_cache_expire(c, now_ms);
	if (c->t.count >= c->max)
		unlink_entry(c, (struct entry *)c->t.oldest);
	e = malloc(sizeof *e + rr->rdlen);
	if (!e)
		return NULL;
	e->name = *rr->name;
	if (rr->rdlen)
		memcpy(e->rdata, rr->rdata, rr->rdlen);
	e->type = rr->type;
	e->rclass = rr->rclass;
	e->rdlen = rr->rdlen;
	hl_insert(&c->t, &e->node, key_hash(rr->name, rr->type));
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
	FOR_CHAIN(e, c, rr->name, rr->type) {
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
	b = type ? key_hash(name, type) & c->t.mask : 0;
	bend = type ? b + 1 : c->t.mask + 1;
	for (; b < bend; b++)
		for (struct hl_node *x = c->t.slots[b]; x; x = x->hnext) {
			e = (struct entry *)x;
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
	return c->t.count;
}

int
mdns_cache_add_negative(struct mdns_cache *c, const struct dns_name *name,
    uint16_t type, uint32_t ttl, uint64_t now_ms)
{
	struct mdns_rr rr = { .name = name, .type = type, .rclass = 1 };
	struct entry *e;

	if (ttl > c->ttl_cap_s)
		ttl = c->ttl_cap_s;
	FOR_CHAIN(e, c, name, type)
		if (same_set(e, &rr) && e->expire_ms > now_ms && !e->negative)
			return 0;	/* records we hold win over a denial */
	struct entry *neg = NULL;
	FOR_CHAIN(e, c, name, type)
		if (same_set(e, &rr) && e->negative) {
			neg = e;
			break;
		}
	if ((e = neg) == NULL && !(e = insert(c, &rr, now_ms)))
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

	FOR_CHAIN(e, c, name, type)
		if (e->negative && e->type == type && e->expire_ms > now_ms &&
		    dns_name_eq(&e->name, name))
			return 1;
	return 0;
}
