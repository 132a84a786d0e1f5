/*
 * Showing matches in text, for search: the snippet line with its spans
 * (found by the text module's matcher, text_matcher_find), and reading a
 * long document through blob I/O only up to its first match.
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

/*
 * The snippet: the line holding the match at off (the lines, when the
 * match runs over a line break), cut around it when long; line breaks
 * show as spaces. cut_before/cut_after: t starts/ends inside a line (a
 * window read from a long document), so the line goes on past that end.
 */
void
store_snippet(struct store_hit *h, const struct text_matcher *m, const char *t, size_t len,
    size_t off, bool cut_before, bool cut_after)
{
	enum { WIDE = 320, BEFORE = 100 };
	size_t ls = off, le, ws, we, at = 0, ml, shift, mend = off;
	struct buf b = { 0 };
	const char *nl;
	bool more_before, more_after;

	if (text_matcher_at(m, t, len, off, &ml))
		mend = off + ml;
	while (ls > 0 && t[ls - 1] != '\n')
		ls--;
	nl = memchr(t + mend, '\n', len - mend);
	le = nl ? (size_t)(nl - t) : len;
	more_before = ls == 0 && cut_before;
	more_after = nl == NULL && cut_after;
	ws = ls;
	we = le;
	if (le - ls > WIDE) {
		ws = off > ls + BEFORE ? text_char_floor(t, len, off - BEFORE) : ls;
		we = ws + WIDE < le ? text_char_floor(t, len, ws + WIDE) : le;
		if (we <= off || we < mend)
			we = le;
	}
	if (ws > ls || more_before)
		buf_adds(&b, "…");
	shift = b.len;
	buf_add(&b, t + ws, we - ws);
	for (size_t i = shift; i < b.len; i++)
		if (b.data[i] == '\n')
			b.data[i] = ' ';
	if (we < le || more_after)
		buf_adds(&b, "…");
	if (b.data == NULL)
		buf_adds(&b, "");
	h->snippet = buf_detach(&b, NULL);
	while ((at = text_matcher_find(m, t + ws, we - ws, at, &ml)) != (size_t)-1) {
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
		h->spans[0].len = text_char_offset(t + off, we - off, m->n);
		h->n_spans = 1;
	}
}

/*
 * A document hit whose match is known by character offset: read the text
 * through incremental blob I/O only up to a little past the match, so a
 * hit near the start of a long report costs a few kilobytes, not the report.
 * A packed text starts the walk at the piece that holds the match
 * (store_doctext_seek_squeezed), with the characters and lines counted
 * before it, and inflates only that piece.
 */
enum status
store_doc_hit_blob(struct store *s, sqlite3_int64 rowid, long long first_char,
    const struct text_matcher *m, struct store_hit *h)
{
	enum { CHUNK = 16384, BEFORE = 400, AFTER = 800 };
	/* The scan's matcher may see a match cut by a chunk's end: keep a tail. */
	size_t keep = first_char >= 0 ? 4 : 4 * m->n + 4;
	size_t total, base = 0, have = 0, off, line = 0, rs, re, k = 0, len, ls;
	struct store_doctext *b;
	char *buf, *win;
	struct text_squeeze_count count = { 0, false };
	bool found = false, cut_before, cut_after;
	enum status rc;

	if ((rc = store_doctext_open(s, rowid, &b)) != STATUS_OK)
		return rc;
	total = store_doctext_size(b);
	off = total;
	if (first_char >= 0)
		store_doctext_seek_squeezed(b, first_char, &base, &count, &line);
	buf = xmalloc(CHUNK + keep);
	while (!found && base + have < total) {
		size_t n = total - (base + have) < CHUNK ? total - (base + have) : CHUNK;
		size_t upto, ml, at;

		if ((rc = store_doctext_read(s, b, buf + have, n, base + have)) != STATUS_OK)
			break;
		have += n;
		if (first_char >= 0) {
			/* The index gave the character offset in the text as indexed,
			 * white space squeezed (text_squeeze_space): count up to it. */
			size_t i, hit = text_squeeze_walk(&count, buf, have, first_char,
			    base + have < total, &i);

			for (const char *p = buf; (p = memchr(p, '\n', (size_t)(buf + i - p))) != NULL; p++)
				line++;
			if (hit != (size_t)-1) {
				off = base + hit;
				found = true;
			} else {
				memmove(buf, buf + i, have - i);
				base += i;
				have -= i;
			}
			continue;
		}
		at = text_matcher_find(m, buf, have, 0, &ml);
		found = at != (size_t)-1;
		upto = found ? at : base + have == total ? have : have > keep ? have - keep : 0;
		for (const char *p = buf; (p = memchr(p, '\n', (size_t)(buf + upto - p))) != NULL; p++)
			line++;
		if (found) {
			off = base + at;
		} else {
			memmove(buf, buf + upto, have - upto);
			base += upto;
			have -= upto;
		}
	}
	free(buf);
	if (rc != STATUS_OK) {
		store_doctext_close(&b);
		return rc;
	}
	rs = off > BEFORE ? off - BEFORE - 1 : 0;	/* and the byte before: a line break? */
	re = total - off > AFTER ? off + AFTER : total;
	cut_after = re < total;
	len = re - rs;
	win = xmalloc(len + 1);
	rc = len ? store_doctext_read(s, b, win, len, rs) : STATUS_OK;
	store_doctext_close(&b);
	if (rc != STATUS_OK) {
		free(win);
		return rc;
	}
	win[len] = '\0';
	/* The match's line starts after the last line break before it in the
	 * window; without one the line goes on before the window (or the text
	 * starts there). Whole characters only at the window's cut ends. */
	for (ls = off - rs; ls > 0 && win[ls - 1] != '\n'; ls--)
		;
	cut_before = ls == 0 && rs > 0;
	if (ls > 0)
		k = ls;
	else if (cut_before)
		k = text_resync(win, off - rs);
	if (cut_after) {
		/* Drop the last character: the window may have cut it. */
		unsigned int cp;
		size_t back = text_prev_char(win, len, &cp);

		len = len - back > off - rs + 1 ? len - back : off - rs + 1;
	}
	h->match_off = off;
	h->match_line = line;
	store_snippet(h, m, win + k, len - k, off - rs - k, cut_before, cut_after);
	free(win);
	return STATUS_OK;
}
