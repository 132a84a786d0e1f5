/*
 * The print preview: the agenda's pages exactly as tui/print lays them
 * out for paper (the same page breaks), one page at a time inside a
 * frame, with the checks above it. PgUp/PgDn turn pages, Up/Down scroll
 * a page taller than the screen, z switches between fit to width (the
 * page's columns scaled into a narrow terminal) and actual size.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "i18n.h"
#include "print.h"
#include "view.h"

/* Problems listed above the page; more are counted. */
#define CHECKS_SHOWN 3

struct preview_view {
	struct view v;
	char *meeting_id;
	enum print_variant variant;
	struct print_agenda agenda;
	struct print_doc doc;
	struct print_problem *problems;
	size_t n_problems;
	size_t page;		/* shown, from 0 */
	int top;		/* first line of the page on screen */
	int height;		/* page lines on screen at the last draw */
	bool actual;		/* actual size, else fit to width */
};

static void
preview_clear(struct preview_view *pv)
{
	print_doc_free(&pv->doc);
	print_problems_free(pv->problems, pv->n_problems);
	pv->problems = NULL;
	pv->n_problems = 0;
	print_agenda_free(&pv->agenda);
}

/* Read the meeting and lay it out: once when opened and when back on top, never in draw. */
static enum status
load(struct preview_view *pv)
{
	enum status st;

	preview_clear(pv);
	if ((st = print_agenda_load(ui_store(pv->v.ui), pv->meeting_id, &pv->agenda)) != STATUS_OK)
		return st;
	print_layout(&pv->agenda, pv->variant, &pv->doc);
	pv->n_problems = print_check(&pv->agenda, pv->variant, &pv->problems);
	if (pv->page >= pv->doc.n_pages)
		pv->page = pv->doc.n_pages ? pv->doc.n_pages - 1 : 0;
	return STATUS_OK;
}

/* Rows the checks take at the top. */
static int
checks_rows(const struct preview_view *pv)
{
	size_t n = pv->n_problems;

	if (n == 0)
		return 1;
	return 1 + (int)(n < CHECKS_SHOWN ? n : CHECKS_SHOWN) + (n > CHECKS_SHOWN);
}

static void
draw_checks(struct preview_view *pv, WINDOW *w, int cols)
{
	struct draw d = draw_at(w, 0, 0, cols);
	char buf[256];
	int y = 1;

	draw_str(&d, " ", A_NORMAL);
	if (pv->n_problems == 0) {
		draw_str(&d, _("Checks: all passed"), draw_attr(STYLE_DIM));
		return;
	}
	snprintf(buf, sizeof buf, P_("Checks: %zu problem", "Checks: %zu problems", pv->n_problems),
	    pv->n_problems);
	draw_str(&d, buf, draw_attr(STYLE_ERROR) | A_BOLD);
	for (size_t i = 0; i < pv->n_problems && i < CHECKS_SHOWN; i++, y++) {
		d = draw_at(w, y, 0, cols);
		draw_str(&d, " ! ", draw_attr(STYLE_CONFIDENTIAL));
		draw_str(&d, pv->problems[i].message, A_NORMAL);
	}
	if (pv->n_problems > CHECKS_SHOWN) {
		d = draw_at(w, y, 0, cols);
		snprintf(buf, sizeof buf, _("   … and %zu more (kallelse print --check lists them all)"),
		    pv->n_problems - CHECKS_SHOWN);
		draw_str(&d, buf, draw_attr(STYLE_DIM));
	}
}

/* A frame line: left corner, a label in the rule, right corner. */
static void
rule(WINDOW *w, int y, int x, int width, const char *l, const char *r, const char *label)
{
	struct draw d = draw_at(w, y, x, x + width);

	draw_str(&d, l, A_NORMAL);
	if (label) {
		draw_str(&d, "─ ", A_NORMAL);
		draw_str(&d, label, A_BOLD);
		draw_str(&d, " ", A_NORMAL);
	}
	while (d.x < x + width - 1)
		draw_str(&d, "─", A_NORMAL);
	draw_str(&d, r, A_NORMAL);
}

