/*
 * tcache.c: per-thread caches - creation, the refill slow path, page
 * hand-back, abandonment at thread exit, and the arenas' shared caches.
 */
#include <errno.h>
#include <pthread.h>

#include "numalloc_internal.h"
#include "pageq.h"

NA_TLS_MODEL __thread struct na_tcache *na_tls = &na_tcache_empty;
struct na_page na_page_empty;	/* never has a free bit */
struct na_tcache na_tcache_empty = {
	.q = { [0 ... NA_CLASS_COUNT - 1] = { &na_page_empty, NULL } },
	.full = { [0 ... NA_CLASS_COUNT - 1] = { &na_page_empty, NULL } },
};
/* What na_tls points to after the thread's cache was abandoned at exit:
 * a later malloc makes a new cache, a later free does not. */
struct na_tcache na_tcache_exited = {
	.q = { [0 ... NA_CLASS_COUNT - 1] = { &na_page_empty, NULL } },
	.full = { [0 ... NA_CLASS_COUNT - 1] = { &na_page_empty, NULL } },
};
struct na_arena na_arenas[NA_MAX_NODES + 1];
unsigned na_arena_count = 1;
struct na_lock na_registry_lock;
struct na_tcache *na_registry;
static struct na_tcache *tc_free;	/* recycled tcache structs */
static pthread_key_t tc_key;

static void tc_reset(struct na_tcache *tc)
{
	*tc = na_tcache_empty;
}

struct na_arena *na_arena_get(unsigned index)
{
	return index < na_arena_count ? &na_arenas[index] : NULL;
}

static void tc_destructor(void *v)
{
	struct na_tcache *tc = v;

	if (tc == NULL)
		return;
	na_tls = &na_tcache_exited;
	na_tcache_abandon(tc);
}

void na_tcache_key_init(void)
{
	na_arena_count = na_numa_node_count() + 1;
	if (na_arena_count > NA_MAX_NODES + 1)
		na_arena_count = NA_MAX_NODES + 1;
	for (unsigned i = 0; i < na_arena_count; i++) {
		na_arenas[i].index = i;
		tc_reset(&na_arenas[i].shared);
		na_arenas[i].shared.is_shared = 1;
		na_arenas[i].shared.arena = i;
	}
	if (pthread_key_create(&tc_key, tc_destructor) != 0)
		na_warn("pthread_key_create failed: no reclaim at thread exit");
}

static struct na_tcache *tc_carve(void)
{
	static char *chunk;
	static size_t left;
	/* 128-byte units: the CPU fetches cache lines in pairs, and one
	 * thread's counters (written on every call) must not share a pair
	 * with the next thread's queue heads. */
	size_t sz = (sizeof(struct na_tcache) + 127) & ~(size_t)127;

	if (left < sz) {
		chunk = na_os_meta_alloc(64 * NA_KiB);
		if (chunk == NULL)
			return NULL;
		left = 64 * NA_KiB;
	}
	struct na_tcache *tc = (struct na_tcache *)chunk;
	chunk += sz;
	left -= sz;
	return tc;
}

struct na_tcache *na_tcache_init_thread(void)
{
	struct na_tcache *tc;

	na_lock_acquire(&na_registry_lock);
	tc = tc_free;
	if (tc != NULL)
		tc_free = tc->next_free;
	else
		tc = tc_carve();
	if (tc != NULL) {
		tc_reset(tc);
		tc->next_all = na_registry;
		na_registry = tc;
	}
	na_lock_release(&na_registry_lock);
	if (tc == NULL)
		return NULL;
	unsigned node = na_numa_current_node();
	tc->arena = node < na_arena_count ? node : 0;
	atomic_fetch_add(&na_gstats.threads, 1);
	na_tls = tc;
	/* May allocate under glibc (keys >= 32): na_tls is already set. */
	pthread_setspecific(tc_key, tc);
	return tc;
}

