/*
 * Dagordning: the agenda of one meeting. Section headings separate the
 * items; each item shows markers (characters, not colour alone), number,
 * time slot, title, presenter and case number. The meeting's own
 * documents follow the items. On a wide terminal the selected item's
 * detail stands beside the list (the preview).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "i18n.h"
#include "print.h"
#include "view.h"

/* ROW_BREAK: "Paus 14.35–14.50", a row of the timetable that is no item. */
enum row_kind { ROW_SECTION, ROW_ITEM, ROW_BREAK, ROW_DOCS, ROW_DOC };

struct row {
	enum row_kind kind;
	size_t index;		/* into items or docs */
};

struct agenda_view {
	struct view v;
	char *meeting_id;
	struct store_meeting meeting;
	struct agenda_item *items;
	size_t n_items;
	struct store_break *breaks;
	size_t n_breaks;
	struct store_doc *docs;	/* the meeting's own documents */
	size_t n_docs;
	struct row *rows;
	bool *skip;
	struct list list;
	struct view *preview;	/* item detail beside the list; owned */
	char *preview_id;	/* the item it shows; owned */
};

static void
agenda_clear(struct agenda_view *av)
{
	agenda_items_free(av->items, av->n_items);
	store_docs_free(av->docs, av->n_docs);
	store_breaks_free(av->breaks, av->n_breaks);
	av->breaks = NULL;
	av->n_breaks = 0;
	free(av->rows);
	free(av->skip);
	av->items = NULL;
	av->docs = NULL;
	av->rows = NULL;
	av->skip = NULL;
	av->n_items = av->n_docs = 0;
}

static enum status
load(struct agenda_view *av)
{
	struct store *s = ui_store(av->v.ui);
	size_t keep = av->list.sel, n = 0, i, b = 0, cap;
	const char *section = NULL;
	enum status st;

	agenda_clear(av);
	/* The preview may show read state or marks that just changed. */
	if (av->preview)
		av->preview->ops->free(av->preview);
	av->preview = NULL;
	free(av->preview_id);
	av->preview_id = NULL;
	st = store_agenda(s, av->meeting_id, &av->items, &av->n_items);
	if (st != STATUS_OK)
		return st;
	if (store_documents(s, av->meeting_id, NULL, &av->docs, &av->n_docs) != STATUS_OK) {
		av->docs = NULL;
		av->n_docs = 0;
	}
	if (store_agenda_breaks(s, av->meeting_id, &av->breaks, &av->n_breaks) != STATUS_OK) {
		av->breaks = NULL;
		av->n_breaks = 0;
	}
	cap = av->n_items * 2 + av->n_breaks + av->n_docs + 2;
	av->rows = xcalloc(cap, sizeof *av->rows);
	av->skip = xcalloc(cap, sizeof *av->skip);
	for (i = 0; i <= av->n_items; i++) {
		const char *sec;

		/* Breaks stand before the item they precede; the cursor skips them. */
		for (; b < av->n_breaks && av->breaks[b].before_ord <= (int)i; b++) {
			av->skip[n] = true;
			av->rows[n++] = (struct row){ ROW_BREAK, b };
		}
		if (i == av->n_items)
			break;
		sec = av->items[i].section;

		if (sec && *sec && (section == NULL || strcmp(sec, section) != 0)) {
			av->skip[n] = true;
			av->rows[n++] = (struct row){ ROW_SECTION, i };
		}
		section = sec;
		av->rows[n++] = (struct row){ ROW_ITEM, i };
	}
	if (av->n_docs) {
		av->skip[n] = true;
		av->rows[n++] = (struct row){ ROW_DOCS, 0 };
		for (i = 0; i < av->n_docs; i++)
			av->rows[n++] = (struct row){ ROW_DOC, i };
	}
	list_init(&av->list, n, av->skip);
	if (keep < n && !av->skip[keep])
		av->list.sel = keep;
	return STATUS_OK;
}

