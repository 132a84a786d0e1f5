/*
 * The prompt's line editor on screen: a Swedish query typed as multibyte
 * keys, edited with Left, Right, Home, End and Backspace in the middle of
 * the line, then searched for; and a line wider than the window scrolling
 * sideways with the cursor. The real binary in a pseudo-terminal on a
 * copy of the imported seed, in C.UTF-8 and in a Swedish locale. After
 * every key the test waits for the screen to change (press_*), then for
 * what only the edited line shows: the row's text and the cursor's column.
 */
#include "config.h"

#include "screen_test.h"

/* The cursor must reach column col on row; fails with the screen otherwise. */
static void
expect_cursor(struct pty *p, int row, int col)
{
	int r = -1, c = -1;
	double end = pty_now_ms() + WAIT_MS;

	for (;;) {
		pty_cursor(p, &r, &c);
		if (r == row && c == col)
			return;
		if (pty_now_ms() >= end)
			break;
		pty_pump(p, 50);
	}
	fail_screen(p, "the cursor is at %d,%d but should be at %d,%d", r, c, row, col);
}

/* Each character of a UTF-8 string as one key, waiting for the screen each time. */
static void
press_text(struct pty *p, const char *utf8)
{
	const char *s = utf8;

	while (*s) {
		unsigned long before = pty_generation(p);
		const char *next = s + 1;
		char one[8];

		while ((*next & 0xC0) == 0x80)
			next++;
		snprintf(one, sizeof one, "%.*s", (int)(next - s), s);
		pty_type(p, one);
		if (!pty_wait_change(p, before, WAIT_MS))
			fail_screen(p, "the screen did not change after '%s'", one);
		s = next;
	}
}

static void
edit_swedish_query(bool swedish)
{
	struct pty *p = start(30, 100, swedish);
	const char *prompt = swedish ? " Sök i alla sammanträden: " : " Search all meetings: ";
	const char *title = swedish ? " kallelse: Sök: tandvård" : " kallelse: Search: tandvård";
	int x = u8_chars(prompt);	/* the column of the line's first character */
	char want[256];

	expect_text(p, swedish ? "Dagordning" : "Agenda");
	press_char(p, 's');
	expect_cursor(p, 29, x);
	/* A typo: ä for å. Fixed in the middle of the line, two characters from the end. */
	press_text(p, "tandvärd");
	snprintf(want, sizeof want, "%standvärd", prompt);
	expect_row(p, 29, want);
	expect_cursor(p, 29, x + 8);
	press_key(p, VTERM_KEY_LEFT);
	press_key(p, VTERM_KEY_LEFT);
	expect_cursor(p, 29, x + 6);
	/* Backspace takes the whole ä (two bytes) before the cursor, nothing after it. */
	press_key(p, VTERM_KEY_BACKSPACE);
	snprintf(want, sizeof want, "%standvrd", prompt);
	expect_row(p, 29, want);
	expect_cursor(p, 29, x + 5);
	press_text(p, "å");
	snprintf(want, sizeof want, "%standvård", prompt);
	expect_row(p, 29, want);
	expect_cursor(p, 29, x + 6);
	press_key(p, VTERM_KEY_RIGHT);
	expect_cursor(p, 29, x + 7);
	press_key(p, VTERM_KEY_HOME);
	expect_cursor(p, 29, x);
	/* Right over å moves one column, as over any letter. */
	for (int i = 0; i < 6; i++)
		press_key(p, VTERM_KEY_RIGHT);
	expect_cursor(p, 29, x + 6);
	press_key(p, VTERM_KEY_END);
	expect_cursor(p, 29, x + 8);
	/* The edited query is what the search gets. */
	press_key(p, VTERM_KEY_ENTER);
	if (pty_wait_text(p, title, WAIT_MS) != 0)
		fail_screen(p, "the search for the edited query never showed its title");
	quit(p);
}

START_TEST(test_edit_swedish_query)
{
	edit_swedish_query(false);
}
END_TEST

START_TEST(test_edit_swedish_query_swedish)
{
	edit_swedish_query(true);
}
END_TEST

/*
 * At 40 columns the prompt leaves 17 columns for the line: the end of a
 * longer line shows with the cursor after it, Home shows its start
 * (cut with … at the edge), End its end again.
 */
START_TEST(test_long_line_scrolls)
{
	struct pty *p = start(30, 40, false);
	const char *prompt = " Search all meetings: ";
	int x = u8_chars(prompt);
	char want[256];

	expect_text(p, "Agenda");
	press_char(p, 's');
	press_text(p, "sjukvårdsnämndens möte");
	/* 22 characters; 17 columns less one for the cursor: the last 16 show. */
	snprintf(want, sizeof want, "%srdsnämndens möte", prompt);
	expect_row(p, 29, want);
	expect_cursor(p, 29, x + 16);
	press_key(p, VTERM_KEY_HOME);
	/* The rest is cut at the edge, with … to say there is more. */
	snprintf(want, sizeof want, "%ssjukvårdsnämndens…", prompt);
	expect_row(p, 29, want);
	expect_cursor(p, 29, x);
	press_key(p, VTERM_KEY_END);
	expect_cursor(p, 29, x + 16);
	press_key(p, VTERM_KEY_ESCAPE);
	if (!pty_wait_gone(p, "Search all meetings:", WAIT_MS))
		fail_screen(p, "Esc did not leave the prompt");
	quit(p);
}
END_TEST

static Suite *
prompt_suite(void)
{
	Suite *s = suite_create("screen_prompt");
	TCase *tc = tcase_create("seed");

	tcase_add_unchecked_fixture(tc, setup_all, teardown_all);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_edit_swedish_query);
	tcase_add_test(tc, test_edit_swedish_query_swedish);
	tcase_add_test(tc, test_long_line_scrolls);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return tu_run_suite(prompt_suite(), CK_NORMAL);
}
