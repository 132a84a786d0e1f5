/*
 * Search: an FTS5 trigram index over item titles, proposals and document
 * text, plus a scan of our own for queries of one or two characters (too
 * short for trigrams; LIKE is wrong for non-ASCII in SQLite 3.40).
 *
 * Speed: search rowids are date-ordered (meeting.fts_base), so walking the
 * index with ORDER BY rowid DESC yields the newest meetings first and can
 * stop as soon as the page is full; only the rows returned ever have their
 * text loaded, to build a snippet. The auxiliary function kl_first() gives
 * the first match's token offset, which for the trigram tokenizer is its
 * character offset in the text.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>

#include "i18n.h"
#include "store_internal.h"
#include "text.h"
#include "xmalloc.h"

static void kl_cover(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
    int nval, sqlite3_value **val);

/* ---- case-insensitive matching per code point (as the trigram tokenizer folds) ---- */

static size_t
dec(const unsigned char *p, size_t len, uint32_t *cp)
{
	unsigned char c = p[0];

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c < 0xe0 && len >= 2 && (p[1] & 0xc0) == 0x80) {
		*cp = (uint32_t)(c & 0x1f) << 6 | (p[1] & 0x3f);
		return 2;
	}
	if (c >= 0xe0 && c < 0xf0 && len >= 3 && (p[1] & 0xc0) == 0x80 && (p[2] & 0xc0) == 0x80) {
		*cp = (uint32_t)(c & 0x0f) << 12 | (uint32_t)(p[1] & 0x3f) << 6 | (p[2] & 0x3f);
		return 3;
	}
	if (c >= 0xf0 && c < 0xf5 && len >= 4 && (p[1] & 0xc0) == 0x80 &&
	    (p[2] & 0xc0) == 0x80 && (p[3] & 0xc0) == 0x80) {
		*cp = (uint32_t)(c & 0x07) << 18 | (uint32_t)(p[1] & 0x3f) << 12 |
		    (uint32_t)(p[2] & 0x3f) << 6 | (p[3] & 0x3f);
		return 4;
	}
	*cp = 0xfffd;
	return 1;
}

static uint32_t
fold(uint32_t c)
{
	if (c < 0x80)
		return c >= 'A' && c <= 'Z' ? c + 32 : c;
	return uc_tolower(c);
}

static unsigned char
lead_byte(uint32_t c)
{
	if (c < 0x80)
		return (unsigned char)c;
	if (c < 0x800)
		return (unsigned char)(0xc0 | (c >> 6));
	if (c < 0x10000)
		return (unsigned char)(0xe0 | (c >> 12));
	return (unsigned char)(0xf0 | (c >> 18));
}

struct matcher {
	uint32_t *q;		/* folded code points */
	size_t n;
	unsigned char lead[256];	/* first bytes a match can start with */
	bool count_all;		/* scan: count every match, or stop at the first */
};

static void
matcher_init(struct matcher *m, const char *query, size_t len)
{
	const unsigned char *p = (const unsigned char *)query;
	size_t i = 0;

	memset(m, 0, sizeof *m);
	m->q = xcalloc(len + 1, sizeof *m->q);
	while (i < len) {
		uint32_t c;
		i += dec(p + i, len - i, &c);
		m->q[m->n++] = fold(c);
	}
	if (m->n) {
		m->lead[lead_byte(m->q[0])] = 1;
		m->lead[lead_byte(uc_toupper(m->q[0]))] = 1;
		m->lead[lead_byte(uc_totitle(m->q[0]))] = 1;
	}
}

static void
matcher_free(struct matcher *m)
{
	free(m->q);
	m->q = NULL;
}

