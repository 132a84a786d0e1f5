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
	expect_text(p, "Agenda: Nämnd");
	pty_char(p, '/');
	expect_text(p, "Search all meetings:");
	press_line(p, "Brottsofferjouren");
	expect_text(p, "Brottsofferjouren 370 000");
	press_key(p, VTERM_KEY_ENTER);
	expect_text(p, " kallelse: Document: ");
	pty_settle(p, 50, WAIT_MS);
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

/* A viewer that is not there: a message naming it and the copy, the pager goes on. */
START_TEST(test_o_viewer_missing)
{
	struct pty *p = start_env(30, 100, false, "KALLELSE_PDF_VIEWER=/nonexistent/viewer %f");

	expect_text(p, "Agenda: Nämnd");
	pty_char(p, '/');
	expect_text(p, "Search all meetings:");
	press_line(p, "Brottsofferjouren");
	expect_text(p, "Brottsofferjouren 370 000");
	press_key(p, VTERM_KEY_ENTER);
	expect_text(p, " kallelse: Document: ");
	pty_settle(p, 50, WAIT_MS);
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
	tcase_add_test(tc, test_o_viewer_missing);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return tu_run_suite(original_suite(), CK_NORMAL);
}
