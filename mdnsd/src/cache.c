/* cache.c: see cache.h.  A hashlist.h table whose age list is kept in
 * least-recently-used order. */
#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "hashlist.h"
#include "prepared.h"

struct entry {
	struct hl_node node;		/* first: an entry is its node */
	struct answer *a;
	struct prepared *reply;		/* a's reply for the question, or NULL */
	uint64_t stored_ms, expires_ms;
	size_t size;
	uint16_t type, class;
	struct dns_name name;		/* lowercased; only len+1 octets kept */
};

struct cache {
	struct hashlist t;
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
	if (hl_init(&c->t, n) < 0) {
		free(c);
		return NULL;
	}
	c->max_bytes = max_bytes;
	c->st.bytes = n * sizeof *c->t.slots;
	return c;
}

static void
unlink_entry(struct cache *c, struct entry *e)
{
	hl_remove(&c->t, &e->node);
	c->st.bytes -= e->size;
	c->st.entries--;
	free(e->a);
	prepared_free(e->reply);
	free(e);
}

void
cache_clear(struct cache *c)
{
	while (c->t.oldest != NULL)
		unlink_entry(c, (struct entry *)c->t.oldest);
}

void
cache_free(struct cache *c)
{
	if (c == NULL)
		return;
	cache_clear(c);
	hl_destroy(&c->t);
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
	for (struct hl_node *x = hl_chain(&c->t, h); x; x = x->hnext) {
		struct entry *e = (struct entry *)x;
		if (x->hash == h && e->type == type && e->class == class &&
		    dns_name_eq(&e->name, n))
			return e;
	}
	return NULL;
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
	hl_touch(&c->t, &e->node);
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
insert(struct cache *c, struct entry *e, uint32_t h)
{
	hl_insert(&c->t, &e->node, h);
	c->st.bytes += e->size;
	c->st.entries++;
	c->st.inserts++;
}

void
cache_put(struct cache *c, const struct dns_name *name, uint16_t type,
    uint16_t class, struct answer *a, uint64_t now_ms)
{
	/* Only the name's octets are kept, rounded to the alignment so the
	 * longest name fills the struct exactly. */
	size_t esz = (offsetof(struct entry, name.wire) + name->len + 7) &
	    ~(size_t)7;
	size_t size = esz + sizeof *a + a->len;
	struct prepared *reply = NULL;
	struct entry *e, *old;
	uint32_t h;

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
	h = key_hash(name, type, class);
	if ((old = find(c, name, type, class, h)) != NULL)
		unlink_entry(c, old);
	while (c->st.bytes + size > c->max_bytes && c->t.oldest != NULL) {
		c->st.evictions++;
		unlink_entry(c, (struct entry *)c->t.oldest);
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
	insert(c, e, h);
}

void
cache_get_stats(const struct cache *c, struct cache_stats *st)
{
	*st = c->st;
}
