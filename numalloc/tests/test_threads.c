/*
 * test_threads.c: multi-threaded stress with cross-thread frees - shared
 * slots swapped by many threads, a producer/consumer pair, and hundreds of
 * short-lived threads whose blocks outlive them.  Every block carries a
 * pattern that is checked before it is freed.  Also: blocks that one
 * thread allocated and another freed are reused by the freeing thread
 * while the first one still lives (not stranded in its cache).
 *
 * Built three ways: against the logic build, linked with libnumalloc.a,
 * and without numalloc for the LD_PRELOAD run; with NATEST_PRELOAD=1 in
 * the environment it also checks that numalloc really is the malloc.
 */
#include "natest.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int failed;

#define CHECK(c) do { if (!(c)) { fprintf(stderr, "%s:%d: %s\n", \
	__FILE__, __LINE__, #c); failed = 1; } } while (0)

static uint64_t rnd(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* A block: its size in the first word, a byte pattern after it. */
static void *block_new(size_t n, uint64_t seed)
{
	if (n < 16)
		n = 16;
	unsigned char *p = T(malloc)(n);
	if (p == NULL)
		return NULL;
	memcpy(p, &n, sizeof n);
	for (size_t i = 8; i < n; i += 61)
		p[i] = (unsigned char)(seed + i);
	p[8] = (unsigned char)seed;
	return p;
}

static void block_free(void *v)
{
	unsigned char *p = v;
	size_t n;

	memcpy(&n, p, sizeof n);
	unsigned char seed = p[8];
	for (size_t i = 69; i < n; i += 61)
		if (p[i] != (unsigned char)(seed + i)) {
			CHECK(!"block pattern damaged");
			break;
		}
	T(free)(p);
}

static size_t pick_size(uint64_t *s)
{
	uint64_t r = rnd(s);
	switch (r % 16) {
	case 0:
		return 1 + r % 300000;		/* large */
	case 1:
	case 2:
		return 1 + (r >> 8) % 8192;
	default:
		return 1 + (r >> 8) % 256;	/* small dominates */
	}
}

#define SLOTS 4096
static _Atomic(void *) slots[SLOTS];
static long ops_per_thread = 100000;

static void *swapper(void *arg)
{
	uint64_t s = (uintptr_t)arg * 0x9e3779b97f4a7c15u + 1;
	for (long i = 0; i < ops_per_thread; i++) {
		void *p = block_new(pick_size(&s), s);
		CHECK(p != NULL);
		void *old = atomic_exchange(&slots[rnd(&s) % SLOTS], p);
		if (old != NULL)
			block_free(old);
	}
	return NULL;
}

static void stress_swap(int nthreads)
{
	pthread_t t[16];
	for (int i = 0; i < nthreads; i++)
		pthread_create(&t[i], NULL, swapper, (void *)(uintptr_t)(i + 1));
	for (int i = 0; i < nthreads; i++)
		pthread_join(t[i], NULL);
	for (int i = 0; i < SLOTS; i++) {
		void *p = atomic_exchange(&slots[i], NULL);
		if (p != NULL)
			block_free(p);
	}
}

#define RING 1024
static _Atomic(void *) ring[RING];
static long pc_count = 300000;

static void *producer(void *arg)
{
	uint64_t s = 77;
	(void)arg;
	for (long i = 0; i < pc_count; i++) {
		void *p = block_new(8 + rnd(&s) % 500, s);
		while (atomic_load(&ring[i % RING]) != NULL)
			;
		atomic_store(&ring[i % RING], p);
	}
	return NULL;
}

static void *consumer(void *arg)
{
	(void)arg;
	for (long i = 0; i < pc_count; i++) {
		void *p;
		while ((p = atomic_exchange(&ring[i % RING], NULL)) == NULL)
			;
		block_free(p);
	}
	return NULL;
}

#define SHORT_THREADS 256
#define SHORT_BLOCKS 200
static void *left_behind[SHORT_THREADS][SHORT_BLOCKS / 2];

static void *short_lived(void *arg)
{
	uintptr_t id = (uintptr_t)arg;
	uint64_t s = id * 31 + 7;
	void *mine[SHORT_BLOCKS];
	for (int i = 0; i < SHORT_BLOCKS; i++)
		mine[i] = block_new(pick_size(&s) % 4000, s);
	for (int i = 0; i < SHORT_BLOCKS; i++) {
		if (i % 2)
			left_behind[id][i / 2] = mine[i];
		else
			block_free(mine[i]);
	}
	return NULL;
}

static void many_threads(void)
{
	for (int b = 0; b < SHORT_THREADS; b += 8) {
		pthread_t t[8];
		for (int i = 0; i < 8; i++)
			pthread_create(&t[i], NULL, short_lived,
			    (void *)(uintptr_t)(b + i));
		for (int i = 0; i < 8; i++)
			pthread_join(t[i], NULL);
	}
	for (int i = 0; i < SHORT_THREADS; i++)
		for (int j = 0; j < SHORT_BLOCKS / 2; j++)
			block_free(left_behind[i][j]);
}

/* Reuse across threads: main fills pages of one class, a helper frees
 * every block, main refills them (its pages have now seen remote frees)
 * and goes idle; a second helper frees them again and allocates as many.
 * It must get (most of) main's memory back, not map fresh pages. */
enum { REUSE_N = 8192, REUSE_SIZE = 64 };
static void *reuse_blk[REUSE_N + 1];
static uintptr_t reuse_seen[REUSE_N];

static void *reuse_free_all(void *arg)
{
	(void)arg;
	for (int i = 0; i < REUSE_N; i++)
		T(free)(reuse_blk[i]);
	return NULL;
}

static void *reuse_free_and_take(void *arg)
{
	size_t *hits = arg;
	void **mine = T(malloc)(REUSE_N * sizeof *mine);

	reuse_free_all(NULL);
	for (int i = 0; i < REUSE_N; i++) {
		mine[i] = T(malloc)(REUSE_SIZE);
		uintptr_t a = (uintptr_t)mine[i];
		size_t lo = 0, hi = REUSE_N;
		while (lo < hi) {	/* binary search in main's blocks */
			size_t mid = (lo + hi) / 2;
			if (reuse_seen[mid] < a)
				lo = mid + 1;
			else
				hi = mid;
		}
		*hits += lo < REUSE_N && reuse_seen[lo] == a;
	}
	for (int i = 0; i < REUSE_N; i++)
		T(free)(mine[i]);
	T(free)(mine);
	return NULL;
}

static int cmp_addr(const void *a, const void *b)
{
	uintptr_t x = *(const uintptr_t *)a, y = *(const uintptr_t *)b;
	return x < y ? -1 : x > y;
}

static void remote_reuse(void)
{
	pthread_t t;
	size_t hits = 0;

	for (int i = 0; i < REUSE_N; i++)
		reuse_blk[i] = T(malloc)(REUSE_SIZE);
	pthread_create(&t, NULL, reuse_free_all, NULL);
	pthread_join(t, NULL);
	for (int i = 0; i <= REUSE_N; i++)	/* one more: leave the page */
		reuse_blk[i] = T(malloc)(REUSE_SIZE);
	for (int i = 0; i < REUSE_N; i++)
		reuse_seen[i] = (uintptr_t)reuse_blk[i];
	qsort(reuse_seen, REUSE_N, sizeof reuse_seen[0], cmp_addr);
	pthread_create(&t, NULL, reuse_free_and_take, &hits);
	pthread_join(t, NULL);
	T(free)(reuse_blk[REUSE_N]);
	if (hits < REUSE_N * 8 / 10)
		fprintf(stderr, "remote_reuse: %zu of %d blocks reused\n",
		    hits, REUSE_N);
	CHECK(hits >= REUSE_N * 8 / 10);
}

int main(void)
{
	const char *quick = getenv("NATEST_QUICK");
	if (quick != NULL && *quick == '1') {
		ops_per_thread /= 10;
		pc_count /= 10;
	}
	remote_reuse();
	stress_swap(4);
	pthread_t p, c;
	pthread_create(&p, NULL, producer, NULL);
	pthread_create(&c, NULL, consumer, NULL);
	pthread_join(p, NULL);
	pthread_join(c, NULL);
	many_threads();

	const char *pre = getenv("NATEST_PRELOAD");
	if (pre != NULL && *pre == '1') {
		/* Really numalloc?  Its stats must have seen our frees. */
		int (*get)(struct numalloc_stats *, size_t) =
		    (int (*)(struct numalloc_stats *, size_t))dlsym(
		    RTLD_DEFAULT, "numalloc_get_stats");
		CHECK(get != NULL);
		struct numalloc_stats st;
		if (get != NULL && get(&st, sizeof st) == 0) {
			CHECK(st.remote_frees > 1000);
			CHECK(st.threads > SHORT_THREADS);
		}
		char *d = strdup("libc's own allocation");
		free(d);	/* numalloc's free would abort on glibc's block */
	}
	if (failed)
		return 1;
	printf("ok\n");
	return 0;
}
