/*
 * Finding and showing matches in text, for search: case-insensitive
 * matching per code point (folded as the trigram tokenizer folds, so short
 * and long queries agree), the snippet line with its spans, and reading a
 * long document through blob I/O only up to its first match.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>

#include "i18n.h"
#include "search_internal.h"
#include "store_internal.h"
#include "text.h"
#include "xmalloc.h"

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



void
store_matcher_init(struct store_matcher *m, const char *query, size_t len)
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

void
store_matcher_free(struct store_matcher *m)
{
	free(m->q);
	m->q = NULL;
}

/* First match at or after byte from; its byte offset, or (size_t)-1. *mlen: its bytes. */
size_t
store_matcher_find(const struct store_matcher *m, const char *text, size_t len, size_t from, size_t *mlen)
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

size_t
store_char_to_byte(const char *t, size_t len, long long chars)
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
void
store_snippet(struct store_hit *h, const struct store_matcher *m, const char *t, size_t len,
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
	while ((at = store_matcher_find(m, t + ws, we - ws, at, &ml)) != (size_t)-1) {
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
		h->spans[0].len = store_char_to_byte(t + off, we - off, (long long)m->n);
		h->n_spans = 1;
	}
}

/*
 * A document hit whose match is known by character offset: read the text
 * through incremental blob I/O only up to a little past the match, so a
 * hit near the start of a long report costs a few kilobytes, not the report.
 */
enum status
store_doc_hit_blob(struct store *s, sqlite3_int64 rowid, long long first_char,
    const struct store_matcher *m, struct store_hit *h)
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
		at = store_matcher_find(m, buf, have, 0, &ml);
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
	store_snippet(h, m, win + k, len - k, off - rs - k, cut_before, cut_after);
	free(win);
	return STATUS_OK;
}