/* The columns of an item row, in the order drawn. */
#define AGENDA_MARKER_COLS 6	/* " *N+! ": marked, unread, notes, confidential */
#define AGENDA_GAP 2		/* between two columns */
#define AGENDA_NUM_MIN_COLS 2	/* "15"; wider numbers widen it */
#define AGENDA_TIME_COLS 11	/* "16.05–16.10" */
#define AGENDA_PRESENTER_COLS 22
#define AGENDA_CASE_COLS 13	/* "RJL 2024/123" */
#define AGENDA_MARGIN 1		/* after the last column */
/*
 * The title keeps at least this many columns: on a narrower terminal the
 * case number gives way first, then the presenter, then the time.
 */
#define AGENDA_TITLE_KEEP_CASE 40
#define AGENDA_TITLE_KEEP_PRESENTER 30
#define AGENDA_TITLE_KEEP_TIME 24

/* Which optional columns fit at this width. */
struct layout {
	int num_w, time_w, pres_w, case_w;
	int marks_w;		/* who marked ("TG MS"); 0 when nothing is marked */
};

static struct layout
layout_for(const struct agenda_view *av, int cols)
{
	struct layout l = { AGENDA_NUM_MIN_COLS, AGENDA_TIME_COLS, AGENDA_PRESENTER_COLS,
		AGENDA_CASE_COLS, 0 };
	int fixed;

	for (size_t i = 0; i < av->n_items; i++) {
		int w = draw_width(av->items[i].number ? av->items[i].number : "");
		if (w > l.num_w)
			l.num_w = w;
		if (av->items[i].mark_initials
		    && (w = draw_width(av->items[i].mark_initials)) > l.marks_w)
			l.marks_w = w;
	}
	/* markers number time [marks] title presenter case, a gap after each but the last. */
	fixed = AGENDA_MARKER_COLS + l.num_w + AGENDA_GAP + l.time_w + AGENDA_GAP + AGENDA_GAP +
	    l.pres_w + AGENDA_GAP + l.case_w + AGENDA_MARGIN + (l.marks_w ? l.marks_w + AGENDA_GAP : 0);
	if (cols - fixed < AGENDA_TITLE_KEEP_CASE) {
		fixed -= l.case_w + AGENDA_GAP;
		l.case_w = 0;
	}
	if (cols - fixed < AGENDA_TITLE_KEEP_PRESENTER) {
		fixed -= l.pres_w + AGENDA_GAP;
		l.pres_w = 0;
	}
	if (cols - fixed < AGENDA_TITLE_KEEP_TIME)
		l.time_w = 0;
	return l;
}

static void
draw_item(struct draw *d, const struct agenda_item *it, const struct layout *l, bool sel)
{
	attr_t a = sel ? draw_attr(STYLE_SELECTED) : A_NORMAL;
	attr_t mk = sel ? a : draw_attr(STYLE_MARKER);
	int right = d->right, x;
	char buf[64];

	/* An empty marker column is a blank in the row's colour: a blank in the
	 * marker's colour looks the same and costs the terminal two colour
	 * changes (each row went out with four of them, in ncurses' tparm). */
	draw_str(d, " ", a);
	draw_str(d, it->marked ? "*" : " ", it->marked ? mk : a);
	/* N: something unread; C (sv: Ä): read before its text changed (ändrad). */
	draw_str(d, it->changed_count > 0 ? _("C") : it->unread_count > 0 ? "N" : " ",
	    it->changed_count > 0 || it->unread_count > 0 ? mk : a);
	draw_str(d, it->has_notes ? "+" : " ", it->has_notes ? mk : a);
	draw_str(d, it->confidential ? "!" : " ",
	    sel || !it->confidential ? a : draw_attr(STYLE_CONFIDENTIAL));
	draw_str(d, " ", a);
	{
		struct draw cell = draw_at(d->w, d->y, d->x, d->x + l->num_w);
		draw_right(&cell, it->number ? it->number : "", a | A_BOLD);
		d->x += l->num_w;
	}
	draw_str(d, "  ", a);
	if (l->time_w) {
		x = d->x + l->time_w;
		if (it->time_start && it->time_end)
			snprintf(buf, sizeof buf, "%s–%s", it->time_start, it->time_end);
		else
			snprintf(buf, sizeof buf, "%s", it->time_start ? it->time_start : "");
		draw_str(d, buf, a);
		draw_to(d, x, a);
		draw_str(d, "  ", a);
	}
	if (l->marks_w) {
		/* Who marked it for discussion, as the * says that someone did. */
		x = d->x + l->marks_w;
		draw_str(d, it->mark_initials ? it->mark_initials : "", mk);
		draw_to(d, x, a);
		draw_str(d, "  ", a);
	}
	d->right = right - (l->pres_w ? l->pres_w + AGENDA_GAP : 0) -
	    (l->case_w ? l->case_w + AGENDA_GAP : 0) - AGENDA_MARGIN;
	draw_str(d, it->title, a);
	if (it->confidential) {
		draw_str(d, " ", a);
		draw_str(d, _("(confidential)"), sel ? a : draw_attr(STYLE_CONFIDENTIAL));
	}
	draw_to(d, d->right, a);
	d->right = right;
	if (l->pres_w) {
		draw_str(d, "  ", a);
		x = d->x + l->pres_w;
		d->right = x;
		if (it->n_presenters > 0) {
			const char *name = it->presenters[0].name ? it->presenters[0].name
			    : it->presenters[0].raw;
			draw_str(d, name, a);
			if (it->n_presenters > 1)
				draw_str(d, _(" et al."), a);
		}
		draw_to(d, x, a);
		d->right = right;
	}
	if (l->case_w) {
		draw_str(d, "  ", a);
		x = d->x + l->case_w;
		d->right = x;
		draw_str(d, it->case_number ? it->case_number : "", a);
		draw_to(d, x, a);
		d->right = right;
	}
	draw_fill(d, a);
}

