/*
 * The text module's decoding and characters: encodings, the strict UTF-8
 * decoder forward and backward, counting and boundaries.
 */
#include "config.h"

#include <check.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text_test.h"
#include "text.h"
#include "xmalloc.h"


/* Encode UTF-8 text with iconv into to (e.g. "CP1252", "UTF-16LE"); test helper. */
static char *
encode(const char *to, const char *utf8, size_t *out_len)
{
	iconv_t cd = iconv_open(to, "UTF-8");
	size_t il = strlen(utf8), ol = il * 4 + 8;
	char *out = malloc(ol), *ip = (char *)utf8, *op = out;

	ck_assert_msg(cd != (iconv_t)-1, "iconv_open %s", to);
	ck_assert_msg(iconv(cd, &ip, &il, &op, &ol) != (size_t)-1, "iconv to %s: %s", to, utf8);
	iconv_close(cd);
	*out_len = (size_t)(op - out);
	return out;
}

/* ---- decode ------------------------------------------------------------ */

static const struct {
	const char *in;
	size_t len; /* 0: strlen */
	const char *want;
	enum text_encoding enc;
} decode_rows[] = {
	{ "N\xC3\xA4mnd f\xC3\xB6r folkh\xC3\xA4lsa", 0, "Nämnd för folkhälsa", TEXT_ENC_UTF8 },
	{ "", 0, "", TEXT_ENC_UTF8 },
	{ "plain ascii", 0, "plain ascii", TEXT_ENC_UTF8 },
	{ "\xEF\xBB\xBF\xC3\x85sa", 0, "Åsa", TEXT_ENC_UTF8_BOM },
	{ "\xEF\xBB\xBF", 0, "", TEXT_ENC_UTF8_BOM },
	{ "a\r\nb\rc\nd\r", 0, "a\nb\nc\nd\n", TEXT_ENC_UTF8 },
	{ "\r\r\n\n", 0, "\n\n\n", TEXT_ENC_UTF8 },
	/* Decomposed å (a + U+030A) and é become NFC. */
	{ "A\xCC\x8Asa e\xCC\x81", 0, "Åsa é", TEXT_ENC_UTF8 },
	{ "a\0b", 3, "a" FFFD "b", TEXT_ENC_UTF8 },
	/* CP1252 by hand: € (0x80), – (0x96), undefined 0x81 0x8D 0x8F 0x90 0x9D. */
	{ "\x80 \x96 \x81", 0, "€ – " FFFD, TEXT_ENC_CP1252 },
	{ "\x8D\x8F\x90\x9D\xE5", 0, FFFD FFFD FFFD FFFD "å", TEXT_ENC_CP1252 },
	{ "\x93" "citat\x94 \x95 punkt", 0, "“citat” • punkt", TEXT_ENC_CP1252 },
	/* Latin-1 bytes are CP1252: café, Åsa Öberg with CRLF. */
	{ "caf\xE9", 0, "café", TEXT_ENC_CP1252 },
	{ "\xC5sa \xD6" "berg\r\n", 0, "Åsa Öberg\n", TEXT_ENC_CP1252 },
	/* Mostly UTF-8 with one broken byte: stays UTF-8, the byte is U+FFFD. */
	{ "N\xC3\xA4mnd f\xC3\xB6r x\xFF", 0, "Nämnd för x" FFFD, TEXT_ENC_UTF8 },
	/* A truncated sequence at the end. */
	{ "\xC3\xA5\xC3\xA4\xC3\xB6 \xE2\x80", 0, "åäö " FFFD, TEXT_ENC_UTF8 },
	/* One accidental UTF-8 pair among more Latin-1: CP1252 wins. */
	{ "\xC3\xA5 \xE5\xE4\xF6 \xC5", 0, "Ã¥ åäö Å", TEXT_ENC_CP1252 },
	/* UTF-16 with BOM by hand: lone surrogate, odd last byte. */
	{ "\xFF\xFE" "a\0\x00\xD8" "b\0", 8, "a" FFFD "b", TEXT_ENC_UTF16LE },
	{ "\xFE\xFF\0a\0", 5, "a" FFFD, TEXT_ENC_UTF16BE },
	{ "\xFF\xFE" "a\0\r\0\n\0" "b\0", 10, "a\nb", TEXT_ENC_UTF16LE },
	{ "\xFE\xFF\xD8\x3D\xDE\x00", 6, "😀", TEXT_ENC_UTF16BE },
	{ "\xFF\xFE\0\0", 4, FFFD, TEXT_ENC_UTF16LE },
};

