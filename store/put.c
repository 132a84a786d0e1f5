/*
 * Writing content: a whole packet in one transaction (store_put_packet)
 * and single attachments (store_attach_document). Rows are upserted by
 * stable ids (INSERT ... ON CONFLICT DO UPDATE, never REPLACE, which would
 * delete and cascade), so attachments and the user's own tables survive a
 * corrected packet. A hash of the packet's content decides whether
 * anything changed; only then is the revision bumped and the search index
 * of the meeting rebuilt.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "store_internal.h"
#include "text.h"
#include "xmalloc.h"

/* NFC copy of a string, NULL stays NULL. Caller frees. */
static char *
nfc(const char *str)
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

/* ---- the content hash: every field, length-prefixed, NULL apart from "" ---- */

static void
hash_str(struct store_sha256 *h, const char *str)
{
	uint32_t n = str ? (uint32_t)strlen(str) : UINT32_MAX;

	store_sha256_add(h, &n, sizeof n);
	if (str)
		store_sha256_add(h, str, n);
}

static void
hash_int(struct store_sha256 *h, long long v)
{
	store_sha256_add(h, &v, sizeof v);
}

/* A packet document's text in NFC and its sha256, made once per put: the
 * content hash and the document row both use them. */
struct norm_doc {
	char *text;		/* NFC, owned */
	size_t len;
	char sha[65];
};

static void
packet_hash(const struct packet *p, const struct norm_doc *nd, char hex[65])
{
	struct store_sha256 h;

	store_sha256_init(&h);
	hash_str(&h, "kallelse packet v1");
	hash_str(&h, p->body);
	hash_str(&h, p->date);
	hash_str(&h, p->time);
	hash_str(&h, p->time_end);
	hash_str(&h, p->place);
	hash_str(&h, p->presidium_date);
	hash_int(&h, (long long)p->n_people);
	for (size_t i = 0; i < p->n_people; i++) {
		hash_int(&h, p->people[i].group);
		hash_str(&h, p->people[i].name);
		hash_str(&h, p->people[i].party);
		hash_str(&h, p->people[i].role);
		hash_str(&h, p->people[i].title);
	}
	hash_int(&h, (long long)p->n_items);
	for (size_t i = 0; i < p->n_items; i++) {
		const struct packet_item *it = &p->items[i];

		hash_str(&h, it->number);
		hash_int(&h, it->first);
		hash_int(&h, it->last);
		hash_str(&h, it->title);
		hash_str(&h, it->section);
		hash_str(&h, it->time_start);
		hash_str(&h, it->time_end);
		hash_int(&h, (long long)it->n_presenters);
		for (size_t k = 0; k < it->n_presenters; k++) {
			hash_str(&h, it->presenters[k].name);
			hash_str(&h, it->presenters[k].title);
			hash_str(&h, it->presenters[k].raw);
		}
		hash_str(&h, it->case_number);
		hash_str(&h, it->case_number_printed);
		hash_int(&h, it->presidium_paragraph);
		hash_str(&h, it->presidium_decision);
		hash_int(&h, (long long)it->n_proposal);
		for (size_t k = 0; k < it->n_proposal; k++)
			hash_str(&h, it->proposal[k]);
		hash_str(&h, it->proposal_source);
		hash_int(&h, it->confidential);
	}
	hash_int(&h, (long long)p->n_docs);
	for (size_t i = 0; i < p->n_docs; i++) {
		const struct packet_doc *d = &p->docs[i];
		char sub[65];

		hash_int(&h, d->item);
		hash_str(&h, d->kind);
		hash_str(&h, d->title);
		hash_str(&h, d->date);
		hash_str(&h, d->case_number);
		/* The importer's text is NFC already, so this equals the hash of
		 * d->text that earlier versions stored: unchanged packets stay unchanged. */
		hash_str(&h, nd[i].sha);
		if (d->original) {
			store_sha256_bytes_hex(d->original, d->original_len, sub);
			hash_str(&h, sub);
		} else {
			hash_str(&h, NULL);
		}
		hash_str(&h, d->original_name);
	}
	store_sha256_hex(&h, hex);
}

