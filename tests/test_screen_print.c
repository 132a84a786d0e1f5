/*
 * The print preview in a pty at 80×24: from the agenda with p, and
 * straight from `kallelse print MEETING --preview`. The pages come in
 * order (DAGORDNING 1(N), then 2(N)), as many as the text export has,
 * with the Paus line between items 7 and 8, the checks above the page;
 * the agenda itself shows the Paus row between items 7 and 8 too.
 */
#include "config.h"

#include "screen_test.h"

/* Pages of the seed's agenda as `kallelse print` lays them out for paper. */
static int
printed_pages(void)
{
	const char *args[] = { "--db", seed_db, "print", "2024-12-10", NULL };
	char *out = NULL;
	int n = 1;

	ck_assert_int_eq(tu_run(args, &out, NULL), 0);
	for (const char *s = out; *s; s++)
		n += *s == '\f';
	free(out);
	return n;
}

/* Rows of three texts must come in this order on the screen. */
static void
expect_order(struct pty *p, const char *a, const char *b, const char *c)
{
	int ra, rb, rc;

	/* The title can arrive before the rows: wait for each, then compare. */
	expect_text(p, a);
	expect_text(p, b);
	expect_text(p, c);
	ra = pty_find_row(p, a);
	rb = pty_find_row(p, b);
	rc = pty_find_row(p, c);
	if (!(ra >= 0 && ra < rb && rb < rc))
		fail_screen(p, "want '%s' (row %d) above '%s' (row %d) above '%s' (row %d)", a, ra, b,
		    rb, c, rc);
}

/* Page 1, then Page 2 .. N with PgDn, each page's header line, the Paus between 7 and 8. */
static void
walk_pages(struct pty *p)
{
	int pages = printed_pages();
	char want[64];

	ck_assert_int_ge(pages, 2);
	snprintf(want, sizeof want, "Page 1 of %d", pages);
	expect_text(p, want);
	snprintf(want, sizeof want, "DAGORDNING 1(%d)", pages);
	expect_text(p, want);
	expect_text(p, "Checks: all passed");
	expect_text(p, "│1–5  Upprop etc.");
	/* The page is taller than the screen: scroll it until item 8 shows. */
	for (int i = 0; i < 40 && pty_find_row(p, "│8    Uppdrag om") < 0; i++)
		press_key(p, VTERM_KEY_DOWN);
	expect_order(p, "│7    Patientsäkerhet", "│     Paus                 ", "│8    Uppdrag om");
	expect_text(p, "14.35–14.50");
	for (int n = 2; n <= pages; n++) {
		press_key(p, VTERM_KEY_PAGEDOWN);
		snprintf(want, sizeof want, "Page %d of %d", n, pages);
		expect_text(p, want);
		snprintf(want, sizeof want, "DAGORDNING %d(%d)", n, pages);
		expect_text(p, want);
	}
	/* The last page has the last item, after the first page's items. */
	expect_text(p, "│17   Bidrag till");
	press_key(p, VTERM_KEY_PAGEUP);
	snprintf(want, sizeof want, "Page %d of %d", pages - 1, pages);
	expect_text(p, want);
}

START_TEST(test_preview_from_agenda)
{
	struct pty *p = start(24, 80, false);

	expect_row(p, 0, " kallelse: Agenda: Nämnd för folkhälsa och sjukvård 202… ? help  q back  Q quit");
	expect_order(p, "     7  14.05–14.35", "        14.35–14.50  Paus", "     8  14.50–15.20");
	press_char(p, 'p');
	expect_text(p, " kallelse: Print preview: ");
	walk_pages(p);
	press_char(p, 'q');
	expect_text(p, " kallelse: Agenda: ");
	quit(p);
}
END_TEST

/* kallelse print 2024-12-10 --preview: the preview is the first thing shown. */
START_TEST(test_preview_direct)
{
	struct pty *p;
	char cp[9000], home[4400];
	const char *argv[] = { tu_bin(), "--db", db, "print", "2024-12-10", "--preview", NULL };
	const char *env[] = { home, "XDG_CONFIG_HOME=", "XDG_DATA_HOME=", "KALLELSE_DB=",
		"LANGUAGE=", "NO_COLOR=", "LC_ALL=C.UTF-8", "LOCPATH=", NULL };

	snprintf(db, sizeof db, "%s/direct-%d.db", tmp, (int)getpid());
	snprintf(cp, sizeof cp, "cp '%s' '%s'", seed_db, db);
	ck_assert_int_eq(system(cp), 0);
	snprintf(home, sizeof home, "HOME=%s", tmp);
	p = pty_spawn(24, 80, argv, env);
	ck_assert_ptr_nonnull(p);
	expect_text(p, " kallelse: Print preview: Nämnd för");
	walk_pages(p);
	quit(p);
}
END_TEST

static Suite *
print_suite(void)
{
	Suite *s = suite_create("print");
	TCase *tc = tcase_create("preview");

	tcase_add_unchecked_fixture(tc, setup_all, teardown_all);
	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, test_preview_from_agenda);
	tcase_add_test(tc, test_preview_direct);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return tu_run_suite(print_suite(), CK_NORMAL) ? 1 : 0;
}
