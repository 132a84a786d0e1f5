/*
 * Properties of the text module on generated strings: decode, scrub,
 * fit, wrap and collate keep their promises whatever the input.
 */
#include "config.h"

#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text_test.h"
#include "text.h"
#include "xmalloc.h"

/* ---- properties on generated strings --------------------------------------- */

/* Pieces that meet at awkward places: marks, wide, invalid, controls, bidi. */
static const char *const pieces[] = {
	"a", "b", "Z", "7", " ", " ", "  ", "-", "å", "Ä", "ö", "é", "e\xCC\x81", "\xCC\x8A",
	"中", "\xC2\xA0", "\xC2\xAD", "\n", "\r", "\r\n", "\t", "\x1B", "\xFF", "\xE2\x80",
	"\xE2\x80\xAE", "\xC2\x9B", "\x7F", "\xEF\x82\xB7", "–", "sjukvårdsdirektör", "hälso-",
	"ß", "ü", "ø", "\xF0\x9F\x98\x80",
};

char *
random_text(unsigned int *seed, size_t *len)
{
	char buf[512] = "";
	int n;

	*seed = *seed * 1103515245u + 12345u;
	n = (int)((*seed >> 16) % 24);
	for (int k = 0; k < n; k++) {
		*seed = *seed * 1103515245u + 12345u;
		strcat(buf, pieces[(*seed >> 16) % NROWS(pieces)]);
	}
	*len = strlen(buf);
	return strdup(buf);
}

static bool
has_bytes(const char *s, size_t n, const char *needle)
{
	return memmem(s, n, needle, strlen(needle)) != NULL;
}

START_TEST(test_properties)
{
	unsigned int seed = 42u + (unsigned int)_i;

	for (int round = 0; round < 300; round++) {
		size_t len, n, m;
		char *s = random_text(&seed, &len);
		char *d = text_decode(s, len, &n, NULL), *again, *sc;
		int w, W = 1 + (int)(seed >> 20) % 12, used;
		struct text_line *l;
		size_t cnt, fit;

		/* decode: valid UTF-8, NFC, no CR, no NUL */
		ck_assert(text_is_utf8(d, n));
		ck_assert_ptr_null(memchr(d, '\r', n));
		ck_assert_uint_eq(strlen(d), n);
		again = text_nfc(d, n, &m);
		ck_assert(m == n && memcmp(again, d, n) == 0);
		free(again);

		/* scrub: nothing left that steers a terminal; same width */
		sc = text_scrub(s, len, &m);
		ck_assert(text_is_utf8(sc, m));
		for (size_t k = 0; k < m; k++) {
			unsigned char c = (unsigned char)sc[k];

			ck_assert(c >= 0x20 || c == '\n' || c == '\t');
			ck_assert(c != 0x7F);
			ck_assert(!(c == 0xC2 && k + 1 < m && (unsigned char)sc[k + 1] < 0xA0));
		}
		ck_assert(!has_bytes(sc, m, "\xE2\x80\xAE") && !has_bytes(sc, m, "\xC2\xAD"));
		ck_assert_int_eq(text_width(sc, m), text_width(s, len));

		/* fit / truncate / pad on the scrubbed text */
		w = text_width(sc, m);
		fit = text_fit(sc, m, W, &used);
		ck_assert_int_le(used, W);
		ck_assert_int_eq(used, text_width(sc, fit));
		if (fit < m) {
			unsigned int cp;

			text_next_char(sc + fit, m - fit, &cp);
			ck_assert_int_gt(text_width(sc + fit, text_next_char(sc + fit, m - fit, &cp)), 0);
			ck_assert_int_gt(used + text_width(sc + fit, text_next_char(sc + fit, m - fit, &cp)), W);
		} else {
			ck_assert_int_eq(used, w);
		}
		{
			char *t = text_truncate(sc, m, W), *p = text_pad(sc, m, W);

			ck_assert_int_le(text_width(t, strlen(t)), W);
			ck_assert_int_eq(text_width(p, strlen(p)), W);
			ck_assert(text_is_utf8(t, strlen(t)));
			free(t);
			free(p);
		}

		/* wrap: ordered lines, exact widths, within W unless one wide cluster */
		cnt = text_wrap(sc, m, W, &l);
		ck_assert_uint_ge(cnt, 1);
		for (size_t k = 0; k < cnt; k++) {
			ck_assert_int_eq(l[k].width, text_width(sc + l[k].off, l[k].len));
			if (l[k].width > W) {
				/* Only one character (and its marks) may be wider. */
				const char *ls = sc + l[k].off;
				size_t first = text_next_char(ls, l[k].len, &(unsigned int){ 0 });

				ck_assert_msg(text_width(ls, first) == l[k].width &&
				    text_fit(ls + first, l[k].len - first, 0, NULL) == l[k].len - first,
				    "W=%d line [%.*s] width %d", W, (int)l[k].len, ls, l[k].width);
			}
			if (k > 0)
				ck_assert_uint_ge(l[k].off, l[k - 1].off + l[k - 1].len);
			if (l[k].len > 0)
				ck_assert(sc[l[k].off + l[k].len - 1] != ' ');
		}
		/* nothing but spaces and newlines falls between lines */
		for (size_t k = 0, at = 0; k <= cnt; k++) {
			size_t until = k < cnt ? l[k].off : m;

			for (; at < until; at++)
				ck_assert_msg(sc[at] == ' ' || sc[at] == '\n' || sc[at] == '\t',
				    "byte 0x%02x dropped by wrap", (unsigned char)sc[at]);
			if (k < cnt)
				at = l[k].off + l[k].len;
		}
		free(l);

		/* collation: only equal bytes compare equal; antisymmetric */
		{
			size_t len2;
			char *o = random_text(&seed, &len2);
			int r1 = text_collate(s, len, o, len2), r2 = text_collate(o, len2, s, len);

			ck_assert_int_eq(sign(r1), -sign(r2));
			ck_assert((r1 == 0) == (len == len2 && memcmp(s, o, len) == 0));
			/* A shared prefix changes nothing (the comparison skips it). */
			{
				char *ps = xasprintf("Sammanträde å %s", s), *po = xasprintf("Sammanträde å %s", o);

				ck_assert_int_eq(sign(text_collate_str(ps, po)), sign(r1));
				free(ps);
				free(po);
			}
			free(o);
		}
		free(sc);
		free(d);
		free(s);
	}
}
END_TEST

