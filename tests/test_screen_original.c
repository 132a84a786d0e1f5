/*
 * o in the pager, on screen: the seed imported from a real PDF (made by
 * tests/pdf_make.h, a page break every 57 lines), the real binary in a
 * pseudo-terminal, and a KALLELSE_PDF_VIEWER script that writes down what
 * it was given: the page (%p), the file (%f) and its mode, its folder's
 * mode, whether the terminal was handed over (canonical mode, as after
 * endwin) and a copy of the file. The page must be the one `kallelse
 * original` prints for that document, the copy the PDF byte for byte, and
 * the pager must be back on screen without the viewer's output.
 */
#include "config.h"

#include <sys/stat.h>

#include "pdf_make.h"
#include "screen_test.h"

static char pdf[4300], rec[4300];

/* The seed with a page break every 57 lines, as a PDF, imported into seed_db. */
static void
setup_pdf(void)
{
	const char *seed = tu_seed(seed_name);
	size_t len, line = 0, n = 0;
	char *text = tu_read_file(seed, &len), *out = NULL, *err = NULL, viewer[9000], *paged;
	const char *args[] = { "--db", seed_db, "import", pdf, NULL };
	FILE *f;

	tmp = tu_tmpdir();
	snprintf(seed_db, sizeof seed_db, "%s/seed.db", tmp);
	snprintf(pdf, sizeof pdf, "%s/packet.pdf", tmp);
	snprintf(rec, sizeof rec, "%s/viewer.rec", tmp);
	/* At most one form feed per line more than the text. */
	if (text == NULL || (paged = malloc(2 * len + 1)) == NULL)
		abort();
	for (size_t i = 0; i < len; i++) {
		paged[n++] = text[i];
		if (text[i] == '\n' && ++line % 57 == 0)
			paged[n++] = '\f';
	}
	if (pdf_make(paged, n, pdf) < 300) {
		fprintf(stderr, "pdf_make: too few pages\n");
		exit(1);
	}
	free(paged);
	free(text);
	if (tu_run(args, &out, &err) != 0) {
		fprintf(stderr, "import of the PDF failed: %s%s\n", out ? out : "", err ? err : "");
		exit(1);
	}
	free(out);
	free(err);
	/* The viewer: what it was given, then a line on the terminal that must not stay. */
	snprintf(viewer, sizeof viewer, "%s/viewer.sh", tmp);
	f = fopen(viewer, "w");
	ck_assert_ptr_nonnull(f);
	fprintf(f, "#!/bin/sh\n"
	    "{ echo \"page=$1\"; echo \"file=$2\"; echo \"mode=$(stat -c %%a \"$2\")\";\n"
	    "  echo \"dirmode=$(stat -c %%a \"$(dirname \"$2\")\")\";\n"
	    "  echo \"tty=$(stty -a | tr ' ;' '\\n\\n' | grep -x -- '-*icanon')\"; } >'%s.tmp'\n"
	    "cp \"$2\" '%s.pdf'\n"
	    "echo VIEWER-WAS-HERE\n"
	    "mv '%s.tmp' '%s'\n", rec, rec, rec, rec);
	fclose(f);
	ck_assert_int_eq(chmod(viewer, 0700), 0);
	/* The private copy goes under our scratch folder, not the desktop's runtime folder. */
	setenv("TMPDIR", tmp, 1);
	unsetenv("XDG_RUNTIME_DIR");
}

/* The value of "key=" in the record, or "". */
static const char *
field(const char *recd, const char *key, char *buf, size_t size)
{
	const char *at = strstr(recd, key);
	size_t n = 0;

	buf[0] = '\0';
	if (at == NULL)
		return buf;
	at += strlen(key);
	while (at[n] && at[n] != '\n' && n + 1 < size)
		n++;
	memcpy(buf, at, n);
	buf[n] = '\0';
	return buf;
}

/* From the agenda, search all meetings for query and open the first hit (showing hit). */
static void
open_hit(struct pty *p, const char *query, const char *hit)
{
	expect_text(p, "Agenda: Nämnd");
	pty_char(p, '/');
	expect_text(p, "Search all meetings:");
	press_line(p, query);
	expect_text(p, hit);
	press_key(p, VTERM_KEY_ENTER);
	expect_text(p, " kallelse: Document: ");
	pty_settle(p, 50, WAIT_MS);
}

