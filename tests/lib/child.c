/* Death tests: run a function in a child and capture how it ended. */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testutil.h"

/* Drain both pipes until EOF so a chatty child never blocks on a full pipe. */
static void
drain(int out_fd, int err_fd, struct tu_child_result *res)
{
	struct pollfd pfd[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
	char *buf[2] = {res->out, res->err};
	size_t used[2] = {0, 0};
	size_t cap[2] = {sizeof res->out - 1, sizeof res->err - 1};
	int open_count = 2;

	while (open_count > 0) {
		if (poll(pfd, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (int i = 0; i < 2; i++) {
			char scratch[512];
			ssize_t n;

			if (pfd[i].fd < 0 || !(pfd[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			n = read(pfd[i].fd, scratch, sizeof scratch);
			if (n <= 0) {
				pfd[i].fd = -1;
				open_count--;
				continue;
			}
			/* Keep what fits; the rest is read and dropped. */
			size_t keep = cap[i] - used[i] < (size_t)n ? cap[i] - used[i] : (size_t)n;
			memcpy(buf[i] + used[i], scratch, keep);
			used[i] += keep;
		}
	}
	res->out[used[0]] = '\0';
	res->err[used[1]] = '\0';
}

int
tu_run_child(void (*fn)(void *), void *arg, unsigned timeout_s,
    struct tu_child_result *res)
{
	int out_pipe[2], err_pipe[2], status;
	pid_t pid;

	memset(res, 0, sizeof *res);
	if (pipe(out_pipe) < 0)
		return -1;
	if (pipe(err_pipe) < 0) {
		close(out_pipe[0]);
		close(out_pipe[1]);
		return -1;
	}
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		int saved = errno;
		close(out_pipe[0]); close(out_pipe[1]);
		close(err_pipe[0]); close(err_pipe[1]);
		errno = saved;
		return -1;
	}
	if (pid == 0) {
		struct rlimit no_core = {0, 0};

		/* A death test that dumps core fills the disk and slows CI. */
		setrlimit(RLIMIT_CORE, &no_core);
		dup2(out_pipe[1], STDOUT_FILENO);
		dup2(err_pipe[1], STDERR_FILENO);
		close(out_pipe[0]); close(out_pipe[1]);
		close(err_pipe[0]); close(err_pipe[1]);
		signal(SIGALRM, SIG_DFL);
		alarm(timeout_s ? timeout_s : 30);
		fn(arg);
		fflush(NULL);
		_exit(0);
	}
	close(out_pipe[1]);
	close(err_pipe[1]);
	drain(out_pipe[0], err_pipe[0], res);
	close(out_pipe[0]);
	close(err_pipe[0]);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (WIFSIGNALED(status)) {
		res->signal = WTERMSIG(status);
		res->exit_code = -1;
	} else {
		res->exit_code = WEXITSTATUS(status);
	}
	return 0;
}

static void
describe(const char *want, const struct tu_child_result *res)
{
	if (res->signal)
		fprintf(stderr, "expected %s; child was killed by signal %d (%s)\n",
		    want, res->signal, strsignal(res->signal));
	else
		fprintf(stderr, "expected %s; child exited with status %d\n",
		    want, res->exit_code);
	if (res->err[0])
		fprintf(stderr, "child stderr:\n%s\n", res->err);
}

int
tu_expect_death(void (*fn)(void *), void *arg, int sig, const char *err_substr)
{
	struct tu_child_result res;
	char want[128];

	if (tu_run_child(fn, arg, 0, &res) < 0) {
		perror("tu_expect_death: cannot start child");
		return 0;
	}
	snprintf(want, sizeof want, "death by signal %d (%s)", sig, strsignal(sig));
	if (res.signal != sig) {
		describe(want, &res);
		return 0;
	}
	if (err_substr && !strstr(res.err, err_substr)) {
		fprintf(stderr, "child died by signal %d as expected, but its stderr "
		    "lacks \"%s\":\n%s\n", sig, err_substr, res.err);
		return 0;
	}
	return 1;
}

int
tu_expect_survival(void (*fn)(void *), void *arg)
{
	struct tu_child_result res;

	if (tu_run_child(fn, arg, 0, &res) < 0) {
		perror("tu_expect_survival: cannot start child");
		return 0;
	}
	if (res.signal || res.exit_code != 0) {
		describe("a normal exit", &res);
		return 0;
	}
	return 1;
}
