/*
 * The user's own data in a file of its own (issue 16): a new database
 * has NAME-user.db beside it and no user tables inside; a file of schema
 * 6 moves its marks, notes, reading state, settings and keys into one,
 * keeping every row, and what a sync applied stays with the content; a
 * move cut short (a leftover temporary file, a user file already renamed
 * into place beside a content file not yet changed) is finished on the
 * next open with nothing lost or doubled; and SIGKILL before every write,
 * sync, truncate and delete SQLite makes during the move (counted by a
 * VFS shim in this test, not in the program) loses nothing.
 */
#include "config.h"

#include <check.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store.h"
#include "store_internal.h"
#include "testutil.h"
#include "xmalloc.h"

#define MID "namnd-2024-01-02"

static char *tmp;
static char path[4200], upath[4300];
static char *v6;		/* a schema 6 file with user rows, made once */
static size_t v6_len;
static char *v6_user;		/* its user rows (dump), the truth every test compares with */

/* ---- a VFS that counts what changes files, and kills the process at call N ---- */

static sqlite3_vfs *real_vfs;
static long ops, kill_at = -1;

struct shim_file {
	sqlite3_file base;
	sqlite3_file *real;
};

static void
op(void)
{
	if (++ops == kill_at)
		raise(SIGKILL);
}

#define REAL(f) (((struct shim_file *)(f))->real)
static int x_close(sqlite3_file *f) { return REAL(f)->pMethods->xClose(REAL(f)); }
static int x_read(sqlite3_file *f, void *b, int n, sqlite3_int64 o) { return REAL(f)->pMethods->xRead(REAL(f), b, n, o); }
static int x_write(sqlite3_file *f, const void *b, int n, sqlite3_int64 o) { op(); return REAL(f)->pMethods->xWrite(REAL(f), b, n, o); }
static int x_truncate(sqlite3_file *f, sqlite3_int64 n) { op(); return REAL(f)->pMethods->xTruncate(REAL(f), n); }
static int x_sync(sqlite3_file *f, int fl) { op(); return REAL(f)->pMethods->xSync(REAL(f), fl); }
static int x_size(sqlite3_file *f, sqlite3_int64 *n) { return REAL(f)->pMethods->xFileSize(REAL(f), n); }
static int x_lock(sqlite3_file *f, int l) { return REAL(f)->pMethods->xLock(REAL(f), l); }
static int x_unlock(sqlite3_file *f, int l) { return REAL(f)->pMethods->xUnlock(REAL(f), l); }
static int x_check(sqlite3_file *f, int *r) { return REAL(f)->pMethods->xCheckReservedLock(REAL(f), r); }
static int x_fcntl(sqlite3_file *f, int o, void *a) { return REAL(f)->pMethods->xFileControl(REAL(f), o, a); }
static int x_sector(sqlite3_file *f) { return REAL(f)->pMethods->xSectorSize(REAL(f)); }
static int x_dev(sqlite3_file *f) { return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f)); }
static int x_shmmap(sqlite3_file *f, int p, int sz, int e, void volatile **m) { return REAL(f)->pMethods->xShmMap(REAL(f), p, sz, e, m); }
static int x_shmlock(sqlite3_file *f, int o, int n, int fl) { return REAL(f)->pMethods->xShmLock(REAL(f), o, n, fl); }
static void x_shmbarrier(sqlite3_file *f) { REAL(f)->pMethods->xShmBarrier(REAL(f)); }
static int x_shmunmap(sqlite3_file *f, int d) { return REAL(f)->pMethods->xShmUnmap(REAL(f), d); }
static int x_fetch(sqlite3_file *f, sqlite3_int64 o, int n, void **p) { return REAL(f)->pMethods->xFetch(REAL(f), o, n, p); }
static int x_unfetch(sqlite3_file *f, sqlite3_int64 o, void *p) { return REAL(f)->pMethods->xUnfetch(REAL(f), o, p); }

static const sqlite3_io_methods shim_io = {
	3, x_close, x_read, x_write, x_truncate, x_sync, x_size, x_lock, x_unlock, x_check,
	x_fcntl, x_sector, x_dev, x_shmmap, x_shmlock, x_shmbarrier, x_shmunmap, x_fetch,
	x_unfetch,
};

