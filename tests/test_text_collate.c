/*
 * The Swedish collation (text_collate): pairs, sorting by qsort and by
 * SQLite with the "sv" collation registered, many generated titles.
 */
#include "config.h"

#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "store_internal.h"
#include "text_test.h"
#include "text.h"
#include "xmalloc.h"

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

int
text_test_cmp(const void *a, const void *b)
{
	return text_collate_str(*(const char *const *)a, *(const char *const *)b);
}

START_TEST(test_collate_qsort)
{
	const char *v[NROWS(sorted_names)];
	int n = NROWS(sorted_names);

	for (int k = 0; k < n; k++)
		v[k] = sorted_names[(k * 7 + 3) % n];
	qsort(v, (size_t)n, sizeof v[0], text_test_cmp);
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
	qsort(v, N, sizeof *v, text_test_cmp);
	for (int k = 1; k < N; k++)
		ck_assert_msg(text_collate_str(v[k - 1], v[k]) <= 0, "not sorted at %d", k);
	for (int k = 0; k < N; k++)
		free(v[k]);
	free(v);
}
END_TEST

void
text_collate_tests(TCase *tc)
{
	tcase_add_loop_test(tc, test_collate_pairs, 0, NROWS(collate_rows));
	tcase_add_test(tc, test_collate_qsort);
	tcase_add_test(tc, test_collate_sqlite);
	tcase_add_test(tc, test_collate_many);
}