/* First match at or after byte from; its byte offset, or (size_t)-1. *mlen: its bytes. */
static size_t
matcher_find(const struct matcher *m, const char *text, size_t len, size_t from, size_t *mlen)
{
	const unsigned char *p = (const unsigned char *)text;

	if (m->n == 0)
		return (size_t)-1;
	for (size_t i = from; i < len; i++) {
		size_t j, k;

		if (!m->lead[p[i]])
			continue;
		for (j = i, k = 0; k < m->n && j < len; k++) {
			uint32_t c;
			j += dec(p + j, len - j, &c);
			if (fold(c) != m->q[k])
				break;
		}
		if (k == m->n) {
			*mlen = j - i;
			return i;
		}
	}
	return (size_t)-1;
}

/* ---- the index ---- */

/* The text a search row was indexed with, from the content tables. */
static const char text_of_row_sql[] =
	"CASE r.what WHEN 'title' THEN (SELECT title FROM agenda_item WHERE id=r.item_id)"
	" WHEN 'proposal' THEN (SELECT text FROM proposal WHERE item_id=r.item_id)"
	" ELSE (SELECT text FROM document WHERE id=r.doc_id) END";

enum status
store_search_unindex_meeting(struct store *s, const char *meeting_id)
{
	char *sql = xasprintf("INSERT INTO search(search, rowid, text) SELECT 'delete', r.rowid, %s"
	    " FROM search_row r WHERE r.meeting_id=?1", text_of_row_sql);
	sqlite3_stmt *st;
	enum status r;
	int rc;

	r = store_prepare(s, sql, &st);
	free(sql);
	if (r != STATUS_OK)
		return r;
	store_bind_str(st, 1, meeting_id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_sqlite_fail(s, rc, "search");
	if ((r = store_prepare(s, "DELETE FROM search_row WHERE meeting_id=?", &st)) != STATUS_OK)
		return r;
	store_bind_str(st, 1, meeting_id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? STATUS_OK : store_sqlite_fail(s, rc, "search");
}

static enum status
run(struct store *s, const char *sql, const char *a, const char *b)
{
	sqlite3_stmt *st;
	enum status r;
	int rc;

	if ((r = store_prepare(s, sql, &st)) != STATUS_OK)
		return r;
	store_bind_str(st, 1, a);
	if (b)
		store_bind_str(st, 2, b);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? STATUS_OK : store_sqlite_fail(s, rc, "search");
}

enum status
store_search_reindex_meeting(struct store *s, const char *meeting_id)
{
	enum status r;
	char *sql;

	/* search_row first, numbered from the meeting's fts_base in agenda order:
	 * title, proposal of each item, then the documents. */
	r = run(s, "INSERT INTO search_row(rowid, meeting_id, item_id, doc_id, what)"
	    " SELECT m.fts_base + row_number() OVER (ORDER BY k1, k2, k3) - 1, m.id, x.item_id,"
	    " x.doc_id, x.what FROM meeting m, ("
	    "  SELECT 0 AS k1, i.ord AS k2, 0 AS k3, i.id AS item_id, NULL AS doc_id,"
	    "   'title' AS what FROM agenda_item i WHERE i.meeting_id=?1"
	    "  UNION ALL SELECT 0, i.ord, 1, i.id, NULL, 'proposal' FROM proposal p"
	    "   JOIN agenda_item i ON i.id=p.item_id WHERE i.meeting_id=?1"
	    "  UNION ALL SELECT 1, d.ord, 0, d.item_id, d.id, 'document' FROM document d"
	    "   WHERE d.meeting_id=?1) x WHERE m.id=?1", meeting_id, NULL);
	if (r != STATUS_OK)
		return r;
	sql = xasprintf("INSERT INTO search(rowid, text) SELECT r.rowid, %s FROM search_row r"
	    " WHERE r.meeting_id=?1", text_of_row_sql);
	r = run(s, sql, meeting_id, NULL);
	free(sql);
	return r;
}

enum status
store_search_index_doc(struct store *s, const char *meeting_id, const char *doc_id)
{
	enum status r;

	r = run(s, "INSERT INTO search_row(rowid, meeting_id, item_id, doc_id, what)"
	    " SELECT max((SELECT fts_base FROM meeting WHERE id=?1),"
	    "  coalesce((SELECT max(rowid) + 1 FROM search_row WHERE meeting_id=?1), 0)),"
	    " ?1, d.item_id, d.id, 'document' FROM document d WHERE d.id=?2", meeting_id, doc_id);
	if (r != STATUS_OK)
		return r;
	return run(s, "INSERT INTO search(rowid, text) SELECT r.rowid, d.text FROM search_row r"
	    " JOIN document d ON d.id=r.doc_id WHERE r.doc_id=?2 AND r.meeting_id=?1",
	    meeting_id, doc_id);
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

/* kl_scan(text): number of matches of the current scan (1 once found unless count_all), 0 none. */
static void
kl_scan(sqlite3_context *ctx, int nval, sqlite3_value **val)
{
	const struct matcher *m = sqlite3_user_data(ctx);
	const char *t = (const char *)sqlite3_value_text(val[0]);
	size_t len = (size_t)sqlite3_value_bytes(val[0]), at = 0, ml, n = 0;

	(void)nval;
	if (m == NULL || t == NULL) {
		sqlite3_result_int(ctx, 0);
		return;
	}
	while ((at = matcher_find(m, t, len, at, &ml)) != (size_t)-1) {
		n++;
		if (!m->count_all)
			break;
		at += ml;
	}
	sqlite3_result_int64(ctx, (long long)n);
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
	if (api->xCreateFunction(api, "kl_first", NULL, kl_first, NULL) != SQLITE_OK ||
	    api->xCreateFunction(api, "kl_cover", NULL, kl_cover, NULL) != SQLITE_OK)
		return -1;
	return api->xCreateFunction(api, "kl_rank", NULL, kl_rank, NULL) == SQLITE_OK ? 0 : -1;
}

/* ---- running a search ---- */

struct raw_hit {
	long long rowid;
	long long first_char;	/* from kl_first, -1 for the scan */
	double rank;
	size_t group;		/* meeting order, newest first */
	size_t seq;
};

static int
raw_cmp(const void *a, const void *b)
{
	const struct raw_hit *x = a, *y = b;

	if (x->group != y->group)
		return x->group < y->group ? -1 : 1;
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	/* Ties in agenda order (rowids rise along the agenda). */
	return x->rowid < y->rowid ? -1 : x->rowid > y->rowid;
}

/* "query" as an FTS5 phrase: quotes doubled. Caller frees. */
static char *
fts_phrase(const char *q)
{
	struct buf b = { 0 };

	buf_addc(&b, '"');
	for (const char *p = q; *p; p++) {
		if (*p == '"')
			buf_addc(&b, '"');
		buf_addc(&b, *p);
	}
	buf_addc(&b, '"');
	return buf_detach(&b, NULL);
}

/*
 * Walk rows newest first; keep whole meetings until limit rows are kept.
 * *more: rows were left unread. The statement's columns: rowid, meeting_id,
 * rank, first_char; rows with rank >= 0 in scan mode (no match) are skipped.
 * In scan mode with count, the walk goes on to count the hits into *seen
 * (up to STORE_SEARCH_TOTAL_MAX + 1); otherwise *seen is all rows kept.
 */
static enum status
collect(struct store *s, sqlite3_stmt *st, size_t limit, struct matcher *m, bool count,
    struct raw_hit **out, size_t *n_out, size_t *seen, bool *more)
{
	struct raw_hit *hits = NULL;
	size_t n = 0, cap = 0, group = 0;
	char *last = NULL;
	int rc;

	*more = false;
	*seen = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *mid = (const char *)sqlite3_column_text(st, 1);
		double rank = sqlite3_column_double(st, 2);

		if (m && rank >= 0)
			continue;	/* the scan: no match in this row */
		if (last && strcmp(last, mid) != 0) {
			if (limit && n >= limit) {
				*more = true;
				break;
			}
			group++;
		}
		if (last == NULL || strcmp(last, mid) != 0) {
			free(last);
			last = xstrdup(mid);
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			hits = xreallocarray(hits, cap, sizeof *hits);
		}
		hits[n].rowid = sqlite3_column_int64(st, 0);
		hits[n].rank = rank;
		hits[n].first_char = sqlite3_column_int64(st, 3);
		hits[n].group = group;
		hits[n].seq = n;
		n++;
	}
	free(last);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		free(hits);
		return store_sqlite_fail(s, rc, "search");
	}
	if (*more && m && count) {
		*seen = n + 1;
		while (*seen <= STORE_SEARCH_TOTAL_MAX && (rc = sqlite3_step(st)) == SQLITE_ROW)
			if (sqlite3_column_double(st, 2) < 0)
				(*seen)++;
		if (*seen <= STORE_SEARCH_TOTAL_MAX && rc != SQLITE_DONE) {
			free(hits);
			return store_sqlite_fail(s, rc, "search");
		}
		*more = false;
	} else if (!*more) {
		*seen = n;
	}
	*out = hits;
	*n_out = n;
	return STATUS_OK;
}

static size_t
char_to_byte(const char *t, size_t len, long long chars)
{
	size_t i = 0;

	for (long long c = 0; i < len; i++)
		if (((unsigned char)t[i] & 0xc0) != 0x80 && c++ == chars)
			return i;
	return len;
}

static size_t
boundary_back(const char *t, size_t i, size_t lo)
{
	while (i > lo && ((unsigned char)t[i] & 0xc0) == 0x80)
		i--;
	return i;
}

/*
 * The snippet: the line holding the match at off, cut around it when long.
 * cut_before/cut_after: t starts/ends inside a line (a window read from a
 * long document), so the line goes on past that end.
 */
static void
make_snippet(struct store_hit *h, const struct matcher *m, const char *t, size_t len,
    size_t off, bool cut_before, bool cut_after)
{
	enum { WIDE = 320, BEFORE = 100 };
	size_t ls = off, le, ws, we, at = 0, ml, shift;
	struct buf b = { 0 };
	const char *nl;
	bool more_before, more_after;

	while (ls > 0 && t[ls - 1] != '\n')
		ls--;
	nl = memchr(t + off, '\n', len - off);
	le = nl ? (size_t)(nl - t) : len;
	more_before = ls == 0 && cut_before;
	more_after = nl == NULL && cut_after;
	ws = ls;
	we = le;
	if (le - ls > WIDE) {
		ws = off > ls + BEFORE ? boundary_back(t, off - BEFORE, ls) : ls;
		we = ws + WIDE < le ? boundary_back(t, ws + WIDE, ws) : le;
		if (we <= off)
			we = le;
	}
	if (ws > ls || more_before)
		buf_adds(&b, "…");
	shift = b.len;
	buf_add(&b, t + ws, we - ws);
	if (we < le || more_after)
		buf_adds(&b, "…");
	if (b.data == NULL)
		buf_adds(&b, "");
	h->snippet = buf_detach(&b, NULL);
	while ((at = matcher_find(m, t + ws, we - ws, at, &ml)) != (size_t)-1) {
		h->spans = xreallocarray(h->spans, h->n_spans + 1, sizeof *h->spans);
		h->spans[h->n_spans].off = shift + at;
		h->spans[h->n_spans].len = ml;
		h->n_spans++;
		at += ml ? ml : 1;
	}
	if (h->n_spans == 0 && off >= ws && off < we) {
		/* Folding differed from the index's: mark the query's length anyway. */
		h->spans = xcalloc(1, sizeof *h->spans);
		h->spans[0].off = shift + (off - ws);
		h->spans[0].len = char_to_byte(t + off, we - off, (long long)m->n);
		h->n_spans = 1;
	}
}

/*
 * A document hit whose match is known by character offset: read the text
 * through incremental blob I/O only up to a little past the match, so a
 * hit near the start of a long report costs a few kilobytes, not the report.
 */
static enum status
doc_hit_blob(struct store *s, sqlite3_int64 rowid, long long first_char,
    const struct matcher *m, struct store_hit *h)
{
	enum { CHUNK = 16384, BEFORE = 400, AFTER = 800 };
	/* The scan's matcher may see a match cut by a chunk's end: keep a tail. */
	size_t keep = first_char >= 0 ? 0 : 4 * m->n + 4;
	size_t total, base = 0, have = 0, off, line = 0, ls = 0, rs, re, k = 0, len;
	sqlite3_blob *b;
	char *buf, *win;
	long long c = 0;
	bool found = false, cut_before, cut_after;
	int rc = SQLITE_OK;

	rc = sqlite3_blob_open(s->db, "main", "document", "text", rowid, 0, &b);
	if (rc != SQLITE_OK)
		return store_sqlite_fail(s, rc, "document");
	total = (size_t)sqlite3_blob_bytes(b);
	off = total;
	buf = xmalloc(CHUNK + keep);
	while (!found && base + have < total) {
		size_t n = total - (base + have) < CHUNK ? total - (base + have) : CHUNK;
		size_t from = have, upto, ml, at;

		if ((rc = sqlite3_blob_read(b, buf + have, (int)n, (int)(base + have))) != SQLITE_OK)
			break;
		have += n;
		if (first_char >= 0) {
			/* The index gave the character offset: count up to it. */
			for (size_t i = from; i < have; i++) {
				unsigned char ch = (unsigned char)buf[i];

				if ((ch & 0xc0) != 0x80 && c++ == first_char) {
					off = base + i;
					found = true;
					break;
				}
				if (ch == '\n') {
					line++;
					ls = base + i + 1;
				}
			}
			base += have;
			have = 0;
			continue;
		}
		at = matcher_find(m, buf, have, 0, &ml);
		found = at != (size_t)-1;
		upto = found ? at : base + have == total ? have : have > keep ? have - keep : 0;
		for (const char *p = buf; (p = memchr(p, '\n', (size_t)(buf + upto - p))) != NULL; p++) {
			line++;
			ls = base + (size_t)(p - buf) + 1;
		}
		if (found) {
			off = base + at;
		} else {
			memmove(buf, buf + upto, have - upto);
			base += upto;
			have -= upto;
		}
	}
	free(buf);
	if (rc != SQLITE_OK) {
		sqlite3_blob_close(b);
		return store_sqlite_fail(s, rc, "document");
	}
	rs = off > ls + BEFORE ? off - BEFORE : ls;
	re = total - off > AFTER ? off + AFTER : total;
	cut_before = rs > ls;
	cut_after = re < total;
	len = re - rs;
	win = xmalloc(len + 1);
	rc = len ? sqlite3_blob_read(b, win, (int)len, (int)rs) : SQLITE_OK;
	sqlite3_blob_close(b);
	if (rc != SQLITE_OK) {
		free(win);
		return store_sqlite_fail(s, rc, "document");
	}
	win[len] = '\0';
	/* Whole characters only at the window's cut ends. */
	while (cut_before && k < off - rs && ((unsigned char)win[k] & 0xc0) == 0x80)
		k++;
	if (cut_after)
		len = boundary_back(win, len - 1, off - rs + 1);
	h->match_off = off;
	h->match_line = line;
	make_snippet(h, m, win + k, len - k, off - rs - k, cut_before, cut_after);
	free(win);
	return STATUS_OK;
}

/* Fill h from a search row: meeting, item, document, snippet. */
static enum status
fill_hit(struct store *s, sqlite3_stmt *st, const struct raw_hit *raw,
    const struct matcher *m, struct store_hit *h)
{
	const char *t;
	size_t len, off;
	int rc;

	sqlite3_bind_int64(st, 1, raw->rowid);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? store_fail(s, STATUS_CORRUPT,
		    _("%s: the search index is out of step with the content; import again"),
		    s->path) : store_sqlite_fail(s, rc, "search");
	}
	h->meeting_id = store_col_str(st, 0);
	h->meeting_date = store_col_str(st, 1);
	h->body = store_col_str(st, 2);
	h->item_id = store_col_str(st, 3);
	h->item_number = store_col_str(st, 4);
	h->doc_id = store_col_str(st, 5);
	h->doc_title = store_col_str(st, 6);
	h->what = store_col_str(st, 7);
	h->rank = raw->rank;
	if (sqlite3_column_type(st, 9) == SQLITE_INTEGER && strcmp(h->what, "document") == 0) {
		enum status r = doc_hit_blob(s, sqlite3_column_int64(st, 9), raw->first_char, m, h);
		sqlite3_reset(st);
		return r;
	}
	t = (const char *)sqlite3_column_text(st, 8);
	len = (size_t)sqlite3_column_bytes(st, 8);
	if (t == NULL)
		t = "";
	if (raw->first_char >= 0) {
		off = char_to_byte(t, len, raw->first_char);
	} else {
		size_t ml;
		off = matcher_find(m, t, len, 0, &ml);
		if (off == (size_t)-1)
			off = 0;
	}
	h->match_off = off;
	h->match_line = 0;
	for (const char *p = t; (p = memchr(p, '\n', (size_t)(t + off - p))) != NULL; p++)
		h->match_line++;
	make_snippet(h, m, t, len, off, false, false);
	sqlite3_reset(st);
	return STATUS_OK;
}

