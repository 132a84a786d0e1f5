/*
 * `kallelse import` on the real binary: a summary line per file; the same
 * packet twice changes nothing; bad input (empty, binary, no agenda,
 * missing, a folder, a PDF without pdftotext) gives a message naming the
 * file, exit status 1 and no database change; a failure inside the
 * transaction leaves the database as it was; --meeting/--item attach.
 */
#include "config.h"

#include <check.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "import.h"
#include "xmalloc.h"
#include "testutil.h"

static const char *seed_path;

struct env {
	char *dir, *db;
};

static struct env
env_new(void)
{
	struct env e;

	e.dir = tu_tmpdir();
	e.db = xasprintf("%s/sub/kallelse.db", e.dir);
	return e;
}

static void
env_free(struct env *e)
{
	tu_rmrf(e->dir);
	free(e->dir);
	free(e->db);
}

static char *
write_file(const struct env *e, const char *name, const void *bytes, size_t len)
{
	char *path = xasprintf("%s/%s", e->dir, name);
	FILE *f = fopen(path, "wb");

	ck_assert(f != NULL);
	ck_assert(fwrite(bytes, 1, len, f) == len);
	fclose(f);
	return path;
}

/* kallelse --db DB import ARGS...; returns the exit status. */
static int
run_import(const struct env *e, const char *const *args, char **out, char **err)
{
	const char *argv[32];
	size_t n = 0;

	argv[n++] = "--db";
	argv[n++] = e->db;
	argv[n++] = "import";
	while (*args && n < 31)
		argv[n++] = *args++;
	argv[n] = NULL;
	return tu_run(argv, out, err);
}

/* A digest of every row of every table: equal digests, equal databases. "missing" when there is none. */
static char *
db_digest(const char *path)
{
	sqlite3 *db;
	sqlite3_stmt *tables, *rows;
	struct buf b = { 0 };
	char hex[65];

	if (access(path, F_OK) != 0)
		return xstrdup("missing");
	ck_assert(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK);
	ck_assert(sqlite3_prepare_v2(db, "SELECT name, sql FROM sqlite_master ORDER BY type, name",
	    -1, &tables, NULL) == SQLITE_OK);
	while (sqlite3_step(tables) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(tables, 0);
		const char *sql = (const char *)sqlite3_column_text(tables, 1);
		char *q = sqlite3_mprintf("SELECT * FROM \"%w\"", name);

		buf_printf(&b, "[%s] %s\n", name, sql ? sql : "");
		if (sql && strncmp(sql, "CREATE TABLE", 12) == 0 &&
		    sqlite3_prepare_v2(db, q, -1, &rows, NULL) == SQLITE_OK) {
			while (sqlite3_step(rows) == SQLITE_ROW)
				for (int c = 0; c < sqlite3_column_count(rows); c++) {
					const void *v = sqlite3_column_blob(rows, c);
					buf_add(&b, v ? v : "", (size_t)sqlite3_column_bytes(rows, c));
					buf_addc(&b, '|');
				}
			sqlite3_finalize(rows);
		}
		sqlite3_free(q);
	}
	sqlite3_finalize(tables);
	sqlite3_close(db);
	import_sha256_hex(b.data ? b.data : "", b.len, hex);
	buf_free(&b);
	return xstrdup(hex);
}

static void
import_seed(const struct env *e)
{
	const char *args[] = { seed_path, NULL };
	char *out = NULL, *err = NULL;
	int rc = run_import(e, args, &out, &err);

	ck_assert_msg(rc == 0, "import of the seed failed (%d): %s", rc, err);
	free(out);
	free(err);
}

