/*
 * segmap.c: address -> segment descriptor in two loads.  The 47-bit user
 * address space in 4 MiB granules is 2^25 entries: a static first level
 * of 2^13 pointers (64 KiB of bss, untouched until used) to second-level
 * tables of 2^12 entries mapped on demand and never freed.
 */
#include <sys/mman.h>

#include "numalloc_internal.h"

#define L2_BITS NA_SEGMAP_L2_BITS
#define L2_SIZE ((size_t)1 << L2_BITS)

_Atomic(struct na_segmap_l2 *) na_segmap[(size_t)1 << NA_SEGMAP_L1_BITS];

static struct na_segmap_l2 *l2_get(uintptr_t g)
{
	_Atomic(struct na_segmap_l2 *) *slot = &na_segmap[g >> L2_BITS];
	struct na_segmap_l2 *t = atomic_load_explicit(slot, memory_order_acquire);
	if (t != NULL)
		return t;
	void *p = mmap(NULL, sizeof(struct na_segmap_l2), PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	atomic_fetch_add(&na_gstats.meta_mapped, sizeof(struct na_segmap_l2));
	struct na_segmap_l2 *expect = NULL;
	if (atomic_compare_exchange_strong(slot, &expect, (struct na_segmap_l2 *)p))
		return p;
	munmap(p, sizeof(struct na_segmap_l2));	/* another thread won */
	atomic_fetch_sub(&na_gstats.meta_mapped, sizeof(struct na_segmap_l2));
	return expect;
}

int na_segmap_set(uintptr_t base, size_t size, struct na_segment *s)
{
	if ((base + size - 1) >> NA_ADDR_BITS)
		return -1;
	for (uintptr_t a = base; a < base + size; a += NA_SEGMENT_SIZE) {
		uintptr_t g = a >> NA_SEGMENT_SHIFT;
		struct na_segmap_l2 *t = l2_get(g);
		if (t == NULL) {
			na_segmap_clear(base, a - base);
			return -1;
		}
		atomic_store_explicit(&t->seg[g & (L2_SIZE - 1)], s,
		    memory_order_release);
	}
	return 0;
}

void na_segmap_clear(uintptr_t base, size_t size)
{
	for (uintptr_t a = base; a < base + size; a += NA_SEGMENT_SIZE) {
		uintptr_t g = a >> NA_SEGMENT_SHIFT;
		struct na_segmap_l2 *t = atomic_load(&na_segmap[g >> L2_BITS]);
		if (t != NULL)
			atomic_store(&t->seg[g & (L2_SIZE - 1)], NULL);
	}
}
