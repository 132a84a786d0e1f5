/*
 * The pager's document: parsed once when it opens (pager_load), laid out
 * again for each width (pager_relayout) keeping the top line by its source
 * offset; positions between source lines (what the store remembers),
 * source offsets and display lines; find in the text as read.
 *
 * Parse and layout are lazy (reading_parse_start, reading_render_start):
 * only as far as the screen, a position or a search needs (pager_ensure,
 * pager_ensure_src). Opening the 9,000-line SOU parsed and laid it all
 * out first: 87% of the instructions to its first screen (issue 17).
 * The rest is laid out while no key waits (pager_idle), or at once for
 * G, t, p and c.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pager_internal.h"
#include "xmalloc.h"

/* Whether source line src has a note. */
bool
pager_has_note(const struct pager_view *pv, size_t src)
{
	for (size_t i = 0; i < pv->n_notes; i++)
		if (pv->notes[i] == src)
			return true;
	return false;
}

/* Whether source line src lies in a paragraph changed since the document was read. */
bool
pager_src_changed(const struct pager_view *pv, size_t src)
{
	for (size_t i = 0; i < pv->n_changes; i++)
		if (src >= pv->changes[i].first && src < pv->changes[i].first + pv->changes[i].count)
			return true;
	return false;
}

/* Lay out until there are at least n display lines (more when there are), or all (SIZE_MAX). */
void
pager_ensure(struct pager_view *pv, size_t n)
{
	if (pv->rv == NULL || pv->rv->more == NULL)
		return;
	reading_view_extend(pv->rv, n);
	pager_text_sync(&pv->t, pv->rv, pv->width);
}

/* Lay out until every display line starting at or before source offset off is. */
void
pager_ensure_src(struct pager_view *pv, size_t off)
{
	if (pv->rv == NULL || pv->rv->more == NULL)
		return;
	reading_view_extend_src(pv->rv, off);
	pager_text_sync(&pv->t, pv->rv, pv->width);
}

/* The last top line there can be: lays out all of the document. */
size_t
pager_max_top(struct pager_view *pv)
{
	size_t h = pv->height > 0 ? (size_t)pv->height : 1;

	/* Not laid out yet (never drawn): the end is not known to be on screen. */
	if (pv->rv == NULL)
		return SIZE_MAX;
	pager_ensure(pv, SIZE_MAX);
	return pv->t.n_pl > h ? pv->t.n_pl - h : 0;
}

/*
 * top, or the last top line when top is past it; SIZE_MAX: the end. Lays
 * out only as far as top and a screen: when more follows, top is not past it.
 */
size_t
pager_clamp_top(struct pager_view *pv, size_t top)
{
	size_t h = pv->height > 0 ? (size_t)pv->height : 1;

	if (pv->rv == NULL)
		return top;
	pager_ensure(pv, top < SIZE_MAX - h ? top + h : SIZE_MAX);
	if (!pv->t.done)
		return top;
	return top < pager_max_top(pv) ? top : pager_max_top(pv);
}

/* Whether a screen from top shows the end of the document (top from pager_clamp_top). */
bool
pager_at_end(struct pager_view *pv, size_t top)
{
	size_t h = pv->height > 0 ? (size_t)pv->height : 1;

	/* Not laid out yet: only G is known to go to the end. */
	if (pv->rv == NULL)
		return top == SIZE_MAX;
	pager_ensure(pv, top < SIZE_MAX - h ? top + h : SIZE_MAX);
	return pv->t.done && top >= pager_max_top(pv);
}

/* ---- positions: source lines, source offsets, display lines ---- */

