/*
 * The main loop: read a key (or a mouse event), find its action in the
 * top view's keymap, let the view handle it, and act on the flags it
 * returns (redraw, back, quit, beep); the loop alone draws. While no key
 * waits, a view's leftover work (the rest of a search) runs a step at a
 * time.
 */
#include "config.h"

#include <stdlib.h>

#include "i18n.h"
#include "ui_internal.h"

/* Lines the mouse wheel scrolls per notch. */
#define UI_WHEEL_LINES 3

int
ui_read_key(WINDOW *w, int *key)
{
	wint_t ch;
	int r = wget_wch(w, &ch);

	if (r == ERR)
		return 0;
	*key = keys_from_input(r == KEY_CODE_YES, (unsigned int)ch);
	return 1;
}

/* The same action n times, the flags of all of them. */
static unsigned
repeat_action(struct view *v, enum action a, int n)
{
	unsigned f = 0;

	while (n-- > 0)
		f |= v->ops->action(v, a);
	return f;
}

/* Mouse: click selects, double click opens, the wheel scrolls. */
static unsigned
handle_mouse(struct ui *ui, struct view *v)
{
	MEVENT ev;
	int by, bx;

	if (getmouse(&ev) != OK || ui->too_small || !wenclose(ui->body, ev.y, ev.x))
		return 0;
	getbegyx(ui->body, by, bx);
	(void)bx;
	if (ev.bstate & BUTTON4_PRESSED)
		return repeat_action(v, ACTION_MOVE_UP, UI_WHEEL_LINES);
	if (ev.bstate & BUTTON5_PRESSED)
		return repeat_action(v, ACTION_MOVE_DOWN, UI_WHEEL_LINES);
	if (v->ops->click && (ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)))
		return v->ops->click(v, ev.y - by, false);
	if (v->ops->click && (ev.bstate & BUTTON1_DOUBLE_CLICKED))
		return v->ops->click(v, ev.y - by, true);
	return 0;
}

/*
 * On the first view "back" has nowhere to go: the key the title names
 * ("q quit") quits, as in tig and mutt; the other back keys (Left,
 * Backspace, h), easy to press by accident, stay and say how to quit.
 */
static unsigned
back_on_root(struct ui *ui, struct view *v, int key)
{
	int first;
	char name[32];

	if (keys_for(v->ops->keymap, ACTION_BACK, &first, 1) == 1 && first == key)
		return UI_QUIT;
	/* The key the title names. */
	if (keys_for(v->ops->keymap, ACTION_BACK, &first, 1) == 1)
		ui_message(ui, _("This is the first view; press %s to quit."),
		    keys_name(first, name, sizeof name));
	return UI_HANDLED | UI_REDRAW;
}

/* An unbound key says so, with the key for help (mutt). */
static unsigned
unbound(struct ui *ui, struct view *v)
{
	int key;
	char name[32];

	if (keys_for(v->ops->keymap, ACTION_HELP, &key, 1) == 1)
		ui_message(ui, _("Key is not bound. Press %s for help."),
		    keys_name(key, name, sizeof name));
	else
		ui_message(ui, "%s", _("Key is not bound."));
	return UI_REDRAW;
}

static unsigned
dispatch(struct ui *ui, int key)
{
	struct view *v = ui->stack[ui->depth - 1];
	enum action a = keys_lookup(v->ops->keymap, key);
	unsigned f;

	switch (a) {
	case ACTION_NONE:
		return unbound(ui, v);
	case ACTION_QUIT:
		return UI_QUIT;
	case ACTION_REFRESH:
		clearok(curscr, TRUE);
		return UI_REDRAW;
	case ACTION_HELP:
		if (v->ops->keymap == KEYMAP_HELP)
			return UI_BEEP;
		ui_push(ui, help_view_new(ui, v));
		return UI_REDRAW;
	case ACTION_SEARCH: {
		char *q = ui_prompt(ui, _("Search all meetings: "), NULL);
		if (q)
			ui_push(ui, search_view_new(ui, q));
		free(q);
		return UI_REDRAW;
	}
	case ACTION_SYNC:
		return ui_sync(ui);
	default:
		break;
	}
	ui->last_key = key;
	f = v->ops->action(v, a);
	if (f == 0 && a == ACTION_BACK)
		f = ui->depth > 1 ? UI_BACK : back_on_root(ui, v, key);
	if (f == 0 && a != ACTION_NONE)
		f = UI_BEEP;
	return f;
}

int
ui_loop(struct ui *ui)
{
	bool redraw = true, idle = true;

	for (;;) {
		struct view *v = ui->stack[ui->depth - 1];
		unsigned f = 0;
		int key;

		if (ui_signal)
			return 128 + ui_signal;
		if (redraw) {
			ui_draw(ui, ui_prepare(ui));
			redraw = false;
			v = ui->stack[ui->depth - 1];	/* ui_prepare may close views */
		}
		if (idle && v->ops->idle && !ui->too_small) {
			/* The view's leftover work, only while no key is waiting. */
			int got;

			wtimeout(ui->body, 0);
			got = ui_read_key(ui->body, &key);
			wtimeout(ui->body, UI_INPUT_TIMEOUT_MS);
			if (got == 0) {
				f = v->ops->idle(v);
				if (f == 0)
					idle = false;
				if (f & UI_REDRAW)
					redraw = true;
				continue;
			}
		} else if (ui_read_key(ui->body, &key) == 0) {
			/* The timeout tick: writes kept while the database was busy. */
			if (ui_pending_retry(ui) & UI_REDRAW)
				redraw = true;
			continue;
		}
		idle = true;
		if (key == (KEYS_FN | KEY_RESIZE)) {
			ui_layout(ui, ui->side != NULL);
			redraw = true;
			continue;
		}
		free(ui->message);
		ui->message = NULL;
		redraw = true;
		if (key == (KEYS_FN | KEY_MOUSE)) {
			f = handle_mouse(ui, v);
		} else if (ui->too_small) {
			if (keys_lookup(v->ops->keymap, key) == ACTION_QUIT)
				f = UI_QUIT;
		} else {
			f = dispatch(ui, key);
		}
		if (f & UI_QUIT)
			return 0;
		if (f & UI_BACK) {
			if (ui->depth == 1)
				return 0;
			ui_pop(ui);
		}
		if (f & UI_BEEP)
			beep();
	}
}
