/*
 * Ärende: one agenda item. Title, case number, time, presenters, the
 * decision proposal in full and prominent, the presidium's decision, then
 * the documents with kind and length; Enter opens the selected one. Also
 * drawn, without a selection, beside the agenda on a wide terminal.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "i18n.h"
#include "text.h"
#include "view.h"

/* Text wraps to at least this many columns, however narrow the window. */
#define ITEM_MIN_WRAP_COLS 10

struct iline {
	char *text;		/* owned; NULL for a document row */
	int indent;
	enum draw_style style;
	int doc;		/* index into docs, or -1 */
};

struct item_view {
	struct view v;
	bool preview;
	struct agenda_item item;
	struct store_doc *docs;
	size_t n_docs;
	struct store_mark *marks;	/* this item's marks (not in a preview) */
	size_t n_marks;
	struct iline *lines;
	size_t n_lines, cap_lines;
	bool *skip;
	int built_cols;
	bool moved;		/* the user moved: no more automatic selection */
	struct list list;
};

/* Drop the laid-out lines; the list forgets them too (it pointed into skip). */
static void
clear_lines(struct item_view *iv)
{
	for (size_t i = 0; i < iv->n_lines; i++)
		free(iv->lines[i].text);
	free(iv->lines);
	free(iv->skip);
	iv->lines = NULL;
	iv->skip = NULL;
	iv->n_lines = iv->cap_lines = 0;
	iv->built_cols = 0;
	iv->list.skip = NULL;
	iv->list.n = 0;
}

static void
add_line(struct item_view *iv, const char *s, size_t len, int indent, enum draw_style st, int doc)
{
	if (iv->n_lines == iv->cap_lines) {
		iv->cap_lines = iv->cap_lines ? iv->cap_lines * 2 : 32;
		iv->lines = xreallocarray(iv->lines, iv->cap_lines, sizeof *iv->lines);
	}
	iv->lines[iv->n_lines++] = (struct iline){
		.text = s ? xstrndup(s, len) : NULL, .indent = indent, .style = st, .doc = doc };
}

/* s wrapped to the width after indent; the first line may carry a prefix such as "• ". */
static void
add_wrapped(struct item_view *iv, const char *prefix, const char *s, int indent, int cols,
    enum draw_style st)
{
	char *joined = xasprintf("%s%s", prefix ? prefix : "", s ? s : "");
	char *clean;
	size_t n, len;
	struct text_line *ls = NULL;
	int hang = prefix ? draw_width(prefix) : 0;
	int width = cols - indent - 1;

	clean = draw_clean(joined, strlen(joined), &len);
	free(joined);
	if (width < ITEM_MIN_WRAP_COLS)
		width = ITEM_MIN_WRAP_COLS;
	n = text_wrap(clean, len, width, &ls);
	for (size_t i = 0; i < n; i++) {
		/* Continuation lines hang under the text, not under the bullet. */
		if (i > 0 && hang) {
			size_t rest_len;
			struct text_line *sub = NULL;
			const char *rest = clean + ls[i].off;
			size_t m;

			rest_len = len - ls[i].off;
			m = text_wrap(rest, rest_len, width - hang, &sub);
			for (size_t k = 0; k < m; k++)
				add_line(iv, rest + sub[k].off, sub[k].len, indent + hang, st, -1);
			free(sub);
			break;
		}
		add_line(iv, clean + ls[i].off, ls[i].len, indent, st, -1);
	}
	free(ls);
	free(clean);
}

static void
add_blank(struct item_view *iv)
{
	add_line(iv, "", 0, 0, STYLE_NORMAL, -1);
}

static void
add_field(struct item_view *iv, const char *label, const char *value, int label_w, int cols)
{
	char *pad;

	if (value == NULL || *value == '\0')
		return;
	pad = text_pad(label, strlen(label), label_w);
	add_wrapped(iv, pad, value, 1, cols, STYLE_NORMAL);
	free(pad);
}

