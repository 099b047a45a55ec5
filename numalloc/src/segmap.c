/*
 * segmap.c: address -> segment descriptor in two loads.  The 47-bit user
 * address space in 4 MiB granules is 2^25 entries: a static first level
 * of 2^13 pointers (64 KiB of bss, untouched until used) to second-level
 * tables of 2^12 entries mapped on demand and never freed.
 */
#include <sys/mman.h>

#include "numalloc_internal.h"

#define L2_BITS 12
#define L1_BITS (NA_ADDR_BITS - NA_SEGMENT_SHIFT - L2_BITS)
#define L2_SIZE ((size_t)1 << L2_BITS)

struct l2 {
	_Atomic(struct na_segment *) seg[L2_SIZE];
};

static _Atomic(struct l2 *) segmap[(size_t)1 << L1_BITS];

struct na_segment *na_segmap_lookup(uintptr_t addr)
{
	if (NA_UNLIKELY(addr >> NA_ADDR_BITS))
		return NULL;
	uintptr_t g = addr >> NA_SEGMENT_SHIFT;
	struct l2 *t = atomic_load_explicit(&segmap[g >> L2_BITS],
	    memory_order_acquire);
	if (NA_UNLIKELY(t == NULL))
		return NULL;
	return atomic_load_explicit(&t->seg[g & (L2_SIZE - 1)],
	    memory_order_acquire);
}

static struct l2 *l2_get(uintptr_t g)
{
	_Atomic(struct l2 *) *slot = &segmap[g >> L2_BITS];
	struct l2 *t = atomic_load_explicit(slot, memory_order_acquire);
	if (t != NULL)
		return t;
	void *p = mmap(NULL, sizeof(struct l2), PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	atomic_fetch_add(&na_gstats.meta_mapped, sizeof(struct l2));
	struct l2 *expect = NULL;
	if (atomic_compare_exchange_strong(slot, &expect, (struct l2 *)p))
		return p;
	munmap(p, sizeof(struct l2));	/* another thread won */
	atomic_fetch_sub(&na_gstats.meta_mapped, sizeof(struct l2));
	return expect;
}

int na_segmap_set(uintptr_t base, size_t size, struct na_segment *s)
{
	if ((base + size - 1) >> NA_ADDR_BITS)
		return -1;
	for (uintptr_t a = base; a < base + size; a += NA_SEGMENT_SIZE) {
		uintptr_t g = a >> NA_SEGMENT_SHIFT;
		struct l2 *t = l2_get(g);
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
		struct l2 *t = atomic_load(&segmap[g >> L2_BITS]);
		if (t != NULL)
			atomic_store(&t->seg[g & (L2_SIZE - 1)], NULL);
	}
}
