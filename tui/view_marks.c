/*
 * Marked for discussion: the presidium's marks of one meeting (from the
 * agenda) or of all meetings (from the meetings list), each with who,
 * when and the comment; a mark whose item is gone shows as orphaned
 * (kept, never deleted). Enter opens the item.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "i18n.h"
#include "view.h"

/* Columns of a row: number, initials, name, time; the title and comment get the rest. */
#define MARKS_NUM_COLS 6
#define MARKS_NAME_COLS 24
#define MARKS_TIME_COLS 16

struct marks_view {
	struct view v;
	char *meeting_id;	/* NULL: all meetings */
	struct store_mark *marks;
	size_t n;
	struct list list;
};

static void
marks_reload(struct view *v)
{
	struct marks_view *mv = (struct marks_view *)v;
	size_t keep = mv->list.sel;
	enum status st;

	store_marks_free(mv->marks, mv->n);
	mv->marks = NULL;
	mv->n = 0;
	st = store_marks(ui_store(v->ui), mv->meeting_id, false, &mv->marks, &mv->n);
	if (st != STATUS_OK) {
		mv->marks = NULL;
		mv->n = 0;
		ui_store_error(v->ui, st);
	}
	list_init(&mv->list, mv->n, NULL);
	if (keep < mv->n)
		mv->list.sel = keep;
}

static void
marks_draw(struct view *v, WINDOW *w, int rows, int cols)
{
	struct marks_view *mv = (struct marks_view *)v;

	list_fit(&mv->list, rows);
	if (mv->n == 0) {
		struct draw d = draw_at(w, 1, 2, cols);
		draw_str(&d, _("No item is marked for discussion."), A_NORMAL);
		return;
	}
	for (int y = 0; y < rows && mv->list.top + (size_t)y < mv->n; y++) {
		size_t i = mv->list.top + (size_t)y;
		const struct store_mark *m = &mv->marks[i];
		bool sel = i == mv->list.sel;
		attr_t a = sel ? draw_attr(STYLE_SELECTED) : A_NORMAL;
		struct draw d = draw_at(w, y, 0, cols);
		char when[32];
		int x;

		if (sel)
			v->cursor_y = y;
		draw_str(&d, " * ", sel ? a : draw_attr(STYLE_MARKER));
		{
			struct draw cell = draw_at(w, y, d.x, d.x + MARKS_NUM_COLS - 2);
			draw_right(&cell, m->item_number ? m->item_number : "?", a | A_BOLD);
			d.x += MARKS_NUM_COLS - 2;
		}
		draw_str(&d, "  ", a);
		x = d.x + MARKS_NAME_COLS;
		draw_str(&d, m->person, a);
		draw_to(&d, x, a);
		draw_str(&d, "  ", a);
		x = d.x + MARKS_TIME_COLS;
		draw_str(&d, ui_short_time(m->updated, when, sizeof when), a);
		draw_to(&d, x, a);
		draw_str(&d, "  ", a);
		/* The comment first: it says why; the title may be long. */
		if (m->comment && *m->comment) {
			draw_str(&d, m->comment, sel ? a : draw_attr(STYLE_PROPOSAL));
			draw_str(&d, " — ", a);
		}
		if (m->orphan)
			draw_str(&d, _("(orphaned: the item is gone)"), sel ? a : A_DIM);
		else
			draw_str(&d, m->item_title ? m->item_title : "", a);
		draw_fill(&d, a);
	}
}

static unsigned
marks_action(struct view *v, enum action a)
{
	struct marks_view *mv = (struct marks_view *)v;
	const struct store_mark *m = mv->list.sel < mv->n ? &mv->marks[mv->list.sel] : NULL;

	switch (a) {
	case ACTION_OPEN:
		if (m == NULL)
			return UI_BEEP;
		if (m->orphan) {
			ui_message(v->ui, "%s", _("The item of this mark is gone from the meeting"));
			return UI_HANDLED | UI_REDRAW;
		}
		ui_push(v->ui, item_view_new(v->ui, m->item_id));
		return UI_HANDLED | UI_REDRAW;
	case ACTION_NOTES:
		ui_push(v->ui, notes_view_new(v->ui, mv->meeting_id));
		return UI_HANDLED | UI_REDRAW;
	default:
		return list_action(&mv->list, a);
	}
}

static unsigned
marks_click(struct view *v, int row, bool twice)
{
	struct marks_view *mv = (struct marks_view *)v;
	unsigned f = list_click(&mv->list, row);

	if (f && twice)
		f |= marks_action(v, ACTION_OPEN);
	return f;
}

static void
marks_status(struct view *v, struct buf *left, struct buf *right)
{
	struct marks_view *mv = (struct marks_view *)v;

	buf_printf(left, P_("%zu mark", "%zu marks", mv->n), mv->n);
	list_position(&mv->list, right);
}

static void
marks_free(struct view *v)
{
	struct marks_view *mv = (struct marks_view *)v;

	store_marks_free(mv->marks, mv->n);
	free(mv->meeting_id);
	view_free_common(v);
	free(mv);
}

static const struct view_ops marks_ops = {
	.name = "marks",
	.keymap = KEYMAP_MARKS,
	.draw = marks_draw,
	.action = marks_action,
	.click = marks_click,
	.status = marks_status,
	.reload = marks_reload,
	.free = marks_free,
};

struct view *
marks_view_new(struct ui *ui, const char *meeting_id)
{
	struct marks_view *mv = xcalloc(1, sizeof *mv);

	mv->v.ops = &marks_ops;
	mv->v.ui = ui;
	mv->v.stale = true;	/* loads before its first draw */
	mv->meeting_id = meeting_id ? xstrdup(meeting_id) : NULL;
	if (meeting_id)
		view_set_title(&mv->v, "%s", _("Marked for discussion: this meeting"));
	else
		view_set_title(&mv->v, "%s", _("Marked for discussion: all meetings"));
	return &mv->v;
}
