/*
 * Drawing one screen of the pager: each display line with its style, the
 * parts of find matches on it (a match may run over line breaks), the ‹ ›
 * of a table wider than the window and a note's + in the margin. A draw
 * only lays out again when the width changed (view.h), and lays out
 * further as far as the screen shows (the layout is lazy).
 */
#include "config.h"

#include <stdint.h>

#include "draw.h"
#include "i18n.h"
#include "pager_internal.h"

/* ---- drawing ---- */

/*
 * Where to look for matches that reach into line l: a match covers at most
 * one non-blank display line per character of the pattern, so start that
 * many non-blank lines up.
 */
static size_t
match_scan_start(const struct pager_view *pv, size_t l)
{
	size_t k = l, left = pv->pat.n;

	while (k > 0 && left > 0) {
		k--;
		if (pv->t.pl[k].len > 0)
			left--;
	}
	return pv->t.pl[k].off;
}

static attr_t
line_attr(unsigned flags)
{
	if (flags & READING_LINE_HEADING)
		return draw_attr(STYLE_HEADING);
	if (flags & READING_LINE_HEADER)
		return A_BOLD;
	if (flags & READING_LINE_NOTE)
		return draw_attr(STYLE_DIM);
	return A_NORMAL;
}

static void
draw_line(struct pager_view *pv, WINDOW *w, int y, int cols, size_t l)
{
	const struct pline *p = &pv->t.pl[l];
	const struct reading_line *rl = &pv->rv->lines[l];
	const char *text = pv->t.text;
	attr_t a = line_attr(rl->flags);
	struct draw d = draw_at(w, y, 1, cols);
	size_t lo = p->off, hi = (size_t)p->off + p->len, at, from, ms, ml, src;
	/* Only table rows move sideways: prose and a table's caption are wrapped and never cut. */
	bool side = (rl->flags & (READING_LINE_TABLE | READING_LINE_HEADING)) == READING_LINE_TABLE;
	bool wide = side && rl->width > pv->width;

	if (side && pv->left > 0) {
		int used;
		lo += text_fit(text + lo, hi - lo, pv->left, &used);
		if (used < pv->left && lo < hi)
			lo += text_fit(text + lo, hi - lo, 1, &used);
	}
	at = lo;
	if (wide && rl->width - pv->left > pv->width)
		d.right = cols - 1;
	from = pv->pat.n ? match_scan_start(pv, l) : hi;
	/* The parts of matches on this line; a match may begin or end on another. */
	while (from < hi && pager_text_find(&pv->t, &pv->pat, from, hi, false, &ms, &ml)) {
		bool current = pv->has_match && pv->match_start == ms;
		size_t b = ms > at ? ms : at, e = ms + ml < hi ? ms + ml : hi;

		from = ms + (ml ? ml : 1);
		if (e <= b)
			continue;
		draw_text(&d, text + at, b - at, a);
		draw_text(&d, text + b, e - b, draw_attr(STYLE_MATCH) |
		    (current ? A_REVERSE | A_BOLD : 0));
		at = e;
	}
	if (at < hi)
		draw_text(&d, text + at, hi - at, a);
	/* A wide table row says there is more to the side. */
	if (wide && rl->width - pv->left > pv->width) {
		struct draw m = draw_at(w, y, cols - 1, cols);
		draw_str(&m, "›", draw_attr(STYLE_MARKER));
	}
	if (wide && pv->left > 0) {
		struct draw m = draw_at(w, y, 0, 1);
		draw_str(&m, "‹", draw_attr(STYLE_MARKER));
	}
	/*
	 * The left margin: a note's + on the first display line of its source
	 * line (a reflowed paragraph spans several; or on the top line when
	 * that first one is scrolled away); else a bar beside every line of a
	 * paragraph changed since the document was read.
	 */
	src = pager_src_line_of(pv, rl->src);
	if (pv->n_notes && pager_has_note(pv, src) && (l == 0 || l == pv->top ||
	    pager_src_line_of(pv, pv->rv->lines[l - 1].src) != src)) {
		struct draw m = draw_at(w, y, 0, 1);
		draw_str(&m, "+", draw_attr(STYLE_MARKER));
	} else if (pv->n_changes && !(rl->flags & READING_LINE_BLANK) && pager_src_changed(pv, src)) {
		struct draw m = draw_at(w, y, 0, 1);
		draw_str(&m, "│", draw_attr(STYLE_MARKER));
	}
}

void
pager_draw(struct view *v, WINDOW *w, int rows, int cols)
{
	struct pager_view *pv = (struct pager_view *)v;
	/* A margin of one column on each side. */
	int width = cols > 4 ? cols - 2 : cols;

	pv->height = rows;
	/* Laying out again for a new width is all a draw may change (view.h). */
	if (pv->rv == NULL || pv->width != width) {
		pv->has_match = false;
		pager_relayout(pv, width);
		if (pv->want_src != SIZE_MAX) {
			pv->want_src = SIZE_MAX;
			if (pv->pat.n && pager_find(pv, false, true))
				pager_show_line(pv, pv->match_line);
		}
	}
	/* The layout is lazy: as far as this screen (and one line more, to know the end is not on it). */
	pager_ensure(pv, pv->top + (size_t)(rows > 0 ? rows : 1));
	if (pv->t.n_pl == 0) {
		struct draw d = draw_at(w, 0, 1, cols);
		draw_str(&d, _("This document has no text."), A_NORMAL);
	}
	for (int y = 0; y < rows && pv->top + (size_t)y < pv->t.n_pl; y++)
		draw_line(pv, w, y, cols, pv->top + (size_t)y);
	v->cursor_y = 0;
}
