/*
 * bench.c: allocator workloads, one per run, timed and measured from the
 * inside.  Usage: numalloc_bench WORKLOAD [SCALE]
 * Prints "WORKLOAD SECONDS PEAK_RSS_KIB" (VmHWM).  It calls only the
 * standard malloc API, so the allocator is whatever the binary was linked
 * or preloaded with (run.sh picks).  SCALE (default 1.0) multiplies the
 * work.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static double scale = 1.0;

static uint64_t rnd(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static long scaled(long n)
{
	return (long)((double)n * scale);
}

/* Replace random slots of a private array: the classic small churn. */
static void *churn(void *arg)
{
	enum { SLOTS = 2000 };
	void **slot = calloc(SLOTS, sizeof *slot);
	uint64_t s = (uintptr_t)arg * 0x9e3779b97f4a7c15u + 1;
	long ops = scaled(3000000);
	for (long i = 0; i < ops; i++) {
		uint64_t r = rnd(&s);
		size_t n = 8 + (r >> 20) % 500;
		unsigned k = (unsigned)(r % SLOTS);
		free(slot[k]);
		slot[k] = malloc(n);
		*(char *)slot[k] = (char)i;
	}
	for (int k = 0; k < SLOTS; k++)
		free(slot[k]);
	free(slot);
	return NULL;
}

static void run_threads(int n, void *(*fn)(void *))
{
	pthread_t t[16];
	for (int i = 0; i < n; i++)
		pthread_create(&t[i], NULL, fn, (void *)(uintptr_t)(i + 1));
	for (int i = 0; i < n; i++)
		pthread_join(t[i], NULL);
}

static void w_large(void)
{
	enum { SLOTS = 64 };
	void *slot[SLOTS] = { 0 };
	uint64_t s = 5;
	long ops = scaled(4000);
	for (long i = 0; i < ops; i++) {
		uint64_t r = rnd(&s);
		size_t n = 32768 + (r >> 16) % (1024 * 1024);
		unsigned k = (unsigned)(r % SLOTS);
		free(slot[k]);
		char *p = malloc(n);
		memset(p, (int)i, n);	/* programs use what they allocate */
		slot[k] = p;
	}
	for (int k = 0; k < SLOTS; k++)
		free(slot[k]);
}

#define RING 4096
static _Atomic(void *) ring[RING];
static long pc_items;

static void *producer(void *arg)
{
	(void)arg;
	uint64_t s = 9;
	for (long i = 0; i < pc_items; i++) {
		void *p = malloc(16 + rnd(&s) % 240);
		*(char *)p = 1;
		while (atomic_load_explicit(&ring[i % RING],
		    memory_order_acquire) != NULL)
			sched_yield();
		atomic_store_explicit(&ring[i % RING], p, memory_order_release);
	}
	return NULL;
}

static void *consumer(void *arg)
{
	(void)arg;
	for (long i = 0; i < pc_items; i++) {
		void *p;
		while ((p = atomic_exchange(&ring[i % RING], NULL)) == NULL)
			sched_yield();
		free(p);
	}
	return NULL;
}

static void w_prodcons(void)
{
	pthread_t p, c;
	pc_items = scaled(2000000);
	pthread_create(&p, NULL, producer, NULL);
	pthread_create(&c, NULL, consumer, NULL);
	pthread_join(p, NULL);
	pthread_join(c, NULL);
}

static void w_realloc(void)
{
	enum { N = 64 };
	long rounds = scaled(20);	/* mallocng 1.2.3 is ~90x slower here */
	for (long r = 0; r < rounds; r++) {
		char *buf[N] = { 0 };
		size_t len[N] = { 0 };
		for (int step = 0; step < 200; step++) {
			for (int i = 0; i < N; i++) {
				size_t add = 16 + (size_t)((i * 7 + step) % 50) * 8;
				buf[i] = realloc(buf[i], len[i] + add);
				memset(buf[i] + len[i], 'x', add);
				len[i] += add;
			}
		}
		for (int i = 0; i < N; i++)
			free(buf[i]);
	}
}

/* Fill, free most, refill with other sizes: peak RSS shows how well the
 * freed memory is reused and returned. */
