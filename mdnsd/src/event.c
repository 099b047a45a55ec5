/* event.c: epoll loop, timer heap and signalfd (see event.h). */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <time.h>
#include <unistd.h>

#include "event.h"

#define EV_BATCH	64
#define EV_NSIG		65

struct ev_loop {
	int epfd;
	bool stop;
	uint64_t now;
	struct ev_timer **heap;		/* min-heap on ->when */
	size_t nheap, capheap;
	struct epoll_event *batch;	/* events being dispatched */
	int nbatch;
	struct ev_io sigio;
	sigset_t sigs;
	ev_signal_cb *sigcb[EV_NSIG];
	void *sigdata[EV_NSIG];
};

static uint64_t
mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

struct ev_loop *
ev_loop_new(void)
{
	struct ev_loop *l = calloc(1, sizeof *l);
	if (l == NULL)
		return NULL;
	l->epfd = epoll_create1(EPOLL_CLOEXEC);
	if (l->epfd < 0) {
		free(l);
		return NULL;
	}
	l->sigio.fd = -1;
	sigemptyset(&l->sigs);
	l->now = mono_ms();
	return l;
}

void
ev_loop_free(struct ev_loop *l)
{
	if (l == NULL)
		return;
	if (l->sigio.fd >= 0)
		close(l->sigio.fd);
	close(l->epfd);
	free(l->heap);
	free(l);
}

uint64_t
ev_now(const struct ev_loop *l)
{
	return l->now;
}

uint64_t
ev_now_update(struct ev_loop *l)
{
	return l->now = mono_ms();
}

void
ev_break(struct ev_loop *l)
{
	l->stop = true;
}

int
ev_io_start(struct ev_loop *l, struct ev_io *io, int fd, uint32_t events,
    ev_io_cb *cb, void *data)
{
	struct epoll_event ev = { .events = events, .data.ptr = io };

	io->fd = fd;
	io->events = events;
	io->cb = cb;
	io->data = data;
	if (epoll_ctl(l->epfd, EPOLL_CTL_ADD, fd, &ev) < 0) {
		io->fd = -1;
		return -1;
	}
	return 0;
}

int
ev_io_modify(struct ev_loop *l, struct ev_io *io, uint32_t events)
{
	struct epoll_event ev = { .events = events, .data.ptr = io };

	if (io->events == events)
		return 0;
	if (epoll_ctl(l->epfd, EPOLL_CTL_MOD, io->fd, &ev) < 0)
		return -1;
	io->events = events;
	return 0;
}

void
ev_io_stop(struct ev_loop *l, struct ev_io *io)
{
	if (io->fd < 0)
		return;
	epoll_ctl(l->epfd, EPOLL_CTL_DEL, io->fd, NULL);
	io->fd = -1;
	/* The owner may free io as soon as we return: forget any event for
	 * it still pending in the batch being dispatched. */
	for (int i = 0; i < l->nbatch; i++)
		if (l->batch[i].data.ptr == io)
			l->batch[i].data.ptr = NULL;
}

/* ---- timers: a 0-based binary heap; t->slot is index + 1 ------------- */

static void
heap_set(struct ev_loop *l, size_t i, struct ev_timer *t)
{
	l->heap[i] = t;
	t->slot = i + 1;
}

static void
sift_up(struct ev_loop *l, size_t i)
{
	struct ev_timer *t = l->heap[i];
	while (i > 0) {
		size_t parent = (i - 1) / 2;
		if (l->heap[parent]->when <= t->when)
			break;
		heap_set(l, i, l->heap[parent]);
		i = parent;
	}
	heap_set(l, i, t);
}

static void
sift_down(struct ev_loop *l, size_t i)
{
	struct ev_timer *t = l->heap[i];
	for (;;) {
		size_t c = 2 * i + 1;
		if (c >= l->nheap)
			break;
		if (c + 1 < l->nheap && l->heap[c + 1]->when < l->heap[c]->when)
			c++;
		if (l->heap[c]->when >= t->when)
			break;
		heap_set(l, i, l->heap[c]);
		i = c;
	}
	heap_set(l, i, t);
}