START_TEST(test_summary_and_idempotent)
{
	struct env e = env_new();
	const char *args[] = { seed_path, NULL };
	char *out = NULL, *err = NULL, *d1, *d2;

	ck_assert_int_eq(run_import(&e, args, &out, &err), 0);
	ck_assert_msg(strstr(out, "2024-12-10") && strstr(out, "15 items") &&
	    strstr(out, "documents") && strstr(out, " s\n"), "summary: %s", out);
	free(out);
	free(err);
	d1 = db_digest(e.db);
	ck_assert_int_eq(run_import(&e, args, &out, &err), 0);
	ck_assert_msg(strstr(out, "unchanged") != NULL, "second import: %s", out);
	d2 = db_digest(e.db);
	ck_assert_str_eq(d1, d2);
	free(out);
	free(err);
	free(d1);
	free(d2);
	env_free(&e);
}
END_TEST

/*
 * BAD_DEVICE, BAD_FIFO and BAD_HUGE are input that never ends or is far too
 * big (/dev/zero, a pipe no one writes to, a disk image): refused before
 * reading, not read until memory runs out or waited on forever.
 */
enum bad { BAD_EMPTY, BAD_BINARY, BAD_NO_AGENDA, BAD_MISSING, BAD_FOLDER, BAD_PDF, BAD_DEVICE,
	BAD_FIFO, BAD_HUGE, BAD_N };

static char *
bad_file(const struct env *e, enum bad kind, const char **reason)
{
	static const char prose[] = "Hej!\n\nHär kommer protokollet från förra veckan.\n"
	    "Mötet hölls i Spira. Vi talade om budgeten.\n\nMed vänliga hälsningar\nViktoria\n";
	char buf[4096];

	switch (kind) {
	case BAD_EMPTY:
		*reason = "empty";
		return write_file(e, "empty.txt", "", 0);
	case BAD_BINARY:
		srand(7);
		for (size_t i = 0; i < sizeof buf; i++)
			buf[i] = (char)(rand() % 7 == 0 ? 0 : rand());
		*reason = "not text";
		return write_file(e, "random.bin", buf, sizeof buf);
	case BAD_NO_AGENDA:
		*reason = "no agenda";
		return write_file(e, "letter.txt", prose, sizeof prose - 1);
	case BAD_MISSING:
		*reason = "No such file";
		return xasprintf("%s/does-not-exist.txt", e->dir);
	case BAD_FOLDER:
		*reason = "folder";
		return xstrdup(e->dir);
	case BAD_PDF:
		*reason = "pdftotext";
		return write_file(e, "broken.pdf", "%PDF-1.4\nnot really a PDF\n", 26);
	case BAD_DEVICE:
		/* /dev/null, as /dev/zero is a device too but would never end on the old code. */
		*reason = "device";
		return xstrdup("/dev/null");
	case BAD_FIFO: {
		char *path = xasprintf("%s/packet.fifo", e->dir);

		ck_assert(mkfifo(path, 0600) == 0);
		*reason = "pipe";
		return path;
	}
	case BAD_HUGE: {
		/* 513 MB, sparse: no disk used. */
		char *path = write_file(e, "huge.txt", "", 0);

		ck_assert(truncate(path, (off_t)513 << 20) == 0);
		*reason = "512 MB";
		return path;
	}
	default:
		return NULL;
	}
}

START_TEST(test_bad_input)
{
	struct env e = env_new();
	const char *reason;
	char *path = bad_file(&e, (enum bad)_i, &reason);
	const char *args[] = { path, NULL };
	char *out = NULL, *err = NULL;

	ck_assert_int_eq(run_import(&e, args, &out, &err), 1);
	ck_assert_msg(strstr(err, path) != NULL, "the message names no file: %s", err);
	ck_assert_msg(strstr(err, reason) != NULL, "the message gives no reason (%s): %s", reason, err);
	ck_assert_msg(access(e.db, F_OK) != 0, "a database was created for bad input");
	free(out);
	free(err);
	free(path);
	env_free(&e);
}
END_TEST

START_TEST(test_bad_input_keeps_db)
{
	struct env e = env_new();
	const char *reason;
	char *empty = bad_file(&e, BAD_EMPTY, &reason), *before, *after;
	const char *args[] = { seed_path, empty, NULL };

	import_seed(&e);
	before = db_digest(e.db);
	ck_assert_int_eq(run_import(&e, args, NULL, NULL), 1);
	after = db_digest(e.db);
	ck_assert_str_eq(before, after);
	free(before);
	free(after);
	free(empty);
	env_free(&e);
}
END_TEST

