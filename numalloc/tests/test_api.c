/*
 * test_api.c: the malloc API's contract - sizes, size classes, alignment,
 * realloc edge cases, errno and zero-size behaviour (musl's), statistics
 * and options.
 */
#include "natest.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

static void fill(unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)(seed + i * 7);
}

static int check(const unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != (unsigned char)(seed + i * 7))
			return 0;
	return 1;
}

static void test_zero_size(void **state)
{
	(void)state;
	void *a = T(malloc)(0), *b = T(malloc)(0);
	assert_non_null(a);
	assert_non_null(b);
	assert_ptr_not_equal(a, b);
	void *c = T(realloc)(a, 0);	/* musl: a unique block, a freed */
	assert_non_null(c);
	void *d = T(calloc)(0, 5);
	assert_non_null(d);
	T(free)(b);
	T(free)(c);
	T(free)(d);
	T(free)(NULL);
}

static void test_size_classes(void **state)
{
	(void)state;
	/* Every size up to 8 KiB, then a sweep to 3 MiB: usable >= asked,
	 * 16-byte aligned, waste below 20 % above 128 B (small classes). */
	for (size_t n = 1; n < 3 * 1024 * 1024; n += n < 8192 ? 1 : n / 7) {
		unsigned char *p = T(malloc)(n);
		assert_non_null(p);
		assert_int_equal((uintptr_t)p % 16, 0);
		size_t u = T(malloc_usable_size)(p);
		assert_true(u >= n);
		if (n > 128 && n <= 256 * 1024)
			assert_true((double)(u - n) < 0.2 * (double)u);
		if (n <= 128)
			assert_true(u - n < 16);
		p[0] = 1;
		p[n - 1] = 2;
		T(free)(p);
	}
}

static void test_many_live(void **state)
{
	(void)state;
	enum { N = 20000 };
	static unsigned char *ptr[N];
	for (unsigned i = 0; i < N; i++) {
		size_t n = 1 + (i * 2654435761u) % 3000;
		ptr[i] = T(malloc)(n);
		assert_non_null(ptr[i]);
		fill(ptr[i], n, i);
	}
	for (unsigned i = 0; i < N; i += 2) {
		size_t n = 1 + (i * 2654435761u) % 3000;
		assert_true(check(ptr[i], n, i));
		T(free)(ptr[i]);
	}
	for (unsigned i = 1; i < N; i += 2) {
		size_t n = 1 + (i * 2654435761u) % 3000;
		assert_true(check(ptr[i], n, i));
		T(free)(ptr[i]);
	}
}

static void test_alignment(void **state)
{
	(void)state;
	for (size_t al = 1; al <= 8 * 1024 * 1024; al <<= 1) {
		size_t sizes[] = { 1, al, al + 1, 3 * al / 2 + 5, 100000 };
		for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
			unsigned char *p = T(aligned_alloc)(al, sizes[i]);
			assert_non_null(p);
			assert_int_equal((uintptr_t)p % al, 0);
			assert_true(T(malloc_usable_size)(p) >= sizes[i]);
			memset(p, 0xab, sizes[i]);
			T(free)(p);
		}
		void *q = T(memalign)(al, 33);
		assert_non_null(q);
		assert_int_equal((uintptr_t)q % al, 0);
		T(free_aligned_sized)(q, al, 33);
	}
	void *v = T(valloc)(10), *pv = T(pvalloc)(10);
	assert_int_equal((uintptr_t)v % 4096, 0);
	assert_int_equal((uintptr_t)pv % 4096, 0);
	assert_true(T(malloc_usable_size)(pv) >= 4096);
	T(free)(v);
	T(free)(pv);
}

static void test_align_errors(void **state)
{
	(void)state;
	void *p = (void *)0x1234;
	errno = 0;
	assert_null(T(aligned_alloc)(24, 100));
	assert_int_equal(errno, EINVAL);
	errno = 0;
	assert_null(T(aligned_alloc)(0, 100));
	assert_int_equal(errno, EINVAL);
	/* posix_memalign returns the error and leaves *res alone. */
	assert_int_equal(T(posix_memalign)(&p, 4, 16), EINVAL);
	assert_int_equal(T(posix_memalign)(&p, 48, 16), EINVAL);
	assert_ptr_equal(p, (void *)0x1234);
	assert_int_equal(T(posix_memalign)(&p, 64, SIZE_MAX / 2), ENOMEM);
	assert_ptr_equal(p, (void *)0x1234);
	assert_int_equal(T(posix_memalign)(&p, 256, 1000), 0);
	assert_int_equal((uintptr_t)p % 256, 0);
	T(free)(p);
}

