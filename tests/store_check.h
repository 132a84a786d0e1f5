/*
 * Helpers of the store's unit tests (test_store.c, test_search.c): a
 * scratch folder per test, a store on a file or in memory, the fixture
 * packet put, and closing with PRAGMA integrity_check. Header-only.
 */
#ifndef KALLELSE_STORE_CHECK_H
#define KALLELSE_STORE_CHECK_H

#include <check.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

#include "store.h"
#include "store_fixture.h"
#include "testutil.h"

#define DATE "2024-12-10"
#define MID FX_ORG "-" DATE

static char *tmp;	/* the test's scratch folder */

static inline void
setup(void)
{
	tmp = tu_tmpdir();
}

static inline void
teardown(void)
{
	tu_rmrf(tmp);
	free(tmp);
	tmp = NULL;
}

/* A store at a real file (file != 0) or in memory, with the fixture put. */
static inline struct store *
open_store(int file)
{
	struct store *s = NULL;
	char *err = NULL, path[4200];
	enum status st;

	snprintf(path, sizeof path, "%s/sub/kallelse.db", tmp);
	st = store_open(file ? path : ":memory:", STORE_CREATE, &s, &err);
	ck_assert_msg(st == STATUS_OK, "open: %s", err ? err : "?");
	ck_assert_ptr_null(err);
	return s;
}

static inline void
put_fixture(struct store *s, const char *date, bool *changed)
{
	struct packet p;
	char *id = NULL;

	fx_packet(&p, FX_BODY, date);
	ck_assert_msg(store_put_packet(s, &p, &id, changed) == STATUS_OK, "put: %s",
	    store_error(s));
	ck_assert_ptr_nonnull(id);
	free(id);
	packet_free(&p);
}

static inline void
close_checked(struct store **s)
{
	ck_assert_msg(store_check(*s) == STATUS_OK, "integrity: %s", store_error(*s));
	store_close(s);
	ck_assert_ptr_null(*s);
}

static inline long long
pragma(struct store *s, const char *sql)
{
	sqlite3_stmt *st;
	long long v = -1;

	ck_assert_int_eq(sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

#endif