static void
build(struct item_view *iv, int cols)
{
	const struct agenda_item *it = &iv->item;
	const char *labels[] = { _("Item"), _("Case number"), _("Time"), _("Presenters"),
		_("Section") };
	int label_w = 0;
	char *s;

	clear_lines(iv);
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (draw_width(labels[i]) > label_w)
			label_w = draw_width(labels[i]);
	label_w += 2;

	add_wrapped(iv, NULL, it->title, 1, cols, STYLE_HEADING);
	if (it->confidential)
		add_wrapped(iv, NULL, _("Confidential: not for the public"), 1, cols,
		    STYLE_CONFIDENTIAL);
	add_blank(iv);
	add_field(iv, labels[0], it->number, label_w, cols);
	add_field(iv, labels[1], it->case_number, label_w, cols);
	if (it->time_start) {
		s = it->time_end ? xasprintf("%s–%s", it->time_start, it->time_end)
		    : xstrdup(it->time_start);
		add_field(iv, labels[2], s, label_w, cols);
		free(s);
	}
	for (size_t i = 0; i < it->n_presenters; i++) {
		const struct presenter *p = &it->presenters[i];
		s = p->name && p->title ? xasprintf("%s, %s", p->name, p->title)
		    : xstrdup(p->name ? p->name : p->raw ? p->raw : "");
		add_field(iv, i == 0 ? labels[3] : "", s, label_w, cols);
		free(s);
	}
	add_field(iv, labels[4], it->section, label_w, cols);

	if (it->n_proposal > 0) {
		add_blank(iv);
		s = it->proposal_source ? xasprintf(_("Proposed decision (%s)"), it->proposal_source)
		    : xstrdup(_("Proposed decision"));
		add_wrapped(iv, NULL, s, 1, cols, STYLE_HEADING);
		free(s);
		add_wrapped(iv, NULL, it->proposal[0], 3, cols, STYLE_PROPOSAL);
		for (size_t i = 1; i < it->n_proposal; i++)
			add_wrapped(iv, "• ", it->proposal[i], 3, cols, STYLE_PROPOSAL);
	}
	if (it->presidium_decision) {
		add_blank(iv);
		s = it->presidium_paragraph > 0
		    ? xasprintf(_("Decision of the presidium (§ %d)"), it->presidium_paragraph)
		    : xstrdup(_("Decision of the presidium"));
		add_wrapped(iv, NULL, s, 1, cols, STYLE_HEADING);
		free(s);
		add_wrapped(iv, NULL, it->presidium_decision, 3, cols, STYLE_NORMAL);
	}
	for (size_t i = 0, shown = 0; i < iv->n_marks; i++) {
		const struct store_mark *m = &iv->marks[i];
		char when[32];

		if (strcmp(m->item_id, it->id) != 0)
			continue;
		if (shown++ == 0) {
			add_blank(iv);
			add_wrapped(iv, NULL, _("Marked for discussion"), 1, cols, STYLE_HEADING);
		}
		{

			/* Name, time, and the comment: what the chair wants to discuss. */
			s = m->comment && *m->comment
			    ? xasprintf("%s  %s  %s", m->person, ui_short_time(m->updated, when,
			    sizeof when), m->comment)
			    : xasprintf("%s  %s", m->person, ui_short_time(m->updated, when, sizeof when));
			add_wrapped(iv, "* ", s, 3, cols, STYLE_NORMAL);
			free(s);
		}
	}
	add_blank(iv);
	s = xasprintf(_("Documents (%zu)"), iv->n_docs);
	add_wrapped(iv, NULL, s, 1, cols, STYLE_HEADING);
	free(s);
	if (iv->n_docs == 0)
		add_wrapped(iv, NULL, _("No documents."), 3, cols, STYLE_DIM);
	for (size_t i = 0; i < iv->n_docs; i++)
		add_line(iv, NULL, 0, 1, STYLE_NORMAL, (int)i);

	iv->skip = xcalloc(iv->n_lines + 1, sizeof *iv->skip);
	for (size_t i = 0; i < iv->n_lines; i++)
		iv->skip[i] = iv->preview || iv->lines[i].doc < 0;
	{
		/* A new width keeps the scroll position; item_draw restores the selection. */
		size_t old_top = iv->list.top;
		list_init(&iv->list, iv->n_lines, iv->skip);
		iv->list.top = old_top;
	}
	iv->built_cols = cols;
}

