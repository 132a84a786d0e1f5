/*
 * Writing content: a whole packet in one transaction (store_put_packet);
 * documents and single attachments in put_doc.c, the packet's content hash
 * and its checks in put_hash.c. Rows are upserted by
 * stable ids (INSERT ... ON CONFLICT DO UPDATE, never REPLACE, which would
 * delete and cascade), so attachments and the user's own tables survive a
 * corrected packet. A hash of the packet's content decides whether
 * anything changed; only then is the revision bumped and the search index
 * of the meeting rebuilt.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "put_internal.h"
#include "store_internal.h"
#include "text.h"
#include "xmalloc.h"

/* NFC copy of a string, NULL stays NULL. Caller frees. */
char *
store_nfc(const char *str)
{
	if (str == NULL)
		return NULL;
	return text_nfc(str, strlen(str), NULL);
}

char *
store_number_key(const char *number)
{
	struct buf b = { 0 };

	for (const char *p = number; *p; p++) {
		if (strncmp(p, "\xe2\x80\x93", 3) == 0 || strncmp(p, "\xe2\x80\x94", 3) == 0) {
			buf_addc(&b, '-');
			p += 2;
		} else if (*p == ' ' || *p == '/') {
			continue;
		} else {
			buf_addc(&b, *p);
		}
	}
	if (b.data == NULL)
		buf_adds(&b, "");
	return buf_detach(&b, NULL);
}

/* First search rowid of a new meeting: date-ordered blocks of 100000 rows. */
static enum status
new_fts_base(struct store *s, const char *date, long long *base)
{
	long long day = atoll(date) * 10000 + atoll(date + 5) * 100 + atoll(date + 8);
	sqlite3_stmt *st;
	enum status r;

	if ((r = store_prepare(s, "SELECT 1 FROM meeting WHERE fts_base=?", &st)) != STATUS_OK)
		return r;
	for (int slot = 0; slot < 100; slot++) {
		int rc;

		*base = (day * 100 + slot) * 100000;
		sqlite3_bind_int64(st, 1, *base);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc == SQLITE_DONE) {
			sqlite3_finalize(st);
			return STATUS_OK;
		}
		if (rc != SQLITE_ROW) {
			sqlite3_finalize(st);
			return store_sqlite_fail(s, rc, "meeting");
		}
	}
	sqlite3_finalize(st);
	return store_fail(s, STATUS_BAD_INPUT, _("too many meetings on %s"), date);
}

static enum status
put_meeting(struct store *s, const struct packet *p, const char *org_id, const char *mid,
    const char *hash, bool exists)
{
	sqlite3_stmt *st;
	enum status r;
	long long base = 0;
	char now[21];
	char *v;

	if ((r = store_prepare(s, "INSERT INTO organization(id, name) VALUES (?1, ?2) "
	    "ON CONFLICT(id) DO UPDATE SET name=excluded.name", &st)) != STATUS_OK)
		return r;
	store_bind_str(st, 1, org_id);
	v = store_nfc(p->body);
	store_bind_str(st, 2, v);
	free(v);
	r = store_step_done(s, st, "organization");
	sqlite3_finalize(st);
	if (r != STATUS_OK)
		return r;
	if (!exists && (r = new_fts_base(s, p->date, &base)) != STATUS_OK)
		return r;
	store_now(now);
	if ((r = store_prepare(s,
	    "INSERT INTO meeting(id, organization_id, date, time, time_end, place, presidium_date,"
	    " revision, content_sha256, source_name, source_sha256, imported_at, fts_base)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1, ?8, ?9, ?10, ?11, ?12)"
	    " ON CONFLICT(id) DO UPDATE SET organization_id=excluded.organization_id,"
	    " time=excluded.time, time_end=excluded.time_end, place=excluded.place,"
	    " presidium_date=excluded.presidium_date, revision=revision+1,"
	    " content_sha256=excluded.content_sha256, source_name=excluded.source_name,"
	    " source_sha256=excluded.source_sha256, imported_at=excluded.imported_at", &st)) != STATUS_OK)
		return r;
	store_bind_str(st, 1, mid);
	store_bind_str(st, 2, org_id);
	store_bind_str(st, 3, p->date);
	const char *const fields[] = { p->time, p->time_end, p->place, p->presidium_date };
	for (int i = 0; i < 4; i++) {
		v = store_nfc(fields[i]);
		store_bind_str(st, 4 + i, v);
		free(v);
	}
	store_bind_str(st, 8, hash);
	store_bind_str(st, 9, p->source_name);
	store_bind_str(st, 10, p->source_sha256);
	store_bind_str(st, 11, now);
	sqlite3_bind_int64(st, 12, base);
	r = store_step_done(s, st, "meeting");
	sqlite3_finalize(st);
	return r;
}

