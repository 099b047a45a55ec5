/* Cases: open/mq_open without mode, __fdelt_chk, __longjmp_chk (open.c,
 * fdelt.c, longjmp.c). */
#include <fcntl.h>
#include <limits.h>
#include <setjmp.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "cases.h"

/* a = flags, c = 0 open_2, 1 open64_2, 2 openat_2, 3 openat64_2, 4 mq_open_2. */
static void
open_case(const struct chk_case *c)
{
	int fd = -1, flags = (int)c->a;

	switch (c->c) {
	case 0: fd = __open_2("/", flags); break;
	case 1: fd = __open64_2("/", flags); break;
	case 2: fd = __openat_2(AT_FDCWD, "/", flags); break;
	case 3: fd = __openat64_2(AT_FDCWD, "/", flags); break;
	case 4: fd = __mq_open_2("/chk-compat-absent", flags); break;
	}
	if (c->c < 4)
		EXPECT(fd >= 0);
	else
		EXPECT(fd == -1);
	printf("opened=%d\n", fd >= 0);
}

static void
fdelt_case(const struct chk_case *c)
{
	long d = (long)c->a, r = c->c ? __fdelt_warn(d) : __fdelt_chk(d);

	EXPECT(r == d / (long)(8 * sizeof(long)));
	printf("ret=%ld\n", r);
}

/* __chk_fail itself: what every failed check ends in. */
static void
chk_fail_case(const struct chk_case *c)
{
	(void)c;
	__chk_fail();
}

/* ---- __longjmp_chk ---- */

static jmp_buf env;
static char *alt_stack;

/* Recurse with a large frame so the final setjmp lies well below the
 * caller, then return: env now names a dead, deeper frame. */
static int __attribute__((noinline))
deep_setjmp(int depth)
{
	volatile char pad[512];

	pad[0] = (char)depth;
	if (depth > 0)
		return deep_setjmp(depth - 1) + pad[0];
	return setjmp(env);
}

static void
on_signal(int sig)
{
	(void)sig;
	__longjmp_chk(env, 7);
}

/* c = 0 jump to a caller, 1 into a dead frame, 2 from a handler on an
 * alternate stack that lies above the target, 3 from a handler on the
 * normal stack. */
static void
longjmp_case(const struct chk_case *c)
{
	/* The alternate stack lives in this frame, above everything the
	 * handler's target (set in a deeper frame) uses. */
	static char above_guard;
	char stack_here[65536];
	volatile int v;

	(void)above_guard;
	alt_stack = stack_here;
	if (c->c == 1) {
		deep_setjmp(8);
		__longjmp_chk(env, 3);
	}
	if (c->c >= 2) {
		struct sigaction sa;

		memset(&sa, 0, sizeof sa);
		sa.sa_handler = on_signal;
		sa.sa_flags = c->c == 2 ? SA_ONSTACK : 0;
		EXPECT(sigaction(SIGUSR1, &sa, NULL) == 0);
		if (c->c == 2) {
			stack_t ss = { .ss_sp = stack_here, .ss_size = sizeof stack_here };

			EXPECT(sigaltstack(&ss, NULL) == 0);
		}
	}
	v = setjmp(env);
	if (v == 0) {
		if (c->c >= 2)
			raise(SIGUSR1);
		else
			__longjmp_chk(env, 5);
		EXPECT(0);
	}
	printf("returned %d\n", v);
}

void
register_misc_cases(void)
{
	static const char *const on[] = { "open_2", "open64_2", "openat_2", "openat64_2", "mq_open_2" };
	static const char *const omsg[] = {
		"*** invalid open call: O_CREAT or O_TMPFILE without mode ***: terminated\n",
		"*** invalid open64 call: O_CREAT or O_TMPFILE without mode ***: terminated\n",
		"*** invalid openat call: O_CREAT or O_TMPFILE without mode ***: terminated\n",
		"*** invalid openat64 call: O_CREAT or O_TMPFILE without mode ***: terminated\n",
		"*** invalid mq_open call: O_CREAT without mode and attr ***: terminated\n",
	};
	static const struct { int flags; const char *name; int ok4, ok_mq; } fl[] = {
		{O_RDONLY, "rdonly", 1, 1}, {O_RDONLY | O_DIRECTORY, "directory", 1, 1},
		{O_RDONLY | O_CREAT, "creat", 0, 0}, {O_RDWR | O_TMPFILE, "tmpfile", 0, 1},
		{O_WRONLY | O_CREAT | O_EXCL, "creat-excl", 0, 0},
	};
	struct chk_case p = { .fn = open_case };

	for (size_t f = 0; f < 5; f++)
		for (size_t i = 0; i < sizeof fl / sizeof *fl; i++) {
			int ok = f < 4 ? fl[i].ok4 : fl[i].ok_mq;

			/* O_TMPFILE on "/" would fail with a mode too: skip
			 * it where it is allowed (mq_open ignores it). */
			if (ok && (fl[i].flags & O_TMPFILE) == O_TMPFILE)
				continue;
			p.a = (size_t)fl[i].flags;
			p.c = f;
			p.die = ok ? NULL : omsg[f];
			add_case(&p, "open/%s/%s", on[f], fl[i].name);
		}

	static const long fd[] = { -1, 0, 63, 64, 1023, 1024, LONG_MIN, LONG_MAX, 100 };
	p = (struct chk_case){ .fn = fdelt_case };
	for (size_t w = 0; w < 2; w++)
		for (size_t i = 0; i < sizeof fd / sizeof *fd; i++) {
			p.a = (size_t)fd[i];
			p.c = w;
			p.die = fd[i] < 0 || fd[i] >= 1024 ?
			    "*** bit out of range 0 - FD_SETSIZE on fd_set ***: terminated\n" : NULL;
			add_case(&p, "misc/%s/%ld", w ? "fdelt_warn" : "fdelt_chk", fd[i]);
		}

	p = (struct chk_case){ .fn = chk_fail_case, .die = OVF };
	add_case(&p, "misc/chk_fail");

	static const char *const lj[] = { "caller", "dead-frame", "altstack-handler", "handler" };
	p = (struct chk_case){ .fn = longjmp_case };
	for (size_t v = 0; v < 4; v++) {
		p.c = v;
		p.die = v == 1 ? "*** longjmp causes uninitialized stack frame ***: terminated\n" : NULL;
		add_case(&p, "misc/longjmp_chk/%s", lj[v]);
	}
}
