/*
 * Substring search (W. Mula's "SIMD-friendly" algorithm with SSE2).
 */
#define _GNU_SOURCE	/* memmem */
#include "substr.h"

#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>

/* The plain loop, for the last few bytes. */
static bool
tail(const char *h, size_t n, const char *k, size_t m)
{
	for (size_t i = 0; i + m <= n; i++)
		if (h[i] == k[0] && memcmp(h + i + 1, k + 1, m - 1) == 0)
			return true;
	return false;
}

static bool
contains_sse2(const char *h, size_t n, const char *k, size_t m)
{
	const __m128i first = _mm_set1_epi8(k[0]);
	const __m128i last = _mm_set1_epi8(k[m - 1]);
	size_t i = 0;

	for (; i + m - 1 + 16 <= n; i += 16) {
		__m128i a = _mm_loadu_si128((const __m128i *)(h + i));
		__m128i b = _mm_loadu_si128((const __m128i *)(h + i + m - 1));
		unsigned mask = (unsigned)_mm_movemask_epi8(_mm_and_si128(
		    _mm_cmpeq_epi8(a, first), _mm_cmpeq_epi8(b, last)));

		while (mask != 0) {
			unsigned bit = (unsigned)__builtin_ctz(mask);

			if (memcmp(h + i + bit + 1, k + 1, m - 2) == 0)
				return true;
			mask &= mask - 1;
		}
	}
	return tail(h + i, n - i, k, m);
}
#endif

bool
evb_contains(const char *h, size_t n, const char *k, size_t m)
{
	if (m == 0)
		return true;
	if (m > n)
		return false;
	if (m == 1)
		return memchr(h, k[0], n) != NULL;
#ifdef __SSE2__
	return contains_sse2(h, n, k, m);
#else
	return memmem(h, n, k, m) != NULL;
#endif
}
