/*
 * segment.c: slices of 4 MiB segments handed out as pages, returned, and
 * purged; huge segments.  Everything here except the huge functions runs
 * under the arena lock.
 */
#include "numalloc_internal.h"

static uint64_t run_mask(unsigned idx, unsigned n)
{
	return (n >= 64 ? ~(uint64_t)0 : (((uint64_t)1 << n) - 1)) << idx;
}

/* Bit i set iff bits i .. i+n-1 of m are all set. */
static uint64_t runs_at(uint64_t m, unsigned n)
{
	uint64_t r = m;

	for (unsigned i = 1; i < n && r != 0; i++)
		r &= m >> i;
	return r;
}

static void seg_link(struct na_arena *a, struct na_segment *s)
{
	s->prev = NULL;
	s->next = a->segs;
	if (a->segs != NULL)
		a->segs->prev = s;
	a->segs = s;
}

static void seg_unlink(struct na_arena *a, struct na_segment *s)
{
	if (s->prev != NULL)
		s->prev->next = s->next;
	else
		a->segs = s->next;
	if (s->next != NULL)
		s->next->prev = s->prev;
	s->next = s->prev = NULL;
}

static struct na_segment *segment_new(struct na_arena *a)
{
	size_t msize = sizeof(struct na_segment) +
	    NA_SLICES * sizeof(struct na_page);
	struct na_segment *s = na_os_meta_alloc(msize);
	if (s == NULL)
		return NULL;
	void *base = na_os_alloc(NA_SEGMENT_SIZE, NA_SEGMENT_SIZE, a->index);
	if (base == NULL) {
		na_os_meta_free(s, msize);
		return NULL;
	}
	/* A segment is 2 MiB aligned: with THP "always" the first touch
	 * would fault in a whole huge page for a few small blocks. */
	na_os_no_huge_pages(base, NA_SEGMENT_SIZE);
	s->base = (uintptr_t)base;
	s->size = NA_SEGMENT_SIZE;
	s->kind = NA_SEG_NORMAL;
	s->arena = a->index;
	s->meta_size = msize;
	s->free_slices = ~(uint64_t)0;
	if (na_segmap_set(s->base, s->size, s) != 0) {
		na_os_free(base, NA_SEGMENT_SIZE);
		na_os_meta_free(s, msize);
		return NULL;
	}
	seg_link(a, s);
	atomic_fetch_add(&na_gstats.segments, 1);
	atomic_fetch_add(&a->mapped_bytes, NA_SEGMENT_SIZE);
	na_stats_mapped((int64_t)NA_SEGMENT_SIZE);
	return s;
}

static void segment_delete(struct na_arena *a, struct na_segment *s)
{
	seg_unlink(a, s);
	na_segmap_clear(s->base, s->size);
	na_os_free((void *)s->base, s->size);
	atomic_fetch_sub(&na_gstats.segments, 1);
	atomic_fetch_sub(&a->mapped_bytes, s->size);
	na_stats_mapped(-(int64_t)s->size);
	na_os_meta_free(s, s->meta_size);
}

struct na_page *na_segment_page_alloc(struct na_arena *a, unsigned n)
{
	struct na_segment *s, *best = NULL;
	int idx, best_idx = -1, best_dirty = -1;

	/* Prefer the free run with the most slices still committed: its
	 * pages need no fault, and what stays dirty is what gets purged. */
	for (s = a->segs; s != NULL && best_dirty < (int)n; s = s->next) {
		uint64_t r = runs_at(s->free_slices, n);
		for (; r != 0 && best_dirty < (int)n; r &= r - 1) {
			int i = __builtin_ctzll(r);
			int d = __builtin_popcountll(s->dirty_slices &
			    run_mask((unsigned)i, n));
			if (d > best_dirty) {
				best = s;
				best_idx = i;
				best_dirty = d;
			}
		}
	}
	s = best;
	idx = best_idx;
	if (s != NULL)
		goto found;
	s = segment_new(a);
	if (s == NULL)
		return NULL;
	idx = 0;
found:;
	uint64_t m = run_mask((unsigned)idx, n);
	s->free_slices &= ~m;
	s->dirty_slices &= ~m;
	if (s->free_slices == 0)
		seg_unlink(a, s);
	for (unsigned i = 1; i < n; i++) {
		s->pages[idx + i].kind = NA_PAGE_TAIL;
		s->pages[idx + i].head = (uint8_t)idx;
	}
	struct na_page *pg = &s->pages[idx];
	pg->seg = s;
	pg->slices = (uint8_t)(n == 64 ? 0 : n);	/* 64 stored as 0 */
	pg->start = s->base + ((size_t)idx << NA_SLICE_SHIFT);
	pg->in_full = 0;
	pg->next = pg->prev = NULL;
	return pg;
}