START_TEST(test_decode)
{
	size_t len = decode_rows[_i].len ? decode_rows[_i].len : strlen(decode_rows[_i].in);
	enum text_encoding enc = (enum text_encoding)-1;
	size_t n = 12345;
	char *out = text_decode(decode_rows[_i].in, len, &n, &enc);

	ck_assert_str_eq(out, decode_rows[_i].want);
	ck_assert_uint_eq(n, strlen(decode_rows[_i].want));
	ck_assert_msg(enc == decode_rows[_i].enc, "row %d: encoding %s, want %s", _i,
	    text_encoding_name(enc), text_encoding_name(decode_rows[_i].enc));
	ck_assert(text_is_utf8(out, n));
	free(out);
}
END_TEST

/* Known strings encoded inside the test, decoded back. */
static const char *const roundtrip_rows[] = {
	"Nämnd för folkhälsa och sjukvård",
	"Övergångsregler – 5 000 € • “citat” … ’s",
	"ÅÄÖ åäö Éé Üü æøœ ß",
	"rad ett\nrad två\n",
	"Zeth, Åsa, Ängel, Örjan",
};

START_TEST(test_decode_encodings)
{
	static const struct {
		const char *iconv_name;
		const char *bom;
		size_t bom_len;
		enum text_encoding enc;
	} encs[] = {
		{ "CP1252", "", 0, TEXT_ENC_CP1252 },
		{ "UTF-16LE", "\xFF\xFE", 2, TEXT_ENC_UTF16LE },
		{ "UTF-16BE", "\xFE\xFF", 2, TEXT_ENC_UTF16BE },
		{ "UTF-8", "\xEF\xBB\xBF", 3, TEXT_ENC_UTF8_BOM },
	};
	const char *want = roundtrip_rows[_i];

	for (int e = 0; e < NROWS(encs); e++) {
		size_t elen, n;
		char *body = encode(encs[e].iconv_name, want, &elen);
		char *in = malloc(elen + encs[e].bom_len + 1);
		enum text_encoding enc;
		char *out;

		memcpy(in, encs[e].bom, encs[e].bom_len);
		memcpy(in + encs[e].bom_len, body, elen);
		out = text_decode(in, elen + encs[e].bom_len, &n, &enc);
		ck_assert_msg(strcmp(out, want) == 0, "%s: got [%s] want [%s]", encs[e].iconv_name, out, want);
		ck_assert_msg(enc == encs[e].enc, "%s: detected %s", encs[e].iconv_name, text_encoding_name(enc));
		/* With CRLF line ends the result is the same. */
		free(out);
		free(in);
		free(body);
	}
}
END_TEST

START_TEST(test_encoding_names)
{
	ck_assert_str_eq(text_encoding_name(TEXT_ENC_UTF8), "UTF-8");
	ck_assert_str_eq(text_encoding_name(TEXT_ENC_CP1252), "CP1252");
	ck_assert_str_eq(text_encoding_name(TEXT_ENC_UTF16LE), "UTF-16LE");
	ck_assert_str_eq(text_encoding_name(TEXT_ENC_UTF16BE), "UTF-16BE");
	ck_assert_str_ne(text_encoding_name(TEXT_ENC_UTF8_BOM), "UTF-8");
}
END_TEST

/* ---- characters ------------------------------------------------------------ */