static void w_frag(void)
{
	long n = scaled(400000);
	void **v = malloc((size_t)n * sizeof *v);
	uint64_t s = 3;
	for (int round = 0; round < 3; round++) {
		for (long i = 0; i < n; i++) {
			size_t sz = round == 1 ? 100 + rnd(&s) % 400 :
			    16 + rnd(&s) % 200;
			v[i] = malloc(sz);
			memset(v[i], 1, sz < 64 ? sz : 64);
		}
		for (long i = 0; i < n; i++)
			if (i % 10 != 0) {
				free(v[i]);
				v[i] = NULL;
			}
		for (long i = 0; i < n; i += 10)
			if (round != 2) {
				free(v[i]);
				v[i] = NULL;
			}
	}
	for (long i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void *short_thread(void *arg)
{
	void **keep = arg;
	void *v[500];
	for (int i = 0; i < 500; i++)
		v[i] = malloc(16 + (size_t)(i * 37) % 2000);
	for (int i = 0; i < 500; i++) {
		if (i % 5 == 0) {
			free(keep[i / 5]);	/* the previous thread's */
			keep[i / 5] = v[i];
		} else {
			free(v[i]);
		}
	}
	return NULL;
}

static void w_threads(void)
{
	void *keep[100] = { 0 };
	long n = scaled(400);
	for (long i = 0; i < n; i++) {
		pthread_t t;
		pthread_create(&t, NULL, short_thread, keep);
		pthread_join(t, NULL);
	}
	for (int i = 0; i < 100; i++)
		free(keep[i]);
}

/* larson-like: threads replace blocks in shared arrays, so most frees
 * are of another thread's blocks. */
static _Atomic(void *) shared[8192];

static void *xfree_worker(void *arg)
{
	uint64_t s = (uintptr_t)arg * 77 + 1;
	long ops = scaled(1500000);
	for (long i = 0; i < ops; i++) {
		uint64_t r = rnd(&s);
		void *p = malloc(8 + (r >> 24) % 300);
		*(char *)p = 1;
		free(atomic_exchange(&shared[r % 8192], p));
	}
	return NULL;
}

static void w_xfree(int n)
{
	run_threads(n, xfree_worker);
	for (int i = 0; i < 8192; i++)
		free(atomic_exchange(&shared[i], NULL));
}

/* Peak resident set of this process image in KiB.  VmHWM, not
 * getrusage's ru_maxrss: the latter keeps the high-water mark of the
 * forked shell that exec()ed us (about 1-2 MiB), which would hide the
 * footprint of the small workloads. */
static long peak_rss_kib(void)
{
	char line[128];
	long kib = -1;
	FILE *f = fopen("/proc/self/status", "r");

	while (f != NULL && fgets(line, sizeof line, f) != NULL)
		if (strncmp(line, "VmHWM:", 6) == 0)
			kib = atol(line + 6);
	if (f != NULL)
		fclose(f);
	if (kib < 0) {
		struct rusage ru;
		getrusage(RUSAGE_SELF, &ru);
		kib = ru.ru_maxrss;
	}
	return kib;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s WORKLOAD [SCALE]\n", argv[0]);
		return 2;
	}
	if (argc > 2)
		scale = atof(argv[2]);
	const char *w = argv[1];
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (strcmp(w, "st-small") == 0)
		churn((void *)1);
	else if (strcmp(w, "st-large") == 0)
		w_large();
	else if (strcmp(w, "mt-churn-2") == 0)
		run_threads(2, churn);
	else if (strcmp(w, "mt-churn-4") == 0)
		run_threads(4, churn);
	else if (strcmp(w, "mt-xfree-4") == 0)
		w_xfree(4);
	else if (strcmp(w, "prodcons") == 0)
		w_prodcons();
	else if (strcmp(w, "threads") == 0)
		w_threads();
	else if (strcmp(w, "realloc") == 0)
		w_realloc();
	else if (strcmp(w, "frag") == 0)
		w_frag();
	else {
		fprintf(stderr, "unknown workload %s\n", w);
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("%s %.4f %ld\n", w, (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9, peak_rss_kib());
	return 0;
}
