/*
 * Unit tests of the shared text module (store/text/text.h), table-driven:
 * one row per case, run with tcase_add_loop_test.
 */
#include "config.h"

#include <check.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "testutil.h"
#include "store_internal.h"
#include "text.h"
#include "xmalloc.h"

#define NROWS(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define FFFD "\xEF\xBF\xBD"
#define SEED "000_064591761fb2138b.txt"

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

/* ---- characters, NFC, fold ------------------------------------------------ */

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

static const struct {
	const char *in, *nfc, *fold;
} fold_rows[] = {
	{ "A\xCC\x8A", "Å", "å" },
	{ "a\xCC\x88o\xCC\x88", "äö", "äö" },
	{ "ÅÄÖ", "ÅÄÖ", "åäö" },
	{ "Örjan Åsa Ängel", "Örjan Åsa Ängel", "örjan åsa ängel" },
	{ "E\xCC\x81mile", "Émile", "émile" },
	{ "SJUKVÅRDSDIREKTÖR", "SJUKVÅRDSDIREKTÖR", "sjukvårdsdirektör" },
	{ "Straße", "Straße", "strasse" },
	{ "x\xFFy", "x" FFFD "y", "x" FFFD "y" },
};

START_TEST(test_nfc_fold)
{
	size_t n;
	char *a = text_nfc(fold_rows[_i].in, strlen(fold_rows[_i].in), &n);
	char *b;

	ck_assert_str_eq(a, fold_rows[_i].nfc);
	ck_assert_uint_eq(n, strlen(a));
	b = text_fold(fold_rows[_i].in, strlen(fold_rows[_i].in), &n);
	ck_assert_str_eq(b, fold_rows[_i].fold);
	ck_assert_uint_eq(n, strlen(b));
	free(a);
	free(b);
}
END_TEST

START_TEST(test_fold_keeps_swedish_letters)
{
	static const char *const pairs[][2] = { { "Å", "A" }, { "Ä", "A" }, { "Ö", "O" }, { "år", "ar" }, { "för", "for" } };

	for (int k = 0; k < NROWS(pairs); k++) {
		char *a = text_fold(pairs[k][0], strlen(pairs[k][0]), NULL);
		char *b = text_fold(pairs[k][1], strlen(pairs[k][1]), NULL);

		ck_assert_str_ne(a, b);
		free(a);
		free(b);
	}
}
END_TEST

/* ---- collation ------------------------------------------------------------ */

static const struct {
	const char *a, *b;
	int sign;
} collate_rows[] = {
	{ "Zeth", "Åsa", -1 },
	{ "Åsa", "Ängel", -1 },
	{ "Ängel", "Örjan", -1 },
	{ "z", "å", -1 }, { "å", "ä", -1 }, { "ä", "ö", -1 },
	{ "Ärla", "Åsa", 1 },
	{ "Emil", "Émile", -1 },
	{ "Émile", "Emilia", -1 },
	{ "Emile", "Émile", -1 },
	{ "Émile", "Èmile", 1 },  /* accents: grave before acute */
	{ "anna", "Anna", -1 },  /* lower case first on a tie */
	{ "Anna", "anders", 1 },  /* case-insensitive first */
	{ "Über", "Ulla", 1 },  /* ü with y */
	{ "Über", "Ylva", -1 },
	{ "y", "ü", -1 },
	{ "Æsa", "Ärla", 1 }, { "Æ", "Å", 1 }, { "Øst", "Östen", -1 }, { "Øst", "Öst", 1 },
	{ "2020", "Anna", -1 },  /* digits before letters */
	{ "9", "a", -1 },
	{ "- punkt", "1 punkt", -1 },  /* punctuation before digits */
	{ "abc", "abc", 0 },
	{ "", "a", -1 }, { "", "", 0 }, { "", "\xC2\xAD", -1 },
	{ "A\xCC\x8Asa", "Åsa", -1 },  /* same at every level, ties on bytes */
	{ "A\xCC\x8Asa", "Ängel", -1 },  /* decomposed å still sorts as å */
	{ "Ka\xCC\x8A", "Kaz", 1 },  /* ... also right after a shared prefix */
	{ "Ka\xCC\x8A", "Ka", 1 }, { "Ka\xCC\x88", "Ka\xCC\x8A", 1 },
	{ "sjuk\xC2\xADv\xC3\xA5rd", "sjukvård", 1 },  /* soft hyphen ignorable */
	{ "sjuk\xC2\xADv\xC3\xA5rd", "sjukvårda", -1 },
	{ "Strasse", "Straße", -1 },
	{ "Straße", "Strassf", -1 },
	{ "Ölänning", "Öland", 1 },
	{ "Ωmega", "Zeta", 1 },  /* other scripts after ö */
	{ "Ωmega", "Örjan", 1 },
};

