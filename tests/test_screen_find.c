/*
 * The pager's find over line breaks, on screen: the real binary in a
 * pseudo-terminal on the imported seed. In item 18's SOU the words
 * "ämnesrådet Kent" end a source line and "Löfgren" begins the next; at
 * 64 columns the reflow also puts them on two display lines. Before, /
 * said "Not found" with the words on screen.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screen_pty.h"
#include "testutil.h"

/* Generous: sanitizer builds and a loaded CI machine are slow. */
#define WAIT_MS 10000

static char *tmp;
static char db[4200];

static void
setup(void)
{
	const char *args[] = { "--db", db, "import", tu_seed("000_064591761fb2138b.txt"), NULL };
	char *out = NULL, *err = NULL;

	tmp = tu_tmpdir();
	snprintf(db, sizeof db, "%s/seed.db", tmp);
	ck_assert_msg(tu_run(args, &out, &err) == 0, "import: %s%s", out ? out : "", err ? err : "");
	free(out);
	free(err);
}

static void
teardown(void)
{
	tu_rmrf(tmp);
	free(tmp);
}

static void
fail_screen(struct pty *p, const char *what)
{
	char *screen = pty_screen(p);

	fprintf(stderr, "%s\nscreen:\n%s", what, screen);
	fflush(stderr);
	free(screen);
	ck_abort_msg("%s", what);
}

static int
expect_text(struct pty *p, const char *text)
{
	int r = pty_wait_text(p, text, WAIT_MS);

	if (r < 0)
		fail_screen(p, text);
	return r;
}

START_TEST(test_find_over_line_break)
{
	const char *argv[] = { tu_bin(), "--db", db, NULL };
	const char *env[] = { "XDG_CONFIG_HOME=", "XDG_DATA_HOME=", "KALLELSE_DB=", "LANGUAGE=",
		"LC_ALL=C.UTF-8", NULL };
	struct pty *p = pty_spawn(30, 64, argv, env);
	int r, c, r2, c2;

	ck_assert_ptr_nonnull(p);
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
	r2 = pty_find_row(p, "Löfgren från");
	ck_assert_int_eq(r2, r + 1);
	c2 = pty_find_col(p, r2, "Löfgren");
	ck_assert(pty_reverse(p, r2, c2));
	ck_assert(pty_reverse(p, r2, c2 + 6));
	ck_assert(!pty_reverse(p, r2, c2 + 8));	/* "från" is not */
	pty_char(p, 'Q');
	ck_assert_int_eq(pty_wait_exit(p, WAIT_MS), 0);
	pty_free(p);
}
END_TEST

static Suite *
find_suite(void)
{
	Suite *s = suite_create("screen-find");
	TCase *tc = tcase_create("seed");

	tcase_add_checked_fixture(tc, setup, teardown);
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