static int
v_open(sqlite3_vfs *v, const char *name, sqlite3_file *f, int flags, int *out)
{
	struct shim_file *p = (struct shim_file *)f;
	int rc;

	(void)v;
	p->real = (sqlite3_file *)(p + 1);
	rc = real_vfs->xOpen(real_vfs, name, p->real, flags, out);
	p->base.pMethods = p->real->pMethods ? &shim_io : NULL;
	return rc;
}

static int
v_delete(sqlite3_vfs *v, const char *name, int dir)
{
	(void)v;
	op();
	return real_vfs->xDelete(real_vfs, name, dir);
}

static sqlite3_vfs shim_vfs;

static void
shim_install(void)
{
	if (real_vfs)
		return;
	real_vfs = sqlite3_vfs_find(NULL);
	shim_vfs = *real_vfs;
	shim_vfs.zName = "kill-shim";
	shim_vfs.szOsFile = (int)sizeof(struct shim_file) + real_vfs->szOsFile;
	shim_vfs.xOpen = v_open;
	shim_vfs.xDelete = v_delete;
	sqlite3_vfs_register(&shim_vfs, 1);
}

/* ---- files ---- */

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

/* Every user row in schema as (main or user) of db, in a fixed order. Caller frees. */
static char *
dump(sqlite3 *db, const char *as)
{
	struct buf b = { 0 };
	char *sql = sqlite3_mprintf(
	    "SELECT * FROM %s.mark ORDER BY 1, 2;"
	    "SELECT doc_id, item_id, position, text, created, updated FROM %s.note ORDER BY 4;"
	    "SELECT * FROM %s.reading ORDER BY 1;"
	    "SELECT * FROM %s.setting WHERE NOT (key IN ('sync.etag', 'sync.manifest')"
	    " OR key LIKE 'sync.b.%%') ORDER BY 1;"
	    "SELECT * FROM %s.publish_key ORDER BY 1", as, as, as, as, as);
	int rc = sqlite3_exec(db, sql, dump_row, &b, NULL);

	sqlite3_free(sql);
	ck_assert_msg(rc == SQLITE_OK, "dump %s: %s", as, sqlite3_errmsg(db));
	buf_adds(&b, "");
	return b.data;
}

static void
same_text(sqlite3_context *ctx, int n, sqlite3_value **v)
{
	(void)n;
	sqlite3_result_value(ctx, v[0]);
}

