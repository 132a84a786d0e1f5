/*
 * Dokument: a pager for one document as the reading model lays it out
 * (store/reading: paragraphs reflowed, headings emphasised, footnotes
 * apart, tables aligned and scrolled sideways, page furniture dropped
 * with the page kept as a position). The text is parsed once when the
 * document opens and laid out again only for a new width. / and ? find
 * in the text as read, with highlight, n N repeat, g G, p goes to a page,
 * t lists the headings, o opens the original PDF. The position is
 * remembered per document as a source line (store_reading_set/get), so
 * it survives a new layout.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "draw.h"
#include "i18n.h"
#include "pager_text.h"
#include "reading.h"
#include "text.h"
#include "view.h"

struct pager_view {
	struct view v;
	struct store_doc doc;
	char *src;		/* the stored text */
	size_t src_len;
	size_t *line_off;	/* byte offset of each source line; src_lines + 1 entries */
	size_t src_lines;	/* lines in the source text */
	struct doc_layout *layout;	/* parsed once, when the document opens */
	struct reading_view *rv;	/* laid out for the width; NULL before the first draw */
	struct pager_text t;	/* the display lines joined, for find and drawing */
	size_t top;
	int height;
	int left;		/* columns wide table lines are scrolled sideways */
	int width;		/* layout width */
	size_t want_src;	/* before the first draw: the source line to show at the top */
	/* Find: the pattern, matched in the text itself (pager_text_find), so
	 * a match runs over line breaks; the match by byte offsets in the text. */
	struct text_matcher pat;
	char *pat_text;
	bool back;
	bool has_match;
	size_t match_line, match_start, match_len;
	/* Read state: the end was on screen, or it stayed open a while;
	 * u decides by hand (read_by_hand), and then time and end do not. */
	bool end_seen;
	bool read_by_hand;
	time_t opened;
	/* '' (less, vi): the line the last jump or search left; SIZE_MAX: none yet. */
	size_t jump_from;
	bool quote;		/* one ' pressed, the second goes back */
	/* Source lines with a note (the + in the margin), sorted; loaded by reload. */
	size_t *notes;
	size_t n_notes;
};

static size_t top_src_line(const struct pager_view *pv);

/* Whether source line src has a note. */
static bool
has_note(const struct pager_view *pv, size_t src)
{
	for (size_t i = 0; i < pv->n_notes; i++)
		if (pv->notes[i] == src)
			return true;
	return false;
}

/* Seconds open that count as having read a document ($KALLELSE_READ_SECONDS, default 30). */
static long
read_seconds(void)
{
	const char *e = getenv("KALLELSE_READ_SECONDS");
	long n = e && *e ? strtol(e, NULL, 10) : 30;

	return n > 0 ? n : 30;
}

static size_t
max_top(struct pager_view *pv)
{
	size_t h = pv->height > 0 ? (size_t)pv->height : 1;

	/* Not laid out yet (never drawn): the end is not known to be on screen. */
	if (pv->rv == NULL)
		return SIZE_MAX;
	return pv->t.n_pl > h ? pv->t.n_pl - h : 0;
}

/* ---- positions: source lines, source offsets, display lines ---- */

/* The source line holding byte off of the stored text. */
static size_t
src_line_of(const struct pager_view *pv, size_t off)
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
static size_t
line_at_src(const struct pager_view *pv, size_t off)
{
	size_t l = reading_view_line_at(pv->rv, off), src = pv->rv->lines[l].src;

	while (l > 0 && pv->rv->lines[l - 1].src == src)
		l--;
	return l;
}

/*
 * The display line for a remembered source line: the first that starts
 * in it, so that leaving and coming back shows the same top line; else
 * the line that shows its start.
 */
static size_t
line_of_src_line(const struct pager_view *pv, size_t line)
{
	size_t a = pv->line_off[line < pv->src_lines ? line : pv->src_lines];
	size_t b = line + 1 < pv->src_lines ? pv->line_off[line + 1] : pv->src_len + 1;

	for (size_t k = 0; k < pv->rv->nlines; k++)
		if (!(pv->rv->lines[k].flags & READING_LINE_BLANK) && pv->rv->lines[k].src >= a &&
		    pv->rv->lines[k].src < b)
			return k;
	return line_at_src(pv, a);
}

