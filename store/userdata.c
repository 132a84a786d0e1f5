/*
 * The user's own data: marks on agenda items, notes, reading positions and
 * settings. These tables refer to content by stable id without foreign
 * keys: re-imports and sync never delete them, and a mark whose item is
 * gone is kept and reported as an orphan.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "store_internal.h"
#include "xmalloc.h"

/* Prepare, bind up to three strings, step once; finalize. */
static enum status
write1(struct store *s, const char *sql, const char *a, const char *b, const char *c)
{
	sqlite3_stmt *st;
	enum status r;
	int rc;

	store_clear_error(s);
	if ((r = store_prepare(s, sql, &st)) != STATUS_OK)
		return r;
	store_bind_str(st, 1, a);
	if (sqlite3_bind_parameter_count(st) >= 2)
		store_bind_str(st, 2, b);
	if (sqlite3_bind_parameter_count(st) >= 3)
		store_bind_str(st, 3, c);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? STATUS_OK : store_sqlite_fail(s, rc, "write");
}

static bool
exists(struct store *s, const char *sql, const char *id)
{
	sqlite3_stmt *st;
	bool found = false;

	if (store_prepare(s, sql, &st) != STATUS_OK)
		return false;
	store_bind_str(st, 1, id);
	found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return found;
}

/* ---- marks ---- */

enum status
store_mark_set(struct store *s, const char *item_id, const char *person, const char *kind,
    const char *comment, bool shared)
{
	sqlite3_stmt *st;
	enum status r;
	char now[21];
	int rc;

	store_clear_error(s);
	if (item_id == NULL || person == NULL)
		return store_fail(s, STATUS_BAD_INPUT, _("a mark needs an item and a person"));
	if (!exists(s, "SELECT 1 FROM agenda_item WHERE id=?1", item_id))
		return store_fail(s, STATUS_NOT_FOUND, _("there is no agenda item %s"), item_id);
	store_now(now);
	if ((r = store_prepare(s, "INSERT INTO mark(item_id, person, kind, comment, shared, updated)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(item_id, person) DO UPDATE SET"
	    " kind=excluded.kind, comment=excluded.comment, shared=excluded.shared,"
	    " updated=excluded.updated", &st)) != STATUS_OK)
		return r;
	store_bind_str(st, 1, item_id);
	store_bind_str(st, 2, person);
	store_bind_str(st, 3, kind);
	store_bind_str(st, 4, comment);
	sqlite3_bind_int(st, 5, shared ? 1 : 0);
	store_bind_str(st, 6, now);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? STATUS_OK : store_sqlite_fail(s, rc, "mark");
}

enum status
store_mark_clear(struct store *s, const char *item_id, const char *person)
{
	enum status r = write1(s, "DELETE FROM mark WHERE item_id=?1 AND person=?2", item_id,
	    person, NULL);

	if (r == STATUS_OK && sqlite3_changes(s->db) == 0)
		return STATUS_NOT_FOUND;
	return r;
}

void
store_marks_free(struct store_mark *list, size_t n)
{
	if (list == NULL)
		return;
	for (size_t i = 0; i < n; i++) {
		free(list[i].item_id);
		free(list[i].person);
		free(list[i].kind);
		free(list[i].comment);
		free(list[i].updated);
	}
	free(list);
}

static void
read_mark(sqlite3_stmt *st, void *v)
{
	struct store_mark *m = v;

	m->item_id = store_col_str(st, 0);
	m->person = store_col_str(st, 1);
	m->kind = store_col_str(st, 2);
	m->comment = store_col_str(st, 3);
	m->shared = sqlite3_column_int(st, 4) != 0;
	m->updated = store_col_str(st, 5);
	m->orphan = sqlite3_column_int(st, 6) != 0;
}

enum status
store_marks(struct store *s, const char *meeting_id, struct store_mark **list, size_t *n)
{
	sqlite3_stmt *st;
	enum status r;
	void *arr;

	*list = NULL;
	*n = 0;
	store_clear_error(s);
	/* Item ids start with their meeting's id, so an orphan still belongs to it. */
	if ((r = store_prepare(s, "SELECT k.item_id, k.person, k.kind, k.comment, k.shared,"
	    " k.updated, i.id IS NULL FROM mark k LEFT JOIN agenda_item i ON i.id=k.item_id"
	    " WHERE ?1 IS NULL OR substr(k.item_id, 1, length(?1) + 1)=?1 || '/'"
	    " ORDER BY coalesce(i.meeting_id, k.item_id), i.ord, k.item_id, k.person", &st)) != STATUS_OK)
		return r;
	store_bind_str(st, 1, meeting_id);
	r = store_read_rows(s, st, &arr, n, sizeof **list, read_mark, "mark");
	if (r != STATUS_OK) {
		store_marks_free(arr, *n);
		*n = 0;
		return r;
	}
	*list = arr;
	return STATUS_OK;
}

/* ---- notes ---- */

enum status
store_note_add(struct store *s, const char *doc_id, const char *item_id, size_t position,
    const char *text, int64_t *id)
{
	sqlite3_stmt *st;
	enum status r;
	char now[21];
	int rc;

	store_clear_error(s);
	if (id)
		*id = 0;
	if ((doc_id == NULL && item_id == NULL) || text == NULL)
		return store_fail(s, STATUS_BAD_INPUT,
		    _("a note needs a document or an agenda item, and text"));
	store_now(now);
	if ((r = store_prepare(s, "INSERT INTO note(doc_id, item_id, position, text, updated)"
	    " VALUES (?1, ?2, ?3, ?4, ?5)", &st)) != STATUS_OK)
		return r;
	store_bind_str(st, 1, doc_id);
	store_bind_str(st, 2, item_id);
	sqlite3_bind_int64(st, 3, (long long)position);
	store_bind_str(st, 4, text);
	store_bind_str(st, 5, now);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_sqlite_fail(s, rc, "note");
	if (id)
		*id = sqlite3_last_insert_rowid(s->db);
	return STATUS_OK;
}