/* A file as schema 6 of kallelse left it: content, and user rows in the same file. */
static void
make_v6(void)
{
	char *dir = tu_tmpdir(), file[4200], *sql;
	sqlite3 *db;

	snprintf(file, sizeof file, "%s/v6.db", dir);
	if (sqlite3_open(file, &db) != SQLITE_OK)
		abort();
	sqlite3_create_function(db, "kl_squeeze", 1, SQLITE_UTF8, NULL, same_text, NULL, NULL);
	sqlite3_exec(db, "PRAGMA page_size=16384; PRAGMA journal_mode=WAL", NULL, NULL, NULL);
	for (int k = 0; k < 6; k++)
		if (k != 2 && sqlite3_exec(db, store_schema_migration(k), NULL, NULL, NULL) != SQLITE_OK)
			abort();
	sql = sqlite3_mprintf(
	    "INSERT INTO organization VALUES ('namnd', 'Nämnd');"
	    "INSERT INTO meeting(id, organization_id, date, content_sha256, imported_at, fts_base,"
	    " item_count, doc_count) VALUES ('" MID "', 'namnd', '2024-01-02', 'x',"
	    " '2024-01-01T00:00:00Z', 202401020000000, 2, 1);"
	    "INSERT INTO agenda_item(id, meeting_id, number, first, last, ord, title) VALUES"
	    " ('" MID "/1', '" MID "', '1', 1, 1, 0, 'Öppnande'),"
	    " ('" MID "/2', '" MID "', '2', 2, 2, 1, 'Ärende');"
	    "INSERT INTO document(id, meeting_id, item_id, ord, kind, title, chars, bytes, lines,"
	    " sha256, text) VALUES ('" MID "/d000', '" MID "', '" MID "/2', 0, 'bilaga',"
	    " 'Bilaga', 6, 7, 1, 'y', 'Åtgärd');"
	    "INSERT INTO mark(item_id, person, initials, kind, comment, shared, updated, removed)"
	    " VALUES ('" MID "/2', 'Anna Ek', 'AE', 'diskussion', 'fråga om budgeten', 1,"
	    " '2024-01-01T10:00:00.000Z', 0), ('" MID "/1', 'Anna Ek', 'AE', 'diskussion', NULL,"
	    " 0, '2024-01-01T11:00:00.000Z', 1), ('" MID "/2', 'Bo Ö', 'BÖ', 'fråga', 'Öh?', 1,"
	    " '2024-01-02T10:00:00.000Z', 0);"
	    "INSERT INTO note(doc_id, item_id, position, text, created, updated) VALUES"
	    " ('" MID "/d000', NULL, 3, 'Läs sidan 3 igen', '2024-01-01T11:00:00Z',"
	    " '2024-01-01T11:00:00Z'), (NULL, '" MID "/2', 0, 'Yrka återremiss?',"
	    " '2024-01-01T12:00:00Z', '2024-01-01T12:00:00Z'), (NULL, '" MID "/1', 0, 'Närvaro',"
	    " '2024-01-01T13:00:00Z', '2024-01-01T14:00:00Z');"
	    "INSERT INTO reading(doc_id, position, sha256, read_at, read_sha256, read_paras) VALUES"
	    " ('" MID "/d000', 40, 'y', '2024-01-01T11:00:00Z', 'y', 'ab,cd');"
	    "INSERT INTO publish_key VALUES ('Anna Ek', 'k', '2024-01-01T00:00:00Z');"
	    "INSERT INTO setting VALUES ('sync.serial', '41'), ('sync.publisher', 'ab'),"
	    " ('sync.source', '/srv/pub'), ('sync.b." MID "', 'cd'), ('sync.etag', 'e1'),"
	    " ('sync.manifest', '{}'), ('tema', 'mörk');"
	    "PRAGMA application_id=%d; PRAGMA user_version=6", STORE_APPLICATION_ID);
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) {
		fprintf(stderr, "v6: %s\n", sqlite3_errmsg(db));
		abort();
	}
	sqlite3_free(sql);
	v6_user = dump(db, "main");
	sqlite3_close(db);
	v6 = tu_read_file(file, &v6_len);
	tu_rmrf(dir);
	free(dir);
}

static void
setup(void)
{
	if (v6 == NULL)
		make_v6();
	tmp = tu_tmpdir();
	snprintf(path, sizeof path, "%s/kallelse.db", tmp);
	snprintf(upath, sizeof upath, "%s/kallelse-user.db", tmp);
}

static void
teardown(void)
{
	tu_rmrf(tmp);
	free(tmp);
}

static long long
count(struct store *s, const char *sql)
{
	sqlite3_stmt *st;
	long long n;

	ck_assert_msg(sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL) == SQLITE_OK, "%s: %s",
	    sql, sqlite3_errmsg(store_db(s)));
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* The file at path is schema 7, the user's rows all in the user file, once each. */
static void
moved_whole(const char *label)
{
	struct store *s = NULL;
	char *err = NULL, *got, *v = NULL, tmpf[4400];

	ck_assert_msg(store_open(path, 0, &s, &err) == STATUS_OK, "%s: %s", label, err);
	ck_assert_int_eq(count(s, "PRAGMA main.user_version"), STORE_SCHEMA_VERSION);
	ck_assert_int_eq(count(s, "PRAGMA user.application_id"), STORE_USERFILE_ID);
	ck_assert_int_eq(count(s, "SELECT count(*) FROM main.sqlite_master WHERE name IN"
	    " ('mark', 'note', 'reading', 'setting', 'publish_key')"), 0);
	got = dump(store_db(s), "user");
	ck_assert_msg(strcmp(got, v6_user) == 0, "%s:\n%s\nwant\n%s", label, got, v6_user);
	free(got);
	/* Trust stays with the user; what a sync applied stays with the content. */
	ck_assert_int_eq(store_setting_get(s, "sync.serial", &v), STATUS_OK);
	ck_assert_str_eq(v, "41");
	free(v);
	ck_assert_int_eq(store_setting_get(s, "sync.etag", &v), STATUS_NOT_FOUND);
	ck_assert_int_eq(store_state_get(s, "sync.b." MID, &v), STATUS_OK);
	ck_assert_str_eq(v, "cd");
	free(v);
	ck_assert_int_eq(store_state_get(s, "sync.etag", &v), STATUS_OK);
	free(v);
	store_close(&s);
	snprintf(tmpf, sizeof tmpf, "%s.tmp", upath);
	ck_assert_msg(access(tmpf, F_OK) != 0, "%s: %s left behind", label, tmpf);
}

