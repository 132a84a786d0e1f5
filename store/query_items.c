/*
 * Reading agenda items and documents: the agenda of a meeting, one item,
 * the documents of an item or meeting, and the text of one document
 * (whole, or a range of lines).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "store_internal.h"
#include "xmalloc.h"

#define ITEM_COLS \
	"i.id, i.meeting_id, i.number, i.first, i.last, i.ord, i.section, i.title," \
	" i.time_start, i.time_end, i.case_number, i.case_number_printed," \
	" i.presidium_paragraph, i.presidium_decision, p.text, p.source, i.confidential," \
	" (SELECT count(*) FROM document d WHERE d.item_id=i.id)," \
	" (SELECT count(*) FROM document d WHERE d.item_id=i.id AND NOT EXISTS" \
	"  (SELECT 1 FROM reading r WHERE r.doc_id=d.id AND r.read_sha256=d.sha256))," \
	" EXISTS (SELECT 1 FROM mark k WHERE k.item_id=i.id AND NOT k.removed)," \
	" EXISTS (SELECT 1 FROM note n WHERE n.item_id=i.id OR n.doc_id IN" \
	"  (SELECT d.id FROM document d WHERE d.item_id=i.id))," \
	" (SELECT count(*) FROM document d JOIN reading r ON r.doc_id=d.id" \
	"  WHERE d.item_id=i.id AND r.read_sha256 IS NOT NULL AND r.read_sha256<>d.sha256)," \
	/* Who marked it, first mark first: "TG MS". */ \
	" (SELECT group_concat(x.initials, ' ') FROM (SELECT k.initials FROM mark k" \
	"  WHERE k.item_id=i.id AND NOT k.removed ORDER BY k.updated, k.rowid) x)" \
	" FROM agenda_item i LEFT JOIN proposal p ON p.item_id=i.id"

/* Split text at '\n' into a fresh array of fresh strings. */
static char **
split_lines(const char *t, size_t *n)
{
	char **lines = NULL;
	const char *p = t;

	*n = 0;
	for (;;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		lines = xreallocarray(lines, *n + 1, sizeof *lines);
		lines[(*n)++] = xstrndup(p, len);
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	return lines;
}

static void
read_item(sqlite3_stmt *st, struct agenda_item *it)
{
	const char *prop;

	it->id = store_col_str(st, 0);
	it->meeting_id = store_col_str(st, 1);
	it->number = store_col_str(st, 2);
	it->first = sqlite3_column_int(st, 3);
	it->last = sqlite3_column_int(st, 4);
	it->ord = sqlite3_column_int(st, 5);
	it->section = store_col_str(st, 6);
	it->title = store_col_str(st, 7);
	it->time_start = store_col_str(st, 8);
	it->time_end = store_col_str(st, 9);
	it->case_number = store_col_str(st, 10);
	it->case_number_printed = store_col_str(st, 11);
	it->presidium_paragraph = sqlite3_column_int(st, 12);
	it->presidium_decision = store_col_str(st, 13);
	prop = (const char *)sqlite3_column_text(st, 14);
	if (prop)
		it->proposal = split_lines(prop, &it->n_proposal);
	it->proposal_source = store_col_str(st, 15);
	it->confidential = sqlite3_column_int(st, 16) != 0;
	it->doc_count = sqlite3_column_int(st, 17);
	it->unread_count = sqlite3_column_int(st, 18);
	it->marked = sqlite3_column_int(st, 19) != 0;
	it->has_notes = sqlite3_column_int(st, 20) != 0;
	it->changed_count = sqlite3_column_int(st, 21);
	it->mark_initials = store_col_str(st, 22);
}

static enum status
read_presenters(struct store *s, sqlite3_stmt *ps, struct agenda_item *it)
{
	int rc;

	store_bind_str(ps, 1, it->id);
	while ((rc = sqlite3_step(ps)) == SQLITE_ROW) {
		struct presenter *p;

		it->presenters = xreallocarray(it->presenters, it->n_presenters + 1,
		    sizeof *it->presenters);
		p = &it->presenters[it->n_presenters++];
		p->name = store_col_str(ps, 0);
		p->title = store_col_str(ps, 1);
		p->raw = store_col_str(ps, 2);
	}
	sqlite3_reset(ps);
	return rc == SQLITE_DONE ? STATUS_OK : store_sqlite_fail(s, rc, "presenter");
}

/* Items selected by where (binding ?1 = arg, ?2 = arg2), with their presenters. */
static enum status
items_where(struct store *s, const char *where, const char *arg, long long arg2,
    struct agenda_item **list, size_t *n)
{
	sqlite3_stmt *st, *ps;
	char *sql = xasprintf("SELECT " ITEM_COLS " WHERE %s ORDER BY i.ord", where);
	size_t cap = 0;
	enum status r;
	int rc;

	*list = NULL;
	*n = 0;
	r = store_prepare(s, sql, &st);
	free(sql);
	if (r != STATUS_OK)
		return r;
	if ((r = store_prepare(s, "SELECT name, title, raw FROM presenter WHERE item_id=?1"
	    " ORDER BY ord", &ps)) != STATUS_OK) {
		sqlite3_finalize(st);
		return r;
	}
	store_bind_str(st, 1, arg);
	sqlite3_bind_int64(st, 2, arg2);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && r == STATUS_OK) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*list = xreallocarray(*list, cap, sizeof **list);
		}
		memset(&(*list)[*n], 0, sizeof **list);
		read_item(st, &(*list)[*n]);
		r = read_presenters(s, ps, &(*list)[*n]);
		(*n)++;
	}
	if (r == STATUS_OK && rc != SQLITE_DONE)
		r = store_sqlite_fail(s, rc, "agenda");
	sqlite3_finalize(st);
	sqlite3_finalize(ps);
	if (r != STATUS_OK) {
		agenda_items_free(*list, *n);
		*list = NULL;
		*n = 0;
	}
	return r;
}

