/*
 * placement_bench: how many of the pages a thread allocates lie on its own
 * node, for whatever malloc the program is linked or preloaded with.
 * Placement, not time: the guests run under TCG, whose timings mean
 * nothing.
 *
 * Workload, as a thread pool that hands work around: each round starts
 * one fresh thread per CPU, pinned by the benchmark (so that its node is
 * known), worker i on CPU (i + round) % CPUs.  A worker reads and frees
 * the blocks worker i left in the previous round - made by a thread on
 * another CPU, often another node - then allocates a mix of block sizes,
 * touches them, leaves them for the next round, and exits.  So memory is
 * allocated on one node, shared, freed on another, and the threads that
 * owned it are gone: what an allocator hands the next thread decides
 * where its pages lie.  After allocating, each worker counts the distinct
 * pages of its blocks with move_pages(2); a page is local when it lies on
 * the worker's node (for a CPU-only node: the nearest node with memory).
 *
 * Usage: placement_bench NAME [ROUNDS]
 * Prints: PLACEMENT NAME local=<percent> pages=<n> first=<percent>
 *         last=<percent>   (whole run, round 1, last round)
 * Scratch memory comes from mmap, never from the malloc being measured.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "placement.h"

#define BLOCKS 2400
#define PAGE ((uintptr_t)4096)
#define MAX_THREADS 16

static const size_t mix[] = { 16, 32, 64, 100, 200, 512, 1024, 4000, 9000,
    16384, 40, 70000 };

struct worker {
	int cpu, home, id, round;
	void **blocks;		/* mmap'd: BLOCKS pointers */
	void **pages;		/* mmap'd scratch for page addresses */
	long on, all, on1, all1, onl, alll;
};

static struct pl_topo topo;
static struct worker w[MAX_THREADS];
static int nthreads, rounds = 8;

static void *scratch(size_t bytes)
{
	void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		perror("mmap");
		exit(1);
	}
	return p;
}

static int cmp_ptr(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)*(void *const *)a;
	uintptr_t y = (uintptr_t)*(void *const *)b;

	return x < y ? -1 : x > y;
}

/* Distinct pages of the worker's current blocks on its home node. */
static void count(struct worker *me, long *on, long *all)
{
	long n = 0, u = 0;

	for (int i = 0; i < BLOCKS; i++) {
		size_t s = mix[i % (sizeof mix / sizeof mix[0])];
		uintptr_t a = (uintptr_t)me->blocks[i] & ~(PAGE - 1);

		for (; a < (uintptr_t)me->blocks[i] + s; a += PAGE)
			me->pages[n++] = (void *)a;
	}
	qsort(me->pages, (size_t)n, sizeof *me->pages, cmp_ptr);
	for (long i = 0; i < n; i++)
		if (u == 0 || me->pages[i] != me->pages[u - 1])
			me->pages[u++] = me->pages[i];
	*on = *all = 0;
	pl_count_pages(me->pages, u, me->home, on, all);
}

static void *worker_main(void *v)
{
	struct worker *me = v;
	long on, all;
	volatile unsigned sum = 0;

	if (pl_pin(me->cpu) != 0) {
		perror("sched_setaffinity");
		exit(1);
	}
	for (int i = 0; me->round > 0 && i < BLOCKS; i++) {
		sum += *(volatile unsigned char *)me->blocks[i];	/* share */
		free(me->blocks[i]);		/* often a cross-node free */
	}
	for (int i = 0; i < BLOCKS; i++) {
		size_t s = mix[i % (sizeof mix / sizeof mix[0])];

		me->blocks[i] = malloc(s);
		if (me->blocks[i] == NULL) {
			fprintf(stderr, "malloc(%zu) failed\n", s);
			exit(1);
		}
		memset(me->blocks[i], me->id + 1, s);
	}
	count(me, &on, &all);
	me->on += on;
	me->all += all;
	if (me->round == 0) {
		me->on1 = on;
		me->all1 = all;
	}
	me->onl = on;
	me->alll = all;
	return NULL;
}

static double pct(long on, long all)
{
	return all > 0 ? 100.0 * (double)on / (double)all : 0.0;
}

int main(int argc, char **argv)
{
	pthread_t t[MAX_THREADS];
	long on = 0, all = 0, on1 = 0, all1 = 0, onl = 0, alll = 0;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: placement_bench NAME [ROUNDS]\n");
		return 2;
	}
	if (argc == 3 && (rounds = atoi(argv[2])) < 1)
		return 2;
	if (pl_topo_load(&topo) != 0)
		return 1;
	nthreads = topo.ncpus < MAX_THREADS ? topo.ncpus : MAX_THREADS;
	for (int i = 0; i < nthreads; i++) {
		w[i] = (struct worker){ .id = i };
		w[i].blocks = scratch(BLOCKS * sizeof(void *));
		w[i].pages = scratch(64 * BLOCKS * sizeof(void *));
	}
	for (int r = 0; r < rounds; r++) {
		for (int i = 0; i < nthreads; i++) {
			w[i].round = r;
			w[i].cpu = (i + r) % nthreads;
			w[i].home = pl_home_node(&topo, w[i].cpu);
			if (pthread_create(&t[i], NULL, worker_main, &w[i]) != 0)
				return 1;
		}
		for (int i = 0; i < nthreads; i++)
			pthread_join(t[i], NULL);
	}
	for (int i = 0; i < nthreads; i++) {
		on += w[i].on, all += w[i].all;
		on1 += w[i].on1, all1 += w[i].all1;
		onl += w[i].onl, alll += w[i].alll;
	}
	printf("PLACEMENT %s local=%.1f pages=%ld first=%.1f last=%.1f threads=%d rounds=%d\n",
	    argv[1], pct(on, all), all, pct(on1, all1), pct(onl, alll),
	    nthreads, rounds);
	return 0;
}