static enum status
put_people(struct store *s, const struct packet *p, const char *mid)
{
	sqlite3_stmt *per = NULL, *mp = NULL;
	enum status r;

	if ((r = store_exec1(s, "DELETE FROM meeting_person WHERE meeting_id=?", mid, NULL)) != STATUS_OK)
		return r;
	if ((r = store_prepare(s, "INSERT INTO person(id, name) VALUES (?1, ?2) "
	    "ON CONFLICT(id) DO UPDATE SET name=excluded.name WHERE name IS NOT excluded.name",
	    &per)) != STATUS_OK)
		return r;
	if ((r = store_prepare(s, "INSERT INTO meeting_person(meeting_id, ord, person_id, grp,"
	    " party, role, title) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", &mp)) != STATUS_OK)
		goto out;
	for (size_t i = 0; i < p->n_people && r == STATUS_OK; i++) {
		const struct person *pp = &p->people[i];
		char *name = store_nfc(pp->name);
		char *pid = text_slug(name, strlen(name));
		char *role = store_nfc(pp->role), *title = store_nfc(pp->title), *party = store_nfc(pp->party);

		store_bind_str(per, 1, pid);
		store_bind_str(per, 2, name);
		r = store_step_done(s, per, "person");
		store_bind_str(mp, 1, mid);
		sqlite3_bind_int64(mp, 2, (long long)i);
		store_bind_str(mp, 3, pid);
		sqlite3_bind_int(mp, 4, (int)pp->group);
		store_bind_str(mp, 5, party);
		store_bind_str(mp, 6, role);
		store_bind_str(mp, 7, title);
		if (r == STATUS_OK)
			r = store_step_done(s, mp, "meeting_person");
		free(name);
		free(pid);
		free(role);
		free(title);
		free(party);
	}
out:
	sqlite3_finalize(per);
	sqlite3_finalize(mp);
	return r;
}

/* Delete rows of a meeting whose id is not among keep[0..n). Ids are
 * collected first: deleting under a running SELECT of the same table is not safe. */
static enum status
delete_missing(struct store *s, const char *select_sql, const char *delete_sql,
    const char *mid, char **keep, size_t n)
{
	sqlite3_stmt *sel, *del;
	char **gone = NULL;
	size_t n_gone = 0;
	enum status r;
	int rc;

	if ((r = store_prepare(s, select_sql, &sel)) != STATUS_OK)
		return r;
	store_bind_str(sel, 1, mid);
	while ((rc = sqlite3_step(sel)) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(sel, 0);
		bool found = false;

		for (size_t i = 0; i < n && !found; i++)
			found = strcmp(keep[i], id) == 0;
		if (!found) {
			gone = xreallocarray(gone, n_gone + 1, sizeof *gone);
			gone[n_gone++] = xstrdup(id);
		}
	}
	sqlite3_finalize(sel);
	if (rc != SQLITE_DONE)
		r = store_sqlite_fail(s, rc, "delete");
	if (r == STATUS_OK && n_gone && (r = store_prepare(s, delete_sql, &del)) == STATUS_OK) {
		for (size_t i = 0; i < n_gone && r == STATUS_OK; i++) {
			store_bind_str(del, 1, gone[i]);
			r = store_step_done(s, del, "delete");
		}
		sqlite3_finalize(del);
	}
	for (size_t i = 0; i < n_gone; i++)
		free(gone[i]);
	free(gone);
	return r;
}

