/*
 * The pager's find over line breaks, on screen: the real binary in a
 * pseudo-terminal on the imported seed. In item 18's SOU the words
 * "ämnesrådet Kent" end a source line and "Löfgren" begins the next; at
 * 64 columns the reflow also puts them on two display lines. Before, /
 * said "Not found" with the words on screen.
 */
#include "config.h"

#include "screen_test.h"

START_TEST(test_find_over_line_break)
{
	struct pty *p = start(30, 64, false);
	int r, c, r2, c2;

	expect_text(p, "Agenda: Nämnd");
	/* Into the SOU through global search, then to its top. */
	pty_char(p, '/');
	expect_text(p, "Search all meetings:");
	pty_type(p, "anhörigkontakt");
	pty_key(p, VTERM_KEY_ENTER);
	expect_text(p, "Socialnämnden ska erbjuda en");
	pty_key(p, VTERM_KEY_ENTER);
	expect_text(p, "Line 149 of ");
	pty_char(p, 'g');
	expect_text(p, "Line 1 of ");
	pty_type(p, "/ämnesrådet Kent Löfgren");
	pty_key(p, VTERM_KEY_ENTER);
	/* Only the screen after the find has the words in reverse video (the
	 * prompt and the page before show them plain). */
	r = expect_text(p, "ämnesrådet Kent");
	c = pty_find_col(p, r, "ämnesrådet");
	if (!pty_wait_reverse(p, r, c, WAIT_MS))
		fail_screen(p, "the match's start is not highlighted");
	if (pty_find_row(p, "Not found") >= 0)
		fail_screen(p, "the pager said Not found");
	ck_assert(pty_reverse(p, r, pty_find_col(p, r, "Kent") + 3));
	/* "Löfgren" on the next display line is part of the same match. */
	r2 = expect_text(p, "Löfgren från");
	ck_assert_int_eq(r2, r + 1);
	c2 = pty_find_col(p, r2, "Löfgren");
	/* The page before the find showed these rows too: wait for this row's update. */
	if (!pty_wait_reverse(p, r2, c2, WAIT_MS))
		fail_screen(p, "the match's second line is not highlighted");
	ck_assert(pty_reverse(p, r2, c2 + 6));
	ck_assert(!pty_reverse(p, r2, c2 + 8));	/* "från" is not */
	quit(p);
}
END_TEST

static Suite *
find_suite(void)
{
	Suite *s = suite_create("screen-find");
	TCase *tc = tcase_create("seed");

	tcase_add_unchecked_fixture(tc, setup_all, teardown_all);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_find_over_line_break);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return tu_run_suite(find_suite(), CK_NORMAL);
}
