/*
 * test_purge.c: freed memory goes back to the OS after the purge delay -
 * not before it, and at once on numalloc_collect(1) - measured by the
 * purge counter and by the resident set size.  Run with
 * NUMALLOC_PURGE_DELAY=20.  With --print-options it prints the option
 * values (the environment tests use that).
 */
#include "natest.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int failed;

#define CHECK(c) do { if (!(c)) { fprintf(stderr, "%s:%d: %s\n", \
	__FILE__, __LINE__, #c); failed = 1; } } while (0)

static long rss_kib(void)
{
	long pages = 0, res = 0;
	FILE *f = fopen("/proc/self/statm", "r");
	if (f == NULL)
		return -1;
	if (fscanf(f, "%ld %ld", &pages, &res) != 2)
		res = -1;
	fclose(f);
	return res * (sysconf(_SC_PAGESIZE) / 1024);
}

static uint64_t purged(void)
{
	struct numalloc_stats s;
	numalloc_get_stats(&s, sizeof s);
	return s.purged_bytes;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };
	nanosleep(&ts, NULL);
}

enum { N = 3000, SZ = 16 * 1024 };	/* 48 MiB in 16 KiB blocks */
static void *blocks[N];

static void *free_all(void *arg)
{
	(void)arg;
	for (int i = 0; i < N; i++)
		T(free)(blocks[i]);
	return NULL;
}

static void fill_and_free(void)
{
	for (int i = 0; i < N; i++) {
		blocks[i] = T(malloc)(SZ);
		memset(blocks[i], 0x5a, SZ);
	}
	for (int i = 0; i < N; i++)
		T(free)(blocks[i]);
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--print-options") == 0) {
		printf("stats=%ld verbose=%ld purge_delay=%ld\n",
		    numalloc_option_get(NUMALLOC_OPT_STATS),
		    numalloc_option_get(NUMALLOC_OPT_VERBOSE),
		    numalloc_option_get(NUMALLOC_OPT_PURGE_DELAY));
		return 0;
	}
	CHECK(numalloc_option_get(NUMALLOC_OPT_PURGE_DELAY) == 20);

	/* 1. After the delay, the next slow path purges. */
	long before = rss_kib();
	fill_and_free();
	long full = rss_kib();
	uint64_t p0 = purged();
	sleep_ms(60);
	T(free)(T(malloc)(600 * 1024));	/* a slow path */
	uint64_t p1 = purged();
	long after = rss_kib();
	fprintf(stderr, "rss KiB: before %ld, freed %ld, after purge %ld; "
	    "purged %llu bytes\n", before, full, after,
	    (unsigned long long)(p1 - p0));
	CHECK(p1 - p0 >= (uint64_t)N * SZ / 2);
	CHECK(full - after >= (long)((uint64_t)N * SZ / 2 / 1024));

	/* 2. Not before the delay. */
	numalloc_option_set(NUMALLOC_OPT_PURGE_DELAY, 5000);
	fill_and_free();
	p0 = purged();
	T(free)(T(malloc)(600 * 1024));
	CHECK(purged() == p0);

	/* 3. numalloc_collect(1) and malloc_trim purge at once. */
	CHECK(numalloc_collect(1) >= (size_t)N * SZ / 2);
	CHECK(purged() >= p0 + (uint64_t)N * SZ / 2);
	fill_and_free();
	CHECK(T(malloc_trim)(0) == 1);

	/* 4. Delay 0: purged as soon as pages are released. */
	numalloc_option_set(NUMALLOC_OPT_PURGE_DELAY, 0);
	p0 = purged();
	fill_and_free();
	CHECK(purged() >= p0 + (uint64_t)N * SZ / 2);
	/* Large blocks over several segments: freeing the last block of a
	 * segment purges and unmaps it (all but one empty segment) inside
	 * free() - which must not touch the segment afterwards. */
	void *big[8];
	for (int i = 0; i < 8; i++) {
		big[i] = T(malloc)(2 * 1024 * 1024 - 4096);
		memset(big[i], 0x3c, 4096);
	}
	for (int i = 0; i < 8; i++)
		T(free)(big[i]);
	/* 5. Blocks freed by another thread: numalloc_collect() gathers
	 * them into the owner's pages, which then go back and are purged. */
	numalloc_option_set(NUMALLOC_OPT_PURGE_DELAY, 5000);
	for (int i = 0; i < N; i++) {
		blocks[i] = T(malloc)(SZ);
		memset(blocks[i], 0x5a, SZ);
	}
	pthread_t t;
	pthread_create(&t, NULL, free_all, NULL);
	pthread_join(t, NULL);
	p0 = purged();
	CHECK(numalloc_collect(1) >= (size_t)N * SZ / 2);
	CHECK(purged() >= p0 + (uint64_t)N * SZ / 2);
	if (failed)
		return 1;
	printf("ok\n");
	return 0;
}
