/*
 * process.h: process-wide state - options, initialisation, fatal errors
 * and warnings, statistics counters, the tcache registry.  Included by
 * numalloc_internal.h only, which it relies on for NA_HIDDEN and the
 * types.
 */
#ifndef NUMALLOC_PROCESS_H
#define NUMALLOC_PROCESS_H

struct na_options {
	int stats;		/* NUMALLOC_STATS: print stats at exit */
	int verbose;		/* NUMALLOC_VERBOSE: warnings to stderr */
	long purge_delay_ms;	/* NUMALLOC_PURGE_DELAY, -1: never purge */
};
extern struct na_options na_opt NA_HIDDEN;
extern _Atomic int na_initialized NA_HIDDEN;	/* 0, 1 busy, 2 done */

void na_process_init(void) NA_HIDDEN;
static inline void na_ensure_init(void)
{
	if (NA_UNLIKELY(atomic_load_explicit(&na_initialized,
	    memory_order_acquire) != 2))
		na_process_init();
}
void na_options_init(void) NA_HIDDEN;
/* Keep a copy of stderr for the statistics printed at exit. */
void na_stats_fd_init(void) NA_HIDDEN;
void na_fork_init(void) NA_HIDDEN;

/* Print "numalloc: <fn>: <msg> (pointer 0x<ptr>)" with write(2) and
 * abort().  Never returns, never allocates. */
_Noreturn void na_fatal(const char *fn, const char *msg, const void *ptr) NA_HIDDEN;
/* With NUMALLOC_VERBOSE: print "numalloc: warning: <msg>". */
void na_warn(const char *msg) NA_HIDDEN;
/* Formatting without stdio (error.c). */
size_t na_fmt_u64(char *buf, uint64_t v, unsigned base) NA_HIDDEN;
void na_write_str(int fd, const char *s) NA_HIDDEN;

/* Process-wide counters (atomics; tcache counters are summed in). */
struct na_gstats {
	_Atomic uint64_t mapped, mapped_peak;	/* data bytes mapped */
	_Atomic uint64_t meta_mapped;		/* descriptor bytes */
	_Atomic uint64_t purged;		/* bytes madvised away */
	_Atomic uint64_t segments, huge_allocs;
	_Atomic uint64_t n_malloc_dead, n_free_dead;	/* exited tcaches */
	_Atomic uint64_t n_free_notc, n_remote_dead;	/* no tcache / exited */
	_Atomic uint64_t threads;		/* tcaches created */
};
extern struct na_gstats na_gstats NA_HIDDEN;
void na_stats_mapped(int64_t delta) NA_HIDDEN;

/* Registry of live tcaches (for stats and fork). */
extern struct na_lock na_registry_lock NA_HIDDEN;
extern struct na_tcache *na_registry NA_HIDDEN;

#endif
