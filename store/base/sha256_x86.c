/*
 * SHA-256 blocks with the x86 SHA extensions (SHA-NI), when the processor
 * has them; sha256.c falls back to its portable code otherwise.
 *
 * Why: an import hashes every byte twice (the file as read, each
 * document's text), and the portable block function was 17 % of the
 * parse of the ten-year archive (perf, issue 17), the largest single cost
 * there. AMD processors since Zen and Intel ones since Ice Lake (Goldmont
 * for the small cores) have the instructions; elsewhere, or with another
 * compiler, nothing changes. The code follows Intel's reference
 * ("Intel SHA Extensions", 2013): four rounds per SHA256RNDS2 pair, the
 * message schedule with SHA256MSG1/MSG2.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "sha256.h"

#if defined(__x86_64__) && defined(__GNUC__)
#include <cpuid.h>
#include <immintrin.h>

#define SHA_TARGET __attribute__((target("sha,sse4.1,ssse3")))

/* The round constants are sha256.c's store_sha256_k (16-byte aligned for the loads). */

bool
store_sha256_x86_usable(void)
{
	unsigned int a, b, c, d;

	if (!__get_cpuid(1, &a, &b, &c, &d))
		return false;
	if (!(c & bit_SSSE3) || !(c & bit_SSE4_1))
		return false;
	if (!__get_cpuid_count(7, 0, &a, &b, &c, &d))
		return false;
	return (b & bit_SHA) != 0;
}

/* Four rounds: k is the round constants' offset, msg the four words. */
#define ROUNDS4(msg, k) do { \
	__m128i m_ = _mm_add_epi32((msg), _mm_load_si128((const __m128i *)&store_sha256_k[k])); \
	s1 = _mm_sha256rnds2_epu32(s1, s0, m_); \
	m_ = _mm_shuffle_epi32(m_, 0x0e); \
	s0 = _mm_sha256rnds2_epu32(s0, s1, m_); \
} while (0)

/* The schedule: m0 gets the next four words from m0..m3. */
#define SCHED(m0, m1, m2, m3) do { \
	m0 = _mm_sha256msg1_epu32(m0, m1); \
	m0 = _mm_add_epi32(m0, _mm_alignr_epi8(m3, m2, 4)); \
	m0 = _mm_sha256msg2_epu32(m0, m3); \
} while (0)

SHA_TARGET void
store_sha256_x86_blocks(unsigned int h[8], const unsigned char *p, size_t n)
{
	const __m128i swap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
	__m128i s0, s1, t, abef, cdgh, m0, m1, m2, m3;

	/* h[0..7] = a..h into the ABEF / CDGH layout the instructions use. */
	t = _mm_loadu_si128((const __m128i *)&h[0]);	/* d c b a */
	s1 = _mm_loadu_si128((const __m128i *)&h[4]);	/* h g f e */
	t = _mm_shuffle_epi32(t, 0xb1);			/* c d a b */
	s1 = _mm_shuffle_epi32(s1, 0x1b);		/* e f g h */
	s0 = _mm_alignr_epi8(t, s1, 8);			/* a b e f */
	s1 = _mm_blend_epi16(s1, t, 0xf0);		/* c d g h */

	for (; n > 0; n--, p += 64) {
		abef = s0;
		cdgh = s1;
		m0 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 0)), swap);
		m1 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 16)), swap);
		m2 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 32)), swap);
		m3 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 48)), swap);
		ROUNDS4(m0, 0);
		ROUNDS4(m1, 4);
		ROUNDS4(m2, 8);
		ROUNDS4(m3, 12);
		for (int k = 16; k < 64; k += 16) {
			SCHED(m0, m1, m2, m3);
			ROUNDS4(m0, k);
			SCHED(m1, m2, m3, m0);
			ROUNDS4(m1, k + 4);
			SCHED(m2, m3, m0, m1);
			ROUNDS4(m2, k + 8);
			SCHED(m3, m0, m1, m2);
			ROUNDS4(m3, k + 12);
		}
		s0 = _mm_add_epi32(s0, abef);
		s1 = _mm_add_epi32(s1, cdgh);
	}

	/* Back from ABEF / CDGH to a..h. */
	t = _mm_shuffle_epi32(s0, 0x1b);		/* f e b a */
	s1 = _mm_shuffle_epi32(s1, 0xb1);		/* d c h g */
	s0 = _mm_blend_epi16(t, s1, 0xf0);		/* d c b a */
	s1 = _mm_alignr_epi8(s1, t, 8);			/* h g f e */
	_mm_storeu_si128((__m128i *)&h[0], s0);
	_mm_storeu_si128((__m128i *)&h[4], s1);
}

#else

bool
store_sha256_x86_usable(void)
{
	return false;
}

void
store_sha256_x86_blocks(unsigned int h[8], const unsigned char *p, size_t n)
{
	(void)h;
	(void)p;
	(void)n;
}

#endif
