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

/* One pass over from.table into main.table; false when a read failed on the way. */
static bool
copy_pass(struct store *s, const char *from, const char *table, const struct cols *c,
    bool backwards, size_t *copied)
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
	q = sqlite3_mprintf("INSERT OR IGNORE INTO main.\"%w\"(", table);
	buf_adds(&ins, q);
	sqlite3_free(q);
	col_list(&ins, c, "", NULL);
	buf_adds(&ins, ") VALUES (");
	for (size_t i = 0; i < c->n; i++)
		buf_adds(&ins, i ? ", ?" : "?");
	buf_adds(&ins, ")");
	if (sqlite3_prepare_v2(s->db, sel.data, -1, &rd, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db, ins.data, -1, &wr, NULL) != SQLITE_OK)
		goto out;
	while ((rc = sqlite3_step(rd)) == SQLITE_ROW) {
		for (size_t i = 0; i < c->n; i++)
			sqlite3_bind_value(wr, (int)i + 1, sqlite3_column_value(rd, (int)i));
		if (sqlite3_step(wr) != SQLITE_DONE)
			goto out;
		*copied += (size_t)sqlite3_changes(s->db);
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
 * Copy every user table from the attached schema from into main (a new,
 * empty database). A table that fails part-way is read again from its
 * end, so only the rows on its damaged pages stay behind; rep says which
 * tables lost rows. Runs in the caller's transaction.
 */
enum status
store_user_salvage(struct store *s, const char *from, struct store_user_report *rep)
{
	for (const struct store_user_table *t = store_user_tables; t->name; t++) {
		struct cols c;
		size_t copied = 0;
		bool ok;

		common_columns(s->db, from, "main", t->name, &c);
		if (c.n == 0) {
			/* Missing or unreadable there: nothing of it could be kept. */
			report_add(rep, t, 0, 0, true);
			continue;
		}
		ok = copy_pass(s, from, t->name, &c, false, &copied);
		if (!ok)
			copy_pass(s, from, t->name, &c, true, &copied);
		report_add(rep, t, copied, 0, !ok);
		cols_free(&c);
	}
	return STATUS_OK;
}

/* b."k1" IS "table"."k1" AND ... over the key columns. */
static void
key_match(struct buf *b, const struct cols *key, const char *table)
{
	for (size_t i = 0; i < key->n; i++) {
		char *q = sqlite3_mprintf("%sb.\"%w\" IS \"%w\".\"%w\"", i ? " AND " : "",
		    key->name[i], table, key->name[i]);
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

static enum status
run_counted(struct store *s, const char *sql, size_t *n)
{
	enum status r = store_exec(s, sql);

	if (r == STATUS_OK)
		*n = (size_t)sqlite3_changes(s->db);
	return r;
}

/* Merge bk.table into main.table (see the top of the file). */
static enum status
merge_table(struct store *s, const struct store_user_table *t, struct store_user_report *rep)
{
	struct cols c, key, rest = { 0 };
	struct buf b = { 0 };
	size_t updated = 0, added = 0;
	enum status r = STATUS_OK;
	char *q;

	common_columns(s->db, "bk", "main", t->name, &c);
	if (c.n == 0) {
		report_add(rep, t, 0, 0, false);
		return STATUS_OK;
	}
	merge_key(t, &c, &key);
	for (size_t i = 0; i < c.n; i++)
		if (!cols_has(&key, c.name[i]) && (t->rowid == NULL || strcmp(c.name[i], t->rowid)))
			cols_add(&rest, c.name[i]);
	/* A newer row in the backup replaces the one here. */
	if (t->time && cols_has(&c, t->time) && rest.n > 0) {
		q = sqlite3_mprintf("UPDATE main.\"%w\" SET (", t->name);
		buf_adds(&b, q);
		sqlite3_free(q);
		col_list(&b, &rest, "", NULL);
		buf_adds(&b, ") = (SELECT ");
		col_list(&b, &rest, "b.", NULL);
		q = sqlite3_mprintf(" FROM bk.\"%w\" b WHERE ", t->name);
		buf_adds(&b, q);
		sqlite3_free(q);
		key_match(&b, &key, t->name);
		q = sqlite3_mprintf(") WHERE EXISTS (SELECT 1 FROM bk.\"%w\" b WHERE ", t->name);
		buf_adds(&b, q);
		sqlite3_free(q);
		key_match(&b, &key, t->name);
		q = sqlite3_mprintf(" AND b.\"%w\" > \"%w\".\"%w\")", t->time, t->name, t->time);
		buf_adds(&b, q);
		sqlite3_free(q);
		r = run_counted(s, b.data, &updated);
		buf_free(&b);
	}
	/* Rows the database does not have at all. */
	if (r == STATUS_OK) {
		q = sqlite3_mprintf("INSERT INTO main.\"%w\"(", t->name);
		buf_adds(&b, q);
		sqlite3_free(q);
		col_list(&b, &c, "", t->rowid);
		buf_adds(&b, ") SELECT ");
		col_list(&b, &c, "b.", t->rowid);
		q = sqlite3_mprintf(" FROM bk.\"%w\" b WHERE NOT EXISTS (SELECT 1 FROM main.\"%w\""
		    " WHERE ", t->name, t->name);
		buf_adds(&b, q);
		sqlite3_free(q);
		key_match(&b, &key, t->name);
		buf_adds(&b, ")");
		r = run_counted(s, b.data, &added);
		buf_free(&b);
	}
	if (r == STATUS_OK)
		report_add(rep, t, added, updated, false);
	cols_free(&c);
	cols_free(&key);
	cols_free(&rest);
	return r;
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
	/* A backup, or a whole kallelse database (one moved aside by a repair). */
	if (app != STORE_BACKUP_ID && app != STORE_APPLICATION_ID) {
		detach(s, "bk");
		return store_fail(s, STATUS_NOT_DATABASE,
		    _("%s is not a kallelse backup (made by 'kallelse backup FILE')."), file);
	}
	if ((r = store_begin(s)) != STATUS_OK)
		goto out;
	for (const struct store_user_table *t = store_user_tables; t->name; t++)
		if ((r = merge_table(s, t, rep)) != STATUS_OK)
			break;
	if (r == STATUS_OK)
		r = store_commit(s);
	else
		store_rollback(s);
out:
	detach(s, "bk");
	return r;
}

/*
 * The backup is written by a connection of its own that attaches the
 * database (so a read-only one can be backed up), into FILE.tmp renamed
 * over FILE at the end: an interrupted backup never leaves half a file
 * under the name of a good one.
 */
enum status
store_backup(struct store *s, const char *file, struct store_user_report *rep)
{
	sqlite3 *db = NULL;
	char *tmp = xasprintf("%s.tmp", file), *sql;
	enum status r = STATUS_OK;
	int rc;

	store_clear_error(s);
	if (rep)
		rep->n = 0;
	unlink(tmp);
	rc = sqlite3_open_v2(tmp, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc != SQLITE_OK) {
		r = store_fail(s, STATUS_IO, _("cannot write the backup %s: %s"), file,
		    db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
		goto out;
	}
	store_register_collation(db);
	sql = sqlite3_mprintf("ATTACH %Q AS src; BEGIN;"
	    " PRAGMA main.application_id=%d; PRAGMA main.user_version=%d;",
	    s->path, STORE_BACKUP_ID, STORE_SCHEMA_VERSION);
	rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	sqlite3_free(sql);
	for (const struct store_user_table *t = store_user_tables; t->name && rc == SQLITE_OK; t++) {
		sqlite3_stmt *st;
		const char *create, *paren;
		size_t before = 0;

		rc = sqlite3_prepare_v2(db, "SELECT sql FROM src.sqlite_master WHERE type='table'"
		    " AND name=?1", -1, &st, NULL);
		if (rc != SQLITE_OK)
			break;
		sqlite3_bind_text(st, 1, t->name, -1, SQLITE_STATIC);
		if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
			sqlite3_finalize(st);
			rc = rc == SQLITE_DONE ? SQLITE_OK : rc;	/* an older schema without it */
			continue;
		}
		/* The table as the database defines it now, whatever its columns. */
		create = (const char *)sqlite3_column_text(st, 0);
		paren = create ? strchr(create, '(') : NULL;
		sql = sqlite3_mprintf("CREATE TABLE main.\"%w\" %s; INSERT INTO main.\"%w\""
		    " SELECT * FROM src.\"%w\";", t->name, paren ? paren : "(x)", t->name, t->name);
		sqlite3_finalize(st);
		rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
		sqlite3_free(sql);
		if (rc == SQLITE_OK)
			before = (size_t)sqlite3_changes(db);
		report_add(rep, t, before, 0, false);
	}
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "COMMIT; DETACH src", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		char *detail = xstrdup(sqlite3_errmsg(db));

		if ((rc & 0xff) == SQLITE_CORRUPT)
			r = store_fail(s, STATUS_CORRUPT, _("%s is damaged (%s); no backup was made. "
			    "Run 'kallelse --db %s check --repair'."), s->path, detail, s->path);
		else
			r = store_fail(s, STATUS_IO, _("cannot write the backup %s: %s"), file, detail);
		free(detail);
	}
out:
	if (db)
		sqlite3_close_v2(db);
	if (r == STATUS_OK) {
		chmod(tmp, 0600);
		if (rename(tmp, file) != 0)
			r = store_fail(s, STATUS_IO, _("cannot write the backup %s: %s"), file,
			    strerror(errno));
	}
	if (r != STATUS_OK)
		unlink(tmp);
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

/*
 * The user's data is what cannot be fetched again, so each session that
 * changed it leaves a copy: FOLDER/backups/NAME-user-YYYYMMDD.backup
 * beside the database (one a day, the day's last state), the newest
 * AUTOBACKUP_KEEP kept. Best effort: a close cannot report, and the
 * database itself is still there; restore with 'kallelse restore FILE'.
 */
void
store_user_autobackup(struct store *s)
{
	char *dir = store_dir_of(s->path), *folder, *file, *prefix, day[16];
	const char *base = strrchr(s->path, '/');
	time_t now = time(NULL);
	struct tm tm;
	size_t blen;

	base = base ? base + 1 : s->path;
	blen = strlen(base);
	if (blen > 3 && strcmp(base + blen - 3, ".db") == 0)
		blen -= 3;
	localtime_r(&now, &tm);
	strftime(day, sizeof day, "%Y%m%d", &tm);
	folder = xasprintf("%s/backups", dir);
	prefix = xasprintf("%.*s-user-", (int)blen, base);
	file = xasprintf("%s/%s%s.backup", folder, prefix, day);
	if ((mkdir(folder, 0700) == 0 || errno == EEXIST) && store_backup(s, file, NULL) == STATUS_OK)
		prune(folder, prefix);
	s->user_changed = false;
	free(dir);
	free(folder);
	free(prefix);
	free(file);
}