static bool
valid_date(const char *d)
{
	if (d == NULL || strlen(d) != 10 || d[4] != '-' || d[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (d[i] < '0' || d[i] > '9'))
			return false;
	return true;
}

static enum status
validate(struct store *s, const struct packet *p)
{
	if (p->body == NULL || *p->body == '\0')
		return store_fail(s, STATUS_BAD_INPUT, _("the packet names no body (nämnd)"));
	if (!valid_date(p->date))
		return store_fail(s, STATUS_BAD_INPUT, _("the packet's date '%s' is not YYYY-MM-DD"),
		    p->date ? p->date : "");
	for (size_t i = 0; i < p->n_items; i++) {
		if (p->items[i].number == NULL || *p->items[i].number == '\0' ||
		    p->items[i].title == NULL)
			return store_fail(s, STATUS_BAD_INPUT,
			    _("agenda item %zu has no number or no title"), i + 1);
		for (size_t k = 0; k < i; k++)
			if (strcmp(p->items[k].number, p->items[i].number) == 0)
				return store_fail(s, STATUS_BAD_INPUT,
				    _("agenda item %s appears twice"), p->items[i].number);
	}
	for (size_t i = 0; i < p->n_docs; i++)
		if (p->docs[i].item < -1 || p->docs[i].item >= (int)p->n_items)
			return store_fail(s, STATUS_BAD_INPUT,
			    _("document %zu belongs to an agenda item that does not exist"), i + 1);
	for (size_t i = 0; i < p->n_people; i++)
		if (p->people[i].name == NULL || *p->people[i].name == '\0')
			return store_fail(s, STATUS_BAD_INPUT, _("person %zu has no name"), i + 1);
	return STATUS_OK;
}

/* Run a prepared statement to completion; resets it for reuse. */
static enum status
step_done(struct store *s, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return store_sqlite_fail(s, rc, what);
	return STATUS_OK;
}

static enum status
exec1(struct store *s, const char *sql, const char *a, const char *b)
{
	sqlite3_stmt *st;
	enum status r;

	if ((r = store_prepare(s, sql, &st)) != STATUS_OK)
		return r;
	store_bind_str(st, 1, a);
	if (b)
		store_bind_str(st, 2, b);
	r = step_done(s, st, sql);
	sqlite3_finalize(st);
	return r;
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
	v = nfc(p->body);
	store_bind_str(st, 2, v);
	free(v);
	r = step_done(s, st, "organization");
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
		v = nfc(fields[i]);
		store_bind_str(st, 4 + i, v);
		free(v);
	}
	store_bind_str(st, 8, hash);
	store_bind_str(st, 9, p->source_name);
	store_bind_str(st, 10, p->source_sha256);
	store_bind_str(st, 11, now);
	sqlite3_bind_int64(st, 12, base);
	r = step_done(s, st, "meeting");
	sqlite3_finalize(st);
	return r;
}

static enum status
put_people(struct store *s, const struct packet *p, const char *mid)
{
	sqlite3_stmt *per = NULL, *mp = NULL;
	enum status r;

	if ((r = exec1(s, "DELETE FROM meeting_person WHERE meeting_id=?", mid, NULL)) != STATUS_OK)
		return r;
	if ((r = store_prepare(s, "INSERT INTO person(id, name) VALUES (?1, ?2) "
	    "ON CONFLICT(id) DO UPDATE SET name=excluded.name WHERE name IS NOT excluded.name",
	    &per)) != STATUS_OK)
		return r;
	if ((r = store_prepare(s, "INSERT INTO meeting_person(meeting_id, ord, person_id, grp,"
	    " party, role, title) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", &mp)) != STATUS_OK)
		goto out;
	for (size_t i = 0; i < p->n_people && r == STATUS_OK; i++) {
		const struct packet_person *pp = &p->people[i];
		char *name = nfc(pp->name);
		char *pid = text_slug(name, strlen(name));
		char *role = nfc(pp->role), *title = nfc(pp->title), *party = nfc(pp->party);

		store_bind_str(per, 1, pid);
		store_bind_str(per, 2, name);
		r = step_done(s, per, "person");
		store_bind_str(mp, 1, mid);
		sqlite3_bind_int64(mp, 2, (long long)i);
		store_bind_str(mp, 3, pid);
		sqlite3_bind_int(mp, 4, (int)pp->group);
		store_bind_str(mp, 5, party);
		store_bind_str(mp, 6, role);
		store_bind_str(mp, 7, title);
		if (r == STATUS_OK)
			r = step_done(s, mp, "meeting_person");
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
			r = step_done(s, del, "delete");
		}
		sqlite3_finalize(del);
	}
	for (size_t i = 0; i < n_gone; i++)
		free(gone[i]);
	free(gone);
	return r;
}