enum status
store_agenda(struct store *s, const char *meeting_id, struct agenda_item **list, size_t *n)
{
	return items_where(s, "i.meeting_id=?1 AND ?2=?2", meeting_id, 0, list, n);
}

/* ---- breaks ---- */

static void
read_break(sqlite3_stmt *st, void *v)
{
	struct store_break *b = v;

	b->before_ord = sqlite3_column_int(st, 0);
	b->label = store_col_str(st, 1);
	b->time_start = store_col_str(st, 2);
	b->time_end = store_col_str(st, 3);
}

void
store_breaks_free(struct store_break *list, size_t n)
{
	if (list == NULL)
		return;
	for (size_t i = 0; i < n; i++) {
		free(list[i].label);
		free(list[i].time_start);
		free(list[i].time_end);
	}
	free(list);
}

enum status
store_agenda_breaks(struct store *s, const char *meeting_id, struct store_break **list,
    size_t *n)
{
	sqlite3_stmt *st;
	enum status r;
	void *arr = NULL;

	*list = NULL;
	*n = 0;
	if ((r = store_prepare(s, "SELECT before_ord, label, time_start, time_end FROM agenda_break"
	    " WHERE meeting_id=?1 ORDER BY ord", &st)) != STATUS_OK)
		return r;
	store_bind_str(st, 1, meeting_id);
	r = store_read_rows(s, st, &arr, n, sizeof **list, read_break, "agenda_break");
	if (r != STATUS_OK) {
		store_breaks_free(arr, *n);
		*n = 0;
		return r;
	}
	*list = arr;
	return STATUS_OK;
}

static enum status
one_item(struct store *s, const char *where, const char *arg, long long arg2,
    struct agenda_item *out)
{
	struct agenda_item *list;
	size_t n;
	enum status r;

	memset(out, 0, sizeof *out);
	if ((r = items_where(s, where, arg, arg2, &list, &n)) != STATUS_OK)
		return r;
	if (n == 0) {
		free(list);
		return STATUS_NOT_FOUND;
	}
	*out = list[0];
	for (size_t i = 1; i < n; i++)
		agenda_item_free(&list[i]);
	free(list);
	return STATUS_OK;
}

enum status
store_item_get(struct store *s, const char *item_id, struct agenda_item *out)
{
	enum status r = one_item(s, "i.id=?1 AND ?2=?2", item_id, 0, out);

	if (r == STATUS_NOT_FOUND)
		store_fail(s, r, _("there is no agenda item %s"), item_id);
	return r;
}

enum status
store_item_find(struct store *s, const char *meeting_id, const char *number,
    struct agenda_item *out)
{
	char *key = store_number_key(number ? number : "");
	char *id = xasprintf("%s/%s", meeting_id, key);
	enum status r;
	char *end;
	long v;

