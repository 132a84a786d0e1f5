/*
 * Documents as the reading model lays them out, on screen: the real
 * binary in a pseudo-terminal on the imported seed. Item 16's grant table
 * keeps each organisation's name and amounts on one row, wider than 80
 * columns, so the row scrolls sideways while the prose under it stays;
 * the SOU's heading list jumps to a heading; p goes to a page of the
 * original; o says there is no original for a packet imported from text.
 */
#include "config.h"

#include "screen_test.h"

/* Global search for a word, then its first hit: the pager opens on it. */
static void
open_hit(struct pty *p, const char *word, const char *hit_text)
{
	expect_text(p, "Agenda: Nämnd");
	pty_char(p, '/');
	expect_text(p, "Search all meetings:");
	pty_type(p, word);
	pty_key(p, VTERM_KEY_ENTER);
	expect_text(p, hit_text);
	press_key(p, VTERM_KEY_ENTER);
	expect_text(p, " kallelse: Document: ");
	/* The title comes first in the frame: let the rest of it arrive. */
	pty_settle(p, 50, WAIT_MS);
}

START_TEST(test_grant_table_sideways)
{
	struct pty *p = start(30, 80, false);
	char row[4096];
	int r, prose;

	open_hit(p, "Brottsofferjouren", "Brottsofferjouren 370 000");
	/* The hit lands on the table row (source offset -> display line), highlighted. */
	r = expect_text(p, " Brottsofferjouren ");
	if (!pty_wait_reverse(p, r, 1, WAIT_MS))
		fail_screen(p, "the hit on row %d is not highlighted", r);
	/* The names' column is wider than the window: the amounts are to the side, and › says so. */
	pty_row(p, r, row, sizeof row);
	ck_assert_msg(strstr(row, "370 000") == NULL, "row %d: %s", r, row);
	ck_assert_int_eq(pty_find_col(p, r, "…›"), 78);
	prose = expect_text(p, " * Har ansökt om stöd för hållbarhetsarbete.");
	/* Right, twice: the same row now shows the three amounts. */
	press_key(p, VTERM_KEY_RIGHT);
	expect_text(p, "column 40");
	press_key(p, VTERM_KEY_RIGHT);
	expect_text(p, "column 79");
	if (pty_find_col(p, r, "370 000") < 0 || pty_find_col(p, r, "430 000") < 0 ||
	    pty_find_col(p, r, "400 000") < 0)
		fail_screen(p, "Brottsofferjouren's amounts are not on its row %d after Right", r);
	/* The caption above the table stays. */
	expect_row(p, 1, " Tabell 1. Sökande länsorganisationer för 2025 inom folkhälsoområdet (kr)");
	/* The prose under the table does not move. */
	expect_row(p, prose, " * Har ansökt om stöd för hållbarhetsarbete.");
	/* Left scrolls back; Left again goes back to the search. */
	press_key(p, VTERM_KEY_LEFT);
	expect_text(p, "column 40");
	press_key(p, VTERM_KEY_LEFT);
	ck_assert(pty_wait_gone(p, "column 40", WAIT_MS));
	expect_row(p, r, " Brottsofferjouren                                                            …›");
	press_key(p, VTERM_KEY_LEFT);
	expect_text(p, " kallelse: Search: ");
	quit(p);
}
END_TEST

START_TEST(test_sou_contents_and_pages)
{
	struct pty *p = start(30, 100, false);

	open_hit(p, "anhörigkontakt", "Socialnämnden ska erbjuda en");
	/* The heading list: the SOU's numbered headings, Enter goes to one. */
	press_char(p, 't');
	expect_text(p, " kallelse: Contents: ");
	walk_to(p, "2.3 Avgränsningar");
	press_key(p, VTERM_KEY_ENTER);
	expect_text(p, " kallelse: Document: ");
	expect_row(p, 1, " 2.3 Avgränsningar");
	/* Go to a page of the original: the status line shows it. */
	press_char(p, 'p');
	expect_text(p, "Go to page:");
	press_line(p, "137");
	expect_text(p, "p. 137  Line ");
	press_char(p, 'p');
	expect_text(p, "Go to page:");
	press_line(p, "9999");
	expect_text(p, "No page 9999 in this document");
	/* The seed was imported from text: no original to open. */
	press_char(p, 'o');
	expect_text(p, "This document has no original PDF");
	quit(p);
}
END_TEST

static Suite *
reading_suite(void)
{
	Suite *s = suite_create("screen-reading");
	TCase *tc = tcase_create("seed");

	tcase_add_unchecked_fixture(tc, setup_all, teardown_all);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_grant_table_sideways);
	tcase_add_test(tc, test_sou_contents_and_pages);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return tu_run_suite(reading_suite(), CK_NORMAL);
}
