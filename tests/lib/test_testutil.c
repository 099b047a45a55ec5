/*
 * The shared helpers are what every death test trusts, so they are tested
 * first: a helper that reported every child as dead would make every
 * death test pass.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <net/if.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "testutil.h"

static void
abort_with_message(void *arg)
{
	fputs((const char *)arg, stderr);
	abort();
}

static void
return_normally(void *arg)
{
	puts((const char *)arg);
}

static void
exit_with_status_3(void *arg)
{
	(void)arg;
	exit(3);
}

static void
hang(void *arg)
{
	(void)arg;
	for (;;)
		pause();
}

static void
death_detected_with_message(void **state)
{
	(void)state;
	assert_true(tu_expect_death(abort_with_message, "boom: it broke\n",
	    SIGABRT, "it broke"));
}

static void
death_rejects_wrong_signal_or_message(void **state)
{
	(void)state;
	assert_false(tu_expect_death(abort_with_message, "boom\n", SIGSEGV, NULL));
	assert_false(tu_expect_death(abort_with_message, "boom\n", SIGABRT, "other"));
	assert_false(tu_expect_death(return_normally, "fine", SIGABRT, NULL));
	assert_false(tu_expect_death(exit_with_status_3, NULL, SIGABRT, NULL));
}

static void
survival_and_capture(void **state)
{
	struct tu_child_result res;

	(void)state;
	assert_true(tu_expect_survival(return_normally, "hello"));
	assert_false(tu_expect_survival(exit_with_status_3, NULL));
	assert_int_equal(tu_run_child(return_normally, "captured", 0, &res), 0);
	assert_string_equal(res.out, "captured\n");
	assert_int_equal(res.exit_code, 0);
	assert_int_equal(res.signal, 0);
}

static void
hung_child_is_killed(void **state)
{
	struct tu_child_result res;

	(void)state;
	assert_int_equal(tu_run_child(hang, NULL, 1, &res), 0);
	assert_int_equal(res.signal, SIGALRM);
}

static void
files_round_trip(void **state)
{
	char path[4096], buf[64];
	char *dir = tu_tmpdir("testutil");
	struct stat st;
	int fd;

	(void)state;
	assert_non_null(dir);
	assert_int_equal(tu_write_file(dir, "a.txt", "abc\n", 4, path, sizeof path), 0);
	fd = open(path, O_RDONLY);
	assert_true(fd >= 0);
	assert_int_equal(read(fd, buf, sizeof buf), 4);
	close(fd);
	assert_memory_equal(buf, "abc\n", 4);
	assert_int_equal(tu_write_file(dir, "no/such/dir", "x", 1, NULL, 0), -1);
	assert_int_equal(tu_rm_rf(dir), 0);
	assert_int_equal(stat(dir, &st), -1);
	free(dir);
}

static void
netns_isolates(void **state)
{
	(void)state;
	if (geteuid() != 0)
		skip();
	/* A new namespace has exactly one interface, loopback, and it is up. */
	assert_int_equal(tu_enter_netns(), 0);
	struct if_nameindex *ifs = if_nameindex();
	assert_non_null(ifs);
	assert_string_equal(ifs[0].if_name, "lo");
	assert_null(ifs[1].if_name);
	if_freenameindex(ifs);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(death_detected_with_message),
		cmocka_unit_test(death_rejects_wrong_signal_or_message),
		cmocka_unit_test(survival_and_capture),
		cmocka_unit_test(hung_child_is_killed),
		cmocka_unit_test(files_round_trip),
		cmocka_unit_test(netns_isolates),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