	r = one_item(s, "i.id=?1 AND ?2=?2", id, 0, out);
	if (r == STATUS_NOT_FOUND && *key) {
		v = strtol(key, &end, 10);
		if (*end == '\0' && v > 0)
			r = one_item(s, "i.meeting_id=?1 AND i.first<=?2 AND i.last>=?2",
			    meeting_id, v, out);
	}
	if (r == STATUS_NOT_FOUND)
		store_fail(s, r, _("meeting %s has no agenda item %s"), meeting_id, number);
	free(key);
	free(id);
	return r;
}

/* ---- documents ---- */

#define DOC_COLS \
	"d.id, d.meeting_id, d.item_id, d.ord, d.kind, d.title, d.date, d.case_number," \
	" d.chars, d.bytes, d.lines, d.sha256," \
	" (SELECT p.page FROM document_page p WHERE p.doc_id=d.id)," \
	" (SELECT r.read_sha256 FROM reading r WHERE r.doc_id=d.id)," \
	" EXISTS (SELECT 1 FROM note n WHERE n.doc_id=d.id) FROM document d"

static void
read_doc(sqlite3_stmt *st, void *v)
{
	struct store_doc *d = v;

	d->id = store_col_str(st, 0);
	d->meeting_id = store_col_str(st, 1);
	d->item_id = store_col_str(st, 2);
	d->ord = sqlite3_column_int(st, 3);
	d->kind = store_col_str(st, 4);
	d->title = store_col_str(st, 5);
	d->date = store_col_str(st, 6);
	d->case_number = store_col_str(st, 7);
	d->chars = (size_t)sqlite3_column_int64(st, 8);
	d->bytes = (size_t)sqlite3_column_int64(st, 9);
	d->lines = (size_t)sqlite3_column_int64(st, 10);
	d->sha256 = store_col_str(st, 11);
	d->original_page = sqlite3_column_int(st, 12);
	d->has_original = d->original_page > 0;
	{
		const char *rs = (const char *)sqlite3_column_text(st, 13);

		d->read = rs != NULL && d->sha256 != NULL && strcmp(rs, d->sha256) == 0;
		d->changed = rs != NULL && !d->read;
	}
	d->has_notes = sqlite3_column_int(st, 14) != 0;
}

void
store_doc_free(struct store_doc *d)
{
	if (d == NULL)
		return;
	free(d->id);
	free(d->meeting_id);
	free(d->item_id);
	free(d->kind);
	free(d->title);
	free(d->date);
	free(d->case_number);
	free(d->sha256);
	memset(d, 0, sizeof *d);
}

void
store_docs_free(struct store_doc *list, size_t n)
{
	if (list == NULL)
		return;
	for (size_t i = 0; i < n; i++)
		store_doc_free(&list[i]);
	free(list);
}

static enum status
docs_where(struct store *s, const char *where, const char *a, const char *b,
    struct store_doc **list, size_t *n)
{
	char *sql = xasprintf("SELECT " DOC_COLS " WHERE %s ORDER BY d.ord", where);
	sqlite3_stmt *st;
	enum status r;
	void *arr;

	*list = NULL;
	*n = 0;
	r = store_prepare(s, sql, &st);
	free(sql);
	if (r != STATUS_OK)
		return r;
	store_bind_str(st, 1, a);
	if (b)
		store_bind_str(st, 2, b);
	r = store_read_rows(s, st, &arr, n, sizeof **list, read_doc, "document");
	if (r != STATUS_OK) {
		store_docs_free(arr, *n);
		*n = 0;
		return r;
	}
	*list = arr;
	return STATUS_OK;
}

enum status
store_documents(struct store *s, const char *meeting_id, const char *item_id,
    struct store_doc **list, size_t *n)
{
	if (item_id)
		return docs_where(s, "d.meeting_id=?1 AND d.item_id=?2", meeting_id, item_id, list, n);
	return docs_where(s, "d.meeting_id=?1 AND d.item_id IS NULL", meeting_id, NULL, list, n);
}

enum status
store_meeting_documents(struct store *s, const char *meeting_id, struct store_doc **list,
    size_t *n)
{
	return docs_where(s, "d.meeting_id=?1", meeting_id, NULL, list, n);
}

enum status
store_doc_get(struct store *s, const char *doc_id, struct store_doc *out)
{
	struct store_doc *list;
	size_t n;
	enum status r;

	memset(out, 0, sizeof *out);
	if ((r = docs_where(s, "d.id=?1", doc_id, NULL, &list, &n)) != STATUS_OK)
		return r;
	if (n == 0) {
		free(list);
		return store_fail(s, STATUS_NOT_FOUND, _("there is no document %s"), doc_id);
	}
	*out = list[0];
	free(list);
	return STATUS_OK;
}