/* Sorted generated strings are in order pairwise: the order is transitive. */
START_TEST(test_collate_transitive)
{
	enum { N = 80 };
	const char *v[N];
	unsigned int seed = 7u + (unsigned int)_i;
	size_t len;

	for (int k = 0; k < N; k++)
		v[k] = random_text(&seed, &len);
	qsort(v, N, sizeof v[0], text_test_cmp);
	for (int a = 0; a < N; a++)
		for (int b = a + 1; b < N; b++)
			ck_assert_msg(text_collate_str(v[a], v[b]) <= 0, "%d > %d after sorting", a, b);
	for (int k = 0; k < N; k++)
		free((char *)v[k]);
}
END_TEST

/*
 * text_squeezed_char_to_byte against its definition: the byte where
 * character number k of text_squeeze_space(t) begins, every k, on decoded
 * random text with long runs of printable ASCII between the pieces (the
 * walk takes those eight bytes at a time).
 */
START_TEST(test_squeezed_offsets)
{
	unsigned int seed = 7u + (unsigned int)_i;

	for (int round = 0; round < 200; round++) {
		struct buf b = { 0 };
		size_t n, len;
		char *t;

		for (int k = 0; k < 6; k++) {
			char *r = random_text(&seed, &len);

			buf_add(&b, r, len);
			free(r);
			for (unsigned int a = (seed >> 8) % 21; a > 0; a--)
				buf_add(&b, "Barnkonventionen;" + (a + round) % 9, 1);
		}
		t = text_decode(b.data ? b.data : "", b.len, &n, NULL);
		buf_free(&b);
		{
			long long k = 0;
			bool prev = false;
			size_t i = 0;

			while (i < n) {
				unsigned int cp;
				size_t cl = text_next_char(t + i, n - i, &cp);
				bool sp = text_is_space(cp);

				if (!(sp && prev)) {
					ck_assert_uint_eq(text_squeezed_char_to_byte(t, n, k), i);
					k++;
				}
				prev = sp;
				i += cl;
			}
			ck_assert_uint_eq(text_squeezed_char_to_byte(t, n, k), n);
		}
		free(t);
	}
}
END_TEST

void
text_props_tests(TCase *tc)
{
	tcase_add_loop_test(tc, test_properties, 0, 10);
	tcase_add_loop_test(tc, test_squeezed_offsets, 0, 4);
	tcase_add_loop_test(tc, test_collate_transitive, 0, 5);
}
