/*
 * vm_place.c: placement cases of numa_vm_test (see numa_vm_test.c).
 * Every check counts distinct pages with move_pages(2).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "numalloc.h"
#include "numa_vm.h"

#define PAGE ((uintptr_t)4096)

/* What programs allocate: mostly small blocks, some large and huge ones
 * (numalloc's small pages, one-block large pages, huge segments). */
static const size_t small_mix[] = { 16, 24, 48, 100, 256, 500, 1000, 3000 };
static const size_t big_mix[] = { 20000, 70000, 300000, 1 << 20, 3 << 20 };

void batch_add(struct batch *b, size_t total, const size_t *mix,
    int nmix)
{
	size_t sum = 0;

	for (int i = 0; sum < total && b->n < MAX_BLOCKS; i++) {
		size_t s = mix[i % nmix];
		void *p = malloc(s);

		if (p == NULL)
			break;
		memset(p, 0x5a, s);	/* first touch */
		b->p[b->n] = p;
		b->size[b->n++] = s;
		sum += s;
	}
}

void batch_fill(struct batch *b, size_t small, size_t big)
{
	b->n = 0;
	batch_add(b, small, small_mix, sizeof small_mix / sizeof small_mix[0]);
	batch_add(b, big, big_mix, sizeof big_mix / sizeof big_mix[0]);
}

static int cmp_ptr(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)*(void *const *)a;
	uintptr_t y = (uintptr_t)*(void *const *)b;

	return x < y ? -1 : x > y;
}

/* Distinct pages of blocks [from, b->n) on node. */
int batch_count(const struct batch *b, int from, int node, long *on,
    long *all)
{
	long n = 0, u = 0, cap = 0;
	void **pages;
	int r;

	for (int i = from; i < b->n; i++)
		cap += (long)(b->size[i] / PAGE) + 2;
	pages = malloc((size_t)cap * sizeof *pages);
	if (pages == NULL)
		return -1;
	for (int i = from; i < b->n; i++) {
		uintptr_t a = (uintptr_t)b->p[i] & ~(PAGE - 1);

		for (; a < (uintptr_t)b->p[i] + b->size[i]; a += PAGE)
			pages[n++] = (void *)a;
	}
	qsort(pages, (size_t)n, sizeof *pages, cmp_ptr);
	for (long i = 0; i < n; i++)
		if (u == 0 || pages[i] != pages[u - 1])
			pages[u++] = pages[i];
	*on = *all = 0;
	r = pl_count_pages(pages, u, node, on, all);
	free(pages);
	return r;
}

/* The /proc/self/numa_maps lines of the mappings holding addresses
 * [lo, hi): their policy and their pages per node. */
static void print_numa_maps(uintptr_t lo, uintptr_t hi)
{
	FILE *f = fopen("/proc/self/numa_maps", "r");
	char line[512];
	int shown = 0;

	if (f == NULL)
		return;
	while (fgets(line, sizeof line, f) != NULL && shown < 16) {
		uintptr_t start = (uintptr_t)strtoull(line, NULL, 16);

		if (start >= lo && start < hi) {
			printf("  numa_maps: %s", line);
			shown++;
		}
	}
	fclose(f);
}