/* Run fn on the text of one document while the statement holds it. */
static enum status
with_text(struct store *s, const char *doc_id, size_t first, size_t count, char **text,
    size_t *len, bool whole)
{
	sqlite3_stmt *st;
	enum status r;
	int rc;

	*text = NULL;
	if (len)
		*len = 0;
	if ((r = store_prepare(s, "SELECT text FROM document WHERE id=?1", &st)) != STATUS_OK)
		return r;
	store_bind_str(st, 1, doc_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		char *t = NULL;
		size_t n = 0, a = 0, b, line = 0;

		/* Stored packed when long (doctext.c). */
		if ((r = store_col_doctext(s, st, 0, &t, &n)) != STATUS_OK) {
			sqlite3_finalize(st);
			return r;
		}
		if (t == NULL)
			t = xstrdup("");
		if (!whole) {
			/* Byte range of lines [first, first + count). */
			while (line < first && a < n) {
				const char *nl = memchr(t + a, '\n', n - a);
				a = nl ? (size_t)(nl - t) + 1 : n;
				line++;
			}
			b = a;
			for (size_t k = 0; k < count && b < n; k++) {
				const char *nl = memchr(t + b, '\n', n - b);
				b = nl ? (size_t)(nl - t) + 1 : n;
			}
			if (b > a && t[b - 1] == '\n')
				b--;
		} else {
			b = n;
		}
		if (a == 0 && b == n) {
			*text = t;	/* the whole text: no second copy */
		} else {
			*text = xstrndup(t + a, b - a);
			free(t);
		}
		if (len)
			*len = b - a;
	} else if (rc == SQLITE_DONE) {
		r = store_fail(s, STATUS_NOT_FOUND, _("there is no document %s"), doc_id);
	} else {
		r = store_sqlite_fail(s, rc, "document");
	}
	sqlite3_finalize(st);
	return r;
}

enum status
store_doc_text(struct store *s, const char *doc_id, char **text, size_t *len)
{
	return with_text(s, doc_id, 0, 0, text, len, true);
}

enum status
store_doc_lines(struct store *s, const char *doc_id, size_t first, size_t count,
    char **text, size_t *len)
{
	return with_text(s, doc_id, first, count, text, len, false);
}

/* The page line is on: page, or the last of starts ("LINE:PAGE ...") at or before it. */
static int
page_of_line(int page, const char *starts, size_t line)
{
	const char *p = starts;

	while (p && *p) {
		char *end;
		unsigned long long at = strtoull(p, &end, 10);
		long pg;

		if (end == p || *end != ':')
			break;		/* not ours: the first page is still right */
		pg = strtol(end + 1, &end, 10);
		if (at > line)
			break;
		if (pg > 0)
			page = (int)pg;
		p = end;
		while (*p == ' ')
			p++;
	}
	return page;
}

enum status
store_doc_original(struct store *s, const char *doc_id, size_t line, void **data, size_t *len,
    char **name, int *page)
{
	sqlite3_stmt *st;
	enum status r;
	int rc;

	*data = NULL;
	*len = 0;
	if (name)
		*name = NULL;
	if (page)
		*page = 0;
	if ((r = store_prepare(s, "SELECT o.data, o.name, p.page, p.starts FROM document_page p"
	    " JOIN packet_original o ON o.sha256=p.original_sha256 WHERE p.doc_id=?1", &st))
	    != STATUS_OK)
		return r;
	store_bind_str(st, 1, doc_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const void *b = sqlite3_column_blob(st, 0);
		size_t n = (size_t)sqlite3_column_bytes(st, 0);

		*data = xmalloc(n ? n : 1);
		if (n)
			memcpy(*data, b, n);
		*len = n;
		if (name)
			*name = store_col_str(st, 1);
		if (page)
			*page = page_of_line(sqlite3_column_int(st, 2),
			    (const char *)sqlite3_column_text(st, 3), line);
	} else if (rc == SQLITE_DONE) {
		r = store_fail(s, STATUS_NOT_FOUND,
		    _("document %s has no original file: it was imported from text, or came by "
		    "sync, not from a PDF"),
		    doc_id);
	} else {
		r = store_sqlite_fail(s, rc, "packet_original");
	}
	sqlite3_finalize(st);
	return r;
}
