/*
 * sysfs.c: read small sysfs files and parse the kernel's list formats
 * without allocating (this runs inside malloc's initialisation).
 */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "numa_internal.h"

/* Decimal digits of v into buf (no NUL); returns their count. */
static size_t fmt_uint(char *buf, unsigned v)
{
	char tmp[10];
	size_t n = 0;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	for (size_t i = 0; i < n; i++)
		buf[i] = tmp[n - 1 - i];
	return n;
}

/* root + "/" + name with one optional %u; no snprintf (it pulls in
 * stdio, which may allocate). */
static int build_path(char *out, size_t size, const char *root,
    const char *name, unsigned node)
{
	size_t n = 0;
	char digits[12];

	for (const char *s = root; *s != '\0'; s++)
		if (n + 1 < size)
			out[n++] = *s;
		else
			return -1;
	if (n + 1 >= size)
		return -1;
	out[n++] = '/';
	for (const char *s = name; *s != '\0'; s++) {
		if (s[0] == '%' && s[1] == 'u') {
			size_t d = fmt_uint(digits, node);

			for (size_t i = 0; i < d; i++)
				if (n + 1 < size)
					out[n++] = digits[i];
				else
					return -1;
			s++;
		} else if (n + 1 < size) {
			out[n++] = *s;
		} else {
			return -1;
		}
	}
	out[n] = '\0';
	return 0;
}

long na_sysfs_read(const char *root, const char *name, unsigned node,
    char *buf, size_t size)
{
	char path[256];
	size_t len = 0;
	int fd;

	if (build_path(path, sizeof path, root, name, node) != 0) {
		errno = ENAMETOOLONG;
		return -1;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	for (;;) {
		ssize_t r = read(fd, buf + len, size - 1 - len);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			int e = errno;

			close(fd);
			if (r < 0) {
				errno = e;
				return -1;
			}
			break;
		}
		len += (size_t)r;
		if (len == size - 1) {
			close(fd);
			errno = ENAMETOOLONG;	/* would be truncated */
			return -1;
		}
	}
	buf[len] = '\0';
	return (long)len;
}

static const char *parse_uint(const char *s, unsigned *v)
{
	unsigned long x = 0;

	if (*s < '0' || *s > '9')
		return NULL;
	while (*s >= '0' && *s <= '9') {
		x = x * 10 + (unsigned long)(*s - '0');
		if (x > 0xffffffu)
			return NULL;
		s++;
	}
	*v = (unsigned)x;
	return s;
}

int na_parse_list(const char *s, unsigned limit,
    void (*fn)(void *ctx, unsigned id), void *ctx)
{
	while (*s != '\0' && *s != '\n') {
		unsigned lo, hi;

		s = parse_uint(s, &lo);
		if (s == NULL)
			goto bad;
		hi = lo;
		if (*s == '-' && (s = parse_uint(s + 1, &hi)) == NULL)
			goto bad;
		if (hi < lo || hi >= limit)
			goto bad;
		for (unsigned id = lo; id <= hi; id++)
			fn(ctx, id);
		if (*s == ',' && s[1] != '\0' && s[1] != '\n')
			s++;
		else if (*s != '\0' && *s != '\n')
			goto bad;
	}
	if (*s == '\n' && s[1] != '\0')
		goto bad;
	return 0;
bad:
	errno = EINVAL;
	return -1;
}

static void mask_add(void *ctx, unsigned id)
{
	na_mask_set(ctx, id);
}

int na_parse_nodelist(const char *s, struct na_nodemask *m)
{
	return na_parse_list(s, NA_NUMA_MAX_NODE_IDS, mask_add, m);
}

int na_parse_distances(const char *s, uint16_t *out, unsigned max)
{
	unsigned n = 0;

	while (*s == ' ')
		s++;
	while (*s != '\0' && *s != '\n') {
		unsigned v;

		s = parse_uint(s, &v);
		if (s == NULL || v > 0xfffe || n == max)
			goto bad;
		out[n++] = (uint16_t)v;
		if (*s == ' ')
			while (*s == ' ')
				s++;
		else if (*s != '\0' && *s != '\n')
			goto bad;
	}
	return (int)n;
bad:
	errno = EINVAL;
	return -1;
}

unsigned na_mask_count(const struct na_nodemask *m)
{
	unsigned c = 0;

	for (unsigned i = 0; i < NA_NUMA_MASK_WORDS; i++)
		c += (unsigned)__builtin_popcountll(m->w[i]);
	return c;
}