void batch_explain(const struct batch *b, int from, int node)
{
	long total[PL_MAX_NODES] = { 0 };
	uintptr_t lo = UINTPTR_MAX, hi = 0;
	int shown = 0;

	printf("  pages off node %d, by block (thread on CPU %d):\n", node,
	    sched_getcpu());
	for (int i = from; i < b->n; i++) {
		long per[PL_MAX_NODES] = { 0 }, off = 0;
		uintptr_t p = (uintptr_t)b->p[i];

		if (pl_nodes(b->p[i], b->size[i], per) != 0)
			return;
		for (int k = 0; k < PL_MAX_NODES; k++)
			off += k == node ? 0 : per[k];
		if (off == 0)
			continue;
		for (int k = 0; k < PL_MAX_NODES; k++)
			total[k] += per[k];
		if (p < lo)
			lo = p;
		if (p + b->size[i] > hi)
			hi = p + b->size[i];
		if (shown++ >= 12)
			continue;
		printf("  block %d (%zu B at %p):", i, b->size[i], b->p[i]);
		for (int k = 0; k < PL_MAX_NODES; k++)
			if (per[k] != 0)
				printf(" node %d: %ld", k, per[k]);
		printf("\n");
	}
	printf("  %d blocks with pages elsewhere; their pages by node "
	    "(shared pages counted per block):", shown);
	for (int k = 0; k < PL_MAX_NODES; k++)
		if (total[k] != 0)
			printf(" node %d: %ld", k, total[k]);
	printf("\n");
	pl_print_free("  free memory");
	if (hi != 0)
		print_numa_maps(lo & ~(((uintptr_t)4 << 20) - 1), hi);
}

int batch_check(const char *what, const struct batch *b, int from,
    int node, double need)
{
	long on, all;

	if (batch_count(b, from, node, &on, &all) != 0)
		return -1;
	if (check_fraction(what, on, all, need) == 0)
		return 0;
	batch_explain(b, from, node);
	return -1;
}

void batch_free(struct batch *b)
{
	for (int i = 0; i < b->n; i++)
		free(b->p[i]);
	b->n = 0;
}

/* ---- topology ------------------------------------------------------- */

int case_topology(int argc, char **argv)
{
	int mem[PL_MAX_NODES], nmem = memory_nodes(mem), bad = 0;
	struct numalloc_node_stats st;

	(void)argc;
	(void)argv;
	printf("numalloc_node_count %d, memory nodes %d\n",
	    numalloc_node_count(), nmem);
	if (numalloc_node_count() != nmem)
		return 1;
	for (int i = 0; i < nmem; i++) {
		long on, all;
		char *p = numalloc_malloc_node(1 << 20, mem[i]);
		char what[64];

		if (p == NULL)
			return 1;
		memset(p, 1, 1 << 20);
		on = all = 0;
		pl_count(p, 1 << 20, mem[i], &on, &all);
		snprintf(what, sizeof what, "numalloc_malloc_node(1 MiB, %d)", mem[i]);
		bad |= check_fraction(what, on, all, NEED_LOCAL);
		if (numalloc_node_stats(mem[i], &st, sizeof st) != 0 ||
		    st.mapped_bytes < (1 << 20)) {
			printf("node %d: stats missing the block\n", mem[i]);
			bad = 1;
		}
		free(p);
	}
	for (int i = 0; i < topo.nnodes; i++) {
		int n = topo.nodes[i];

		errno = 0;
		if (!topo.has_mem[n] && (numalloc_malloc_node(64, n) != NULL ||
		    errno != EINVAL)) {
			printf("node %d has no memory but was accepted\n", n);
			bad = 1;
		}
	}
	errno = 0;
	if (numalloc_malloc_node(64, -1) != NULL || errno != EINVAL ||
	    numalloc_malloc_node(64, 4096) != NULL ||
	    numalloc_node_stats(4096, &st, sizeof st) != -1)
		bad = 1;
	return bad ? 1 : 0;
}

/* ---- local: every CPU at once ---------------------------------------- */

struct local_arg {
	int cpu, result;
	pthread_barrier_t *bar;
	struct batch b;
};

static void local_thread(void *v)
{
	struct local_arg *a = v;
	int home = pl_home_node(&topo, a->cpu);
	char what[64];

	batch_fill(&a->b, 2 << 20, 4 << 20);
	/* Everyone allocates before anyone frees: concurrent arenas. */
	pthread_barrier_wait(a->bar);
	snprintf(what, sizeof what, "CPU %d (home node %d)", a->cpu, home);
	a->result = batch_check(what, &a->b, 0, home, NEED_LOCAL);
	pthread_barrier_wait(a->bar);
	batch_free(&a->b);
}