/* The source line holding byte off of the stored text. */
size_t
pager_src_line_of(const struct pager_view *pv, size_t off)
{
	size_t lo = 0, hi = pv->src_lines;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (pv->line_off[mid] <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 ? lo - 1 : 0;
}

/*
 * The display line showing source offset off: the first of the lines
 * that start furthest on at or before it (a table's rows all start at the
 * table's offset: its first row, not its last).
 */
size_t
pager_line_at_src(struct pager_view *pv, size_t off)
{
	size_t l, src;

	pager_ensure_src(pv, off);
	if (pv->rv->nlines == 0)
		return 0;
	l = reading_view_line_at(pv->rv, off);
	src = pv->rv->lines[l].src;

	while (l > 0 && pv->rv->lines[l - 1].src == src)
		l--;
	return l;
}

/*
 * The display line for a remembered source line: the first that starts
 * in it, so that leaving and coming back shows the same top line; else
 * the line that shows its start.
 */
size_t
pager_line_of_src_line(struct pager_view *pv, size_t line)
{
	size_t a = pv->line_off[line < pv->src_lines ? line : pv->src_lines];
	size_t b = line + 1 < pv->src_lines ? pv->line_off[line + 1] : pv->src_len + 1;

	pager_ensure_src(pv, b > 0 ? b - 1 : 0);
	for (size_t k = 0; k < pv->rv->nlines; k++)
		if (!(pv->rv->lines[k].flags & READING_LINE_BLANK) && pv->rv->lines[k].src >= a &&
		    pv->rv->lines[k].src < b)
			return k;
	return pager_line_at_src(pv, a);
}

/* The page of the original that line l lies on, or -1. */
int
pager_page_of_line(const struct pager_view *pv, size_t l)
{
	int pg = -1;

	for (size_t k = 0; pv->rv && k < pv->rv->npages && pv->rv->pages[k].line <= l; k++)
		pg = pv->rv->pages[k].page >= 0 ? pv->rv->pages[k].page : pv->rv->pages[k].sheet;
	return pg;
}

/* Parse the text once, lazily: the layout is redone for each width, the parse never. */
void
pager_load(struct pager_view *pv)
{
	size_t n = 0, cap = 256;
	const char *p = pv->src, *end = pv->src + pv->src_len, *nl;

	/* One pass with memchr: a byte loop, twice over, was 6 M instructions on the SOU. */
	pv->line_off = xreallocarray(NULL, cap, sizeof *pv->line_off);
	while (p < end) {
		if (n + 2 > cap) {
			cap *= 2;
			pv->line_off = xreallocarray(pv->line_off, cap, sizeof *pv->line_off);
		}
		pv->line_off[n++] = (size_t)(p - pv->src);
		nl = memchr(p, '\n', (size_t)(end - p));
		p = nl ? nl + 1 : end;
	}
	if (n == 0)
		pv->line_off[0] = 0;
	pv->src_lines = n;
	pv->line_off[n] = pv->src_len;
	/* The blocks as the layout needs them (reading_parse_start): the SOU's first screen needs few. */
	pv->layout = reading_parse_start(pv->src, pv->src_len, NULL);
}

/* Lay out for width, keeping the line at the top by its source offset. */
void
pager_relayout(struct pager_view *pv, int width)
{
	size_t keep = pv->rv && pv->top < pv->rv->nlines ? pv->rv->lines[pv->top].src : 0;

	reading_view_free(&pv->rv);
	pager_text_clear(&pv->t);
	pv->rv = reading_render_start(pv->layout, width, 0);
	pv->width = width;
	pv->left = 0;
	pager_text_sync(&pv->t, pv->rv, width);
	if (pv->want_src == SIZE_MAX)
		pv->top = pager_line_at_src(pv, keep);
	else if (pv->pat.n)
		/* A search hit: the line that shows the start of its source line, where find starts. */
		pv->top = pager_line_at_src(pv, pv->line_off[pv->want_src]);
	else
		pv->top = pager_line_of_src_line(pv, pv->want_src);
	if (pv->rv->nlines == 0)
		pv->top = 0;
}

/* ---- search ---- */

/* Show line l: scroll only when it is off screen, then with two lines of context. */
void
pager_show_line(struct pager_view *pv, size_t l)
{
	size_t h = pv->height > 0 ? (size_t)pv->height : 1;

	if (l >= pv->top && l < pv->top + h)
		return;
	pv->top = l > 2 ? l - 2 : 0;
}

bool
pager_find(struct pager_view *pv, bool backward, bool inclusive)
{
	size_t from, start, len;

	if (pv->pat.n == 0)
		return false;
	if (pv->has_match)
		from = pv->match_start + (!backward && !inclusive ? 1 : 0);
	else
		from = pv->top < pv->t.n_pl ? pv->t.pl[pv->top].off : 0;
	for (;;) {
		bool found = pager_text_find(&pv->t, &pv->pat, from, backward ? 0 : SIZE_MAX,
		    backward, &start, &len);

		/*
		 * Backward, all before from is laid out. Forward, a match is sure
		 * inside the text laid out so far (at its end a run of white
		 * space could go on); else lay out twice as much and look again.
		 */
		if (backward || pv->t.done || pv->rv == NULL || (found && start + len < pv->t.len)) {
			if (!found)
				return false;
			break;
		}
		pager_ensure(pv, pv->t.n_pl * 2 + 64);
	}
	pv->has_match = true;
	pv->match_start = start;
	pv->match_len = len;
	pv->match_line = pager_text_line_of_off(&pv->t, start);
	pager_show_line(pv, pv->match_line);
	return true;
}

void
pager_set_pattern(struct pager_view *pv, const char *pattern)
{
	text_matcher_free(&pv->pat);
	free(pv->pat_text);
	text_matcher_init(&pv->pat, pattern, strlen(pattern));
	pv->pat_text = xstrdup(pattern);
	pv->has_match = false;
}
