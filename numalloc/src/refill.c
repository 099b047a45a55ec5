/*
 * refill.c: the small-allocation slow path - find the thread a page with
 * a free block (its own queue, its full pages that got remote frees,
 * abandoned pages, a fresh page), and take back emptied pages.
 */
#include "numalloc_internal.h"
#include "pageq.h"

/* A thread whose blocks were freed by others within its last this many
 * refills gives its full pages to the arena (see refill()). */
#define NA_XFREE_REFILLS 256
/* Pages with free blocks that a refill compares (see refill()). */
#define NA_REFILL_LOOK 4

/* Collect pg's remote frees for tc; remember that they happen. */
static int tc_collect(struct na_tcache *tc, struct na_page *pg)
{
	int gained = na_page_collect(pg);

	if (gained != 0)
		tc->xfree_left = NA_XFREE_REFILLS;
	return gained;
}

/* Point pg->cur at the lowest word with a free bit, after collecting
 * remote frees; 0 if there is none.  Lowest first keeps a page's touched
 * part small: blocks freed low in the page are reused before untouched
 * memory higher up (what keeps the resident set near mallocng's). */
static int page_find_free(struct na_tcache *tc, struct na_page *pg)
{
	tc_collect(tc, pg);
	for (uint32_t w = 0; w < pg->nwords; w++) {
		if (pg->bits[w].lfree != 0) {
			pg->cur = w;
			if (w > pg->hw)
				pg->hw = w;
			return 1;
		}
	}
	return 0;
}

/* Take a page of class cls that another thread left (at exit, or full
 * with remote frees pending) and has free blocks now. */
static struct na_page *adopt(struct na_tcache *tc, struct na_arena *a,
    unsigned cls)
{
	struct na_page *pg, *found = NULL;

	if (atomic_load_explicit(&a->ready_count, memory_order_relaxed) == 0)
		return NULL;
	na_lock_acquire(&a->lock);
	while (found == NULL && (pg = q_head(&a->ready[cls])) != NULL) {
		q_remove(&a->ready[cls], pg);
		atomic_fetch_sub(&a->ready_count, 1);
		pg->aband = 0;
		atomic_store(&pg->owner, tc);
		if (page_find_free(tc, pg)) {
			q_push_front(&tc->q[cls], pg);
			found = pg;
		} else {
			pg->in_full = 1;
			q_push_back(&tc->full[cls], pg);
		}
	}
	na_lock_release(&a->lock);
	return found;
}

static struct na_page *fresh_page(struct na_tcache *tc, unsigned cls)
{
	struct na_arena *a = &na_arenas[tc->arena];

	na_arena_maybe_purge(a);
	struct na_page *pg = adopt(tc, a, cls);
	if (pg != NULL)
		return pg;
	na_lock_acquire(&a->lock);
	pg = na_segment_page_alloc(a, na_class_slices[cls]);
	na_lock_release(&a->lock);
	if (pg == NULL)
		return NULL;
	na_page_init_small(pg, cls);
	atomic_store(&pg->owner, tc);
	q_push_front(&tc->q[cls], pg);
	return pg;
}

#ifdef NA_DEBUG
/* Owner's view of a small page: no block both locally and remotely free,
 * and allocated + locally free blocks never exceed the capacity. */
static void page_check(const struct na_page *pg)
{
	uint32_t lfree = 0;

	na_assert(pg->kind == NA_PAGE_SMALL && pg->nwords <= NA_BITMAP_WORDS);
	for (uint32_t w = 0; w < pg->nwords; w++) {
		uint64_t r = atomic_load_explicit(&pg->bits[w].rfree,
		    memory_order_relaxed);
		na_assert((pg->bits[w].lfree & r) == 0);
		lfree += (uint32_t)__builtin_popcountll(pg->bits[w].lfree);
	}
	na_assert(pg->used + lfree <= pg->capacity);
}
#else
#define page_check(pg) ((void)0)
#endif

static struct na_page *refill(struct na_tcache *tc, unsigned cls);

