/*
 * Anteckningar: the user's private notes, of one meeting or of all, each
 * with where it sits (item, document and line) and its first line. Enter
 * opens the document at the note's line (or the item), e edits the note
 * (in $EDITOR when set: notes may be long), d deletes it after asking.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "i18n.h"
#include "view.h"

struct notes_view {
	struct view v;
	char *meeting_id;	/* NULL: all meetings */
	struct store_note *notes;
	size_t n;
	struct list list;
};

static void
notes_reload(struct view *v)
{
	struct notes_view *nv = (struct notes_view *)v;
	size_t keep = nv->list.sel;
	enum status st;

	store_notes_free(nv->notes, nv->n);
	nv->notes = NULL;
	nv->n = 0;
	st = store_notes_all(ui_store(v->ui), nv->meeting_id, &nv->notes, &nv->n);
	if (st != STATUS_OK) {
		nv->notes = NULL;
		nv->n = 0;
		ui_store_error(v->ui, st);
	}
	list_init(&nv->list, nv->n, NULL);
	if (keep < nv->n)
		nv->list.sel = keep;
}

static void
notes_draw(struct view *v, WINDOW *w, int rows, int cols)
{
	struct notes_view *nv = (struct notes_view *)v;

	list_fit(&nv->list, rows);
	if (nv->n == 0) {
		struct draw d = draw_at(w, 1, 2, cols);
		draw_str(&d, _("No notes yet: press a to add one."), A_NORMAL);
		return;
	}
	for (int y = 0; y < rows && nv->list.top + (size_t)y < nv->n; y++) {
		size_t i = nv->list.top + (size_t)y;
		const struct store_note *n = &nv->notes[i];
		bool sel = i == nv->list.sel;
		attr_t a = sel ? draw_attr(STYLE_SELECTED) : A_NORMAL;
		struct draw d = draw_at(w, y, 0, cols);
		const char *nl = strchr(n->text, '\n');
		char *where;

		if (sel)
			v->cursor_y = y;
		draw_str(&d, " + ", sel ? a : draw_attr(STYLE_MARKER));
		if (n->orphan)
			where = xstrdup(_("(orphaned)"));
		else if (n->doc_id)
			where = xasprintf(_("Item %s, line %zu"), n->item_number ? n->item_number : "–",
			    n->position + 1);
		else
			where = xasprintf(_("Item %s"), n->item_number ? n->item_number : "?");
		draw_str(&d, where, a | A_BOLD);
		free(where);
		draw_str(&d, ": ", a);
		/* The first line, then where it sits; the rest shows when edited. */
		draw_text(&d, n->text, nl ? (size_t)(nl - n->text) : strlen(n->text), a);
		if (nl)
			draw_str(&d, " …", a);
		if (n->doc_title && !n->orphan) {
			draw_str(&d, " — ", a);
			draw_str(&d, n->doc_title, sel ? a : A_DIM);
		}
		draw_fill(&d, a);
	}
}

static unsigned
edit(struct notes_view *nv, const struct store_note *n)
{
	char *text = ui_edit_text(nv->v.ui, _("Note: "), n->text, true);
	enum status st;

	if (text == NULL)
		return UI_HANDLED | UI_REDRAW;
	st = store_note_edit(ui_store(nv->v.ui), n->id, text);
	if (st == STATUS_OK)
		ui_message(nv->v.ui, "%s", _("Note saved"));
	else
		ui_store_error(nv->v.ui, st);
	free(text);
	nv->v.stale = true;
	return UI_HANDLED | UI_REDRAW;
}

/* Delete only after a y: a note is the user's own work, with no copy elsewhere. */
static unsigned
delete(struct notes_view *nv, const struct store_note *n)
{
	char *yes = ui_prompt(nv->v.ui, _("Delete this note? (y/n) "), NULL);
	enum status st;

	if (yes && (strcmp(yes, "y") == 0 || strcmp(yes, _("y")) == 0)) {
		st = store_note_delete(ui_store(nv->v.ui), n->id);
		if (st == STATUS_OK)
			ui_message(nv->v.ui, "%s", _("Note deleted"));
		else
			ui_store_error(nv->v.ui, st);
		nv->v.stale = true;
	} else {
		ui_message(nv->v.ui, "%s", _("Note kept"));
	}
	free(yes);
	return UI_HANDLED | UI_REDRAW;
}

static unsigned
notes_action(struct view *v, enum action a)
{
	struct notes_view *nv = (struct notes_view *)v;
	const struct store_note *n = nv->list.sel < nv->n ? &nv->notes[nv->list.sel] : NULL;

	switch (a) {
	case ACTION_OPEN:
		if (n == NULL)
			return UI_BEEP;
		if (n->orphan) {
			ui_message(v->ui, "%s", _("The item or document of this note is gone"));
			return UI_HANDLED | UI_REDRAW;
		}
		if (n->doc_id)
			ui_push(v->ui, pager_view_new(v->ui, n->doc_id, n->position, NULL));
		else
			ui_push(v->ui, item_view_new(v->ui, n->item_id));
		return UI_HANDLED | UI_REDRAW;
	case ACTION_EDIT:
		return n ? edit(nv, n) : UI_BEEP;
	case ACTION_DELETE:
		return n ? delete(nv, n) : UI_BEEP;
	case ACTION_MARKS:
		ui_push(v->ui, marks_view_new(v->ui, nv->meeting_id));
		return UI_HANDLED | UI_REDRAW;
	default:
		return list_action(&nv->list, a);
	}
}

static unsigned
notes_click(struct view *v, int row, bool twice)
{
	struct notes_view *nv = (struct notes_view *)v;
	unsigned f = list_click(&nv->list, row);

	if (f && twice)
		f |= notes_action(v, ACTION_OPEN);
	return f;
}

static void
notes_status(struct view *v, struct buf *left, struct buf *right)
{
	struct notes_view *nv = (struct notes_view *)v;

	buf_printf(left, P_("%zu note", "%zu notes", nv->n), nv->n);
	list_position(&nv->list, right);
}

static void
notes_free(struct view *v)
{
	struct notes_view *nv = (struct notes_view *)v;

	store_notes_free(nv->notes, nv->n);
	free(nv->meeting_id);
	view_free_common(v);
	free(nv);
}

static const struct view_ops notes_ops = {
	.name = "notes",
	.keymap = KEYMAP_NOTES,
	.draw = notes_draw,
	.action = notes_action,
	.click = notes_click,
	.status = notes_status,
	.reload = notes_reload,
	.free = notes_free,
};

struct view *
notes_view_new(struct ui *ui, const char *meeting_id)
{
	struct notes_view *nv = xcalloc(1, sizeof *nv);

	nv->v.ops = &notes_ops;
	nv->v.ui = ui;
	nv->v.stale = true;	/* loads before its first draw */
	nv->meeting_id = meeting_id ? xstrdup(meeting_id) : NULL;
	if (meeting_id)
		view_set_title(&nv->v, "%s", _("Notes: this meeting"));
	else
		view_set_title(&nv->v, "%s", _("Notes: all meetings"));
	return &nv->v;
}
