/*
 * sizeclass.h: the size-class tables and the request -> class mapping
 * (sizeclass.c).  Included by numalloc_internal.h only, which it relies
 * on for NA_HIDDEN and the constants.
 */
#ifndef NUMALLOC_SIZECLASS_H
#define NUMALLOC_SIZECLASS_H

extern const uint32_t na_class_size[NA_CLASS_COUNT] NA_HIDDEN;
extern const uint8_t na_class_slices[NA_CLASS_COUNT] NA_HIDDEN;

extern const uint8_t na_class_small[65] NA_HIDDEN;	/* n <= 1 KiB */

/* Class for n bytes (0 <= n <= NA_SMALL_MAX): 16-byte steps to 128, then
 * 4 classes per power of two. */
static inline unsigned na_size_class(size_t n)
{
	if (n <= 1024)
		return na_class_small[(n + 15) >> 4];
	size_t m = n - 1;
	unsigned k = 63u - (unsigned)__builtin_clzl(m);	/* >= 7 */
	return 8 + (k - 7) * 4 + (unsigned)((m >> (k - 2)) & 3);
}

/* Smallest class >= n whose block size is a multiple of align (a power of
 * two <= NA_SLICE_SIZE), or NA_CLASS_COUNT if none. */
unsigned na_size_class_aligned(size_t n, size_t align) NA_HIDDEN;

#endif