void
ev_timer_init(struct ev_timer *t, ev_timer_cb *cb, void *data)
{
	t->when = 0;
	t->slot = 0;
	t->cb = cb;
	t->data = data;
}

void
ev_timer_stop(struct ev_loop *l, struct ev_timer *t)
{
	if (t->slot == 0)
		return;
	size_t i = t->slot - 1;
	t->slot = 0;
	struct ev_timer *last = l->heap[--l->nheap];
	if (last == t)
		return;
	heap_set(l, i, last);
	sift_up(l, i);
	sift_down(l, last->slot - 1);
}

int
ev_timer_start(struct ev_loop *l, struct ev_timer *t, uint64_t after_ms)
{
	ev_timer_stop(l, t);
	if (l->nheap == l->capheap) {
		size_t cap = l->capheap ? 2 * l->capheap : 64;
		struct ev_timer **h = realloc(l->heap, cap * sizeof *h);
		if (h == NULL)
			return -1;
		l->heap = h;
		l->capheap = cap;
	}
	t->when = l->now + after_ms;
	l->heap[l->nheap++] = t;
	sift_up(l, l->nheap - 1);
	return 0;
}

static void
run_timers(struct ev_loop *l)
{
	while (l->nheap > 0 && l->heap[0]->when <= l->now && !l->stop) {
		struct ev_timer *t = l->heap[0];
		ev_timer_stop(l, t);
		t->cb(l, t);
	}
}

static int
next_timeout(const struct ev_loop *l)
{
	if (l->nheap == 0)
		return -1;
	uint64_t w = l->heap[0]->when;
	if (w <= l->now)
		return 0;
	return w - l->now > 60000 ? 60000 : (int)(w - l->now);
}

/* ---- signals ---------------------------------------------------------- */

static void
on_signal(struct ev_loop *l, struct ev_io *io, uint32_t revents)
{
	struct signalfd_siginfo si;
	(void)revents;
	while (read(io->fd, &si, sizeof si) == (ssize_t)sizeof si)
		if (si.ssi_signo < EV_NSIG && l->sigcb[si.ssi_signo] != NULL)
			l->sigcb[si.ssi_signo](l, (int)si.ssi_signo,
			    l->sigdata[si.ssi_signo]);
}

int
ev_signal(struct ev_loop *l, int signo, ev_signal_cb *cb, void *data)
{
	if (signo <= 0 || signo >= EV_NSIG) {
		errno = EINVAL;
		return -1;
	}
	sigaddset(&l->sigs, signo);
	if (sigprocmask(SIG_BLOCK, &l->sigs, NULL) < 0)
		return -1;
	int fd = signalfd(l->sigio.fd, &l->sigs, SFD_NONBLOCK | SFD_CLOEXEC);
	if (fd < 0)
		return -1;
	if (l->sigio.fd < 0 && ev_io_start(l, &l->sigio, fd, EPOLLIN,
	    on_signal, NULL) < 0) {
		close(fd);
		return -1;
	}
	l->sigcb[signo] = cb;
	l->sigdata[signo] = data;
	return 0;
}

int
ev_run(struct ev_loop *l)
{
	struct epoll_event evs[EV_BATCH];

	l->stop = false;
	while (!l->stop) {
		int n = epoll_wait(l->epfd, evs, EV_BATCH, next_timeout(l));
		if (n < 0 && errno != EINTR)
			return -1;
		ev_now_update(l);
		l->batch = evs;
		l->nbatch = n > 0 ? n : 0;
		for (int i = 0; i < n && !l->stop; i++) {
			struct ev_io *io = evs[i].data.ptr;
			/* NULL: stopped by a callback earlier in this batch. */
			if (io != NULL)
				io->cb(l, io, evs[i].events);
		}
		l->nbatch = 0;
		run_timers(l);
	}
	return 0;
}
