/*
 * `kallelse check --repair`: what can be rebuilt is rebuilt (the search
 * index, from the content tables); damaged content is moved aside and a
 * new, empty database made in its place, beside the user file, which is
 * not touched. Content can always be imported or synced again; marks,
 * notes and reading state cannot. A damaged user file is moved aside and
 * made again from what it still reads and the newest daily backup.
 * Damaged files are kept (renamed, never deleted).
 */
#include "config.h"

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

/* Whether the attached schema old holds the user tables (a file of schema 6 or older). */
static bool
has_user_tables(struct store *s, const char *as)
{
	char *sql = sqlite3_mprintf("SELECT count(*) FROM \"%w\".sqlite_master WHERE type='table'"
	    " AND name IN ('mark', 'note', 'reading')", as);
	sqlite3_stmt *st;
	bool has = false;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) == SQLITE_OK) {
		has = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) > 0;
		sqlite3_finalize(st);
	}
	sqlite3_free(sql);
	return has;
}

/*
 * A file of schema 6 or older kept the user's tables inside: read them,
 * row by row, into the user file of the new database. SQLite refuses a
 * file shorter than its header says (one cut short) unless the schema is
 * "writable": then it reads the pages there are. Nothing is written to
 * the old file; off again before anything else.
 */
static void
salvage_old_layout(struct store *n, const char *old, struct store_repair_result *out)
{
	char *uri = store_file_uri(old, "mode=ro");
	bool attached;

	store_exec(n, "PRAGMA writable_schema=ON");
	attached = store_user_attach(n, uri, "old") == STATUS_OK;
	free(uri);
	if (attached && has_user_tables(n, "old") && store_begin(n) == STATUS_OK) {
		store_user_salvage_db(n->db, "old", "user", &out->user);
		store_commit(n);
	}
	if (attached)
		store_user_detach(n, "old");
	store_exec(n, "PRAGMA writable_schema=OFF");
}

/*
 * Damaged content: path moved to path.damaged-DATE (with its -wal), a new
 * empty database made at path. The user file beside it is not touched: the
 * new database attaches it as it is. Content comes back by import or sync.
 */
static enum status
move_aside(const char *path, struct store_repair_result *out, char **err)
{
	char stamp[32], *e = NULL;
	struct store *n = NULL;
	enum status st;

	store_stamp(stamp);
	out->moved_to = xasprintf("%s.damaged-%s", path, stamp);
	if (store_move_with_wal(path, out->moved_to) != 0) {
		*err = xasprintf(_("cannot move %s aside to %s: %s"), path, out->moved_to,
		    strerror(errno));
		free(out->moved_to);
		out->moved_to = NULL;
		return STATUS_IO;
	}
	if ((st = store_open(path, STORE_CREATE, &n, &e)) != STATUS_OK) {
		*err = xasprintf(_("the damaged database was moved to %s, but no new one could be "
		    "made in its place: %s"), out->moved_to, e);
		free(e);
		return st;
	}
	n->created = false;	/* kept even when there was nothing to carry over */
	salvage_old_layout(n, out->moved_to, out);
	store_close(&n);
	chmod(path, 0600);
	out->done = STORE_REPAIR_MOVED;
	return STATUS_OK;
}

/*
 * Whether the user file at up is damaged: its header, then every page.
 * problem: what was found (caller frees).
 */
static bool
user_file_damaged(struct store *probe, const char *up, char **problem)
{
	char *uri;
	sqlite3 *db = NULL;
	sqlite3_stmt *st;
	bool bad = true;

	*problem = NULL;
	if (access(up, F_OK) != 0)
		return false;
	if (store_check_header_at(probe, up, true) != STATUS_OK) {
		*problem = xstrdup(store_error(probe));
		return true;
	}
	uri = store_file_uri(up, "mode=ro");
	if (sqlite3_open_v2(uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW) {
			const char *t = (const char *)sqlite3_column_text(st, 0);

			bad = t == NULL || strcmp(t, "ok") != 0;
			if (bad)
				*problem = xasprintf(_("%s (your marks, notes and reading state) is "
				    "damaged: %s"), up, t ? t : "?");
		}
		sqlite3_finalize(st);
	}
	if (bad && *problem == NULL)
		*problem = xasprintf(_("%s (your marks, notes and reading state) is damaged: %s"),
		    up, db ? sqlite3_errmsg(db) : "?");
	if (db)
		sqlite3_close_v2(db);
	free(uri);
	return bad;
}

