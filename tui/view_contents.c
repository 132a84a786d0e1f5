/*
 * Innehåll: the headings of the document in the pager below, indented by
 * level, with the page of the original when known. Enter goes to the
 * heading in the pager and back to it; q goes back without moving.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "i18n.h"
#include "view.h"

struct contents_view {
	struct view v;
	struct contents_entry *e;	/* label and title owned */
	size_t n;
	struct list list;
	void (*pick)(void *ctx, size_t line);
	void *ctx;
};

static void
contents_draw(struct view *v, WINDOW *w, int rows, int cols)
{
	struct contents_view *cv = (struct contents_view *)v;

	list_fit(&cv->list, rows);
	v->cursor_y = -1;
	for (int y = 0; y < rows && cv->list.top + (size_t)y < cv->n; y++) {
		size_t k = cv->list.top + (size_t)y;
		const struct contents_entry *e = &cv->e[k];
		bool sel = k == cv->list.sel;
		attr_t a = sel ? draw_attr(STYLE_SELECTED) : e->level <= 1 ? A_BOLD : A_NORMAL;
		struct draw d = draw_at(w, y, 0, cols);
		char pg[32] = "";
		int indent = e->level > 1 ? 2 * (e->level - 1) : 0;

		if (e->page >= 0)
			snprintf(pg, sizeof pg, _("p. %d"), e->page);
		draw_to(&d, 1 + (indent < 12 ? indent : 12), a);
		if (e->label) {
			draw_str(&d, e->label, a);
			draw_str(&d, " ", a);
		}
		d.right = cols - 10 > d.x ? cols - 10 : cols;
		draw_str(&d, e->title, a);
		d.right = cols;
		draw_to(&d, cols - 10 > d.x ? cols - 10 : d.x, a);
		draw_right(&d, pg, sel ? a : draw_attr(STYLE_DIM));
		if (sel) {
			draw_fill(&d, a);
			v->cursor_y = y;
		}
	}
}

static unsigned
contents_action(struct view *v, enum action a)
{
	struct contents_view *cv = (struct contents_view *)v;

	if (a == ACTION_OPEN) {
		if (cv->list.sel < cv->n)
			cv->pick(cv->ctx, cv->e[cv->list.sel].line);
		return UI_HANDLED | UI_BACK;
	}
	return list_action(&cv->list, a);
}

static unsigned
contents_click(struct view *v, int row, bool twice)
{
	struct contents_view *cv = (struct contents_view *)v;
	unsigned f = list_click(&cv->list, row);

	return twice ? contents_action(v, ACTION_OPEN) : f;
}

static void
contents_status(struct view *v, struct buf *left, struct buf *right)
{
	struct contents_view *cv = (struct contents_view *)v;

	buf_printf(left, "%s", _("Enter: go to the heading"));
	list_position(&cv->list, right);
}

static void
contents_free(struct view *v)
{
	struct contents_view *cv = (struct contents_view *)v;

	for (size_t k = 0; k < cv->n; k++) {
		free((char *)cv->e[k].label);
		free((char *)cv->e[k].title);
	}
	free(cv->e);
	view_free_common(v);
	free(cv);
}

static const struct view_ops contents_ops = {
	.name = "contents",
	.keymap = KEYMAP_GENERIC,
	.draw = contents_draw,
	.action = contents_action,
	.click = contents_click,
	.status = contents_status,
	.free = contents_free,
};

struct view *
contents_view_new(struct ui *ui, const char *doc_title, const struct contents_entry *e, size_t n,
    size_t current, void (*pick)(void *ctx, size_t line), void *ctx)
{
	struct contents_view *cv = xcalloc(1, sizeof *cv);

	cv->v.ops = &contents_ops;
	cv->v.ui = ui;
	cv->pick = pick;
	cv->ctx = ctx;
	cv->n = n;
	cv->e = xreallocarray(NULL, n ? n : 1, sizeof *cv->e);
	for (size_t k = 0; k < n; k++) {
		cv->e[k] = e[k];
		cv->e[k].label = e[k].label ? xstrdup(e[k].label) : NULL;
		cv->e[k].title = xstrdup(e[k].title ? e[k].title : "");
	}
	list_init(&cv->list, n, NULL);
	cv->list.sel = current < n ? current : 0;
	view_set_title(&cv->v, _("Contents: %s"), doc_title ? doc_title : "");
	return &cv->v;
}