static enum status
put_item(struct store *s, const struct packet_item *it, size_t ord, const char *item_id,
    const char *mid, sqlite3_stmt *ins, sqlite3_stmt *pres)
{
	enum status r;
	char *v;
	int col = 1;

	store_bind_str(ins, col++, item_id);
	store_bind_str(ins, col++, mid);
	v = nfc(it->number);
	store_bind_str(ins, col++, v);
	free(v);
	sqlite3_bind_int(ins, col++, it->first);
	sqlite3_bind_int(ins, col++, it->last);
	sqlite3_bind_int64(ins, col++, (long long)ord);
	const char *const text[] = { it->section, it->title, it->time_start, it->time_end,
		it->case_number, it->case_number_printed };
	for (size_t i = 0; i < sizeof text / sizeof text[0]; i++) {
		v = nfc(text[i]);
		store_bind_str(ins, col++, v);
		free(v);
	}
	if (it->presidium_paragraph > 0)
		sqlite3_bind_int(ins, col++, it->presidium_paragraph);
	else
		sqlite3_bind_null(ins, col++);
	v = nfc(it->presidium_decision);
	store_bind_str(ins, col++, v);
	free(v);
	sqlite3_bind_int(ins, col++, it->confidential ? 1 : 0);
	if ((r = step_done(s, ins, "agenda_item")) != STATUS_OK)
		return r;

	if ((r = exec1(s, "DELETE FROM presenter WHERE item_id=?", item_id, NULL)) != STATUS_OK)
		return r;
	for (size_t k = 0; k < it->n_presenters && r == STATUS_OK; k++) {
		char *a = nfc(it->presenters[k].name), *b = nfc(it->presenters[k].title);
		char *c = nfc(it->presenters[k].raw);

		store_bind_str(pres, 1, item_id);
		sqlite3_bind_int64(pres, 2, (long long)k);
		store_bind_str(pres, 3, a);
		store_bind_str(pres, 4, b);
		store_bind_str(pres, 5, c);
		r = step_done(s, pres, "presenter");
		free(a);
		free(b);
		free(c);
	}
	if (r != STATUS_OK)
		return r;

	if (it->n_proposal == 0)
		return exec1(s, "DELETE FROM proposal WHERE item_id=?", item_id, NULL);
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
		v = nfc(joined ? joined : "");
		free(joined);
		src = nfc(it->proposal_source);
		r = store_prepare(s, "INSERT INTO proposal(item_id, source, text) VALUES (?1, ?2, ?3)"
		    " ON CONFLICT(item_id) DO UPDATE SET source=excluded.source, text=excluded.text",
		    &st);
		if (r == STATUS_OK) {
			store_bind_str(st, 1, item_id);
			store_bind_str(st, 2, src);
			store_bind_str(st, 3, v);
			r = step_done(s, st, "proposal");
			sqlite3_finalize(st);
		}
		free(v);
		free(src);
	}
	return r;
}

/* Insert or update one document row and its original. text is NFC already. */
static enum status
put_doc(struct store *s, const char *doc_id, const char *mid, const char *item_id, int ord,
    bool attached, const struct packet_doc *d, const char *text, size_t len, const char *sha)
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
		v = nfc(meta[i]);
		store_bind_str(st, 6 + i, v);
		free(v);
	}
	sqlite3_bind_int64(st, 10, (long long)store_utf8_chars(text, len));
	sqlite3_bind_int64(st, 11, (long long)len);
	sqlite3_bind_int64(st, 12, (long long)store_count_lines(text, len));
	store_bind_str(st, 13, sha);
	sqlite3_bind_text(st, 14, text, (int)len, SQLITE_STATIC);
	r = step_done(s, st, "document");
	sqlite3_finalize(st);
	if (r != STATUS_OK)
		return r;
	if (d->original == NULL)
		return exec1(s, "DELETE FROM document_original WHERE doc_id=?", doc_id, NULL);
	if ((r = store_prepare(s, "INSERT INTO document_original(doc_id, name, data)"
	    " VALUES (?1, ?2, ?3) ON CONFLICT(doc_id) DO UPDATE SET name=excluded.name,"
	    " data=excluded.data", &st)) != STATUS_OK)
		return r;
	store_bind_str(st, 1, doc_id);
	store_bind_str(st, 2, d->original_name);
	sqlite3_bind_blob64(st, 3, d->original, d->original_len, SQLITE_STATIC);
	r = step_done(s, st, "document_original");
	sqlite3_finalize(st);
	return r;
}

