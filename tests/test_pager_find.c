/*
 * The pager's find without a terminal (tui/pager_text.c): a pattern whose
 * spaces are a line break, trailing spaces, a tab or a no-break space in
 * the text is found, forward and backward, and the display line of a
 * match that the reflow wraps over two lines is the one it starts on.
 * And the command that o runs for $KALLELSE_PDF_VIEWER (pager_open.c).
 */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "pager_text.h"
#include "testutil.h"
#include "text.h"
#include "view.h"
#include "xmalloc.h"

static const char doc[] =
	"Sekreterare i utredningen har varit tidigare ämnesrådet Kent \n"
	"Löfgren från och med den 21 augusti 2023.\n"
	"\n"
	"Stöd till anhöriga till\tpersoner som är\xc2\xa0långvarigt sjuka.\n";

static struct pager_text
layout(int width)
{
	struct pager_text t = { 0 };

	t.text = xstrdup(doc);
	t.len = strlen(doc);
	pager_text_layout(&t, width, 0);
	pager_text_ensure(&t, SIZE_MAX);
	return t;
}

static bool
find(struct pager_text *t, const char *pat, size_t from, bool back, size_t *start, size_t *len)
{
	struct text_matcher m;
	bool r;

	text_matcher_init(&m, pat, strlen(pat));
	r = pager_text_find(t, &m, from, back ? 0 : SIZE_MAX, back, start, len);
	text_matcher_free(&m);
	return r;
}

START_TEST(test_find_over_line_break)
{
	struct pager_text t = layout(40);
	const char *w = strstr(doc, "ämnesrådet");
	size_t start, len, l;

	ck_assert(find(&t, "ämnesrådet Kent Löfgren", 0, false, &start, &len));
	ck_assert_uint_eq(start, (size_t)(w - doc));
	ck_assert_uint_eq(len, strlen("ämnesrådet Kent \nLöfgren"));
	/* Reflowed to 40 columns, the match begins on one display line and ends on the next. */
	l = pager_text_line_of_off(&t, start);
	ck_assert_uint_lt(start - t.pl[l].off, t.pl[l].len);
	ck_assert_uint_gt(start + len, (size_t)t.pl[l].off + t.pl[l].len);
	ck_assert_uint_ge(start + len, t.pl[l + 1].off);
	/* Case, tab, no-break space and several spaces in the pattern. */
	ck_assert(find(&t, "ANHÖRIGA  till personer\tsom är långvarigt", 0, false, &start, &len));
	ck_assert_uint_eq(start, (size_t)(strstr(doc, "anhöriga") - doc));
	/* Backward from the end finds the same; nothing after it. */
	ck_assert(find(&t, "Kent Löfgren", t.len, true, &start, &len));
	ck_assert_uint_eq(start, (size_t)(strstr(doc, "Kent") - doc));
	ck_assert(!find(&t, "Kent Löfgren", start + 1, false, &start, &len));
	ck_assert(!find(&t, "Kent  Löfgrenx", 0, false, &start, &len));
	free(t.text);
	free(t.pl);
}
END_TEST

/* KALLELSE_PDF_VIEWER to the shell command o runs, on file /t/a b.pdf at page 12. */
static const struct {
	const char *viewer;
	const char *cmd;
	bool takes_page;
} viewer_rows[] = {
	{ NULL, "xdg-open '/t/a b.pdf'", false },
	{ "", "xdg-open '/t/a b.pdf'", false },
	{ "mupdf %f %p", "mupdf '/t/a b.pdf' 12", true },
	{ "zathura --page=%p %f &", "zathura --page=12 '/t/a b.pdf' &", true },
	{ "less", "less '/t/a b.pdf'", false },
	{ "firefox file://%f#page=%p", "firefox file://'/t/a b.pdf'#page=12", true },
	{ "echo 100%% %p", "echo 100% 12 '/t/a b.pdf'", true },
	{ "/usr/bin/evince", "'/usr/bin/evince' --page-index=12 '/t/a b.pdf' </dev/null >/dev/null 2>&1 &",
	    true },
	{ "okular", "'okular' --page=12 '/t/a b.pdf' </dev/null >/dev/null 2>&1 &", true },
};

START_TEST(test_viewer_command)
{
	bool takes_page = false;
	char *cmd = pager_viewer_command(viewer_rows[_i].viewer, "/t/a b.pdf", 12, &takes_page);

	ck_assert_str_eq(cmd, viewer_rows[_i].cmd);
	ck_assert_int_eq(takes_page, viewer_rows[_i].takes_page);
	free(cmd);
	/* A quote in the path stays inside the quoting. */
	cmd = pager_viewer_command("v %f", "/t/it's.pdf", 1, &takes_page);
	ck_assert_str_eq(cmd, "v '/t/it'\\''s.pdf'");
	free(cmd);
}
END_TEST

static Suite *
pager_find_suite(void)
{
	Suite *s = suite_create("pager-find");
	TCase *tc = tcase_create("find");

	tcase_add_test(tc, test_find_over_line_break);
	tcase_add_loop_test(tc, test_viewer_command, 0,
	    (int)(sizeof viewer_rows / sizeof viewer_rows[0]));
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return tu_run_suite(pager_find_suite(), CK_NORMAL);
}
