/*
 * pathdir.h: a file named by path, reached through a descriptor of its
 * directory.  The descriptor is opened at start-up, as root and before
 * chroot, so hosts files, the upstream resolv-conf file and the pidfile
 * stay reachable (re-read, re-created by rename, removed) afterwards.
 * Without the descriptor (the directory could not be opened) the path is
 * used as it is.
 */
#ifndef MDNSD_PATHDIR_H
#define MDNSD_PATHDIR_H

#include <sys/stat.h>
#include <sys/types.h>

#define PATHDIR_MAX	256	/* octets of a path, NUL included */

struct pathdir {
	char path[PATHDIR_MAX];		/* as configured */
	const char *base;		/* its last component, in path */
	int dirfd;			/* O_PATH, or -1: use path */
};

/*
 * Remember path and open its directory.  Returns 0; -1 with errno when the
 * path is too long or empty (pd unusable), or when the directory cannot
 * be opened (pd still works through the path; dirfd is -1).
 */
int pathdir_init(struct pathdir *pd, const char *path);

/* open(2), stat(2) and unlink(2) of the file, as described above. */
int pathdir_open(const struct pathdir *pd, int flags, mode_t mode);
int pathdir_stat(const struct pathdir *pd, struct stat *st);
int pathdir_unlink(const struct pathdir *pd);

/* Close the directory descriptor. */
void pathdir_close(struct pathdir *pd);

#endif
