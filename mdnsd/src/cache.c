/* cache.c: see cache.h.  Chained hash table plus a doubly linked LRU. */
#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "prepared.h"

struct entry {
	struct entry *hnext;
	struct entry *newer, *older;	/* LRU list */
	struct answer *a;
	struct prepared *reply;		/* a's reply for the question, or NULL */
	uint64_t stored_ms, expires_ms;
	size_t size;
	uint32_t hash;
	uint16_t type, class;
	struct dns_name name;		/* lowercased; only len+1 octets kept */
};

struct cache {
	struct entry **slots;
	size_t mask;
	struct entry *newest, *oldest;
	size_t max_bytes;
	struct cache_stats st;
};

struct cache *
cache_new(size_t max_bytes)
{
	struct cache *c = calloc(1, sizeof *c);
	size_t n = 64;

	if (c == NULL)
		return NULL;
	/* About one slot per 256 octets of budget; slots count as used. */
	while (n < max_bytes / 256 && n < (1u << 20))
		n *= 2;
	c->slots = calloc(n, sizeof *c->slots);
	if (c->slots == NULL) {
		free(c);
		return NULL;
	}
	c->mask = n - 1;
	c->max_bytes = max_bytes;
	c->st.bytes = n * sizeof *c->slots;
	return c;
}

static void
unlink_entry(struct cache *c, struct entry *e)
{
	struct entry **pp = &c->slots[e->hash & c->mask];
	while (*pp != e)
		pp = &(*pp)->hnext;
	*pp = e->hnext;
	if (e->newer)
		e->newer->older = e->older;
	else
		c->newest = e->older;
	if (e->older)
		e->older->newer = e->newer;
	else
		c->oldest = e->newer;
	c->st.bytes -= e->size;
	c->st.entries--;
	free(e->a);
	prepared_free(e->reply);
	free(e);
}

void
cache_clear(struct cache *c)
{
	while (c->oldest != NULL)
		unlink_entry(c, c->oldest);
}

void
cache_free(struct cache *c)
{
	if (c == NULL)
		return;
	cache_clear(c);
	free(c->slots);
	free(c);
}

static uint32_t
key_hash(const struct dns_name *n, uint16_t type, uint16_t class)
{
	return dns_name_hash(n) ^ (uint32_t)type * 2654435761u ^ class;
}

static struct entry *
find(struct cache *c, const struct dns_name *n, uint16_t type,
    uint16_t class, uint32_t h)
{
	for (struct entry *e = c->slots[h & c->mask]; e; e = e->hnext)
		if (e->hash == h && e->type == type && e->class == class &&
		    dns_name_eq(&e->name, n))
			return e;
	return NULL;
}

static void
touch(struct cache *c, struct entry *e)
{
	if (c->newest == e)
		return;
	/* unlink from the list only */
	e->newer->older = e->older;
	if (e->older)
		e->older->newer = e->newer;
	else
		c->oldest = e->newer;
	e->older = c->newest;
	e->newer = NULL;
	c->newest->newer = e;
	c->newest = e;
}

static const struct answer *
live(struct cache *c, struct entry *e, uint64_t now, uint32_t *age_s,
    const struct prepared **reply)
{
	if (e->expires_ms <= now) {
		c->st.expired++;
		unlink_entry(c, e);
		return NULL;
	}
	touch(c, e);
	*age_s = (uint32_t)((now - e->stored_ms) / 1000);
	if (reply != NULL)
		*reply = e->reply;
	return e->a;
}

const struct answer *
cache_get(struct cache *c, const struct dns_name *name, uint16_t type,
    uint16_t class, uint64_t now_ms, uint32_t *age_s,
    const struct prepared **reply)
{
	const struct answer *a = NULL;
	struct entry *e = find(c, name, type, class, key_hash(name, type, class));

	if (e != NULL)
		a = live(c, e, now_ms, age_s, reply);
	if (a == NULL && (e = find(c, name, 0, class,
	    key_hash(name, 0, class))) != NULL)
		a = live(c, e, now_ms, age_s, reply);
	if (a != NULL)
		c->st.hits++;
	else
		c->st.misses++;
	return a;
}

static void
insert(struct cache *c, struct entry *e)
{
	struct entry **slot = &c->slots[e->hash & c->mask];
	e->hnext = *slot;
	*slot = e;
	e->older = c->newest;
	e->newer = NULL;
	if (c->newest)
		c->newest->newer = e;
	else
		c->oldest = e;
	c->newest = e;
	c->st.bytes += e->size;
	c->st.entries++;
	c->st.inserts++;
}

void
cache_put(struct cache *c, const struct dns_name *name, uint16_t type,
    uint16_t class, struct answer *a, uint64_t now_ms)
{
	size_t esz = offsetof(struct entry, name.wire) + name->len;
	size_t size = esz + sizeof *a + a->len;
	struct prepared *reply = NULL;
	struct entry *e, *old;

	if (a->ttl == 0 || size > c->max_bytes / 2 ||
	    (e = malloc(esz)) == NULL) {
		free(a);
		return;
	}
	/* Without a prepared reply the entry still works, just slower. */
	if ((reply = prepared_new(name, type, class, a)) != NULL)
		size += prepared_size(reply);
	if (a->rcode == DNS_R_NXDOMAIN)
		type = 0;
	e->hash = key_hash(name, type, class);
	if ((old = find(c, name, type, class, e->hash)) != NULL)
		unlink_entry(c, old);
	while (c->st.bytes + size > c->max_bytes && c->oldest != NULL) {
		c->st.evictions++;
		unlink_entry(c, c->oldest);
	}
	e->a = a;
	e->reply = reply;
	e->type = type;
	e->class = class;
	e->size = size;
	e->stored_ms = now_ms;
	e->expires_ms = now_ms + (uint64_t)a->ttl * 1000;
	memcpy(&e->name, name, 1 + name->len);
	dns_name_lower(&e->name);
	insert(c, e);
}

void
cache_get_stats(const struct cache *c, struct cache_stats *st)
{
	*st = c->st;
}
