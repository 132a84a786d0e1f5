/*
 * The user's own data survives damage to the content: store_repair on
 * real damaged copies of the seed's database (cut short by one byte and
 * by a page, random bytes in a content page, a damaged search index)
 * keeps every mark, note, reading position and setting, moves the
 * damaged file aside unchanged and leaves a database that opens. And
 * store_backup / store_restore: every column carried by name, the newer
 * row winning, nothing deleted, a second restore adding nothing.
 */
#include "config.h"

#include <check.h>
#include <dirent.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "import.h"
#include "store.h"
#include "store_snap.h"
#include "testutil.h"
#include "xmalloc.h"

static char *tmp;
static char path[4200];
static char upath[4300];	/* its user file, kallelse-user.db */
static char *good;		/* the seed's database with user data, made once */
static size_t good_len;
static char *good_u;		/* ... its user file */
static size_t good_u_len;
static char *good_user;		/* ... and its user rows (dump_user) */

#define MID "namnd-for-folkhalsa-och-sjukvard-2024-12-10"

/* Rows as the schema of today and of schema 4 both take them. */
static const char user_rows[] =
	"INSERT INTO mark(item_id, person, kind, comment, shared, updated) VALUES"
	" ('" MID "/9', 'Anna Ek', 'diskussion', 'fråga om budgeten', 0, '2026-01-01T10:00:00Z'),"
	" ('" MID "/15', 'Anna Ek', 'diskussion', NULL, 1, '2026-01-02T10:00:00Z');"
	"INSERT INTO note(doc_id, item_id, position, text, updated) VALUES"
	" ('" MID "/d001', NULL, 12, 'Läs sidan 3 igen', '2026-01-01T11:00:00Z'),"
	" (NULL, '" MID "/9', 0, 'Yrka återremiss?', '2026-01-01T12:00:00Z');"
	"INSERT INTO reading(doc_id, position, sha256, read_at) VALUES"
	" ('" MID "/d001', 40, 'abc', '2026-01-01T11:00:00Z'),"
	" ('" MID "/d002', 7, 'def', '2026-01-01T11:30:00Z');"
	"INSERT INTO setting(key, value) VALUES ('last_sync', '2026-01-01'), ('tema', 'mörk');";