/*
 * For counting a long query cheaply: the trigrams starting at characters 0,
 * 3, 6 ... and the last one cover every character, so the query occurs at
 * p exactly when each of them occurs at p + its offset. FTS5 finds the rows
 * holding them all (an AND, cheap) and kl_cover() checks the offsets, with
 * a third of the position lists a phrase of every trigram would decode.
 * *expr: the MATCH expression, *offsets: "0,3,6,9,10". NULL when the query
 * is too short to gain (the phrase is used then). Caller frees both.
 */
static char *
covering_query(const char *q, size_t len, char **offsets)
{
	enum { MAX_TERMS = 32 };
	size_t starts[4 * MAX_TERMS], chars = 0, i = 0, n = 0;
	struct buf e = { 0 }, o = { 0 };

	while (i < len && chars < 4 * MAX_TERMS) {
		starts[chars++] = i;
		i++;
		while (i < len && ((unsigned char)q[i] & 0xc0) == 0x80)
			i++;
	}
	if (i < len || chars < 7)
		return NULL;
	for (size_t c = 0; n < MAX_TERMS; c += 3) {
		size_t at = c + 3 <= chars ? c : chars - 3;
		size_t end = at + 3 < chars ? starts[at + 3] : len;

		buf_adds(&e, n ? " AND \"" : "\"");
		for (size_t k = starts[at]; k < end; k++) {
			if (q[k] == '"')
				buf_addc(&e, '"');
			buf_addc(&e, q[k]);
		}
		buf_addc(&e, '"');
		buf_printf(&o, "%s%zu", n ? "," : "", at);
		n++;
		if (at + 3 >= chars)
			break;
	}
	*offsets = buf_detach(&o, NULL);
	return buf_detach(&e, NULL);
}