static enum status
put_item(struct store *s, const struct agenda_item *it, size_t ord, const char *item_id,
    const char *mid, sqlite3_stmt *ins, sqlite3_stmt *pres)
{
	enum status r;
	char *v;
	int col = 1;

	store_bind_str(ins, col++, item_id);
	store_bind_str(ins, col++, mid);
	v = store_nfc(it->number);
	store_bind_str(ins, col++, v);
	free(v);
	sqlite3_bind_int(ins, col++, it->first);
	sqlite3_bind_int(ins, col++, it->last);
	sqlite3_bind_int64(ins, col++, (long long)ord);
	const char *const text[] = { it->section, it->title, it->time_start, it->time_end,
		it->case_number, it->case_number_printed };
	for (size_t i = 0; i < sizeof text / sizeof text[0]; i++) {
		v = store_nfc(text[i]);
		store_bind_str(ins, col++, v);
		free(v);
	}
	if (it->presidium_paragraph > 0)
		sqlite3_bind_int(ins, col++, it->presidium_paragraph);
	else
		sqlite3_bind_null(ins, col++);
	v = store_nfc(it->presidium_decision);
	store_bind_str(ins, col++, v);
	free(v);
	sqlite3_bind_int(ins, col++, it->confidential ? 1 : 0);
	if ((r = store_step_done(s, ins, "agenda_item")) != STATUS_OK)
		return r;

	if ((r = store_exec1(s, "DELETE FROM presenter WHERE item_id=?", item_id, NULL)) != STATUS_OK)
		return r;
	for (size_t k = 0; k < it->n_presenters && r == STATUS_OK; k++) {
		char *a = store_nfc(it->presenters[k].name), *b = store_nfc(it->presenters[k].title);
		char *c = store_nfc(it->presenters[k].raw);

		store_bind_str(pres, 1, item_id);
		sqlite3_bind_int64(pres, 2, (long long)k);
		store_bind_str(pres, 3, a);
		store_bind_str(pres, 4, b);
		store_bind_str(pres, 5, c);
		r = store_step_done(s, pres, "presenter");
		free(a);
		free(b);
		free(c);
	}
	if (r != STATUS_OK)
		return r;

	if (it->n_proposal == 0)
		return store_exec1(s, "DELETE FROM proposal WHERE item_id=?", item_id, NULL);
	{
		struct buf b = { 0 };
		sqlite3_stmt *st;
		char *joined, *src;

		for (size_t k = 0; k < it->n_proposal; k++) {
			if (k)
				buf_addc(&b, '\n');
			buf_adds(&b, it->proposal[k] ? it->proposal[k] : "");
		}
		joined = buf_detach(&b, NULL);
		v = store_nfc(joined ? joined : "");
		free(joined);
		src = store_nfc(it->proposal_source);
		r = store_prepare(s, "INSERT INTO proposal(item_id, source, text) VALUES (?1, ?2, ?3)"
		    " ON CONFLICT(item_id) DO UPDATE SET source=excluded.source, text=excluded.text",
		    &st);
		if (r == STATUS_OK) {
			store_bind_str(st, 1, item_id);
			store_bind_str(st, 2, src);
			store_bind_str(st, 3, v);
			r = store_step_done(s, st, "proposal");
			sqlite3_finalize(st);
		}
		free(v);
		free(src);
	}
	return r;
}

/* The breaks in the timetable, replaced as a whole (they carry no user data). */
static enum status
put_breaks(struct store *s, const struct packet *p, const char *mid)
{
	sqlite3_stmt *ins;
	enum status r;

	if ((r = store_exec1(s, "DELETE FROM agenda_break WHERE meeting_id=?1", mid, NULL)) != STATUS_OK)
		return r;
	if (p->n_breaks == 0)
		return STATUS_OK;
	if ((r = store_prepare(s, "INSERT INTO agenda_break(meeting_id, ord, before_ord, label,"
	    " time_start, time_end) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", &ins)) != STATUS_OK)
		return r;
	for (size_t i = 0; i < p->n_breaks && r == STATUS_OK; i++) {
		const struct packet_break *b = &p->breaks[i];

		store_bind_str(ins, 1, mid);
		sqlite3_bind_int64(ins, 2, (sqlite3_int64)i);
		sqlite3_bind_int64(ins, 3, (sqlite3_int64)b->before);
		store_bind_str(ins, 4, b->label ? b->label : "");
		store_bind_str(ins, 5, b->time_start);
		store_bind_str(ins, 6, b->time_end);
		r = store_step_done(s, ins, "agenda_break");
	}
	sqlite3_finalize(ins);
	return r;
}