static void
write_bytes(const char *p, const char *b, size_t len)
{
	FILE *f = fopen(p, "wb");

	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(b, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
}

static int
dump_row(void *arg, int n, char **v, char **names)
{
	struct buf *b = arg;

	for (int i = 0; i < n; i++)
		buf_printf(b, "%s=%s|", names[i], v[i] ? v[i] : "NULL");
	buf_adds(b, "\n");
	return 0;
}

/* Every user row of a file, in a fixed order; notes' ids only when ids. NULL when unreadable. Caller frees. */
static char *
dump_user(const char *file, bool ids)
{
	struct buf b = { 0 };
	sqlite3 *db;

	int rc;

	if (sqlite3_open_v2(file, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		return NULL;
	rc = sqlite3_exec(db,
	    "SELECT item_id, person, kind, comment, shared, updated FROM mark ORDER BY 1, 2;"
	    "SELECT doc_id, item_id, position, text, updated FROM note ORDER BY 4;"
	    "SELECT doc_id, position, sha256, read_at FROM reading ORDER BY 1;"
	    "SELECT key, value FROM setting ORDER BY 1", dump_row, &b, NULL);
	if (rc == SQLITE_OK && ids)
		rc = sqlite3_exec(db, "SELECT id FROM note ORDER BY 1", dump_row, &b, NULL);
	sqlite3_close(db);
	buf_adds(&b, "");
	if (rc != SQLITE_OK) {
		buf_free(&b);
		return NULL;
	}
	return b.data;
}

#define MUST(c) do { if (!(c)) { fprintf(stderr, "%s:%d: %s\n", __FILE__, __LINE__, #c); exit(1); } } while (0)

static void
make_good(void)
{
	struct store *s = NULL;
	struct packet p;
	char *bytes, *err = NULL, *dir = tu_tmpdir(), db[4200], udb[4300];
	size_t len;

	snprintf(db, sizeof db, "%s/seed.db", dir);
	snprintf(udb, sizeof udb, "%s/seed-user.db", dir);
	MUST(import_read_file(tu_seed("000_064591761fb2138b.txt"), &bytes, &len, &err) == STATUS_OK);
	MUST(import_parse_packet(bytes, len, "seed.txt", &p, &err) == STATUS_OK);
	free(bytes);
	MUST(store_open(db, STORE_CREATE, &s, NULL) == STATUS_OK);
	MUST(store_put_packet(s, &p, NULL, NULL) == STATUS_OK);
	MUST(sqlite3_exec(store_db(s), user_rows, NULL, NULL, NULL) == SQLITE_OK);
	packet_free(&p);
	store_close(&s);
	good = tu_read_file(db, &good_len);
	good_u = tu_read_file(udb, &good_u_len);
	MUST((good_user = dump_user(udb, true)) != NULL);
	tu_rmrf(dir);
	free(dir);
}

static void
setup(void)
{
	tmp = tu_tmpdir();
	snprintf(path, sizeof path, "%s/kallelse.db", tmp);
	snprintf(upath, sizeof upath, "%s/kallelse-user.db", tmp);
	write_bytes(path, good, good_len);
	write_bytes(upath, good_u, good_u_len);
}

/* The seed imported again: every mark, note and reading row finds its item or document. */
static void
reimport_finds_everything(void)
{
	struct store *s = NULL;
	struct store_mark *marks;
	struct store_note *notes;
	struct store_doc d;
	struct packet p;
	char *bytes, *err = NULL;
	size_t len, n;

	ck_assert(import_read_file(tu_seed("000_064591761fb2138b.txt"), &bytes, &len, &err) ==
	    STATUS_OK);
	ck_assert(import_parse_packet(bytes, len, "seed.txt", &p, &err) == STATUS_OK);
	free(bytes);
	ck_assert_int_eq(store_open(path, 0, &s, &err), STATUS_OK);
	ck_assert_int_eq(store_put_packet(s, &p, NULL, NULL), STATUS_OK);
	packet_free(&p);
	ck_assert_int_eq(store_marks(s, MID, false, &marks, &n), STATUS_OK);
	ck_assert_uint_eq(n, 2);
	for (size_t i = 0; i < n; i++)
		ck_assert(!marks[i].orphan);
	store_marks_free(marks, n);
	ck_assert_int_eq(store_notes_all(s, MID, &notes, &n), STATUS_OK);
	ck_assert_uint_eq(n, 2);
	for (size_t i = 0; i < n; i++)
		ck_assert(!notes[i].orphan);
	store_notes_free(notes, n);
	ck_assert_int_eq(store_doc_get(s, MID "/d001", &d), STATUS_OK);
	ck_assert(d.has_notes);
	store_doc_free(&d);
	store_close(&s);
}

static void
teardown(void)
{
	tu_rmrf(tmp);
	free(tmp);
}

/* Repair the damaged file at path: user data all there, the damaged bytes kept aside. */
static void
repaired(const char *label)
{
	struct store_repair_result r;
	struct store *s = NULL;
	struct store_meeting *ms = NULL;
	char *want, *got, *err = NULL, *aside;
	size_t n = 0, len = 0;
	struct snap before = snap_take(path), ubefore = snap_take(upath);

	want = xstrdup(good_user);
	ck_assert_msg(store_repair(path, &r, &err) == STATUS_OK, "%s: %s", label, err);
	ck_assert_msg(r.done == STORE_REPAIR_MOVED, "%s: done %d", label, r.done);
	ck_assert_ptr_nonnull(r.problem);
	ck_assert_msg(strstr(r.problem, "check --repair") == NULL, "%s", r.problem);
	/* The damaged file is kept whole under its new name. */
	aside = tu_read_file(r.moved_to, &len);
	ck_assert_uint_eq(len, before.len);
	ck_assert(memcmp(aside, before.bytes, len) == 0);
	free(aside);
	free(before.bytes);
	/* The user file was not touched: its bytes and mtime are what they were. */
	snap_same(&ubefore, upath);
	ck_assert(!r.user_repaired);
	ck_assert_uint_eq(r.user.n, 0);
	got = dump_user(upath, true);
	ck_assert_str_eq(got, want);
	/* The new file opens, holds no meetings, and is whole. */
	ck_assert_int_eq(store_open(path, 0, &s, &err), STATUS_OK);
	ck_assert_int_eq(store_meetings(s, &ms, &n), STATUS_OK);
	ck_assert_uint_eq(n, 0);
	ck_assert_int_eq(store_check_all(s, NULL), STATUS_OK);
	store_close(&s);
	free(want);
	free(got);
	store_repair_result_free(&r);
	reimport_finds_everything();
}

START_TEST(test_repair_truncated)
{
	static const size_t cuts[] = { 1, 16384, 100000 };

	write_bytes(path, good, good_len - cuts[_i]);
	repaired("truncated");
}
END_TEST

/* Random bytes over the start of content pages: found by the checks, not at open. */
START_TEST(test_repair_random_bytes)
{
	size_t off[] = { (good_len / 2) & ~(size_t)16383, good_len - 16384 };
	char *b = xmalloc(good_len);

	memcpy(b, good, good_len);
	srand(16);
	for (size_t k = 0; k < 64; k++)
		b[off[_i] + k] ^= (char)(1 + rand() % 255);
	write_bytes(path, b, good_len);
	free(b);
	repaired("random bytes");
}
END_TEST

/* Only the index damaged: rebuilt in place, nothing moved, nothing else changed. */
START_TEST(test_repair_index)
{
	struct store_repair_result r;
	sqlite3 *db;
	char *err = NULL, *got;

	ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(db, "DELETE FROM search_docsize WHERE id % 3 = 0", NULL, NULL,
	    NULL), SQLITE_OK);
	sqlite3_close(db);
	ck_assert_msg(store_repair(path, &r, &err) == STATUS_OK, "%s", err);
	ck_assert_int_eq(r.done, STORE_REPAIR_INDEX);
	ck_assert_ptr_null(r.moved_to);
	ck_assert_msg(strstr(r.problem, "search index"), "%s", r.problem);
	got = dump_user(upath, true);
	ck_assert_str_eq(got, good_user);
	free(got);
	free(r.problem);
	/* And again: nothing to do, and the file is left as it is. */
	struct snap before = snap_take(path);
	ck_assert_int_eq(store_repair(path, &r, &err), STATUS_OK);
	ck_assert_int_eq(r.done, STORE_REPAIR_NOTHING);
	ck_assert_ptr_null(r.problem);
	snap_same(&before, path);
}
END_TEST

/* Not ours: refused and left alone, nothing made beside it. */
START_TEST(test_repair_refuses_foreign)
{
	struct store_repair_result r;
	struct snap before;
	sqlite3 *db;
	char *err = NULL, side[4300];

	unlink(path);
	ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(db, "CREATE TABLE t(x); INSERT INTO t VALUES (1)", NULL, NULL,
	    NULL), SQLITE_OK);
	sqlite3_close(db);
	before = snap_take(path);
	ck_assert_int_eq(store_repair(path, &r, &err), STATUS_NOT_DATABASE);
	ck_assert_msg(strstr(err, path), "%s", err);
	free(err);
	snap_same(&before, path);
	snprintf(side, sizeof side, "%s.repair-new", path);
	ck_assert_int_ne(access(side, F_OK), 0);
}
END_TEST

static void
exec_on(const char *file, const char *sql)
{
	sqlite3 *db;

	ck_assert_int_eq(sqlite3_open(file, &db), SQLITE_OK);
	ck_assert_msg(sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK, "%s: %s", sql,
	    sqlite3_errmsg(db));
	sqlite3_close(db);
}

static size_t
count_on(const char *file, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	size_t n;

	ck_assert_int_eq(sqlite3_open(file, &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	n = (size_t)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

/* Backup, changes on both sides, restore: newer wins, nothing lost, nothing doubled. */
START_TEST(test_backup_restore_merge)
{
	struct store_user_report rep;
	struct store *s = NULL;
	char bk[4300], *err = NULL, *got, *again;

	snprintf(bk, sizeof bk, "%s/user.backup", tmp);
	/* A column a later schema might add travels by name. */
	exec_on(upath, "ALTER TABLE mark ADD COLUMN colour TEXT; UPDATE mark SET colour='grön'");
	ck_assert_int_eq(store_open(path, STORE_READONLY, &s, &err), STATUS_OK);
	ck_assert_msg(store_backup(s, bk, &rep) == STATUS_OK, "%s", store_error(s));
	store_close(&s);
	ck_assert_uint_eq(rep.n, 5);
	ck_assert_uint_eq(rep.t[0].copied, 2);
	ck_assert_uint_eq(count_on(bk, "SELECT count(*) FROM mark WHERE colour='grön'"), 2);
	ck_assert_uint_eq(count_on(bk, "SELECT count(*) FROM sqlite_master WHERE name='meeting'"), 0);

	/* Here: one mark changed later than the backup, one earlier; a note and a position lost. */
	exec_on(upath, "UPDATE mark SET comment='nyare', updated='2026-03-01T00:00:00Z'"
	    " WHERE item_id LIKE '%/9';"
	    "UPDATE mark SET comment='äldre', colour=NULL, updated='2025-01-01T00:00:00Z'"
	    " WHERE item_id LIKE '%/15';"
	    "DELETE FROM note WHERE text LIKE 'Läs%'; DELETE FROM reading WHERE position=7;"
	    "INSERT INTO note(doc_id, item_id, position, text, updated)"
	    " VALUES (NULL, 'x/1', 0, 'ny här', '2026-04-01T00:00:00Z');"
	    "UPDATE setting SET value='ljus' WHERE key='tema'");
	ck_assert_int_eq(store_open(path, 0, &s, &err), STATUS_OK);
	ck_assert_msg(store_restore(s, bk, &rep) == STATUS_OK, "%s", store_error(s));
	ck_assert_uint_eq(rep.t[0].updated, 1);	/* the older mark */
	ck_assert_uint_eq(rep.t[1].copied, 1);	/* the lost note */
	ck_assert_uint_eq(rep.t[2].copied, 1);	/* the lost position */
	got = dump_user(upath, false);
	ck_assert_msg(strstr(got, "comment=nyare"), "%s", got);
	ck_assert_msg(strstr(got, "comment=fråga") == NULL, "%s", got);
	ck_assert_msg(strstr(got, "comment=NULL|shared=1"), "%s", got);
	ck_assert_msg(strstr(got, "text=Läs sidan 3 igen"), "%s", got);
	ck_assert_msg(strstr(got, "text=ny här"), "%s", got);
	ck_assert_msg(strstr(got, "position=7"), "%s", got);
	ck_assert_msg(strstr(got, "value=ljus"), "%s", got);	/* no time: what is here stays */
	ck_assert_uint_eq(count_on(upath, "SELECT count(*) FROM mark WHERE colour='grön'"), 2);
	/* A second restore changes nothing. */
	ck_assert_int_eq(store_restore(s, bk, &rep), STATUS_OK);
	for (size_t i = 0; i < rep.n; i++)
		ck_assert_uint_eq(rep.t[i].copied + rep.t[i].updated, 0);
	again = dump_user(upath, false);
	ck_assert_str_eq(again, got);
	/* Not a backup: refused. */
	ck_assert_int_eq(store_restore(s, tu_seed("000_064591761fb2138b.txt"), &rep), STATUS_NOT_DATABASE);
	store_close(&s);
	free(got);
	free(again);
}
END_TEST

/* A repair followed by a restore of the file it moved aside brings nothing twice. */
START_TEST(test_restore_from_moved_aside)
{
	struct store_repair_result r;
	struct store_user_report rep;
	struct store *s = NULL;
	char *err = NULL, *got;

	write_bytes(path, good, good_len - 1);
	ck_assert_int_eq(store_repair(path, &r, &err), STATUS_OK);
	ck_assert_int_eq(store_open(path, 0, &s, &err), STATUS_OK);
	/* The file moved aside is cut short: it cannot be attached whole, or reads in part. */
	store_restore(s, r.moved_to, &rep);
	store_close(&s);
	got = dump_user(upath, true);
	ck_assert_str_eq(got, good_user);
	free(got);
	free(r.problem);
	free(r.moved_to);
}
END_TEST

/* A session that changed the user's data leaves a dated backup beside the database; seven are kept. */
START_TEST(test_autobackup)
{
	struct store *s = NULL;
	char *err = NULL, folder[4300], old[4700], *got;
	struct dirent *e;
	size_t found = 0;
	DIR *d;

	snprintf(folder, sizeof folder, "%s/backups", tmp);
	/* Reading only: no backup. */
	ck_assert_int_eq(store_open(path, 0, &s, &err), STATUS_OK);
	store_close(&s);
	ck_assert_int_ne(access(folder, F_OK), 0);
	/* Nine old ones, then a change. */
	ck_assert_int_eq(mkdir(folder, 0700), 0);
	for (int i = 1; i <= 9; i++) {
		snprintf(old, sizeof old, "%s/kallelse-user-2020010%d.backup", folder, i);
		write_bytes(old, "x", 1);
	}
	ck_assert_int_eq(store_open(path, 0, &s, &err), STATUS_OK);
	ck_assert_int_eq(sqlite3_exec(store_db(s), "UPDATE setting SET value='blå' WHERE key='tema'",
	    NULL, NULL, NULL), SQLITE_OK);
	store_close(&s);
	ck_assert_ptr_nonnull(d = opendir(folder));
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		found++;
		/* The oldest went; today's is the real thing. */
		ck_assert_msg(strcmp(e->d_name, "kallelse-user-20200103.backup") > 0, "%s kept", e->d_name);
		if (strncmp(e->d_name, "kallelse-user-2020", 18) != 0) {
			snprintf(old, sizeof old, "%s/%s", folder, e->d_name);
			got = dump_user(old, true);
			ck_assert_ptr_nonnull(got);
			ck_assert_msg(strstr(got, "value=blå"), "%s", got);
			free(got);
		}
	}
	closedir(d);
	ck_assert_uint_eq(found, 7);
}
END_TEST

static Suite *
repair_suite(void)
{
	Suite *su = suite_create("store_repair");
	TCase *tc = tcase_create("repair");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_repair_truncated, 0, 3);
	tcase_add_loop_test(tc, test_repair_random_bytes, 0, 2);
	tcase_add_test(tc, test_repair_index);
	tcase_add_test(tc, test_repair_refuses_foreign);
	tcase_add_test(tc, test_backup_restore_merge);
	tcase_add_test(tc, test_restore_from_moved_aside);
	tcase_add_test(tc, test_autobackup);
	suite_add_tcase(su, tc);
	return su;
}

int
main(void)
{
	make_good();
	return tu_run_suite(repair_suite(), CK_ENV) ? 1 : 0;
}
