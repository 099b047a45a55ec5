/*
 * realloc.c: realloc and reallocarray.  Small blocks stay put within
 * their size class; large and huge blocks are resized without copying
 * when they can be (free slices right after a large block, mremap for a
 * huge one); everything else is malloc + copy + free.  A failed realloc
 * leaves the block as it was.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "numalloc_internal.h"

/* Give large or huge block pg n bytes in place (huge: perhaps at a new
 * address, pages moved, not copied).  The block, or NULL if the caller
 * must move it. */
static void *big_resize(struct na_page *pg, size_t n)
{
	if (pg->kind == NA_PAGE_HUGE)
		return n > NA_LARGE_MAX ? na_huge_resize(pg, n) : NULL;
	size_t lead = pg->ublock - pg->start;	/* aligned blocks */
	if (n <= NA_SMALL_MAX || n > NA_LARGE_MAX - lead)
		return NULL;
	unsigned want = (unsigned)((n + lead + NA_SLICE_SIZE - 1) >>
	    NA_SLICE_SHIFT);
	struct na_arena *a = &na_arenas[pg->seg->arena];
	na_lock_acquire(&a->lock);
	int r = na_segment_page_resize(a, pg, want);
	if (r == 0)
		pg->usize = n;
	na_lock_release(&a->lock);
	return r == 0 ? (void *)pg->ublock : NULL;
}

NA_EXPORT void *NA_API(realloc)(void *p, size_t n)
{
	if (p == NULL)
		return NA_API(malloc)(n);
	if (n > PTRDIFF_MAX) {
		errno = ENOMEM;
		return NULL;
	}
	struct na_page *pg = na_page_of(p, "realloc()");
	size_t old = na_usable_size(pg);
	if (pg->kind == NA_PAGE_SMALL) {
		if (n <= NA_SMALL_MAX && na_size_class(n) == pg->cls)
			return p;
	} else {
		void *q = big_resize(pg, n);
		if (q != NULL)
			return q;
		/* Shrinking into small sizes: keep the block unless that
		 * would waste more than half of it. */
		if (n <= old && n > old / 2)
			return p;
	}
	void *q = NA_API(malloc)(n);
	if (q == NULL)
		return NULL;
	memcpy(q, p, n < old ? n : old);
	NA_API(free)(p);
	return q;
}

NA_EXPORT void *NA_API(reallocarray)(void *p, size_t n, size_t size)
{
	size_t total;

	if (__builtin_mul_overflow(n, size, &total)) {
		errno = ENOMEM;
		return NULL;
	}
	return NA_API(realloc)(p, total);
}
