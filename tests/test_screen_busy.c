/*
 * A busy database never freezes the screen: while another program holds
 * the write lock (this test, with BEGIN IMMEDIATE on the user file),
 * closing a document keeps its reading position waiting, the status line
 * says the database is busy, and keys are answered; once the lock is
 * released the position is saved and the status line says so. The order
 * of events is the proof (busy shown and nothing saved while locked,
 * saved after), not a measured time.
 */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "screen_test.h"

static const char *agenda_en = " kallelse: Agenda: Nämnd för folkhälsa och sjukvård 2024-12-10";

static long long
count_rows(sqlite3 *h, const char *sql)
{
	sqlite3_stmt *st;
	long long n = -1;

	ck_assert_int_eq(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static void
busy_close(bool swedish)
{
	struct pty *p = start(30, 100, swedish);
	const char *busy = swedish ? "databasen är upptagen" : "the database is busy";
	const char *freed = swedish ? "Databasen är ledig igen" : "The database is free again";
	sqlite3 *lock;

	if (pty_wait_text(p, swedish ? " kallelse: Dagordning:" : agenda_en, WAIT_MS) != 0)
		fail_screen(p, "the agenda never showed");
	walk_to(p, "   15  16.05–16.10");
	pty_key(p, VTERM_KEY_ENTER);
	if (pty_wait_text(p, swedish ? " kallelse: Ärende 15:" : " kallelse: Item 15:", WAIT_MS) != 0)
		fail_screen(p, "item 15 never opened");
	pty_settle(p, 30, WAIT_MS);
	pty_key(p, VTERM_KEY_ENTER);
	if (pty_wait_text(p, swedish ? " kallelse: Dokument:" : " kallelse: Document:", WAIT_MS) != 0)
		fail_screen(p, "the document never opened");
	pty_settle(p, 30, WAIT_MS);
	press_key(p, VTERM_KEY_PAGEDOWN);
	pty_settle(p, 30, WAIT_MS);

	/* Another program starts writing the user file (where reading positions
	 * live, beside the database), and keeps at it. */
	{
		char up[4200];
		size_t n = strlen(db);

		/* NAME.db -> NAME-user.db (store_user_path). */
		snprintf(up, sizeof up, "%.*s-user.db", (int)(n - 3), db);
		ck_assert_int_eq(sqlite3_open(up, &lock), SQLITE_OK);
	}
	ck_assert_int_eq(sqlite3_exec(lock, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
	ck_assert_int_eq(count_rows(lock, "SELECT count(*) FROM reading"), 0);

	/* Closing the document: the item comes back and the status says busy. */
	press_char(p, 'q');
	if (pty_wait_text(p, swedish ? " kallelse: Ärende 15:" : " kallelse: Item 15:", WAIT_MS) != 0)
		fail_screen(p, "closing the document did not show the item");
	expect_text(p, busy);
	/* Keys are answered while the write waits, and the notice stays. */
	press_key(p, VTERM_KEY_DOWN);
	expect_text(p, busy);
	ck_assert_int_eq(count_rows(lock, "SELECT count(*) FROM reading"), 0);

	/* The other program is done: the kept write goes through. */
	ck_assert_int_eq(sqlite3_exec(lock, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
	expect_text(p, freed);
	ck_assert_int_eq(count_rows(lock, "SELECT count(*) FROM reading WHERE position > 0"), 1);
	sqlite3_close(lock);
	quit(p);
}

START_TEST(test_busy_close_document)
{
	busy_close(false);
}
END_TEST

START_TEST(test_busy_close_document_swedish)
{
	busy_close(true);
}
END_TEST

static Suite *
busy_suite(void)
{
	Suite *s = suite_create("screen_busy");
	TCase *tc = tcase_create("seed");

	tcase_add_unchecked_fixture(tc, setup_all, teardown_all);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_busy_close_document);
	tcase_add_test(tc, test_busy_close_document_swedish);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return tu_run_suite(busy_suite(), CK_NORMAL);
}
