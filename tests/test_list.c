/*
 * Unit tests for the list movement shared by the list views (tui/list.c):
 * headings are skipped, a far-away row scrolls the list a line at a time
 * so text above it stays readable, pages and ends.
 */
#include "config.h"

#include <check.h>

#include "view.h"
#include "testutil.h"

/* "h" a heading (not selectable), "r" a row. */
static bool skip[64];

static void
setup_rows(struct list *l, const char *pattern, int height)
{
	size_t n = 0;

	for (const char *p = pattern; *p; p++)
		skip[n++] = *p == 'h';
	list_init(l, n, skip);
	list_fit(l, height);
}

static const struct {
	const char *rows;
	int height;
	const char *keys;	/* j k J(page down) K(page up) g G */
	size_t sel, top;	/* after the keys */
} cases[] = {
	/* A plain list: down, up, ends. */
	{ "rrrrr", 3, "", 0, 0 },
	{ "rrrrr", 3, "j", 1, 0 },
	{ "rrrrr", 3, "jjj", 3, 1 },
	{ "rrrrr", 3, "jjjjjjj", 4, 2 },
	{ "rrrrr", 3, "G", 4, 2 },
	{ "rrrrr", 3, "Gg", 0, 0 },
	{ "rrrrr", 3, "jjjjk", 3, 2 },
	/* Headings are never selected; the first row brings its heading along. */
	{ "hrhrr", 5, "", 1, 0 },
	{ "hrhrr", 5, "j", 3, 0 },
	{ "hrhrr", 2, "jjjkk", 3, 2 },
	{ "hrhrr", 2, "jjjkkk", 1, 0 },
	/* Text above the rows (the item view): down scrolls line by line until the first row shows. */
	{ "hhhhhrr", 3, "", 5, 3 },
	/* Pages. */
	{ "rrrrrrrrrr", 4, "J", 4, 4 },
	{ "rrrrrrrrrr", 4, "JJ", 6, 6 },
	{ "rrrrrrrrrr", 4, "JJJ", 9, 6 },
	{ "rrrrrrrrrr", 4, "JJK", 5, 2 },
};

START_TEST(test_moves)
{
	struct list l;

	setup_rows(&l, cases[_i].rows, cases[_i].height);
	for (const char *k = cases[_i].keys; *k; k++) {
		enum action a = *k == 'j' ? ACTION_MOVE_DOWN : *k == 'k' ? ACTION_MOVE_UP
		    : *k == 'J' ? ACTION_PAGE_DOWN : *k == 'K' ? ACTION_PAGE_UP
		    : *k == 'g' ? ACTION_FIRST : ACTION_LAST;
		ck_assert_uint_ne(list_action(&l, a) & UI_HANDLED, 0);
		list_fit(&l, cases[_i].height);
	}
	ck_assert_msg(l.sel == cases[_i].sel && l.top == cases[_i].top,
	    "%s at height %d after '%s': sel %zu top %zu, wanted sel %zu top %zu",
	    cases[_i].rows, cases[_i].height, cases[_i].keys, l.sel, l.top, cases[_i].sel,
	    cases[_i].top);
}
END_TEST

START_TEST(test_no_selection)
{
	struct list l;
	struct buf pos = { 0 };

	/* Rows of text only (the help view): moving scrolls, nothing is selected. */
	setup_rows(&l, "hhhhhh", 2);
	ck_assert_uint_eq(l.sel, l.n);
	list_action(&l, ACTION_MOVE_DOWN);
	list_fit(&l, 2);
	ck_assert_uint_eq(l.top, 1);
	ck_assert_uint_eq(l.sel, l.n);
	ck_assert(list_action(&l, ACTION_MOVE_UP) & UI_REDRAW);
	ck_assert(list_action(&l, ACTION_MOVE_UP) & UI_BEEP);
	list_position(&l, &pos);
	ck_assert_uint_eq(pos.len, 0);
	buf_free(&pos);
}
END_TEST

START_TEST(test_click_and_position)
{
	struct list l;
	struct buf pos = { 0 };

	setup_rows(&l, "hrrhr", 5);
	ck_assert_uint_eq(list_click(&l, 0), 0);	/* a heading */
	ck_assert(list_click(&l, 4) & UI_HANDLED);
	ck_assert_uint_eq(l.sel, 4);
	list_position(&l, &pos);
	ck_assert_str_eq(pos.data, "3/3");
	buf_free(&pos);
	list_scroll(&l, 2);
	ck_assert_uint_eq(l.top, 0);	/* everything fits: nothing to scroll */
}
END_TEST

int
main(void)
{
	int failed;
	Suite *s = suite_create("list");
	TCase *tc = tcase_create("list");

	tcase_add_loop_test(tc, test_moves, 0, (int)(sizeof cases / sizeof cases[0]));
	tcase_add_test(tc, test_no_selection);
	tcase_add_test(tc, test_click_and_position);
	suite_add_tcase(s, tc);
	failed = tu_run_suite(s, CK_NORMAL);
	return failed ? 1 : 0;
}