static const struct {
	const char *in;
	size_t len;
	unsigned int cp;
	size_t used;
} char_rows[] = {
	{ "a", 1, 'a', 1 },
	{ "\xC3\xA5x", 3, 0xE5, 2 },
	{ "\xE2\x80\x93", 3, 0x2013, 3 },
	{ "\xF0\x9F\x98\x80", 4, 0x1F600, 4 },
	{ "\xFF", 1, 0xFFFD, 1 },
	{ "\xC3", 1, 0xFFFD, 1 },  /* truncated */
	{ "\xE2\x80x", 3, 0xFFFD, 2 },  /* maximal subpart, then x */
	{ "\xC0\xAF", 2, 0xFFFD, 1 },  /* overlong / */
	{ "\xED\xA0\x80", 3, 0xFFFD, 1 },  /* surrogate D800 */
	{ "\xF4\x90\x80\x80", 4, 0xFFFD, 1 },  /* past U+10FFFF */
	{ "\x80", 1, 0xFFFD, 1 },  /* lone continuation */
	{ "\xEF\xBF\xBD", 3, 0xFFFD, 3 },  /* a real U+FFFD */
};

START_TEST(test_next_char)
{
	unsigned int cp = 0;
	size_t n = text_next_char(char_rows[_i].in, char_rows[_i].len, &cp);

	ck_assert_uint_eq(cp, char_rows[_i].cp);
	ck_assert_uint_eq(n, char_rows[_i].used);
}
END_TEST

static const struct {
	const char *in;
	bool ok;
} utf8_rows[] = {
	{ "", true }, { "Nämnd", true }, { "\xEF\xBF\xBD", true }, { "😀", true },
	{ "\xFF", false }, { "a\xC3", false }, { "\xED\xA0\x80", false }, { "\xC0\x80", false },
};

START_TEST(test_is_utf8)
{
	ck_assert(text_is_utf8(utf8_rows[_i].in, strlen(utf8_rows[_i].in)) == utf8_rows[_i].ok);
}
END_TEST

/*
 * Counting, stepping back, boundaries: invalid bytes, overlong forms,
 * surrogates and sequences cut at the end, each a character of its own
 * as text_next_char steps (U+FFFD for its maximal subpart).
 */
static const struct {
	const char *in;
	size_t chars;
} step_rows[] = {
	{ "", 0 }, { "Nämnd", 5 }, { "a\xCC\x8A", 2 }, { "\xEF\xBF\xBD", 1 },
	{ "\xC0\xAF", 2 },		/* overlong '/': C0 can never lead */
	{ "\xE0\x80\xAF", 3 },		/* overlong, three bytes */
	{ "\xED\xA0\x80", 3 },		/* surrogate D800 */
	{ "\xF4\x90\x80\x80", 4 },	/* past U+10FFFF */
	{ "\xF0\x9F\x98", 1 },		/* cut at the end: one U+FFFD */
	{ "a\xE2\x80", 2 },
	{ "\x80\x80\x80\x80\x80", 5 },	/* stray continuation bytes */
	{ "\xC3\xA5\x80\x80\x80\x80", 5 },
	{ "\xF0\x9F\x98\x80\x80", 2 },
	{ "\xFF\xFE" "x", 3 },
};