/*
 * A damaged user file: moved aside (never deleted), and a new one made
 * from what it still reads, row by row, with the newest daily backup
 * merged in (rows it lacks added, newer ones win).
 */
static enum status
repair_user(const char *path, const char *up, struct store_repair_result *out, char **err)
{
	char stamp[32], *e = NULL;
	enum status st;

	store_stamp(stamp);
	out->user_moved_to = xasprintf("%s.damaged-%s", up, stamp);
	if (store_move_with_wal(up, out->user_moved_to) != 0) {
		*err = xasprintf(_("cannot move %s aside to %s: %s"), up, out->user_moved_to,
		    strerror(errno));
		return STATUS_IO;
	}
	out->user_backup = store_user_latest_backup(path);
	st = store_user_build(up, out->user_moved_to, out->user_backup, &out->user,
	    &out->from_backup, &e);
	if (st != STATUS_OK) {
		/* Put it back as it was: a repair that fails changes nothing. */
		rename(out->user_moved_to, up);
		*err = e;
		free(out->user_moved_to);
		out->user_moved_to = NULL;
		return st;
	}
	free(e);
	out->user_repaired = true;
	return STATUS_OK;
}

/* The message without the advice to run the repair that is running. Takes msg. */
static char *
without_advice(char *msg, const char *path, bool user)
{
	char *advice = user ? store_user_damage_advice(path) : store_damage_advice(path);
	size_t n = strlen(msg), a = strlen(advice);

	if (n >= a && strcmp(msg + n - a, advice) == 0) {
		msg[n - a] = '\0';
		while (n - a > 0 && msg[n - a - 1] == ' ')
			msg[--n - a] = '\0';
	}
	free(advice);
	return msg;
}

enum status
store_repair(const char *path, struct store_repair_result *out, char **err)
{
	struct store *s = NULL, probe = { 0 };
	bool index_only = false;
	char *e = NULL, *up = store_user_path_of(path), *problem = NULL;
	enum status st;

	memset(out, 0, sizeof *out);
	*err = NULL;
	/* The user file first: opening the content attaches it. */
	probe.path = (char *)path;
	probe.user_path = up;
	probe.err = xstrdup("");
	if (access(path, F_OK) == 0 && user_file_damaged(&probe, up, &problem)) {
		out->user_problem = without_advice(problem, path, true);
		if ((st = repair_user(path, up, out, err)) != STATUS_OK)
			goto out;
	}
	st = store_open(path, 0, &s, &e);
	if (st == STATUS_CORRUPT) {
		out->problem = without_advice(e, path, false);
		st = move_aside(path, out, err);
		goto out;
	}
	if (st != STATUS_OK) {
		/* Not ours, too new, locked, missing: nothing a repair should touch. */
		*err = e;
		goto out;
	}
	st = store_check_all(s, &index_only);
	if (st == STATUS_CORRUPT && !s->user_damaged) {
		out->problem = without_advice(xstrdup(store_error(s)), path, false);
		if (index_only) {
			st = store_search_rebuild(s);
			if (st == STATUS_OK)
				st = store_check_all(s, &index_only);
			if (st == STATUS_OK)
				out->done = STORE_REPAIR_INDEX;
		}
	}
	if (st == STATUS_CORRUPT && !s->user_damaged) {
		store_close(&s);
		st = move_aside(path, out, err);
		goto out;
	}
	if (st != STATUS_OK)
		*err = xstrdup(store_error(s));
	store_close(&s);
out:
	free(probe.err);
	free(up);
	return st;
}

void
store_repair_result_free(struct store_repair_result *r)
{
	free(r->moved_to);
	free(r->problem);
	free(r->user_problem);
	free(r->user_moved_to);
	free(r->user_backup);
	r->moved_to = r->problem = r->user_problem = r->user_moved_to = r->user_backup = NULL;
}

char *
store_user_path(const char *path)
{
	return store_user_path_of(path);
}

bool
store_has_user_file(const struct store *s)
{
	return !s->memory && !s->user_memory;
}
