/*
 * Dokument: a pager for one document as the reading model lays it out
 * (store/reading: paragraphs reflowed, headings emphasised, footnotes
 * apart, tables aligned and scrolled sideways, page furniture dropped
 * with the page kept as a position). The text is parsed once and laid
 * out again only for a new width, both lazily: the first screen needs
 * only its own blocks (pager_layout.c), the rest follows while no key
 * waits (pager_idle). / and ? find
 * in the text as read, with highlight, n N repeat, g G, p goes to a page,
 * t lists the headings, o opens the original PDF. The position is
 * remembered per document as a source line (store_reading_set/get), so
 * it survives a new layout. This file holds the actions, the status line,
 * opening and closing; pager_layout.c the layout and find, pager_draw.c
 * the drawing (pager_internal.h).
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "draw.h"
#include "i18n.h"
#include "pager_internal.h"

static size_t top_src_line(const struct pager_view *pv);

/* Seconds open that count as having read a document ($KALLELSE_READ_SECONDS, default 30). */
static long
read_seconds(void)
{
	const char *e = getenv("KALLELSE_READ_SECONDS");
	long n = e && *e ? strtol(e, NULL, 10) : 30;

	return n > 0 ? n : 30;
}

/* ---- actions ---- */

static unsigned
scroll_to(struct pager_view *pv, size_t top)
{
	/* Laid out only as far as top and a screen need; all of it for G (SIZE_MAX). */
	top = pager_clamp_top(pv, top);
	if (pager_at_end(pv, top))
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
	pager_set_pattern(pv, q);
	free(q);
	pv->back = backward;
	if (!pager_find(pv, backward, true))
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

	pager_ensure(pv, SIZE_MAX);	/* every page mark */
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
		    pager_page_of_line(pv, pv->rv->pages[0].line),
		    pager_page_of_line(pv, pv->rv->pages[pv->rv->npages - 1].line));
	else
		pv->top = l < pager_max_top(pv) ? l : pager_max_top(pv);
	free(q);
	return UI_HANDLED | UI_REDRAW;
}

/* The contents view calls back with the heading picked. */
static void
contents_pick(void *ctx, size_t line)
{
	struct pager_view *pv = ctx;

	pv->top = line < pager_max_top(pv) ? line : pager_max_top(pv);
}

static unsigned
contents(struct pager_view *pv)
{
	const struct reading_view *rv = pv->rv;
	struct contents_entry *e;
	size_t cur = 0;
	struct view *cv;

	pager_ensure(pv, SIZE_MAX);	/* every heading */
	if (rv == NULL || rv->nheadings == 0) {
		ui_message(pv->v.ui, "%s", _("This document has no headings."));
		return UI_HANDLED | UI_REDRAW;
	}
	e = xreallocarray(NULL, rv->nheadings, sizeof *e);
	for (size_t k = 0; k < rv->nheadings; k++) {
		e[k] = (struct contents_entry){ rv->headings[k].level, rv->headings[k].label,
			rv->headings[k].title, rv->headings[k].line,
			pager_page_of_line(pv, rv->headings[k].line) };
		if (rv->headings[k].line <= pv->top)
			cur = k;
	}
	cv = contents_view_new(pv->v.ui, pv->v.title, e, rv->nheadings, cur, contents_pick, pv);
	free(e);
	ui_push(pv->v.ui, cv);
	return UI_HANDLED | UI_REDRAW;
}

/*
 * c: the next paragraph changed since the document was read, after the
 * top line; past the last one, round to the first (as n does in less
 * with wrap-around search).
 */
static unsigned
next_change(struct pager_view *pv)
{
	size_t top = pv->top, first = SIZE_MAX, next = SIZE_MAX;

	if (pv->n_changes == 0 || pv->rv == NULL) {
		ui_message(pv->v.ui, "%s", pv->doc.changed ?
		    _("Which paragraphs changed is not known: the document was read before kallelse kept them.") :
		    _("Nothing has changed since you read this document."));
		return UI_HANDLED | UI_REDRAW;
	}
	for (size_t i = 0; i < pv->n_changes; i++) {
		size_t l = pager_line_of_src_line(pv, pv->changes[i].first);

		if (l < first)
			first = l;
		if (l > top && l < next)
			next = l;
	}
	if (next == SIZE_MAX) {
		next = first;
		ui_message(pv->v.ui, "%s", _("Changed paragraphs: from the top again"));
	}
	jump_start(pv);
	/* Two lines of context above, as a search hit gets. */
	next = next > 2 ? next - 2 : 0;
	if (next == top || (next > top && pager_at_end(pv, top))) {
		ui_message(pv->v.ui, "%s", _("No further changed paragraph below"));
		return UI_HANDLED | UI_REDRAW;
	}
	pv->top = pager_clamp_top(pv, next);
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
	case ACTION_NEXT_CHANGE:
		return next_change(pv);
	case ACTION_ORIGINAL:
		/* At the page of the line on top of the screen. */
		pager_open_original(v->ui, &pv->doc, top_src_line(pv));
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
		if (!pager_find(pv, pv->back != (a == ACTION_FIND_PREV), false))
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
	return pager_src_line_of(pv, pv->rv->lines[pv->top].src);
}