/* A new database: the user file beside it, 0600, and the user tables there only. */
START_TEST(test_new_layout)
{
	struct store *s = NULL;
	struct stat sb;
	int64_t id;
	sqlite3 *db;
	sqlite3_stmt *st;
	char *err = NULL;

	ck_assert_int_eq(store_open(path, STORE_CREATE, &s, &err), STATUS_OK);
	ck_assert_int_eq(stat(upath, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0600);
	ck_assert_int_eq(count(s, "SELECT count(*) FROM main.sqlite_master WHERE name='note'"), 0);
	ck_assert_int_eq(store_setting_set(s, "tema", "mörk"), STATUS_OK);
	ck_assert_int_eq(store_note_add(s, NULL, "x/1", 0, "t", &id), STATUS_NOT_FOUND);
	store_close(&s);
	/* What was written is in the user file, read with plain SQLite. */
	ck_assert_int_eq(sqlite3_open_v2(upath, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT value FROM setting WHERE key='tema'", -1,
	    &st, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	ck_assert_str_eq((const char *)sqlite3_column_text(st, 0), "mörk");
	sqlite3_finalize(st);
	sqlite3_close(db);
	/* The content file held nothing and went at close; the user's file stays,
	 * and a new database beside it finds what it holds. */
	ck_assert_int_ne(access(path, F_OK), 0);
	ck_assert_int_eq(store_open(path, STORE_CREATE, &s, &err), STATUS_OK);
	ck_assert_int_eq(count(s, "SELECT count(*) FROM setting"), 1);
	store_close(&s);
}
END_TEST

/* Schema 6 moves: every user row into the user file, once. */
START_TEST(test_move_from_v6)
{
	write_bytes(path, v6, v6_len);
	moved_whole("move");
	/* And opening again changes nothing. */
	moved_whole("again");
}
END_TEST

/* A move cut short after its rename: the content file still has the rows, the
 * user file too; the next open finishes it and doubles nothing. Also a
 * leftover temporary file, and a read-only open that upgrades first. */
START_TEST(test_move_resumes)
{
	char tmpf[4400], *ubytes;
	size_t ulen;
	struct store *s = NULL;

	write_bytes(path, v6, v6_len);
	moved_whole("first");
	ubytes = tu_read_file(upath, &ulen);
	write_bytes(path, v6, v6_len);	/* the content file as it was before the drop */
	snprintf(tmpf, sizeof tmpf, "%s.tmp", upath);
	write_bytes(tmpf, "half a file", 11);
	ck_assert_int_eq(store_open(path, STORE_READONLY, &s, NULL), STATUS_OK);
	store_close(&s);
	moved_whole("resumed");
	free(ubytes);
}
END_TEST

/* A user file that is not ours is refused, not overwritten. */
START_TEST(test_foreign_user_file)
{
	struct store *s = NULL;
	char *err = NULL;

	write_bytes(upath, "not a database at all, but the user's own file\n", 48);
	ck_assert_int_eq(store_open(path, STORE_CREATE, &s, &err), STATUS_CORRUPT);
	ck_assert_msg(strstr(err, upath), "%s", err);
	free(err);
}
END_TEST

/*
 * An empty user file (0 bytes: what the sqlite3 shell leaves when it is
 * pointed at a user file a kill kept from being made) holds nothing: a
 * reading open shows no user data, a writing one makes the file in its
 * place. It used to be refused as "not the user file" (CI, stop 22).
 */
START_TEST(test_empty_user_file)
{
	struct store *s = NULL;
	char *err = NULL;
	struct stat sb;

	/* A content file that stays (it holds a meeting), its user file emptied. */
	write_bytes(path, v6, v6_len);
	ck_assert_int_eq(store_open(path, 0, &s, &err), STATUS_OK);
	store_close(&s);
	write_bytes(upath, "", 0);
	ck_assert_int_eq(store_open(path, STORE_READONLY, &s, &err), STATUS_OK);
	ck_assert_int_eq(count(s, "SELECT count(*) FROM mark"), 0);
	store_close(&s);
	ck_assert_int_eq(stat(upath, &sb), 0);
	ck_assert_int_eq(sb.st_size, 0);
	ck_assert_int_eq(store_open(path, 0, &s, &err), STATUS_OK);
	ck_assert_msg(err == NULL, "%s", err);
	ck_assert_int_eq(store_setting_set(s, "tema", "ljus"), STATUS_OK);
	store_close(&s);
	ck_assert_int_eq(stat(upath, &sb), 0);
	ck_assert_int_gt(sb.st_size, 0);
	ck_assert_int_eq(store_open(path, STORE_READONLY, &s, &err), STATUS_OK);
	ck_assert_int_eq(count(s, "SELECT count(*) FROM setting WHERE value='ljus'"), 1);
	store_close(&s);
}
END_TEST

/*
 * SIGKILL before the Nth write, sync, truncate or delete of the move, for
 * every N the move makes: afterwards the next open finds every row.
 */
START_TEST(test_kill_during_move)
{
	long total, killed = 0;
	int status;
	pid_t pid;

	shim_install();
	/* How many the whole move makes. */
	write_bytes(path, v6, v6_len);
	ops = 0;
	{
		struct store *s = NULL;

		ck_assert_int_eq(store_open(path, 0, &s, NULL), STATUS_OK);
		total = ops;	/* the open's: a kill in the child comes before its close */
		store_close(&s);
	}
	ck_assert_int_gt(total, 20);
	for (long n = 1; n <= total; n++) {
		unlink(upath);
		{
			char p[4400];

			snprintf(p, sizeof p, "%s-wal", path);
			unlink(p);
			snprintf(p, sizeof p, "%s-shm", path);
			unlink(p);
			snprintf(p, sizeof p, "%s-wal", upath);
			unlink(p);
			snprintf(p, sizeof p, "%s-shm", upath);
			unlink(p);
		}
		write_bytes(path, v6, v6_len);
		pid = fork();
		ck_assert_int_ge(pid, 0);
		if (pid == 0) {
			struct store *s = NULL;

			ops = 0;
			kill_at = n;
			store_open(path, 0, &s, NULL);
			_exit(3);
		}
		ck_assert_int_eq(waitpid(pid, &status, 0), pid);
		ck_assert_msg(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
		    "kill %ld of %ld: the child was not killed", n, total);
		killed++;
		{
			char label[64];

			snprintf(label, sizeof label, "killed before op %ld of %ld", n, total);
			moved_whole(label);
		}
	}
	fprintf(stderr, "test_kill_during_move: %ld kills over %ld writes/syncs/deletes, nothing lost\n",
	    killed, total);
}
END_TEST

static Suite *
userfile_suite(void)
{
	Suite *su = suite_create("store_userfile");
	TCase *tc = tcase_create("userfile");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_new_layout);
	tcase_add_test(tc, test_move_from_v6);
	tcase_add_test(tc, test_move_resumes);
	tcase_add_test(tc, test_foreign_user_file);
	tcase_add_test(tc, test_empty_user_file);
	tcase_add_test(tc, test_kill_during_move);
	suite_add_tcase(su, tc);
	return su;
}

int
main(void)
{
	return tu_run_suite(userfile_suite(), CK_ENV) ? 1 : 0;
}