/* A break in the item columns: no markers, no number, its time slot and label. */
static void
draw_break(struct draw *d, const struct store_break *b, const struct layout *l)
{
	char buf[64];

	draw_to(d, d->x + 6 + l->num_w + 2, A_NORMAL);
	if (l->time_w) {
		int x = d->x + l->time_w;

		if (b->time_start && b->time_end)
			snprintf(buf, sizeof buf, "%s–%s", b->time_start, b->time_end);
		else
			snprintf(buf, sizeof buf, "%s", b->time_start ? b->time_start : "");
		draw_str(d, buf, A_NORMAL);
		draw_to(d, x, A_NORMAL);
		draw_str(d, "  ", A_NORMAL);
	}
	draw_str(d, b->label, A_DIM);
}

static void
draw_doc(struct draw *d, const struct store_doc *doc, bool sel, int kind_w, int count_w)
{
	attr_t a = sel ? draw_attr(STYLE_SELECTED) : A_NORMAL;
	char buf[64];

	draw_str(d, " ", a);
	draw_str(d, doc->changed ? _("C") : doc->read ? " " : "N", sel ? a : draw_attr(STYLE_MARKER));
	draw_str(d, doc->has_notes ? "+" : " ", sel ? a : draw_attr(STYLE_MARKER));
	draw_str(d, "   ", a);
	{
		int x = d->x + kind_w;
		draw_str(d, doc->kind, a | A_BOLD);
		draw_to(d, x, a);
	}
	draw_str(d, "  ", a);
	snprintf(buf, sizeof buf, P_("%zu line", "%zu lines", doc->lines), doc->lines);
	{
		int right = d->right;
		d->right = right - count_w - 3;
		draw_str(d, doc->title, a);
		d->right = right - 1;
		draw_right(d, buf, a);
		d->right = right;
	}
	draw_fill(d, a);
}

static void
agenda_draw(struct view *v, WINDOW *w, int rows, int cols)
{
	struct agenda_view *av = (struct agenda_view *)v;
	struct layout l;
	int kind_w = 4, count_w;

	l = layout_for(av, cols);
	count_w = doc_count_width(av->docs, av->n_docs);
	for (size_t i = 0; i < av->n_docs; i++)
		if (av->docs[i].kind && draw_width(av->docs[i].kind) > kind_w)
			kind_w = draw_width(av->docs[i].kind);
	list_fit(&av->list, rows);
	if (av->list.n == 0) {
		struct draw d = draw_at(w, 1, 2, cols);
		draw_str(&d, _("This meeting has no agenda items."), A_NORMAL);
		return;
	}
	for (int y = 0; y < rows && av->list.top + (size_t)y < av->list.n; y++) {
		size_t i = av->list.top + (size_t)y;
		const struct row *r = &av->rows[i];
		struct draw d = draw_at(w, y, 0, cols);
		bool sel = i == av->list.sel;

		if (sel)
			v->cursor_y = y;
		switch (r->kind) {
		case ROW_SECTION:
			draw_str(&d, " ", A_NORMAL);
			draw_str(&d, av->items[r->index].section, draw_attr(STYLE_SECTION));
			break;
		case ROW_BREAK:
			draw_break(&d, &av->breaks[r->index], &l);
			break;
		case ROW_DOCS:
			draw_str(&d, " ", A_NORMAL);
			draw_str(&d, _("Documents of the meeting"), draw_attr(STYLE_SECTION));
			break;
		case ROW_ITEM:
			draw_item(&d, &av->items[r->index], &l, sel);
			break;
		case ROW_DOC:
			draw_doc(&d, &av->docs[r->index], sel, kind_w, count_w);
			break;
		}
	}
}

