/*
 * The SQL plumbing every store file shares: error messages kept on the
 * store, prepare/exec/step with the failure turned into a message,
 * transactions, column and bind helpers, and the "sv" collation that
 * SQLite sorts Swedish names with (the rule itself is the text module's).
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"
#include "store_internal.h"
#include "text.h"
#include "xmalloc.h"

void
store_clear_error(struct store *s)
{
	if (s && s->err && *s->err) {
		free(s->err);
		s->err = xstrdup("");
	}
}

enum status
store_fail(struct store *s, enum status st, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	/* Formatted first: an argument may be the old message. */
	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	free(s->err);
	s->err = msg;
	return st;
}

/* The folder of path, for permission checks and messages. Caller frees. */
char *
store_dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

char *
store_damage_advice(const char *path)
{
	return xasprintf(_("Nothing was changed. Run 'kallelse --db %s check --repair': it moves "
	    "the damaged file aside and makes a new one, keeping your marks, notes and reading "
	    "state (they are in a file of their own); then import the meeting packets again "
	    "or sync."), path);
}

/*
 * SQLite says a page is damaged, not in which file. The user file is
 * small: a quick_check of it tells (the content file's would read it all).
 */
static bool
user_file_damaged(struct store *s)
{
	sqlite3_stmt *st;
	bool bad = false;

	if (s->db == NULL || s->memory || s->user_memory || s->user_path == NULL)
		return false;
	if (sqlite3_prepare_v2(s->db, "PRAGMA user.quick_check(1)", -1, &st, NULL) != SQLITE_OK)
		return false;
	if (sqlite3_step(st) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);

		bad = t == NULL || strcmp(t, "ok") != 0;
	} else {
		bad = true;
	}
	sqlite3_finalize(st);
	return bad;
}

enum status
store_sqlite_fail(struct store *s, int rc, const char *what)
{
	const char *path = s->path;
	const char *detail = s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc);

	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return store_fail(s, STATUS_LOCKED,
		    _("%s is in use by another program (another kallelse, or an import or sync "
		    "in progress). Wait for it to finish or close it, then try again."), path);
	case SQLITE_READONLY:
	case SQLITE_AUTH:	/* the empty user tables of a read-only store (userfile.c) */
	case SQLITE_PERM:
	case SQLITE_CANTOPEN: {
		char *dir = store_dir_of(path);
		enum status st = store_fail(s, STATUS_READONLY,
		    _("%s cannot be written: the file or its folder %s is read-only (%s). "
		    "Check the permissions, or copy the database to a writable folder and "
		    "use --db."), path, dir, detail);
		free(dir);
		return st;
	}
	case SQLITE_CORRUPT: {
		char *keep = xstrdup(detail), *advice;
		enum status st;

		if (user_file_damaged(s)) {
			advice = store_user_damage_advice(path);
			st = store_fail(s, STATUS_CORRUPT, _("%s (your marks, notes and reading state) "
			    "is damaged (%s). %s"), s->user_path, keep, advice);
		} else {
			advice = store_damage_advice(path);
			st = store_fail(s, STATUS_CORRUPT, _("%s is damaged (%s). %s"), path, keep,
			    advice);
		}
		free(advice);
		free(keep);
		return st;
	}
	case SQLITE_NOTADB:
		return store_fail(s, STATUS_NOT_DATABASE,
		    _("%s is not a kallelse database (not an SQLite file). Check the path "
		    "given with --db or $KALLELSE_DB."), path);
	case SQLITE_FULL:
	case SQLITE_IOERR:
		return store_fail(s, STATUS_IO,
		    _("%s: input/output error (%s). Check that the disk is not full and "
		    "is still there."), path, detail);
	case SQLITE_NOMEM:
		return store_fail(s, STATUS_NOMEM, _("%s: out of memory"), path);
	case SQLITE_CONSTRAINT:
	case SQLITE_MISMATCH:
	case SQLITE_TOOBIG:
		return store_fail(s, STATUS_BAD_INPUT, _("%s: %s: %s"), path, what, detail);
	default:
		return store_fail(s, STATUS_INTERNAL, _("%s: %s: %s"), path, what, detail);
	}
}

enum status
store_prepare(struct store *s, const char *sql, sqlite3_stmt **st)
{
	int rc = sqlite3_prepare_v2(s->db, sql, -1, st, NULL);

	if (rc != SQLITE_OK) {
		*st = NULL;
		return store_sqlite_fail(s, rc, sql);
	}
	return STATUS_OK;
}

