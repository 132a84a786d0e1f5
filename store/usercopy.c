/*
 * The user's own tables (marks, notes, reading state, settings) copied
 * between databases: into a fresh database by a repair (row by row, so a
 * damaged page costs only the rows on it), out to a backup file, and
 * merged back by a restore (the last change wins per row where a table
 * has a time of its last change; elsewhere the row the user has now stays
 * and missing rows are added).
 *
 * Generic over the tables: the list is store_user_tables below, and the
 * columns are the ones both sides have, by name (PRAGMA table_info), so
 * a column a later schema adds carries over without a change here.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "store_internal.h"
#include "xmalloc.h"

/*
 * key: the columns that say two rows are the same row in two databases
 * (a note's id is not: each database numbers its own). time: the column
 * with the time of the last change, or NULL. rowid: an INTEGER PRIMARY
 * KEY a restore leaves to the database to number, or NULL. When a key
 * column is missing on either side (an older schema), the key is every
 * common column but time and rowid: an identical row is not added twice,
 * and a row that differs is added, never lost.
 */
const struct store_user_table store_user_tables[] = {
	{ "mark", N_("marks"), "item_id,person", "updated", NULL },
	{ "note", N_("notes"), "created,doc_id,item_id", "updated", "id" },
	{ "reading", N_("reading positions"), "doc_id", "read_at", NULL },
	{ "setting", N_("settings"), "key", NULL, NULL },
	{ "publish_key", N_("publication keys"), "person", "added", NULL },
	{ NULL, NULL, NULL, NULL, NULL },
};

struct cols {
	char **name;
	size_t n;
};

static void
cols_free(struct cols *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->name[i]);
	free(c->name);
	c->name = NULL;
	c->n = 0;
}

static bool
cols_has(const struct cols *c, const char *name)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->name[i], name) == 0)
			return true;
	return false;
}

static void
cols_add(struct cols *c, const char *name)
{
	c->name = xreallocarray(c->name, c->n + 1, sizeof *c->name);
	c->name[c->n++] = xstrdup(name);
}