static int
sign(int x)
{
	return (x > 0) - (x < 0);
}

START_TEST(test_collate_pairs)
{
	const char *a = collate_rows[_i].a, *b = collate_rows[_i].b;

	ck_assert_msg(sign(text_collate_str(a, b)) == collate_rows[_i].sign,
	    "collate(%s, %s) = %d, want %d", a, b, text_collate_str(a, b), collate_rows[_i].sign);
	ck_assert_msg(sign(text_collate_str(b, a)) == -collate_rows[_i].sign,
	    "collate(%s, %s) not antisymmetric", b, a);
}
END_TEST

/* The expected order; the tests shuffle it and sort it back. */
static const char *const sorted_names[] = {
	"- inledning", "1 kap.", "10 kap.", "2 kap.", "Anders", "anna", "Anna", "Bertil",
	"Eaton", "Emil", "Émile", "Emilia", "Erik", "Nämnd", "Nämnden", "Ola", "Olle",
	"Ulla", "Vera", "Wilma", "Über", "Ylva", "Yngve", "Zeth", "åsa", "Åsa", "Ängel",
	"Ärla", "Æsa", "Örjan", "Östen",
};

static int
cmp_ptr(const void *a, const void *b)
{
	return text_collate_str(*(const char *const *)a, *(const char *const *)b);
}

START_TEST(test_collate_qsort)
{
	const char *v[NROWS(sorted_names)];
	int n = NROWS(sorted_names);

	for (int k = 0; k < n; k++)
		v[k] = sorted_names[(k * 7 + 3) % n];
	qsort(v, (size_t)n, sizeof v[0], cmp_ptr);
	for (int k = 0; k < n; k++)
		ck_assert_msg(strcmp(v[k], sorted_names[k]) == 0, "position %d: %s, want %s", k, v[k], sorted_names[k]);
}
END_TEST

