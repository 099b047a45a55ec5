/*
 * Per-call cost of the checked entry points against the plain libc
 * function, in one run: memcpy, strcpy, snprintf (flag 1, the
 * _FORTIFY_SOURCE=2 case) and read at 16/64/256/4096 bytes.  Both sides
 * are called through volatile function pointers so neither is inlined or
 * folded; each figure is the best of several rounds.  Prints ns/call and
 * the ratio checked/plain (1.00 = no overhead).
 *
 *   chk-bench [rounds]
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "chk.h"

#define ITERS_BYTES (256u << 20)	/* bytes moved per round, per size */

static char src[4096 + 1], dst[4096 + 1];
static int zero_fd;

typedef void (*op_fn)(size_t n);

static void *(*volatile p_memcpy)(void *, const void *, size_t) = memcpy;
static void *(*volatile c_memcpy)(void *, const void *, size_t, size_t) = __memcpy_chk;
static char *(*volatile p_strcpy)(char *, const char *) = strcpy;
static char *(*volatile c_strcpy)(char *, const char *, size_t) = __strcpy_chk;
static int (*volatile p_snprintf)(char *, size_t, const char *, ...) = snprintf;
static int (*volatile c_snprintf)(char *, size_t, int, size_t, const char *, ...) = __snprintf_chk;
static ssize_t (*volatile p_read)(int, void *, size_t) = read;
static ssize_t (*volatile c_read)(int, void *, size_t, size_t) = __read_chk;

/* The string sources: src holds n-1 non-NUL bytes then a NUL. */
static void
set_len(size_t n)
{
	memset(src, 'a', sizeof src);
	src[n - 1] = '\0';
}

static void plain_memcpy(size_t n) { p_memcpy(dst, src, n); }
static void chk_memcpy(size_t n) { c_memcpy(dst, src, n, sizeof dst); }
static void plain_strcpy(size_t n) { (void)n; p_strcpy(dst, src); }
static void chk_strcpy(size_t n) { (void)n; c_strcpy(dst, src, sizeof dst); }
static void plain_snprintf(size_t n) { p_snprintf(dst, n, "%s", src); }
static void chk_snprintf(size_t n) { c_snprintf(dst, n, 1, sizeof dst, "%s", src); }
static void plain_read(size_t n) { (void)!p_read(zero_fd, dst, n); }
static void chk_read(size_t n) { (void)!c_read(zero_fd, dst, n, sizeof dst); }

static double
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* Best-of-rounds ns per call. */
static double
measure(op_fn fn, size_t n, unsigned rounds, unsigned iters)
{
	double best = 1e30;

	for (unsigned r = 0; r < rounds; r++) {
		double t0 = now_ns(), dt;

		for (unsigned i = 0; i < iters; i++)
			fn(n);
		dt = (now_ns() - t0) / iters;
		if (dt < best)
			best = dt;
	}
	return best;
}

int
main(int argc, char **argv)
{
	static const struct {
		const char *name;
		op_fn plain, chk;
		unsigned scale;	/* fewer iterations for slow calls */
	} ops[] = {
		{"memcpy", plain_memcpy, chk_memcpy, 1},
		{"strcpy", plain_strcpy, chk_strcpy, 1},
		{"snprintf", plain_snprintf, chk_snprintf, 16},
		{"read", plain_read, chk_read, 16},
	};
	static const size_t sizes[] = {16, 64, 256, 4096};
	unsigned rounds = argc > 1 ? (unsigned)atoi(argv[1]) : 5;

	zero_fd = open("/dev/zero", O_RDONLY);
	if (zero_fd < 0 || rounds == 0) {
		perror("chk-bench: /dev/zero");
		return 1;
	}
	printf("%-9s %6s %12s %12s %7s\n", "function", "bytes", "plain ns", "chk ns", "ratio");
	for (size_t o = 0; o < sizeof ops / sizeof *ops; o++)
		for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
			size_t n = sizes[s];
			unsigned iters = ITERS_BYTES / (unsigned)n / ops[o].scale / 16;
			double a, b;

			if (iters < 20000)
				iters = 20000;
			set_len(n);
			/* Warm caches, page tables and the branch predictor. */
			measure(ops[o].plain, n, 1, iters);
			measure(ops[o].chk, n, 1, iters);
			/* Alternate plain and checked so drift (frequency,
			 * other load on the machine) hits both alike. */
			a = b = 1e30;
			for (int k = 0; k < 2; k++) {
				double pa = measure(ops[o].plain, n, rounds, iters);
				double pb = measure(ops[o].chk, n, rounds, iters);

				a = pa < a ? pa : a;
				b = pb < b ? pb : b;
			}
			printf("%-9s %6zu %12.1f %12.1f %7.2f\n", ops[o].name, n, a, b, b / a);
		}
	close(zero_fd);
	return 0;
}
