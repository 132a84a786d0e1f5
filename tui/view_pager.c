/*
 * Dokument: a pager for one document, laid out lazily by pager_text.c
 * (paragraphs reflowed, lists and tables kept as lines, headings
 * emphasised). / and ? find with highlight, n N repeat, g G, percentage;
 * the position is remembered per document through store_reading_set/get.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "draw.h"
#include "i18n.h"
#include "pager_text.h"
#include "text.h"
#include "view.h"

struct pager_view {
	struct view v;
	struct store_doc doc;
	struct pager_text t;	/* the text and its layout */
	size_t src_lines;	/* lines in the source text */
	size_t top;
	int height;
	size_t want_src;	/* before the first draw: the source line to show at the top */
	/* Search: the pattern as lower-case code points. */
	unsigned int *pat;
	size_t pat_n;
	char *pat_text;
	bool back;
	bool has_match;
	size_t match_line, match_off, match_len;
};

static size_t
max_top(struct pager_view *pv)
{
	size_t h = pv->height > 0 ? (size_t)pv->height : 1;

	pager_text_ensure(&pv->t, pv->top + 2 * h + 1);
	if (!pv->t.done)
		return SIZE_MAX;
	return pv->t.n_pl > h ? pv->t.n_pl - h : 0;
}

/* ---- search ---- */

/* Whether the pattern matches at s (newlines as spaces, case-insensitive); *mlen the bytes. */
static bool
match_at(const struct pager_view *pv, const char *s, size_t n, size_t *mlen)
{
	size_t i = 0;

	for (size_t k = 0; k < pv->pat_n; k++) {
		unsigned int cp;
		if (i >= n)
			return false;
		i += text_next_char(s + i, n - i, &cp);
		if (cp == '\n' || cp == 0xA0)
			cp = ' ';
		if ((unsigned int)towlower((wint_t)cp) != pv->pat[k])
			return false;
	}
	*mlen = i;
	return true;
}

/* The first match in display line l at or after byte from (relative), or false. */
static bool
find_in_line(const struct pager_view *pv, size_t l, size_t from, size_t last_before,
    size_t *off, size_t *mlen)
{
	const char *s = pv->t.text + pv->t.pl[l].off;
	size_t n = pv->t.pl[l].len;
	bool found = false;

	for (size_t i = from; i < n && i < last_before;) {
		unsigned int cp;
		size_t m;
		if (match_at(pv, s + i, n - i, &m)) {
			*off = i;
			*mlen = m;
			found = true;
			if (last_before == SIZE_MAX)
				return true;
		}
		i += text_next_char(s + i, n - i, &cp);
	}
	return found;
}

/* Show line l: scroll only when it is off screen, then with two lines of context. */
static void
show_line(struct pager_view *pv, size_t l)
{
	size_t h = pv->height > 0 ? (size_t)pv->height : 1;

	if (l >= pv->top && l < pv->top + h)
		return;
	pv->top = l > 2 ? l - 2 : 0;
}

static bool
find(struct pager_view *pv, bool backward, bool inclusive)
{
	size_t l, from, off, mlen;

	if (pv->pat_n == 0)
		return false;
	if (!backward) {
		l = pv->has_match ? pv->match_line : pv->top;
		from = pv->has_match ? pv->match_off + (inclusive ? 0 : 1) : 0;
		for (;; l++, from = 0) {
			pager_text_ensure(&pv->t, l + 1);
			if (l >= pv->t.n_pl)
				return false;
			if (find_in_line(pv, l, from, SIZE_MAX, &off, &mlen))
				break;
		}
	} else {
		l = pv->has_match ? pv->match_line : pv->top;
		{
			size_t before = pv->has_match ? pv->match_off : 0;
			pager_text_ensure(&pv->t, l + 1);
			if (l < pv->t.n_pl && before > 0 &&
			    find_in_line(pv, l, 0, before, &off, &mlen))
				goto found;
		}
		for (;;) {
			if (l == 0)
				return false;
			l--;
			if (find_in_line(pv, l, 0, SIZE_MAX - 1, &off, &mlen))
				break;
		}
	}
found:
	pv->has_match = true;
	pv->match_line = l;
	pv->match_off = off;
	pv->match_len = mlen;
	show_line(pv, l);
	return true;
}

