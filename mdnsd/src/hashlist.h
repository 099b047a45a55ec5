/*
 * hashlist.h: the intrusive index both caches use (cache.c for answers,
 * mdns/mdns_cache.c for multicast records): a chained hash table whose
 * nodes are also on one list from oldest to newest, for eviction.
 *
 * A node is embedded as the first member of the caller's entry, so an
 * entry pointer and its node pointer convert with a cast.  The table does
 * not own entries: it links and unlinks them; freeing is the caller's.
 * What "oldest" means is the caller's choice: cache.c moves an entry to
 * the newest end on every hit (least recently used), the mDNS cache
 * never does (insertion order).
 */
#ifndef MDNSD_HASHLIST_H
#define MDNSD_HASHLIST_H

#include <stddef.h>
#include <stdint.h>

struct hl_node {
	struct hl_node *hnext;		/* hash chain */
	struct hl_node *older, *newer;	/* age list */
	uint32_t hash;
};

struct hashlist {
	struct hl_node **slots;		/* nslots, a power of two */
	size_t mask;			/* nslots - 1 */
	struct hl_node *oldest, *newest;
	size_t count;			/* nodes linked */
};

/* Allocate nslots (a power of two) empty slots.  0, or -1 (ENOMEM). */
int hl_init(struct hashlist *t, size_t nslots);

/* Free the slots (the nodes are the caller's). */
void hl_destroy(struct hashlist *t);

/* Link n under hash as the newest node. */
void hl_insert(struct hashlist *t, struct hl_node *n, uint32_t hash);

/* Unlink n (it must be linked). */
void hl_remove(struct hashlist *t, struct hl_node *n);

/* Make n the newest node. */
void hl_touch(struct hashlist *t, struct hl_node *n);

/* The first node of hash's chain (follow ->hnext; compare ->hash). */
static inline struct hl_node *
hl_chain(const struct hashlist *t, uint32_t hash)
{
	return t->slots[hash & t->mask];
}

#endif