/* NFC text of a packet document and its sha256. *text: caller frees. */
static void
doc_text(const struct packet_doc *d, char **text, size_t *len, char sha[65])
{
	*text = text_nfc(d->text ? d->text : "", d->text ? d->text_len : 0, len);
	store_sha256_bytes_hex(*text, *len, sha);
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
	/* Items that are gone first (their documents go with them), then the rest. */
	if (r == STATUS_OK)
		r = delete_missing(s, "SELECT id FROM agenda_item WHERE meeting_id=?",
		    "DELETE FROM agenda_item WHERE id=?", mid, item_ids, p->n_items);
	for (size_t i = 0; i < p->n_items && r == STATUS_OK; i++)
		r = put_item(s, &p->items[i], i, item_ids[i], mid, ins, pres);
	for (size_t i = 0; i < p->n_docs; i++)
		doc_ids[i] = xasprintf("%s/d%03zu", mid, i);
	if (r == STATUS_OK)
		r = delete_missing(s, "SELECT id FROM document WHERE meeting_id=? AND attached=0",
		    "DELETE FROM document WHERE id=?", mid, doc_ids, p->n_docs);
	for (size_t i = 0; i < p->n_docs && r == STATUS_OK; i++) {
		const struct packet_doc *d = &p->docs[i];

		r = put_doc(s, doc_ids[i], mid, d->item >= 0 ? item_ids[d->item] : NULL, (int)i,
		    false, d, nd[i].text, nd[i].len, nd[i].sha);
	}
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
static enum status
update_counts(struct store *s, const char *mid)
{
	return exec1(s, "UPDATE meeting SET"
	    " item_count=(SELECT count(*) FROM agenda_item WHERE meeting_id=?1),"
	    " doc_count=(SELECT count(*) FROM document WHERE meeting_id=?1) WHERE id=?1",
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
 * Returns the old setting, 0 when unknown.
 */
static long long
cache_grow(struct store *s)
{
	sqlite3_stmt *st;
	long long was = 0;

	if (sqlite3_prepare_v2(s->db, "PRAGMA cache_size", -1, &st, NULL) != SQLITE_OK)
		return 0;
	if (sqlite3_step(st) == SQLITE_ROW)
		was = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	/* Negative: KiB (the default, -2000); a page count is left alone. */
	if (was >= 0 || was <= -16384)
		return 0;
	sqlite3_exec(s->db, "PRAGMA cache_size=-16384", NULL, NULL, NULL);
	return was;
}

static void
cache_restore(struct store *s, long long was)
{
	char sql[64];

	if (was == 0)
		return;
	snprintf(sql, sizeof sql, "PRAGMA cache_size=%lld", was);
	sqlite3_exec(s->db, sql, NULL, NULL, NULL);
}

enum status
store_put_packet(struct store *s, const struct packet *p, char **meeting_id, bool *changed)
{
	char hash[65], *old = NULL, *org_id = NULL, *mid = NULL, *body = NULL;
	struct norm_doc *nd = NULL;
	long long cache = 0;
	enum status r;

	if (meeting_id)
		*meeting_id = NULL;
	if (changed)
		*changed = false;
	store_clear_error(s);
	if ((r = validate(s, p)) != STATUS_OK)
		return r;
	body = nfc(p->body);
	org_id = text_slug(body, strlen(body));
	mid = xasprintf("%s-%s", org_id, p->date);
	nd = xcalloc(p->n_docs + 1, sizeof *nd);
	for (size_t i = 0; i < p->n_docs; i++)
		doc_text(&p->docs[i], &nd[i].text, &nd[i].len, nd[i].sha);
	packet_hash(p, nd, hash);

	if ((r = store_begin(s)) != STATUS_OK)
		goto out;
	cache = cache_grow(s);
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
		r = store_search_reindex_meeting(s, mid);
	if (r == STATUS_OK)
		r = update_counts(s, mid);
	if (r == STATUS_OK)
		r = exec1(s, "DELETE FROM person WHERE NOT EXISTS "
		    "(SELECT 1 FROM meeting_person WHERE person_id=person.id)", NULL, NULL);
	if (r == STATUS_OK)
		r = store_commit(s);
	else
		store_rollback(s);
	if (r == STATUS_OK && changed)
		*changed = true;
out:
	cache_restore(s, cache);
	if (r == STATUS_OK && meeting_id)
		*meeting_id = xstrdup(mid);
	for (size_t i = 0; nd && i < p->n_docs; i++)
		free(nd[i].text);
	free(nd);
	free(old);
	free(body);
	free(org_id);
	free(mid);
	return r;
}

enum status
store_attach_document(struct store *s, const char *meeting_id, const char *number,
    const struct packet_doc *d, char **doc_id)
{
	struct store_item it = { 0 };
	char sha[65], *text = NULL, *id = NULL, *existing_item = NULL;
	sqlite3_stmt *st;
	enum status r;
	size_t len;
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
	doc_text(d, &text, &len, sha);
	id = xasprintf("%s/a%.12s", it.meeting_id, sha);
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
		r = put_doc(s, id, it.meeting_id, it.id, ord, true, d, text, len, sha);
		if (r == STATUS_OK)
			r = store_search_prepare_write(s);
		if (r == STATUS_OK)
			r = store_search_index_doc(s, it.meeting_id, id);
		if (r == STATUS_OK)
			r = exec1(s, "UPDATE meeting SET revision=revision+1 WHERE id=?",
			    it.meeting_id, NULL);
		if (r == STATUS_OK)
			r = update_counts(s, it.meeting_id);
	}
	if (r == STATUS_OK)
		r = store_commit(s);
	else
		store_rollback(s);
out:
	if (r == STATUS_OK && doc_id)
		*doc_id = xstrdup(id);
	free(existing_item);
	free(text);
	free(id);
	store_item_free(&it);
	return r;
}
