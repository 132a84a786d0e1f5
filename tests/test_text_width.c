/*
 * Width, fitting, cutting, wrapping, scrubbing, trimming and slugs, one
 * row per case.
 */
#include "config.h"

#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text_test.h"
#include "text.h"
#include "xmalloc.h"

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

void
text_width_tests(TCase *tc)
{
	tcase_add_loop_test(tc, test_width, 0, NROWS(width_rows));
	tcase_add_loop_test(tc, test_fit, 0, NROWS(fit_rows));
	tcase_add_loop_test(tc, test_truncate_pad, 0, NROWS(cut_rows));
	tcase_add_loop_test(tc, test_wrap, 0, NROWS(wrap_rows));
	tcase_add_loop_test(tc, test_scrub, 0, NROWS(scrub_rows));
	tcase_add_loop_test(tc, test_trim, 0, NROWS(trim_rows));
	tcase_add_loop_test(tc, test_slug, 0, NROWS(slug_rows));
}
