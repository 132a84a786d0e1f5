/*
 * Screen tests for what users hit with the keys (issue 10, points 4 and
 * 8): the read state shown when coming back to an item, the meetings
 * list's count of unread items, ^C at a prompt, the first view's back
 * keys, unbound keys and the search status with no hits. The real
 * binary in a pseudo-terminal on a copy of the imported seed, in
 * C.UTF-8 and in a Swedish locale generated with localedef (as
 * test_screen.c does). Every wait after a key waits for something only
 * the new screen shows.
 */
#include "config.h"

#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screen_test.h"

static const char *agenda_title_en =
    " kallelse: Agenda: Nämnd för folkhälsa och sjukvård 2024-12-10";
static const char *agenda_title_sv =
    " kallelse: Dagordning: Nämnd för folkhälsa och sjukvård 2024-12-10";

/* ---- point 4: reading state ---- */

/*
 * Read a document of item 15 and come back: its row in the item view
 * loses the N at once (it used to keep it until the item was reopened).
 */
START_TEST(test_item_read_state)
{
	struct pty *p = start(30, 100, false);
	char item_title[4096], doc_row[4096];
	int r, c;

	expect_row(p, 0, bar(100, agenda_title_en, "? help  q back  Q quit"));
	walk_to(p, "   15  16.05–16.10");
	pty_key(p, VTERM_KEY_ENTER);
	if (pty_wait_text(p, " kallelse: Item 15:", WAIT_MS) != 0)
		fail_screen(p, "item 15 never opened");
	/* The item opens with its first document selected, unread. */
	pty_settle(p, 30, WAIT_MS);
	pty_row(p, 0, item_title, sizeof item_title);
	pty_cursor(p, &r, &c);
	pty_row(p, r, doc_row, sizeof doc_row);
	if (strncmp(doc_row, " N ", 3) != 0)
		fail_screen(p, "the selected row '%s' is no unread document", doc_row);
	pty_key(p, VTERM_KEY_ENTER);
	if (pty_wait_text(p, " kallelse: Document:", WAIT_MS) != 0)
		fail_screen(p, "the document never opened");
	/* Read to its end (an open alone does not make it read). */
	if (pty_wait_text(p, "Line 1 of 39", WAIT_MS) < 0)
		fail_screen(p, "the document's status never showed");
	{
		unsigned long before = pty_generation(p);

		pty_char(p, 'G');
		if (!pty_wait_change(p, before, WAIT_MS) || !pty_wait_gone(p, "Line 1 of 39",
		    WAIT_MS))
			fail_screen(p, "G never showed the end");
	}
	pty_char(p, 'q');
	/* The item's title first (the pager does not show it), then its row. */
	expect_row(p, 0, item_title);
	doc_row[1] = ' ';
	expect_row(p, r, doc_row);
	quit(p);
}
END_TEST

/* The last three numbers of a row ("… 15  7  0"). */
static void
last_three(const char *row, int *a, int *b, int *c)
{
	const char *s = row + strlen(row);
	int *out[3] = { c, b, a };

	for (int k = 0; k < 3; k++) {
		while (s > row && s[-1] == ' ')
			s--;
		while (s > row && s[-1] >= '0' && s[-1] <= '9')
			s--;
		*out[k] = atoi(s);
	}
}

/*
 * The meetings list counts items with an unread document, as many as
 * the agenda shows with an N; its header says so.
 */
