/*
 * testutil: the helpers every musl-addons test links instead of writing its
 * own.  Plain C11 + POSIX + Linux, so it builds in the glibc and the musl
 * flavour alike, and it does not depend on cmocka (tests may use it from a
 * bare main()).
 *
 *   Death tests  run a function in a forked child with stdout and stderr
 *                captured, and report how the child ended.
 *   Files        a private temporary directory, files written into it, and
 *                recursive removal.
 *   Namespaces   move the calling process into a fresh network namespace
 *                with only loopback up, so a test can bind port 53 or send
 *                multicast without touching the host's interfaces.
 *   Skips        meson counts exit status 77 as "skipped".
 *
 * Shell tests use the twin library tests/lib/testutil.sh.
 */
#ifndef TESTUTIL_H
#define TESTUTIL_H

#include <stddef.h>

/* Exit status that meson's test harness reports as SKIP. */
#define TU_EXIT_SKIP 77

/* How a child ended, and what it wrote. */
struct tu_child_result {
	int signal;		/* terminating signal, or 0 if it exited */
	int exit_code;		/* exit status, or -1 if killed by a signal */
	char out[8192];		/* captured stdout, NUL-terminated, truncated */
	char err[8192];		/* captured stderr, NUL-terminated, truncated */
};

/*
 * Run fn(arg) in a forked child with stdout and stderr captured and core
 * dumps disabled.  The child exits 0 when fn returns and is killed with
 * SIGALRM after timeout_s seconds (0 means 30).  Returns 0 and fills *res,
 * or -1 with errno set if the child could not be started.
 */
int tu_run_child(void (*fn)(void *), void *arg, unsigned timeout_s,
    struct tu_child_result *res);

/*
 * Death test: run fn(arg) as tu_run_child() does and check that the child
 * was killed by signal `sig` and, when err_substr is not NULL, that its
 * stderr contains err_substr.  Returns 1 on a match; otherwise prints what
 * happened instead to stderr and returns 0.  Use as
 * assert_true(tu_expect_death(...)) under cmocka.
 */
int tu_expect_death(void (*fn)(void *), void *arg, int sig,
    const char *err_substr);

/*
 * Check that fn(arg) runs to completion in a child (exit status 0, no
 * signal).  Returns 1 if so; otherwise prints what happened and returns 0.
 */
int tu_expect_survival(void (*fn)(void *), void *arg);

/*
 * Create a fresh directory under $TMPDIR (default /tmp) whose name starts
 * with `tag`.  Returns a malloc'd path, or NULL with errno set.
 */
char *tu_tmpdir(const char *tag);

/*
 * Write `len` bytes of `data` to dir/name (created or truncated, mode 0644).
 * If path_out is not NULL the full path is stored there (path_size bytes).
 * Returns 0, or -1 with errno set.
 */
int tu_write_file(const char *dir, const char *name, const void *data,
    size_t len, char *path_out, size_t path_size);

/* Remove path and everything below it.  Returns 0, or -1 with errno set. */
int tu_rm_rf(const char *path);

/*
 * Move the calling process into a new network namespace and bring its
 * loopback interface up.  Returns 0, or -1 with errno set (EPERM when not
 * privileged).  Threads created earlier stay in the old namespace.
 */
int tu_enter_netns(void);

/*
 * tu_enter_netns(), or exit(TU_EXIT_SKIP) with a message when namespaces are
 * unavailable (not root, or a kernel without CONFIG_NET_NS).
 */
void tu_enter_netns_or_skip(void);

#endif
