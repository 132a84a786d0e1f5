/*
 * The search index: an FTS5 trigram table ("search", contentless) over item
 * titles, proposals and document text, one row per text in search_row,
 * kept in step with the content inside the writer's transaction; and the
 * SQL functions the search uses (kl_first, kl_rank, kl_cover, kl_scan).
 *
 * Rowids are date-ordered (meeting.fts_base), so walking the index with
 * ORDER BY rowid DESC yields the newest meetings first and can stop early.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "put_internal.h"
#include "search_internal.h"
#include "store_internal.h"
#include "text.h"
#include "xmalloc.h"

static void kl_cover(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
    int nval, sqlite3_value **val);

/* ---- the index ---- */

enum status
store_search_unindex_meeting(struct store *s, const char *meeting_id)
{
	char *sql = xasprintf("INSERT INTO search(search, rowid, text) SELECT 'delete', r.rowid, %s"
	    " FROM search_row r WHERE r.meeting_id=?1", STORE_INDEXED_TEXT_SQL);
	enum status r = store_exec1(s, sql, meeting_id, NULL);

	free(sql);
	if (r != STATUS_OK)
		return r;
	return store_exec1(s, "DELETE FROM search_row WHERE meeting_id=?", meeting_id, NULL);
}

/* search_row first, numbered from the meeting's fts_base in agenda order:
 * title, proposal of each item, then the documents. */
static enum status
number_rows(struct store *s, const char *meeting_id)
{
	return store_exec1(s, "INSERT INTO search_row(rowid, meeting_id, item_id, doc_id, what)"
	    " SELECT m.fts_base + row_number() OVER (ORDER BY k1, k2, k3) - 1, m.id, x.item_id,"
	    " x.doc_id, x.what FROM meeting m, ("
	    "  SELECT 0 AS k1, i.ord AS k2, 0 AS k3, i.id AS item_id, NULL AS doc_id,"
	    "   'title' AS what FROM agenda_item i WHERE i.meeting_id=?1"
	    "  UNION ALL SELECT 0, i.ord, 1, i.id, NULL, 'proposal' FROM proposal p"
	    "   JOIN agenda_item i ON i.id=p.item_id WHERE i.meeting_id=?1"
	    "  UNION ALL SELECT 1, d.ord, 0, d.item_id, d.id, 'document' FROM document d"
	    "   WHERE d.meeting_id=?1) x WHERE m.id=?1", meeting_id, NULL);
}

/*
 * Index the rows of a meeting in rowid order, each with the text the
 * tables give (STORE_INDEXED_TEXT_SQL) or, for document ord i < n of the
 * packet just written, nd[i].indexed, squeezed by the parse threads (an
 * archive's writer spent about 3 % of its time inflating and squeezing
 * again what it had just written). One row per statement, all of them
 * single-row inserts: a statement that may write several rows opens a
 * savepoint, and FTS5 writes out its pending postings as a segment at
 * every savepoint (an INSERT ... SELECT after the loop doubled the
 * segments of an import).
 */
