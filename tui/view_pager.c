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
#include <time.h>

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

	pager_text_ensure(&pv->t, pv->top + 2 * h + 1);
	if (!pv->t.done)
		return SIZE_MAX;
	return pv->t.n_pl > h ? pv->t.n_pl - h : 0;
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
	pager_text_ensure(&pv->t, pv->top + 1);
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

static void
draw_line(struct pager_view *pv, WINDOW *w, int y, int cols, size_t l)
{
	const struct pline *p = &pv->t.pl[l];
	const char *text = pv->t.text;
	attr_t a = p->kind == PL_HEADING ? draw_attr(STYLE_HEADING) : A_NORMAL;
	struct draw d = draw_at(w, y, 1 + p->indent, cols);
	size_t lo = p->off, hi = (size_t)p->off + p->len, at = lo, from, ms, ml;

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
	/* A note's + in the left margin, on the first screen line of its source line. */
	if (pv->n_notes && (l == 0 || pv->t.pl[l - 1].src != p->src) && has_note(pv, p->src)) {
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
	if (pv->t.width != width) {
		size_t keep = pv->top < pv->t.n_pl ? pv->t.pl[pv->top].off : 0;

		pv->has_match = false;
		pv->top = pager_text_layout(&pv->t, width, keep);
		if (pv->want_src != SIZE_MAX) {
			pv->top = pager_text_line_of_src(&pv->t, pv->want_src);
			pv->want_src = SIZE_MAX;
			if (pv->pat.n && find(pv, false, true))
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
	if (top == mt)
		pv->end_seen = true;
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

/* The source line at the top of the screen. */
static size_t
top_src(const struct pager_view *pv)
{
	if (pv->want_src != SIZE_MAX)
		return pv->want_src;
	return pv->top < pv->t.n_pl ? pv->t.pl[pv->top].src : 0;
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
		ui_note_add(v->ui, pv->doc.id, NULL, top_src(pv));
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
		pager_text_ensure(&pv->t, SIZE_MAX);
		return scroll_to(pv, SIZE_MAX);
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
		/* The last screen showed the end (a short document shows it at once). */
		if (pv->height > 0 && pv->want_src == SIZE_MAX && pv->top >= max_top(pv))
			pv->end_seen = true;
		if (!pv->read_by_hand && !pv->doc.read && (pv->end_seen
		    || time(NULL) - pv->opened >= read_seconds()))
			store_read_set(ui_store(v->ui), pv->doc.id, true);
	}
	store_doc_free(&pv->doc);
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