START_TEST(test_o_opens_the_viewer_at_the_page)
{
	char env[9000], want[32], got[4096], status[128], *out = NULL, *err = NULL, *recd, *copy;
	const char *orig_args[] = { "--db", seed_db, "original", "2024-12-10/16/3", "-o", NULL, NULL };
	char opath[4400];
	size_t len = 0, plen = 0;
	struct pty *p;
	int page = 0;

	/* The page the store knows for item 16's third document (the grant table). */
	snprintf(opath, sizeof opath, "%s/o.pdf", tmp);
	orig_args[5] = opath;
	ck_assert_int_eq(tu_run(orig_args, &out, &err), 0);
	ck_assert_msg(sscanf(strstr(out, "starts on page "), "starts on page %d", &page) == 1,
	    "original: %s", out);
	ck_assert_int_gt(page, 100);
	free(out);
	free(err);
	snprintf(want, sizeof want, "%d", page);

	snprintf(env, sizeof env, "KALLELSE_PDF_VIEWER=%s/viewer.sh %%p %%f", tmp);
	p = start_env(30, 100, false, env);
	open_hit(p, "Brottsofferjouren", "Brottsofferjouren 370 000");
	press_char(p, 'o');
	snprintf(status, sizeof status, "Opened the original at page %d", page);
	expect_text(p, status);
	/* The pager is back, drawn again over whatever the viewer wrote. */
	expect_text(p, " kallelse: Document: ");
	expect_text(p, "Brottsofferjouren");
	expect_gone(p, "VIEWER-WAS-HERE");

	recd = tu_read_file(rec, NULL);
	ck_assert_msg(recd != NULL, "the viewer did not run (no %s)", rec);
	ck_assert_str_eq(field(recd, "page=", got, sizeof got), want);
	/* A private copy: the file 0600 in a folder of the user's own (0700). */
	ck_assert_str_eq(field(recd, "mode=", got, sizeof got), "600");
	ck_assert_str_eq(field(recd, "dirmode=", got, sizeof got), "700");
	ck_assert_msg(strncmp(field(recd, "file=", got, sizeof got), tmp, strlen(tmp)) == 0,
	    "the copy %s is not under TMPDIR %s", got, tmp);
	/* The terminal was the viewer's: canonical mode, as the shell has it, not curses' raw one. */
	ck_assert_str_eq(field(recd, "tty=", got, sizeof got), "icanon");
	free(recd);
	/* Byte for byte the PDF that was imported. */
	snprintf(opath, sizeof opath, "%s.pdf", rec);
	copy = tu_read_file(opath, &len);
	recd = tu_read_file(pdf, &plen);
	ck_assert_ptr_nonnull(copy);
	ck_assert_uint_eq(len, plen);
	ck_assert(memcmp(copy, recd, len) == 0);
	free(copy);
	free(recd);
	quit(p);
}
END_TEST

/*
 * The page of the line on top of the screen, found in the seed without
 * asking the store: the top rows' first 48 characters, white space taken as
 * one space either side (the pager joins a paragraph's lines), must occur
 * once in the seed; the page is their first line's (a break every 57
 * lines, as setup_pdf made it). 0 when they are not unique.
 */