static enum status
index_rows(struct store *s, const char *meeting_id, const struct norm_doc *nd, size_t n)
{
	char *sql = xasprintf("SELECT r.rowid, d.ord, CASE WHEN NOT d.attached AND d.ord < ?2"
	    " THEN NULL ELSE %s END FROM search_row r LEFT JOIN document d ON d.id=r.doc_id"
	    " WHERE r.meeting_id=?1 ORDER BY r.rowid", STORE_INDEXED_TEXT_SQL);
	sqlite3_stmt *rows = NULL, *ins = NULL;
	enum status r = store_prepare(s, sql, &rows);
	int rc = SQLITE_DONE;

	free(sql);
	if (r == STATUS_OK)
		r = store_prepare(s, "INSERT INTO search(rowid, text) VALUES (?1, ?2)", &ins);
	if (r != STATUS_OK)
		goto out;
	store_bind_str(rows, 1, meeting_id);
	sqlite3_bind_int64(rows, 2, nd ? (long long)n : 0);
	while ((rc = sqlite3_step(rows)) == SQLITE_ROW) {
		long long ord = sqlite3_column_int64(rows, 1);

		sqlite3_bind_int64(ins, 1, sqlite3_column_int64(rows, 0));
		if (sqlite3_column_type(rows, 2) != SQLITE_NULL || sqlite3_column_type(rows, 1) ==
		    SQLITE_NULL) {
			sqlite3_bind_value(ins, 2, sqlite3_column_value(rows, 2));
		} else if (nd && ord >= 0 && (size_t)ord < n && nd[ord].indexed) {
			sqlite3_bind_text(ins, 2, nd[ord].indexed, (int)nd[ord].indexed_len,
			    SQLITE_STATIC);
		} else {
			r = store_fail(s, STATUS_INTERNAL, "search: document %lld not prepared", ord);
			break;
		}
		rc = sqlite3_step(ins);
		sqlite3_reset(ins);
		if (rc != SQLITE_DONE) {
			r = store_sqlite_fail(s, rc, "search");
			break;
		}
	}
	if (r == STATUS_OK && rc != SQLITE_DONE)
		r = store_sqlite_fail(s, rc, "search");
out:
	sqlite3_finalize(rows);
	sqlite3_finalize(ins);
	return r;
}

enum status
store_search_reindex_meeting(struct store *s, const char *meeting_id)
{
	enum status r = number_rows(s, meeting_id);

	return r == STATUS_OK ? index_rows(s, meeting_id, NULL, 0) : r;
}

/* As store_search_reindex_meeting, with the packet's documents as prepared. */
enum status
store_search_reindex_packet(struct store *s, const char *meeting_id, const struct norm_doc *nd,
    size_t n)
{
	enum status r = number_rows(s, meeting_id);

	return r == STATUS_OK ? index_rows(s, meeting_id, nd, n) : r;
}

enum status
store_search_index_doc(struct store *s, const char *meeting_id, const char *doc_id)
{
	enum status r;

	r = store_exec1(s, "INSERT INTO search_row(rowid, meeting_id, item_id, doc_id, what)"
	    " SELECT max((SELECT fts_base FROM meeting WHERE id=?1),"
	    "  coalesce((SELECT max(rowid) + 1 FROM search_row WHERE meeting_id=?1), 0)),"
	    " ?1, d.item_id, d.id, 'document' FROM document d WHERE d.id=?2", meeting_id, doc_id);
	if (r != STATUS_OK)
		return r;
	return store_exec1(s, "INSERT INTO search(rowid, text) SELECT r.rowid, kl_squeeze(kl_text(d.text)) FROM search_row r"
	    " JOIN document d ON d.id=r.doc_id WHERE r.doc_id=?2 AND r.meeting_id=?1",
	    meeting_id, doc_id);
}

/* ---- keeping the index in few segments ---- */

/*
 * FTS5 writes each transaction's postings as a new segment and merges
 * segments during later writes (automerge: four of a size into one). A
 * search looks every trigram of the query up in every segment: the ten-year
 * archive written one packet at a time ended with 14 segments, and a first
 * search for "tandreglering" read 367 pages of 16 KB where one segment
 * needs 87 (and took 13 ms instead of 7). Hence:
 * - a hash of 16 MB, so that a packet (about 2 MB of postings per MB of
 *   text) becomes one segment instead of several of 1 MB;
 * - in bulk mode no merging while the packets are written (crisismerge at
 *   FTS5's limit, 1999 segments), then one merge of everything at the end
 *   when the import at least doubled the meetings: each posting is written
 *   twice instead of about five times.
 * The options live in the index's own config table, so they outlast the
 * process; every write sets them for itself, so an import killed in bulk
 * mode is put right by the next write.
 */
enum {
	HASH_BYTES = 16 << 20,
	AUTOMERGE = 4, CRISISMERGE = 16,	/* FTS5's defaults */
	BULK_CRISISMERGE = 1999,
	/*
	 * The page cache during the merge at the end of a bulk import. With
	 * the 2 MB default the b-tree pages above the new segment's leaves
	 * kept spilling to the WAL and were written again and again: merging
	 * the 440-packet archive took 4.6 s of system time, 2.0 s with 32 or
	 * 64 MB (256 MB no better), 11-16 s of wall time, 9-10 s.
	 */
	MERGE_CACHE_KIB = 65536,
};

