/*
 * Documents: the rows a packet's put writes for each of its documents
 * (store_put_doc, called by put.c), the original PDF and the page each
 * document starts on, and a single file attached to an agenda item
 * afterwards (store_attach_document), in a transaction of its own with
 * its search rows.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "put_internal.h"
#include "sha256.h"
#include "store_internal.h"
#include "text.h"
#include "xmalloc.h"

/* Insert or update one document row. Its text is NFC already, and
 * stored packed when long (doctext.c). */
enum status
store_put_doc(struct store *s, const char *doc_id, const char *mid, const char *item_id, int ord,
    bool attached, const struct packet_doc *d, const struct norm_doc *nd)
{
	sqlite3_stmt *st;
	enum status r;
	char *v;

	if ((r = store_prepare(s,
	    "INSERT INTO document(id, meeting_id, item_id, ord, attached, kind, title, date,"
	    " case_number, chars, bytes, lines, sha256, text)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"
	    " ON CONFLICT(id) DO UPDATE SET item_id=excluded.item_id, ord=excluded.ord,"
	    " attached=excluded.attached, kind=excluded.kind, title=excluded.title,"
	    " date=excluded.date, case_number=excluded.case_number, chars=excluded.chars,"
	    " bytes=excluded.bytes, lines=excluded.lines, sha256=excluded.sha256,"
	    " text=excluded.text", &st)) != STATUS_OK)
		return r;
	store_bind_str(st, 1, doc_id);
	store_bind_str(st, 2, mid);
	store_bind_str(st, 3, item_id);
	sqlite3_bind_int(st, 4, ord);
	sqlite3_bind_int(st, 5, attached ? 1 : 0);
	const char *const meta[] = { d->kind, d->title, d->date, d->case_number };
	for (int i = 0; i < 4; i++) {
		v = store_nfc(meta[i]);
		store_bind_str(st, 6 + i, v);
		free(v);
	}
	sqlite3_bind_int64(st, 10, nd->chars);
	sqlite3_bind_int64(st, 11, (long long)nd->len);
	sqlite3_bind_int64(st, 12, nd->lines);
	store_bind_str(st, 13, nd->sha);
	if (nd->packed)
		sqlite3_bind_blob64(st, 14, nd->packed, nd->packed_len, SQLITE_STATIC);
	else
		sqlite3_bind_text64(st, 14, nd->text ? nd->text : "", nd->len, SQLITE_STATIC,
		    SQLITE_UTF8);
	r = store_step_done(s, st, "document");
	sqlite3_finalize(st);
	return r;
}

/* ---- originals: the PDF kept once by its sha256, the page each document starts on ---- */

enum status
store_put_original(struct store *s, const struct packet_original *o)
{
	sqlite3_stmt *st;
	enum status r;
	char sha[65];

	/* What is written is what was converted: the hash taken when it was
	 * read must still be the hash of these bytes. */
	store_sha256_bytes_hex(o->data, o->len, sha);
	if (strcmp(sha, o->sha256) != 0)
		return store_fail(s, STATUS_INTERNAL, _("the original %s is not the file that was "
		    "read (its sha256 differs); nothing was written"), o->name ? o->name : "");
	/* The same PDF again (another meeting's re-import, the same file attached twice) is kept once. */
	if ((r = store_prepare(s, "INSERT INTO packet_original(sha256, name, size, data)"
	    " VALUES (?1, ?2, ?3, ?4) ON CONFLICT(sha256) DO NOTHING", &st)) != STATUS_OK)
		return r;
	store_bind_str(st, 1, sha);
	store_bind_str(st, 2, o->name);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)o->len);
	sqlite3_bind_blob64(st, 4, o->data, o->len, SQLITE_STATIC);
	r = store_step_done(s, st, "packet_original");
	sqlite3_finalize(st);
	return r;
}

/* "LINE:PAGE LINE:PAGE ..." of the page starts, or NULL for none. Caller frees. */
static char *
page_starts_text(const struct packet_doc *d)
{
	struct buf b = { 0 };

	if (d->n_page_starts == 0)
		return NULL;
	for (size_t k = 0; k < d->n_page_starts; k++)
		buf_printf(&b, "%s%zu:%d", k ? " " : "", d->page_starts[k].line,
		    d->page_starts[k].page);
	return buf_detach(&b, NULL);
}

enum status
store_put_page(struct store *s, const char *doc_id, const struct packet_original *o,
    const struct packet_doc *d)
{
	sqlite3_stmt *st;
	enum status r;
	char *starts;

	if (o == NULL || o->data == NULL)
		return store_exec1(s, "DELETE FROM document_page WHERE doc_id=?", doc_id, NULL);
	if ((r = store_prepare(s, "INSERT INTO document_page(doc_id, original_sha256, page, starts)"
	    " VALUES (?1, ?2, ?3, ?4) ON CONFLICT(doc_id) DO UPDATE SET"
	    " original_sha256=excluded.original_sha256, page=excluded.page,"
	    " starts=excluded.starts", &st)) != STATUS_OK)
		return r;
	store_bind_str(st, 1, doc_id);
	store_bind_str(st, 2, o->sha256);
	/* pdftotext without form feeds (one page, or an odd producer): the first page. */
	sqlite3_bind_int(st, 3, d->page > 0 ? d->page : 1);
	starts = page_starts_text(d);
	store_bind_str(st, 4, starts);
	r = store_step_done(s, st, "document_page");
	sqlite3_finalize(st);
	free(starts);
	return r;
}