static void
unread_items(bool swedish)
{
	struct pty *p = start(60, 100, swedish);
	char row[4096];
	int n_items = 0, items, unread, marked, r;

	expect_row(p, 0, swedish ? bar(100, agenda_title_sv, "? hjälp  q tillbaka  Q avsluta")
	    : bar(100, agenda_title_en, "? help  q back  Q quit"));
	pty_settle(p, 30, WAIT_MS);
	/* The whole agenda fits in 58 rows: the meeting's documents end it. */
	if (pty_find_row(p, swedish ? " Handlingar till sammanträdet" : " Documents of the meeting") < 0)
		fail_screen(p, "the agenda does not fit");
	/* Item rows: " " marked, unread, notes, confidential, " ", number. */
	for (int y = 1; y < 59; y++) {
		pty_row(p, y, row, sizeof row);
		if (strlen(row) > 8 && row[0] == ' ' && (row[1] == ' ' || row[1] == '*') &&
		    row[2] == 'N' && (row[3] == ' ' || row[3] == '+'))
			n_items++;
	}
	ck_assert_int_gt(n_items, 0);
	pty_char(p, 'q');
	expect_row(p, 0, swedish ? bar(100, " kallelse: Sammanträden", "? hjälp  q avsluta")
	    : bar(100, " kallelse: Meetings", "? help  q quit"));
	expect_row(p, 1, swedish
	    ? " Datum       Tid    Organ                                        Ärenden  Olästa ärenden  Markerade"
	    : " Date        Time   Body                                                Items  Unread items  Marked");
	r = pty_wait_text(p, " 2024-12-10  13.00  ", WAIT_MS);
	if (r < 0)
		fail_screen(p, "no row for the meeting");
	last_three(pty_row(p, r, row, sizeof row), &items, &unread, &marked);
	if (unread != n_items)
		fail_screen(p, "the meeting row '%s' says %d unread, the agenda shows %d items with N",
		    row, unread, n_items);
	ck_assert_int_le(unread, items);
	quit(p);
}

START_TEST(test_unread_items)
{
	unread_items(false);
}
END_TEST

START_TEST(test_unread_items_swedish)
{
	unread_items(true);
}
END_TEST

/* ---- point 8: keys ---- */

/* ^C cancels the search prompt and the pager's find prompt; the program goes on. */
START_TEST(test_ctrl_c_prompt)
{
	struct pty *p = start(30, 100, false);
	char item_title[4096];

	expect_row(p, 0, bar(100, agenda_title_en, "? help  q back  Q quit"));
	pty_char(p, 's');
	expect_row(p, 29, " Search all meetings:");
	pty_type(p, "tandv");
	expect_row(p, 29, " Search all meetings: tandv");
	pty_char(p, 3);
	expect_gone(p, "Search all meetings:");
	/* Still running, still on the agenda (a program that quit left the alternate screen). */
	expect_row(p, 0, bar(100, agenda_title_en, "? help  q back  Q quit"));
	ck_assert(pty_altscreen(p));
	walk_to(p, "   15  16.05–16.10");
	pty_key(p, VTERM_KEY_ENTER);
	if (pty_wait_text(p, " kallelse: Item 15:", WAIT_MS) != 0)
		fail_screen(p, "item 15 never opened");
	pty_row(p, 0, item_title, sizeof item_title);
	pty_key(p, VTERM_KEY_ENTER);
	if (pty_wait_text(p, " kallelse: Document:", WAIT_MS) != 0)
		fail_screen(p, "the document never opened");
	pty_char(p, '/');
	expect_row(p, 29, " /");
	pty_type(p, "regler");
	expect_row(p, 29, " /regler");
	pty_char(p, 3);
	expect_gone(p, "/regler");
	pty_char(p, 'q');
	expect_row(p, 0, item_title);
	quit(p);
}
END_TEST

/*
 * The first view is the meetings list: its title says "q quit", q quits
 * there, and Left and Backspace (back everywhere else) stay and say how
 * to quit.
 */
static void
root_view(bool swedish)
{
	struct pty *p = start(30, 100, swedish);
	const char *msg = swedish ? " Det här är första vyn; tryck q för att avsluta."
	    : " This is the first view; press q to quit.";

	expect_row(p, 0, swedish ? bar(100, agenda_title_sv, "? hjälp  q tillbaka  Q avsluta")
	    : bar(100, agenda_title_en, "? help  q back  Q quit"));
	pty_key(p, VTERM_KEY_LEFT);
	expect_row(p, 0, swedish ? bar(100, " kallelse: Sammanträden", "? hjälp  q avsluta")
	    : bar(100, " kallelse: Meetings", "? help  q quit"));
	pty_key(p, VTERM_KEY_LEFT);
	if (pty_wait_text(p, msg, WAIT_MS) != 29)
		fail_screen(p, "Left on the first view did not say how to quit");
	/* The next key clears the message; Backspace brings it back. */
	pty_key(p, VTERM_KEY_DOWN);
	expect_gone(p, msg);
	pty_key(p, VTERM_KEY_BACKSPACE);
	if (pty_wait_text(p, msg, WAIT_MS) != 29)
		fail_screen(p, "Backspace on the first view did not say how to quit");
	pty_char(p, 'q');
	ck_assert_int_eq(pty_wait_exit(p, WAIT_MS), 0);
	pty_free(p);
}