/* Positions of phrase i in column 0 of the current row. Caller frees. */
static int *
positions(const Fts5ExtensionApi *api, Fts5Context *fts, int i, int *n)
{
	Fts5PhraseIter it;
	int col, off, cap = 0, *pos = NULL;

	*n = 0;
	for (api->xPhraseFirst(fts, i, &it, &col, &off); col >= 0;
	    api->xPhraseNext(fts, &it, &col, &off)) {
		if (col != 0)
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			pos = xreallocarray(pos, (size_t)cap, sizeof *pos);
		}
		pos[(*n)++] = off;
	}
	return pos;
}

static bool
has_pos(const int *pos, int n, int want)
{
	int lo = 0, hi = n;

	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;

		if (pos[mid] < want)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && pos[lo] == want;
}

/* kl_cover(search, offsets): 1 when phrase k occurs at p + offsets[k] for some p, for all k. */
static void
kl_cover(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int nval,
    sqlite3_value **val)
{
	enum { MAX_TERMS = 32 };
	int offs[MAX_TERMS], *pos[MAX_TERMS] = { 0 }, npos[MAX_TERMS], n = 0, best = 0;
	const char *o = nval > 0 ? (const char *)sqlite3_value_text(val[0]) : NULL;
	bool found = false;

	while (o && *o && n < MAX_TERMS && n < api->xPhraseCount(fts)) {
		offs[n++] = atoi(o);
		o = strchr(o, ',');
		o = o ? o + 1 : NULL;
	}
	if (n == 0 || n != api->xPhraseCount(fts)) {
		sqlite3_result_error(ctx, "kl_cover: offsets do not match the query", -1);
		return;
	}
	for (int k = 0; k < n; k++) {
		pos[k] = positions(api, fts, k, &npos[k]);
		if (npos[k] < npos[best])
			best = k;
	}
	/* Drive with the rarest trigram, look the others up. */
	for (int j = 0; j < npos[best] && !found; j++) {
		int p = pos[best][j] - offs[best];

		found = p >= 0;
		for (int k = 0; k < n && found; k++)
			found = k == best || has_pos(pos[k], npos[k], p + offs[k]);
	}
	for (int k = 0; k < n; k++)
		free(pos[k]);
	sqlite3_result_int(ctx, found);
}

