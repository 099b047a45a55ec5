/* hashlist.c: see hashlist.h. */
#include <stdlib.h>

#include "hashlist.h"

int
hl_init(struct hashlist *t, size_t nslots)
{
	t->slots = calloc(nslots, sizeof *t->slots);
	t->mask = nslots - 1;
	t->oldest = t->newest = NULL;
	t->count = 0;
	return t->slots == NULL ? -1 : 0;
}

void
hl_destroy(struct hashlist *t)
{
	free(t->slots);
	t->slots = NULL;
}

/* Put n at the newest end of the age list. */
static void
append(struct hashlist *t, struct hl_node *n)
{
	n->older = t->newest;
	n->newer = NULL;
	if (t->newest != NULL)
		t->newest->newer = n;
	else
		t->oldest = n;
	t->newest = n;
}

static void
unlist(struct hashlist *t, struct hl_node *n)
{
	if (n->newer != NULL)
		n->newer->older = n->older;
	else
		t->newest = n->older;
	if (n->older != NULL)
		n->older->newer = n->newer;
	else
		t->oldest = n->newer;
}

void
hl_insert(struct hashlist *t, struct hl_node *n, uint32_t hash)
{
	struct hl_node **slot = &t->slots[hash & t->mask];

	n->hash = hash;
	n->hnext = *slot;
	*slot = n;
	append(t, n);
	t->count++;
}

void
hl_remove(struct hashlist *t, struct hl_node *n)
{
	struct hl_node **pp = &t->slots[n->hash & t->mask];

	while (*pp != n)
		pp = &(*pp)->hnext;
	*pp = n->hnext;
	unlist(t, n);
	t->count--;
}

void
hl_touch(struct hashlist *t, struct hl_node *n)
{
	if (t->newest == n)
		return;
	unlist(t, n);
	append(t, n);
}
