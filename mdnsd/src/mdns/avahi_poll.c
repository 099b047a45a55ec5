/*
 * AvahiPoll over event.h; see avahi_poll.h.  Avahi gives timeouts as
 * absolute gettimeofday() times and may free a watch or timeout from
 * inside its own callback, which event.h allows.
 */
#include <stdlib.h>
#include <sys/time.h>

#include "avahi_poll.h"

struct AvahiWatch {
	struct ev_loop *loop;
	struct ev_io io;
	AvahiWatchEvent want, got;
	AvahiWatchCallback cb;
	void *userdata;
};

struct AvahiTimeout {
	struct ev_loop *loop;
	struct ev_timer timer;
	AvahiTimeoutCallback cb;
	void *userdata;
};

static uint32_t
to_epoll(AvahiWatchEvent e)
{
	return (e & AVAHI_WATCH_IN ? EPOLLIN : 0) |
	    (e & AVAHI_WATCH_OUT ? EPOLLOUT : 0);
}

static AvahiWatchEvent
from_epoll(uint32_t e)
{
	return (e & EPOLLIN ? AVAHI_WATCH_IN : 0) |
	    (e & EPOLLOUT ? AVAHI_WATCH_OUT : 0) |
	    (e & EPOLLERR ? AVAHI_WATCH_ERR : 0) |
	    (e & EPOLLHUP ? AVAHI_WATCH_HUP : 0);
}

static void
on_io(struct ev_loop *loop, struct ev_io *io, uint32_t revents)
{
	AvahiWatch *w = io->data;

	(void)loop;
	w->got = from_epoll(revents);
	/* The callback may free w: touch nothing after it. */
	w->cb(w, io->fd, w->got, w->userdata);
}

static AvahiWatch *
watch_new(const AvahiPoll *api, int fd, AvahiWatchEvent event,
    AvahiWatchCallback cb, void *userdata)
{
	AvahiWatch *w = calloc(1, sizeof *w);

	if (!w)
		return NULL;
	w->loop = api->userdata;
	w->want = event;
	w->cb = cb;
	w->userdata = userdata;
	if (ev_io_start(w->loop, &w->io, fd, to_epoll(event), on_io, w) < 0) {
		free(w);
		return NULL;
	}
	return w;
}

static void
watch_update(AvahiWatch *w, AvahiWatchEvent event)
{
	w->want = event;
	ev_io_modify(w->loop, &w->io, to_epoll(event));
}

static AvahiWatchEvent
watch_get_events(AvahiWatch *w)
{
	return w->got;
}

static void
watch_free(AvahiWatch *w)
{
	ev_io_stop(w->loop, &w->io);
	free(w);
}

static void
on_timer(struct ev_loop *loop, struct ev_timer *t)
{
	AvahiTimeout *to = t->data;

	(void)loop;
	to->cb(to, to->userdata);
}

static void
timeout_update(AvahiTimeout *t, const struct timeval *tv)
{
	struct timeval now;
	int64_t ms;

	if (!tv) {
		ev_timer_stop(t->loop, &t->timer);
		return;
	}
	gettimeofday(&now, NULL);
	ms = ((int64_t)tv->tv_sec - now.tv_sec) * 1000 +
	    ((int64_t)tv->tv_usec - now.tv_usec + 999) / 1000;
	ev_timer_start(t->loop, &t->timer, ms > 0 ? (uint64_t)ms : 0);
}

static AvahiTimeout *
timeout_new(const AvahiPoll *api, const struct timeval *tv,
    AvahiTimeoutCallback cb, void *userdata)
{
	AvahiTimeout *t = calloc(1, sizeof *t);

	if (!t)
		return NULL;
	t->loop = api->userdata;
	t->cb = cb;
	t->userdata = userdata;
	ev_timer_init(&t->timer, on_timer, t);
	timeout_update(t, tv);
	return t;
}

static void
timeout_free(AvahiTimeout *t)
{
	ev_timer_stop(t->loop, &t->timer);
	free(t);
}

void
avahi_ev_poll_init(AvahiPoll *api, struct ev_loop *loop)
{
	api->userdata = loop;
	api->watch_new = watch_new;
	api->watch_update = watch_update;
	api->watch_get_events = watch_get_events;
	api->watch_free = watch_free;
	api->timeout_new = timeout_new;
	api->timeout_update = timeout_update;
	api->timeout_free = timeout_free;
}
