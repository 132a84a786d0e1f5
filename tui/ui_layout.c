/*
 * The frame: the windows for the current size (title, body, status, and
 * the side pane with its separator on a wide terminal), the title line
 * with its key hints, the status line, the "too small" message, and
 * drawing one frame (each window wnoutrefresh, one doupdate).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "i18n.h"
#include "text.h"
#include "ui_internal.h"

/* Rows the title and status lines take from the body. */
#define UI_BAR_ROWS 2
/* Columns kept free between the title and the key hints. */
#define TITLE_HINT_GAP 2

void
ui_free_windows(struct ui *ui)
{
	WINDOW **w[] = { &ui->title, &ui->body, &ui->sep, &ui->side, &ui->status };

	for (size_t i = 0; i < sizeof w / sizeof w[0]; i++)
		if (*w[i]) {
			delwin(*w[i]);
			*w[i] = NULL;
		}
}


void
ui_layout(struct ui *ui, bool split)
{
	int h;

	ui_free_windows(ui);
	getmaxyx(stdscr, ui->rows, ui->cols);
	ui->too_small = ui->rows < UI_MIN_ROWS || ui->cols < UI_MIN_COLS;
	if (ui->too_small) {
		ui->body = newwin(ui->rows > 0 ? ui->rows : 1, ui->cols > 0 ? ui->cols : 1, 0, 0);
	} else {
		h = ui->rows - UI_BAR_ROWS;
		ui->title = newwin(1, ui->cols, 0, 0);
		ui->status = newwin(1, ui->cols, ui->rows - 1, 0);
		if (split) {
			int left = ui->cols * UI_SPLIT_LEFT_TWENTIETHS / 20;
			ui->body = newwin(h, left, 1, 0);
			ui->sep = newwin(h, 1, 1, left);
			ui->side = newwin(h, ui->cols - left - 1, 1, left + 1);
		} else {
			ui->body = newwin(h, ui->cols, 1, 0);
		}
		keypad(ui->status, TRUE);
		wtimeout(ui->status, UI_INPUT_TIMEOUT_MS);
	}
	keypad(ui->body, TRUE);
	/* A timeout loop: ncurses 6.4 can miss a SIGWINCH before a blocking read (TESTING.md). */
	wtimeout(ui->body, UI_INPUT_TIMEOUT_MS);
}

static void
draw_title(struct ui *ui, struct view *v)
{
	struct draw d = draw_at(ui->title, 0, 0, ui->cols);
	attr_t a = draw_attr(STYLE_TITLE);
	static const struct {
		enum action action;
		const char *label;
	} hints[] = {
		{ ACTION_HELP, N_("help") },
		{ ACTION_BACK, N_("back") },
		{ ACTION_QUIT, N_("quit") },
	};
	struct buf hint = { 0 };
	/* On the first view the back key quits (dispatch): the title says so, once. */
	bool root = ui->depth == 1;

	for (size_t i = 0; i < sizeof hints / sizeof hints[0]; i++) {
		int key;
		char name[32];

		if (root && hints[i].action == ACTION_QUIT)
			continue;
		if (keys_for(v->ops->keymap, hints[i].action, &key, 1) == 1)
			buf_printf(&hint, "%s%s %s", hint.len ? "  " : "",
			    keys_name(key, name, sizeof name),
			    root && hints[i].action == ACTION_BACK ? _("quit") : _(hints[i].label));
	}
	werase(ui->title);
	draw_str(&d, " kallelse: ", a);
	/* The title gives way to the hints only when it is long. */
	d.right = ui->cols - (hint.len ? draw_width(hint.data) + TITLE_HINT_GAP : 0);
	if (d.right < d.x + UI_TITLE_MIN_COLS)
		d.right = ui->cols;
	draw_str(&d, v->title, a);
	d.right = ui->cols;
	if (hint.len && d.x + draw_width(hint.data) + TITLE_HINT_GAP <= ui->cols) {
		d.right = ui->cols - 1;
		draw_right(&d, hint.data, a);
	}
	d.right = ui->cols;
	draw_fill(&d, a);
	buf_free(&hint);
}

static void
draw_status(struct ui *ui, struct view *v)
{
	struct buf left = { 0 }, right = { 0 };
	struct draw d = draw_at(ui->status, 0, 0, ui->cols);
	attr_t a = draw_attr(STYLE_STATUS);

	if (v->ops->status)
		v->ops->status(v, &left, &right);
	werase(ui->status);
	draw_str(&d, " ", a);
	if (ui->message)
		draw_str(&d, ui->message, ui->message_error ? draw_attr(STYLE_ERROR) : a);
	else if (ui->n_pending)
		draw_str(&d, ui_busy_notice(), a);
	else if (left.len)
		draw_str(&d, left.data, a);
	if (right.len) {
		d.right = ui->cols - 1;
		d.x += 2;
		draw_right(&d, right.data, a);
		d.right = ui->cols;
	}
	draw_fill(&d, a);
	buf_free(&left);
	buf_free(&right);
}