static void
draw_doc_row(struct draw *d, const struct store_doc *doc, bool sel, int kind_w, int count_w)
{
	attr_t a = sel ? draw_attr(STYLE_SELECTED) : A_NORMAL;
	char buf[64];
	int right = d->right, x;

	draw_str(d, " ", a);
	draw_str(d, doc->changed ? _("C") : doc->read ? " " : "N", sel ? a : draw_attr(STYLE_MARKER));
	draw_str(d, doc->has_notes ? "+" : " ", sel ? a : draw_attr(STYLE_MARKER));
	draw_str(d, " ", a);
	x = d->x + kind_w;
	draw_str(d, doc->kind, a | A_BOLD);
	draw_to(d, x, a);
	draw_str(d, "  ", a);
	snprintf(buf, sizeof buf, P_("%zu line", "%zu lines", doc->lines), doc->lines);
	/* The counts line up: the title gets what the widest count leaves. */
	d->right = right - count_w - 3;
	draw_str(d, doc->title, a);
	d->right = right - 1;
	draw_right(d, buf, a);
	d->right = right;
	draw_fill(d, a);
}

/* The widest "N lines" among docs. */
int
doc_count_width(const struct store_doc *docs, size_t n)
{
	int w = 0;

	for (size_t i = 0; i < n; i++) {
		char buf[64];
		int k;

		snprintf(buf, sizeof buf, P_("%zu line", "%zu lines", docs[i].lines), docs[i].lines);
		k = draw_width(buf);
		if (k > w)
			w = k;
	}
	return w;
}

static void
item_draw(struct view *v, WINDOW *w, int rows, int cols)
{
	struct item_view *iv = (struct item_view *)v;
	int kind_w = 4, count_w = doc_count_width(iv->docs, iv->n_docs);
	size_t old_sel = iv->list.sel;
	int old_doc = old_sel < iv->n_lines ? iv->lines[old_sel].doc : -1;

	if (iv->built_cols != cols) {
		build(iv, cols);
		iv->list.sel = iv->list.n;
		for (size_t i = 0; old_doc >= 0 && i < iv->n_lines; i++)
			if (iv->lines[i].doc == old_doc)
				iv->list.sel = i;
	}
	/* Select the first document when it shows on the first screen. */
	if (!iv->moved && !iv->preview && iv->list.sel >= iv->list.n) {
		for (size_t i = 0; i < iv->n_lines && i < (size_t)rows; i++)
			if (iv->lines[i].doc >= 0) {
				iv->list.sel = i;
				break;
			}
	}
	list_fit(&iv->list, rows);
	for (size_t i = 0; i < iv->n_docs; i++)
		if (draw_width(iv->docs[i].kind ? iv->docs[i].kind : "") > kind_w)
			kind_w = draw_width(iv->docs[i].kind);
	for (int y = 0; y < rows && iv->list.top + (size_t)y < iv->n_lines; y++) {
		size_t i = iv->list.top + (size_t)y;
		const struct iline *l = &iv->lines[i];
		struct draw d = draw_at(w, y, l->indent, cols);

		if (l->doc >= 0) {
			bool sel = !iv->preview && i == iv->list.sel;
			if (sel)
				v->cursor_y = y;
			d.x = 0;
			draw_doc_row(&d, &iv->docs[l->doc], sel, kind_w, count_w);
		} else {
			draw_str(&d, l->text, draw_attr(l->style));
		}
	}
}

/* The meeting's marks; build shows this item's (the list is short). */
static void
load_marks(struct item_view *iv)
{
	store_marks_free(iv->marks, iv->n_marks);
	iv->marks = NULL;
	iv->n_marks = 0;
	if (iv->preview || store_marks(ui_store(iv->v.ui), iv->item.meeting_id, false, &iv->marks,
	    &iv->n_marks) != STATUS_OK) {
		iv->marks = NULL;
		iv->n_marks = 0;
	}
}