struct na_page *na_tcache_refill(struct na_tcache *tc, unsigned cls)
{
	/* Pages emptied by other threads' frees are only noticed when
	 * collected; sweep all of them now and then so that they go back
	 * (and get purged) instead of staying resident on the full lists.
	 * This also returns the empty first pages of classes the thread
	 * has moved away from (a growing buffer leaves one per class). */
	if ((++tc->refills & 63) == 0)
		na_tcache_collect(tc, cls);
	if (tc->xfree_left != 0)
		tc->xfree_left--;
	struct na_page *pg = refill(tc, cls);

	if (pg != NULL) {
		page_check(pg);
		na_assert(pg == tc->q[cls].first && pg->bits[pg->cur].lfree != 0);
	}
	return pg;
}

static struct na_page *refill(struct na_tcache *tc, unsigned cls)
{
	struct na_pageq *q = &tc->q[cls], *full = &tc->full[cls];
	struct na_page *pg, *next, *best = NULL;
	int looked = 0;

	/* Of the first few pages with a free block, take the fullest: the
	 * sparse ones then drain, go back to their segment and are purged,
	 * instead of all staying resident half empty. */
	for (pg = q_head(q); pg != NULL && looked < NA_REFILL_LOOK; pg = next) {
		next = pg->next;
		tc_collect(tc, pg);
		if (pg->used < pg->capacity) {	/* == some lfree bit set */
			if (best == NULL || pg->used > best->used)
				best = pg;
			looked++;
			continue;
		}
		q_remove(q, pg);
		if (tc->xfree_left != 0) {
			/* Full, and our blocks come back by remote frees: let
			 * whoever next needs this class take it when they do,
			 * rather than hold it while we are not running. */
			na_page_abandon(pg);
			continue;
		}
		pg->in_full = 1;
		q_push_back(full, pg);
	}
	if (best != NULL && page_find_free(tc, best)) {
		if (best != q->first) {
			q_remove(q, best);
			q_push_front(q, best);
		}
		return best;
	}
	/* Full pages only gain blocks through remote frees. */
	for (pg = q_head(full); pg != NULL; pg = next) {
		next = pg->next;
		if (atomic_load_explicit(&pg->has_remote,
		    memory_order_relaxed) && page_find_free(tc, pg)) {
			q_remove(full, pg);
			pg->in_full = 0;
			q_push_front(q, pg);
			return pg;
		}
	}
	if (!tc->is_shared) {
		/* Slow path only: follow the thread to its current node. */
		unsigned node = na_numa_current_node();
		if (node != tc->arena && node < na_arena_count)
			na_tcache_set_arena(tc, node);
	}
	return fresh_page(tc, cls);
}

void na_tcache_page_freed(struct na_tcache *tc, struct na_page *pg)
{
	unsigned c = pg->cls;

	if (pg->in_full) {
		q_remove(&tc->full[c], pg);
		pg->in_full = 0;
		q_push_back(&tc->q[c], pg);
	}
	/* Keep the queue's first page even when empty: a malloc/free loop
	 * on one block must not map and return a page every time. */
	if (pg->used == 0 && tc->q[c].first != pg) {
		struct na_arena *a = &na_arenas[pg->seg->arena];
		q_remove(&tc->q[c], pg);
		na_lock_acquire(&a->lock);
		na_segment_page_free(a, pg, 1);
		na_lock_release(&a->lock);
	}
}

size_t na_tcache_collect(struct na_tcache *tc, unsigned keep)
{
	size_t released = 0;

	for (unsigned c = 0; c < NA_CLASS_COUNT; c++) {
		struct na_pageq *lists[2] = { &tc->q[c], &tc->full[c] };
		for (int l = 0; l < 2; l++) {
			struct na_page *pg = q_head(lists[l]), *next;
			for (; pg != NULL; pg = next) {
				next = pg->next;
				tc_collect(tc, pg);
				if (pg->used != 0 ||
				    (c == keep && pg == tc->q[c].first))
					continue;
				struct na_arena *a = &na_arenas[pg->seg->arena];
				q_remove(lists[l], pg);
				pg->in_full = 0;
				na_lock_acquire(&a->lock);
				na_segment_page_free(a, pg, 1);
				na_lock_release(&a->lock);
				released++;
			}
		}
	}
	return released;
}
