/*
 * page.c: small pages - bitmap set-up and collecting remote frees (see
 * "Free state is a bitmap" in the design note; the remote free itself is
 * in free.c, next to the local one).
 */
#include "numalloc_internal.h"

void na_page_init_small(struct na_page *pg, unsigned cls)
{
	uint32_t bsize = na_class_size[cls];
	size_t bytes = (size_t)(pg->slices == 0 ? 64 : pg->slices)
	    << NA_SLICE_SHIFT;
	size_t cap = bytes / bsize;

	if (cap > NA_BITMAP_WORDS * 64)
		cap = NA_BITMAP_WORDS * 64;
	pg->kind = NA_PAGE_SMALL;
	pg->cls = (uint8_t)cls;
	pg->bsize = bsize;
	pg->recip = (((uint64_t)1 << 40) + bsize - 1) / bsize;
	pg->capacity = (uint32_t)cap;
	pg->used = 0;
	pg->cur = 0;
	pg->hw = 0;
	pg->nwords = (uint32_t)((cap + 63) / 64);
	for (uint32_t w = 0; w < pg->nwords; w++) {
		size_t left = cap - (size_t)w * 64;
		pg->bits[w].lfree = left >= 64 ? ~(uint64_t)0 :
		    (((uint64_t)1 << left) - 1);
		atomic_store_explicit(&pg->bits[w].rfree, 0, memory_order_relaxed);
	}
	atomic_store_explicit(&pg->has_remote, 0, memory_order_relaxed);
	pg->aband = 0;
}

int na_page_collect(struct na_page *pg)
{
	int gained = 0;

	if (!atomic_load_explicit(&pg->has_remote, memory_order_relaxed))
		return 0;
	/* Clear the flag first: a remote free that lands after our scan
	 * of its word raises it again (it sets its bit, then the flag). */
	atomic_exchange(&pg->has_remote, 0);
	for (uint32_t w = 0; w < pg->nwords; w++) {
		if (atomic_load_explicit(&pg->bits[w].rfree,
		    memory_order_relaxed) == 0)
			continue;
		uint64_t v = atomic_exchange(&pg->bits[w].rfree, 0);
		pg->bits[w].lfree |= v;
		gained += __builtin_popcountll(v);
	}
	pg->used -= (uint32_t)gained;
	if (gained != 0)
		pg->cur = 0;
	return gained;
}
