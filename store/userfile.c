/*
 * The user's own data in a file of its own. Content (meetings, documents,
 * the search index) can always be imported or synced again; marks, notes,
 * reading state, settings and publication keys cannot. So they live in
 * NAME-user.db beside NAME.db, attached as schema "user" at every open,
 * and damage to one file cannot take the other. Queries name the tables
 * unqualified: SQLite looks in main first, then in "user", and joins
 * across the two files as within one. A commit that writes both is
 * atomic per file, not across them (WAL): the two never need to agree.
 *
 * A user file is only ever made whole: built under NAME-user.db.tmp,
 * synced, then renamed into place. Schema 6 kept these tables in the
 * content file; the move to schema 7 (store_user_move) copies them into
 * such a file first and drops them from the content file only after the
 * rename, under the content file's write lock, so a kill at any moment
 * leaves either the old layout whole or the new one complete, and the
 * next open simply does the move again (merging, never replacing, what
 * a user file already there holds).
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "store_internal.h"
#include "xmalloc.h"

/* User schema 1: the user tables as content schema 6 had them (with the
 * columns schema 4 added), in the attached schema "user". */
static const char user_schema[] =
	"CREATE TABLE user.mark ("
	"  item_id TEXT NOT NULL,"
	"  person TEXT NOT NULL,"
	"  kind TEXT,"
	"  comment TEXT,"
	"  shared INTEGER NOT NULL DEFAULT 0,"
	"  updated TEXT NOT NULL,"
	"  initials TEXT,"
	"  removed INTEGER NOT NULL DEFAULT 0,"
	"  PRIMARY KEY (item_id, person)"
	");"
	"CREATE INDEX user.mark_person ON mark(person, updated);"
	"CREATE TABLE user.note ("
	"  id INTEGER PRIMARY KEY,"
	"  doc_id TEXT,"
	"  item_id TEXT,"
	"  position INTEGER NOT NULL DEFAULT 0,"
	"  text TEXT NOT NULL,"
	"  updated TEXT NOT NULL,"
	"  created TEXT"
	");"
	"CREATE INDEX user.note_item ON note(item_id);"
	"CREATE INDEX user.note_doc ON note(doc_id);"
	"CREATE TABLE user.reading ("
	"  doc_id TEXT PRIMARY KEY,"
	"  position INTEGER NOT NULL DEFAULT 0,"
	"  sha256 TEXT,"
	"  read_at TEXT NOT NULL,"
	"  read_sha256 TEXT,"
	"  read_paras TEXT"
	");"
	"CREATE TABLE user.setting ("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT"
	");"
	"CREATE TABLE user.publish_key ("
	"  person TEXT PRIMARY KEY,"
	"  key TEXT NOT NULL,"
	"  added TEXT NOT NULL"
	");";

char *
store_user_path_of(const char *path)
{
	size_t n = strlen(path);

	if (n > 3 && strcmp(path + n - 3, ".db") == 0)
		return xasprintf("%.*s-user.db", (int)(n - 3), path);
	return xasprintf("%s-user.db", path);
}

char *
store_user_damage_advice(const char *path)
{
	return xasprintf(_("The meetings are not affected. Run 'kallelse --db %s check --repair': "
	    "it moves the damaged file aside and makes a new one from what can still be read "
	    "and the newest backup."), path);
}

static void
unlink_tmp(const char *tmp)
{
	static const char *const tails[] = { "", "-journal", "-wal", "-shm" };

	for (size_t i = 0; i < sizeof tails / sizeof tails[0]; i++) {
		char *p = xasprintf("%s%s", tmp, tails[i]);

		unlink(p);
		free(p);
	}
}

static int
attach_as(sqlite3 *db, const char *file, const char *as)
{
	char *sql = sqlite3_mprintf("ATTACH %Q AS \"%w\"", file, as);
	int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);

	sqlite3_free(sql);
	return rc;
}

/* Whether an existing file reads as a whole SQLite file (PRAGMA quick_check). */
static bool
reads_whole(sqlite3 *db, const char *as)
{
	char *sql = sqlite3_mprintf("PRAGMA \"%w\".quick_check(1)", as);
	sqlite3_stmt *st;
	bool ok = false;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		ok = sqlite3_step(st) == SQLITE_ROW &&
		    strcmp((const char *)sqlite3_column_text(st, 0), "ok") == 0;
		sqlite3_finalize(st);
	}
	sqlite3_free(sql);
	return ok;
}