/* Back on top: read state and marks may have changed in the views above. */
static void
agenda_reload(struct view *v)
{
	struct agenda_view *av = (struct agenda_view *)v;
	enum status st = load(av);

	/* A meeting a sync removed has no items left: is it still there? */
	if (st == STATUS_OK && av->n_items == 0) {
		struct store_meeting m;

		st = store_meeting_head(ui_store(v->ui), av->meeting_id, &m);
		store_meeting_free(&m);
	}
	if (st == STATUS_NOT_FOUND)
		v->gone = true;		/* ui_prepare closes it and says why */
	else if (st != STATUS_OK)
		ui_store_error(v->ui, st);
}

static const struct row *
selected(struct agenda_view *av)
{
	return av->list.sel < av->list.n ? &av->rows[av->list.sel] : NULL;
}

/* Select the row of item index i. */
static void
select_item(struct agenda_view *av, size_t i)
{
	for (size_t k = 0; k < av->list.n; k++)
		if (av->rows[k].kind == ROW_ITEM && av->rows[k].index == i)
			av->list.sel = k;
}

/*
 * A digit opens "Go to item: 1" (mutt's jump): more digits and Enter go
 * to the item with that number, or the range it lies in ("1" finds 1–5).
 */
static unsigned
jump(struct agenda_view *av)
{
	struct ui *ui = av->v.ui;
	int key = ui_last_key(ui);
	char init[2] = { key >= '0' && key <= '9' ? (char)key : '\0', '\0' };
	char *q = ui_prompt(ui, _("Go to item: "), init);
	struct agenda_item it = { 0 };
	enum status st;

	if (q == NULL)
		return UI_HANDLED | UI_REDRAW;
	st = store_item_find(ui_store(ui), av->meeting_id, q, &it);
	if (st == STATUS_OK) {
		for (size_t i = 0; i < av->n_items; i++)
			if (strcmp(av->items[i].id, it.id) == 0)
				select_item(av, i);
	} else if (st == STATUS_NOT_FOUND) {
		ui_message(ui, _("No item %s in this meeting"), q);
	} else {
		ui_store_error(ui, st);
	}
	agenda_item_free(&it);
	free(q);
	return UI_HANDLED | UI_REDRAW;
}

/* The next item after the selection with a document unread or changed, wrapping around. */
static unsigned
next_unread(struct agenda_view *av)
{
	const struct row *r = selected(av);
	size_t from = r && r->kind == ROW_ITEM ? r->index + 1 : 0;

	for (size_t k = 0; k < av->n_items; k++) {
		size_t i = (from + k) % av->n_items;

		if (av->items[i].unread_count > 0 || av->items[i].changed_count > 0) {
			select_item(av, i);
			return UI_HANDLED | UI_REDRAW;
		}
	}
	ui_message(av->v.ui, "%s", _("Nothing unread in this meeting"));
	return UI_HANDLED | UI_REDRAW;
}

