/*
 * The store's error cases, each against a real file: not a kallelse
 * database (text, another program's SQLite file), made by a newer version,
 * damaged, read-only file or folder, locked by another process. Each must
 * give its status, a message naming the file, and leave the file's bytes
 * and mtime as they were.
 *
 * Permissions mean nothing to root, so the read-only tests drop to the
 * user "nobody" inside their (forked) test process when run as root.
 */
#include "config.h"

#include <check.h>
#include <pwd.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "store.h"
#include "store_fixture.h"
#include "store_snap.h"
#include "testutil.h"

static char *tmp;
static char path[4200];

static void
setup(void)
{
	tmp = tu_tmpdir();
	snprintf(path, sizeof path, "%s/kallelse.db", tmp);
	setenv("KALLELSE_BUSY_TIMEOUT", "100", 1);
}

static void
teardown(void)
{
	chmod(tmp, 0700);
	tu_rmrf(tmp);
	free(tmp);
}

/* Expect store_open to fail with want, naming the file, leaving it as it was. */
static void
open_fails(unsigned flags, enum status want, const char *needle)
{
	struct snap before = snap_take(path);
	struct store *s = (struct store *)1;
	char *err = NULL;
	enum status st;

	st = store_open(path, flags, &s, &err);
	ck_assert_msg(st == want, "flags %u: status %d (%s), want %d", flags, st,
	    err ? err : "", want);
	ck_assert_ptr_null(s);
	ck_assert_ptr_nonnull(err);
	ck_assert_msg(strstr(err, path) != NULL, "message does not name the file: %s", err);
	if (needle)
		ck_assert_msg(strstr(err, needle) != NULL, "message lacks '%s': %s", needle, err);
	free(err);
	snap_same(&before, path);
}

/* A kallelse database with the fixture, closed (its WAL checkpointed away). */
static void
make_db(void)
{
	struct store *s = NULL;
	struct packet p;

	ck_assert_int_eq(store_open(path, STORE_CREATE, &s, NULL), STATUS_OK);
	fx_packet(&p, FX_BODY, "2024-12-10");
	ck_assert_int_eq(store_put_packet(s, &p, NULL, NULL), STATUS_OK);
	packet_free(&p);
	store_close(&s);
}

static void
raw_exec(const char *sql)
{
	sqlite3 *db;

	ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
	ck_assert_msg(sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK, "%s: %s", sql,
	    sqlite3_errmsg(db));
	ck_assert_int_eq(sqlite3_close(db), SQLITE_OK);
}

static void
reopen_ok(void)
{
	struct store *s = NULL;

	ck_assert_int_eq(store_open(path, 0, &s, NULL), STATUS_OK);
	ck_assert_int_eq(store_check(s), STATUS_OK);
	store_close(&s);
}

START_TEST(test_text_file)
{
	FILE *f = fopen(path, "w");

	for (int i = 0; i < 200; i++)
		fputs("Det här är en vanlig textfil, ingen databas.\n", f);
	fclose(f);
	open_fails(0, STATUS_NOT_DATABASE, "not a kallelse database");
	open_fails(STORE_READONLY, STATUS_NOT_DATABASE, NULL);
	open_fails(STORE_CREATE, STATUS_NOT_DATABASE, NULL);
}
END_TEST

START_TEST(test_foreign_sqlite)
{
	raw_exec("CREATE TABLE recept(namn TEXT); INSERT INTO recept VALUES ('kanelbulle')");
	open_fails(0, STATUS_NOT_DATABASE, "another program");
	open_fails(STORE_READONLY, STATUS_NOT_DATABASE, NULL);
	/* Another program's versioned but empty file, and one with our version but no id. */
	unlink(path);
	raw_exec("PRAGMA user_version=1");
	open_fails(STORE_CREATE, STATUS_NOT_DATABASE, NULL);
	unlink(path);
	raw_exec("PRAGMA application_id=1234; CREATE TABLE t(x)");
	open_fails(0, STATUS_NOT_DATABASE, NULL);
}
END_TEST

START_TEST(test_too_new)
{
	char *sql;

	make_db();
	sql = sqlite3_mprintf("PRAGMA user_version=%d", STORE_SCHEMA_VERSION + 1);
	raw_exec(sql);
	sqlite3_free(sql);
	open_fails(0, STATUS_TOO_NEW, "newer version");
	open_fails(STORE_READONLY, STATUS_TOO_NEW, NULL);
	open_fails(STORE_CREATE, STATUS_TOO_NEW, NULL);
}
END_TEST