enum status
store_note_delete(struct store *s, int64_t id)
{
	sqlite3_stmt *st;
	enum status r;
	int rc;

	store_clear_error(s);
	if ((r = store_prepare(s, "DELETE FROM note WHERE id=?1", &st)) != STATUS_OK)
		return r;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_sqlite_fail(s, rc, "note");
	return sqlite3_changes(s->db) ? STATUS_OK : STATUS_NOT_FOUND;
}

void
store_notes_free(struct store_note *list, size_t n)
{
	if (list == NULL)
		return;
	for (size_t i = 0; i < n; i++) {
		free(list[i].doc_id);
		free(list[i].item_id);
		free(list[i].text);
		free(list[i].updated);
	}
	free(list);
}

static void
read_note(sqlite3_stmt *st, void *v)
{
	struct store_note *nt = v;

	nt->id = sqlite3_column_int64(st, 0);
	nt->doc_id = store_col_str(st, 1);
	nt->item_id = store_col_str(st, 2);
	nt->position = (size_t)sqlite3_column_int64(st, 3);
	nt->text = store_col_str(st, 4);
	nt->updated = store_col_str(st, 5);
}

enum status
store_notes(struct store *s, const char *item_id, const char *doc_id, struct store_note **list,
    size_t *n)
{
	sqlite3_stmt *st;
	enum status r;
	void *arr;

	*list = NULL;
	*n = 0;
	store_clear_error(s);
	if ((r = store_prepare(s, "SELECT id, doc_id, item_id, position, text, updated FROM note"
	    " WHERE (?1 IS NOT NULL AND (item_id=?1 OR doc_id IN"
	    "  (SELECT id FROM document WHERE item_id=?1)))"
	    " OR (?2 IS NOT NULL AND doc_id=?2)"
	    " ORDER BY doc_id IS NOT NULL, doc_id, position, id", &st)) != STATUS_OK)
		return r;
	store_bind_str(st, 1, item_id);
	store_bind_str(st, 2, doc_id);
	r = store_read_rows(s, st, &arr, n, sizeof **list, read_note, "note");
	if (r != STATUS_OK) {
		store_notes_free(arr, *n);
		*n = 0;
		return r;
	}
	*list = arr;
	return STATUS_OK;
}

/* ---- reading positions ---- */

enum status
store_reading_set(struct store *s, const char *doc_id, size_t position)
{
	sqlite3_stmt *st;
	enum status r;
	char now[21];
	int rc;

	store_clear_error(s);
	if (!exists(s, "SELECT 1 FROM document WHERE id=?1", doc_id))
		return store_fail(s, STATUS_NOT_FOUND, _("there is no document %s"), doc_id);
	store_now(now);
	if ((r = store_prepare(s, "INSERT INTO reading(doc_id, position, sha256, read_at)"
	    " VALUES (?1, ?2, (SELECT sha256 FROM document WHERE id=?1), ?3)"
	    " ON CONFLICT(doc_id) DO UPDATE SET position=excluded.position,"
	    " sha256=excluded.sha256, read_at=excluded.read_at", &st)) != STATUS_OK)
		return r;
	store_bind_str(st, 1, doc_id);
	sqlite3_bind_int64(st, 2, (long long)position);
	store_bind_str(st, 3, now);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? STATUS_OK : store_sqlite_fail(s, rc, "reading");
}

enum status
store_reading_get(struct store *s, const char *doc_id, size_t *position)
{
	sqlite3_stmt *st;
	enum status r;
	int rc;

	*position = 0;
	if ((r = store_prepare(s, "SELECT position FROM reading WHERE doc_id=?1", &st)) != STATUS_OK)
		return r;
	store_bind_str(st, 1, doc_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*position = (size_t)sqlite3_column_int64(st, 0);
	else if (rc == SQLITE_DONE)
		r = STATUS_NOT_FOUND;
	else
		r = store_sqlite_fail(s, rc, "reading");
	sqlite3_finalize(st);
	return r;
}

/* ---- settings ---- */

enum status
store_setting_get(struct store *s, const char *key, char **value)
{
	sqlite3_stmt *st;
	enum status r;
	int rc;

	*value = NULL;
	if ((r = store_prepare(s, "SELECT value FROM setting WHERE key=?1", &st)) != STATUS_OK)
		return r;
	store_bind_str(st, 1, key);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*value = store_col_str(st, 0);
	else if (rc == SQLITE_DONE)
		r = STATUS_NOT_FOUND;
	else
		r = store_sqlite_fail(s, rc, "setting");
	sqlite3_finalize(st);
	return r;
}

enum status
store_setting_set(struct store *s, const char *key, const char *value)
{
	if (value == NULL)
		return write1(s, "DELETE FROM setting WHERE key=?1", key, NULL, NULL);
	return write1(s, "INSERT INTO setting(key, value) VALUES (?1, ?2)"
	    " ON CONFLICT(key) DO UPDATE SET value=excluded.value", key, value, NULL);
}