/* Hide a constant from the compiler, which would otherwise reject the
 * deliberately impossible sizes at compile time (alloc_size attributes). */
static size_t hide(size_t v)
{
	volatile size_t x = v;
	return x;
}

static void test_overflow(void **state)
{
	(void)state;
	size_t big[] = { SIZE_MAX, SIZE_MAX - 16, (size_t)PTRDIFF_MAX + 1,
	    (size_t)1 << 62 };
	for (size_t i = 0; i < sizeof big / sizeof *big; i++) {
		errno = 0;
		assert_null(T(malloc)(hide(big[i])));
		assert_int_equal(errno, ENOMEM);
		errno = 0;
		assert_null(T(aligned_alloc)(4096, big[i]));
		assert_int_equal(errno, ENOMEM);
		errno = 0;
		assert_null(T(pvalloc)(big[i]));
		assert_int_equal(errno, ENOMEM);
	}
	errno = 0;
	assert_null(T(calloc)(hide(SIZE_MAX / 2), 3));
	assert_int_equal(errno, ENOMEM);
	errno = 0;
	assert_null(T(calloc)(hide((size_t)1 << 32), (size_t)1 << 32));
	assert_int_equal(errno, ENOMEM);
	void *p = T(malloc)(10);
	errno = 0;
	assert_null(T(reallocarray)(p, hide(SIZE_MAX / 4), 8));
	assert_int_equal(errno, ENOMEM);
	errno = 0;
	assert_null(T(realloc)(p, hide(SIZE_MAX)));
	assert_int_equal(errno, ENOMEM);
	T(free)(p);	/* a failed realloc leaves the block alone */
}

static void test_calloc_clears(void **state)
{
	(void)state;
	/* Dirty blocks first, so calloc must really clear reused memory. */
	size_t sizes[] = { 24, 1000, 70000, 300000, 3000000 };
	for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
		unsigned char *d = T(malloc)(sizes[i]);
		memset(d, 0xff, sizes[i]);
		T(free)(d);
		unsigned char *z = T(calloc)(1, sizes[i]);
		assert_non_null(z);
		for (size_t j = 0; j < sizes[i]; j++)
			assert_int_equal(z[j], 0);
		T(free)(z);
	}
}

static void test_realloc_edges(void **state)
{
	(void)state;
	/* Grow through every kind of block, then shrink back. */
	size_t n = 1;
	unsigned char *p = T(realloc)(NULL, n);
	fill(p, n, 3);
	while (n < 6 * 1024 * 1024) {
		size_t m = n * 3 / 2 + 1;
		unsigned char *q = T(realloc)(p, m);
		assert_non_null(q);
		assert_true(check(q, n, 3));
		fill(q, m, 3);
		p = q;
		n = m;
	}
	while (n > 1) {
		size_t m = n / 3;
		unsigned char *q = T(realloc)(p, m);
		assert_non_null(q);
		assert_true(check(q, m, 3));
		p = q;
		n = m;
	}
	/* Same class: in place. */
	p = T(realloc)(p, 100);
	void *same = T(realloc)(p, 110);
	assert_ptr_equal(same, p);
	T(free_sized)(same, 110);
	void *r = T(reallocarray)(NULL, 10, 10);
	assert_non_null(r);
	assert_true(T(malloc_usable_size)(r) >= 100);
	T(free)(r);
	assert_int_equal(T(malloc_usable_size)(NULL), 0);
}

/* Large blocks (256 KiB .. 2 MiB) shrink in place and grow in place
 * into free slices after them; huge ones are resized by mremap (maybe
 * moved, never copied).  Contents survive; a failed realloc keeps the
 * block as it was. */