/* The columns of schema.table, in order; none when the table is missing or unreadable. */
static void
table_columns(sqlite3 *db, const char *schema, const char *table, struct cols *out)
{
	sqlite3_stmt *st;

	out->name = NULL;
	out->n = 0;
	if (sqlite3_prepare_v2(db, "SELECT name FROM pragma_table_info(?1, ?2) ORDER BY cid", -1,
	    &st, NULL) != SQLITE_OK)
		return;
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, schema, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW)
		cols_add(out, (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
}

/* The columns of to.table that from.table has too. */
static void
common_columns(sqlite3 *db, const char *from, const char *to, const char *table,
    struct cols *out)
{
	struct cols a, b;

	table_columns(db, from, table, &a);
	table_columns(db, to, table, &b);
	out->name = NULL;
	out->n = 0;
	for (size_t i = 0; i < b.n; i++)
		if (cols_has(&a, b.name[i]))
			cols_add(out, b.name[i]);
	cols_free(&a);
	cols_free(&b);
}

/* "p."a", p."b"" (prefix may be ""), skipping one column (or NULL). */
static void
col_list(struct buf *b, const struct cols *c, const char *prefix, const char *skip)
{
	bool first = true;

	for (size_t i = 0; i < c->n; i++) {
		char *q;

		if (skip && strcmp(c->name[i], skip) == 0)
			continue;
		q = sqlite3_mprintf("%s%s\"%w\"", first ? "" : ", ", prefix, c->name[i]);
		buf_adds(b, q);
		sqlite3_free(q);
		first = false;
	}
}

static void
report_add(struct store_user_report *rep, const struct store_user_table *t, size_t copied,
    size_t updated, bool damaged)
{
	if (rep == NULL || rep->n >= STORE_USER_TABLES_MAX)
		return;
	rep->t[rep->n].label = t->label;
	rep->t[rep->n].copied = copied;
	rep->t[rep->n].updated = updated;
	rep->t[rep->n].damaged = damaged;
	rep->n++;
}

/* One pass over from.table into to.table; false when a read failed on the way. */
static bool
copy_pass(sqlite3 *db, const char *from, const char *to, const char *table,
    const struct cols *c, bool backwards, size_t *copied)
{
	struct buf sel = { 0 }, ins = { 0 };
	sqlite3_stmt *rd = NULL, *wr = NULL;
	bool ok = false;
	int rc;
	char *q;

	buf_adds(&sel, "SELECT ");
	col_list(&sel, c, "", NULL);
	q = sqlite3_mprintf(" FROM \"%w\".\"%w\" ORDER BY rowid %s", from, table,
	    backwards ? "DESC" : "ASC");
	buf_adds(&sel, q);
	sqlite3_free(q);
	q = sqlite3_mprintf("INSERT OR IGNORE INTO \"%w\".\"%w\"(", to, table);
	buf_adds(&ins, q);
	sqlite3_free(q);
	col_list(&ins, c, "", NULL);
	buf_adds(&ins, ") VALUES (");
	for (size_t i = 0; i < c->n; i++)
		buf_adds(&ins, i ? ", ?" : "?");
	buf_adds(&ins, ")");
	if (sqlite3_prepare_v2(db, sel.data, -1, &rd, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, ins.data, -1, &wr, NULL) != SQLITE_OK)
		goto out;
	while ((rc = sqlite3_step(rd)) == SQLITE_ROW) {
		for (size_t i = 0; i < c->n; i++)
			sqlite3_bind_value(wr, (int)i + 1, sqlite3_column_value(rd, (int)i));
		if (sqlite3_step(wr) != SQLITE_DONE)
			goto out;
		*copied += (size_t)sqlite3_changes(db);
		sqlite3_reset(wr);
	}
	ok = rc == SQLITE_DONE;
out:
	sqlite3_finalize(rd);
	sqlite3_finalize(wr);
	buf_free(&sel);
	buf_free(&ins);
	return ok;
}

/*
 * Copy every user table from the attached schema from into to (new,
 * empty tables). A table that fails part-way is read again from its
 * end, so only the rows on its damaged pages stay behind; rep says which
 * tables lost rows. Runs in the caller's transaction.
 */
void
store_user_salvage_db(sqlite3 *db, const char *from, const char *to,
    struct store_user_report *rep)
{
	for (const struct store_user_table *t = store_user_tables; t->name; t++) {
		struct cols c;
		size_t copied = 0;
		bool ok;

		common_columns(db, from, to, t->name, &c);
		if (c.n == 0) {
			/* Missing or unreadable there: nothing of it could be kept. */
			report_add(rep, t, 0, 0, true);
			continue;
		}
		ok = copy_pass(db, from, to, t->name, &c, false, &copied);
		if (!ok)
			copy_pass(db, from, to, t->name, &c, true, &copied);
		report_add(rep, t, copied, 0, !ok);
		cols_free(&c);
	}
}

/* b."k1" IS to."table"."k1" AND ... over the key columns. */
static void
key_match(struct buf *b, const struct cols *key, const char *to, const char *table)
{
	for (size_t i = 0; i < key->n; i++) {
		char *q = sqlite3_mprintf("%sb.\"%w\" IS \"%w\".\"%w\".\"%w\"", i ? " AND " : "",
		    key->name[i], to, table, key->name[i]);
		buf_adds(b, q);
		sqlite3_free(q);
	}
}

/* The key columns of t that both sides have; else every common column but time and rowid. */
static void
merge_key(const struct store_user_table *t, const struct cols *common, struct cols *key)
{
	char *list = xstrdup(t->key), *save = NULL;
	bool all = true;

	key->name = NULL;
	key->n = 0;
	for (char *k = strtok_r(list, ",", &save); k; k = strtok_r(NULL, ",", &save)) {
		if (!cols_has(common, k))
			all = false;
		else
			cols_add(key, k);
	}
	free(list);
	if (all)
		return;
	cols_free(key);
	for (size_t i = 0; i < common->n; i++)
		if ((t->time == NULL || strcmp(common->name[i], t->time) != 0) &&
		    (t->rowid == NULL || strcmp(common->name[i], t->rowid) != 0))
			cols_add(key, common->name[i]);
}

static int
run_counted(sqlite3 *db, const char *sql, size_t *n)
{
	int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);

	if (rc == SQLITE_OK)
		*n = (size_t)sqlite3_changes(db);
	return rc;
}

/* Merge from.table into to.table (see the top of the file); an SQLite code. */
static int
merge_table(sqlite3 *db, const char *from, const char *to, const struct store_user_table *t,
    struct store_user_report *rep)
{
	struct cols c, key, rest = { 0 };
	struct buf b = { 0 };
	size_t updated = 0, added = 0;
	int rc = SQLITE_OK;
	char *q;

