/*
 * event.h: the daemon's one event loop: epoll for descriptors, a binary
 * min-heap of timers, signalfd for signals.  Single-threaded; callbacks run
 * from ev_run() and may start and stop any watcher, including their own.
 *
 * Objects are intrusive: the caller owns struct ev_io / struct ev_timer
 * (usually embedded in its own state) and the loop only links them, so
 * starting an I/O watcher never allocates and starting a timer allocates
 * only when the heap grows (it never shrinks below its high-water mark).
 *
 * Time is CLOCK_MONOTONIC in milliseconds.  ev_now() is sampled once per
 * loop iteration so that every callback of one iteration sees one "now".
 */
#ifndef MDNSD_EVENT_H
#define MDNSD_EVENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/epoll.h>

struct ev_loop;
struct ev_io;
struct ev_timer;

/* revents: EPOLLIN, EPOLLOUT, EPOLLERR, EPOLLHUP as epoll reports them. */
typedef void ev_io_cb(struct ev_loop *loop, struct ev_io *io,
    uint32_t revents);
typedef void ev_timer_cb(struct ev_loop *loop, struct ev_timer *t);
typedef void ev_signal_cb(struct ev_loop *loop, int signo, void *data);

struct ev_io {
	int fd;				/* -1 while not started */
	uint32_t events;		/* EPOLLIN and/or EPOLLOUT */
	ev_io_cb *cb;
	void *data;			/* for the owner */
};

struct ev_timer {
	uint64_t when;			/* expiry, ms on the loop's clock */
	size_t slot;			/* heap index + 1; 0 when inactive */
	ev_timer_cb *cb;
	void *data;			/* for the owner */
};

/* Create a loop.  Returns NULL with errno set on failure. */
struct ev_loop *ev_loop_new(void);

/* Destroy a loop.  Watchers still started are simply forgotten; the
 * descriptors stay open (they belong to their owners). */
void ev_loop_free(struct ev_loop *loop);

/*
 * Run until ev_break() is called.  Returns 0 after ev_break(), or -1 with
 * errno set if epoll_wait fails for a reason other than EINTR.
 */
int ev_run(struct ev_loop *loop);

/* Make ev_run() return after the current iteration. */
void ev_break(struct ev_loop *loop);

/* Cached monotonic time in ms (see the design note). */
uint64_t ev_now(const struct ev_loop *loop);

/* Resample the clock now (after a long computation) and return it. */
uint64_t ev_now_update(struct ev_loop *loop);

/*
 * Watch fd for `events` (EPOLLIN, EPOLLOUT; level-triggered) and call cb
 * with revents.  io must stay valid until ev_io_stop().  fd should be
 * non-blocking.  Returns 0, or -1 with errno set.
 */
int ev_io_start(struct ev_loop *loop, struct ev_io *io, int fd,
    uint32_t events, ev_io_cb *cb, void *data);

/* Change the events of a started watcher.  Returns 0 or -1 (errno). */
int ev_io_modify(struct ev_loop *loop, struct ev_io *io, uint32_t events);

/* Stop watching (before closing the fd).  Harmless if not started.  io
 * may be freed right after, even from inside a callback: events for it
 * still queued in the current iteration are dropped. */
void ev_io_stop(struct ev_loop *loop, struct ev_io *io);

/* Prepare a timer (inactive).  Must be called once before use. */
void ev_timer_init(struct ev_timer *t, ev_timer_cb *cb, void *data);

/*
 * (Re)arm t to fire once, `after_ms` from ev_now().  A started timer is
 * moved.  Returns 0, or -1 (ENOMEM) if the heap could not grow; the timer
 * is then inactive.
 */
int ev_timer_start(struct ev_loop *loop, struct ev_timer *t,
    uint64_t after_ms);

/* Disarm t.  Harmless if inactive.  A fired timer is already inactive
 * when its callback runs (and may be restarted from it). */
void ev_timer_stop(struct ev_loop *loop, struct ev_timer *t);

/* Whether t is armed. */
static inline bool
ev_timer_active(const struct ev_timer *t)
{
	return t->slot != 0;
}

/*
 * Deliver signo through the loop: the signal is blocked and read from a
 * signalfd, so cb runs as an ordinary callback (no async-signal-safety
 * worries).  One callback per signal; a later call replaces it.  Returns 0
 * or -1 with errno set.
 */
int ev_signal(struct ev_loop *loop, int signo, ev_signal_cb *cb, void *data);

#endif
