/*
 * Short copies for the checked string and memory functions, inlined so
 * that a checked call costs no more than the plain one.  musl's x86_64
 * memcpy starts `rep movsq` at every size, whose start-up dominates below
 * a few hundred bytes; unaligned 16-byte SSE2 moves (x86_64 baseline) do
 * not have one, which pays for the bounds check and more.
 *
 * NO_ASAN: str.c reads past a string's NUL within a 16-byte chunk, which
 * ASan cannot know is safe, and an always_inline function must carry the
 * same sanitizer attributes as every caller.
 */
#ifndef CHK_COPY_SMALL_H
#define CHK_COPY_SMALL_H

#include <emmintrin.h>
#include <stdint.h>
#include <string.h>

#define NO_ASAN __attribute__((__no_sanitize_address__))
#define ALWAYS_INLINE __attribute__((__always_inline__))

/* Copies len bytes (1 <= len <= 16) with two overlapping stores at most. */
static inline NO_ASAN ALWAYS_INLINE void
copy_short(char *d, const char *s, size_t len)
{
	if (len >= 8) {
		uint64_t head, tail;

		memcpy(&head, s, 8);
		memcpy(&tail, s + len - 8, 8);
		memcpy(d, &head, 8);
		memcpy(d + len - 8, &tail, 8);
	} else if (len >= 4) {
		uint32_t head, tail;

		memcpy(&head, s, 4);
		memcpy(&tail, s + len - 4, 4);
		memcpy(d, &head, 4);
		memcpy(d + len - 4, &tail, 4);
	} else {
		d[0] = s[0];
		if (len > 1)
			d[1] = s[1];
		if (len > 2)
			d[2] = s[2];
	}
}

/* Up to this many bytes copy_upto is faster than musl's memcpy. */
#define COPY_SMALL_MAX 256

/* Copies n bytes (n <= COPY_SMALL_MAX) in 16-byte moves, the last one
 * overlapping the one before; the regions must not overlap (memcpy). */
static inline NO_ASAN ALWAYS_INLINE void
copy_upto(char *d, const char *s, size_t n)
{
	__m128i last;

	if (n <= 16) {
		if (n != 0)
			copy_short(d, s, n);
		return;
	}
	last = _mm_loadu_si128((const __m128i *)(s + n - 16));
	for (size_t i = 0; i < n - 16; i += 16)
		_mm_storeu_si128((__m128i *)(d + i),
		    _mm_loadu_si128((const __m128i *)(s + i)));
	_mm_storeu_si128((__m128i *)(d + n - 16), last);
}

#endif