	common_columns(db, from, to, t->name, &c);
	if (c.n == 0) {
		report_add(rep, t, 0, 0, false);
		return SQLITE_OK;
	}
	merge_key(t, &c, &key);
	for (size_t i = 0; i < c.n; i++)
		if (!cols_has(&key, c.name[i]) && (t->rowid == NULL || strcmp(c.name[i], t->rowid)))
			cols_add(&rest, c.name[i]);
	/* A newer row in the backup replaces the one here. */
	if (t->time && cols_has(&c, t->time) && rest.n > 0) {
		q = sqlite3_mprintf("UPDATE \"%w\".\"%w\" SET (", to, t->name);
		buf_adds(&b, q);
		sqlite3_free(q);
		col_list(&b, &rest, "", NULL);
		buf_adds(&b, ") = (SELECT ");
		col_list(&b, &rest, "b.", NULL);
		q = sqlite3_mprintf(" FROM \"%w\".\"%w\" b WHERE ", from, t->name);
		buf_adds(&b, q);
		sqlite3_free(q);
		key_match(&b, &key, to, t->name);
		q = sqlite3_mprintf(") WHERE EXISTS (SELECT 1 FROM \"%w\".\"%w\" b WHERE ", from,
		    t->name);
		buf_adds(&b, q);
		sqlite3_free(q);
		key_match(&b, &key, to, t->name);
		q = sqlite3_mprintf(" AND b.\"%w\" > \"%w\".\"%w\".\"%w\")", t->time, to, t->name,
		    t->time);
		buf_adds(&b, q);
		sqlite3_free(q);
		rc = run_counted(db, b.data, &updated);
		buf_free(&b);
	}
	/* Rows the database does not have at all. */
	if (rc == SQLITE_OK) {
		q = sqlite3_mprintf("INSERT INTO \"%w\".\"%w\"(", to, t->name);
		buf_adds(&b, q);
		sqlite3_free(q);
		col_list(&b, &c, "", t->rowid);
		buf_adds(&b, ") SELECT ");
		col_list(&b, &c, "b.", t->rowid);
		q = sqlite3_mprintf(" FROM \"%w\".\"%w\" b WHERE NOT EXISTS (SELECT 1 FROM"
		    " \"%w\".\"%w\" WHERE ", from, t->name, to, t->name);
		buf_adds(&b, q);
		sqlite3_free(q);
		key_match(&b, &key, to, t->name);
		buf_adds(&b, ")");
		rc = run_counted(db, b.data, &added);
		buf_free(&b);
	}
	if (rc == SQLITE_OK)
		report_add(rep, t, added, updated, false);
	cols_free(&c);
	cols_free(&key);
	cols_free(&rest);
	return rc;
}

int
store_user_merge_db(sqlite3 *db, const char *from, const char *to, struct store_user_report *rep)
{
	int rc = SQLITE_OK;

	for (const struct store_user_table *t = store_user_tables; t->name && rc == SQLITE_OK; t++)
		rc = merge_table(db, from, to, t, rep);
	return rc;
}

static enum status
attach(struct store *s, const char *file, const char *as)
{
	sqlite3_stmt *st;
	enum status r;
	char *sql = sqlite3_mprintf("ATTACH ?1 AS \"%w\"", as);

	r = store_prepare(s, sql, &st);
	sqlite3_free(sql);
	if (r != STATUS_OK)
		return r;
	sqlite3_bind_text(st, 1, file, -1, SQLITE_STATIC);
	r = store_step_done(s, st, "attach");
	sqlite3_finalize(st);
	return r;
}

static void
detach(struct store *s, const char *as)
{
	char *sql = sqlite3_mprintf("DETACH \"%w\"", as);

	sqlite3_exec(s->db, sql, NULL, NULL, NULL);
	sqlite3_free(sql);
}

enum status
store_user_attach(struct store *s, const char *file, const char *as)
{
	return attach(s, file, as);
}

void
store_user_detach(struct store *s, const char *as)
{
	detach(s, as);
}

