/*
 * Is a range in read-only memory?  glibc's __readonly_area (debug/
 * readonly-area.c) answers from /proc/self/maps: every mapping that
 * overlaps the range must be readable and not writable, and together they
 * must cover it.  Read with open/read into a stack buffer: this runs in the
 * middle of a printf and must not allocate or touch stdio.
 *
 * Fast path first: a format literal sits in a loaded object's read-only
 * PT_LOAD segment, which dl_iterate_phdr finds in well under a microsecond
 * where parsing /proc costs tens.  Anything else (RELRO, mmap'd files,
 * writable memory) goes to /proc, whose answer is the reference.
 */
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "chk.h"

struct area {
	uintptr_t lo, hi;	/* the range asked about */
	size_t left;		/* bytes not yet covered by read-only maps */
	int bad;		/* a writable or unreadable map overlaps */
};

static uintptr_t
hex(const char **p)
{
	uintptr_t v = 0;

	for (;; (*p)++) {
		char c = **p;

		if (c >= '0' && c <= '9')
			v = v * 16 + (uintptr_t)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v = v * 16 + (uintptr_t)(c - 'a' + 10);
		else
			return v;
	}
}

/* One "from-to perms ..." line. */
static void
account(struct area *a, const char *line)
{
	uintptr_t from, to;

	from = hex(&line);
	if (*line++ != '-')
		return;
	to = hex(&line);
	if (*line++ != ' ' || from >= a->hi || to <= a->lo)
		return;
	if (line[0] != 'r' || line[1] != '-') {
		a->bad = 1;
		return;
	}
	from = from > a->lo ? from : a->lo;
	to = to < a->hi ? to : a->hi;
	a->left -= to - from;
}

static void
scan_maps(int fd, struct area *a)
{
	char buf[4096];
	size_t have = 0;
	ssize_t n;

	while (!a->bad && a->left > 0 &&
	    (n = read(fd, buf + have, sizeof buf - 1 - have)) > 0) {
		char *line = buf, *nl;

		have += (size_t)n;
		buf[have] = '\0';
		while (!a->bad && a->left > 0 && (nl = strchr(line, '\n'))) {
			*nl = '\0';
			account(a, line);
			line = nl + 1;
		}
		have -= (size_t)(line - buf);
		memmove(buf, line, have);
		if (have == sizeof buf - 1)
			have = 0;	/* an absurd line: drop it */
	}
}

struct span {
	uintptr_t lo, hi;
	int inside;
};

static int
in_ro_segment(struct dl_phdr_info *info, size_t size, void *arg)
{
	struct span *q = arg;

	(void)size;
	for (size_t i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		uintptr_t start = info->dlpi_addr + ph->p_vaddr;

		if (ph->p_type == PT_LOAD && !(ph->p_flags & PF_W) &&
		    q->lo >= start && q->hi <= start + ph->p_memsz) {
			q->inside = 1;
			return 1;
		}
	}
	return 0;
}

int
chk_readonly_area(const void *p, size_t len)
{
	struct area a = { (uintptr_t)p, (uintptr_t)p + len, len, 0 };
	struct span q = { (uintptr_t)p, (uintptr_t)p + len, 0 };
	int fd;

	dl_iterate_phdr(in_ro_segment, &q);
	if (q.inside)
		return 1;
	fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC);

	/* No /proc (a chroot): glibc lets %n through rather than fail. */
	if (fd < 0)
		return errno == ENOENT || errno == EACCES ? 1 : -1;
	scan_maps(fd, &a);
	close(fd);
	return !a.bad && a.left == 0 ? 1 : -1;
}