START_TEST(test_failure_rolls_back)
{
	struct env e = env_new();
	size_t len;
	char *bytes = tu_read_file(seed_path, &len), *p, *changed, *before, *after, *path;
	char *out = NULL, *err = NULL;
	struct buf b = { 0 };
	sqlite3 *db;
	const char *args[2] = { NULL, NULL };

	import_seed(&e);
	/* A corrected packet whose documents cannot be written: the trigger fails mid-transaction. */
	ck_assert(sqlite3_open(e.db, &db) == SQLITE_OK);
	ck_assert(sqlite3_exec(db, "CREATE TRIGGER fail_ins BEFORE INSERT ON document BEGIN "
	    "SELECT RAISE(ABORT, 'injected failure'); END; CREATE TRIGGER fail_upd BEFORE UPDATE "
	    "ON document BEGIN SELECT RAISE(ABORT, 'injected failure'); END;", NULL, NULL, NULL) ==
	    SQLITE_OK);
	sqlite3_close(db);
	before = db_digest(e.db);
	p = strstr(bytes, "Presidiet informeras om mötespunkt");
	ck_assert(p != NULL);
	buf_add(&b, bytes, (size_t)(p - bytes));
	buf_adds(&b, "Presidiet informeras om en ny mötespunkt");
	buf_adds(&b, p + strlen("Presidiet informeras om mötespunkt"));
	changed = buf_detach(&b, &len);
	path = write_file(&e, "corrected.txt", changed, len);
	args[0] = path;
	ck_assert_int_eq(run_import(&e, args, &out, &err), 1);
	after = db_digest(e.db);
	ck_assert_msg(strcmp(before, after) == 0, "the failed import changed the database: %s", err);
	free(out);
	free(err);
	free(before);
	free(after);
	free(bytes);
	free(changed);
	free(path);
	env_free(&e);
}
END_TEST

START_TEST(test_attach)
{
	struct env e = env_new();
	const char *slides = tu_seed("001_0a8010a3815bf54a.txt");
	const char *ok[] = { slides, "--meeting", "2024-12-10", "--item", "18", NULL };
	const char *no_item[] = { slides, "--meeting", "2024-12-10", "--item", "99", NULL };
	const char *no_meeting[] = { "--meeting=2031-01-01", "--item=1", slides, NULL };
	char *out = NULL, *err = NULL, *d1, *d2, *d3;

	import_seed(&e);
	ck_assert_int_eq(run_import(&e, ok, &out, &err), 0);
	ck_assert_msg(strstr(out, "item 18") && strstr(out, "Kort om utredningens uppdrag"),
	    "attach said: %s", out);
	free(out);
	free(err);
	d1 = db_digest(e.db);
	ck_assert_int_eq(run_import(&e, ok, NULL, NULL), 0);
	d2 = db_digest(e.db);
	ck_assert_str_eq(d1, d2);
	ck_assert_int_eq(run_import(&e, no_item, NULL, &err), 1);
	ck_assert_msg(strstr(err, "99") != NULL, "unknown item: %s", err);
	free(err);
	ck_assert_int_eq(run_import(&e, no_meeting, NULL, &err), 1);
	ck_assert_msg(strstr(err, "2031-01-01") != NULL, "unknown meeting: %s", err);
	free(err);
	d3 = db_digest(e.db);
	ck_assert_str_eq(d1, d3);
	free(d1);
	free(d2);
	free(d3);
	env_free(&e);
}
END_TEST