static enum status
load(struct item_view *iv, const char *item_id)
{
	struct store *s = ui_store(iv->v.ui);
	enum status st;
	struct agenda_item it = { 0 };

	st = store_item_get(s, item_id, &it);
	if (st != STATUS_OK)
		return st;
	agenda_item_free(&iv->item);
	store_docs_free(iv->docs, iv->n_docs);
	iv->docs = NULL;
	iv->n_docs = 0;
	iv->item = it;
	if (store_documents(s, it.meeting_id, it.id, &iv->docs, &iv->n_docs) != STATUS_OK) {
		iv->docs = NULL;
		iv->n_docs = 0;
	}
	load_marks(iv);
	clear_lines(iv);
	iv->list = (struct list){ 0 };
	iv->moved = false;
	if (!iv->preview)
		view_set_title(&iv->v, _("Item %s: %s"), it.number ? it.number : "",
		    it.title ? it.title : "");
	return STATUS_OK;
}

/*
 * Back from a document: its N is gone, and the item may have been marked
 * elsewhere. The item and its documents are read again; the lines are
 * rebuilt at the next draw, which keeps the selected document and the
 * scroll position (built_cols 0 forces the rebuild, the old lines map
 * the selection).
 */
static void
item_reload(struct view *v)
{
	struct item_view *iv = (struct item_view *)v;
	struct store *s = ui_store(v->ui);
	struct agenda_item it = { 0 };
	struct store_doc *docs = NULL;
	size_t n = 0;
	enum status st;

	st = store_item_get(s, iv->item.id, &it);
	if (st == STATUS_OK)
		st = store_documents(s, it.meeting_id, it.id, &docs, &n);
	if (st != STATUS_OK) {
		agenda_item_free(&it);
		if (st == STATUS_NOT_FOUND)
			v->gone = true;		/* ui_prepare closes it and says why */
		else
			ui_store_error(v->ui, st);
		return;
	}
	agenda_item_free(&iv->item);
	store_docs_free(iv->docs, iv->n_docs);
	iv->item = it;
	iv->docs = docs;
	iv->n_docs = n;
	load_marks(iv);
	/* A document row past the new list would point nowhere: drop those lines' docs. */
	for (size_t i = 0; i < iv->n_lines; i++)
		if (iv->lines[i].doc >= (int)n)
			iv->lines[i].doc = -1;
	iv->built_cols = 0;
}

/* The next (dir 1) or previous (dir -1) item of the same meeting. */
static unsigned
step_item(struct item_view *iv, int dir)
{
	struct agenda_item *items = NULL;
	size_t n = 0, i;
	enum status st = store_agenda(ui_store(iv->v.ui), iv->item.meeting_id, &items, &n);
	unsigned f = UI_HANDLED | UI_BEEP;

	if (st != STATUS_OK) {
		ui_store_error(iv->v.ui, st);
		return UI_HANDLED | UI_REDRAW;
	}
	for (i = 0; i < n && strcmp(items[i].id, iv->item.id) != 0; i++)
		;
	if (i < n && ((dir > 0 && i + 1 < n) || (dir < 0 && i > 0))) {
		char *id = xstrdup(items[dir > 0 ? i + 1 : i - 1].id);
		if ((st = load(iv, id)) != STATUS_OK)
			ui_store_error(iv->v.ui, st);
		free(id);
		f = UI_HANDLED | UI_REDRAW;
	}
	agenda_items_free(items, n);
	return f;
}

/* The selected document, or NULL. */
static const struct store_doc *
selected_doc(const struct item_view *iv)
{
	if (iv->list.sel >= iv->n_lines || iv->lines[iv->list.sel].doc < 0)
		return NULL;
	return &iv->docs[iv->lines[iv->list.sel].doc];
}

/* The next document row after the selection that is unread or changed, wrapping. */
static unsigned
next_unread_doc(struct item_view *iv)
{
	size_t n = iv->n_lines, from = iv->list.sel < n ? iv->list.sel + 1 : 0;

	for (size_t k = 0; k < n; k++) {
		size_t i = (from + k) % n;
		int d = iv->lines[i].doc;

		if (d >= 0 && (!iv->docs[d].read || iv->docs[d].changed)) {
			iv->list.sel = i;
			iv->moved = true;
			return UI_HANDLED | UI_REDRAW;
		}
	}
	ui_message(iv->v.ui, "%s", _("Every document of this item is read"));
	return UI_HANDLED | UI_REDRAW;
}

