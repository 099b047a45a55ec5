/*
 * malloc.c: malloc's fast path and the allocation slow paths (thread
 * cache creation, small refill, large and huge blocks, arena caches).
 */
#include <errno.h>
#include <stdint.h>

#include "numalloc_internal.h"

static inline void *page_pop(struct na_tcache *tc, struct na_page *pg)
{
	uint32_t w = pg->cur;
	uint64_t b = pg->bits[w].lfree;

	pg->bits[w].lfree = b & (b - 1);
	pg->used++;
	tc->n_malloc++;
	return (void *)(pg->start + (size_t)((w << 6) +
	    (uint32_t)__builtin_ctzll(b)) * pg->bsize);
}

NA_EXPORT void *NA_API(malloc)(size_t n)
{
	struct na_tcache *tc = na_tls;

	if (NA_LIKELY(n <= NA_SMALL_MAX)) {
		struct na_page *pg = tc->q[na_size_class(n)].first;
		if (NA_LIKELY(pg->bits[pg->cur].lfree != 0))
			return page_pop(tc, pg);
	}
	return na_malloc_slow(tc, n, 0);
}

void *na_malloc_slow(struct na_tcache *tc, size_t size, size_t align)
{
	na_ensure_init();
	if (tc == &na_tcache_empty || tc == &na_tcache_exited) {
		tc = na_tcache_init_thread();
		if (tc == NULL) {
			errno = ENOMEM;
			return NULL;
		}
	}
	return na_tcache_malloc(tc, size, align);
}

void *na_large_malloc(struct na_tcache *tc, size_t n, size_t align)
{
	size_t extra = align > NA_SLICE_SIZE ? align - NA_SLICE_SIZE : 0;
	struct na_page *pg;

	if (!tc->is_shared) {
		/* No refill on this path: follow a migrated thread here. */
		unsigned node = na_numa_current_node();
		if (node != tc->arena && node < na_arena_count)
			na_tcache_set_arena(tc, node);
	}
	if (n + extra > NA_LARGE_MAX || n + extra < n) {
		pg = na_huge_alloc(tc->arena, n, align);
		return pg != NULL ? (void *)pg->ublock : NULL;
	}
	struct na_arena *a = &na_arenas[tc->arena];
	unsigned slices = (unsigned)((n + extra + NA_SLICE_SIZE - 1) >>
	    NA_SLICE_SHIFT);
	if (slices == 0)
		slices = 1;
	na_arena_maybe_purge(a);
	na_lock_acquire(&a->lock);
	pg = na_segment_page_alloc(a, slices);
	if (pg != NULL) {
		pg->kind = NA_PAGE_LARGE;
		pg->cls = 0;
		pg->usize = n;
		pg->ublock = align > NA_SLICE_SIZE ?
		    (pg->start + align - 1) & ~(uintptr_t)(align - 1) :
		    pg->start;
		pg->capacity = pg->used = 1;
	}
	na_lock_release(&a->lock);
	return pg != NULL ? (void *)pg->ublock : NULL;
}

/* Point pg->cur at the lowest word, up to the highest one malloc has
 * used, that has a free block.  No collect and no untouched memory: the
 * cheap step before a refill (blocks freed locally, or collected at the
 * last refill, often sit in other words than the one just emptied). */
static inline int page_next_word(struct na_page *pg)
{
	for (uint32_t w = 0; w <= pg->hw; w++) {
		if (pg->bits[w].lfree != 0) {
			pg->cur = w;
			return 1;
		}
	}
	return 0;
}

/* Whether tc's thread still runs on tc's node; if not, the refill that
 * the caller then makes moves the cache to the new one (one load on a
 * single-node machine). */
static inline int same_node(struct na_tcache *tc)
{
	if (tc->is_shared)
		return 1;
	unsigned node = na_numa_current_node();
	return node == tc->arena || node >= na_arena_count;
}

void *na_tcache_malloc(struct na_tcache *tc, size_t n, size_t align)
{
	unsigned cls = NA_CLASS_COUNT;
	void *p;

	if (n > PTRDIFF_MAX) {
		errno = ENOMEM;
		return NULL;
	}
	if (n <= NA_SMALL_MAX && align <= NA_ALIGN)
		cls = na_size_class(n);
	else if (n <= NA_SMALL_MAX && align <= NA_SLICE_SIZE)
		cls = na_size_class_aligned(n, align);
	if (cls == NA_CLASS_COUNT) {
		p = na_large_malloc(tc, n, align);
		if (p == NULL)
			errno = ENOMEM;
		else
			tc->n_malloc++;
		return p;
	}
	struct na_page *pg = tc->q[cls].first;
	if (pg->bits[pg->cur].lfree == 0 && !(same_node(tc) &&
	    page_next_word(pg))) {
		pg = na_tcache_refill(tc, cls);
		if (pg == NULL) {
			errno = ENOMEM;
			return NULL;
		}
	}
	return page_pop(tc, pg);
}

void *na_arena_malloc(unsigned arena, size_t size)
{
	na_ensure_init();
	if (arena >= na_arena_count) {
		errno = EINVAL;
		return NULL;
	}
	struct na_arena *a = &na_arenas[arena];
	na_lock_acquire(&a->shared_lock);
	void *p = na_tcache_malloc(&a->shared, size, 0);
	na_lock_release(&a->shared_lock);
	return p;
}
