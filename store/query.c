/*
 * Reading content: meetings, their people, agenda items, documents and
 * document text. Lists never load document text; the text of one document
 * is loaded only when asked for.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "store_internal.h"
#include "xmalloc.h"

/* ---- meetings ---- */

/* A meeting's own columns, then its two counts, then the rest (read_meeting). */
#define MEETING_HEAD \
	"m.id, m.organization_id, o.name, m.date, m.time, m.time_end, m.place," \
	" m.presidium_date, m.state, m.revision," \
	" m.item_count,"
#define MEETING_TAIL \
	" m.imported_at FROM meeting m JOIN organization o ON o.id=m.organization_id"
#define MEETING_COLS MEETING_HEAD MEETING_COUNTS MEETING_TAIL
#define MEETING_COUNTS \
	/*
	 * Unread: items with a document never opened (the agenda's N), so the
	 * count sits beside the item count in the same unit: the items with
	 * documents (doc_items, kept at import) less those whose every document
	 * was read as it is now. Only this meeting's reading rows are visited
	 * (document ids begin with the meeting's id and a '/'), never its
	 * documents: the ten-year archive's list went from 28 ms to under one.
	 * CROSS JOIN keeps reading's range the outer loop: without it SQLite
	 * moved the range onto document's key and read every document row.
	 */ \
	" max(0, m.doc_items - (SELECT count(*) FROM agenda_item i WHERE i.id IN" \
	"  (SELECT d.item_id FROM reading r CROSS JOIN document d ON d.id=r.doc_id" \
	"   WHERE r.doc_id > m.id || '/' AND r.doc_id < m.id || '0')" \
	"  AND NOT EXISTS (SELECT 1 FROM document d WHERE d.item_id=i.id AND NOT EXISTS" \
	"  (SELECT 1 FROM reading r WHERE r.doc_id=d.id AND r.read_sha256=d.sha256))))," \
	" (SELECT count(DISTINCT k.item_id) FROM mark k WHERE NOT k.removed AND k.item_id > m.id || '/'" \
	"  AND k.item_id < m.id || '0' AND EXISTS (SELECT 1 FROM agenda_item i WHERE i.id=k.item_id)),"

static void
read_meeting(sqlite3_stmt *st, void *v)
{
	struct store_meeting *m = v;

	m->id = store_col_str(st, 0);
	m->organization_id = store_col_str(st, 1);
	m->body = store_col_str(st, 2);
	m->date = store_col_str(st, 3);
	m->time = store_col_str(st, 4);
	m->time_end = store_col_str(st, 5);
	m->place = store_col_str(st, 6);
	m->presidium_date = store_col_str(st, 7);
	m->state = store_col_str(st, 8);
	m->revision = sqlite3_column_int(st, 9);
	m->item_count = sqlite3_column_int(st, 10);
	m->unread_count = sqlite3_column_int(st, 11);
	m->marked_count = sqlite3_column_int(st, 12);
	m->imported_at = store_col_str(st, 13);
}

void
store_meeting_free(struct store_meeting *m)
{
	if (m == NULL)
		return;
	free(m->id);
	free(m->organization_id);
	free(m->body);
	free(m->date);
	free(m->time);
	free(m->time_end);
	free(m->place);
	free(m->presidium_date);
	free(m->state);
	free(m->imported_at);
	memset(m, 0, sizeof *m);
}

void
store_meetings_free(struct store_meeting *list, size_t n)
{
	if (list == NULL)
		return;
	for (size_t i = 0; i < n; i++)
		store_meeting_free(&list[i]);
	free(list);
}

enum status
store_read_rows(struct store *s, sqlite3_stmt *st, void **list, size_t *n, size_t elem,
    void (*read)(sqlite3_stmt *, void *), const char *what)
{
	char *arr = NULL;
	size_t cap = 0;
	int rc;

	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			arr = xreallocarray(arr, cap, elem);
		}
		memset(arr + *n * elem, 0, elem);
		read(st, arr + *n * elem);
		(*n)++;
	}
	sqlite3_finalize(st);
	*list = arr;
	if (rc != SQLITE_DONE)
		return store_sqlite_fail(s, rc, what);
	return STATUS_OK;
}

enum status
store_meetings(struct store *s, struct store_meeting **list, size_t *n)
{
	sqlite3_stmt *st;
	enum status r;
	char today[11];
	void *arr;

	*list = NULL;
	*n = 0;
	store_today(today);
	r = store_prepare(s, "SELECT " MEETING_COLS
	    " ORDER BY m.date < ?1, CASE WHEN m.date >= ?1 THEN m.date END,"
	    " m.date DESC, o.name COLLATE sv, m.id", &st);
	if (r != STATUS_OK)
		return r;
	store_bind_str(st, 1, today);
	r = store_read_rows(s, st, &arr, n, sizeof **list, read_meeting, "read");
	if (r != STATUS_OK) {
		store_meetings_free(arr, *n);
		*n = 0;
		return r;
	}
	*list = arr;
	return STATUS_OK;
}

