/*
 * NFC and the one case-folding rule (text_fold_char, store/text/text_fold.c),
 * tested once: a table of texts and queries where text_fold, the matcher
 * behind search and the pager's find, and the folded bytes must agree;
 * then every code point against SQLite's FTS5 trigram tokenizer, which
 * folds the search index on its own.
 */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "text_test.h"
#include "text.h"

static const struct {
	const char *in, *nfc;
} nfc_rows[] = {
	{ "A\xCC\x8A", "Å" },
	{ "a\xCC\x88o\xCC\x88", "äö" },
	{ "ÅÄÖ", "ÅÄÖ" },
	{ "Örjan Åsa Ängel", "Örjan Åsa Ängel" },
	{ "E\xCC\x81mile", "Émile" },
	{ "SJUKVÅRDSDIREKTÖR", "SJUKVÅRDSDIREKTÖR" },
	{ "Straße", "Straße" },
	{ "x\xFFy", "x" FFFD "y" },
	{ "\xE2\x84\xAB", "Å" },	/* the ångström sign is Å */
};

START_TEST(test_nfc)
{
	size_t n;
	char *a = text_nfc(nfc_rows[_i].in, strlen(nfc_rows[_i].in), &n);

	ck_assert_str_eq(a, nfc_rows[_i].nfc);
	ck_assert_uint_eq(n, strlen(a));
	free(a);
}
END_TEST

/*
 * The rule, row by row: text_fold(text) is fold; the matcher finds query
 * in the text (as stored: NFC) exactly when match; and so does a plain
 * byte search of text_fold(query) in text_fold(text).
 */
static const struct {
	const char *text, *query, *fold;
	bool match;
} fold_rows[] = {
	/* Swedish: case goes, å ä ö stay letters of their own. */
	{ "sjukvård", "SJUKVÅRD", "sjukvård", true },
	{ "SJUKVÅRDSDIREKTÖR", "sjukvård", "sjukvårdsdirektör", true },
	{ "Örjan Åsa Ängel", "ÖRJAN ÅSA", "örjan åsa ängel", true },
	{ "ÅÄÖ", "åäö", "åäö", true },
	{ "sjukvård", "sjukvard", "sjukvård", false },
	{ "Åsa", "asa", "åsa", false },
	{ "Å", "A", "å", false },
	{ "Ärende", "arende", "ärende", false },
	{ "Ä", "A", "ä", false },
	{ "Örjan", "orjan", "örjan", false },
	{ "Ö", "O", "ö", false },
	{ "år", "ar", "år", false },
	{ "för", "FOR", "för", false },
	{ "Ä", "Å", "ä", false },
	{ "Émile", "ÉMILE", "émile", true },
	{ "Émile", "emile", "émile", false },
	/* Decomposed input finds composed text, and the other way round. */
	{ "sjukvård", "SJUKVA\xCC\x8ARD", "sjukvård", true },
	{ "A\xCC\x8A" "sa", "åsa", "åsa", true },
	{ "a\xCC\x88o\xCC\x88", "ÄÖ", "äö", true },
	{ "E\xCC\x81mile", "émile", "émile", true },
	{ "\xE2\x84\xAB" "ngström", "ÅNGSTRÖM", "ångström", true },
	/* ß is one letter (simple folding: no "ss"); ẞ is its capital. */
	{ "Straße", "STRASSE", "straße", false },
	{ "STRASSE", "straße", "strasse", false },
	{ "GROẞ", "groß", "groß", true },
	/* Turkish: no locale rules. I is i; İ and ı stay themselves. */
	{ "İzmir", "izmir", "İzmir", false },
	{ "IZMIR", "ızmir", "izmir", false },
	{ "Istanbul", "ISTANBUL", "istanbul", true },
	/* Ligatures stay ligatures. */
	{ "ﬁnans", "finans", "ﬁnans", false },
	{ "ﬁnans", "ﬁNANS", "ﬁnans", true },
	/* Greek: final sigma folds with Σ and σ; micro sign with mu. */
	{ "ΟΔΟΣ", "οδος", "οδοσ", true },
	{ "οδος", "ΟΔΟΣ", "οδοσ", true },
	{ "5 µg", "5 ΜG", "5 μg", true },
	/* Invalid bytes are U+FFFD, found as such. */
	{ "x\xFFy", "X" FFFD "Y", "x" FFFD "y", true },
};

START_TEST(test_fold)
{
	const char *t = fold_rows[_i].text, *q = fold_rows[_i].query;
	size_t n, tn, qn, ml;
	char *f = text_fold(t, strlen(t), &n), *tf, *qf, *nfc;
	struct text_matcher m;
	bool found;

	ck_assert_msg(strcmp(f, fold_rows[_i].fold) == 0, "row %d: fold(%s) = %s, want %s", _i, t, f,
	    fold_rows[_i].fold);
	ck_assert_uint_eq(n, strlen(f));
	nfc = text_nfc(t, strlen(t), &tn);
	text_matcher_init(&m, q, strlen(q));
	found = text_matcher_find(&m, nfc, tn, 0, &ml) != (size_t)-1;
	ck_assert_msg(found == fold_rows[_i].match, "row %d: matcher: %s in %s: %d", _i, q, t, found);
	tf = text_fold(t, strlen(t), &tn);
	qf = text_fold(q, strlen(q), &qn);
	ck_assert_msg((memmem(tf, tn, qf, qn) != NULL) == fold_rows[_i].match,
	    "row %d: text_fold(%s) in text_fold(%s)", _i, q, t);
	text_matcher_free(&m);
	free(f);
	free(nfc);
	free(tf);
	free(qf);
}
END_TEST

