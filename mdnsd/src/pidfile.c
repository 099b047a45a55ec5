/* pidfile.c: see pidfile.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "pathdir.h"
#include "pidfile.h"

static struct pathdir pid_path = { .dirfd = -1 };
static int pid_fd = -1;

/* Another process holds the lock: say which, from what it wrote. */
static void
already_running(const char *path)
{
	char pid[32];
	ssize_t n = pread(pid_fd, pid, sizeof pid - 1, 0);

	pid[n > 0 ? n : 0] = '\0';
	pid[strcspn(pid, "\n")] = '\0';
	log_err("pidfile %s: already running (pid %s)", path,
	    pid[0] ? pid : "?");
}

/* 1 when pid_fd is still the file at the path, 0 when that was removed
 * or replaced (an exiting mdnsd unlinks it while holding the lock). */
static int
locked_file_is_current(void)
{
	struct stat mine, there;

	return fstat(pid_fd, &mine) == 0 &&
	    pathdir_stat(&pid_path, &there) == 0 &&
	    mine.st_dev == there.st_dev && mine.st_ino == there.st_ino;
}

int
pidfile_open(const char *path)
{
	if (pathdir_init(&pid_path, path) < 0 && pid_path.path[0] == '\0') {
		log_err("pidfile %s: %s", path, strerror(errno));
		return -1;
	}
	/* Retry while the file we locked turns out to be one an exiting
	 * instance has just removed: a lock on it would exclude nobody. */
	for (int tries = 0; tries < 8; tries++) {
		pid_fd = pathdir_open(&pid_path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
		if (pid_fd < 0) {
			log_err("pidfile %s: %s", path, strerror(errno));
			return -1;
		}
		if (flock(pid_fd, LOCK_EX | LOCK_NB) < 0) {
			if (errno == EWOULDBLOCK)
				already_running(path);
			else
				log_err("pidfile %s: lock: %s", path, strerror(errno));
			close(pid_fd);
			pid_fd = -1;
			return -1;
		}
		if (locked_file_is_current())
			return 0;
		close(pid_fd);
	}
	pid_fd = -1;
	log_err("pidfile %s: replaced while being locked, again and again", path);
	return -1;
}

int
pidfile_write(void)
{
	char buf[32];
	int len = snprintf(buf, sizeof buf, "%ld\n", (long)getpid());

	if (pid_fd < 0)
		return 0;
	if (ftruncate(pid_fd, 0) < 0 ||
	    pwrite(pid_fd, buf, (size_t)len, 0) != len) {
		log_err("pidfile %s: %s", pid_path.path, strerror(errno));
		return -1;
	}
	return 0;
}

void
pidfile_remove(void)
{
	if (pid_fd < 0)
		return;
	/* Remove only our own file, not one put there since. */
	if (!locked_file_is_current() || pathdir_unlink(&pid_path) < 0)
		(void)ftruncate(pid_fd, 0);
	close(pid_fd);
	pathdir_close(&pid_path);
	pid_fd = -1;
}