void
ui_draw_status_now(struct ui *ui)
{
	int y, x;

	if (ui->too_small || ui->depth == 0)
		return;
	getyx(ui->body, y, x);
	draw_status(ui, ui->stack[ui->depth - 1]);
	wnoutrefresh(ui->status);
	/* The terminal cursor back on the selected row (screen readers). */
	wmove(ui->body, y, x);
	wnoutrefresh(ui->body);
	doupdate();
}

static void
draw_too_small(struct ui *ui)
{
	char *msg = xasprintf(_("The terminal is %dx%d; kallelse needs at least %dx%d. "
	    "Make the window larger, or press Q to quit."), ui->cols, ui->rows,
	    UI_MIN_COLS, UI_MIN_ROWS);
	struct text_line *lines = NULL;
	size_t n = text_wrap(msg, strlen(msg), ui->cols > 2 ? ui->cols - 2 : 1, &lines);

	werase(ui->body);
	for (size_t i = 0; i < n && (int)i < ui->rows; i++) {
		struct draw d = draw_at(ui->body, (int)i, 1, ui->cols);
		draw_text(&d, msg + lines[i].off, lines[i].len, A_BOLD);
	}
	free(lines);
	free(msg);
	wmove(ui->body, 0, 0);
	wnoutrefresh(ui->body);
}

/*
 * What the next frame shows, read before any of it is drawn: a view back
 * on top reads its data again (reload), then hands over its preview. Both
 * happen here and never inside a draw, so nothing the frame draws is
 * freed while it is drawn (a preview freed by a reload inside the agenda's
 * draw crashed wide terminals). Returns the preview to draw, or NULL.
 */
struct view *
ui_prepare(struct ui *ui)
{
	struct view *v = ui->stack[ui->depth - 1];
	bool closed = false;

	/*
	 * A view whose meeting, item or document a sync removed is closed, and
	 * the one below it reads its data in turn, down to the meetings list
	 * (never gone). The sync's own message stays, with why the view went.
	 */
	while (v->stale) {
		v->stale = false;
		if (v->ops->reload)
			v->ops->reload(v);
		if (!v->gone || ui->depth == 1)
			break;
		ui_pop(ui);
		closed = true;
		v = ui->stack[ui->depth - 1];
	}
	if (closed) {
		const char *gone = _("What was open is no longer there.");
		bool error = ui->message_error;

		if (ui->message && *ui->message)
			ui_message(ui, "%s%s %s", ui->message,
			    strchr(".!?", ui->message[strlen(ui->message) - 1]) ? "" : ".", gone);
		else
			ui_message(ui, "%s", gone);
		ui->message_error = error;
	}
	if (!ui->too_small && ui_wide(ui) && v->ops->preview)
		return v->ops->preview(v);
	return NULL;
}

/* Draw the top view (and preview, from ui_prepare just before): no view data changes here. */
void
ui_draw(struct ui *ui, struct view *preview)
{
	struct view *v = ui->stack[ui->depth - 1];
	int h;

	if (!ui_wide(ui))
		preview = NULL;
	if (!ui->too_small && (preview != NULL) != (ui->side != NULL))
		ui_layout(ui, preview != NULL);
	if (ui->too_small) {
		draw_too_small(ui);
		doupdate();
		return;
	}
	h = ui->rows - UI_BAR_ROWS;
	/* The body first: the status line shows what drawing it worked out. */
	werase(ui->body);
	v->cursor_y = -1;
	{
		int bw, bh;
		getmaxyx(ui->body, bh, bw);
		v->ops->draw(v, ui->body, bh, bw);
	}
	draw_title(ui, v);
	draw_status(ui, v);
	wnoutrefresh(ui->title);
	wnoutrefresh(ui->status);
	if (preview && ui->side) {
		int sw, sh;

		werase(ui->sep);
		wattrset(ui->sep, A_NORMAL);
		mvwvline(ui->sep, 0, 0, ACS_VLINE, h);
		werase(ui->side);
		getmaxyx(ui->side, sh, sw);
		preview->ops->draw(preview, ui->side, sh, sw);
		wnoutrefresh(ui->sep);
		wnoutrefresh(ui->side);
	}
	/* The terminal cursor on the selected row: screen readers follow it. */
	wattrset(ui->body, A_NORMAL);
	wmove(ui->body, v->cursor_y >= 0 ? v->cursor_y : 0, 0);
	wnoutrefresh(ui->body);
	doupdate();
}