START_TEST(test_collate_sqlite)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	int n = NROWS(sorted_names), k = 0;

	ck_assert_int_eq(sqlite3_open(":memory:", &db), SQLITE_OK);
	ck_assert_int_eq(store_register_collation(db), 0);
	ck_assert_int_eq(sqlite3_exec(db, "CREATE TABLE t(name TEXT)", NULL, NULL, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(db, "INSERT INTO t VALUES (?)", -1, &st, NULL), SQLITE_OK);
	for (int j = 0; j < n; j++) {
		sqlite3_bind_text(st, 1, sorted_names[(j * 11 + 5) % n], -1, SQLITE_STATIC);
		ck_assert_int_eq(sqlite3_step(st), SQLITE_DONE);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT name FROM t ORDER BY name COLLATE sv", -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *got = (const char *)sqlite3_column_text(st, 0);

		ck_assert_msg(strcmp(got, sorted_names[k]) == 0, "row %d: %s, want %s", k, got, sorted_names[k]);
		k++;
	}
	ck_assert_int_eq(k, n);
	sqlite3_finalize(st);
	/* An index using the collation, and a comparison in SQL. */
	ck_assert_int_eq(sqlite3_exec(db, "CREATE INDEX t_sv ON t(name COLLATE sv)", NULL, NULL, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT 'Zeth' < 'Åsa' COLLATE sv, 'Ä' < 'Å', 'Ängel' < 'Örjan' COLLATE sv", -1, &st, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	ck_assert_int_eq(sqlite3_column_int(st, 0), 1);
	ck_assert_int_eq(sqlite3_column_int(st, 1), 1);  /* byte order (BINARY) is wrong for Swedish */
	ck_assert_int_eq(sqlite3_column_int(st, 2), 1);
	sqlite3_finalize(st);
	/* Empty strings and NULL sort first. */
	ck_assert_int_eq(sqlite3_exec(db, "INSERT INTO t VALUES (''), (NULL)", NULL, NULL, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT name FROM t ORDER BY name COLLATE sv LIMIT 3", -1, &st, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	ck_assert_int_eq(sqlite3_column_type(st, 0), SQLITE_NULL);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	ck_assert_str_eq((const char *)sqlite3_column_text(st, 0), "");
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	ck_assert_str_eq((const char *)sqlite3_column_text(st, 0), sorted_names[0]);
	sqlite3_finalize(st);
	sqlite3_close(db);
}
END_TEST

/* Sort many generated titles: fast enough to be a non-issue in the UI. */
START_TEST(test_collate_many)
{
	enum { N = 20000 };
	static const char *const words[] = { "Sammanträde", "sjukvård", "Åtgärd", "ärende", "Övrigt", "beslut", "Émile", "2024", "§", "Nämnd" };
	char **v = malloc(N * sizeof *v);
	unsigned int seed = 1;

	for (int k = 0; k < N; k++) {
		char buf[128] = "";

		for (int w = 0; w < 4; w++) {
			seed = seed * 1103515245u + 12345u;
			strcat(buf, words[(seed >> 16) % NROWS(words)]);
			strcat(buf, " ");
		}
		v[k] = strdup(buf);
	}
	qsort(v, N, sizeof *v, cmp_ptr);
	for (int k = 1; k < N; k++)
		ck_assert_msg(text_collate_str(v[k - 1], v[k]) <= 0, "not sorted at %d", k);
	for (int k = 0; k < N; k++)
		free(v[k]);
	free(v);
}
END_TEST

/* ---- width, fit, truncate, pad ------------------------------------------- */

static const struct {
	const char *in;
	int width;
} width_rows[] = {
	{ "", 0 }, { "abc", 3 }, { "Nämnd för", 9 }, { "A\xCC\x8A", 1 }, { "e\xCC\x81", 1 },
	{ "中文", 4 }, { "日本語", 6 }, { "a中b", 4 }, { "😀", 2 },
	{ "\xE4\xB7\x80", 2 },  /* U+4DC0: glibc says 2 where libunistring says 1 */
	{ "sjuk\xC2\xADvård", 8 },  /* soft hyphen 0 */
	{ "5\xC2\xA0" "000", 5 },  /* no-break space 1 */
	{ "\xFF", 1 }, { "a\xE2\x80", 2 },  /* invalid bytes as U+FFFD */
	{ "\x1B[0m", 5 },  /* ESC as ^[ */
	{ "\x7F", 2 }, { "\xC2\x9B", 8 }, { "\xE2\x80\xAE", 8 },  /* <U+202E> */
	{ "\xEF\x82\xB7", 1 }, { "–•…", 3 }, { "\xE2\x80\x8B", 0 },  /* ZWSP */
};

START_TEST(test_width)
{
	const char *s = width_rows[_i].in;
	size_t n;
	char *sc = text_scrub(s, strlen(s), &n);

	ck_assert_int_eq(text_width(s, strlen(s)), width_rows[_i].width);
	/* The width is that of the scrubbed text, as it will be drawn. */
	ck_assert_int_eq(text_width(sc, n), width_rows[_i].width);
	free(sc);
}
END_TEST

static const struct {
	const char *in;
	int width;
	size_t bytes;
	int used;
} fit_rows[] = {
	{ "abc", 2, 2, 2 }, { "abc", 5, 3, 3 }, { "abc", 0, 0, 0 }, { "abc", -3, 0, 0 },
	{ "中文字", 3, 3, 2 }, { "中文字", 4, 6, 4 }, { "中文字", 1, 0, 0 },
	{ "e\xCC\x81" "e\xCC\x81", 1, 3, 1 },  /* the mark stays with its base */
	{ "åäö", 2, 4, 2 },
	{ "a\xFF" "b", 2, 2, 2 },
	{ "\x1B[", 1, 0, 0 },  /* ^[ is 2 columns */
};

START_TEST(test_fit)
{
	int used = -1;
	size_t n = text_fit(fit_rows[_i].in, strlen(fit_rows[_i].in), fit_rows[_i].width, &used);

	ck_assert_uint_eq(n, fit_rows[_i].bytes);
	ck_assert_int_eq(used, fit_rows[_i].used);
}
END_TEST

static const struct {
	const char *in;
	int width;
	const char *trunc, *pad;
} cut_rows[] = {
	{ "Sammanträde", 8, "Sammant…", "Sammant…" },
	{ "Sammanträde", 11, "Sammanträde", "Sammanträde" },
	{ "Sammanträde", 13, "Sammanträde", "Sammanträde  " },
	{ "abcd", 3, "ab…", "ab…" },
	{ "abcd", 1, "…", "…" },
	{ "abcd", 0, "", "" },
	{ "", 3, "", "   " },
	{ "中文字", 4, "中…", "中… " },
	{ "中文字", 6, "中文字", "中文字" },
	{ "e\xCC\x81" "e\xCC\x81" "e\xCC\x81", 2, "e\xCC\x81…", "e\xCC\x81…" },
	{ "åäöåäö", 4, "åäö…", "åäö…" },
};

START_TEST(test_truncate_pad)
{
	const char *s = cut_rows[_i].in;
	char *t = text_truncate(s, strlen(s), cut_rows[_i].width);
	char *p = text_pad(s, strlen(s), cut_rows[_i].width);

	ck_assert_str_eq(t, cut_rows[_i].trunc);
	ck_assert_str_eq(p, cut_rows[_i].pad);
	ck_assert_int_le(text_width(t, strlen(t)), cut_rows[_i].width < 0 ? 0 : cut_rows[_i].width);
	ck_assert_int_eq(text_width(p, strlen(p)), cut_rows[_i].width);
	free(t);
	free(p);
}
END_TEST

/* ---- wrap ------------------------------------------------------------------ */

static const struct {
	const char *in;
	int width;
	const char *lines; /* joined by '|' */
	const char *widths; /* comma separated */
} wrap_rows[] = {
	{ "hälso- och sjukvårdsdirektör", 20, "hälso- och|sjukvårdsdirektör", "10,17" },
	{ "hälso- och sjukvårdsdirektör", 17, "hälso- och|sjukvårdsdirektör", "10,17" },
	{ "hälso- och sjukvårdsdirektör", 9, "hälso-|och|sjukvårds|direktör", "6,3,9,8" },
	{ "hälso- och sjukvårdsdirektör", 30, "hälso- och sjukvårdsdirektör", "28" },
	{ "Nämnd för folkhälsa och sjukvård", 12, "Nämnd för|folkhälsa|och sjukvård", "9,9,12" },
	{ "5\xC2\xA0" "000 kronor", 6, "5\xC2\xA0" "000|kronor", "5,6" },
	{ "a b\xC2\xA0" "c", 3, "a|b\xC2\xA0" "c", "1,3" },
	{ "rad ett\nrad två", 7, "rad ett|rad två", "7,7" },
	{ "", 10, "", "0" },
	{ "   ", 10, "", "0" },
	{ "ord   ", 10, "ord", "3" },
	{ "ett  två", 3, "ett|två", "3,3" },
	{ "中文字中文", 4, "中文|字中|文", "4,4,2" },
	{ "中", 1, "中", "2" },
	{ "e\xCC\x81" "e\xCC\x81" "e\xCC\x81", 2, "e\xCC\x81" "e\xCC\x81|e\xCC\x81", "2,1" },
	{ "x supercalifragilistic y", 8, "x|supercal|ifragili|stic y", "1,8,8,6" },
	/* A combining mark after hanging spaces breaks there, not past the width. */
	{ "ab   \xCC\x8A" "c", 3, "ab|\xCC\x8A" "c", "2,1" },
	{ "en mening.", 0, "e|n|m|e|n|i|n|g|.", "1,1,1,1,1,1,1,1,1" },
};

START_TEST(test_wrap)
{
	const char *s = wrap_rows[_i].in;
	struct text_line *l = NULL;
	size_t n = text_wrap(s, strlen(s), wrap_rows[_i].width, &l);
	char got[512] = "", gotw[256] = "";

	ck_assert_uint_ge(n, 1);
	for (size_t k = 0; k < n; k++) {
		char w[16];

		ck_assert_uint_le(l[k].off + l[k].len, strlen(s));
		ck_assert_int_eq(l[k].width, text_width(s + l[k].off, l[k].len));
		if (k > 0) {
			strcat(got, "|");
			strcat(gotw, ",");
			ck_assert_uint_ge(l[k].off, l[k - 1].off + l[k - 1].len);
		}
		strncat(got, s + l[k].off, l[k].len);
		snprintf(w, sizeof w, "%d", l[k].width);
		strcat(gotw, w);
	}
	/* A newline inside a line stands for a space. */
	for (char *c = got; *c; c++)
		if (*c == '\n')
			*c = ' ';
	{
		char want[512];

		snprintf(want, sizeof want, "%s", wrap_rows[_i].lines);
		for (char *c = want; *c; c++)
			if (*c == '\n')
				*c = ' ';
		ck_assert_str_eq(got, want);
	}
	ck_assert_str_eq(gotw, wrap_rows[_i].widths);
	free(l);
}
END_TEST

/* ---- scrub, trim, slug --------------------------------------------------- */

static const struct {
	const char *in;
	size_t len; /* 0: strlen */
	const char *want;
} scrub_rows[] = {
	{ "\x1B[31mröd\x1B[0m", 0, "^[[31mröd^[[0m" },
	{ "\x1B]0;title\x07", 0, "^[]0;title^G" },
	{ "a\xC2\x9B" "2J", 0, "a<U+009B>2J" },
	{ "\xC2\x85", 0, "<U+0085>" },
	{ "abc\xE2\x80\xAE" "fdp.exe", 0, "abc<U+202E>fdp.exe" },
	{ "\xE2\x80\xAA\xE2\x80\xAB\xE2\x80\xAC\xE2\x80\xAD", 0, "<U+202A><U+202B><U+202C><U+202D>" },
	{ "\xE2\x81\xA6x\xE2\x81\xA9\xE2\x80\x8E\xE2\x80\x8F", 0, "<U+2066>x<U+2069><U+200E><U+200F>" },
	{ "\x7F", 0, "^?" },
	{ "a\0b", 3, "a^@b" },
	{ "\x01\x1F\r", 0, "^A^_^M" },
	{ "tab\there\nnext", 0, "tab\there\nnext" },
	{ "\xEF\x82\xB7\tpunkt \xEF\x82\xA7 mer", 0, "•\tpunkt • mer" },
	{ "sjuk\xC2\xAD" "vård", 0, "sjukvård" },
	{ "5\xC2\xA0" "000", 0, "5\xC2\xA0" "000" },
	{ "x\xFFy\xE2\x80", 0, "x" FFFD "y" FFFD },
	{ "A\xCC\x8A" "sa", 0, "Åsa" },
	{ "ok " FFFD, 0, "ok " FFFD },
	{ "Nämnd för folkhälsa", 0, "Nämnd för folkhälsa" },
	{ "", 0, "" },
};

START_TEST(test_scrub)
{
	size_t len = scrub_rows[_i].len ? scrub_rows[_i].len : strlen(scrub_rows[_i].in), n = 999;
	char *out = text_scrub(scrub_rows[_i].in, len, &n);

	ck_assert_str_eq(out, scrub_rows[_i].want);
	ck_assert_uint_eq(n, strlen(out));
	ck_assert(text_is_utf8(out, n));
	free(out);
}
END_TEST

static const struct {
	const char *in, *want;
} trim_rows[] = {
	{ "  Åsa  ", "Åsa" },
	{ "\t\r\n x y \n", "x y" },
	{ "\xC2\xA0 Övrigt\xC2\xA0", "Övrigt" },
	{ "\xC2\xA0\xC2\xA0", "" },
	{ "", "" },
	{ "kvar", "kvar" },
	{ " \xE2\x80\x83x", "\xE2\x80\x83x" },  /* em space is not trimmed */
};

START_TEST(test_trim)
{
	size_t len = strlen(trim_rows[_i].in);
	const char *p = text_trim(trim_rows[_i].in, &len);

	ck_assert_uint_eq(len, strlen(trim_rows[_i].want));
	ck_assert(memcmp(p, trim_rows[_i].want, len) == 0);
	ck_assert(p >= trim_rows[_i].in);
}
END_TEST

static const struct {
	const char *in, *want;
} slug_rows[] = {
	{ "Nämnd för folkhälsa och sjukvård", "namnd-for-folkhalsa-och-sjukvard" },
	{ "  Émile & Åsa -- Öberg!  ", "emile-asa-oberg" },
	{ "§ 12 Budget 2025", "12-budget-2025" },
	{ "N" "a\xCC\x88" "mnd", "namnd" },  /* decomposed ä */
	{ "Ærø Straße", "aero-strasse" },
	{ "---", "" },
	{ "ABC_def", "abc-def" },
	{ "中文 x", "x" },
};

START_TEST(test_slug)
{
	char *s = text_slug(slug_rows[_i].in, strlen(slug_rows[_i].in));

	ck_assert_str_eq(s, slug_rows[_i].want);
	free(s);
}
END_TEST

/* ---- properties on generated strings --------------------------------------- */

/* Pieces that meet at awkward places: marks, wide, invalid, controls, bidi. */
static const char *const pieces[] = {
	"a", "b", "Z", "7", " ", " ", "  ", "-", "å", "Ä", "ö", "é", "e\xCC\x81", "\xCC\x8A",
	"中", "\xC2\xA0", "\xC2\xAD", "\n", "\r", "\r\n", "\t", "\x1B", "\xFF", "\xE2\x80",
	"\xE2\x80\xAE", "\xC2\x9B", "\x7F", "\xEF\x82\xB7", "–", "sjukvårdsdirektör", "hälso-",
	"ß", "ü", "ø", "\xF0\x9F\x98\x80",
};

static char *
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
	qsort(v, N, sizeof v[0], cmp_ptr);
	for (int a = 0; a < N; a++)
		for (int b = a + 1; b < N; b++)
			ck_assert_msg(text_collate_str(v[a], v[b]) <= 0, "%d > %d after sorting", a, b);
	for (int k = 0; k < N; k++)
		free((char *)v[k]);
}
END_TEST

/* ---- the real packet ------------------------------------------------------- */

START_TEST(test_seed)
{
	size_t len, n, sn;
	char *raw = tu_read_file(tu_seed(SEED), &len);
	enum text_encoding enc;
	char *dec, *sc;
	struct text_line *l;

	ck_assert_ptr_nonnull(raw);
	ck_assert(len > 100000);
	/* The seed is UTF-8, NFC, LF: decoding changes nothing. */
	ck_assert(text_is_utf8(raw, len));
	dec = text_decode(raw, len, &n, &enc);
	ck_assert_int_eq(enc, TEXT_ENC_UTF8);
	ck_assert_uint_eq(n, len);
	ck_assert(memcmp(dec, raw, len) == 0);
	/* Scrubbed: no control byte but \n and \t, the Symbol bullets gone. */
	sc = text_scrub(dec, n, &sn);
	for (size_t k = 0; k < sn; k++) {
		unsigned char c = (unsigned char)sc[k];

		ck_assert_msg(c >= 0x20 || c == '\n' || c == '\t', "control byte 0x%02x at %zu", c, k);
		ck_assert_msg(c != 0x7F, "DEL at %zu", k);
	}
	ck_assert(text_is_utf8(sc, sn));
	ck_assert_ptr_null(memmem(sc, sn, "\xEF\x82\xB7", 3));
	ck_assert_ptr_null(memmem(sc, sn, "\xC2\xAD", 2));
	ck_assert_ptr_nonnull(memmem(sc, sn, "Nämnd för folkhälsa och sjukvård", strlen("Nämnd för folkhälsa och sjukvård")));
	/* Every line of the packet wraps to 40 columns. */
	for (size_t a = 0; a < sn;) {
		const char *e = memchr(sc + a, '\n', sn - a);
		size_t b = e ? (size_t)(e - sc) : sn, k, cnt = text_wrap(sc + a, b - a, 40, &l);

		for (k = 0; k < cnt; k++)
			ck_assert_int_le(l[k].width, 40);
		free(l);
		a = b + 1;
	}
	free(sc);
	free(dec);
	free(raw);
}
END_TEST

static Suite *
text_suite(bool with_seed)
{
	Suite *s = suite_create("text");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, test_decode, 0, NROWS(decode_rows));
	tcase_add_loop_test(tc, test_decode_encodings, 0, NROWS(roundtrip_rows));
	tcase_add_test(tc, test_encoding_names);
	tcase_add_loop_test(tc, test_next_char, 0, NROWS(char_rows));
	tcase_add_loop_test(tc, test_is_utf8, 0, NROWS(utf8_rows));
	tcase_add_loop_test(tc, test_nfc_fold, 0, NROWS(fold_rows));
	tcase_add_test(tc, test_fold_keeps_swedish_letters);
	tcase_add_loop_test(tc, test_collate_pairs, 0, NROWS(collate_rows));
	tcase_add_test(tc, test_collate_qsort);
	tcase_add_test(tc, test_collate_sqlite);
	tcase_add_test(tc, test_collate_many);
	tcase_add_loop_test(tc, test_width, 0, NROWS(width_rows));
	tcase_add_loop_test(tc, test_fit, 0, NROWS(fit_rows));
	tcase_add_loop_test(tc, test_truncate_pad, 0, NROWS(cut_rows));
	tcase_add_loop_test(tc, test_wrap, 0, NROWS(wrap_rows));
	tcase_add_loop_test(tc, test_scrub, 0, NROWS(scrub_rows));
	tcase_add_loop_test(tc, test_trim, 0, NROWS(trim_rows));
	tcase_add_loop_test(tc, test_slug, 0, NROWS(slug_rows));
	tcase_add_loop_test(tc, test_properties, 0, 10);
	tcase_add_loop_test(tc, test_collate_transitive, 0, 5);
	suite_add_tcase(s, tc);
	if (with_seed) {
		TCase *ts = tcase_create("seed");

		tcase_set_timeout(ts, 60);
		tcase_add_test(ts, test_seed);
		suite_add_tcase(s, ts);
	}
	return s;
}

/*
 * Is the seed there? tu_seed exits when it is not (skip locally, failure
 * under CI): ask it in a child so the other tests still run.
 */
static bool
seed_present(void)
{
	int status = 0;
	pid_t pid = fork();

	if (pid == 0) {
		tu_seed(SEED);
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		exit(1);
	if (WEXITSTATUS(status) == 0)
		return true;
	if (WEXITSTATUS(status) == TU_SKIP)
		return false;
	exit(1);
}

int
main(void)
{
	int failed;

	failed = tu_run_suite(text_suite(seed_present()), CK_NORMAL);
	return failed == 0 ? 0 : 1;
}
