/* pathdir.c: see pathdir.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "pathdir.h"

int
pathdir_init(struct pathdir *pd, const char *path)
{
	char dir[PATHDIR_MAX];
	const char *slash;

	pd->dirfd = -1;
	pd->base = pd->path;
	if (*path == '\0' || strlen(path) >= sizeof pd->path) {
		pd->path[0] = '\0';
		errno = ENAMETOOLONG;
		return -1;
	}
	strcpy(pd->path, path);
	slash = strrchr(pd->path, '/');
	pd->base = slash != NULL ? slash + 1 : pd->path;
	if (slash == pd->path)
		strcpy(dir, "/");
	else if (slash != NULL)
		snprintf(dir, sizeof dir, "%.*s", (int)(slash - pd->path),
		    pd->path);
	else
		strcpy(dir, ".");
	pd->dirfd = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	return pd->dirfd < 0 ? -1 : 0;
}

int
pathdir_open(const struct pathdir *pd, int flags, mode_t mode)
{
	if (pd->dirfd < 0)
		return open(pd->path, flags, mode);
	return openat(pd->dirfd, pd->base, flags, mode);
}

int
pathdir_stat(const struct pathdir *pd, struct stat *st)
{
	if (pd->dirfd < 0)
		return stat(pd->path, st);
	return fstatat(pd->dirfd, pd->base, st, 0);
}

int
pathdir_unlink(const struct pathdir *pd)
{
	if (pd->dirfd < 0)
		return unlink(pd->path);
	return unlinkat(pd->dirfd, pd->base, 0);
}

void
pathdir_close(struct pathdir *pd)
{
	if (pd->dirfd >= 0)
		close(pd->dirfd);
	pd->dirfd = -1;
}