enum status
store_originals_gc(struct store *s)
{
	/* Few rows, each found by the index on document_page: the blobs are never read. */
	return store_exec1(s, "DELETE FROM packet_original WHERE NOT EXISTS (SELECT 1 FROM"
	    " document_page p WHERE p.original_sha256=packet_original.sha256)", NULL, NULL);
}

void
store_doc_norm(const struct packet_doc *d, struct norm_doc *nd)
{
	memset(nd, 0, sizeof *nd);
	nd->text = text_nfc(d->text ? d->text : "", d->text ? d->text_len : 0, &nd->len);
	store_sha256_bytes_hex(nd->text, nd->len, nd->sha);
	nd->chars = (long long)store_utf8_chars(nd->text, nd->len);
	nd->lines = (long long)store_count_lines(nd->text, nd->len);
	nd->indexed = text_squeeze_space(nd->text, nd->len, &nd->indexed_len);
	if (store_text_pack(nd->text, nd->len, &nd->packed, &nd->packed_len)) {
		/* Held until the put: the row needs only the packed form. */
		free(nd->text);
		nd->text = NULL;
	}
}

void
store_norm_doc_free(struct norm_doc *nd)
{
	free(nd->text);
	free(nd->packed);
	free(nd->indexed);
	memset(nd, 0, sizeof *nd);
}

enum status
store_attach_document(struct store *s, const char *meeting_id, const char *number,
    const struct packet_doc *d, char **doc_id)
{
	struct agenda_item it = { 0 };
	struct norm_doc nd = { 0 };
	char *id = NULL, *existing_item = NULL;
	sqlite3_stmt *st;
	enum status r;
	int rc, ord = 0;
	bool exists = false;

	if (doc_id)
		*doc_id = NULL;
	store_clear_error(s);
	if ((r = store_item_find(s, meeting_id, number, &it)) != STATUS_OK) {
		if (r == STATUS_NOT_FOUND)
			store_fail(s, r, _("meeting %s has no agenda item %s"), meeting_id, number);
		return r;
	}
	store_doc_norm(d, &nd);
	id = xasprintf("%s/a%.12s", it.meeting_id, nd.sha);
	if ((r = store_begin(s)) != STATUS_OK)
		goto out;
	r = store_prepare(s, "SELECT item_id, (SELECT coalesce(max(ord), -1) + 1 FROM document"
	    " WHERE meeting_id=?2) FROM document WHERE id=?1 UNION ALL SELECT NULL,"
	    " (SELECT coalesce(max(ord), -1) + 1 FROM document WHERE meeting_id=?2)", &st);
	if (r == STATUS_OK) {
		store_bind_str(st, 1, id);
		store_bind_str(st, 2, it.meeting_id);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			existing_item = store_col_str(st, 0);
			ord = sqlite3_column_int(st, 1);
			exists = existing_item != NULL;
		} else {
			r = store_sqlite_fail(s, rc, "document");
		}
		sqlite3_finalize(st);
	}
	if (r == STATUS_OK && exists && strcmp(existing_item, it.id) != 0) {
		/* The same file on another item: its own id there. */
		char *key = store_number_key(it.number);
		char *alt = xasprintf("%s-%s", id, key);
		free(key);
		free(id);
		id = alt;
		exists = false;
		r = store_prepare(s, "SELECT 1 FROM document WHERE id=?", &st);
		if (r == STATUS_OK) {
			store_bind_str(st, 1, id);
			exists = sqlite3_step(st) == SQLITE_ROW;
			sqlite3_finalize(st);
		}
	}
	if (r == STATUS_OK && !exists) {
		r = store_put_doc(s, id, it.meeting_id, it.id, ord, true, d, &nd);
		if (r == STATUS_OK && d->original.data)
			r = store_put_original(s, &d->original);
		if (r == STATUS_OK && d->original.data)
			r = store_put_page(s, id, &d->original, d);
		if (r == STATUS_OK)
			r = store_search_prepare_write(s);
		if (r == STATUS_OK)
			r = store_search_index_doc(s, it.meeting_id, id);
		if (r == STATUS_OK)
			r = store_exec1(s, "UPDATE meeting SET revision=revision+1 WHERE id=?",
			    it.meeting_id, NULL);
		if (r == STATUS_OK)
			r = store_update_counts(s, it.meeting_id);
	}
	if (r == STATUS_OK)
		r = store_commit(s);
	else
		store_rollback(s);
out:
	if (r == STATUS_OK && doc_id)
		*doc_id = xstrdup(id);
	free(existing_item);
	store_norm_doc_free(&nd);
	free(id);
	agenda_item_free(&it);
	return r;
}
