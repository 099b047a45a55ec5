/*
 * obstack_printf for glibc-built binaries.  musl has no obstack; the
 * binary's struct obstack has glibc's layout (struct chk_obstack in chk.h,
 * checked against glibc's <obstack.h> by the tests).  The text is appended
 * to the growing object without a NUL, as glibc's obstack_vprintf does.
 *
 * Growing: when the process has an _obstack_newchunk (glibc, gnulib,
 * musl-obstack: whoever the binary got its obstack from), that one is
 * used so chunk bookkeeping stays in one hand.  Otherwise ours follows
 * glibc's obstack.c step for step, allocating through the obstack's own
 * chunkfun.  On allocation failure glibc calls obstack_alloc_failed_handler,
 * which prints "memory exhausted" and exits; we cannot reach the binary's
 * handler, so we do what its default does.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chk.h"

extern void _obstack_newchunk(struct chk_obstack *o, int length)
    __attribute__((__weak__));

static char *
align_in(char *base, char *p, long mask)
{
	return base + (((uintptr_t)(p - base) + (uintptr_t)mask) & ~(uintptr_t)mask);
}

static void *
call_chunkfun(struct chk_obstack *o, long size)
{
	if (o->use_extra_arg)
		return o->chunkfun(o->extra_arg, size);
	return ((void *(*)(long))(void (*)(void))o->chunkfun)(size);
}

static void
call_freefun(struct chk_obstack *o, void *chunk)
{
	if (o->use_extra_arg)
		o->freefun(o->extra_arg, chunk);
	else
		((void (*)(void *))(void (*)(void))o->freefun)(chunk);
}

static void
newchunk(struct chk_obstack *o, size_t length)
{
	struct chk_obstack_chunk *old = o->chunk, *c;
	long obj_size = o->next_free - o->object_base;
	long size = obj_size + (long)length + (obj_size >> 3) +
	    o->alignment_mask + 100;
	char *base;

	if (size < o->chunk_size)
		size = o->chunk_size;
	c = call_chunkfun(o, size);
	if (c == NULL) {
		fputs("memory exhausted\n", stderr);
		exit(EXIT_FAILURE);
	}
	o->chunk = c;
	c->prev = old;
	c->limit = o->chunk_limit = (char *)c + size;
	base = align_in((char *)c, c->contents, o->alignment_mask);
	memcpy(base, o->object_base, (size_t)obj_size);
	/* The old chunk held only this object: free it, as glibc does. */
	if (!o->maybe_empty_object &&
	    o->object_base == align_in((char *)old, old->contents, o->alignment_mask)) {
		c->prev = old->prev;
		call_freefun(o, old);
	}
	o->object_base = base;
	o->next_free = base + obj_size;
	o->maybe_empty_object = 0;
}

/* Make room for len more bytes after next_free. */
static int
reserve(struct chk_obstack *o, size_t len)
{
	if ((size_t)(o->chunk_limit - o->next_free) >= len)
		return 0;
	if (len > INT_MAX)
		return -1;
	if (_obstack_newchunk)
		_obstack_newchunk(o, (int)len);
	else
		newchunk(o, len);
	return 0;
}

/* Format in place when it fits (vsnprintf needs room for a NUL it is not
 * part of the object), else reserve exactly what is needed and redo. */
CHK_EXPORT int
__obstack_vprintf_chk(struct obstack *ob, int flag, const char *fmt,
    va_list ap)
{
	struct chk_obstack *o = (struct chk_obstack *)ob;
	size_t room = (size_t)(o->chunk_limit - o->next_free);
	va_list again;
	int r;

	chk_printf_check(flag, fmt);
	va_copy(again, ap);
	r = vsnprintf(o->next_free, room, fmt, ap);
	if (r >= 0 && (size_t)r >= room) {
		if (reserve(o, (size_t)r + 1) < 0)
			r = -1;
		else
			r = vsnprintf(o->next_free, (size_t)r + 1, fmt, again);
	}
	va_end(again);
	if (r > 0)
		o->next_free += r;
	return r;
}

CHK_EXPORT int
__obstack_printf_chk(struct obstack *ob, int flag, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = __obstack_vprintf_chk(ob, flag, fmt, ap);
	va_end(ap);
	return r;
}
