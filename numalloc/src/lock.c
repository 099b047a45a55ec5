/*
 * lock.c: the allocator's mutex.  A futex word with three states (0 free,
 * 1 locked, 2 locked with waiters) so that an uncontended lock/unlock is
 * one atomic each and no system call; pthread mutexes would drag in
 * libpthread objects and, under glibc, possible allocation paths.
 */
#include <sys/syscall.h>
#include <unistd.h>

#include "numalloc_internal.h"

/* From <linux/futex.h>, which musl-gcc's header set does not have. */
#define NA_FUTEX_WAIT_PRIVATE 128
#define NA_FUTEX_WAKE_PRIVATE 129

static void futex_wait(_Atomic int *w, int val)
{
	syscall(SYS_futex, w, NA_FUTEX_WAIT_PRIVATE, val, NULL, NULL, 0);
}

static void futex_wake(_Atomic int *w)
{
	syscall(SYS_futex, w, NA_FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}

void na_lock_acquire(struct na_lock *l)
{
	int c = 0;

	if (atomic_compare_exchange_strong_explicit(&l->state, &c, 1,
	    memory_order_acquire, memory_order_relaxed))
		return;
	/* Spin briefly: critical sections are short (a few list ops). */
	for (int i = 0; i < 100; i++) {
		c = 0;
		if (atomic_compare_exchange_weak_explicit(&l->state, &c, 1,
		    memory_order_acquire, memory_order_relaxed))
			return;
		__builtin_ia32_pause();
	}
	if (c != 2)
		c = atomic_exchange_explicit(&l->state, 2,
		    memory_order_acquire);
	while (c != 0) {
		futex_wait(&l->state, 2);
		c = atomic_exchange_explicit(&l->state, 2,
		    memory_order_acquire);
	}
}

void na_lock_release(struct na_lock *l)
{
	if (atomic_exchange_explicit(&l->state, 0, memory_order_release) == 2)
		futex_wake(&l->state);
}
