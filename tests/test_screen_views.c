/*
 * Every view transition at the sizes around the side-by-side preview
 * (140 columns): agenda <-> item <-> document, help, search and back, and
 * resizes across the threshold in each view. A view that reloads its data
 * inside its draw once freed the preview the loop was about to draw: a
 * crash on any terminal of 140 columns or more (issue 10), which these
 * walks catch under the sanitizer build. Also: a crash (a fatal signal)
 * still gives the terminal back.
 */
#include "config.h"

#include "screen_test.h"

static const struct {
	int rows, cols;
} sizes[] = { { 50, 200 }, { 40, 139 }, { 40, 140 } };

/* Wait until row 0 starts with prefix and its hints end at the right edge of cols. */
static void
expect_title(struct pty *p, const char *prefix, int cols)
{
	double end = pty_now_ms() + WAIT_MS;
	char row[4096];

	for (;;) {
		pty_row(p, 0, row, sizeof row);
		if (strncmp(row, prefix, strlen(prefix)) == 0 &&
		    pty_find_col(p, 0, "quit") == cols - 5)	/* "Q quit", or "q quit" on the root view */
			return;
		if (pty_now_ms() > end)
			fail_screen(p, "no title '%s' at %d columns", prefix, cols);
		pty_pump(p, 50);
	}
}

/* The selected item's detail beside the agenda on a wide terminal, none on a narrow one. */
static void
expect_preview(struct pty *p, int cols)
{
	if (cols >= 140) {
		expect_text(p, "│ Övergångsregler enligt SKR:s");
		return;
	}
	pty_settle(p, 50, WAIT_MS);
	if (pty_find_row(p, "│") >= 0)
		fail_screen(p, "a preview at %d columns", cols);
}

/* Resize across the threshold both ways and back to cols, the view redrawn each time. */
static void
resize_across(struct pty *p, int rows, int cols, const char *title)
{
	const int widths[] = { 100, 200, 139, 140, cols };

	for (size_t i = 0; i < sizeof widths / sizeof widths[0]; i++) {
		pty_resize(p, rows, widths[i]);
		expect_title(p, title, widths[i]);
		if (strcmp(title, " kallelse: Agenda: ") == 0)
			expect_preview(p, widths[i]);
	}
}

#define AGENDA " kallelse: Agenda: "
#define ITEM " kallelse: Item 15: "
#define DOC " kallelse: Document: "

START_TEST(test_walk_views)
{
	int rows = sizes[_i].rows, cols = sizes[_i].cols;
	struct pty *p = start(rows, cols, false);

	expect_title(p, AGENDA, cols);
	walk_to(p, "   15  16.05–16.10");
	expect_preview(p, cols);
	resize_across(p, rows, cols, AGENDA);

	/* agenda -> item -> document -> item -> agenda, resizing in each. */
	press_key(p, VTERM_KEY_ENTER);
	expect_title(p, ITEM, cols);
	resize_across(p, rows, cols, ITEM);
	walk_to(p, "tjänsteskrivelse  Övergångsregler");
	press_key(p, VTERM_KEY_ENTER);
	expect_title(p, DOC, cols);
	expect_text(p, "Line 1 of 77");
	resize_across(p, rows, cols, DOC);
	press_char(p, 'q');
	expect_title(p, ITEM, cols);
	press_char(p, 'q');
	expect_title(p, AGENDA, cols);
	expect_preview(p, cols);

	/* Help and back. */
	press_char(p, '?');
	expect_title(p, " kallelse: Help: Agenda: ", cols);
	resize_across(p, rows, cols, " kallelse: Help: Agenda: ");
	press_char(p, 'q');
	expect_title(p, AGENDA, cols);
	expect_preview(p, cols);

	/* Search, a hit's document, and back twice. */
	press_char(p, 's');
	expect_text(p, "Search all meetings:");
	press_line(p, "anhörigkontakt");
	expect_title(p, " kallelse: Search: anhörigkontakt", cols);
	resize_across(p, rows, cols, " kallelse: Search: anhörigkontakt");
	press_key(p, VTERM_KEY_ENTER);
	expect_title(p, DOC, cols);
	expect_text(p, "/anhörigkontakt");
	press_char(p, 'q');
	expect_title(p, " kallelse: Search: anhörigkontakt", cols);
	press_char(p, 'q');
	expect_title(p, AGENDA, cols);
	expect_preview(p, cols);

	/* Back to the meetings list (read when first shown) and into the agenda again. */
	press_char(p, 'q');
	expect_title(p, " kallelse: Meetings", cols);
	expect_text(p, " Date        Time   Body");
	resize_across(p, rows, cols, " kallelse: Meetings");
	press_key(p, VTERM_KEY_ENTER);
	expect_title(p, AGENDA, cols);
	quit(p);
}
END_TEST

/* Widening from 100 to 200 columns with an item open, then back to the agenda. */
START_TEST(test_widen_with_item_open)
{
	struct pty *p = start(50, 100, false);

	expect_title(p, AGENDA, 100);
	walk_to(p, "   15  16.05–16.10");
	press_key(p, VTERM_KEY_ENTER);
	expect_title(p, ITEM, 100);
	pty_resize(p, 50, 200);
	expect_title(p, ITEM, 200);
	press_char(p, 'q');
	expect_title(p, AGENDA, 200);
	expect_preview(p, 200);
	quit(p);
}
END_TEST

static const int crash_signals[] = { SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL };

/* A crash still gives the terminal back: main screen, no mouse reports, cursor shown. */
START_TEST(test_crash_restores_terminal)
{
	int sig = crash_signals[_i];
	struct pty *p = start(30, 100, false);
	int status;

	expect_title(p, AGENDA, 100);
	ck_assert(pty_altscreen(p));
	ck_assert(pty_mouse(p));
	pty_signal(p, sig);
	status = pty_wait_exit(p, WAIT_MS);
	/* Killed by the signal itself (a sanitizer's own handler may exit instead). */
	ck_assert_msg(status == 128 + sig || (status > 0 && status < 128),
	    "signal %d: exit status %d", sig, status);
	if (pty_altscreen(p))
		fail_screen(p, "signal %d left the alternate screen on", sig);
	ck_assert_msg(!pty_mouse(p), "signal %d left mouse reports on", sig);
	ck_assert_msg(pty_cursor_visible(p), "signal %d left the cursor hidden", sig);
	pty_free(p);
}
END_TEST

static Suite *
views_suite(void)
{
	Suite *s = suite_create("screen-views");
	TCase *tc = tcase_create("views");

	tcase_add_unchecked_fixture(tc, setup_all, teardown_all);
	/* Sanitizer builds are several times slower. */
	tcase_set_timeout(tc, 600);
	tcase_add_loop_test(tc, test_walk_views, 0, (int)(sizeof sizes / sizeof sizes[0]));
	tcase_add_test(tc, test_widen_with_item_open);
	tcase_add_loop_test(tc, test_crash_restores_terminal, 0,
	    (int)(sizeof crash_signals / sizeof crash_signals[0]));
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return tu_run_suite(views_suite(), CK_NORMAL);
}