/* Set an FTS5 option unless it already has that value: a write bumps the
 * index's cookie, and an import that changes nothing must leave the file
 * byte for byte as it was. */
static enum status
set_option(struct store *s, const char *key, long long want)
{
	sqlite3_stmt *st;
	enum status r;
	int rc;

	if ((r = store_prepare(s, "SELECT v FROM search_config WHERE k=?1", &st)) != STATUS_OK)
		return r;
	store_bind_str(st, 1, key);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_int64(st, 0) == want) {
		sqlite3_finalize(st);
		return STATUS_OK;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_sqlite_fail(s, rc, "search");
	if ((r = store_prepare(s, "INSERT INTO search(search, rank) VALUES (?1, ?2)", &st)) != STATUS_OK)
		return r;
	store_bind_str(st, 1, key);
	sqlite3_bind_int64(st, 2, want);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? STATUS_OK : store_sqlite_fail(s, rc, "search");
}

enum status
store_search_prepare_write(struct store *s)
{
	enum status r;

	r = set_option(s, "hashsize", HASH_BYTES);
	if (r == STATUS_OK)
		r = set_option(s, "automerge", s->bulk ? 0 : AUTOMERGE);
	if (r == STATUS_OK)
		r = set_option(s, "crisismerge", s->bulk ? BULK_CRISISMERGE : CRISISMERGE);
	if (r == STATUS_OK && s->bulk)
		s->bulk_written++;
	return r;
}