static void *local_start(void *v)
{
	struct local_arg *a = v;

	if (pl_pin(a->cpu) != 0) {
		a->result = -1;
		pthread_barrier_wait(a->bar);
		pthread_barrier_wait(a->bar);
		return NULL;
	}
	local_thread(a);
	return NULL;
}

int case_local(int argc, char **argv)
{
	int n = topo.ncpus, bad = 0;
	struct local_arg *args = calloc((size_t)n, sizeof *args);
	pthread_t *t = calloc((size_t)n, sizeof *t);
	pthread_barrier_t bar;

	(void)argc;
	(void)argv;
	if (args == NULL || t == NULL)
		return 1;
	pthread_barrier_init(&bar, NULL, (unsigned)n);
	for (int c = 0; c < n; c++) {
		args[c].cpu = c;
		args[c].bar = &bar;
		if (pthread_create(&t[c], NULL, local_start, &args[c]) != 0)
			return 1;
	}
	for (int c = 0; c < n; c++) {
		pthread_join(t[c], NULL);
		bad |= args[c].result;
	}
	free(args);
	free(t);
	return bad ? 1 : 0;
}

/* ---- remote-free: freed on node B, reused on node A ------------------ */

#define RF_BLOCKS 4000
#define RF_SIZE 256

/* Threads A and B run side by side, pinned to CPUs of different nodes:
 * A allocates, B frees A's blocks and allocates its own, A allocates
 * again.  Both stay alive throughout, as the threads of a server do. */
struct rf {
	int cpu_a, cpu_b, failed;
	pthread_barrier_t bar;
	void *first[RF_BLOCKS], *again[RF_BLOCKS];
	void *own;
	struct batch mine;
};

static void rf_alloc(void **out)
{
	for (int i = 0; i < RF_BLOCKS; i++) {
		out[i] = malloc(RF_SIZE);
		if (out[i] != NULL)
			memset(out[i], 7, RF_SIZE);
	}
}

static void *rf_a(void *v)
{
	struct rf *r = v;

	r->failed |= pl_pin(r->cpu_a);
	rf_alloc(r->first);
	pthread_barrier_wait(&r->bar);	/* B frees them */
	pthread_barrier_wait(&r->bar);
	rf_alloc(r->again);
	return NULL;
}

static void *rf_b(void *v)
{
	struct rf *r = v;

	r->failed |= pl_pin(r->cpu_b);
	/* B has allocated before, so it has a cache on its node: a thread
	 * without one has no node to count its frees from. */
	r->own = malloc(RF_SIZE);
	pthread_barrier_wait(&r->bar);
	for (int i = 0; i < RF_BLOCKS; i++)
		free(r->first[i]);	/* cross-node frees */
	/* B's own blocks must come from B's node, not from A's freed ones. */
	r->mine.n = 0;
	batch_add(&r->mine, RF_BLOCKS * RF_SIZE, (const size_t[]){ RF_SIZE }, 1);
	pthread_barrier_wait(&r->bar);
	free(r->own);
	return NULL;
}

static long reused(struct rf *r)
{
	long hits = 0;

	qsort(r->first, RF_BLOCKS, sizeof r->first[0], cmp_ptr);
	for (int i = 0; i < RF_BLOCKS; i++)
		if (bsearch(&r->again[i], r->first, RF_BLOCKS,
		    sizeof r->first[0], cmp_ptr) != NULL)
			hits++;
	return hits;
}

