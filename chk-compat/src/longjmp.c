/*
 * __longjmp_chk: siglongjmp that refuses to jump into a dead frame.
 *
 * glibc (sysdeps/unix/sysv/linux/____longjmp_chk.c, and the x86_64 .S):
 * the stack grows down, so a target whose saved stack pointer is above our
 * own frame belongs to a caller and is fine.  A target below us is a frame
 * that has already returned, unless we are running on the alternate signal
 * stack: a handler there may jump back to the normal stack, whatever the
 * addresses say.  glibc tests whether *the current frame* lies inside the
 * alternate stack (not the target), and so do we.  If sigaltstack() fails
 * glibc jumps anyway.
 *
 * musl's x86_64 jmp_buf keeps registers unmangled: __jb[6] is the saved
 * rsp.  The buffer is filled by musl's setjmp/sigsetjmp, which a glibc
 * binary running on musl calls by the same names.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>

#include "chk.h"

#define JB_RSP 6

#ifdef __GLIBC__
/* The glibc flavour's private copy (tests only) reads glibc's jmp_buf,
 * whose rsp is mangled: rol 0x11 after xor with the pointer guard at
 * %fs:0x30 (sysdeps/unix/sysv/linux/x86_64/pointer_guard.h). */
static uintptr_t
saved_sp(jmp_buf env)
{
	uintptr_t v = (uintptr_t)env->__jmpbuf[JB_RSP], guard;

	__asm__("mov %%fs:0x30, %0" : "=r"(guard));
	v = (v >> 0x11) | (v << (64 - 0x11));
	return v ^ guard;
}
#else
static uintptr_t
saved_sp(jmp_buf env)
{
	return (uintptr_t)env->__jb[JB_RSP];
}
#endif

static int
on_alt_stack(uintptr_t here)
{
	stack_t ss;

	if (sigaltstack(NULL, &ss) != 0)
		return 1;
	return ss.ss_flags == SS_ONSTACK &&
	    here >= (uintptr_t)ss.ss_sp &&
	    here < (uintptr_t)ss.ss_sp + ss.ss_size;
}

CHK_EXPORT void
__longjmp_chk(jmp_buf env, int val)
{
	uintptr_t here = (uintptr_t)__builtin_frame_address(0);
	uintptr_t saved = saved_sp(env);

	if (saved < here && !on_alt_stack(here))
		chk_fortify_fail("longjmp causes uninitialized stack frame");
	siglongjmp(env, val);
}
