/*
 * Documents: the rows a packet's put writes for each of its documents
 * (store_put_doc, called by put.c), and a single file attached to an agenda
 * item afterwards (store_attach_document), in a transaction of its own
 * with its search rows.
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

/* Insert or update one document row and its original. text is NFC already;
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
	if (r != STATUS_OK)
		return r;
	if (d->original == NULL)
		return store_exec1(s, "DELETE FROM document_original WHERE doc_id=?", doc_id, NULL);
	if ((r = store_prepare(s, "INSERT INTO document_original(doc_id, name, data)"
	    " VALUES (?1, ?2, ?3) ON CONFLICT(doc_id) DO UPDATE SET name=excluded.name,"
	    " data=excluded.data", &st)) != STATUS_OK)
		return r;
	store_bind_str(st, 1, doc_id);
	store_bind_str(st, 2, d->original_name);
	sqlite3_bind_blob64(st, 3, d->original, d->original_len, SQLITE_STATIC);
	r = store_step_done(s, st, "document_original");
	sqlite3_finalize(st);
	return r;
}

void
store_doc_norm(const struct packet_doc *d, struct norm_doc *nd)
{
	memset(nd, 0, sizeof *nd);
	nd->text = text_nfc(d->text ? d->text : "", d->text ? d->text_len : 0, &nd->len);
	store_sha256_bytes_hex(nd->text, nd->len, nd->sha);
	nd->chars = (long long)store_utf8_chars(nd->text, nd->len);
	nd->lines = (long long)store_count_lines(nd->text, nd->len);
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