static int rf_check(struct rf *r, int ha, int hb)
{
	struct batch *again = calloc(1, sizeof *again);
	struct numalloc_node_stats st;
	long hits;
	int bad = 0;

	if (again == NULL)
		return 1;
	bad |= batch_check("blocks of the freeing thread, on its node",
	    &r->mine, 0, hb, NEED_LOCAL);
	for (int i = 0; i < RF_BLOCKS; i++) {
		again->p[i] = r->again[i];
		again->size[i] = RF_SIZE;
	}
	again->n = RF_BLOCKS;
	bad |= batch_check("origin thread's new blocks, on its node",
	    again, 0, ha, NEED_LOCAL);
	hits = reused(r);
	printf("origin thread reused %ld of %d blocks freed on node %d\n",
	    hits, RF_BLOCKS, hb);
	if (hits < RF_BLOCKS / 2)
		bad = 1;
	if (numalloc_node_stats(ha, &st, sizeof st) != 0 ||
	    st.remote_frees_in < RF_BLOCKS) {
		printf("node %d: remote_frees_in %llu < %d\n", ha,
		    (unsigned long long)st.remote_frees_in, RF_BLOCKS);
		bad = 1;
	}
	free(again);
	return bad;
}

int case_remote_free(int argc, char **argv)
{
	static struct rf r;
	pthread_t ta, tb;

	(void)argc;
	(void)argv;
	if (two_homes(&r.cpu_a, &r.cpu_b) != 0)
		return EXIT_SKIP;
	pthread_barrier_init(&r.bar, NULL, 2);
	if (pthread_create(&ta, NULL, rf_a, &r) != 0 ||
	    pthread_create(&tb, NULL, rf_b, &r) != 0)
		return 1;
	pthread_join(ta, NULL);
	pthread_join(tb, NULL);
	if (r.failed)
		return 1;
	return rf_check(&r, pl_home_node(&topo, r.cpu_a),
	    pl_home_node(&topo, r.cpu_b)) ? 1 : 0;
}

/* ---- migrate and override --------------------------------------------- */

struct mig {
	int to_cpu, to_node, result;
	struct batch b;
};

static void mig_thread(void *v)
{
	struct mig *m = v;
	int first;

	batch_add(&m->b, 1 << 20, (const size_t[]){ 1024 }, 1);
	first = m->b.n;
	if (pl_pin(m->to_cpu) != 0) {
		m->result = -1;
		return;
	}
	batch_add(&m->b, 4 << 20, (const size_t[]){ 1024 }, 1);
	/* The pages the thread already owned on its old node are used up
	 * first (one 64 KiB page at most per class): hence 97 %, not 99. */
	m->result = batch_check("after moving to another node", &m->b, first,
	    m->to_node, 0.97);
	batch_free(&m->b);
}

/* After moving, only large (one-block pages) and huge blocks: they take
 * no small-page refill, where the thread's node is checked. */
static void mig_big_thread(void *v)
{
	static const size_t big[] = { 300000, 1 << 20, 3 << 20 };
	struct mig *m = v;

	batch_add(&m->b, 64 << 10, (const size_t[]){ 1024 }, 1);
	batch_free(&m->b);
	if (pl_pin(m->to_cpu) != 0) {
		m->result = -1;
		return;
	}
	batch_add(&m->b, 8 << 20, big, 3);
	m->result = batch_check("large blocks after moving", &m->b, 0,
	    m->to_node, NEED_LOCAL);
	batch_free(&m->b);
}

int case_migrate(int argc, char **argv)
{
	static struct mig m, big;
	int a, b;

	(void)argc;
	(void)argv;
	if (two_homes(&a, &b) != 0)
		return EXIT_SKIP;
	m.to_cpu = big.to_cpu = b;
	m.to_node = big.to_node = pl_home_node(&topo, b);
	if (run_on_cpu(a, mig_thread, &m) != 0 ||
	    run_on_cpu(a, mig_big_thread, &big) != 0)
		return 1;
	return m.result || big.result ? 1 : 0;
}

struct ovr {
	int other, here, result;
	struct batch b;
};

