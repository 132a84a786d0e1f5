/*
 * Damaged databases, made from the real seed's database: cut short (one
 * byte, inside the header, a page, all but page 1), random bytes at
 * several offsets, a zero schema version on a full file, a damaged search
 * index. Each is refused or found with a message naming the file, and the
 * file keeps its bytes and mtime; a damaged index is rebuilt from the
 * content. And reading from a read-only folder, where SQLite cannot make
 * the WAL's -shm file.
 */
#include "config.h"

#include <check.h>
#include <pwd.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "import.h"
#include "store.h"
#include "store_snap.h"
#include "testutil.h"

static char *tmp;
static char path[4200];
static char *good;		/* the seed's database, made once */
static size_t good_len;

static void
write_bytes(const char *p, const char *b, size_t len)
{
	FILE *f = fopen(p, "wb");

	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(b, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
}

/* Outside a test: Check cannot report, so say it and stop. */
#define MUST(c) do { if (!(c)) { fprintf(stderr, "%s:%d: %s: %s\n", __FILE__, __LINE__, #c, err ? err : ""); exit(1); } } while (0)

/* The seed imported into a fresh file, closed (its WAL checkpointed away). */
static void
make_good(void)
{
	struct store *s = NULL;
	struct packet p;
	char *bytes, *err = NULL, *dir = tu_tmpdir(), db[4200];
	size_t len;

	snprintf(db, sizeof db, "%s/seed.db", dir);
	MUST(import_read_file(tu_seed("000_064591761fb2138b.txt"), &bytes, &len, &err)
	    == STATUS_OK);
	MUST(import_parse_packet(bytes, len, "seed.txt", &p, &err) == STATUS_OK);
	free(bytes);
	MUST(store_open(db, STORE_CREATE, &s, NULL) == STATUS_OK);
	MUST(store_put_packet(s, &p, NULL, NULL) == STATUS_OK);
	packet_free(&p);
	store_close(&s);
	good = tu_read_file(db, &good_len);
	tu_rmrf(dir);
	free(dir);
}

static void
setup(void)
{
	if (good == NULL)
		make_good();
	tmp = tu_tmpdir();
	snprintf(path, sizeof path, "%s/kallelse.db", tmp);
	write_bytes(path, good, good_len);
}

static void
teardown(void)
{
	chmod(tmp, 0700);
	tu_rmrf(tmp);
	free(tmp);
}

/*
 * The damage is found: at open (status want), or on the first read, or
 * by store_check_all. Whatever happens, the file is not changed.
 */
static void
found(const char *label)
{
	struct snap before = snap_take(path);
	struct store *s = NULL;
	struct store_meeting *ms = NULL;
	size_t n = 0;
	char *err = NULL;
	enum status st;

	st = store_open(path, STORE_READONLY, &s, &err);
	if (st != STATUS_OK) {
		ck_assert_msg(st == STATUS_CORRUPT || st == STATUS_NOT_DATABASE,
		    "%s: status %d: %s", label, st, err);
		ck_assert_msg(strstr(err, path) != NULL, "%s: %s", label, err);
		free(err);
		/* Nor does opening it for writing (an import) touch it. */
		ck_assert_int_ne(store_open(path, STORE_CREATE, &s, &err), STATUS_OK);
		free(err);
	} else {
		st = store_meetings(s, &ms, &n);
		store_meetings_free(ms, n);
		if (st == STATUS_OK)
			st = store_check_all(s, NULL);
		ck_assert_msg(st == STATUS_CORRUPT, "%s: not found (status %d)", label, st);
		ck_assert_msg(strstr(store_error(s), path) != NULL, "%s: %s", label,
		    store_error(s));
		store_close(&s);
	}
	snap_same(&before, path);
}

START_TEST(test_truncated)
{
	static const long cuts[] = { 1, 100, 16384, 16385 };
	char label[64];

	for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
		write_bytes(path, good, good_len - (size_t)cuts[i]);
		snprintf(label, sizeof label, "cut %ld bytes", cuts[i]);
		found(label);
	}
	/* Inside the header; only page 1 left. */
	write_bytes(path, good, 50);
	found("50 bytes left");
	write_bytes(path, good, 16384);
	found("page 1 left");
}
END_TEST

START_TEST(test_random_bytes)
{
	/* The header's page size, its page count, the first page's b-tree,
	 * page 2, one in the middle, the last page: each start overwritten. */
	size_t offsets[] = { 16, 28, 100, 16384, (good_len / 2) & ~(size_t)16383,
		good_len - 16384 };
	char *b = malloc(good_len), label[64];

	srand(16);
	for (size_t i = 0; i < sizeof offsets / sizeof offsets[0]; i++) {
		memcpy(b, good, good_len);
		for (size_t k = 0; k < 8; k++)
			b[offsets[i] + k] ^= (char)(1 + rand() % 255);
		write_bytes(path, b, good_len);
		snprintf(label, sizeof label, "bytes at %zu", offsets[i]);
		found(label);
	}
	free(b);
}
END_TEST

