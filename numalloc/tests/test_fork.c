/*
 * test_fork.c: fork while other threads allocate and free.  The child must
 * find every allocator lock free, be able to allocate from the main thread
 * and from new threads, and reuse the pages of threads it does not have.
 */
#include "natest.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static atomic_int stop;
static _Atomic(void *) shared[256];

static void *churn(void *arg)
{
	unsigned s = (unsigned)(uintptr_t)arg;
	while (!atomic_load(&stop)) {
		s = s * 1103515245u + 12345u;
		void *p = T(malloc)(16 + (s >> 8) % 70000);
		memset(p, 1, 16);
		p = atomic_exchange(&shared[(s >> 4) % 256], p);
		T(free)(p);
	}
	return NULL;
}

static void *child_thread(void *arg)
{
	void *v[100];
	(void)arg;
	for (int i = 0; i < 100; i++)
		v[i] = T(malloc)((size_t)i * 37 + 1);
	for (int i = 0; i < 100; i++)
		T(free)(v[i]);
	return NULL;
}

static void child(void)
{
	alarm(10);	/* a deadlock becomes a failure, not a hang */
	for (int i = 0; i < 1000; i++)
		T(free)(T(malloc)((size_t)i * 13 + 1));
	/* Blocks of the parent's other threads: freed here (remote). */
	for (int i = 0; i < 256; i += 2)
		T(free)(atomic_exchange(&shared[i], NULL));
	pthread_t t;
	if (pthread_create(&t, NULL, child_thread, NULL) != 0)
		_exit(3);
	pthread_join(t, NULL);
	_exit(0);
}

int main(void)
{
	pthread_t t[3];
	int bad = 0;

	for (int i = 0; i < 3; i++)
		pthread_create(&t[i], NULL, churn, (void *)(uintptr_t)(i + 1));
	for (int i = 0; i < 60; i++) {
		pid_t pid = fork();
		if (pid == 0)
			child();
		int st;
		if (pid < 0 || waitpid(pid, &st, 0) != pid ||
		    !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
			fprintf(stderr, "fork %d: child failed (status %#x)\n",
			    i, pid < 0 ? -1 : st);
			bad = 1;
		}
	}
	atomic_store(&stop, 1);
	for (int i = 0; i < 3; i++)
		pthread_join(t[i], NULL);
	for (int i = 0; i < 256; i++)
		T(free)(atomic_exchange(&shared[i], NULL));
	if (!bad)
		printf("ok\n");
	return bad;
}