static unsigned
item_action(struct view *v, enum action a)
{
	struct item_view *iv = (struct item_view *)v;
	const struct store_doc *doc = selected_doc(iv);

	switch (a) {
	case ACTION_OPEN:
		if (iv->list.sel >= iv->n_lines || iv->lines[iv->list.sel].doc < 0)
			return UI_BEEP;
		ui_push(v->ui, pager_view_new(v->ui, iv->docs[iv->lines[iv->list.sel].doc].id,
		    (size_t)-1, NULL));
		return UI_HANDLED | UI_REDRAW;
	case ACTION_NEXT_ITEM:
		return step_item(iv, 1);
	case ACTION_PREV_ITEM:
		return step_item(iv, -1);
	case ACTION_MARK:
		ui_mark_toggle(v->ui, iv->item.id, iv->item.number);
		v->stale = true;
		return UI_HANDLED | UI_REDRAW;
	case ACTION_MARK_COMMENT:
		ui_mark_comment(v->ui, iv->item.id, iv->item.number);
		v->stale = true;
		return UI_HANDLED | UI_REDRAW;
	case ACTION_NOTE_ADD:
		ui_note_add(v->ui, NULL, iv->item.id, 0);
		v->stale = true;
		return UI_HANDLED | UI_REDRAW;
	case ACTION_NOTES:
		ui_push(v->ui, notes_view_new(v->ui, iv->item.meeting_id));
		return UI_HANDLED | UI_REDRAW;
	case ACTION_TOGGLE_READ:
		if (doc == NULL)
			return UI_BEEP;
		ui_toggle_read(v->ui, doc);
		v->stale = true;
		return UI_HANDLED | UI_REDRAW;
	case ACTION_NEXT_UNREAD:
		return next_unread_doc(iv);
	default:
		iv->moved = true;
		return list_action(&iv->list, a);
	}
}

static unsigned
item_click(struct view *v, int row, bool twice)
{
	struct item_view *iv = (struct item_view *)v;
	unsigned f = list_click(&iv->list, row);

	iv->moved = true;
	if (f && twice)
		f |= item_action(v, ACTION_OPEN);
	return f;
}

static void
item_status(struct view *v, struct buf *left, struct buf *right)
{
	struct item_view *iv = (struct item_view *)v;

	if (iv->item.case_number)
		buf_adds(left, iv->item.case_number);
	if (iv->item.marked)
		buf_printf(left, "%s%s", left->len ? "  " : "", _("Marked for discussion"));
	if (iv->n_docs)
		list_position(&iv->list, right);
}

static void
item_free(struct view *v)
{
	struct item_view *iv = (struct item_view *)v;

	clear_lines(iv);
	agenda_item_free(&iv->item);
	store_docs_free(iv->docs, iv->n_docs);
	store_marks_free(iv->marks, iv->n_marks);
	view_free_common(v);
	free(iv);
}

static const struct view_ops item_ops = {
	.name = "item",
	.keymap = KEYMAP_ITEM,
	.draw = item_draw,
	.action = item_action,
	.click = item_click,
	.status = item_status,
	.reload = item_reload,
	.free = item_free,
};

static struct view *
item_new(struct ui *ui, const char *item_id, bool preview)
{
	struct item_view *iv = xcalloc(1, sizeof *iv);
	enum status st;

	iv->v.ops = &item_ops;
	iv->v.ui = ui;
	iv->preview = preview;
	st = load(iv, item_id);
	if (st != STATUS_OK) {
		ui_store_error(ui, st);
		item_free(&iv->v);
		return NULL;
	}
	return &iv->v;
}

struct view *
item_view_new(struct ui *ui, const char *item_id)
{
	return item_new(ui, item_id, false);
}

struct view *
item_view_preview(struct ui *ui, const char *item_id)
{
	return item_new(ui, item_id, true);
}