static void
preview_draw(struct view *v, WINDOW *w, int rows, int cols)
{
	struct preview_view *pv = (struct preview_view *)v;
	const struct print_page *p;
	int y0 = checks_rows(pv), inner, fx = 0, fw, lines;
	char label[64];

	v->cursor_y = -1;
	draw_checks(pv, w, cols);
	if (pv->doc.n_pages == 0)
		return;
	p = &pv->doc.pages[pv->page];
	/* The frame: the page's width at actual size, else what the terminal has. */
	inner = pv->actual || cols - 2 >= pv->doc.cols ? pv->doc.cols : cols - 2;
	if (inner < 10)
		inner = 10;
	fw = inner + 2;
	if (fw < cols)
		fx = (cols - fw) / 2;
	lines = rows - y0 - 2;
	if (lines < 1)
		lines = 1;
	pv->height = lines;
	if (pv->top > pv->doc.lines - lines)
		pv->top = pv->doc.lines - lines > 0 ? pv->doc.lines - lines : 0;
	snprintf(label, sizeof label, _("Page %zu of %zu"), pv->page + 1, pv->doc.n_pages);
	rule(w, y0, fx, fw, pv->top > 0 ? "┌" : "┌", "┐", label);
	for (int y = 0; y < lines; y++) {
		struct draw d = draw_at(w, y0 + 1 + y, fx, fx + fw);

		draw_str(&d, "│", A_NORMAL);
		d = draw_at(w, y0 + 1 + y, fx + fw - 1, fx + fw);
		draw_str(&d, "│", A_NORMAL);
	}
	rule(w, y0 + 1 + lines, fx, fw, "└", "┘",
	    pv->top + lines < pv->doc.lines ? _("more below: Down") : NULL);
	for (size_t i = 0; i < p->n_runs; i++) {
		const struct print_run *r = &p->runs[i];
		int line = r->line - pv->top, x, width;
		struct draw d;

		if (line < 0 || line >= lines)
			continue;
		/* Fit to width scales the columns; a run keeps at least its first character. */
		x = r->col * inner / pv->doc.cols;
		width = r->width * inner / pv->doc.cols;
		if (width < 1)
			width = 1;
		if (x >= inner)
			continue;
		if (x + width > inner)
			width = inner - x;
		d = draw_at(w, y0 + 1 + line, fx + 1 + x, fx + 1 + x + width);
		draw_str(&d, r->text, r->style == PRINT_PLAIN ? A_NORMAL : A_BOLD);
	}
}

static unsigned
preview_action(struct view *v, enum action a)
{
	struct preview_view *pv = (struct preview_view *)v;
	int max_top = pv->doc.lines - pv->height;

	switch (a) {
	case ACTION_PAGE_DOWN:
		if (pv->page + 1 >= pv->doc.n_pages)
			return UI_BEEP;
		pv->page++;
		pv->top = 0;
		return UI_HANDLED | UI_REDRAW;
	case ACTION_PAGE_UP:
		if (pv->page == 0)
			return UI_BEEP;
		pv->page--;
		pv->top = 0;
		return UI_HANDLED | UI_REDRAW;
	case ACTION_FIRST:
		pv->page = 0;
		pv->top = 0;
		return UI_HANDLED | UI_REDRAW;
	case ACTION_LAST:
		pv->page = pv->doc.n_pages ? pv->doc.n_pages - 1 : 0;
		pv->top = 0;
		return UI_HANDLED | UI_REDRAW;
	case ACTION_MOVE_DOWN:
		if (pv->top >= max_top)
			return UI_BEEP;
		pv->top++;
		return UI_HANDLED | UI_REDRAW;
	case ACTION_MOVE_UP:
		if (pv->top == 0)
			return UI_BEEP;
		pv->top--;
		return UI_HANDLED | UI_REDRAW;
	case ACTION_ZOOM:
		pv->actual = !pv->actual;
		ui_message(v->ui, "%s", pv->actual ? _("Actual size") : _("Fit to width"));
		return UI_HANDLED | UI_REDRAW;
	default:
		return 0;
	}
}

static void
preview_status(struct view *v, struct buf *left, struct buf *right)
{
	struct preview_view *pv = (struct preview_view *)v;

	buf_printf(left, "%s", pv->variant == PRINT_PUBLIC ? _("Public agenda") : _("Agenda"));
	buf_printf(left, "  %s", _("PgUp/PgDn: page  z: zoom"));
	buf_printf(right, _("Page %zu of %zu"), pv->doc.n_pages ? pv->page + 1 : 0, pv->doc.n_pages);
}

static void
preview_reload(struct view *v)
{
	struct preview_view *pv = (struct preview_view *)v;
	enum status st = load(pv);

	if (st != STATUS_OK)
		ui_store_error(v->ui, st);
}

static void
preview_free(struct view *v)
{
	struct preview_view *pv = (struct preview_view *)v;

	preview_clear(pv);
	free(pv->meeting_id);
	view_free_common(v);
	free(pv);
}

static const struct view_ops preview_ops = {
	.name = "preview",
	.keymap = KEYMAP_PREVIEW,
	.draw = preview_draw,
	.action = preview_action,
	.status = preview_status,
	.reload = preview_reload,
	.free = preview_free,
};

struct view *
preview_view_new(struct ui *ui, const char *meeting_id, int variant)
{
	struct preview_view *pv = xcalloc(1, sizeof *pv);
	enum status st;

	pv->v.ops = &preview_ops;
	pv->v.ui = ui;
	pv->meeting_id = xstrdup(meeting_id);
	pv->variant = (enum print_variant)variant;
	if ((st = load(pv)) != STATUS_OK) {
		ui_store_error(ui, st);
		preview_free(&pv->v);
		return NULL;
	}
	view_set_title(&pv->v, _("Print preview: %s %s"), pv->agenda.meeting.body ?
	    pv->agenda.meeting.body : "", pv->agenda.meeting.date ? pv->agenda.meeting.date : "");
	return &pv->v;
}