/* A one-page PDF with these lines in Helvetica (WinAnsi: \\344 is ä). Caller frees. */
static char *
make_pdf(const char *const *lines, size_t *len)
{
	struct buf content = { 0 }, pdf = { 0 };
	size_t off[6];

	buf_adds(&content, "BT /F1 12 Tf 50 800 Td 16 TL\n");
	for (; *lines; lines++)
		buf_printf(&content, "(%s) Tj T*\n", *lines);
	buf_adds(&content, "ET\n");
	buf_adds(&pdf, "%PDF-1.4\n");
	off[1] = pdf.len;
	buf_adds(&pdf, "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n");
	off[2] = pdf.len;
	buf_adds(&pdf, "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n");
	off[3] = pdf.len;
	buf_adds(&pdf, "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
	    "/Resources << /Font << /F1 5 0 R >> >> >> endobj\n");
	off[4] = pdf.len;
	buf_printf(&pdf, "4 0 obj << /Length %zu >> stream\n", content.len);
	buf_add(&pdf, content.data, content.len);
	buf_adds(&pdf, "endstream endobj\n");
	off[5] = pdf.len;
	buf_adds(&pdf, "5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
	    "/Encoding /WinAnsiEncoding >> endobj\n");
	off[0] = pdf.len;
	buf_adds(&pdf, "xref\n0 6\n0000000000 65535 f \n");
	for (int i = 1; i < 6; i++)
		buf_printf(&pdf, "%010zu 00000 n \n", off[i]);
	buf_printf(&pdf, "trailer << /Size 6 /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n", off[0]);
	buf_free(&content);
	return buf_detach(&pdf, len);
}

START_TEST(test_pdf)
{
	static const char *const lines[] = { "N\\344mnd f\\366r folkh\\344lsa och sjukv\\345rd",
	    "Tid: 2025-02-04 13.00", "DAGORDNING", "Plats: Spira", "1 Upprop", "2 Bidrag till f\\366reningar",
	    "2025/77", NULL };
	struct env e = env_new();
	size_t len;
	char *bytes = make_pdf(lines, &len), *path = write_file(&e, "kallelse.pdf", bytes, len);
	const char *args[] = { path, NULL };
	char *out = NULL, *err = NULL;

	/* Without pdftotext: a message naming the package to install, nothing imported. */
	setenv("KALLELSE_PDFTOTEXT", "/nonexistent/pdftotext", 1);
	ck_assert_int_eq(run_import(&e, args, &out, &err), 1);
	ck_assert_msg(strstr(err, "poppler-utils") && strstr(err, path), "no pdftotext: %s", err);
	ck_assert(access(e.db, F_OK) != 0);
	free(out);
	free(err);
	unsetenv("KALLELSE_PDFTOTEXT");
	if (system("command -v pdftotext >/dev/null 2>&1") != 0) {
		fprintf(stderr, "note: pdftotext is not installed; the PDF itself was not read\n");
	} else {
		ck_assert_int_eq(run_import(&e, args, &out, &err), 0);
		ck_assert_msg(strstr(out, "2025-02-04") && strstr(out, "2 items"), "PDF import: %s %s",
		    out, err);
		free(out);
		free(err);
		/* A PDF without any text (a scan): said so, not "empty". */
		{
			static const char *const none[] = { NULL };
			char *blank = make_pdf(none, &len), *bpath = write_file(&e, "scan.pdf", blank, len);
			const char *bargs[] = { bpath, NULL };
			ck_assert_int_eq(run_import(&e, bargs, &out, &err), 1);
			ck_assert_msg(strstr(err, "no text") && strstr(err, bpath), "scan: %s", err);
			free(out);
			free(err);
			free(blank);
			free(bpath);
		}
	}
	free(bytes);
	free(path);
	env_free(&e);
}
END_TEST

/*
 * A file name is printed in the progress line and in errors: an OSC
 * sequence in it (ESC ] 0 ; title BEL) would retitle the terminal, a C1
 * CSI or a bidi override would recolour or reorder it. Placeholders instead.
 */
#define HOSTILE "\x1b]0;pwned\x07\xc2\x9b" "31m\xe2\x80\xae"