void
store_bulk_begin(struct store *s, size_t n)
{
	sqlite3_stmt *st;

	s->bulk = n >= 2;
	s->bulk_written = 0;
	s->bulk_before = 0;
	if (s->bulk && store_prepare(s, "SELECT count(*) FROM meeting", &st) == STATUS_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			s->bulk_before = (size_t)sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
}

/*
 * The merges FTS5 would have done along the way, done now: segments of a
 * size merged while a level holds four or more ('merge' with a budget of
 * pages, again until it finds nothing to do; FTS5 says so by changing
 * fewer than two rows).
 */
static enum status
merge_as_automerge(struct store *s)
{
	for (int round = 0; round < 10000; round++) {
		int before = sqlite3_total_changes(s->db);
		enum status r = store_exec1(s, "INSERT INTO search(search, rank) VALUES ('merge', 1000)",
		    NULL, NULL);

		if (r != STATUS_OK)
			return r;
		if (sqlite3_total_changes(s->db) - before < 2)
			break;
	}
	return STATUS_OK;
}

void
store_bulk_cancel(struct store *s)
{
	s->bulk = false;
	s->bulk_written = 0;
}

enum status
store_bulk_end(struct store *s, bool *merged)
{
	size_t written = s->bulk_written;
	bool all = written >= 2 && written >= s->bulk_before;
	long long cache;
	enum status r;

	s->bulk = false;
	s->bulk_written = 0;
	if (merged)
		*merged = written > 0 && all;
	if (written == 0)
		return STATUS_OK;	/* nothing written: not a byte more */
	if ((r = store_begin(s)) != STATUS_OK)
		return r;
	cache = store_cache_grow(s, MERGE_CACHE_KIB);
	r = store_search_prepare_write(s);	/* back to merging as it goes */
	/* Merging everything costs as much as the whole index: worth it when
	 * this import at least doubled the meetings (a first import, an
	 * archive). A few packets into a large archive (unchanged ones do not
	 * count) get the merges automerge would have made. */
	if (r == STATUS_OK)
		r = all ? store_exec1(s, "INSERT INTO search(search) VALUES ('optimize')", NULL, NULL) :
		    merge_as_automerge(s);
	/* The merge frees the pages of the segments it merged, about 5 % of
	 * the file after an archive's import: given back to the file system
	 * (a file made since schema 7 has auto_vacuum=INCREMENTAL; in an older
	 * one this does nothing, and the pages are reused by later writes). */
	if (r == STATUS_OK)
		r = store_exec(s, "PRAGMA incremental_vacuum");
	if (r == STATUS_OK)
		r = store_commit(s);
	else
		store_rollback(s);
	store_cache_restore(s, cache);
	return r;
}

/* ---- SQL functions ---- */

/* kl_first(search): the smallest token (= character) offset of any match in the row. */
static void
kl_first(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int nval,
    sqlite3_value **val)
{
	int n = 0, phrase, col, off;
	long long best = -1;

	(void)nval;
	(void)val;
	if (api->xInstCount(fts, &n) != SQLITE_OK) {
		sqlite3_result_int64(ctx, -1);
		return;
	}
	for (int i = 0; i < n; i++)
		if (api->xInst(fts, i, &phrase, &col, &off) == SQLITE_OK && (best < 0 || off < best))
			best = off;
	sqlite3_result_int64(ctx, best);
}

/*
 * kl_scan(text): 1 when the current scan's query occurs in text, else 0.
 * A packed document text (a BLOB, doctext.c) is inflated only until the
 * query is found: "å" is in most documents' first lines, where inflating
 * every document whole made the scan's count 5-10 times slower.
 */
static void
kl_scan(sqlite3_context *ctx, int nval, sqlite3_value **val)
{
	const struct text_matcher *m = sqlite3_user_data(ctx);
	const char *t;
	size_t len, ml;

	(void)nval;
	if (m && sqlite3_value_type(val[0]) == SQLITE_BLOB) {
		int found = store_text_packed_find(sqlite3_value_blob(val[0]),
		    (size_t)sqlite3_value_bytes(val[0]), m);

		if (found < 0) {
			/* store_sqlite_fail makes it "FILE is damaged (...). Run ... --repair". */
			sqlite3_result_error(ctx, _("a document's stored text does not unpack"), -1);
			sqlite3_result_error_code(ctx, SQLITE_CORRUPT);
			return;
		}
		sqlite3_result_int(ctx, found);
		return;
	}
	t = (const char *)sqlite3_value_text(val[0]);
	len = (size_t)sqlite3_value_bytes(val[0]);
	sqlite3_result_int(ctx, m && t && text_matcher_find(m, t, len, 0, &ml) != (size_t)-1);
}

/*
 * kl_rank(search): BM25 without its IDF factor, negated (smaller is better,
 * like bm25()). Hits are ranked only within one meeting and the query is a
 * single phrase, so IDF is the same for every row; bm25() would compute it
 * with a pass over every matching row of the whole index, as costly as a
 * count, which is what the first page must not wait for.
 */
static void
kl_rank(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int nval,
    sqlite3_value **val)
{
	const double k1 = 1.2, b = 0.75;
	sqlite3_int64 rows = 0, total = 0;
	int n = 0, dl = 0;
	double avg;

	(void)nval;
	(void)val;
	if (api->xInstCount(fts, &n) != SQLITE_OK || api->xRowCount(fts, &rows) != SQLITE_OK ||
	    api->xColumnTotalSize(fts, 0, &total) != SQLITE_OK ||
	    api->xColumnSize(fts, 0, &dl) != SQLITE_OK) {
		sqlite3_result_double(ctx, 0);
		return;
	}
	avg = rows > 0 && total > 0 ? (double)total / (double)rows : 1.0;
	sqlite3_result_double(ctx, -(n * (k1 + 1)) / (n + k1 * (1 - b + b * dl / avg)));
}

/* kl_squeeze(text): text with every run of white space one space, as the index holds it. */
static void
kl_squeeze(sqlite3_context *ctx, int nval, sqlite3_value **val)
{
	const char *t = (const char *)sqlite3_value_text(val[0]);
	size_t len = (size_t)sqlite3_value_bytes(val[0]), n = 0;
	char *out;

	(void)nval;
	if (t == NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	out = text_squeeze_space(t, len, &n);
	sqlite3_result_text(ctx, out, (int)n, free);
}

void
store_search_set_scan(struct store *s, struct text_matcher *m)
{
	sqlite3_create_function(s->db, "kl_scan", 1, SQLITE_UTF8, m, kl_scan, NULL, NULL);
}

int
store_search_register(struct store *s)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(s->db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	if (api == NULL || api->iVersion < 2)
		return -1;
	if (sqlite3_create_function(s->db, "kl_squeeze", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC |
	    SQLITE_INNOCUOUS, NULL, kl_squeeze, NULL, NULL) != SQLITE_OK)
		return -1;
	if (api->xCreateFunction(api, "kl_first", NULL, kl_first, NULL) != SQLITE_OK ||
	    api->xCreateFunction(api, "kl_cover", NULL, kl_cover, NULL) != SQLITE_OK)
		return -1;
	return api->xCreateFunction(api, "kl_rank", NULL, kl_rank, NULL) == SQLITE_OK ? 0 : -1;
}

/* A phrase's position list being read, in the one column the table has. */
struct phrase_cursor {
	Fts5PhraseIter it;
	int col, pos;		/* col -1: past the end */
};

/*
 * Keep the candidate starts c (sorted, all larger than any candidate of an
 * earlier call) at which phrase c->k occurs at c + off; returns how many
 * are left. The cursor only moves past positions no later candidate can
 * use, so it goes on from where it stopped at the next call.
 */
static int
keep_where(const Fts5ExtensionApi *api, Fts5Context *fts, struct phrase_cursor *c, int off,
    int *cand, int n)
{
	int i = 0, kept = 0;

	while (i < n && c->col >= 0) {
		if (c->pos - off < cand[i]) {
			api->xPhraseNext(fts, &c->it, &c->col, &c->pos);
		} else {
			if (c->pos - off == cand[i])
				cand[kept++] = cand[i];
			i++;
		}
	}
	return kept;
}

/*
 * kl_cover(search, offsets): 1 when phrase k occurs at p + offsets[k] for
 * some p, for all k. The starts phrase 0 allows are taken a block at a
 * time and narrowed phrase by phrase; a block is given up as soon as none
 * is left, the row as soon as a start survives every phrase. Each position
 * list is read at most once: a row the AND of the trigrams let through
 * wrongly (4,400 for "tandreglering" on the archive, 440 real) fails after
 * two or three lists, and a real hit stops at its first occurrence, where
 * decoding every list in full (in the SOU about anhöriga, "anh" stands
 * thousands of times) was most of a count's time.
 */
static void
kl_cover(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int nval,
    sqlite3_value **val)
{
	enum { MAX_TERMS = 32, BLOCK = 64 };
	struct phrase_cursor cur[MAX_TERMS];
	int offs[MAX_TERMS], cand[BLOCK], n = 0;
	const char *o = nval > 0 ? (const char *)sqlite3_value_text(val[0]) : NULL;

	while (o && *o && n < MAX_TERMS && n < api->xPhraseCount(fts)) {
		offs[n++] = atoi(o);
		o = strchr(o, ',');
		o = o ? o + 1 : NULL;
	}
	if (n == 0 || n != api->xPhraseCount(fts)) {
		sqlite3_result_error(ctx, "kl_cover: offsets do not match the query", -1);
		return;
	}
	for (int k = 0; k < n; k++)
		api->xPhraseFirst(fts, k, &cur[k].it, &cur[k].col, &cur[k].pos);
	while (cur[0].col >= 0) {
		int n_cand = 0;

		for (; cur[0].col >= 0 && n_cand < BLOCK;
		    api->xPhraseNext(fts, &cur[0].it, &cur[0].col, &cur[0].pos))
			if (cur[0].pos - offs[0] >= 0)
				cand[n_cand++] = cur[0].pos - offs[0];
		for (int k = 1; k < n && n_cand > 0; k++)
			n_cand = keep_where(api, fts, &cur[k], offs[k], cand, n_cand);
		if (n_cand > 0) {
			sqlite3_result_int(ctx, 1);
			return;
		}
	}
	sqlite3_result_int(ctx, 0);
}