static enum status
count_fts(struct store *s, const char *q, size_t qlen, const char *phrase, size_t *total)
{
	char *offsets = NULL, *expr = covering_query(q, qlen, &offsets);
	sqlite3_stmt *st;
	enum status r;
	int rc;

	/* Counting every hit of a common phrase costs as much as many first pages:
	 * stop past STORE_SEARCH_TOTAL_MAX. */
	if (expr)
		r = store_prepare(s, "SELECT count(*) FROM (SELECT rowid FROM search"
		    " WHERE search MATCH ?1 AND kl_cover(search, ?3) ORDER BY rowid DESC LIMIT ?2)",
		    &st);
	else
		r = store_prepare(s, "SELECT count(*) FROM (SELECT rowid FROM search"
		    " WHERE search MATCH ?1 ORDER BY rowid DESC LIMIT ?2)", &st);
	if (r != STATUS_OK) {
		free(expr);
		free(offsets);
		return r;
	}
	store_bind_str(st, 1, expr ? expr : phrase);
	if (expr)
		store_bind_str(st, 3, offsets);
	free(expr);
	free(offsets);
	sqlite3_bind_int64(st, 2, STORE_SEARCH_TOTAL_MAX + 1);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*total = (size_t)sqlite3_column_int64(st, 0);
	else
		r = store_sqlite_fail(s, rc, "search");
	sqlite3_finalize(st);
	return r;
}

