/*
 * error.c: fatal errors and warnings.  Heap corruption must not be
 * reported through stdio (which allocates and may itself be corrupt), so
 * messages are assembled on the stack and written with write(2).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "numalloc_internal.h"

size_t na_fmt_u64(char *buf, uint64_t v, unsigned base)
{
	char tmp[24];
	size_t n = 0, i;

	do {
		tmp[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v != 0);
	for (i = 0; i < n; i++)
		buf[i] = tmp[n - 1 - i];
	buf[n] = '\0';
	return n;
}

void na_write_str(int fd, const char *s)
{
	size_t len = strlen(s);

	while (len > 0) {
		ssize_t w = write(fd, s, len);
		if (w <= 0)
			return;
		s += w;
		len -= (size_t)w;
	}
}

_Noreturn void na_fatal(const char *fn, const char *msg, const void *ptr)
{
	char line[256], num[24];
	size_t n = 0, len;

	const char *parts[] = { "numalloc: ", fn, ": ", msg, " (pointer 0x",
	    NULL };
	for (int i = 0; parts[i] != NULL; i++) {
		len = strlen(parts[i]);
		if (n + len > sizeof line - 40)
			len = sizeof line - 40 - n;
		memcpy(line + n, parts[i], len);
		n += len;
	}
	len = na_fmt_u64(num, (uintptr_t)ptr, 16);
	memcpy(line + n, num, len);
	n += len;
	memcpy(line + n, ")\n", 3);
	na_write_str(2, line);
	abort();
}

void na_warn(const char *msg)
{
	if (!na_opt.verbose)
		return;
	na_write_str(2, "numalloc: warning: ");
	na_write_str(2, msg);
	na_write_str(2, "\n");
}

#ifdef NA_DEBUG
void na_assert_fail(const char *expr, const char *file, int line)
{
	char num[24];

	na_fmt_u64(num, (uint64_t)line, 10);
	na_write_str(2, "numalloc: assertion failed: ");
	na_write_str(2, expr);
	na_write_str(2, " at ");
	na_write_str(2, file);
	na_write_str(2, ":");
	na_write_str(2, num);
	na_write_str(2, "\n");
	abort();
}
#endif
