/*
 * stats.c: numalloc.h's statistics, options and collection.
 */
#include <errno.h>
#include <string.h>

#include "numalloc.h"
#include "numalloc_internal.h"

void na_stats_mapped(int64_t delta)
{
	uint64_t now = atomic_fetch_add(&na_gstats.mapped, (uint64_t)delta) +
	    (uint64_t)delta;
	uint64_t peak = atomic_load(&na_gstats.mapped_peak);

	while (now > peak && !atomic_compare_exchange_weak(
	    &na_gstats.mapped_peak, &peak, now))
		;
}

static void add_tcache(struct numalloc_stats *s, const struct na_tcache *tc)
{
	s->malloc_calls += tc->n_malloc;
	s->free_calls += tc->n_free;
	s->remote_frees += tc->n_remote_free;
}

NA_EXPORT int numalloc_get_stats(struct numalloc_stats *st, size_t size)
{
	struct numalloc_stats s;

	if (st == NULL) {
		errno = EINVAL;
		return -1;
	}
	na_ensure_init();
	memset(&s, 0, sizeof s);
	s.malloc_calls = atomic_load(&na_gstats.n_malloc_dead);
	s.free_calls = atomic_load(&na_gstats.n_free_dead) +
	    atomic_load(&na_gstats.n_free_notc);
	s.remote_frees = atomic_load(&na_gstats.n_remote_dead);
	na_lock_acquire(&na_registry_lock);
	for (const struct na_tcache *tc = na_registry; tc != NULL;
	    tc = tc->next_all)
		add_tcache(&s, tc);
	na_lock_release(&na_registry_lock);
	for (unsigned i = 0; i < na_arena_count; i++)
		add_tcache(&s, &na_arenas[i].shared);
	s.mapped_bytes = atomic_load(&na_gstats.mapped);
	s.mapped_peak = atomic_load(&na_gstats.mapped_peak);
	s.meta_bytes = atomic_load(&na_gstats.meta_mapped);
	s.purged_bytes = atomic_load(&na_gstats.purged);
	s.segments = atomic_load(&na_gstats.segments);
	s.huge_allocs = atomic_load(&na_gstats.huge_allocs);
	s.threads = atomic_load(&na_gstats.threads);
	memcpy(st, &s, size < sizeof s ? size : sizeof s);
	return 0;
}

static void print_pair(int fd, const char *name, uint64_t v)
{
	char num[24];

	na_fmt_u64(num, v, 10);
	na_write_str(fd, "numalloc: ");
	na_write_str(fd, name);
	na_write_str(fd, " ");
	na_write_str(fd, num);
	na_write_str(fd, "\n");
}

NA_EXPORT void numalloc_print_stats(int fd)
{
	struct numalloc_stats s;

	numalloc_get_stats(&s, sizeof s);
	print_pair(fd, "malloc_calls", s.malloc_calls);
	print_pair(fd, "free_calls", s.free_calls);
	print_pair(fd, "remote_frees", s.remote_frees);
	print_pair(fd, "mapped_bytes", s.mapped_bytes);
	print_pair(fd, "mapped_peak", s.mapped_peak);
	print_pair(fd, "meta_bytes", s.meta_bytes);
	print_pair(fd, "purged_bytes", s.purged_bytes);
	print_pair(fd, "segments", s.segments);
	print_pair(fd, "huge_allocs", s.huge_allocs);
	print_pair(fd, "threads", s.threads);
}

NA_EXPORT int numalloc_option_set(enum numalloc_option opt, long value)
{
	na_ensure_init();
	switch (opt) {
	case NUMALLOC_OPT_STATS:
	case NUMALLOC_OPT_VERBOSE:
		if (value != 0 && value != 1)
			break;
		if (opt == NUMALLOC_OPT_STATS && value && !na_opt.stats)
			na_stats_fd_init();
		if (opt == NUMALLOC_OPT_STATS)
			na_opt.stats = (int)value;
		else
			na_opt.verbose = (int)value;
		return 0;
	case NUMALLOC_OPT_PURGE_DELAY:
		if (value < -1 || value > 3600000)
			break;
		na_opt.purge_delay_ms = value;
		return 0;
	}
	errno = EINVAL;
	return -1;
}

NA_EXPORT long numalloc_option_get(enum numalloc_option opt)
{
	na_ensure_init();
	switch (opt) {
	case NUMALLOC_OPT_STATS:
		return na_opt.stats;
	case NUMALLOC_OPT_VERBOSE:
		return na_opt.verbose;
	case NUMALLOC_OPT_PURGE_DELAY:
		return na_opt.purge_delay_ms;
	}
	errno = EINVAL;
	return -1;
}

NA_EXPORT size_t numalloc_collect(int force)
{
	size_t bytes = 0;

	na_ensure_init();
	if (na_tls != &na_tcache_empty)
		na_tcache_collect(na_tls, NA_CLASS_COUNT);
	for (unsigned i = 0; i < na_arena_count; i++) {
		struct na_arena *a = &na_arenas[i];
		na_lock_acquire(&a->lock);
		na_arena_sweep_abandoned(a);
		bytes += na_arena_purge(a, force);
		na_lock_release(&a->lock);
	}
	return bytes;
}