static unsigned page_slices(const struct na_page *pg)
{
	return pg->slices == 0 ? 64 : pg->slices;
}

static uint32_t now_ms(void)
{
	return (uint32_t)(na_clock_ns() / 1000000u);
}

/* Slices idx .. idx+n-1 of s belong to no page any more; dirty: they
 * may be committed, so purge them after the delay. */
static void slices_release(struct na_arena *a, struct na_segment *s,
    unsigned idx, unsigned n, int dirty)
{
	uint64_t m = run_mask(idx, n);

	if (s->free_slices == 0)
		seg_link(a, s);
	s->free_slices |= m;
	if (!dirty)
		return;
	uint32_t t = now_ms();
	for (unsigned i = idx; i < idx + n; i++)
		s->dirty_ms[i] = t;
	s->dirty_slices |= m;
	if (na_opt.purge_delay_ms == 0) {
		na_arena_purge(a, 1);
		return;
	}
	if (na_opt.purge_delay_ms > 0 &&
	    atomic_load_explicit(&a->purge_due, memory_order_relaxed) == 0)
		atomic_store(&a->purge_due, na_clock_ns() +
		    (uint64_t)na_opt.purge_delay_ms * 1000000u);
}

void na_segment_page_free(struct na_arena *a, struct na_page *pg, int dirty)
{
	struct na_segment *s = pg->seg;
	unsigned idx = (unsigned)((pg->start - s->base) >> NA_SLICE_SHIFT);
	unsigned n = page_slices(pg);

	pg->kind = NA_PAGE_FREE;
	atomic_store_explicit(&pg->owner, NULL, memory_order_relaxed);
	slices_release(a, s, idx, n, dirty);
}

int na_segment_page_resize(struct na_arena *a, struct na_page *pg,
    unsigned n)
{
	struct na_segment *s = pg->seg;
	unsigned idx = (unsigned)((pg->start - s->base) >> NA_SLICE_SHIFT);
	unsigned have = page_slices(pg);

	if (n > have) {
		if (idx + n > NA_SLICES)
			return -1;
		uint64_t m = run_mask(idx + have, n - have);
		if ((s->free_slices & m) != m)
			return -1;
		s->free_slices &= ~m;
		s->dirty_slices &= ~m;
		if (s->free_slices == 0)
			seg_unlink(a, s);
		for (unsigned i = idx + have; i < idx + n; i++) {
			s->pages[i].kind = NA_PAGE_TAIL;
			s->pages[i].head = (uint8_t)idx;
		}
	} else if (n < have) {
		for (unsigned i = idx + n; i < idx + have; i++)
			s->pages[i].kind = NA_PAGE_FREE;
		slices_release(a, s, idx + n, have - n, 1);
	}
	pg->slices = (uint8_t)(n == 64 ? 0 : n);
	return 0;
}

/* Purge the slices of s dirty for at least delay ms (all if force);
 * lower *due_ms to when the next remaining one expires. */
static size_t purge_segment(struct na_segment *s, uint32_t now,
    uint32_t delay, int force, uint64_t *due_ms)
{
	uint64_t d = s->dirty_slices, expired = 0;
	size_t bytes = 0;

	for (uint64_t b = d; b != 0; b &= b - 1) {
		unsigned i = (unsigned)__builtin_ctzll(b);
		uint32_t age = now - s->dirty_ms[i];
		if (force || age >= delay)
			expired |= (uint64_t)1 << i;
		else if (*due_ms == 0 || delay - age < *due_ms)
			*due_ms = delay - age;
	}
	s->dirty_slices &= ~expired;
	while (expired != 0) {
		unsigned i = (unsigned)__builtin_ctzll(expired), n = 0;
		while (i + n < 64 && (expired >> (i + n) & 1))
			n++;
		na_os_purge((void *)(s->base + ((size_t)i << NA_SLICE_SHIFT)),
		    (size_t)n << NA_SLICE_SHIFT);
		bytes += (size_t)n << NA_SLICE_SHIFT;
		expired &= ~run_mask(i, n);
	}
	return bytes;
}

size_t na_arena_purge(struct na_arena *a, int force)
{
	uint32_t now = now_ms();
	uint32_t delay = na_opt.purge_delay_ms < 0 ? UINT32_MAX :
	    (uint32_t)na_opt.purge_delay_ms;
	uint64_t due_ms = 0;
	size_t bytes = 0;
	int kept_empty = 0;
	struct na_segment *s, *next;

	if (delay == UINT32_MAX && !force)
		return 0;
	for (s = a->segs; s != NULL; s = next) {
		next = s->next;
		if (s->dirty_slices != 0)
			bytes += purge_segment(s, now, delay, force, &due_ms);
		/* Keep one empty segment against map/unmap bouncing. */
		if (s->free_slices == ~(uint64_t)0 && s->dirty_slices == 0) {
			if (kept_empty++ > 0)
				segment_delete(a, s);
		}
	}
	atomic_store(&a->purge_due, due_ms == 0 ? 0 :
	    na_clock_ns() + due_ms * 1000000u + 1);
	atomic_fetch_add(&na_gstats.purged, bytes);
	return bytes;
}

