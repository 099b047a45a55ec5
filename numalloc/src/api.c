/*
 * api.c: the rest of the malloc family, written on top of malloc/free and
 * the slow path.  Error and zero-size behaviour follows musl: malloc(0)
 * and realloc(p, 0) return a unique non-NULL block; sizes that overflow
 * fail with ENOMEM; a bad alignment fails with EINVAL.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "numalloc.h"
#include "numalloc_internal.h"


static int is_pow2(size_t a)
{
	return a != 0 && (a & (a - 1)) == 0;
}

NA_EXPORT void *NA_API(calloc)(size_t n, size_t size)
{
	size_t total;

	if (__builtin_mul_overflow(n, size, &total)) {
		errno = ENOMEM;
		return NULL;
	}
	void *p = NA_API(malloc)(total);
	if (p == NULL)
		return NULL;
	struct na_page *pg = na_page_of(p, "calloc()");
	/* A huge block is a fresh mapping: already zero. */
	if (pg->kind != NA_PAGE_HUGE)
		memset(p, 0, total);
	return p;
}

NA_EXPORT void *NA_API(aligned_alloc)(size_t align, size_t n)
{
	if (!is_pow2(align)) {
		errno = EINVAL;
		return NULL;
	}
	if (align <= NA_ALIGN)
		return NA_API(malloc)(n);
	if (n > PTRDIFF_MAX || align > PTRDIFF_MAX / 2) {
		errno = ENOMEM;
		return NULL;
	}
	return na_malloc_slow(na_tls, n, align);
}

NA_EXPORT int NA_API(posix_memalign)(void **res, size_t align, size_t n)
{
	if (!is_pow2(align) || align < sizeof(void *))
		return EINVAL;
	int saved = errno;
	void *p = NA_API(aligned_alloc)(align, n);
	if (p == NULL) {
		int e = errno;
		errno = saved;
		return e;
	}
	*res = p;
	return 0;
}

NA_EXPORT void *NA_API(memalign)(size_t align, size_t n)
{
	return NA_API(aligned_alloc)(align, n);
}

NA_EXPORT void *NA_API(valloc)(size_t n)
{
	return NA_API(aligned_alloc)(NA_OS_PAGE, n);
}

NA_EXPORT void *NA_API(pvalloc)(size_t n)
{
	size_t r = (n + NA_OS_PAGE - 1) & ~(NA_OS_PAGE - 1);

	if (r < n) {
		errno = ENOMEM;
		return NULL;
	}
	return NA_API(aligned_alloc)(NA_OS_PAGE, r == 0 ? NA_OS_PAGE : r);
}

NA_EXPORT size_t NA_API(malloc_usable_size)(void *p)
{
	if (p == NULL)
		return 0;
	return na_usable_size(na_page_of(p, "malloc_usable_size()"));
}

NA_EXPORT void NA_API(free_sized)(void *p, size_t n)
{
	if (p == NULL)
		return;
	/* C23 makes a wrong size undefined; we catch it. */
	if (n > na_usable_size(na_page_of(p, "free_sized()")))
		na_fatal("free_sized()", "size larger than the block", p);
	NA_API(free)(p);
}

NA_EXPORT void NA_API(free_aligned_sized)(void *p, size_t align, size_t n)
{
	if (p == NULL)
		return;
	struct na_page *pg = na_page_of(p, "free_aligned_sized()");
	if (!is_pow2(align) || ((uintptr_t)p & (align - 1)) != 0)
		na_fatal("free_aligned_sized()", "alignment does not match", p);
	if (n > na_usable_size(pg))
		na_fatal("free_aligned_sized()", "size larger than the block",
		    p);
	NA_API(free)(p);
}

/* glibc extension that many programs call: return free memory to the
 * OS.  Returns 1 if memory was released, as glibc documents. */
NA_EXPORT int NA_API(malloc_trim)(size_t pad)
{
	(void)pad;
	return numalloc_collect(1) > 0;
}