static int
seed_page_of_screen(struct pty *p)
{
	size_t len, n = 0, *line_at;
	char *text = tu_read_file(tu_seed(seed_name), &len), *flat, row[1024];
	int page = 0;
	size_t line = 0;

	ck_assert_ptr_nonnull(text);
	flat = malloc(len + 1);
	line_at = malloc((len + 1) * sizeof *line_at);
	ck_assert(flat && line_at);
	for (size_t i = 0; i < len; i++) {
		bool space = text[i] == ' ' || text[i] == '\n' || text[i] == '\t' || text[i] == '\f';

		if (!space || (n > 0 && flat[n - 1] != ' ')) {
			flat[n] = space ? ' ' : text[i];
			line_at[n++] = line;
		}
		line += text[i] == '\n';
	}
	flat[n] = '\0';
	{
		/* The top rows as one text, blanks as one, 48 whole characters at most. */
		char key[512];
		size_t k = 0;
		int chars = 0;
		const char *at;

		for (int r = 1; r < 8 && chars < 48; r++) {
			const char *c = pty_row(p, r, row, sizeof row);

			for (; *c && k < sizeof key - 6 && (chars < 48 || ((unsigned char)*c & 0xc0) == 0x80);
			    c++) {
				if (*c == ' ' && (k == 0 || key[k - 1] == ' '))
					continue;
				chars += ((unsigned char)*c & 0xc0) != 0x80;
				key[k++] = *c;
			}
			if (k > 0 && key[k - 1] != ' ')
				key[k++] = ' ';
		}
		while (k > 0 && key[k - 1] == ' ')
			k--;
		key[k] = '\0';
		if (chars >= 48 && (at = strstr(flat, key)) != NULL && strstr(at + 1, key) == NULL)
			page = (int)(line_at[at - flat] / 57) + 1;
	}
	free(line_at);
	free(flat);
	free(text);
	return page;
}

/*
 * o deep in a long document opens the page on screen: the SOU (9,030
 * lines) opened at a search hit and paged down until its top is two pages
 * past where it was, o, and the viewer gets the page the seed puts that
 * text on.
 */
START_TEST(test_o_opens_the_page_on_screen)
{
	char env[9000], want[32], got[4096], *recd;
	struct pty *p;
	int first, page = 0;

	snprintf(env, sizeof env, "KALLELSE_PDF_VIEWER=%s/viewer.sh %%p %%f", tmp);
	p = start_env(30, 100, false, env);
	open_hit(p, "anhörigkontakt", "Stärkt stöd till anhöriga");
	first = seed_page_of_screen(p);
	for (int k = 0; k < 20 && first == 0; k++) {
		press_key(p, VTERM_KEY_DOWN);
		pty_settle(p, 50, WAIT_MS);
		first = seed_page_of_screen(p);
	}
	/* Page down until the text on top is on a later page of the PDF than
	 * where it began; a line down at a time while the top is not unique. */
	for (int k = 0; k < 40 && (page == 0 || page <= first + 1); k++) {
		press_key(p, page == 0 && k > 0 ? VTERM_KEY_DOWN : VTERM_KEY_PAGEDOWN);
		pty_settle(p, 50, WAIT_MS);
		page = seed_page_of_screen(p);
	}
	ck_assert_msg(first > 0 && page > first + 1, "no later page reached (first %d, now %d)",
	    first, page);
	remove(rec);
	press_char(p, 'o');
	snprintf(want, sizeof want, "Opened the original at page %d", page);
	if (pty_wait_text(p, want, WAIT_MS) < 0)
		fail_screen(p, "o did not open page %d (the document began on %d)", page, first);
	recd = tu_read_file(rec, NULL);
	ck_assert_msg(recd != NULL, "the viewer did not run (no %s)", rec);
	snprintf(want, sizeof want, "%d", page);
	ck_assert_str_eq(field(recd, "page=", got, sizeof got), want);
	free(recd);
	quit(p);
}
END_TEST

/* A viewer that is not there: a message naming it and the copy, the pager goes on. */
START_TEST(test_o_viewer_missing)
{
	struct pty *p = start_env(30, 100, false, "KALLELSE_PDF_VIEWER=/nonexistent/viewer %f");

	open_hit(p, "Brottsofferjouren", "Brottsofferjouren 370 000");
	press_char(p, 'o');
	expect_text(p, "Cannot start the PDF viewer");
	expect_text(p, " kallelse: Document: ");
	quit(p);
}
END_TEST

static Suite *
original_suite(void)
{
	Suite *s = suite_create("screen-original");
	TCase *tc = tcase_create("pdf");

	tcase_add_unchecked_fixture(tc, setup_pdf, teardown_all);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_o_opens_the_viewer_at_the_page);
	tcase_add_test(tc, test_o_opens_the_page_on_screen);
	tcase_add_test(tc, test_o_viewer_missing);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return tu_run_suite(original_suite(), CK_NORMAL);
}