enum status
store_restore(struct store *s, const char *file, struct store_user_report *rep)
{
	long long app = 0;
	sqlite3_stmt *st;
	enum status r;
	int rc;

	store_clear_error(s);
	if (rep)
		rep->n = 0;
	if (store_readonly(s))
		return store_fail(s, STATUS_READONLY, _("%s is open read-only; nothing can be "
		    "restored into it."), s->path);
	if (access(file, R_OK) != 0)
		return store_fail(s, STATUS_NOT_FOUND, _("cannot read the backup %s"), file);
	if ((r = attach(s, file, "bk")) != STATUS_OK)
		return store_fail(s, r, _("%s is not a kallelse backup: %s"), file, store_error(s));
	if (sqlite3_prepare_v2(s->db, "PRAGMA bk.application_id", -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			app = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	/* A backup, a user file, or a whole kallelse database of schema 6 or older
	 * (one moved aside by a repair). */
	if (app != STORE_BACKUP_ID && app != STORE_USERFILE_ID && app != STORE_APPLICATION_ID) {
		detach(s, "bk");
		return store_fail(s, STATUS_NOT_DATABASE,
		    _("%s is not a kallelse backup (made by 'kallelse backup FILE')."), file);
	}
	if ((r = store_begin(s)) != STATUS_OK)
		goto out;
	if ((rc = store_user_merge_db(s->db, "bk", "user", rep)) != SQLITE_OK) {
		r = store_sqlite_fail(s, rc, "restore");
		store_rollback(s);
	} else {
		r = store_commit(s);
	}
out:
	detach(s, "bk");
	return r;
}

/* Rows of user.table, or 0 when it is missing. */
static size_t
user_rows(sqlite3 *db, const char *table)
{
	char *sql = sqlite3_mprintf("SELECT count(*) FROM user.\"%w\"", table);
	sqlite3_stmt *st;
	size_t n = 0;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			n = (size_t)sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_free(sql);
	return n;
}

/*
 * The backup is the user file as it is now (VACUUM user INTO: one
 * consistent, compact copy, made through the store's own connection, so
 * a read-only or immutable one can be backed up too), written to
 * FILE.tmp, marked as a backup, synced and renamed over FILE at the end:
 * an interrupted backup never leaves half a file under a good one's name.
 */
enum status
store_backup(struct store *s, const char *file, struct store_user_report *rep)
{
	char *tmp = xasprintf("%s.tmp", file), *sql;
	enum status r = STATUS_OK;
	sqlite3 *db = NULL;
	int rc;

	store_clear_error(s);
	if (rep)
		rep->n = 0;
	unlink(tmp);
	sql = sqlite3_mprintf("VACUUM user INTO %Q", tmp);
	rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
	sqlite3_free(sql);
	if (rc == SQLITE_OK) {
		rc = sqlite3_open_v2(tmp, &db, SQLITE_OPEN_READWRITE, NULL);
		if (rc == SQLITE_OK) {
			sql = sqlite3_mprintf("PRAGMA application_id=%d", STORE_BACKUP_ID);
			rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
			sqlite3_free(sql);
		}
		if (db)
			sqlite3_close_v2(db);
	}
	if (rc != SQLITE_OK) {
		char *detail = xstrdup(sqlite3_errmsg(s->db));

		if ((rc & 0xff) == SQLITE_CORRUPT) {
			char *advice = store_user_damage_advice(s->path);

			r = store_fail(s, STATUS_CORRUPT, _("%s is damaged (%s); no backup was made. %s"),
			    s->user_path, detail, advice);
			free(advice);
		} else {
			r = store_fail(s, STATUS_IO, _("cannot write the backup %s: %s"), file, detail);
		}
		free(detail);
	}
	if (r == STATUS_OK) {
		chmod(tmp, 0600);
		store_fsync_path(tmp, false);
		if (rename(tmp, file) != 0)
			r = store_fail(s, STATUS_IO, _("cannot write the backup %s: %s"), file,
			    strerror(errno));
		else
			store_fsync_path(file, true);
	}
	if (r != STATUS_OK)
		unlink(tmp);
	else
		for (const struct store_user_table *t = store_user_tables; t->name; t++)
			report_add(rep, t, user_rows(s->db, t->name), 0, false);
	free(tmp);
	return r;
}

bool
store_user_table_is(const char *name)
{
	for (const struct store_user_table *t = store_user_tables; t->name; t++)
		if (strcmp(t->name, name) == 0)
			return true;
	return false;
}