static void ovr_thread(void *v)
{
	struct ovr *o = v;
	int first;

	batch_add(&o->b, 1 << 20, (const size_t[]){ 512 }, 1);
	if (numalloc_thread_set_node(o->other) != 0) {
		o->result = -1;
		return;
	}
	first = o->b.n;
	batch_add(&o->b, 4 << 20, (const size_t[]){ 512, 5000 }, 2);
	o->result = batch_check("with the node override", &o->b, first,
	    o->other, NEED_LOCAL);
	numalloc_thread_set_node(-1);
	first = o->b.n;
	batch_add(&o->b, 4 << 20, (const size_t[]){ 512, 5000 }, 2);
	if (batch_check("override cleared", &o->b, first, o->here,
	    NEED_LOCAL) != 0)
		o->result = -1;
	batch_free(&o->b);
}

/* A thread that sets the override before its first allocation gets its
 * cache on that node from the start. */
static void ovr_first(void *v)
{
	struct ovr *o = v;

	if (numalloc_thread_set_node(o->other) != 0) {
		o->result = -1;
		return;
	}
	o->b.n = 0;
	batch_add(&o->b, 1 << 20, (const size_t[]){ 200, 3000 }, 2);
	o->result = batch_check("override before the first malloc", &o->b, 0,
	    o->other, NEED_LOCAL);
	batch_free(&o->b);
}

int case_override(int argc, char **argv)
{
	static struct ovr o;
	int a, b;

	(void)argc;
	(void)argv;
	if (two_homes(&a, &b) != 0)
		return EXIT_SKIP;
	o.here = pl_home_node(&topo, a);
	o.other = pl_home_node(&topo, b);
	if (run_on_cpu(a, ovr_first, &o) != 0 || o.result != 0)
		return 1;
	if (run_on_cpu(a, ovr_thread, &o) != 0)
		return 1;
	for (int i = 0; i < topo.nnodes; i++) {
		errno = 0;
		if (!topo.has_mem[topo.nodes[i]] &&
		    (numalloc_thread_set_node(topo.nodes[i]) != -1 ||
		    errno != EINVAL)) {
			printf("override to node %d without memory accepted\n",
			    topo.nodes[i]);
			return 1;
		}
	}
	return o.result ? 1 : 0;
}

/* ---- interleave ------------------------------------------------------- */

static int spread(const char *what, char *p, size_t len)
{
	int mem[PL_MAX_NODES], nmem = memory_nodes(mem), bad = 0;

	for (int i = 0; i < nmem; i++) {
		long on = 0, all = 0;
		char w[96];

		pl_count(p, len, mem[i], &on, &all);
		snprintf(w, sizeof w, "%s, node %d", what, mem[i]);
		/* An even spread gives 1/nmem; accept half of that. */
		bad |= check_fraction(w, on, all, 0.5 / nmem);
	}
	return bad;
}

/* Pages of a batch spread over every memory node. */
static int batch_spread(const char *what, const struct batch *b)
{
	int mem[PL_MAX_NODES], nmem = memory_nodes(mem), bad = 0;

	for (int i = 0; i < nmem; i++) {
		long on, all;
		char w[96];

		if (batch_count(b, 0, mem[i], &on, &all) != 0)
			return -1;
		snprintf(w, sizeof w, "%s, node %d", what, mem[i]);
		bad |= check_fraction(w, on, all, 0.5 / nmem);
	}
	return bad;
}

int case_interleave(int argc, char **argv)
{
	size_t len = 8 << 20;
	const char *pol = getenv("NUMALLOC_NODE_POLICY");
	struct batch *b = calloc(1, sizeof *b);
	char *p;
	int bad;

	(void)argc;
	(void)argv;
	if (two_homes(&(int){ 0 }, &(int){ 0 }) != 0)
		return EXIT_SKIP;
	p = numalloc_malloc_interleaved(len);
	if (p == NULL || b == NULL)
		return 1;
	memset(p, 3, len);
	bad = spread("numalloc_malloc_interleaved", p, len);
	free(p);
	if (pol != NULL && strcmp(pol, "interleave") == 0) {
		batch_add(b, 8 << 20, (const size_t[]){ 4096 }, 1);
		bad |= batch_spread("malloc with policy interleave", b);
		batch_free(b);
	}
	free(b);
	return bad ? 1 : 0;
}