void na_page_abandon(struct na_page *pg)
{
	struct na_arena *a = &na_arenas[pg->seg->arena];

	na_page_collect(pg);
	pg->in_full = 0;
	na_lock_acquire(&a->lock);
	if (pg->used == 0) {
		na_segment_page_free(a, pg, 1);
	} else {
		/* Store owner, then read the flag: a remote free that raised
		 * it before sees owner != NULL and leaves the page to us. */
		atomic_store(&pg->owner, NULL);
		if (pg->used < pg->capacity || atomic_load(&pg->has_remote)) {
			pg->aband = 2;
			q_push_back(&a->ready[pg->cls], pg);
			atomic_fetch_add(&a->ready_count, 1);
		} else {
			pg->aband = 1;
			q_push_front(&a->aband_full[pg->cls], pg);
		}
	}
	na_lock_release(&a->lock);
}

void na_page_mark_ready(struct na_page *pg)
{
	struct na_arena *a = &na_arenas[pg->seg->arena];

	na_lock_acquire(&a->lock);
	if (pg->aband == 1 && atomic_load(&pg->owner) == NULL) {
		q_remove(&a->aband_full[pg->cls], pg);
		pg->aband = 2;
		q_push_back(&a->ready[pg->cls], pg);
		atomic_fetch_add(&a->ready_count, 1);
	}
	na_lock_release(&a->lock);
}

/* Abandon tc's pages that do not belong to arena `keep` (all: ~0u). */
static void tc_drop_pages(struct na_tcache *tc, unsigned keep)
{
	for (unsigned c = 0; c < NA_CLASS_COUNT; c++) {
		struct na_pageq *lists[2] = { &tc->q[c], &tc->full[c] };
		for (int l = 0; l < 2; l++) {
			struct na_page *pg = q_head(lists[l]), *next;
			for (; pg != NULL; pg = next) {
				next = pg->next;
				if (pg->seg->arena == keep)
					continue;
				q_remove(lists[l], pg);
				na_page_abandon(pg);
			}
		}
	}
}

void na_tcache_abandon(struct na_tcache *tc)
{
	tc_drop_pages(tc, ~0u);
	na_lock_acquire(&na_registry_lock);
	for (struct na_tcache **pp = &na_registry; *pp != NULL;
	    pp = &(*pp)->next_all) {
		if (*pp == tc) {
			*pp = tc->next_all;
			break;
		}
	}
	atomic_fetch_add(&na_gstats.n_malloc_dead, tc->n_malloc);
	atomic_fetch_add(&na_gstats.n_free_dead, tc->n_free);
	atomic_fetch_add(&na_gstats.n_remote_dead, tc->n_remote_free);
	tc->next_free = tc_free;
	tc_free = tc;
	na_lock_release(&na_registry_lock);
}

void na_tcache_set_arena(struct na_tcache *tc, unsigned arena)
{
	if (arena >= na_arena_count || tc->is_shared ||
	    tc == &na_tcache_exited)
		return;
	tc_drop_pages(tc, arena);
	tc->arena = arena;
}

size_t na_arena_sweep_abandoned(struct na_arena *a)
{
	size_t n = 0;

	for (unsigned c = 0; c < NA_CLASS_COUNT; c++) {
		struct na_pageq *lists[2] = { &a->ready[c], &a->aband_full[c] };
		for (int l = 0; l < 2; l++) {
			struct na_page *pg = q_head(lists[l]), *next;
			for (; pg != NULL; pg = next) {
				next = pg->next;
				na_page_collect(pg);
				if (pg->used != 0 && l == 1 &&
				    pg->used < pg->capacity) {
					/* Collecting gave it free blocks
					 * (and lowered its flag): ready. */
					q_remove(lists[l], pg);
					pg->aband = 2;
					q_push_back(&a->ready[c], pg);
					atomic_fetch_add(&a->ready_count, 1);
					continue;
				}
				if (pg->used != 0)
					continue;
				q_remove(lists[l], pg);
				if (l == 0)
					atomic_fetch_sub(&a->ready_count, 1);
				pg->aband = 0;
				na_segment_page_free(a, pg, 1);
				n++;
			}
		}
	}
	return n;
}
