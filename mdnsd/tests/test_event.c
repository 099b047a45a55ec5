/* test_event.c: the event loop (event.h): timer order, stop/restart,
 * descriptors, freeing a watcher from a callback, signals. */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>
#include <cmocka.h>

#include "event.h"

static int order[64], norder;

static void
record(struct ev_loop *l, struct ev_timer *t)
{
	order[norder++] = (int)(intptr_t)t->data;
	if (norder == 5)
		ev_break(l);
}

static void
test_timer_order(void **state)
{
	struct ev_loop *l = ev_loop_new();
	struct ev_timer t[6];
	const int delay[6] = { 30, 10, 50, 20, 40, 15 };
	(void)state;

	norder = 0;
	for (int i = 0; i < 6; i++) {
		ev_timer_init(&t[i], record, (void *)(intptr_t)i);
		assert_int_equal(ev_timer_start(l, &t[i], (uint64_t)delay[i]), 0);
	}
	ev_timer_stop(l, &t[5]);		/* 15 ms: never fires */
	ev_timer_stop(l, &t[5]);		/* twice is harmless */
	assert_false(ev_timer_active(&t[5]));
	ev_timer_start(l, &t[2], 1);		/* moved to the front */
	uint64_t t0 = ev_now(l);
	assert_int_equal(ev_run(l), 0);
	assert_int_equal(norder, 5);
	const int want[5] = { 2, 1, 3, 0, 4 };
	for (int i = 0; i < 5; i++)
		assert_int_equal(order[i], want[i]);
	assert_true(ev_now(l) - t0 >= 40);
	ev_loop_free(l);
}

static int rearm_count;

static void
rearm(struct ev_loop *l, struct ev_timer *t)
{
	assert_false(ev_timer_active(t));
	if (++rearm_count < 3)
		ev_timer_start(l, t, 1);
	else
		ev_break(l);
}

static void
test_timer_restart_in_callback(void **state)
{
	struct ev_loop *l = ev_loop_new();
	struct ev_timer t;
	(void)state;

	ev_timer_init(&t, rearm, NULL);
	ev_timer_start(l, &t, 0);
	ev_run(l);
	assert_int_equal(rearm_count, 3);
	ev_loop_free(l);
}

/* Many timers in random order come out sorted. */
static uint64_t last_when;
static int fired;

static void
check_sorted(struct ev_loop *l, struct ev_timer *t)
{
	assert_true(t->when >= last_when);
	last_when = t->when;
	if (++fired == 200)
		ev_break(l);
}

static void
test_timer_heap(void **state)
{
	struct ev_loop *l = ev_loop_new();
	struct ev_timer *t = calloc(300, sizeof *t);
	(void)state;

	srand(7);
	for (int i = 0; i < 300; i++) {
		ev_timer_init(&t[i], check_sorted, NULL);
		ev_timer_start(l, &t[i], (uint64_t)(rand() % 30));
	}
	for (int i = 0; i < 300; i += 3)
		ev_timer_stop(l, &t[i]);
	ev_run(l);
	assert_int_equal(fired, 200);
	free(t);
	ev_loop_free(l);
}

struct pair {
	struct ev_io io[2];
	int fds[2][2];
	int calls;
};

/* Whichever pipe fires first stops (and could free) the other watcher:
 * the other's queued event must not be delivered. */
static void
on_read(struct ev_loop *l, struct ev_io *io, uint32_t revents)
{
	struct pair *p = io->data;
	assert_true(revents & EPOLLIN);
	p->calls++;
	ev_io_stop(l, &p->io[0]);
	ev_io_stop(l, &p->io[1]);
	ev_break(l);
}

static void
test_io_stop_in_batch(void **state)
{
	struct ev_loop *l = ev_loop_new();
	struct pair p = { .calls = 0 };
	(void)state;

	for (int i = 0; i < 2; i++) {
		assert_int_equal(pipe(p.fds[i]), 0);
		assert_int_equal(write(p.fds[i][1], "x", 1), 1);
		assert_int_equal(ev_io_start(l, &p.io[i], p.fds[i][0], EPOLLIN,
		    on_read, &p), 0);
	}
	ev_run(l);
	assert_int_equal(p.calls, 1);
	assert_int_equal(p.io[0].fd, -1);
	assert_int_equal(ev_io_start(l, &p.io[0], -5, EPOLLIN, on_read, &p),
	    -1);
	for (int i = 0; i < 2; i++) {
		close(p.fds[i][0]);
		close(p.fds[i][1]);
	}
	ev_loop_free(l);
}

static int got_sig;

static void
on_sig(struct ev_loop *l, int signo, void *data)
{
	(void)data;
	got_sig = signo;
	ev_break(l);
}

static void
test_signal(void **state)
{
	struct ev_loop *l = ev_loop_new();
	(void)state;

	assert_int_equal(ev_signal(l, SIGUSR2, on_sig, NULL), 0);
	assert_int_equal(ev_signal(l, 0, on_sig, NULL), -1);
	raise(SIGUSR2);
	ev_run(l);
	assert_int_equal(got_sig, SIGUSR2);
	ev_loop_free(l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_timer_order),
		cmocka_unit_test(test_timer_restart_in_callback),
		cmocka_unit_test(test_timer_heap),
		cmocka_unit_test(test_io_stop_in_batch),
		cmocka_unit_test(test_signal),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