enum status
store_search(struct store *s, const char *query, size_t limit, struct store_hit **list,
    size_t *n, size_t *total)
{
	struct raw_hit *raw = NULL;
	struct store_hit *hits = NULL;
	struct matcher m;
	sqlite3_stmt *st = NULL;
	size_t qlen, n_raw = 0, seen = 0, chars;
	char *q, *phrase = NULL, *sql;
	const char *trimmed;
	bool more = false;
	enum status r;

	*list = NULL;
	*n = 0;
	if (total)
		*total = 0;
	store_clear_error(s);
	qlen = strlen(query ? query : "");
	trimmed = text_trim(query ? query : "", &qlen);
	q = text_nfc(trimmed, qlen, &qlen);
	chars = store_utf8_chars(q, qlen);
	if (chars == 0) {
		free(q);
		return STATUS_OK;
	}
	matcher_init(&m, q, qlen);
	if (chars >= 3) {
		phrase = fts_phrase(q);
		r = store_prepare(s, "SELECT r.rowid, r.meeting_id, kl_rank(search), kl_first(search)"
		    " FROM search JOIN search_row r ON r.rowid=search.rowid"
		    " WHERE search MATCH ?1 ORDER BY search.rowid DESC", &st);
		if (r == STATUS_OK)
			store_bind_str(st, 1, phrase);
	} else {
		/* Existence per row is enough: hits of a scan all rank alike. */
		m.count_all = false;
		sqlite3_create_function(s->db, "kl_scan", 1, SQLITE_UTF8, &m, kl_scan, NULL, NULL);
		sql = xasprintf("SELECT r.rowid, r.meeting_id, -kl_scan(%s), -1 FROM search_row r"
		    " ORDER BY r.rowid DESC", text_of_row_sql);
		r = store_prepare(s, sql, &st);
		free(sql);
	}
	if (r == STATUS_OK)
		r = collect(s, st, limit, phrase ? NULL : &m, total != NULL, &raw, &n_raw, &seen,
		    &more);
	sqlite3_finalize(st);
	st = NULL;
	if (!phrase)
		sqlite3_create_function(s->db, "kl_scan", 1, SQLITE_UTF8, NULL, kl_scan, NULL, NULL);
	if (r == STATUS_OK && total)
		r = more && phrase ? count_fts(s, q, qlen, phrase, total) : (*total = seen, STATUS_OK);
	if (r == STATUS_OK) {
		if (n_raw)
			qsort(raw, n_raw, sizeof *raw, raw_cmp);
		if (limit && n_raw > limit)
			n_raw = limit;
		/* The text (col 8) is left out for documents when phrase search gives
		 * the match's position: doc_hit_blob reads just the part it needs. */
		sql = xasprintf("SELECT m.id, m.date, o.name, r.item_id, i.number, r.doc_id, d.title,"
		    " r.what, CASE WHEN r.what='document' AND ?2 THEN NULL ELSE %s END, d.rowid"
		    " FROM search_row r JOIN meeting m ON m.id=r.meeting_id"
		    " JOIN organization o ON o.id=m.organization_id"
		    " LEFT JOIN agenda_item i ON i.id=r.item_id"
		    " LEFT JOIN document d ON d.id=r.doc_id WHERE r.rowid=?1", text_of_row_sql);
		r = store_prepare(s, sql, &st);
		free(sql);
	}
	if (r == STATUS_OK && n_raw) {
		hits = xcalloc(n_raw, sizeof *hits);
		sqlite3_bind_int(st, 2, 1);
		for (size_t i = 0; i < n_raw && r == STATUS_OK; i++)
			r = fill_hit(s, st, &raw[i], &m, &hits[i]);
		if (r != STATUS_OK) {
			store_hits_free(hits, n_raw);
			hits = NULL;
			n_raw = 0;
		}
	}
	sqlite3_finalize(st);
	if (r == STATUS_OK) {
		*list = hits;
		*n = n_raw;
	} else if (total) {
		*total = 0;
	}
	matcher_free(&m);
	free(raw);
	free(phrase);
	free(q);
	return r;
}

void
store_hits_free(struct store_hit *list, size_t n)
{
	if (list == NULL)
		return;
	for (size_t i = 0; i < n; i++) {
		struct store_hit *h = &list[i];
		free(h->meeting_id);
		free(h->meeting_date);
		free(h->body);
		free(h->item_id);
		free(h->item_number);
		free(h->doc_id);
		free(h->doc_title);
		free(h->what);
		free(h->snippet);
		free(h->spans);
	}
	free(list);
}