START_TEST(test_char_steps)
{
	const char *s = step_rows[_i].in;
	size_t len = strlen(s), at[32], n = 0, i = 0;
	unsigned int cps[32], cp;

	/* Forward: where characters start. */
	while (i < len) {
		at[n] = i;
		i += text_next_char(s + i, len - i, &cps[n]);
		n++;
	}
	at[n] = len;
	ck_assert_uint_eq(n, step_rows[_i].chars);
	ck_assert_uint_eq(text_count_chars(s, len), n);
	/* Backward: the same characters, last first. */
	for (size_t k = n; k > 0; k--) {
		size_t back = text_prev_char(s, at[k], &cp);

		ck_assert_msg(back == at[k] - at[k - 1] && cp == cps[k - 1],
		    "row %d: char %zu back %zu cp %04X", _i, k - 1, back, cp);
	}
	ck_assert_uint_eq(text_prev_char(s, 0, &cp), 0);
	/* Offsets and floors agree with the steps. */
	for (size_t k = 0; k <= n + 1; k++)
		ck_assert_uint_eq(text_char_offset(s, len, k), k <= n ? at[k] : len);
	for (size_t b = 0, k = 0; b <= len; b++) {
		while (k + 1 <= n && at[k + 1] <= b)
			k++;
		ck_assert_msg(text_char_floor(s, len, b) == (b >= len ? len : at[k]),
		    "row %d: floor(%zu) = %zu", _i, b, text_char_floor(s, len, b));
	}
}
END_TEST

static const struct {
	const char *in;
	size_t skip;
} resync_rows[] = {
	{ "abc", 0 }, { "\xA5" "bc", 1 }, { "\x80\x80", 2 }, { "\x9F\x98\x80x", 3 },
	{ "\x80\x80\x80\x80", 3 }, { "\xC3\xA5", 0 }, { "", 0 },
};

START_TEST(test_resync)
{
	const char *s = resync_rows[_i].in;

	ck_assert_uint_eq(text_resync(s, strlen(s)), resync_rows[_i].skip);
}
END_TEST

/* The encoder: every length's edges; what cannot be encoded is U+FFFD. */
START_TEST(test_put_char)
{
	static const unsigned int cps[] = { 0, 0x7F, 0x80, 0xE5, 0x7FF, 0x800, 0x2013, 0xD7FF,
		0xE000, 0xFFFD, 0xFFFF, 0x10000, 0x1F600, 0x10FFFF };
	static const unsigned int bad[] = { 0xD800, 0xDFFF, 0x110000, 0xFFFFFFFF };
	char u[4];
	unsigned int cp;

	for (int k = 0; k < NROWS(cps); k++) {
		size_t n = text_put_char(cps[k], u);

		ck_assert_uint_eq(text_next_char(u, n, &cp), n);
		ck_assert_uint_eq(cp, cps[k]);
		ck_assert(!text_bad_seq(u, n, cp));
	}
	for (int k = 0; k < NROWS(bad); k++) {
		ck_assert_uint_eq(text_put_char(bad[k], u), 3);
		ck_assert(memcmp(u, FFFD, 3) == 0);
	}
}
END_TEST

/* Letter classes by Unicode, not by the locale (the pager's headings). */
START_TEST(test_letter_classes)
{
	ck_assert(text_is_upper('A') && text_is_upper(0xC5) && text_is_upper(0xD6));
	ck_assert(text_is_lower('a') && text_is_lower(0xE5) && text_is_lower(0xF6));
	ck_assert(!text_is_upper(0xE5) && !text_is_lower(0xC5) && !text_is_upper('1'));
	ck_assert(text_is_letter(0xE4) && text_is_letter('Z') && !text_is_letter('-'));
	ck_assert(!text_is_letter(0x2013) && !text_is_lower(' '));
}
END_TEST
void
text_decode_tests(TCase *tc)
{
	tcase_add_loop_test(tc, test_decode, 0, NROWS(decode_rows));
	tcase_add_loop_test(tc, test_decode_encodings, 0, NROWS(roundtrip_rows));
	tcase_add_test(tc, test_encoding_names);
	tcase_add_loop_test(tc, test_next_char, 0, NROWS(char_rows));
	tcase_add_loop_test(tc, test_is_utf8, 0, NROWS(utf8_rows));
	tcase_add_loop_test(tc, test_char_steps, 0, NROWS(step_rows));
	tcase_add_loop_test(tc, test_resync, 0, NROWS(resync_rows));
	tcase_add_test(tc, test_put_char);
	tcase_add_test(tc, test_letter_classes);
}