/* The rows of the tmp file, in one transaction on x; an SQLite code. */
static int
fill(sqlite3 *x, bool copy, bool merge, struct store_user_report *copied,
    struct store_user_report *merged)
{
	char *sql;
	int rc;

	if ((rc = sqlite3_exec(x, "BEGIN", NULL, NULL, NULL)) != SQLITE_OK)
		return rc;
	rc = sqlite3_exec(x, user_schema, NULL, NULL, NULL);
	if (rc == SQLITE_OK && copy) {
		store_user_salvage_db(x, "src", "user", copied);
		/* What a sync applied describes the content: it stays with the content. */
		rc = sqlite3_exec(x, "DELETE FROM user.setting WHERE " STORE_CONTENT_KEYS_SQL,
		    NULL, NULL, NULL);
	}
	if (rc == SQLITE_OK && merge)
		rc = store_user_merge_db(x, "old", "user", merged);
	if (rc == SQLITE_OK) {
		sql = sqlite3_mprintf("PRAGMA user.application_id=%d; PRAGMA user.user_version=%d;"
		    " COMMIT", STORE_USERFILE_ID, STORE_USER_SCHEMA_VERSION);
		rc = sqlite3_exec(x, sql, NULL, NULL, NULL);
		sqlite3_free(sql);
	}
	if (rc != SQLITE_OK)
		sqlite3_exec(x, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

enum status
store_user_build(const char *path, const char *copy_from, const char *merge_from,
    struct store_user_report *copied, struct store_user_report *merged, char **err)
{
	char *tmp = xasprintf("%s.tmp", path), *uri, *wal;
	bool merge = false;
	sqlite3 *x = NULL;
	int rc;

	*err = NULL;
	unlink_tmp(tmp);
	/* The tmp file is thrown away when anything fails: no journal, one fsync at the end. */
	rc = sqlite3_open_v2(":memory:", &x, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
	    SQLITE_OPEN_URI, NULL);
	if (rc == SQLITE_OK)
		rc = store_register_collation(x) == 0 ? SQLITE_OK : SQLITE_ERROR;
	if (rc == SQLITE_OK)
		rc = attach_as(x, tmp, "user");
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(x, "PRAGMA user.page_size=4096; PRAGMA user.journal_mode=OFF;"
		    " PRAGMA user.synchronous=OFF", NULL, NULL, NULL);
	if (rc == SQLITE_OK && copy_from) {
		/* Read-only: nothing is written to it, and a file cut short still
		 * reads up to where it ends with the schema "writable". */
		uri = store_file_uri(copy_from, "mode=ro");
		sqlite3_exec(x, "PRAGMA writable_schema=ON", NULL, NULL, NULL);
		rc = attach_as(x, uri, "src");
		free(uri);
		/* Not even its schema reads (a damaged header): nothing can be carried
		 * over, and an attached file that does not load fails every statement. */
		if (rc != SQLITE_OK ||
		    sqlite3_exec(x, "SELECT count(*) FROM src.sqlite_master", NULL, NULL, NULL) != SQLITE_OK) {
			if (rc == SQLITE_OK)
				sqlite3_exec(x, "DETACH src", NULL, NULL, NULL);
			rc = SQLITE_OK;
			for (const struct store_user_table *t = store_user_tables; t->name; t++)
				if (copied && copied->n < STORE_USER_TABLES_MAX)
					copied->t[copied->n++] = (struct store_user_count){ t->label, 0, 0, true };
			copy_from = NULL;
		}
	}
	if (rc == SQLITE_OK && merge_from && access(merge_from, F_OK) == 0) {
		merge = attach_as(x, merge_from, "old") == SQLITE_OK && reads_whole(x, "old");
		if (!merge) {
			/* Not readable as a whole: kept aside, never deleted, never merged. */
			char stamp[32], *aside;

			sqlite3_exec(x, "DETACH old", NULL, NULL, NULL);
			store_stamp(stamp);
			aside = xasprintf("%s.damaged-%s", merge_from, stamp);
			store_move_with_wal(merge_from, aside);
			free(aside);
		}
	}
	if (rc == SQLITE_OK)
		rc = fill(x, copy_from != NULL, merge, copied, merged);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(x, "PRAGMA writable_schema=OFF", NULL, NULL, NULL);
	if (rc == SQLITE_OK && copy_from)
		rc = sqlite3_exec(x, "DETACH src", NULL, NULL, NULL);
	if (rc == SQLITE_OK && merge)
		rc = sqlite3_exec(x, "DETACH old", NULL, NULL, NULL);	/* checkpoints its WAL */
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(x, "PRAGMA user.journal_mode=WAL", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		*err = xasprintf(_("cannot write %s: %s"), tmp, x ? sqlite3_errmsg(x) : sqlite3_errstr(rc));
	if (x)
		sqlite3_close_v2(x);
	if (rc == SQLITE_OK) {
		/* The old file's WAL was checkpointed into it when detached; one
		 * still holding frames means another program has it open. */
		wal = xasprintf("%s-wal", path);
		if (store_file_size(wal) > 0) {
			*err = xasprintf(_("%s is in use by another program; try again"), path);
			rc = SQLITE_BUSY;
		} else {
			unlink(wal);
		}
		free(wal);
	}
	if (rc == SQLITE_OK) {
		chmod(tmp, 0600);
		if (store_fsync_path(tmp, false) != 0 || rename(tmp, path) != 0 ||
		    store_fsync_path(path, true) != 0) {
			*err = xasprintf(_("cannot write %s: %s"), path, strerror(errno));
			rc = SQLITE_IOERR;
		}
	}
	if (rc != SQLITE_OK)
		unlink_tmp(tmp);
	free(tmp);
	return rc == SQLITE_OK ? STATUS_OK : (rc & 0xff) == SQLITE_BUSY ? STATUS_LOCKED : STATUS_IO;
}

bool
store_main_has_user_rows(struct store *s)
{
	static const char sql[] =
	    "SELECT EXISTS (SELECT 1 FROM main.mark) OR EXISTS (SELECT 1 FROM main.note)"
	    " OR EXISTS (SELECT 1 FROM main.reading) OR EXISTS (SELECT 1 FROM main.publish_key)"
	    " OR EXISTS (SELECT 1 FROM main.setting WHERE NOT " STORE_CONTENT_KEYS_SQL ")";
	sqlite3_stmt *st;
	bool rows = true;	/* when in doubt, move */

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			rows = sqlite3_column_int(st, 0) != 0;
		sqlite3_finalize(st);
	}
	return rows;
}

/*
 * Schema 6 -> 7, the file part, inside the caller's transaction on the
 * content file (its write lock keeps every other kallelse out): the user
 * tables' rows into a complete user file, merged with one already there
 * (left by a move a kill cut short after its rename). Without rows there
 * is nothing to move, and a user file already there is left untouched.
 */
enum status
store_user_move(struct store *s)
{
	char *err = NULL;
	enum status st;

	if (s->memory || !store_main_has_user_rows(s))
		return STATUS_OK;
	st = store_user_build(s->user_path, s->path, s->user_path, NULL, NULL, &err);
	if (st != STATUS_OK)
		store_fail(s, st, _("%s: cannot move your marks, notes and reading state into %s: "
		    "%s. Nothing was changed."), s->path, s->user_path, err ? err : "");
	free(err);
	return st;
}

/* One integer of the attached user schema. */
static long long
user_pragma(struct store *s, const char *sql)
{
	sqlite3_stmt *st;
	long long v = -1;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	return v;
}

/*
 * An empty user schema in memory: ":memory:" attached as "user" for an
 * in-memory store; for a read-only store whose user file is missing, the
 * tables in "temp" (an attached database would inherit the connection's
 * read-only flag), so that reading works and shows nothing of the user's.
 */
static int
deny_temp_writes(void *arg, int action, const char *a, const char *b, const char *db,
    const char *trigger)
{
	(void)arg;
	(void)a;
	(void)b;
	(void)trigger;
	if ((action == SQLITE_INSERT || action == SQLITE_UPDATE || action == SQLITE_DELETE) &&
	    db && strcmp(db, "temp") == 0)
		return SQLITE_DENY;
	return SQLITE_OK;
}

static enum status
attach_memory(struct store *s)
{
	int rc = SQLITE_OK;
	char *sql = xstrdup(user_schema), *p = sql;

	if (s->flags & STORE_READONLY) {
		while ((p = strstr(p, "user.")) != NULL) {
			memcpy(p, "temp.", 5);
			p += 5;
		}
	} else {
		rc = attach_as(s->db, ":memory:", "user");
	}
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
	/* A read-only store refuses every write, these tables' too. */
	if (rc == SQLITE_OK && (s->flags & STORE_READONLY))
		sqlite3_set_authorizer(s->db, deny_temp_writes, NULL);
	free(sql);
	s->user_memory = true;
	return rc == SQLITE_OK ? STATUS_OK : store_sqlite_fail(s, rc, "attach");
}

/*
 * No user file yet: missing, or empty. A file of 0 bytes holds nothing to
 * lose; it is what `sqlite3 NAME-user.db` leaves when that file did not
 * exist (a kill before the import made the user file, then a look with the
 * sqlite3 shell), and SQLite reads it as a database without an
 * application_id, which would be refused as someone else's file.
 */
static bool
user_file_absent(const char *path)
{
	return access(path, F_OK) != 0 ||
	    (store_file_size(path) == 0 && !store_wal_has_frames(path));
}

/* A new, empty user file; under the content file's write lock, so that two
 * programs opening a new database at once do not both build one. */
static enum status
create_user_file(struct store *s)
{
	char *err = NULL;
	enum status st;

	if ((st = store_begin(s)) != STATUS_OK)
		return st;
	if (user_file_absent(s->user_path)) {
		st = store_user_build(s->user_path, NULL, NULL, NULL, NULL, &err);
		if (st == STATUS_OK)
			s->user_created = true;
		else
			store_fail(s, st, "%s", err ? err : "");
		free(err);
	}
	store_rollback(s);
	return st;
}

enum status
store_user_open(struct store *s)
{
	bool ro = (s->flags & STORE_READONLY) != 0;
	enum status st;
	char *uri;
	long long app, ver, tables;
	int rc;

	if (s->memory)
		return attach_memory(s);
	if (user_file_absent(s->user_path)) {
		if (ro)
			return attach_memory(s);
		if ((st = create_user_file(s)) != STATUS_OK)
			return st;
	}
	if ((st = store_check_header_at(s, s->user_path, true)) != STATUS_OK)
		return st;
	if (ro)
		uri = store_file_uri(s->user_path, s->immutable && !store_wal_has_frames(s->user_path)
		    ? "immutable=1" : "mode=ro");
	else
		uri = store_file_uri(s->user_path, "mode=rw");
	rc = attach_as(s->db, uri, "user");
	free(uri);
	if (rc != SQLITE_OK) {
		if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB) {
			char *advice = store_user_damage_advice(s->path);

			st = store_fail(s, STATUS_CORRUPT, _("%s (your marks, notes and reading state) "
			    "is damaged: %s. %s"), s->user_path, sqlite3_errmsg(s->db), advice);
			free(advice);
			return st;
		}
		return store_sqlite_fail(s, rc, "attach");
	}
	app = user_pragma(s, "PRAGMA user.application_id");
	ver = user_pragma(s, "PRAGMA user.user_version");
	tables = user_pragma(s, "SELECT count(*) FROM user.sqlite_master WHERE type='table' AND"
	    " name IN ('mark', 'note', 'reading', 'setting', 'publish_key')");
	if (app < 0 || ver < 0 || tables < 0) {
		/* The header read but its schema does not. */
		char *advice = store_user_damage_advice(s->path);

		st = store_fail(s, STATUS_CORRUPT, _("%s (your marks, notes and reading state) is "
		    "damaged: %s. %s"), s->user_path, sqlite3_errmsg(s->db), advice);
		free(advice);
		return st;
	}
	if (app != STORE_USERFILE_ID)
		return store_fail(s, STATUS_NOT_DATABASE, _("%s is not the user file of a kallelse "
		    "database; move it away (kallelse keeps your marks and notes under that name)."),
		    s->user_path);
	if (ver > STORE_USER_SCHEMA_VERSION)
		return store_fail(s, STATUS_TOO_NEW, _("%s was made by a newer version of kallelse. "
		    "Update kallelse to open it."), s->user_path);
	if (tables != 5) {
		char *advice = store_user_damage_advice(s->path);

		st = store_fail(s, STATUS_CORRUPT, _("%s (your marks, notes and reading state) is "
		    "damaged: its tables are missing. %s"), s->user_path, advice);
		free(advice);
		return st;
	}
	if (!ro) {
		/* What cannot be fetched again is synced at every commit. */
		if ((st = store_exec(s, "PRAGMA user.journal_mode=WAL")) != STATUS_OK ||
		    (st = store_exec(s, "PRAGMA user.synchronous=FULL")) != STATUS_OK)
			return st;
		store_chmod_companions(s->user_path);
	}
	return STATUS_OK;
}

/* ---- the daily backups of the user file ---- */

/* How many daily backups of the user's data are kept. */
#define AUTOBACKUP_KEEP 7

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Remove all but the newest AUTOBACKUP_KEEP files of folder starting with prefix. */
static void
prune(const char *folder, const char *prefix)
{
	DIR *d = opendir(folder);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL)
		if (strncmp(e->d_name, prefix, strlen(prefix)) == 0 &&
		    strstr(e->d_name, ".tmp") == NULL) {
			names = xreallocarray(names, n + 1, sizeof *names);
			names[n++] = xstrdup(e->d_name);
		}
	closedir(d);
	/* The date in the name sorts as the age. */
	qsort(names, n, sizeof *names, by_name);
	for (size_t i = 0; i < n; i++) {
		if (i + AUTOBACKUP_KEEP < n) {
			char *p = xasprintf("%s/%s", folder, names[i]);
			unlink(p);
			free(p);
		}
		free(names[i]);
	}
	free(names);
}