static unsigned
agenda_action(struct view *v, enum action a)
{
	struct agenda_view *av = (struct agenda_view *)v;
	const struct row *r = selected(av);
	const struct agenda_item *it = r && r->kind == ROW_ITEM ? &av->items[r->index] : NULL;

	switch (a) {
	case ACTION_OPEN:
		if (r == NULL)
			return UI_BEEP;
		if (r->kind == ROW_ITEM)
			ui_push(v->ui, item_view_new(v->ui, av->items[r->index].id));
		else if (r->kind == ROW_DOC)
			ui_push(v->ui, pager_view_new(v->ui, av->docs[r->index].id, (size_t)-1, NULL));
		return UI_HANDLED | UI_REDRAW;
	case ACTION_PREVIEW:
		ui_push(v->ui, preview_view_new(v->ui, av->meeting_id, PRINT_PUBLIC));
		return UI_HANDLED | UI_REDRAW;
	case ACTION_MARK:
	case ACTION_MARK_COMMENT:
		if (it == NULL)
			return UI_BEEP;
		if (a == ACTION_MARK)
			ui_mark_toggle(v->ui, it->id, it->number);
		else
			ui_mark_comment(v->ui, it->id, it->number);
		v->stale = true;
		return UI_HANDLED | UI_REDRAW;
	case ACTION_NOTE_ADD:
		if (it == NULL)
			return UI_BEEP;
		ui_note_add(v->ui, NULL, it->id, 0);
		v->stale = true;
		return UI_HANDLED | UI_REDRAW;
	case ACTION_MARKS:
		ui_push(v->ui, marks_view_new(v->ui, av->meeting_id));
		return UI_HANDLED | UI_REDRAW;
	case ACTION_NOTES:
		ui_push(v->ui, notes_view_new(v->ui, av->meeting_id));
		return UI_HANDLED | UI_REDRAW;
	case ACTION_NEXT_UNREAD:
		return next_unread(av);
	case ACTION_JUMP:
		return jump(av);
	default:
		return list_action(&av->list, a);
	}
}

static unsigned
agenda_click(struct view *v, int row, bool twice)
{
	struct agenda_view *av = (struct agenda_view *)v;
	unsigned f = list_click(&av->list, row);

	if (f && twice)
		f |= agenda_action(v, ACTION_OPEN);
	return f;
}

static void
agenda_status(struct view *v, struct buf *left, struct buf *right)
{
	struct agenda_view *av = (struct agenda_view *)v;
	const struct store_meeting *m = &av->meeting;

	buf_printf(left, "%s %s", m->date ? m->date : "", m->time ? m->time : "");
	if (m->place)
		buf_printf(left, ", %s", m->place);
	list_position(&av->list, right);
}

static struct view *
agenda_preview(struct view *v)
{
	struct agenda_view *av = (struct agenda_view *)v;
	const struct row *r = selected(av);
	const char *id;

	if (r == NULL || r->kind != ROW_ITEM)
		return NULL;
	id = av->items[r->index].id;
	if (av->preview && av->preview_id && strcmp(av->preview_id, id) == 0)
		return av->preview;
	if (av->preview)
		av->preview->ops->free(av->preview);
	free(av->preview_id);
	av->preview_id = xstrdup(id);
	av->preview = item_view_preview(v->ui, id);
	return av->preview;
}

static void
agenda_free(struct view *v)
{
	struct agenda_view *av = (struct agenda_view *)v;

	agenda_clear(av);
	if (av->preview)
		av->preview->ops->free(av->preview);
	free(av->preview_id);
	store_meeting_free(&av->meeting);
	free(av->meeting_id);
	view_free_common(v);
	free(av);
}

static const struct view_ops agenda_ops = {
	.name = "agenda",
	.keymap = KEYMAP_AGENDA,
	.draw = agenda_draw,
	.action = agenda_action,
	.click = agenda_click,
	.status = agenda_status,
	.reload = agenda_reload,
	.preview = agenda_preview,
	.free = agenda_free,
};

struct view *
agenda_view_new(struct ui *ui, const char *meeting_id)
{
	struct agenda_view *av = xcalloc(1, sizeof *av);
	enum status st;

	av->v.ops = &agenda_ops;
	av->v.ui = ui;
	av->meeting_id = xstrdup(meeting_id);
	st = store_meeting_head(ui_store(ui), meeting_id, &av->meeting);
	if (st == STATUS_OK)
		st = load(av);
	if (st != STATUS_OK) {
		ui_store_error(ui, st);
		agenda_free(&av->v);
		return NULL;
	}
	view_set_title(&av->v, _("Agenda: %s %s"), av->meeting.body ? av->meeting.body : "",
	    av->meeting.date ? av->meeting.date : "");
	return &av->v;
}
