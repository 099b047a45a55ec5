/*
 * init.c: process start-up (options, NUMA topology, arenas, thread-exit
 * key, fork handlers), the statistics print at exit, and fork safety.
 *
 * Start-up runs on the first allocation of the process (or from the
 * constructor, whichever comes first) and must not allocate: getenv()
 * and pthread_key_create() do not.  pthread_atfork() may allocate (musl
 * and glibc both call malloc for it), so it runs after the allocator is
 * marked ready.
 */
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>

#include "numalloc.h"
#include "numalloc_internal.h"

struct na_options na_opt = { .purge_delay_ms = 50 };
/* Where the exit statistics go: a copy of stderr taken at start-up,
 * because programs such as coreutils close stderr in an atexit handler,
 * before destructors run. */
static int stats_fd = 2;

void na_stats_fd_init(void)
{
	int fd = fcntl(2, F_DUPFD_CLOEXEC, 100);

	if (fd >= 0)
		stats_fd = fd;
}
_Atomic int na_initialized;
struct na_gstats na_gstats;

/* Parse a decimal long; 0 on success. */
static int parse_long(const char *s, long lo, long hi, long *out)
{
	long v = 0;
	int neg = 0;

	if (*s == '-') {
		neg = 1;
		s++;
	}
	if (*s == '\0')
		return -1;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9' || v > (hi + 1) / 10 + 1)
			return -1;
		v = v * 10 + (*s - '0');
	}
	v = neg ? -v : v;
	if (v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

static void option_env(const char *name, long lo, long hi, long *dst)
{
	const char *s = getenv(name);
	long v;

	if (s == NULL)
		return;
	if (parse_long(s, lo, hi, &v) == 0) {
		*dst = v;
		return;
	}
	na_write_str(2, "numalloc: warning: ignoring invalid ");
	na_write_str(2, name);
	na_write_str(2, "=");
	na_write_str(2, s);
	na_write_str(2, "\n");
}

void na_options_init(void)
{
	long v;

	v = 0;
	option_env("NUMALLOC_VERBOSE", 0, 1, &v);
	na_opt.verbose = (int)v;
	v = 0;
	option_env("NUMALLOC_STATS", 0, 1, &v);
	na_opt.stats = (int)v;
	option_env("NUMALLOC_PURGE_DELAY", -1, 3600000, &na_opt.purge_delay_ms);
	if (na_opt.stats)
		na_stats_fd_init();
}

void na_process_init(void)
{
	int expect = 0;

	if (!atomic_compare_exchange_strong(&na_initialized, &expect, 1)) {
		/* Another thread is initialising: wait (rare, short). */
		while (atomic_load(&na_initialized) != 2)
			sched_yield();
		return;
	}
	na_options_init();
	na_numa_init();
	na_tcache_key_init();
	atomic_store(&na_initialized, 2);
	na_fork_init();
}

__attribute__((constructor)) static void na_constructor(void)
{
	na_ensure_init();
}

__attribute__((destructor)) static void na_destructor(void)
{
	if (na_opt.stats)
		numalloc_print_stats(stats_fd);
}

/* ---- fork: take every lock so the child sees consistent state ---- */

static void fork_prepare(void)
{
	na_lock_acquire(&na_registry_lock);
	for (unsigned i = 0; i < na_arena_count; i++) {
		na_lock_acquire(&na_arenas[i].shared_lock);
		na_lock_acquire(&na_arenas[i].lock);
	}
}

static void fork_parent(void)
{
	for (unsigned i = na_arena_count; i-- > 0;) {
		na_lock_release(&na_arenas[i].lock);
		na_lock_release(&na_arenas[i].shared_lock);
	}
	na_lock_release(&na_registry_lock);
}

static void fork_child(void)
{
	/* Only this thread survives: plain reset, no waiters to wake. */
	atomic_store(&na_registry_lock.state, 0);
	for (unsigned i = 0; i < na_arena_count; i++) {
		atomic_store(&na_arenas[i].lock.state, 0);
		atomic_store(&na_arenas[i].shared_lock.state, 0);
	}
	/* The other threads' caches have no thread any more.  Their page
	 * queues may be half-updated (fork interrupted a thread between
	 * two stores), so they are not walked: they are only dropped from
	 * the registry, and their pages stay unused in this process. */
	struct na_tcache **pp = &na_registry;
	while (*pp != NULL) {
		struct na_tcache *tc = *pp;
		if (tc == na_tls) {
			pp = &tc->next_all;
			continue;
		}
		*pp = tc->next_all;
		atomic_fetch_add(&na_gstats.n_malloc_dead, tc->n_malloc);
		atomic_fetch_add(&na_gstats.n_free_dead, tc->n_free);
	}
}

void na_fork_init(void)
{
	if (pthread_atfork(fork_prepare, fork_parent, fork_child) != 0)
		na_warn("pthread_atfork failed: fork while threads allocate "
		    "is unsafe");
}
