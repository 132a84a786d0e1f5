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
};

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
		if (pv->pat.n == 0) {
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
		size_t src = pv->top < pv->t.n_pl ? pv->t.pl[pv->top].src : 0;
		if (pv->want_src != SIZE_MAX)
			src = pv->want_src;
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
	free(pv->t.text);
	free(pv->t.pl);
	text_matcher_free(&pv->pat);
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