START_TEST(test_root_view)
{
	root_view(false);
}
END_TEST

START_TEST(test_root_view_swedish)
{
	root_view(true);
}
END_TEST

/* An unbound key says so and names the key for help (F1 in the pager, where ? finds back). */
static void
unbound_key(bool swedish)
{
	struct pty *p = start(30, 100, swedish);
	const char *agenda_msg = swedish ? " Tangenten är inte bunden. Tryck ? för hjälp."
	    : " Key is not bound. Press ? for help.";
	const char *pager_msg = swedish ? " Tangenten är inte bunden. Tryck <F1> för hjälp."
	    : " Key is not bound. Press <F1> for help.";

	expect_row(p, 0, swedish ? bar(100, agenda_title_sv, "? hjälp  q tillbaka  Q avsluta")
	    : bar(100, agenda_title_en, "? help  q back  Q quit"));
	pty_char(p, 'x');
	if (pty_wait_text(p, agenda_msg, WAIT_MS) != 29)
		fail_screen(p, "no word about the unbound key");
	walk_to(p, "   15  16.05–16.10");
	expect_gone(p, agenda_msg);
	pty_key(p, VTERM_KEY_ENTER);
	pty_key(p, VTERM_KEY_ENTER);
	if (pty_wait_text(p, swedish ? " kallelse: Dokument:" : " kallelse: Document:", WAIT_MS) != 0)
		fail_screen(p, "the document never opened");
	pty_char(p, 'x');
	if (pty_wait_text(p, pager_msg, WAIT_MS) != 29)
		fail_screen(p, "no word about the unbound key in the pager");
	quit(p);
}

START_TEST(test_unbound_key)
{
	unbound_key(false);
}
END_TEST

START_TEST(test_unbound_key_swedish)
{
	unbound_key(true);
}
END_TEST

/* A search that finds nothing says so on the status line, never "0+ hits". */
static void
no_hits(bool swedish)
{
	struct pty *p = start(30, 100, swedish);

	expect_row(p, 0, swedish ? bar(100, agenda_title_sv, "? hjälp  q tillbaka  Q avsluta")
	    : bar(100, agenda_title_en, "? help  q back  Q quit"));
	pty_char(p, 's');
	pty_type(p, "qzxqzxq");
	pty_key(p, VTERM_KEY_ENTER);
	expect_row(p, 0, swedish ? bar(100, " kallelse: Sök: qzxqzxq", "? hjälp  q tillbaka  Q avsluta")
	    : bar(100, " kallelse: Search: qzxqzxq", "? help  q back  Q quit"));
	expect_row(p, 2, swedish ? "  Inga träffar." : "  No matches.");
	expect_row(p, 29, swedish ? " Inga träffar" : " No hits");
	quit(p);
}

START_TEST(test_no_hits)
{
	no_hits(false);
}
END_TEST

START_TEST(test_no_hits_swedish)
{
	no_hits(true);
}
END_TEST

static Suite *
keys_suite(void)
{
	Suite *s = suite_create("screen_keys");
	TCase *tc = tcase_create("seed");

	tcase_add_unchecked_fixture(tc, setup_all, teardown_all);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_item_read_state);
	tcase_add_test(tc, test_unread_items);
	tcase_add_test(tc, test_unread_items_swedish);
	tcase_add_test(tc, test_ctrl_c_prompt);
	tcase_add_test(tc, test_root_view);
	tcase_add_test(tc, test_root_view_swedish);
	tcase_add_test(tc, test_unbound_key);
	tcase_add_test(tc, test_unbound_key_swedish);
	tcase_add_test(tc, test_no_hits);
	tcase_add_test(tc, test_no_hits_swedish);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return tu_run_suite(keys_suite(), CK_NORMAL);
}
