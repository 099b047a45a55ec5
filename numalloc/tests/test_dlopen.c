/*
 * test_dlopen.c LIBNUMALLOC.SO: load numalloc with dlopen() after start-up
 * and use it from two threads.  This is what the TLS model must allow:
 * initial-exec TLS in a dlopen()ed object is refused by musl's loader.
 * The process's own malloc stays the libc's; numalloc's entry points are
 * reached through dlsym().
 */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "numalloc.h"

static void *(*na_malloc)(size_t);
static void (*na_free)(void *);
static int (*na_stats)(struct numalloc_stats *, size_t);

static void *worker(void *arg)
{
	(void)arg;
	for (int i = 0; i < 10000; i++) {
		char *p = na_malloc((size_t)(i % 3000) + 1);
		if (p == NULL)
			return (void *)1;
		memset(p, 1, (size_t)(i % 3000) + 1);
		na_free(p);
	}
	return NULL;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: %s LIBNUMALLOC.SO\n", argv[0]);
		return 2;
	}
	void *h = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
	if (h == NULL) {
		fprintf(stderr, "dlopen: %s\n", dlerror());
		return 1;
	}
	na_malloc = (void *(*)(size_t))dlsym(h, "malloc");
	na_free = (void (*)(void *))dlsym(h, "free");
	na_stats = (int (*)(struct numalloc_stats *, size_t))dlsym(h,
	    "numalloc_get_stats");
	if (na_malloc == NULL || na_free == NULL || na_stats == NULL) {
		fprintf(stderr, "dlsym failed\n");
		return 1;
	}
	pthread_t t[2];
	void *r0 = NULL, *r1 = NULL;
	pthread_create(&t[0], NULL, worker, NULL);
	pthread_create(&t[1], NULL, worker, NULL);
	pthread_join(t[0], &r0);
	pthread_join(t[1], &r1);
	struct numalloc_stats st;
	if (r0 != NULL || r1 != NULL || na_stats(&st, sizeof st) != 0 ||
	    st.malloc_calls < 20000 || st.free_calls < 20000) {
		fprintf(stderr, "numalloc did not serve the calls\n");
		return 1;
	}
	printf("ok: %llu allocations through the dlopen()ed numalloc\n",
	    (unsigned long long)st.malloc_calls);
	return 0;
}