/* The meeting id, selected with sql (its columns as read_meeting reads them). */
static enum status
meeting_by_id(struct store *s, const char *sql, const char *id, struct store_meeting *out)
{
	sqlite3_stmt *st;
	enum status r;
	int rc;

	memset(out, 0, sizeof *out);
	if ((r = store_prepare(s, sql, &st)) != STATUS_OK)
		return r;
	store_bind_str(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_meeting(st, out);
	else if (rc == SQLITE_DONE)
		r = store_fail(s, STATUS_NOT_FOUND, _("there is no meeting %s"), id);
	else
		r = store_sqlite_fail(s, rc, "meeting");
	sqlite3_finalize(st);
	return r;
}

enum status
store_meeting_get(struct store *s, const char *id, struct store_meeting *out)
{
	return meeting_by_id(s, "SELECT " MEETING_COLS " WHERE m.id=?1", id, out);
}

/*
 * Without the two counts: they visit the user's reading and marks and the
 * items and documents those name, about 7 of the 22 pages the meeting's
 * row cost a start on the ten-year archive (sqlite3 .stats), and the
 * agenda's title and status line show neither.
 */
enum status
store_meeting_head(struct store *s, const char *id, struct store_meeting *out)
{
	return meeting_by_id(s, "SELECT " MEETING_HEAD " 0, 0," MEETING_TAIL " WHERE m.id=?1", id,
	    out);
}

/* Ids of meetings matched by sql with ?1 = arg; at most 50. Caller frees. */
static enum status
ids_where(struct store *s, const char *sql, const char *arg, char ***ids, size_t *n)
{
	sqlite3_stmt *st;
	enum status r;
	int rc;

	*ids = NULL;
	*n = 0;
	if ((r = store_prepare(s, sql, &st)) != STATUS_OK)
		return r;
	store_bind_str(st, 1, arg);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < 50) {
		*ids = xreallocarray(*ids, *n + 1, sizeof **ids);
		(*ids)[(*n)++] = store_col_str(st, 0);
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		r = store_sqlite_fail(s, rc, "meeting");
	sqlite3_finalize(st);
	return r;
}

static void
free_ids(char **ids, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
}

/* One id: hand it over; several: STATUS_AMBIGUOUS listing them; none: NOT_FOUND. */
static enum status
one_of(struct store *s, const char *spec, char **ids, size_t n, char **id)
{
	struct buf b = { 0 };

	if (n == 1) {
		*id = ids[0];
		free(ids);
		return STATUS_OK;
	}
	if (n == 0) {
		free(ids);
		return store_fail(s, STATUS_NOT_FOUND,
		    _("no meeting matches '%s'; 'kallelse meetings' lists them"), spec);
	}
	for (size_t i = 0; i < n; i++) {
		buf_adds(&b, i ? ", " : "");
		buf_adds(&b, ids[i]);
	}
	store_fail(s, STATUS_AMBIGUOUS, _("'%s' matches %zu meetings: %s; give the full id"),
	    spec, n, b.data);
	buf_free(&b);
	free_ids(ids, n);
	return STATUS_AMBIGUOUS;
}

enum status
store_meeting_resolve(struct store *s, const char *spec, char **id)
{
	char **ids;
	size_t n;
	enum status r;

	*id = NULL;
	store_clear_error(s);
	if (spec == NULL || *spec == '\0') {
		char today[11];

		store_today(today);
		/* The day first, through the date index, then its meetings: ORDER BY
		 * date DESC, id sorted all 440 meetings of the archive at every
		 * start (0.9 M of its 12.7 M instructions, callgrind). */
		r = ids_where(s, "SELECT id FROM meeting WHERE date=(SELECT min(date) FROM meeting"
		    " WHERE date >= ?1) ORDER BY id LIMIT 1", today, &ids, &n);
		if (r == STATUS_OK && n == 0) {
			free(ids);
			r = ids_where(s, "SELECT id FROM meeting WHERE date=(SELECT max(date) FROM meeting)"
			    " ORDER BY id LIMIT 1", NULL, &ids, &n);
		}
		if (r != STATUS_OK)
			return r;
		if (n == 0) {
			free(ids);
			return store_fail(s, STATUS_NOT_FOUND,
			    _("%s has no meetings yet. Import a meeting packet first with "
			    "'kallelse import FILE'."), s->path);
		}
		return one_of(s, "", ids, n, id);
	}
	if ((r = ids_where(s, "SELECT id FROM meeting WHERE id=?1", spec, &ids, &n)) != STATUS_OK)
		return r;
	if (n == 0) {
		free(ids);
		r = ids_where(s, "SELECT id FROM meeting WHERE date=?1 ORDER BY id", spec, &ids, &n);
	}
	if (r == STATUS_OK && n == 0) {
		free(ids);
		r = ids_where(s, "SELECT id FROM meeting WHERE substr(id, 1, length(?1))=?1"
		    " ORDER BY date DESC, id", spec, &ids, &n);
	}
	if (r != STATUS_OK)
		return r;
	return one_of(s, spec, ids, n, id);
}

/* ---- people ---- */

static void
read_person(sqlite3_stmt *st, void *v)
{
	struct person *p = v;

	p->group = (enum person_group)sqlite3_column_int(st, 0);
	p->name = store_col_str(st, 1);
	p->party = store_col_str(st, 2);
	p->role = store_col_str(st, 3);
	p->title = store_col_str(st, 4);
}

enum status
store_meeting_people(struct store *s, const char *meeting_id, struct person **list,
    size_t *n)
{
	sqlite3_stmt *st;
	enum status r;
	void *arr;

	*list = NULL;
	*n = 0;
	if ((r = store_prepare(s, "SELECT mp.grp, p.name, mp.party, mp.role, mp.title"
	    " FROM meeting_person mp JOIN person p ON p.id=mp.person_id"
	    " WHERE mp.meeting_id=?1 ORDER BY mp.ord", &st)) != STATUS_OK)
		return r;
	store_bind_str(st, 1, meeting_id);
	r = store_read_rows(s, st, &arr, n, sizeof **list, read_person, "read");
	if (r != STATUS_OK) {
		people_free(arr, *n);
		*n = 0;
		return r;
	}
	*list = arr;
	return STATUS_OK;
}