/* Whether the n bytes at u are NFC already. */
static bool
is_nfc(const char *u, size_t n)
{
	size_t k;
	char *v = text_nfc(u, n, &k);
	bool same = k == n && memcmp(u, v, n) == 0;

	free(v);
	return same;
}

/* Code points whose fold the test compares (surrogates have no UTF-8). */
static bool
comparable(unsigned int cp)
{
	/* FTS5 reads the non-characters U+FFFE and U+FFFF as U+FFFD. */
	return cp != 0 && !(cp >= 0xD800 && cp <= 0xDFFF) && cp != 0xFFFE && cp != 0xFFFF;
}

enum { LAST_CP = 0x1FFFF };	/* the BMP and the plane with Deseret, Osage, Adlam */

/*
 * FTS5's trigram tokenizer folds each character; its vocabulary shows the
 * result. Code points go in as "c" "zz" units, BLOCK to a row: the trigram
 * at offset 3k starts with FTS5's fold of unit k, which must be
 * text_fold_char of its code point.
 */
START_TEST(test_fold_is_fts5s)
{
	enum { BLOCK = 256 };
	sqlite3 *db;
	sqlite3_stmt *st;
	size_t rows = 0, want = 0;

	ck_assert_int_eq(sqlite3_open(":memory:", &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(db,
	    "CREATE VIRTUAL TABLE t USING fts5(x, tokenize='trigram');"
	    "CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance');"
	    "BEGIN", NULL, NULL, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(db, "INSERT INTO t(rowid, x) VALUES (?, ?)", -1, &st, NULL),
	    SQLITE_OK);
	for (unsigned int base = 0; base <= LAST_CP; base += BLOCK) {
		char u[BLOCK * 6];
		size_t n = 0;

		/* Code points the test leaves out stand as "z" units (never a fold of anything else). */
		for (unsigned int cp = base; cp < base + BLOCK; cp++) {
			n += text_put_char(comparable(cp) ? cp : 'z', u + n);
			memcpy(u + n, "zz", 2);
			n += 2;
			want += comparable(cp);
		}
		sqlite3_bind_int64(st, 1, base / BLOCK + 1);
		sqlite3_bind_text(st, 2, u, (int)n, SQLITE_TRANSIENT);
		ck_assert_int_eq(sqlite3_step(st), SQLITE_DONE);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	ck_assert_int_eq(sqlite3_exec(db, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT doc, offset, term FROM v WHERE offset % 3 = 0",
	    -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		unsigned int cp = (unsigned int)(sqlite3_column_int64(st, 0) - 1) * BLOCK +
		    (unsigned int)sqlite3_column_int64(st, 1) / 3, fts;
		const char *term = (const char *)sqlite3_column_text(st, 2);

		if (!comparable(cp))
			continue;
		text_next_char(term, (size_t)sqlite3_column_bytes(st, 2), &fts);
		ck_assert_msg(fts == text_fold_char(cp), "U+%04X: FTS5 folds to U+%04X, we to U+%04X",
		    cp, fts, text_fold_char(cp));
		rows++;
	}
	ck_assert_uint_eq(rows, want);
	sqlite3_finalize(st);
	sqlite3_close(db);
}
END_TEST

/*
 * The matcher skips bytes no match can begin with: for every code point c,
 * a query of its fold must still find c (ſ for "s", K for "k", ς for "σ").
 */
START_TEST(test_fold_leads)
{
	for (unsigned int cp = 1; cp <= LAST_CP; cp++) {
		char u[4], q[4];
		size_t n, qn, ml;
		unsigned int f = text_fold_char(cp);
		struct text_matcher m;

		if (!comparable(cp) || text_is_space(cp) || text_is_space(f))
			continue;
		n = text_put_char(cp, u);
		qn = text_put_char(f, q);
		text_matcher_init(&m, q, qn);
		/* Only where both are NFC on their own (as stored text and queries are). */
		if (m.n == 1 && m.q[0] == f && is_nfc(u, n))
			ck_assert_msg(text_matcher_find(&m, u, n, 0, &ml) == 0,
			    "U+%04X not found by its fold U+%04X", cp, f);
		text_matcher_free(&m);
	}
}
END_TEST

void
text_fold_tests(TCase *tc)
{
	tcase_add_loop_test(tc, test_nfc, 0, NROWS(nfc_rows));
	tcase_add_loop_test(tc, test_fold, 0, NROWS(fold_rows));
}

void
text_fold_every_cp_tests(TCase *tc)
{
	tcase_add_test(tc, test_fold_is_fts5s);
	tcase_add_test(tc, test_fold_leads);
}
