/*
 * The slow checks and the repair of what can be rebuilt, for a later
 * `kallelse check [--repair]`: the whole file (PRAGMA integrity_check,
 * every page), the search index against itself (FTS5 'integrity-check')
 * and against the content (one index row per search_row), and a rebuild
 * of the search index from the content tables, which are the truth.
 *
 * Not run at every open: integrity_check reads every page (see
 * store_check_all in store.h for what that costs); store_open does the
 * cheap header and size check instead.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "search_internal.h"
#include "store_internal.h"
#include "xmalloc.h"

static enum status
count_of(struct store *s, const char *sql, long long *n)
{
	sqlite3_stmt *st;
	enum status r;
	int rc;

	if ((r = store_prepare(s, sql, &st)) != STATUS_OK)
		return r;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int64(st, 0);
	else
		r = store_sqlite_fail(s, rc, sql);
	sqlite3_finalize(st);
	return r;
}

static enum status
index_damaged(struct store *s, const char *detail)
{
	return store_fail(s, STATUS_CORRUPT,
	    _("%s: the search index is damaged (%s); the meetings themselves are not. "
	    "Rebuild it with 'kallelse --db %s check --repair'."), s->path, detail, s->path);
}

enum status
store_check_all(struct store *s, bool *index_only)
{
	enum status r;
	long long rows = 0, indexed = 0;
	int rc;

	if (index_only)
		*index_only = false;
	if ((r = store_check(s)) != STATUS_OK)
		return r;
	/* FTS5 checks its own segments; on a contentless table that is all it can check. */
	rc = sqlite3_exec(s->db, "INSERT INTO search(search, rank) VALUES ('integrity-check', 0)",
	    NULL, NULL, NULL);
	if (rc != SQLITE_OK && (rc & 0xff) == SQLITE_READONLY) {
		/* A read-only handle may not run it (it is an INSERT): the count below still runs. */
	} else if (rc != SQLITE_OK) {
		if ((rc & 0xff) != SQLITE_CORRUPT)
			return store_sqlite_fail(s, rc, "integrity-check");
		if (index_only)
			*index_only = true;
		return index_damaged(s, sqlite3_errmsg(s->db));
	}
	/* ... and one docsize row per indexed text: a lost or extra row is a wrong answer. */
	if ((r = count_of(s, "SELECT count(*) FROM search_row", &rows)) != STATUS_OK ||
	    (r = count_of(s, "SELECT count(*) FROM search_docsize", &indexed)) != STATUS_OK)
		return r;
	if (rows != indexed) {
		char *d = xasprintf(_("%lld texts indexed for %lld"), indexed, rows);
		if (index_only)
			*index_only = true;
		r = index_damaged(s, d);
		free(d);
		return r;
	}
	return STATUS_OK;
}

enum status
store_search_rebuild(struct store *s)
{
	sqlite3_stmt *st;
	enum status r;
	int rc;

	if ((r = store_begin(s)) != STATUS_OK)
		return r;
	/* A contentless table has no 'rebuild': empty it and index every
	 * meeting again from its content, numbered as an import numbers it. */
	if ((r = store_exec(s, "INSERT INTO search(search) VALUES ('delete-all')")) != STATUS_OK ||
	    (r = store_exec(s, "DELETE FROM search_row")) != STATUS_OK ||
	    (r = store_search_prepare_write(s)) != STATUS_OK ||
	    (r = store_prepare(s, "SELECT id FROM meeting ORDER BY fts_base", &st)) != STATUS_OK)
		goto fail;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char *id = store_col_str(st, 0);

		r = store_search_reindex_meeting(s, id);
		free(id);
		if (r != STATUS_OK)
			break;
	}
	if (r == STATUS_OK && rc != SQLITE_DONE)
		r = store_sqlite_fail(s, rc, "rebuild");
	sqlite3_finalize(st);
	if (r != STATUS_OK)
		goto fail;
	if ((r = store_exec(s, "INSERT INTO search(search) VALUES ('optimize')")) != STATUS_OK)
		goto fail;
	return store_commit(s);
fail:
	store_rollback(s);
	return r;
}
