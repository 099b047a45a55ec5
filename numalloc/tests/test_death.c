/*
 * test_death.c: every invalid pointer handed to free/realloc/
 * malloc_usable_size/free_sized aborts with a message naming the error,
 * written without stdio.  One death test per rejection rule.
 */
#include "natest.h"

#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

#include <cmocka.h>

#include "testutil.h"

static void double_free_small(void *arg)
{
	(void)arg;
	void *keep = T(malloc)(32);	/* the page stays in use */
	void *p = T(malloc)(32);
	T(free)(p);
	T(free)(p);
	T(free)(keep);
}

static void double_free_large(void *arg)
{
	(void)arg;
	void *p = T(malloc)(600 * 1024);
	T(free)(p);
	T(free)(p);
}

static void double_free_huge(void *arg)
{
	(void)arg;
	void *p = T(malloc)(8 * 1024 * 1024);
	T(free)(p);
	T(free)(p);
}

static void *free_it(void *p)
{
	T(free)(p);
	return NULL;
}

static void double_free_remote(void *arg)
{
	(void)arg;
	void *keep = T(malloc)(48);
	void *p = T(malloc)(48);
	pthread_t t;
	pthread_create(&t, NULL, free_it, p);
	pthread_join(t, NULL);
	T(free)(p);	/* already freed by the other thread */
	T(free)(keep);
}

static void *alloc_two(void *arg)
{
	void **out = arg;
	out[0] = T(malloc)(80);	/* keeps the page in use */
	out[1] = T(malloc)(80);
	return NULL;
}

/* The allocating thread has exited: its page has no owner, and every
 * free to it takes the remote path (which also makes it adoptable). */
static void double_free_ownerless(void *arg)
{
	(void)arg;
	void *two[2];
	pthread_t t;
	pthread_create(&t, NULL, alloc_two, two);
	pthread_join(t, NULL);
	T(free)(two[1]);
	T(free)(two[1]);
	T(free)(two[0]);
}

static void interior_free(void *arg)
{
	(void)arg;
	char *p = T(malloc)(64);
	T(free)(p + 16);
}

static void misaligned_free(void *arg)
{
	(void)arg;
	char *p = T(malloc)(64);
	T(free)(p + 1);
}

static void interior_free_large(void *arg)
{
	(void)arg;
	char *p = T(malloc)(400 * 1024);
	T(free)(p + 4096);
}

static void stack_free(void *arg)
{
	(void)arg;
	char buf[32];
	T(free)(buf);
}

static void foreign_free(void *arg)
{
	(void)arg;
	void *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	T(free)(m);
}

static void realloc_freed(void *arg)
{
	(void)arg;
	void *keep = T(malloc)(200);
	void *p = T(malloc)(200);
	T(free)(p);
	p = T(realloc)(p, 300);
	T(free)(keep);
}

static void usable_size_freed(void *arg)
{
	(void)arg;
	void *keep = T(malloc)(100);
	void *p = T(malloc)(100);
	T(free)(p);
	T(malloc_usable_size)(p);
	T(free)(keep);
}

static void free_sized_wrong(void *arg)
{
	(void)arg;
	void *p = T(malloc)(100);
	T(free_sized)(p, 5000);
}

static void free_aligned_wrong(void *arg)
{
	(void)arg;
	char *p = T(aligned_alloc)(64, 64);
	while (((uintptr_t)p & 4095) == 0)	/* want 64- but not 4096-aligned */
		p = T(aligned_alloc)(64, 64);
	T(free_aligned_sized)(p, 4096, 64);
}

struct death_case {
	const char *name;
	void (*fn)(void *);
	const char *msg;
};

static const struct death_case cases[] = {
	{ "double free (small)", double_free_small, "free(): double free" },
	{ "double free (large)", double_free_large, "double free" },
	{ "double free (huge)", double_free_huge, "invalid pointer" },
	{ "double free (remote)", double_free_remote, "double free" },
	{ "double free (ownerless page)", double_free_ownerless,
	    "free(): double free" },
	{ "interior pointer", interior_free, "not the start of a block" },
	{ "misaligned pointer", misaligned_free, "not the start of a block" },
	{ "interior large", interior_free_large, "not the start of a block" },
	{ "stack pointer", stack_free, "not allocated by numalloc" },
	{ "foreign mapping", foreign_free, "not allocated by numalloc" },
	{ "realloc of freed", realloc_freed, "realloc(): double free" },
	{ "usable size of freed", usable_size_freed, "malloc_usable_size()" },
	{ "free_sized too big", free_sized_wrong, "size larger than the block" },
	{ "free_aligned_sized align", free_aligned_wrong,
	    "alignment does not match" },
};

static void test_deaths(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		print_message("death: %s\n", cases[i].name);
		assert_true(tu_expect_death(cases[i].fn, NULL, SIGABRT,
		    cases[i].msg));
	}
}

static void valid_frees(void *arg)
{
	(void)arg;
	void *p = T(malloc)(64);
	T(free)(p);
	p = T(malloc)(64);	/* the same block again: not a double free */
	T(free)(p);
}

static void test_valid_survives(void **state)
{
	(void)state;
	assert_true(tu_expect_survival(valid_frees, NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_deaths),
		cmocka_unit_test(test_valid_survives),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
