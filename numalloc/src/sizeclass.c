/*
 * sizeclass.c: the size-class tables (generated once with a script; see
 * na_size_class() in numalloc_internal.h for the mapping) and aligned
 * class lookup.
 */
#include "numalloc_internal.h"

/* Block size of each class: 16-byte steps to 128 B, then 4 per doubling. */
const uint32_t na_class_size[NA_CLASS_COUNT] = {
	16, 32, 48, 64, 80, 96,
	112, 128, 160, 192, 224, 256,
	320, 384, 448, 512, 640, 768,
	896, 1024, 1280, 1536, 1792, 2048,
	2560, 3072, 3584, 4096, 5120, 6144,
	7168, 8192, 10240, 12288, 14336, 16384,
	20480, 24576, 28672, 32768, 40960, 49152,
	57344, 65536, 81920, 98304, 114688, 131072,
	163840, 196608, 229376, 262144,
};

/* Slices per page: the fewest giving >= 4 blocks and <= 1/8 tail waste. */
const uint8_t na_class_slices[NA_CLASS_COUNT] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2,
	2, 4, 3, 4, 4, 5, 6, 7, 8, 10, 12, 14, 16,
};

/* na_size_class() of 16 * i, for the requests of up to 1 KiB that most
 * programs make: one load instead of a bit scan and shifts. */
const uint8_t na_class_small[65] = {
	0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 8, 9, 9, 10, 10, 11,
	11, 12, 12, 12, 12, 13, 13, 13, 13, 14, 14, 14, 14, 15, 15, 15,
	15, 16, 16, 16, 16, 16, 16, 16, 16, 17, 17, 17, 17, 17, 17, 17,
	17, 18, 18, 18, 18, 18, 18, 18, 18, 19, 19, 19, 19, 19, 19, 19,
	19,
};

unsigned na_size_class_aligned(size_t n, size_t align)
{
	if (n == 0)
		n = 1;
	if (n > NA_SMALL_MAX)
		return NA_CLASS_COUNT;
	/* Blocks start at page_start + i * size and pages are slice
	 * aligned, so a class whose size is a multiple of align gives
	 * aligned blocks.  Powers of two are classes, so this ends. */
	for (unsigned c = na_size_class(n); c < NA_CLASS_COUNT; c++)
		if ((na_class_size[c] & (align - 1)) == 0)
			return c;
	return NA_CLASS_COUNT;
}