static void
pager_status(struct view *v, struct buf *left, struct buf *right)
{
	struct pager_view *pv = (struct pager_view *)v;
	size_t last;
	unsigned pct = 100;
	int pg = pager_page_of_line(pv, pv->top);

	if (pg >= 0)
		buf_printf(left, _("p. %d"), pg);
	if (pv->rv && pv->top < pv->t.n_pl) {
		if (pg >= 0)
			buf_printf(left, "  ");
		buf_printf(left, _("Line %zu of %zu"), top_src_line(pv) + 1, pv->src_lines);
	}
	if (pv->n_changes)
		buf_printf(left, P_("  changed: %zu paragraph (c)", "  changed: %zu paragraphs (c)",
		    pv->n_changes), pv->n_changes);
	if (pv->pat_text)
		buf_printf(left, "  %s%s", pv->back ? "?" : "/", pv->pat_text);
	if (pv->left > 0)
		buf_printf(right, _("column %d  "), pv->left + 1);
	last = pv->top + (size_t)(pv->height > 0 ? pv->height : 1);
	if (pv->t.n_pl > 0 && !pv->t.done && pv->src_len > 0) {
		/* Not all laid out (lazily, pager_layout.c): how far by the source; not the end. */
		size_t src = pv->t.pl[last < pv->t.n_pl ? last : pv->t.n_pl - 1].src;
		pct = (unsigned)((uint64_t)src * 100 / pv->src_len);
		pct = pct < 99 ? pct : 99;
	} else if (pv->t.n_pl > 0 && last < pv->t.n_pl) {
		pct = (unsigned)((uint64_t)last * 100 / pv->t.n_pl);
	}
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
		if (pv->height > 0 && pv->want_src == SIZE_MAX && pager_at_end(pv, pv->top))
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
	free(pv->changes);
	pager_text_clear(&pv->t);
	text_matcher_free(&pv->pat);
	free(pv->pat_text);
	view_free_common(v);
	free(pv);
}

/* The paragraphs changed since the document was read: only while it is ändrad. */
static void
load_changes(struct pager_view *pv, struct store *s)
{
	struct store_para *p = NULL;
	size_t n = 0;

	free(pv->changes);
	pv->changes = NULL;
	pv->n_changes = 0;
	if (!pv->doc.changed || store_doc_changes(s, pv->doc.id, &p, &n) != STATUS_OK)
		return;
	for (size_t i = 0; i < n; i++)
		if (p[i].changed)
			p[pv->n_changes++] = p[i];
	if (pv->n_changes)
		pv->changes = p;
	else
		free(p);
}

/* The notes' lines, the read state and what changed: on opening, and after a note or u. */
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
	switch (store_doc_get(s, pv->doc.id, &d)) {
	case STATUS_OK:
		pv->doc.read = d.read;
		pv->doc.changed = d.changed;
		break;
	case STATUS_NOT_FOUND:
		v->gone = true;		/* ui_prepare closes it and says why */
		break;
	default:
		break;
	}
	store_doc_free(&d);
	load_changes(pv, s);
}

/*
 * The rest of the layout, a little at a time while no key waits (the
 * first screen only laid out what it showed): G, t, p, c and a search
 * then find it done. A step is about 200 lines, under a millisecond, so
 * a key pressed meanwhile waits no longer than that; a key that needs
 * more than is laid out (G at once) lays it out itself.
 */
static unsigned
pager_idle(struct view *v)
{
	struct pager_view *pv = (struct pager_view *)v;

	if (pv->rv == NULL || pv->t.done)
		return 0;
	pager_ensure(pv, pv->t.n_pl + 200);
	return UI_HANDLED;
}

static const struct view_ops pager_ops = {
	.name = "pager",
	.keymap = KEYMAP_PAGER,
	.draw = pager_draw,
	.action = pager_action,
	.status = pager_status,
	.idle = pager_idle,
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
	pager_load(pv);
	if (line == (size_t)-1 && store_reading_get(s, doc_id, &pos) == STATUS_OK)
		line = pos;
	if (line != (size_t)-1)
		pv->want_src = line < pv->src_lines ? line : (pv->src_lines ? pv->src_lines - 1 : 0);
	else if (pattern)
		pv->want_src = 0;
	if (pattern && *pattern)
		pager_set_pattern(pv, pattern);
	view_set_title(&pv->v, _("Document: %s"), pv->doc.title ? pv->doc.title : pv->doc.kind);
	return &pv->v;
}