/* user_version 0 on a full file: damaged, not "no meetings yet" then a failed CREATE TABLE. */
START_TEST(test_zero_version)
{
	struct snap before;
	struct store *s = NULL;
	sqlite3 *db;
	char *err = NULL;

	ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(db, "PRAGMA user_version=0", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	before = snap_take(path);
	for (int i = 0; i < 3; i++) {
		unsigned flags[] = { 0, STORE_READONLY, STORE_CREATE };
		ck_assert_int_eq(store_open(path, flags[i], &s, &err), STATUS_CORRUPT);
		ck_assert_msg(strstr(err, "schema version is 0") && strstr(err, path), "%s", err);
		ck_assert_msg(strstr(err, "no meetings") == NULL, "%s", err);
		free(err);
	}
	snap_same(&before, path);
}
END_TEST

static size_t
hits(struct store *s, const char *q)
{
	struct store_hit *h = NULL;
	size_t n = 0, total = 0;

	ck_assert_int_eq(store_search(s, q, 100, &h, &n, &total), STATUS_OK);
	store_hits_free(h, n);
	return n;
}

/* A damaged search index is found by check_all and rebuilt from the content. */
START_TEST(test_index_rebuild)
{
	struct store *s = NULL;
	bool index_only = false;
	size_t want;
	sqlite3 *db;
	const char *damage[] = {
		/* rows lost from the index: searches would miss them silently */
		"DELETE FROM search_docsize WHERE id % 3 = 0",
		/* a segment overwritten */
		"UPDATE search_data SET block = zeroblob(length(block)) WHERE id > 10",
	};

	ck_assert_int_eq(store_open(path, 0, &s, NULL), STATUS_OK);
	want = hits(s, "budget");
	ck_assert_uint_gt(want, 0);
	ck_assert_int_eq(store_check_all(s, &index_only), STATUS_OK);
	store_close(&s);

	ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(db, damage[_i], NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);

	ck_assert_int_eq(store_open(path, 0, &s, NULL), STATUS_OK);
	ck_assert_int_eq(store_check_all(s, &index_only), STATUS_CORRUPT);
	ck_assert(index_only);
	ck_assert_msg(strstr(store_error(s), "search index"), "%s", store_error(s));
	ck_assert_int_eq(store_search_rebuild(s), STATUS_OK);
	ck_assert_int_eq(store_check_all(s, &index_only), STATUS_OK);
	ck_assert_uint_eq(hits(s, "budget"), want);
	store_close(&s);
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
	ck_assert_int_eq(chown(path, pw->pw_uid, pw->pw_gid), 0);
	ck_assert_int_eq(setgid(pw->pw_gid), 0);
	ck_assert_int_eq(setuid(pw->pw_uid), 0);
}

/* A read-only folder (and file): everything reads, nothing is written or made. */
START_TEST(test_readonly_folder_reads)
{
	struct store *s = NULL;
	struct store_meeting *ms = NULL;
	struct snap before;
	char shm[4300], item[300], *err = NULL;
	size_t n = 0;

	drop_root();
	if (_i == 1)
		ck_assert_int_eq(chmod(path, 0400), 0);
	ck_assert_int_eq(chmod(tmp, 0500), 0);
	before = snap_take(path);
	ck_assert_msg(store_open(path, STORE_READONLY, &s, &err) == STATUS_OK, "%s", err);
	ck_assert(store_readonly(s));
	ck_assert_int_eq(store_meetings(s, &ms, &n), STATUS_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_gt(hits(s, "budget"), 0);
	/* A write is refused with a message, not attempted. */
	snprintf(item, sizeof item, "%s/9", ms[0].id);
	ck_assert_int_eq(store_note_add(s, NULL, item, 0, "läst", NULL), STATUS_READONLY);
	ck_assert_msg(strstr(store_error(s), path), "%s", store_error(s));
	store_meetings_free(ms, n);
	store_close(&s);
	snprintf(shm, sizeof shm, "%s-shm", path);
	ck_assert_int_ne(access(shm, F_OK), 0);
	snap_same(&before, path);
}
END_TEST

static Suite *
damage_suite(void)
{
	Suite *su = suite_create("store_damage");
	TCase *tc = tcase_create("damage");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_truncated);
	tcase_add_test(tc, test_random_bytes);
	tcase_add_test(tc, test_zero_version);
	tcase_add_loop_test(tc, test_index_rebuild, 0, 2);
	tcase_add_loop_test(tc, test_readonly_folder_reads, 0, 2);
	suite_add_tcase(su, tc);
	return su;
}

int
main(void)
{
	/* Made once, before the forks: each test gets a copy. */
	make_good();
	return tu_run_suite(damage_suite(), CK_ENV) ? 1 : 0;
}