static void
set_pattern(struct pager_view *pv, const char *pattern)
{
	size_t n = strlen(pattern), i = 0;

	free(pv->pat);
	free(pv->pat_text);
	pv->pat = xcalloc(n + 1, sizeof *pv->pat);
	pv->pat_n = 0;
	pv->pat_text = xstrdup(pattern);
	while (i < n) {
		unsigned int cp;
		i += text_next_char(pattern + i, n - i, &cp);
		pv->pat[pv->pat_n++] = (unsigned int)towlower((wint_t)(cp == 0xA0 ? ' ' : cp));
	}
	pv->has_match = false;
}

/* ---- drawing ---- */

static void
draw_line(struct pager_view *pv, WINDOW *w, int y, int cols, size_t l)
{
	const struct pline *p = &pv->t.pl[l];
	const char *s = pv->t.text + p->off;
	attr_t a = p->kind == PL_HEADING ? draw_attr(STYLE_HEADING) : A_NORMAL;
	struct draw d = draw_at(w, y, 1 + p->indent, cols);
	size_t at = 0, off, mlen;

	while (pv->pat_n && at < p->len && find_in_line(pv, l, at, SIZE_MAX, &off, &mlen)) {
		bool current = pv->has_match && pv->match_line == l && pv->match_off == off;
		draw_text(&d, s + at, off - at, a);
		draw_text(&d, s + off, mlen, draw_attr(STYLE_MATCH) |
		    (current ? A_REVERSE | A_BOLD : 0));
		at = off + (mlen ? mlen : 1);
	}
	if (at < p->len)
		draw_text(&d, s + at, p->len - at, a);
}

static void
pager_draw(struct view *v, WINDOW *w, int rows, int cols)
{
	struct pager_view *pv = (struct pager_view *)v;
	/* A margin of one column on each side. */
	int width = cols > 4 ? cols - 2 : cols;

	pv->height = rows;
	if (pv->t.width != width) {
		size_t keep = pv->top < pv->t.n_pl ? pv->t.pl[pv->top].off : 0;

		pv->has_match = false;
		pv->top = pager_text_layout(&pv->t, width, keep);
		if (pv->want_src != SIZE_MAX) {
			pv->top = pager_text_line_of_src(&pv->t, pv->want_src);
			pv->want_src = SIZE_MAX;
			if (pv->pat_n && find(pv, false, true))
				show_line(pv, pv->match_line);
		}
	}
	pager_text_ensure(&pv->t, pv->top + (size_t)rows);
	if (pv->t.len == 0) {
		struct draw d = draw_at(w, 0, 1, cols);
		draw_str(&d, _("This document has no text."), A_NORMAL);
	}
	for (int y = 0; y < rows && pv->top + (size_t)y < pv->t.n_pl; y++)
		draw_line(pv, w, y, cols, pv->top + (size_t)y);
	v->cursor_y = 0;
}


/* ---- actions ---- */

static unsigned
scroll_to(struct pager_view *pv, size_t top)
{
	size_t mt = max_top(pv);

	if (top > mt)
		top = mt;
	if (top == pv->top)
		return UI_HANDLED | UI_BEEP;
	pv->top = top;
	return UI_HANDLED | UI_REDRAW;
}

static unsigned
prompt_find(struct pager_view *pv, bool backward)
{
	char *q = ui_prompt(pv->v.ui, backward ? "?" : "/", NULL);

	if (q == NULL)
		return UI_HANDLED | UI_REDRAW;
	set_pattern(pv, q);
	free(q);
	pv->back = backward;
	if (!find(pv, backward, true))
		ui_message(pv->v.ui, _("Not found: %s"), pv->pat_text);
	return UI_HANDLED | UI_REDRAW;
}

