/*
 * The user's own data: notes, reading positions and read state, and
 * settings (marks are in marks.c). These tables refer to content by stable id without foreign
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
	if ((doc_id == NULL && item_id == NULL) || text == NULL || *text == '\0')
		return store_fail(s, STATUS_BAD_INPUT,
		    _("a note needs a document or an agenda item, and text"));
	if (doc_id && !exists(s, "SELECT 1 FROM document WHERE id=?1", doc_id))
		return store_fail(s, STATUS_NOT_FOUND, _("there is no document %s"), doc_id);
	if (doc_id == NULL && !exists(s, "SELECT 1 FROM agenda_item WHERE id=?1", item_id))
		return store_fail(s, STATUS_NOT_FOUND, _("there is no agenda item %s"), item_id);
	store_now(now);
	if ((r = store_prepare(s, "INSERT INTO note(doc_id, item_id, position, text, created,"
	    " updated) VALUES (?1, ?2, ?3, ?4, ?5, ?5)", &st)) != STATUS_OK)
		return r;
	store_bind_str(st, 1, doc_id);
	store_bind_str(st, 2, doc_id ? NULL : item_id);
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
store_note_edit(struct store *s, int64_t id, const char *text)
{
	sqlite3_stmt *st;
	enum status r;
	char now[21];
	int rc;

	store_clear_error(s);
	if (text == NULL || *text == '\0')
		return store_fail(s, STATUS_BAD_INPUT, _("a note needs text; delete it instead"));
	store_now(now);
	if ((r = store_prepare(s, "UPDATE note SET text=?2, updated=?3 WHERE id=?1", &st)) != STATUS_OK)
		return r;
	sqlite3_bind_int64(st, 1, id);
	store_bind_str(st, 2, text);
	store_bind_str(st, 3, now);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_sqlite_fail(s, rc, "note");
	return sqlite3_changes(s->db) ? STATUS_OK : STATUS_NOT_FOUND;
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
		free(list[i].meeting_id);
		free(list[i].text);
		free(list[i].created);
		free(list[i].updated);
		free(list[i].item_number);
		free(list[i].doc_title);
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
	nt->created = store_col_str(st, 5);
	nt->updated = store_col_str(st, 6);
	nt->meeting_id = store_col_str(st, 7);
	nt->orphan = sqlite3_column_int(st, 8) != 0;
	nt->item_number = store_col_str(st, 9);
	nt->doc_title = store_col_str(st, 10);
	/* A note on a document names the document's item. */
	if (nt->item_id == NULL)
		nt->item_id = store_col_str(st, 11);
}

/* The columns read_note reads; n is the note. Ids begin with the meeting's id and '/'. */
#define NOTE_COLS \
	"SELECT n.id, n.doc_id, n.item_id, n.position, n.text, coalesce(n.created, n.updated)," \
	" n.updated, substr(coalesce(n.doc_id, n.item_id), 1," \
	"  instr(coalesce(n.doc_id, n.item_id), '/') - 1) AS mid," \
	" (d.id IS NULL AND n.doc_id IS NOT NULL) OR (n.doc_id IS NULL AND i.id IS NULL)," \
	" i.number, d.title, d.item_id FROM note n" \
	" LEFT JOIN document d ON d.id=n.doc_id" \
	" LEFT JOIN agenda_item i ON i.id=coalesce(n.item_id, d.item_id)"

static enum status
read_notes(struct store *s, sqlite3_stmt *st, struct store_note **list, size_t *n)
{
	void *arr = NULL;
	enum status r = store_read_rows(s, st, &arr, n, sizeof **list, read_note, "note");

	if (r != STATUS_OK) {
		store_notes_free(arr, *n);
		*n = 0;
		return r;
	}
	*list = arr;
	return STATUS_OK;
}

enum status
store_notes(struct store *s, const char *item_id, const char *doc_id, struct store_note **list,
    size_t *n)
{
	sqlite3_stmt *st;
	enum status r;

	*list = NULL;
	*n = 0;
	store_clear_error(s);
	if ((r = store_prepare(s, NOTE_COLS
	    " WHERE (?1 IS NOT NULL AND (n.item_id=?1 OR d.item_id=?1))"
	    " OR (?2 IS NOT NULL AND n.doc_id=?2)"
	    " ORDER BY n.doc_id IS NOT NULL, d.ord, n.doc_id, n.position, n.id", &st)) != STATUS_OK)
		return r;
	store_bind_str(st, 1, item_id);
	store_bind_str(st, 2, doc_id);
	return read_notes(s, st, list, n);
}

enum status
store_notes_all(struct store *s, const char *meeting_id, struct store_note **list, size_t *n)
{
	sqlite3_stmt *st;
	enum status r;

	*list = NULL;
	*n = 0;
	store_clear_error(s);
	if ((r = store_prepare(s, NOTE_COLS
	    " LEFT JOIN meeting m ON m.id=substr(coalesce(n.doc_id, n.item_id), 1,"
	    "  instr(coalesce(n.doc_id, n.item_id), '/') - 1)"
	    " WHERE ?1 IS NULL OR substr(coalesce(n.doc_id, n.item_id), 1, length(?1) + 1)=?1 || '/'"
	    " ORDER BY m.date DESC, mid, i.ord, n.doc_id IS NOT NULL, d.ord, n.position, n.id",
	    &st)) != STATUS_OK)
		return r;
	store_bind_str(st, 1, meeting_id);
	return read_notes(s, st, list, n);
}

/* ---- reading positions and read state ---- */

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
	    " sha256=excluded.sha256", &st)) != STATUS_OK)
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

static enum status
kv_get(struct store *s, const char *sql, const char *key, char **value)
{
	sqlite3_stmt *st;
	enum status r;
	int rc;

	*value = NULL;
	if ((r = store_prepare(s, sql, &st)) != STATUS_OK)
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
store_setting_get(struct store *s, const char *key, char **value)
{
	return kv_get(s, "SELECT value FROM setting WHERE key=?1", key, value);
}

enum status
store_setting_set(struct store *s, const char *key, const char *value)
{
	if (value == NULL)
		return write1(s, "DELETE FROM setting WHERE key=?1", key, NULL, NULL);
	return write1(s, "INSERT INTO setting(key, value) VALUES (?1, ?2)"
	    " ON CONFLICT(key) DO UPDATE SET value=excluded.value", key, value, NULL);
}

/* ---- bookkeeping about the content, kept with it (content_state) ---- */

enum status
store_state_get(struct store *s, const char *key, char **value)
{
	return kv_get(s, "SELECT value FROM main.content_state WHERE key=?1", key, value);
}

enum status
store_state_set(struct store *s, const char *key, const char *value)
{
	if (value == NULL)
		return write1(s, "DELETE FROM main.content_state WHERE key=?1", key, NULL, NULL);
	return write1(s, "INSERT INTO main.content_state(key, value) VALUES (?1, ?2)"
	    " ON CONFLICT(key) DO UPDATE SET value=excluded.value", key, value, NULL);
}

enum status
store_bookkeeping_set(struct store *s, const char *key, const char *value)
{
	/* The update hook (store.c on_update) flags any write to setting; undo that for this one. */
	bool was = s->user_changed;
	enum status st = store_setting_set(s, key, value);

	s->user_changed = was;
	return st;
}
