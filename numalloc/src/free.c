/*
 * free.c: free's fast path, pointer validation, and freeing large and
 * huge blocks.  Every pointer is checked against out-of-band metadata
 * before anything is written (see "Validation" in the design note).
 */
#include "numalloc_internal.h"

static const char msg_foreign[] =
    "invalid pointer (not allocated by numalloc, or already unmapped)";
static const char msg_inside[] =
    "invalid pointer (not the start of a block)";
static const char msg_unalloc[] =
    "double free or invalid pointer (block is not allocated)";

/* Small-page block index of p, or abort. */
static inline uint32_t block_index(const struct na_page *pg, const void *p,
    const char *fn)
{
	uintptr_t off = (uintptr_t)p - pg->start;
	uint64_t idx = (off * pg->recip) >> 40;

	if (NA_UNLIKELY(idx * pg->bsize != off || idx >= pg->capacity))
		na_fatal(fn, msg_inside, p);
	return (uint32_t)idx;
}

/* The descriptor of the page holding p (any kind; FREE if none). */
static inline struct na_page *page_lookup(struct na_segment *s,
    const void *p)
{
	if (NA_UNLIKELY(s->kind != NA_SEG_NORMAL))
		return &s->pages[0];
	struct na_page *pg = &s->pages[((uintptr_t)p >> NA_SLICE_SHIFT) &
	    (NA_SLICES - 1)];
	if (NA_UNLIKELY(pg->kind == NA_PAGE_TAIL))
		pg = &s->pages[pg->head];
	return pg;
}

struct na_page *na_page_of(const void *p, const char *fn)
{
	struct na_segment *s = na_segmap_lookup((uintptr_t)p);

	if (s == NULL)
		na_fatal(fn, msg_foreign, p);
	struct na_page *pg = page_lookup(s, p);
	if (pg->kind == NA_PAGE_SMALL) {
		uint32_t idx = block_index(pg, p, fn);
		uint64_t bit = (uint64_t)1 << (idx & 63);
		if ((__atomic_load_n(&pg->bits[idx >> 6].lfree, __ATOMIC_RELAXED) |
		    atomic_load_explicit(&pg->bits[idx >> 6].rfree,
		    memory_order_relaxed)) & bit)
			na_fatal(fn, msg_unalloc, p);
		return pg;
	}
	if (pg->kind != NA_PAGE_LARGE && pg->kind != NA_PAGE_HUGE)
		na_fatal(fn, msg_unalloc, p);
	if ((uintptr_t)p != pg->ublock)
		na_fatal(fn, msg_inside, p);
	return pg;
}

size_t na_usable_size(const struct na_page *pg)
{
	if (pg->kind == NA_PAGE_SMALL)
		return pg->bsize;
	if (pg->kind == NA_PAGE_HUGE)
		return pg->seg->size - (pg->ublock - pg->seg->base);
	size_t bytes = (size_t)(pg->slices == 0 ? 64 : pg->slices) <<
	    NA_SLICE_SHIFT;
	return bytes - (pg->ublock - pg->start);
}

static inline void count_into(struct na_tcache *tc, unsigned origin,
    int remote)
{
	tc->n_free++;
	tc->n_remote_free += (unsigned)remote;
	if (NA_UNLIKELY(remote && origin != tc->arena)) {
		atomic_fetch_add(&na_arenas[origin].remote_frees_in, 1);
		na_numa_note_remote_free(tc->arena, origin);
	}
}

/* Frees by a thread without a cache of its own (rare). */
NA_NOINLINE static void count_free_nocache(struct na_tcache *tc,
    unsigned origin, int remote)
{
	if (tc == &na_tcache_empty) {
		/* A thread that frees before it allocates (a consumer):
		 * give it its cache now, or every free it makes would hit
		 * the shared counter below. */
		struct na_tcache *own = na_tcache_init_thread();
		if (own != NULL) {
			count_into(own, origin, remote);
			return;
		}
	}
	/* Past its cache's destructor, or out of memory. */
	atomic_fetch_add(&na_gstats.n_free_notc, 1);
	unsigned here = na_numa_current_node();
	if (remote && origin != here)
		na_numa_note_remote_free(here, origin);
}