void na_arena_maybe_purge(struct na_arena *a)
{
	uint64_t due = atomic_load_explicit(&a->purge_due,
	    memory_order_relaxed);

	if (due == 0 || na_clock_ns() < due)
		return;
	na_lock_acquire(&a->lock);
	na_arena_purge(a, 0);
	na_lock_release(&a->lock);
}

struct na_page *na_huge_alloc(unsigned arena, size_t size, size_t align)
{
	size_t msize = sizeof(struct na_segment) + sizeof(struct na_page);
	if (align < NA_SEGMENT_SIZE)
		align = NA_SEGMENT_SIZE;
	/* Whole granules, so no other segment shares a segmap entry. */
	size_t dsize = (size + NA_SEGMENT_SIZE - 1) & ~(NA_SEGMENT_SIZE - 1);
	if (dsize < size)
		return NULL;
	struct na_segment *s = na_os_meta_alloc(msize);
	if (s == NULL)
		return NULL;
	void *base = na_os_alloc(dsize, align, arena);
	if (base == NULL) {
		na_os_meta_free(s, msize);
		return NULL;
	}
	s->base = (uintptr_t)base;
	s->size = dsize;
	s->kind = NA_SEG_HUGE;
	s->arena = arena;
	s->meta_size = msize;
	struct na_page *pg = &s->pages[0];
	pg->kind = NA_PAGE_HUGE;
	pg->seg = s;
	pg->start = pg->ublock = s->base;
	pg->usize = size;
	pg->capacity = pg->used = 1;
	if (na_segmap_set(s->base, dsize, s) != 0) {
		na_os_free(base, dsize);
		na_os_meta_free(s, msize);
		return NULL;
	}
	atomic_fetch_add(&na_gstats.huge_allocs, 1);
	atomic_fetch_add(&na_arenas[arena].mapped_bytes, dsize);
	na_stats_mapped((int64_t)dsize);
	return pg;
}

void na_huge_free(struct na_page *pg)
{
	struct na_segment *s = pg->seg;

	pg->kind = NA_PAGE_FREE;
	na_segmap_clear(s->base, s->size);
	na_os_free((void *)s->base, s->size);
	atomic_fetch_sub(&na_arenas[s->arena].mapped_bytes, s->size);
	na_stats_mapped(-(int64_t)s->size);
	na_os_meta_free(s, s->meta_size);
}

void *na_huge_resize(struct na_page *pg, size_t n)
{
	struct na_segment *s = pg->seg;
	size_t dsize = (n + NA_SEGMENT_SIZE - 1) & ~(NA_SEGMENT_SIZE - 1);
	size_t old = s->size;
	uintptr_t base = s->base;

	if (dsize < n || pg->ublock != base)
		return NULL;
	if (dsize < old) {
		/* Unmap whole granules at the end; clear their map entries
		 * first, or a segment mapped there at once could lose its. */
		na_segmap_clear(base + dsize, old - dsize);
		na_os_free((void *)(base + dsize), old - dsize);
	} else if (dsize > old) {
		/* Grow in place if the address space after us is free, else
		 * move the pages (no copy) to a fresh aligned range. */
		if (na_os_remap((void *)base, old, dsize, NULL) != NULL) {
			if (na_segmap_set(base + old, dsize - old, s) != 0) {
				na_os_remap((void *)base, dsize, old, NULL);
				return NULL;
			}
		} else {
			void *nb = na_os_alloc(dsize, NA_SEGMENT_SIZE, s->arena);
			if (nb == NULL)
				return NULL;
			if (na_segmap_set((uintptr_t)nb, dsize, s) != 0) {
				na_os_free(nb, dsize);
				return NULL;
			}
			na_segmap_clear(base, old);
			if (na_os_remap((void *)base, old, old, nb) == NULL) {
				na_segmap_clear((uintptr_t)nb, dsize);
				na_segmap_set(base, old, s);	/* had tables */
				na_os_free(nb, dsize);
				return NULL;
			}
			s->base = pg->start = pg->ublock = (uintptr_t)nb;
		}
	}
	s->size = dsize;
	pg->usize = n;
	atomic_fetch_add(&na_arenas[s->arena].mapped_bytes, dsize - old);
	na_stats_mapped((int64_t)dsize - (int64_t)old);
	return (void *)pg->ublock;
}