/* The page of the original that line l lies on, or -1. */
static int
page_of_line(const struct pager_view *pv, size_t l)
{
	int pg = -1;

	for (size_t k = 0; pv->rv && k < pv->rv->npages && pv->rv->pages[k].line <= l; k++)
		pg = pv->rv->pages[k].page >= 0 ? pv->rv->pages[k].page : pv->rv->pages[k].sheet;
	return pg;
}

/* Parse the text once: the layout is redone for each width, the parse never. */
static void
load(struct pager_view *pv)
{
	size_t n = 0;

	for (size_t i = 0; i < pv->src_len; i++)
		if (pv->src[i] == '\n')
			pv->src_lines++;
	if (pv->src_len && pv->src[pv->src_len - 1] != '\n')
		pv->src_lines++;
	pv->line_off = xreallocarray(NULL, pv->src_lines + 1, sizeof *pv->line_off);
	pv->line_off[n++] = 0;
	for (size_t i = 0; i < pv->src_len && n < pv->src_lines; i++)
		if (pv->src[i] == '\n')
			pv->line_off[n++] = i + 1;
	pv->line_off[pv->src_lines] = pv->src_len;
	pv->layout = reading_parse(pv->src, pv->src_len, NULL);
}

/* Lay out for width, keeping the line at the top by its source offset. */
static void
relayout(struct pager_view *pv, int width)
{
	size_t keep = pv->rv && pv->top < pv->rv->nlines ? pv->rv->lines[pv->top].src : 0;

	reading_view_free(&pv->rv);
	pv->rv = reading_render(pv->layout, width, 0);
	pager_text_from_view(&pv->t, pv->rv, width);
	pv->width = width;
	pv->left = 0;
	if (pv->rv->nlines == 0)
		pv->top = 0;
	else if (pv->want_src == SIZE_MAX)
		pv->top = line_at_src(pv, keep);
	else if (pv->pat.n)
		/* A search hit: the line that shows the start of its source line, where find starts. */
		pv->top = line_at_src(pv, pv->line_off[pv->want_src]);
	else
		pv->top = line_of_src_line(pv, pv->want_src);
}

/* ---- search ---- */

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
	size_t from, start, len;

	if (pv->pat.n == 0)
		return false;
	if (pv->has_match)
		from = pv->match_start + (!backward && !inclusive ? 1 : 0);
	else
		from = pv->top < pv->t.n_pl ? pv->t.pl[pv->top].off : 0;
	if (!pager_text_find(&pv->t, &pv->pat, from, backward ? 0 : SIZE_MAX, backward, &start,
	    &len))
		return false;
	pv->has_match = true;
	pv->match_start = start;
	pv->match_len = len;
	pv->match_line = pager_text_line_of_off(&pv->t, start);
	show_line(pv, pv->match_line);
	return true;
}

static void
set_pattern(struct pager_view *pv, const char *pattern)
{
	text_matcher_free(&pv->pat);
	free(pv->pat_text);
	text_matcher_init(&pv->pat, pattern, strlen(pattern));
	pv->pat_text = xstrdup(pattern);
	pv->has_match = false;
}

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
	size_t lo = p->off, hi = (size_t)p->off + p->len, at, from, ms, ml;
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
	/* A note's + in the left margin. */
	/* A reflowed paragraph spans several source lines: the + goes on the first
	 * display line of the note's source line, or on the top line when that
	 * first one is scrolled away. */
	if (pv->n_notes && has_note(pv, src_line_of(pv, rl->src)) && (l == 0 || l == pv->top ||
	    src_line_of(pv, pv->rv->lines[l - 1].src) != src_line_of(pv, rl->src))) {
		struct draw m = draw_at(w, y, 0, 1);
		draw_str(&m, "+", draw_attr(STYLE_MARKER));
	}
}