enum status
store_exec(struct store *s, const char *sql)
{
	int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? STATUS_OK : store_sqlite_fail(s, rc, sql);
}

/* Run a prepared statement to completion; resets it for reuse. */
enum status
store_step_done(struct store *s, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return store_sqlite_fail(s, rc, what);
	return STATUS_OK;
}

/* Prepare, bind ?1 = a (and ?2 = b unless NULL), run, finalize. */
enum status
store_exec1(struct store *s, const char *sql, const char *a, const char *b)
{
	sqlite3_stmt *st;
	enum status r;

	if ((r = store_prepare(s, sql, &st)) != STATUS_OK)
		return r;
	store_bind_str(st, 1, a);
	if (b)
		store_bind_str(st, 2, b);
	r = store_step_done(s, st, sql);
	sqlite3_finalize(st);
	return r;
}

enum status
store_begin(struct store *s)
{
	/* Inside a batch (a sync) each writer's transaction is a savepoint of the batch's. */
	if (s->outer)
		return store_exec(s, "SAVEPOINT inner");
	return store_exec(s, "BEGIN IMMEDIATE");
}

enum status
store_commit(struct store *s)
{
	enum status st = store_exec(s, s->outer ? "RELEASE inner" : "COMMIT");

	if (st != STATUS_OK)
		store_rollback(s);
	return st;
}

void
store_rollback(struct store *s)
{
	if (s->outer) {
		/* Fails harmlessly when no savepoint is open. */
		sqlite3_exec(s->db, "ROLLBACK TO inner; RELEASE inner", NULL, NULL, NULL);
		return;
	}
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

char *
store_col_str(sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);

	if (t == NULL)
		return NULL;
	return xstrndup((const char *)t, (size_t)sqlite3_column_bytes(st, col));
}

int
store_bind_str(sqlite3_stmt *st, int col, const char *str)
{
	if (str == NULL)
		return sqlite3_bind_null(st, col);
	return sqlite3_bind_text(st, col, str, -1, SQLITE_TRANSIENT);
}

/* The text module counts (text_count_chars); the name stays for put_doc.c. */
size_t
store_utf8_chars(const char *str, size_t len)
{
	return text_count_chars(str, len);
}

size_t
store_count_lines(const char *str, size_t len)
{
	size_t n = 0;
	const char *p = str, *end = str + len;

	if (len == 0)
		return 0;
	while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		n++;
		p++;
	}
	if (str[len - 1] != '\n')
		n++;
	return n;
}

/* "YYYY-MM-DD" with digits where they belong (not a check of the calendar). */
static bool
is_iso_date(const char *s)
{
	for (int i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return false;
	return s[10] == '\0';
}

void
store_today(char buf[11])
{
	const char *fixed = getenv("KALLELSE_TODAY");
	time_t now = time(NULL);
	struct tm tm;

	/* Tests set the day; anything but a plain date is ignored. */
	if (fixed && is_iso_date(fixed)) {
		memcpy(buf, fixed, 11);
		return;
	}
	localtime_r(&now, &tm);
	strftime(buf, 11, "%Y-%m-%d", &tm);
}

void
store_now(char buf[21])
{
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(buf, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int
collate_sv(void *arg, int alen, const void *a, int blen, const void *b)
{
	(void)arg;
	return text_collate(a, (size_t)alen, b, (size_t)blen);
}

int
store_register_collation(sqlite3 *db)
{
	int rc = sqlite3_create_collation_v2(db, "sv", SQLITE_UTF8, NULL, collate_sv, NULL);

	return rc == SQLITE_OK ? 0 : -1;
}

long long
store_cache_grow(struct store *s, long long kib)
{
	sqlite3_stmt *st;
	long long was = 0;
	char sql[64];

	if (sqlite3_prepare_v2(s->db, "PRAGMA cache_size", -1, &st, NULL) != SQLITE_OK)
		return 0;
	if (sqlite3_step(st) == SQLITE_ROW)
		was = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	/* Negative: KiB (the default, -2000); a page count is left alone. */
	if (was >= 0 || was <= -kib)
		return 0;
	snprintf(sql, sizeof sql, "PRAGMA cache_size=%lld", -kib);
	sqlite3_exec(s->db, sql, NULL, NULL, NULL);
	return was;
}

void
store_cache_restore(struct store *s, long long was)
{
	char sql[64];

	if (was == 0)
		return;
	snprintf(sql, sizeof sql, "PRAGMA cache_size=%lld", was);
	sqlite3_exec(s->db, sql, NULL, NULL, NULL);
}