START_TEST(test_corrupt)
{
	struct store *s = NULL;
	struct store_meeting *ms;
	size_t len = 0, n;
	char *bytes;
	FILE *f;

	make_db();
	bytes = tu_read_file(path, &len);
	ck_assert_uint_gt(len, 16384 * 3);
	if (_i == 0) {
		/* Garbage right after a valid 100-byte header. */
		srand(7);
		for (size_t i = 100; i < len; i++)
			bytes[i] = (char)(rand() & 0xff);
		f = fopen(path, "w");
		fwrite(bytes, 1, len, f);
		fclose(f);
		open_fails(0, STATUS_CORRUPT, "damaged");
		open_fails(STORE_READONLY, STATUS_CORRUPT, NULL);
	} else {
		/* Page 1 intact, every later page garbage: found on first use. */
		memset(bytes + 16384, 0x5a, len - 16384);
		f = fopen(path, "w");
		fwrite(bytes, 1, len, f);
		fclose(f);
		if (store_open(path, STORE_READONLY, &s, NULL) == STATUS_OK) {
			enum status st = store_meetings(s, &ms, &n);
			ck_assert_int_eq(st, STATUS_CORRUPT);
			ck_assert_ptr_nonnull(strstr(store_error(s), path));
			ck_assert_int_eq(store_check(s), STATUS_CORRUPT);
			store_close(&s);
		} else {
			open_fails(STORE_READONLY, STATUS_CORRUPT, NULL);
		}
	}
	free(bytes);
}
END_TEST

/* Root ignores permissions: become nobody (in this forked test only). */
static void
drop_root(void)
{
	struct passwd *pw;

	if (geteuid() != 0)
		return;
	pw = getpwnam("nobody");
	ck_assert_ptr_nonnull(pw);
	ck_assert_int_eq(chown(tmp, pw->pw_uid, pw->pw_gid), 0);
	ck_assert_int_eq(setgid(pw->pw_gid), 0);
	ck_assert_int_eq(setuid(pw->pw_uid), 0);
}

START_TEST(test_readonly_file)
{
	struct store *s = NULL;
	struct store_meeting *ms;
	size_t n;

	drop_root();
	make_db();
	ck_assert_int_eq(chmod(path, 0400), 0);
	open_fails(0, STATUS_READONLY, "read-only");
	open_fails(STORE_CREATE, STATUS_READONLY, NULL);
	/* Reading still works. */
	ck_assert_int_eq(store_open(path, STORE_READONLY, &s, NULL), STATUS_OK);
	ck_assert_int_eq(store_meetings(s, &ms, &n), STATUS_OK);
	ck_assert_uint_eq(n, 1);
	store_meetings_free(ms, n);
	store_close(&s);
	chmod(path, 0600);
	reopen_ok();
}
END_TEST

/* An older file that cannot be written cannot be upgraded: said, and left as it was. */
START_TEST(test_readonly_old_version)
{
	drop_root();
	make_db();
	raw_exec("PRAGMA user_version=1");
	ck_assert_int_eq(chmod(path, 0400), 0);
	open_fails(STORE_READONLY, STATUS_READONLY, "older version");
	open_fails(0, STATUS_READONLY, NULL);
	chmod(path, 0600);
}
END_TEST

START_TEST(test_readonly_folder)
{
	struct store *s = NULL;
	char other[4300];
	char *err = NULL;
	enum status st;

	drop_root();
	make_db();
	ck_assert_int_eq(chmod(tmp, 0500), 0);
	open_fails(0, STATUS_READONLY, "read-only");
	/* Read-only opening either reads or says why, never writes. */
	{
		struct snap before = snap_take(path);
		st = store_open(path, STORE_READONLY, &s, &err);
		ck_assert_msg(st == STATUS_OK || st == STATUS_READONLY, "status %d: %s", st,
		    err ? err : "");
		if (st == STATUS_OK) {
			struct store_meeting *ms;
			size_t n;
			ck_assert_int_eq(store_meetings(s, &ms, &n), STATUS_OK);
			store_meetings_free(ms, n);
			store_close(&s);
		} else {
			ck_assert_ptr_nonnull(strstr(err, path));
		}
		free(err);
		snap_same(&before, path);
	}
	/* Creating a new database there fails and leaves no file. */
	snprintf(other, sizeof other, "%s/ny.db", tmp);
	err = NULL;
	ck_assert_int_eq(store_open(other, STORE_CREATE, &s, &err), STATUS_READONLY);
	ck_assert_ptr_nonnull(strstr(err, other));
	free(err);
	ck_assert_int_ne(access(other, F_OK), 0);
	chmod(tmp, 0700);
	reopen_ok();
}
END_TEST

/*
 * Another process holds the database: a child opens it and takes an
 * exclusive lock (locking_mode EXCLUSIVE keeps even readers out, the
 * default WAL mode keeps out writers only), then waits to be told to stop.
 */
static pid_t
lock_in_child(bool exclusive_mode, int *release_fd)
{
	int ready[2], release[2];
	pid_t pid;
	char c;

	ck_assert_int_eq(pipe(ready), 0);
	ck_assert_int_eq(pipe(release), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		sqlite3 *db;

		close(ready[0]);
		close(release[1]);
		if (sqlite3_open(path, &db) != SQLITE_OK)
			_exit(1);
		if (exclusive_mode)
			sqlite3_exec(db, "PRAGMA locking_mode=EXCLUSIVE", NULL, NULL, NULL);
		if (sqlite3_exec(db, "BEGIN EXCLUSIVE; INSERT INTO content_state VALUES ('x', 'y')",
		    NULL, NULL, NULL) != SQLITE_OK)
			_exit(2);
		if (write(ready[1], "r", 1) != 1 || read(release[0], &c, 1) < 0)
			_exit(3);
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		sqlite3_close(db);
		_exit(0);
	}
	close(ready[1]);
	close(release[0]);
	ck_assert_int_eq(read(ready[0], &c, 1), 1);
	close(ready[0]);
	*release_fd = release[1];
	return pid;
}