static void
pager_draw(struct view *v, WINDOW *w, int rows, int cols)
{
	struct pager_view *pv = (struct pager_view *)v;
	/* A margin of one column on each side. */
	int width = cols > 4 ? cols - 2 : cols;

	pv->height = rows;
	/* Laying out again for a new width is all a draw may change (view.h). */
	if (pv->rv == NULL || pv->width != width) {
		pv->has_match = false;
		relayout(pv, width);
		if (pv->want_src != SIZE_MAX) {
			pv->want_src = SIZE_MAX;
			if (pv->pat.n && find(pv, false, true))
				show_line(pv, pv->match_line);
		}
	}
	if (pv->t.n_pl == 0) {
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
	if (top == mt)
		pv->end_seen = true;
	if (top == pv->top)
		return UI_HANDLED | UI_BEEP;
	pv->top = top;
	return UI_HANDLED | UI_REDRAW;
}

/* Tables wider than the window move sideways by half a window. */
static unsigned
scroll_side(struct pager_view *pv, int dir)
{
	int step = pv->width > 8 ? pv->width / 2 : 4;
	int most = pv->rv && pv->rv->max_width > pv->width ? pv->rv->max_width - pv->width : 0;
	int left = pv->left + dir * step;

	if (left > most)
		left = most;
	if (left < 0)
		left = 0;
	if (left == pv->left) {
		/* Left with nothing to undo goes back, as it does everywhere else. */
		if (dir < 0)
			return UI_HANDLED | UI_BACK;
		return UI_HANDLED | UI_BEEP;
	}
	pv->left = left;
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

/* Remember where a jump or search starts, for ''. */
static void
jump_start(struct pager_view *pv)
{
	pv->jump_from = pv->top;
}

static unsigned
jump_back(struct pager_view *pv)
{
	size_t to = pv->jump_from;

	if (!pv->quote) {
		/* The first ': wait for the second, as less does. */
		pv->quote = true;
		ui_message(pv->v.ui, "%s", "'");
		return UI_HANDLED | UI_REDRAW;
	}
	if (to == SIZE_MAX) {
		ui_message(pv->v.ui, "%s", _("No jump or search yet to go back from"));
		return UI_HANDLED | UI_REDRAW;
	}
	pv->jump_from = pv->top;
	pv->top = to;
	return UI_HANDLED | UI_REDRAW;
}

static unsigned
goto_page(struct pager_view *pv)
{
	char *q, *end;
	long pg;
	size_t l;

	if (pv->rv == NULL || pv->rv->npages == 0) {
		ui_message(pv->v.ui, "%s", _("This document has no page numbers to go to."));
		return UI_HANDLED | UI_REDRAW;
	}
	if ((q = ui_prompt(pv->v.ui, _("Go to page: "), NULL)) == NULL)
		return UI_HANDLED | UI_REDRAW;
	pg = strtol(q, &end, 10);
	while (*end == ' ')
		end++;
	if (end == q || *end != '\0' || pg < 0 || pg > 1000000 ||
	    (l = reading_view_page_line(pv->rv, (int)pg)) == READING_NONE)
		ui_message(pv->v.ui, _("No page %s in this document: its pages are %d to %d."), q,
		    page_of_line(pv, pv->rv->pages[0].line),
		    page_of_line(pv, pv->rv->pages[pv->rv->npages - 1].line));
	else
		pv->top = l < max_top(pv) ? l : max_top(pv);
	free(q);
	return UI_HANDLED | UI_REDRAW;
}

/* The contents view calls back with the heading picked. */
static void
contents_pick(void *ctx, size_t line)
{
	struct pager_view *pv = ctx;

	pv->top = line < max_top(pv) ? line : max_top(pv);
}

static unsigned
contents(struct pager_view *pv)
{
	const struct reading_view *rv = pv->rv;
	struct contents_entry *e;
	size_t cur = 0;
	struct view *cv;

	if (rv == NULL || rv->nheadings == 0) {
		ui_message(pv->v.ui, "%s", _("This document has no headings."));
		return UI_HANDLED | UI_REDRAW;
	}
	e = xreallocarray(NULL, rv->nheadings, sizeof *e);
	for (size_t k = 0; k < rv->nheadings; k++) {
		e[k] = (struct contents_entry){ rv->headings[k].level, rv->headings[k].label,
			rv->headings[k].title, rv->headings[k].line,
			page_of_line(pv, rv->headings[k].line) };
		if (rv->headings[k].line <= pv->top)
			cur = k;
	}
	cv = contents_view_new(pv->v.ui, pv->v.title, e, rv->nheadings, cur, contents_pick, pv);
	free(e);
	ui_push(pv->v.ui, cv);
	return UI_HANDLED | UI_REDRAW;
}

static unsigned
pager_action(struct view *v, enum action a)
{
	struct pager_view *pv = (struct pager_view *)v;
	size_t h = pv->height > 1 ? (size_t)pv->height : 1;
	bool quote = pv->quote;

	pv->quote = false;
	switch (a) {
	case ACTION_JUMP_BACK:
		pv->quote = quote;
		return jump_back(pv);
	case ACTION_NOTE_ADD:
		ui_note_add(v->ui, pv->doc.id, NULL, top_src_line(pv));
		v->stale = true;
		return UI_HANDLED | UI_REDRAW;
	case ACTION_NOTES:
		ui_push(v->ui, notes_view_new(v->ui, pv->doc.meeting_id));
		return UI_HANDLED | UI_REDRAW;
	case ACTION_TOGGLE_READ:
		ui_toggle_read(v->ui, &pv->doc);
		pv->read_by_hand = true;
		v->stale = true;
		return UI_HANDLED | UI_REDRAW;
	case ACTION_MOVE_DOWN:
		return scroll_to(pv, pv->top + 1);
	case ACTION_MOVE_UP:
		return scroll_to(pv, pv->top ? pv->top - 1 : 0);
	case ACTION_PAGE_DOWN:
		return scroll_to(pv, pv->top + h);
	case ACTION_PAGE_UP:
		return scroll_to(pv, pv->top > h ? pv->top - h : 0);
	case ACTION_FIRST:
		jump_start(pv);
		return scroll_to(pv, 0);
	case ACTION_LAST:
		jump_start(pv);
		return scroll_to(pv, SIZE_MAX);
	case ACTION_SCROLL_LEFT:
		return scroll_side(pv, -1);
	case ACTION_SCROLL_RIGHT:
		return scroll_side(pv, 1);
	case ACTION_GOTO_PAGE:
		return goto_page(pv);
	case ACTION_CONTENTS:
		return contents(pv);
	case ACTION_ORIGINAL:
		pager_open_original(v->ui, &pv->doc, page_of_line(pv, 0));
		return UI_HANDLED | UI_REDRAW;
	case ACTION_FIND:
		jump_start(pv);
		return prompt_find(pv, false);
	case ACTION_FIND_BACK:
		jump_start(pv);
		return prompt_find(pv, true);
	case ACTION_FIND_NEXT:
	case ACTION_FIND_PREV:
		if (pv->pat.n == 0) {
			ui_message(v->ui, "%s", _("No search yet: press / to find text"));
			return UI_HANDLED | UI_REDRAW;
		}
		jump_start(pv);
		if (!find(pv, pv->back != (a == ACTION_FIND_PREV), false))
			ui_message(v->ui, _("No more matches for %s"), pv->pat_text);
		return UI_HANDLED | UI_REDRAW;
	case ACTION_OPEN:
		return UI_BEEP;
	default:
		return 0;
	}
}

/* The source line at the top of the screen (what the store keeps). */
static size_t
top_src_line(const struct pager_view *pv)
{
	if (pv->want_src != SIZE_MAX || pv->rv == NULL)
		return pv->want_src != SIZE_MAX ? pv->want_src : 0;
	if (pv->top >= pv->rv->nlines)
		return 0;
	return src_line_of(pv, pv->rv->lines[pv->top].src);
}

static void
pager_status(struct view *v, struct buf *left, struct buf *right)
{
	struct pager_view *pv = (struct pager_view *)v;
	size_t last;
	unsigned pct = 100;
	int pg = page_of_line(pv, pv->top);

	if (pg >= 0)
		buf_printf(left, _("p. %d"), pg);
	if (pv->rv && pv->top < pv->t.n_pl) {
		if (pg >= 0)
			buf_printf(left, "  ");
		buf_printf(left, _("Line %zu of %zu"), top_src_line(pv) + 1, pv->src_lines);
	}
	if (pv->pat_text)
		buf_printf(left, "  %s%s", pv->back ? "?" : "/", pv->pat_text);
	if (pv->left > 0)
		buf_printf(right, _("column %d  "), pv->left + 1);
	last = pv->top + (size_t)(pv->height > 0 ? pv->height : 1);
	if (pv->t.n_pl > 0 && last < pv->t.n_pl)
		pct = (unsigned)((uint64_t)last * 100 / pv->t.n_pl);
	buf_printf(right, "%u%%", pct);
}

/* The writes closing a document makes (through ui_write: a busy database waits in a queue). */
static enum status
save_position(struct store *s, struct ui_write *w)
{
	return store_reading_set(s, w->a, w->n);
}

static enum status
save_read(struct store *s, struct ui_write *w)
{
	return store_read_set(s, w->a, true);
}

static void
pager_free(struct view *v)
{
	struct pager_view *pv = (struct pager_view *)v;

	if (pv->doc.id && pv->v.ui) {
		size_t src = top_src_line(pv);
		struct ui_write w = { .fn = save_position, .a = pv->doc.id, .n = src,
			.what = N_("reading position") };

		/* Best effort: a read-only database just forgets the position. */
		ui_write(v->ui, &w);
		/* The last screen showed the end (a short document shows it at once). */
		if (pv->height > 0 && pv->want_src == SIZE_MAX && pv->top >= max_top(pv))
			pv->end_seen = true;
		if (!pv->read_by_hand && !pv->doc.read && (pv->end_seen
		    || time(NULL) - pv->opened >= read_seconds()))
		{
			w.fn = save_read;
			w.what = N_("read state");
			ui_write(v->ui, &w);
		}
	}
	store_doc_free(&pv->doc);
	free(pv->src);
	free(pv->line_off);
	reading_view_free(&pv->rv);
	reading_free(&pv->layout);
	free(pv->notes);
	free(pv->t.text);
	free(pv->t.pl);
	text_matcher_free(&pv->pat);
	free(pv->pat_text);
	view_free_common(v);
	free(pv);
}

/* The notes' lines and the read state: on opening, and after a note or u. */
static void
pager_reload(struct view *v)
{
	struct pager_view *pv = (struct pager_view *)v;
	struct store *s = ui_store(v->ui);
	struct store_note *notes = NULL;
	struct store_doc d = { 0 };
	size_t n = 0;

	free(pv->notes);
	pv->notes = NULL;
	pv->n_notes = 0;
	if (store_notes(s, NULL, pv->doc.id, &notes, &n) == STATUS_OK && n > 0) {
		pv->notes = xcalloc(n, sizeof *pv->notes);
		for (size_t i = 0; i < n; i++)
			if (notes[i].doc_id)
				pv->notes[pv->n_notes++] = notes[i].position;
	}
	store_notes_free(notes, n);
	if (store_doc_get(s, pv->doc.id, &d) == STATUS_OK) {
		pv->doc.read = d.read;
		pv->doc.changed = d.changed;
	}
	store_doc_free(&d);
}

static const struct view_ops pager_ops = {
	.name = "pager",
	.keymap = KEYMAP_PAGER,
	.draw = pager_draw,
	.action = pager_action,
	.status = pager_status,
	.reload = pager_reload,
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
	pv->jump_from = SIZE_MAX;
	pv->v.stale = true;	/* the notes load before the first draw */
	pv->opened = time(NULL);
	st = store_doc_get(s, doc_id, &pv->doc);
	if (st == STATUS_OK)
		st = store_doc_text(s, doc_id, &pv->src, &pv->src_len);
	if (st != STATUS_OK) {
		ui_store_error(ui, st);
		pv->v.ui = NULL;
		pager_free(&pv->v);
		return NULL;
	}
	/* Display lines keep 32-bit offsets. */
	if (pv->src_len > UINT32_MAX / 2)
		pv->src_len = UINT32_MAX / 2;
	load(pv);
	if (line == (size_t)-1 && store_reading_get(s, doc_id, &pos) == STATUS_OK)
		line = pos;
	if (line != (size_t)-1)
		pv->want_src = line < pv->src_lines ? line : (pv->src_lines ? pv->src_lines - 1 : 0);
	else if (pattern)
		pv->want_src = 0;
	if (pattern && *pattern)
		set_pattern(pv, pattern);
	view_set_title(&pv->v, _("Document: %s"), pv->doc.title ? pv->doc.title : pv->doc.kind);
	return &pv->v;
}