static unsigned
pager_action(struct view *v, enum action a)
{
	struct pager_view *pv = (struct pager_view *)v;
	size_t h = pv->height > 1 ? (size_t)pv->height : 1;

	switch (a) {
	case ACTION_MOVE_DOWN:
		return scroll_to(pv, pv->top + 1);
	case ACTION_MOVE_UP:
		return scroll_to(pv, pv->top ? pv->top - 1 : 0);
	case ACTION_PAGE_DOWN:
		return scroll_to(pv, pv->top + h);
	case ACTION_PAGE_UP:
		return scroll_to(pv, pv->top > h ? pv->top - h : 0);
	case ACTION_FIRST:
		return scroll_to(pv, 0);
	case ACTION_LAST:
		pager_text_ensure(&pv->t, SIZE_MAX);
		return scroll_to(pv, SIZE_MAX);
	case ACTION_FIND:
		return prompt_find(pv, false);
	case ACTION_FIND_BACK:
		return prompt_find(pv, true);
	case ACTION_FIND_NEXT:
	case ACTION_FIND_PREV:
		if (pv->pat_n == 0) {
			ui_message(v->ui, "%s", _("No search yet: press / to find text"));
			return UI_HANDLED | UI_REDRAW;
		}
		if (!find(pv, pv->back != (a == ACTION_FIND_PREV), false))
			ui_message(v->ui, _("No more matches for %s"), pv->pat_text);
		return UI_HANDLED | UI_REDRAW;
	case ACTION_OPEN:
		return UI_BEEP;
	default:
		return 0;
	}
}

static void
pager_status(struct view *v, struct buf *left, struct buf *right)
{
	struct pager_view *pv = (struct pager_view *)v;
	size_t end = pv->t.len, last;
	unsigned pct = 100;

	if (pv->top < pv->t.n_pl)
		buf_printf(left, _("Line %zu of %zu"), (size_t)pv->t.pl[pv->top].src + 1, pv->src_lines);
	if (pv->pat_text)
		buf_printf(left, "  %s%s", pv->back ? "?" : "/", pv->pat_text);
	last = pv->top + (size_t)(pv->height > 0 ? pv->height : 1);
	if (last < pv->t.n_pl || !pv->t.done)
		end = last < pv->t.n_pl ? pv->t.pl[last].off : pv->t.scan;
	if (pv->t.len > 0 && end < pv->t.len)
		pct = (unsigned)((uint64_t)end * 100 / pv->t.len);
	buf_printf(right, "%u%%", pct);
}

static void
pager_free(struct view *v)
{
	struct pager_view *pv = (struct pager_view *)v;

	if (pv->doc.id && pv->v.ui) {
		size_t src = pv->top < pv->t.n_pl ? pv->t.pl[pv->top].src : 0;
		if (pv->want_src != SIZE_MAX)
			src = pv->want_src;
		/* Best effort: a read-only database just forgets the position. */
		store_reading_set(ui_store(v->ui), pv->doc.id, src);
	}
	store_doc_free(&pv->doc);
	free(pv->t.text);
	free(pv->t.pl);
	free(pv->pat);
	free(pv->pat_text);
	view_free_common(v);
	free(pv);
}

static const struct view_ops pager_ops = {
	.name = "pager",
	.keymap = KEYMAP_PAGER,
	.draw = pager_draw,
	.action = pager_action,
	.status = pager_status,
	.free = pager_free,
};

struct view *
pager_view_new(struct ui *ui, const char *doc_id, size_t line, const char *pattern)
{
	struct pager_view *pv = xcalloc(1, sizeof *pv);
	struct store *s = ui_store(ui);
	enum status st;
	size_t pos;

	pv->v.ops = &pager_ops;
	pv->v.ui = ui;
	pv->want_src = SIZE_MAX;
	st = store_doc_get(s, doc_id, &pv->doc);
	if (st == STATUS_OK)
		st = store_doc_text(s, doc_id, &pv->t.text, &pv->t.len);
	if (st != STATUS_OK) {
		ui_store_error(ui, st);
		pv->v.ui = NULL;
		pager_free(&pv->v);
		return NULL;
	}
	if (pv->t.len > UINT32_MAX)
		pv->t.len = UINT32_MAX;
	for (size_t i = 0; i < pv->t.len; i++)
		if (pv->t.text[i] == '\n')
			pv->src_lines++;
	if (pv->t.len && pv->t.text[pv->t.len - 1] != '\n')
		pv->src_lines++;
	if (line == (size_t)-1 && store_reading_get(s, doc_id, &pos) == STATUS_OK)
		line = pos;
	if (line != (size_t)-1)
		pv->want_src = line;
	else if (pattern)
		pv->want_src = 0;
	if (pattern && *pattern)
		set_pattern(pv, pattern);
	view_set_title(&pv->v, _("Document: %s"), pv->doc.title ? pv->doc.title : pv->doc.kind);
	return &pv->v;
}
