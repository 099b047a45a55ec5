/*
 * test_libc.c: allocations made inside the C library - stdio's FILE and
 * buffers, strdup, getline, qsort-free paths - go through numalloc.  Each
 * is counted by numalloc's statistics and then freed with numalloc's
 * validating free, which would abort on a block from another allocator.
 * Built static against musl (the case that needs libc.a's malloc to be
 * left out) and dynamic in both flavours.
 */
#include "natest.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int failed;

#define CHECK(c) do { if (!(c)) { fprintf(stderr, "%s:%d: %s\n", \
	__FILE__, __LINE__, #c); failed = 1; } } while (0)

static uint64_t mallocs(void)
{
	struct numalloc_stats s;
	numalloc_get_stats(&s, sizeof s);
	return s.malloc_calls;
}

static void *thread_io(void *arg)
{
	char *s = strdup((const char *)arg);
	CHECK(s != NULL && malloc_usable_size(s) >= strlen(arg) + 1);
	free(s);
	return NULL;
}

int main(void)
{
	uint64_t m0 = mallocs();
	char *d = strdup("a string for strdup");
	CHECK(mallocs() > m0);
	CHECK(malloc_usable_size(d) >= 20);	/* aborts if not ours */
	free(d);

	m0 = mallocs();
	FILE *f = fopen("/proc/self/status", "r");
	CHECK(f != NULL);
	CHECK(mallocs() > m0);		/* the FILE and its buffer */
	char *line = NULL;
	size_t cap = 0;
	m0 = mallocs();
	CHECK(getline(&line, &cap, f) > 0);
	CHECK(mallocs() > m0);
	CHECK(malloc_usable_size(line) >= cap);
	free(line);
	fclose(f);

	m0 = mallocs();
	char *mem = NULL;
	size_t len = 0;
	FILE *ms = open_memstream(&mem, &len);
	CHECK(ms != NULL);
	for (int i = 0; i < 1000; i++)
		fprintf(ms, "line %d\n", i);
	fclose(ms);
	CHECK(len > 6000 && mallocs() > m0);
	free(mem);

	pthread_t t;
	pthread_create(&t, NULL, thread_io, "from a thread");
	pthread_join(t, NULL);
	if (failed)
		return 1;
	printf("ok\n");
	return 0;
}
