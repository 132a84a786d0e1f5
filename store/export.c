/*
 * What sync needs from the store beyond put and query: a meeting read
 * back whole as a struct packet (the secretary's publish writes it as a
 * bundle), a meeting removed with its index rows (withdrawn from a
 * publication), a batch that makes a whole sync one transaction, and the
 * presidium's public keys that a publication lists.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "store_internal.h"
#include "xmalloc.h"

enum status
store_meeting_packet(struct store *s, const char *meeting_id, struct packet *p)
{
	struct store_break *br = NULL;
	size_t n_br = 0;
	sqlite3_stmt *st;
	enum status r;
	int rc;

	memset(p, 0, sizeof *p);
	if ((r = store_prepare(s, "SELECT o.name, m.date, m.time, m.time_end, m.place,"
	    " m.presidium_date, m.source_name, m.source_sha256 FROM meeting m"
	    " JOIN organization o ON o.id=m.organization_id WHERE m.id=?", &st)) != STATUS_OK)
		return r;
	sqlite3_bind_text(st, 1, meeting_id, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(st);
		return rc == SQLITE_DONE ? STATUS_NOT_FOUND : store_sqlite_fail(s, rc, "meeting");
	}
	p->body = store_col_str(st, 0);
	p->date = store_col_str(st, 1);
	p->time = store_col_str(st, 2);
	p->time_end = store_col_str(st, 3);
	p->place = store_col_str(st, 4);
	p->presidium_date = store_col_str(st, 5);
	p->source_name = store_col_str(st, 6);
	p->source_sha256 = store_col_str(st, 7);
	sqlite3_finalize(st);

	if ((r = store_meeting_people(s, meeting_id, &p->people, &p->n_people)) != STATUS_OK ||
	    (r = store_agenda(s, meeting_id, &p->items, &p->n_items)) != STATUS_OK ||
	    (r = store_agenda_breaks(s, meeting_id, &br, &n_br)) != STATUS_OK)
		goto fail;
	p->breaks = xcalloc(n_br ? n_br : 1, sizeof *p->breaks);
	for (size_t i = 0; i < n_br; i++) {
		p->breaks[i].before = (size_t)br[i].before_ord;
		p->breaks[i].label = br[i].label;
		p->breaks[i].time_start = br[i].time_start;
		p->breaks[i].time_end = br[i].time_end;
		br[i].label = br[i].time_start = br[i].time_end = NULL;
	}
	p->n_breaks = n_br;
	store_breaks_free(br, n_br);

	/* The packet's own documents; attachments (attached=1) are left out. */
	if ((r = store_prepare(s, "SELECT item_id, kind, title, date, case_number, text"
	    " FROM document WHERE meeting_id=? AND attached=0 ORDER BY ord", &st)) != STATUS_OK)
		goto fail;
	sqlite3_bind_text(st, 1, meeting_id, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct packet_doc *d;
		const char *item = (const char *)sqlite3_column_text(st, 0);

		p->docs = xreallocarray(p->docs, p->n_docs + 1, sizeof *p->docs);
		d = &p->docs[p->n_docs++];
		memset(d, 0, sizeof *d);
		d->item = -1;
		for (size_t i = 0; item && i < p->n_items; i++)
			if (strcmp(p->items[i].id, item) == 0)
				d->item = (int)i;
		d->kind = store_col_str(st, 1);
		d->title = store_col_str(st, 2);
		d->date = store_col_str(st, 3);
		d->case_number = store_col_str(st, 4);
		/* Stored packed when long (doctext.c). */
		if ((r = store_col_doctext(s, st, 5, &d->text, &d->text_len)) != STATUS_OK) {
			sqlite3_finalize(st);
			goto fail;
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		r = store_sqlite_fail(s, rc, "document");
		goto fail;
	}
	return STATUS_OK;
fail:
	packet_free(p);
	return r;
}

enum status
store_meeting_delete(struct store *s, const char *meeting_id)
{
	enum status r;

	if ((r = store_begin(s)) != STATUS_OK)
		return r;
	if ((r = store_search_unindex_meeting(s, meeting_id)) != STATUS_OK ||
	    (r = store_exec1(s, "DELETE FROM meeting WHERE id=?", meeting_id, NULL)) != STATUS_OK) {
		store_rollback(s);
		return r;
	}
	return store_commit(s);
}

enum status
store_batch_begin(struct store *s)
{
	enum status r = store_exec(s, "BEGIN IMMEDIATE");

	if (r == STATUS_OK)
		s->outer = true;
	return r;
}

enum status
store_batch_commit(struct store *s)
{
	enum status r;

	s->outer = false;
	r = store_exec(s, "COMMIT");
	if (r != STATUS_OK)
		store_rollback(s);
	return r;
}

void
store_batch_rollback(struct store *s)
{
	s->outer = false;
	store_rollback(s);
}

/* ---- the presidium's public keys ---- */

enum status
store_key_add(struct store *s, const char *person, const char *key)
{
	char now[21];
	sqlite3_stmt *st;
	enum status r;

	store_now(now);
	if ((r = store_prepare(s, "INSERT INTO publish_key(person, key, added) VALUES (?, ?, ?)"
	    " ON CONFLICT(person) DO UPDATE SET key=excluded.key, added=excluded.added",
	    &st)) != STATUS_OK)
		return r;
	sqlite3_bind_text(st, 1, person, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, now, -1, SQLITE_STATIC);
	r = store_step_done(s, st, "publish_key");
	sqlite3_finalize(st);
	return r;
}

void
store_keys_free(struct store_key *list, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(list[i].person);
		free(list[i].key);
		free(list[i].added);
	}
	free(list);
}

static void
read_key(sqlite3_stmt *st, void *v)
{
	struct store_key *k = v;

	k->person = store_col_str(st, 0);
	k->key = store_col_str(st, 1);
	k->added = store_col_str(st, 2);
}

enum status
store_keys(struct store *s, struct store_key **list, size_t *n)
{
	sqlite3_stmt *st;
	enum status r;

	*list = NULL;
	*n = 0;
	if ((r = store_prepare(s, "SELECT person, key, added FROM publish_key ORDER BY person",
	    &st)) != STATUS_OK)
		return r;
	return store_read_rows(s, st, (void **)list, n, sizeof **list, read_key, "publish_key");
}