static enum status
put_content(struct store *s, const struct packet *p, const struct norm_doc *nd,
    const char *mid)
{
	char **item_ids = xcalloc(p->n_items + 1, sizeof *item_ids);
	char **doc_ids = xcalloc(p->n_docs + 1, sizeof *doc_ids);
	sqlite3_stmt *ins = NULL, *pres = NULL;
	enum status r;

	for (size_t i = 0; i < p->n_items; i++) {
		char *key = store_number_key(p->items[i].number);
		item_ids[i] = xasprintf("%s/%s", mid, key);
		free(key);
	}
	r = store_prepare(s,
	    "INSERT INTO agenda_item(id, meeting_id, number, first, last, ord, section, title,"
	    " time_start, time_end, case_number, case_number_printed, presidium_paragraph,"
	    " presidium_decision, confidential)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"
	    " ON CONFLICT(id) DO UPDATE SET number=excluded.number, first=excluded.first,"
	    " last=excluded.last, ord=excluded.ord, section=excluded.section,"
	    " title=excluded.title, time_start=excluded.time_start, time_end=excluded.time_end,"
	    " case_number=excluded.case_number, case_number_printed=excluded.case_number_printed,"
	    " presidium_paragraph=excluded.presidium_paragraph,"
	    " presidium_decision=excluded.presidium_decision, confidential=excluded.confidential",
	    &ins);
	if (r == STATUS_OK)
		r = store_prepare(s, "INSERT INTO presenter(item_id, ord, name, title, raw)"
		    " VALUES (?1, ?2, ?3, ?4, ?5)", &pres);
	/* Documents keep their ids by what they are (put_docid.c): decided before anything goes. */
	if (r == STATUS_OK)
		r = store_doc_ids(s, p, nd, mid, item_ids, doc_ids);
	/* Items that are gone first (their documents go with them), then the rest. */
	if (r == STATUS_OK)
		r = delete_missing(s, "SELECT id FROM agenda_item WHERE meeting_id=?",
		    "DELETE FROM agenda_item WHERE id=?", mid, item_ids, p->n_items);
	for (size_t i = 0; i < p->n_items && r == STATUS_OK; i++)
		r = put_item(s, &p->items[i], i, item_ids[i], mid, ins, pres);
	if (r == STATUS_OK)
		r = put_breaks(s, p, mid);
	if (r == STATUS_OK)
		r = delete_missing(s, "SELECT id FROM document WHERE meeting_id=? AND attached=0",
		    "DELETE FROM document WHERE id=?", mid, doc_ids, p->n_docs);
	if (r == STATUS_OK && p->original.data)
		r = store_put_original(s, &p->original);
	for (size_t i = 0; i < p->n_docs && r == STATUS_OK; i++) {
		const struct packet_doc *d = &p->docs[i];

		r = store_put_doc(s, doc_ids[i], mid, d->item >= 0 ? item_ids[d->item] : NULL, (int)i,
		    false, d, &nd[i]);
		/* From text: a page row of an earlier import from the PDF goes. */
		if (r == STATUS_OK)
			r = store_put_page(s, doc_ids[i], &p->original, d);
	}
	if (r == STATUS_OK)
		r = store_originals_gc(s);
	sqlite3_finalize(ins);
	sqlite3_finalize(pres);
	for (size_t i = 0; i < p->n_items; i++)
		free(item_ids[i]);
	for (size_t i = 0; i < p->n_docs; i++)
		free(doc_ids[i]);
	free(item_ids);
	free(doc_ids);
	return r;
}

/* The meeting's item and document counts, kept for the meetings list. */
enum status
store_update_counts(struct store *s, const char *mid)
{
	return store_exec1(s, "UPDATE meeting SET"
	    " item_count=(SELECT count(*) FROM agenda_item WHERE meeting_id=?1),"
	    " doc_count=(SELECT count(*) FROM document WHERE meeting_id=?1),"
	    " doc_items=(SELECT count(DISTINCT item_id) FROM document WHERE meeting_id=?1)"
	    " WHERE id=?1",
	    mid, NULL);
}