static void test_realloc_big(void **state)
{
	(void)state;
	const size_t K = 1024, M = K * K;
	numalloc_collect(1);	/* no dirty slices to prefer elsewhere */
	unsigned char *p = T(malloc)(300 * K);
	unsigned char *after = T(malloc)(300 * K);
	int adjacent = after == p + 320 * K;	/* 5 slices of 64 KiB */
	fill(p, 300 * K, 5);
	T(free)(after);
	unsigned char *q = T(realloc)(p, 600 * K);
	assert_non_null(q);
	assert_true(check(q, 300 * K, 5));
	if (adjacent)
		assert_ptr_equal(q, p);
	fill(q, 600 * K, 6);
	p = T(realloc)(q, 280 * K);
	assert_ptr_equal(p, q);			/* shrink: in place */
	assert_true(check(p, 280 * K, 6));
	assert_int_equal(T(malloc_usable_size)(p), 320 * K);
	/* The freed tail is a page of its own again. */
	after = T(malloc)(256 * K + 1);
	assert_non_null(after);
	T(free)(after);
	q = T(realloc)(p, (size_t)1 << 47);	/* no such address space */
	assert_null(q);
	assert_int_equal(errno, ENOMEM);
	assert_true(check(p, 280 * K, 6));
	T(free)(p);

	p = T(malloc)(3 * M);
	fill(p, 3 * M, 7);
	q = T(realloc)(p, 9 * M);
	assert_non_null(q);
	assert_true(check(q, 3 * M, 7));
	assert_true(T(malloc_usable_size)(q) >= 9 * M);
	fill(q, 9 * M, 8);
	p = T(realloc)(q, 5 * M);
	assert_ptr_equal(p, q);
	assert_true(check(p, 5 * M, 8));
	assert_int_equal(T(malloc_usable_size)(p), 8 * M);
	q = T(realloc)(p, (size_t)1 << 47);
	assert_null(q);
	assert_true(check(p, 5 * M, 8));
	q = T(realloc)(p, 600 * K);		/* huge to large: moves */
	assert_non_null(q);
	assert_true(check(q, 600 * K, 8));
	T(free)(q);
}

static void test_stats_options(void **state)
{
	(void)state;
	struct numalloc_stats a, b;
	assert_int_equal(numalloc_get_stats(&a, sizeof a), 0);
	void *p = T(malloc)(100), *q = T(malloc)(5 * 1024 * 1024);
	assert_int_equal(numalloc_get_stats(&b, sizeof b), 0);
	assert_true(b.malloc_calls >= a.malloc_calls + 2);
	assert_true(b.huge_allocs == a.huge_allocs + 1);
	assert_true(b.mapped_bytes >= 5 * 1024 * 1024);
	assert_true(b.mapped_peak >= b.mapped_bytes);
	T(free)(p);
	T(free)(q);
	assert_int_equal(numalloc_get_stats(&b, sizeof b), 0);
	assert_true(b.free_calls >= a.free_calls + 2);
	errno = 0;
	assert_int_equal(numalloc_get_stats(NULL, 0), -1);
	assert_int_equal(errno, EINVAL);

	long old = numalloc_option_get(NUMALLOC_OPT_PURGE_DELAY);
	assert_int_equal(numalloc_option_set(NUMALLOC_OPT_PURGE_DELAY, 7), 0);
	assert_int_equal(numalloc_option_get(NUMALLOC_OPT_PURGE_DELAY), 7);
	assert_int_equal(numalloc_option_set(NUMALLOC_OPT_PURGE_DELAY, -2), -1);
	assert_int_equal(numalloc_option_set(NUMALLOC_OPT_STATS, 2), -1);
	assert_int_equal(numalloc_option_set((enum numalloc_option)99, 0), -1);
	assert_int_equal(errno, EINVAL);
	assert_int_equal(numalloc_option_get((enum numalloc_option)99), -1);
	assert_int_equal(numalloc_option_set(NUMALLOC_OPT_PURGE_DELAY, old), 0);
	assert_true(numalloc_node_count() >= 1);
	void *n0 = numalloc_malloc_node(1000, 0);
	assert_non_null(n0);
	T(free)(n0);
	errno = 0;
	assert_null(numalloc_malloc_node(10, numalloc_node_count() + 5));
	assert_int_equal(errno, EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_zero_size),
		cmocka_unit_test(test_size_classes),
		cmocka_unit_test(test_many_live),
		cmocka_unit_test(test_alignment),
		cmocka_unit_test(test_align_errors),
		cmocka_unit_test(test_overflow),
		cmocka_unit_test(test_calloc_clears),
		cmocka_unit_test(test_realloc_edges),
		cmocka_unit_test(test_realloc_big),
		cmocka_unit_test(test_stats_options),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