static void
unlock_child(pid_t pid, int release_fd)
{
	int status;

	ck_assert_int_eq(write(release_fd, "q", 1), 1);
	close(release_fd);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

START_TEST(test_locked)
{
	struct store *s = NULL;
	struct packet p;
	int fd;
	pid_t pid;

	make_db();
	if (_i == 0) {
		struct snap before = snap_take(path);
		pid = lock_in_child(true, &fd);
		open_fails(0, STATUS_LOCKED, "another program");
		open_fails(STORE_READONLY, STATUS_LOCKED, NULL);
		unlock_child(pid, fd);
		snap_same(&before, path);
	} else {
		struct store_meeting m;

		pid = lock_in_child(false, &fd);
		/* WAL: reading goes on while another process writes; writing waits, then fails. */
		ck_assert_int_eq(store_open(path, 0, &s, NULL), STATUS_OK);
		fx_packet(&p, FX_BODY, "2025-02-01");
		ck_assert_int_eq(store_put_packet(s, &p, NULL, NULL), STATUS_LOCKED);
		ck_assert_ptr_nonnull(strstr(store_error(s), path));
		/* The user's own data is in a file of its own, which nobody holds. */
		ck_assert_int_eq(store_mark_set(s, FX_ORG "-2024-12-10/15", "Thomas Gustafsson",
		    NULL), STATUS_OK);
		ck_assert_int_eq(store_meeting_get(s, FX_ORG "-2024-12-10", &m), STATUS_OK);
		store_meeting_free(&m);
		unlock_child(pid, fd);
		/* Once free, the same packet goes in. */
		ck_assert_int_eq(store_put_packet(s, &p, NULL, NULL), STATUS_OK);
		packet_free(&p);
		ck_assert_int_eq(store_check(s), STATUS_OK);
		store_close(&s);
	}
	reopen_ok();
}
END_TEST

/* Several imports creating the same new database at once all get through. */
START_TEST(test_concurrent_create)
{
	enum { N = 4 };
	struct store *s = NULL;
	struct store_meeting *ms;
	pid_t pids[N];
	size_t n;

	snprintf(path, sizeof path, "%s/ny/kallelse.db", tmp);
	for (int i = 0; i < N; i++) {
		pids[i] = fork();
		ck_assert_int_ge(pids[i], 0);
		if (pids[i] == 0) {
			struct store *c = NULL;
			struct packet p;
			char date[11], *err = NULL;
			enum status st;

			setenv("KALLELSE_BUSY_TIMEOUT", "10000", 1);
			snprintf(date, sizeof date, "2024-0%d-01", i + 1);
			st = store_open(path, STORE_CREATE, &c, &err);
			if (st != STATUS_OK) {
				fprintf(stderr, "child %d: %s\n", i, err);
				_exit(10 + (int)st);
			}
			fx_packet(&p, FX_BODY, date);
			st = store_put_packet(c, &p, NULL, NULL);
			if (st != STATUS_OK)
				fprintf(stderr, "child %d: %s\n", i, store_error(c));
			packet_free(&p);
			store_close(&c);
			_exit(st == STATUS_OK ? 0 : 30 + (int)st);
		}
	}
	for (int i = 0; i < N; i++) {
		int status;
		ck_assert_int_eq(waitpid(pids[i], &status, 0), pids[i]);
		ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child %d: %d", i,
		    WEXITSTATUS(status));
	}
	ck_assert_int_eq(store_open(path, 0, &s, NULL), STATUS_OK);
	ck_assert_int_eq(store_meetings(s, &ms, &n), STATUS_OK);
	ck_assert_uint_eq(n, N);
	store_meetings_free(ms, n);
	ck_assert_int_eq(store_check(s), STATUS_OK);
	store_close(&s);
	{
		struct stat sb;
		ck_assert_int_eq(stat(path, &sb), 0);
		ck_assert_int_eq(sb.st_mode & 0777, 0600);
	}
}
END_TEST

static Suite *
errors_suite(void)
{
	Suite *su = suite_create("store_errors");
	TCase *tc = tcase_create("errors");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_text_file);
	tcase_add_test(tc, test_foreign_sqlite);
	tcase_add_test(tc, test_too_new);
	tcase_add_loop_test(tc, test_corrupt, 0, 2);
	tcase_add_test(tc, test_readonly_file);
	tcase_add_test(tc, test_readonly_folder);
	tcase_add_test(tc, test_readonly_old_version);
	tcase_add_loop_test(tc, test_locked, 0, 2);
	tcase_add_loop_test(tc, test_concurrent_create, 0, 5);
	suite_add_tcase(su, tc);
	return su;
}

int
main(void)
{
	int failed;

	failed = tu_run_suite(errors_suite(), CK_ENV);
	return failed ? 1 : 0;
}