/* Stored hash of a meeting, or NULL when it is new. Caller frees. */
static enum status
stored_hash(struct store *s, const char *mid, char **hash)
{
	sqlite3_stmt *st;
	enum status r;
	int rc;

	*hash = NULL;
	if ((r = store_prepare(s, "SELECT content_sha256 FROM meeting WHERE id=?", &st)) != STATUS_OK)
		return r;
	store_bind_str(st, 1, mid);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*hash = store_col_str(st, 0);
	else if (rc != SQLITE_DONE)
		r = store_sqlite_fail(s, rc, "meeting");
	sqlite3_finalize(st);
	return r;
}

/*
 * A packet's transaction writes about 4 MB of pages per MB of text (the
 * FTS5 index and its merges). With the default 2 MB page cache, dirty
 * pages spill to the WAL in mid-transaction and are written again when
 * touched later: 16 MB for the put (a 40-packet import 4-5 % faster),
 * back to what it was afterwards so that a browsing process stays small.
 */
enum { PUT_CACHE_KIB = 16384 };

struct store_prep *
store_packet_prepare(const struct packet *p)
{
	struct store_prep *prep = xcalloc(1, sizeof *prep);

	prep->n_docs = p->n_docs;
	prep->nd = xcalloc(p->n_docs + 1, sizeof *prep->nd);
	for (size_t i = 0; i < p->n_docs; i++)
		store_doc_norm(&p->docs[i], &prep->nd[i]);
	return prep;
}

void
store_prep_free(struct store_prep **prep)
{
	if (*prep == NULL)
		return;
	for (size_t i = 0; i < (*prep)->n_docs; i++)
		store_norm_doc_free(&(*prep)->nd[i]);
	free((*prep)->nd);
	free(*prep);
	*prep = NULL;
}

enum status
store_put_packet(struct store *s, const struct packet *p, char **meeting_id, bool *changed)
{
	struct store_prep *prep = store_packet_prepare(p);
	enum status r = store_put_prepared(s, p, prep, meeting_id, changed);

	store_prep_free(&prep);
	return r;
}

enum status
store_put_prepared(struct store *s, const struct packet *p, const struct store_prep *prep,
    char **meeting_id, bool *changed)
{
	char hash[65], *old = NULL, *org_id = NULL, *mid = NULL, *body = NULL;
	const struct norm_doc *nd = prep->nd;
	long long cache = 0;
	enum status r;

	if (meeting_id)
		*meeting_id = NULL;
	if (changed)
		*changed = false;
	store_clear_error(s);
	if ((r = store_packet_validate(s, p)) != STATUS_OK)
		return r;
	if (prep->n_docs != p->n_docs)
		return store_fail(s, STATUS_INTERNAL, "store_put_prepared: prepared for another packet");
	body = store_nfc(p->body);
	org_id = text_slug(body, strlen(body));
	mid = xasprintf("%s-%s", org_id, p->date);
	store_packet_hash(p, nd, hash);

	if ((r = store_begin(s)) != STATUS_OK)
		goto out;
	cache = store_cache_grow(s, PUT_CACHE_KIB);
	r = stored_hash(s, mid, &old);
	if (r == STATUS_OK && old && strcmp(old, hash) == 0) {
		/* The same packet again: nothing to write. */
		r = store_commit(s);
		goto out;
	}
	if (r == STATUS_OK)
		r = store_search_prepare_write(s);
	if (r == STATUS_OK && old)
		r = store_search_unindex_meeting(s, mid);
	if (r == STATUS_OK)
		r = put_meeting(s, p, org_id, mid, hash, old != NULL);
	if (r == STATUS_OK)
		r = put_people(s, p, mid);
	if (r == STATUS_OK)
		r = put_content(s, p, nd, mid);
	if (r == STATUS_OK)
		r = store_search_reindex_packet(s, mid, nd, prep->n_docs);
	if (r == STATUS_OK)
		r = store_update_counts(s, mid);
	if (r == STATUS_OK)
		r = store_exec1(s, "DELETE FROM person WHERE NOT EXISTS "
		    "(SELECT 1 FROM meeting_person WHERE person_id=person.id)", NULL, NULL);
	if (r == STATUS_OK)
		r = store_commit(s);
	else
		store_rollback(s);
	if (r == STATUS_OK && changed)
		*changed = true;
out:
	store_cache_restore(s, cache);
	if (r == STATUS_OK && meeting_id)
		*meeting_id = xstrdup(mid);
	free(old);
	free(body);
	free(org_id);
	free(mid);
	return r;
}
