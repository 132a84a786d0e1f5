/*
 * Running a search: the FTS5 trigram index (search_index.c) for queries of
 * three characters or more, a scan of our own for one or two (too short
 * for trigrams; LIKE is wrong for non-ASCII in SQLite 3.40).
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

#include "i18n.h"
#include "search_internal.h"
#include "store_internal.h"
#include "text.h"
#include "xmalloc.h"

/* ---- running a search ---- */

struct raw_hit {
	long long rowid;
	long long first_char;	/* from kl_first, -1 for the scan */
	double rank;
	size_t group;		/* meeting order, newest first */
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
 * *stop_rowid: the first row left unread (it and the rows below remain).
 */
static enum status
collect(struct store *s, sqlite3_stmt *st, size_t limit, struct text_matcher *m, bool count,
    struct raw_hit **out, size_t *n_out, size_t *seen, bool *more, long long *stop_rowid)
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
				*stop_rowid = sqlite3_column_int64(st, 0);
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

/* Fill h from a search row: meeting, item, document, snippet. */
static enum status
fill_hit(struct store *s, sqlite3_stmt *st, const struct raw_hit *raw,
    const struct text_matcher *m, struct store_hit *h)
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
		enum status r = store_doc_hit_blob(s, sqlite3_column_int64(st, 9), raw->first_char, m, h);
		sqlite3_reset(st);
		return r;
	}
	t = (const char *)sqlite3_column_text(st, 8);
	len = (size_t)sqlite3_column_bytes(st, 8);
	if (t == NULL)
		t = "";
	if (raw->first_char >= 0) {
		off = text_squeezed_char_to_byte(t, len, raw->first_char);
	} else {
		size_t ml;
		off = text_matcher_find(m, t, len, 0, &ml);
		if (off == (size_t)-1)
			off = 0;
	}
	h->match_off = off;
	h->match_line = 0;
	for (const char *p = t; (p = memchr(p, '\n', (size_t)(t + off - p))) != NULL; p++)
		h->match_line++;
	store_snippet(h, m, t, len, off, false, false);
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
		unsigned int cp;

		starts[chars++] = i;
		i += text_next_char(q + i, len - i, &cp);
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

/* *total = already + the hits at or below rowid below (the rows not yet walked). */
static enum status
count_fts(struct store *s, const char *q, size_t qlen, const char *phrase, long long below,
    size_t already, size_t *total)
{
	char *offsets = NULL, *expr = covering_query(q, qlen, &offsets);
	sqlite3_stmt *st;
	enum status r;
	int rc;

	/* Counting every hit of a common phrase costs as much as many first pages:
	 * stop past STORE_SEARCH_TOTAL_MAX. */
	if (expr)
		r = store_prepare(s, "SELECT count(*) FROM (SELECT rowid FROM search"
		    " WHERE search MATCH ?1 AND kl_cover(search, ?3) AND rowid <= ?4"
		    " ORDER BY rowid DESC LIMIT ?2)", &st);
	else
		r = store_prepare(s, "SELECT count(*) FROM (SELECT rowid FROM search"
		    " WHERE search MATCH ?1 AND rowid <= ?4 ORDER BY rowid DESC LIMIT ?2)", &st);
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
	sqlite3_bind_int64(st, 2, already > STORE_SEARCH_TOTAL_MAX ? 0 :
	    (long long)(STORE_SEARCH_TOTAL_MAX + 1 - already));
	sqlite3_bind_int64(st, 4, below);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*total = already + (size_t)sqlite3_column_int64(st, 0);
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
	struct text_matcher m;
	sqlite3_stmt *st = NULL;
	size_t qlen, n_raw = 0, seen = 0, chars;
	char *q, *nfc, *phrase = NULL, *sql;
	const char *trimmed;
	bool more = false;
	long long stop_rowid = 0;
	enum status r;

	*list = NULL;
	*n = 0;
	if (total)
		*total = 0;
	store_clear_error(s);
	qlen = strlen(query ? query : "");
	trimmed = text_trim(query ? query : "", &qlen);
	nfc = text_nfc(trimmed, qlen, &qlen);
	/* The index holds the text with white space squeezed (search_index.c):
	 * so does the query, and "till personer" finds "till\npersoner". */
	q = text_squeeze_space(nfc, qlen, &qlen);
	free(nfc);
	chars = text_count_chars(q, qlen);
	if (chars == 0) {
		free(q);
		return STATUS_OK;
	}
	text_matcher_init(&m, q, qlen);
	if (chars >= 3) {
		phrase = fts_phrase(q);
		r = store_prepare(s, "SELECT r.rowid, r.meeting_id, kl_rank(search), kl_first(search)"
		    " FROM search JOIN search_row r ON r.rowid=search.rowid"
		    " WHERE search MATCH ?1 ORDER BY search.rowid DESC", &st);
		if (r == STATUS_OK)
			store_bind_str(st, 1, phrase);
	} else {
		/* Existence per row is enough: hits of a scan all rank alike. */
		store_search_set_scan(s, &m);
		sql = xasprintf("SELECT r.rowid, r.meeting_id, -kl_scan(%s), -1 FROM search_row r"
		    " ORDER BY r.rowid DESC", STORE_STORED_TEXT_OF_ROW_SQL);
		r = store_prepare(s, sql, &st);
		free(sql);
	}
	if (r == STATUS_OK)
		r = collect(s, st, limit, phrase ? NULL : &m, total != NULL, &raw, &n_raw, &seen,
		    &more, &stop_rowid);
	sqlite3_finalize(st);
	st = NULL;
	if (!phrase)
		store_search_set_scan(s, NULL);
	if (r == STATUS_OK && total)
		r = more && phrase ? count_fts(s, q, qlen, phrase, stop_rowid, n_raw, total) :
		    (*total = seen, STATUS_OK);
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
		    " LEFT JOIN document d ON d.id=r.doc_id WHERE r.rowid=?1", STORE_TEXT_OF_ROW_SQL);
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
	text_matcher_free(&m);
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