/* FOLDER/backups and the prefix NAME-user- of the daily backups of path. Caller frees both. */
static void
backup_names(const char *path, char **folder, char **prefix)
{
	char *dir = store_dir_of(path);
	const char *base = strrchr(path, '/');
	size_t blen;

	base = base ? base + 1 : path;
	blen = strlen(base);
	if (blen > 3 && strcmp(base + blen - 3, ".db") == 0)
		blen -= 3;
	*folder = xasprintf("%s/backups", dir);
	*prefix = xasprintf("%.*s-user-", (int)blen, base);
	free(dir);
}

char *
store_user_latest_backup(const char *path)
{
	char *folder, *prefix, *best = NULL;
	struct dirent *e;
	DIR *d;

	backup_names(path, &folder, &prefix);
	if ((d = opendir(folder)) != NULL) {
		size_t pl = strlen(prefix);

		while ((e = readdir(d)) != NULL) {
			size_t n = strlen(e->d_name);

			/* The date in the name sorts as the age. */
			if (strncmp(e->d_name, prefix, pl) == 0 && n > 7 &&
			    strcmp(e->d_name + n - 7, ".backup") == 0 &&
			    (best == NULL || strcmp(e->d_name, best) > 0)) {
				free(best);
				best = xstrdup(e->d_name);
			}
		}
		closedir(d);
	}
	if (best) {
		char *full = xasprintf("%s/%s", folder, best);

		free(best);
		best = full;
	}
	free(folder);
	free(prefix);
	return best;
}

/*
 * The user's data is what cannot be fetched again, so each session that
 * changed it leaves a copy of the user file:
 * FOLDER/backups/NAME-user-YYYYMMDD.backup beside the database (one a
 * day, the day's last state), the newest AUTOBACKUP_KEEP kept. Best
 * effort: a close cannot report, and the user file itself is still
 * there; restore with 'kallelse restore FILE', and 'kallelse check
 * --repair' takes the newest when the user file is damaged.
 */
void
store_user_autobackup(struct store *s)
{
	char *folder, *file, *prefix, day[16];
	time_t now = time(NULL);
	struct tm tm;

	backup_names(s->path, &folder, &prefix);
	localtime_r(&now, &tm);
	strftime(day, sizeof day, "%Y%m%d", &tm);
	file = xasprintf("%s/%s%s.backup", folder, prefix, day);
	if ((mkdir(folder, 0700) == 0 || errno == EEXIST) && store_backup(s, file, NULL) == STATUS_OK)
		prune(folder, prefix);
	s->user_changed = false;
	free(folder);
	free(prefix);
	free(file);
}