static inline void count_free(struct na_tcache *tc, unsigned origin,
    int remote)
{
	if (NA_UNLIKELY(tc == &na_tcache_empty || tc == &na_tcache_exited)) {
		count_free_nocache(tc, origin, remote);
		return;
	}
	count_into(tc, origin, remote);
}

void na_free_big(struct na_segment *s, struct na_page *pg, const void *p)
{
	if (pg->kind == NA_PAGE_HUGE) {
		if ((uintptr_t)p != pg->ublock)
			na_fatal("free()", msg_inside, p);
		count_free(na_tls, s->arena, 0);
		na_huge_free(pg);
		return;
	}
	if (pg->kind != NA_PAGE_LARGE)
		na_fatal("free()", msg_unalloc, p);
	if ((uintptr_t)p != pg->ublock)
		na_fatal("free()", msg_inside, p);
	/* With a purge delay of 0, freeing the page can unmap s. */
	unsigned arena = s->arena;
	struct na_arena *a = &na_arenas[arena];
	na_lock_acquire(&a->lock);
	if (pg->kind != NA_PAGE_LARGE)	/* lost a race with itself */
		na_fatal("free()", msg_unalloc, p);
	na_segment_page_free(a, pg, 1);
	na_lock_release(&a->lock);
	count_free(na_tls, arena, 0);
}

/* A free into another thread's (or no thread's) page: one atomic
 * fetch_or into rfree, checked against both bitmaps. */
NA_NOINLINE static void free_remote(struct na_tcache *tc,
    struct na_page *pg, uint32_t idx, const void *p)
{
	uint32_t w = idx >> 6;
	uint64_t bit = (uint64_t)1 << (idx & 63);

	/* The owner writes lfree without atomics; this racy read can only
	 * miss a double free that races with the owner, never invent one. */
	if (__atomic_load_n(&pg->bits[w].lfree, __ATOMIC_RELAXED) & bit)
		na_fatal("free()", "double free", p);
	if (atomic_fetch_or(&pg->bits[w].rfree, bit) & bit)
		na_fatal("free()", "double free", p);
	/* Raise the flag only if it is down (no write to a line every free
	 * reads).  The first free to a page abandoned while full makes it
	 * adoptable; seq_cst pairs with na_page_abandon(), which stores
	 * owner = NULL and then reads the flag. */
	if (!atomic_load_explicit(&pg->has_remote, memory_order_relaxed) &&
	    atomic_exchange(&pg->has_remote, 1) == 0 &&
	    atomic_load(&pg->owner) == NULL)
		na_page_mark_ready(pg);
	count_free(tc, pg->seg->arena, 1);
}

NA_EXPORT void NA_API(free)(void *p)
{
	if (p == NULL)
		return;
	struct na_segment *s = na_segmap_lookup((uintptr_t)p);
	if (NA_UNLIKELY(s == NULL))
		na_fatal("free()", msg_foreign, p);
	struct na_page *pg = page_lookup(s, p);
	if (NA_UNLIKELY(pg->kind != NA_PAGE_SMALL)) {
		na_free_big(s, pg, p);
		return;
	}
	uint32_t idx = block_index(pg, p, "free()");
	uint32_t w = idx >> 6;
	uint64_t bit = (uint64_t)1 << (idx & 63);
	struct na_tcache *tc = na_tls;
	if (NA_LIKELY(atomic_load_explicit(&pg->owner,
	    memory_order_relaxed) == tc)) {
		if (NA_UNLIKELY((pg->bits[w].lfree | atomic_load_explicit(
		    &pg->bits[w].rfree, memory_order_relaxed)) & bit))
			na_fatal("free()", "double free", p);
		pg->bits[w].lfree |= bit;
		tc->n_free++;
		if (NA_UNLIKELY(--pg->used == 0 || pg->in_full))
			na_tcache_page_freed(tc, pg);
		return;
	}
	free_remote(tc, pg, idx, p);
}