static void
assert_clean(const char *s)
{
	ck_assert_msg(tu_raw_control(s) < 0, "a raw control byte reaches the terminal at %ld in:\n%s",
	    tu_raw_control(s), s);
	ck_assert_msg(strstr(s, "^[]0;pwned^G<U+009B>31m<U+202E>") != NULL, "no placeholders in:\n%s", s);
}

START_TEST(test_hostile_name)
{
	struct env e = env_new();
	size_t len = 0;
	char *bytes = tu_read_file(seed_path, &len);
	char *good = write_file(&e, HOSTILE "packet.txt", bytes, len);
	char *empty = write_file(&e, HOSTILE "empty.txt", "", 0);
	const char *ok[] = { good, NULL }, *bad[] = { empty, NULL };
	const char *attach[] = { good, "--meeting", HOSTILE, "--item", "1", NULL };
	char *out = NULL, *err = NULL;

	ck_assert_int_eq(run_import(&e, ok, &out, &err), 0);
	assert_clean(out);
	free(out);
	free(err);
	ck_assert_int_eq(run_import(&e, bad, &out, &err), 1);
	assert_clean(err);
	free(out);
	free(err);
	/* An unknown meeting is named in the error as given. */
	ck_assert_int_eq(run_import(&e, attach, &out, &err), 1);
	assert_clean(err);
	free(out);
	free(err);
	free(bytes);
	free(good);
	free(empty);
	env_free(&e);
}
END_TEST

/* pdftotext that never stops writing: its text is bounded like a file. */
START_TEST(test_pdf_endless_text)
{
	struct env e = env_new();
	char *pdf = write_file(&e, "endless.pdf", "%PDF-1.4\n", 9);
	char *prog = xasprintf("%s/endless-pdftotext", e.dir);
	const char *args[] = { pdf, NULL };
	char *out = NULL, *err = NULL;
	FILE *f = fopen(prog, "w");

	ck_assert(f != NULL);
	fputs("#!/bin/sh\nexec yes 'Dagordning utan slut'\n", f);
	fclose(f);
	ck_assert(chmod(prog, 0700) == 0);
	setenv("KALLELSE_PDFTOTEXT", prog, 1);
	ck_assert_int_eq(run_import(&e, args, &out, &err), 1);
	unsetenv("KALLELSE_PDFTOTEXT");
	ck_assert_msg(strstr(err, pdf) && strstr(err, "512 MB"), "endless pdftotext: %s", err);
	ck_assert(access(e.db, F_OK) != 0);
	free(out);
	free(err);
	free(pdf);
	free(prog);
	env_free(&e);
}
END_TEST

START_TEST(test_usage)
{
	struct env e = env_new();
	const char *none[] = { NULL };
	const char *half[] = { seed_path, "--meeting", "2024-12-10", NULL };
	const char *unknown[] = { seed_path, "--bogus", NULL };

	ck_assert_int_eq(run_import(&e, none, NULL, NULL), 2);
	ck_assert_int_eq(run_import(&e, half, NULL, NULL), 2);
	ck_assert_int_eq(run_import(&e, unknown, NULL, NULL), 2);
	ck_assert_msg(access(e.db, F_OK) != 0, "a usage error created a database");
	env_free(&e);
}
END_TEST

int
main(void)
{
	int failed;
	Suite *s = suite_create("import-cli");
	TCase *tc = tcase_create("cli");

	seed_path = xstrdup(tu_seed("000_064591761fb2138b.txt"));
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_summary_and_idempotent);
	tcase_add_loop_test(tc, test_bad_input, 0, BAD_N);
	tcase_add_test(tc, test_bad_input_keeps_db);
	tcase_add_test(tc, test_failure_rolls_back);
	tcase_add_test(tc, test_attach);
	tcase_add_test(tc, test_pdf);
	tcase_add_test(tc, test_pdf_endless_text);
	tcase_add_test(tc, test_usage);
	tcase_add_test(tc, test_hostile_name);
	suite_add_tcase(s, tc);
	failed = tu_run_suite(s, CK_NORMAL);
	free((char *)seed_path);
	return failed ? 1 : 0;
}
