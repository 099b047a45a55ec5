/* Temporary directories and files for tests. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"

char *
tu_tmpdir(const char *tag)
{
	const char *base = getenv("TMPDIR");
	char *path;

	if (!base || !*base)
		base = "/tmp";
	if (asprintf(&path, "%s/%s.XXXXXX", base, tag) < 0)
		return NULL;
	if (!mkdtemp(path)) {
		int saved = errno;
		free(path);
		errno = saved;
		return NULL;
	}
	return path;
}

int
tu_write_file(const char *dir, const char *name, const void *data, size_t len,
    char *path_out, size_t path_size)
{
	char path[4096];
	const char *p = data;
	int fd;

	if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, name) >= sizeof path) {
		errno = ENAMETOOLONG;
		return -1;
	}
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return -1;
	while (len > 0) {
		ssize_t n = write(fd, p, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			int saved = errno;
			close(fd);
			errno = saved;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	if (close(fd) < 0)
		return -1;
	if (path_out && (size_t)snprintf(path_out, path_size, "%s", path) >= path_size) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

static int
remove_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st; (void)type; (void)ftw;
	return remove(path);
}

int
tu_rm_rf(const char *path)
{
	/* FTW_DEPTH: children before their directory; FTW_PHYS: never follow links. */
	return nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}
