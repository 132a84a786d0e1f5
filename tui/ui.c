/*
 * The interactive program: curses set-up and tear-down, the view stack,
 * the main loop (handlers return flags, the loop draws: each window
 * wnoutrefresh, one doupdate), resize, mouse, signals and the prompt.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "crash.h"
#include "draw.h"
#include "i18n.h"
#include "text.h"
#include "tui.h"
#include "view.h"

#define UI_MIN_COLS 40
#define UI_MIN_ROWS 10
#define UI_WIDE_COLS 140
#define UI_MAX_DEPTH 32

struct ui {
	struct store *store;
	struct view *stack[UI_MAX_DEPTH];
	int depth;
	WINDOW *title, *body, *sep, *side, *status;
	int rows, cols;
	bool too_small;
	char *message;
	bool message_error;
};

/* Set by the signal handler only; the loop looks at it between keys. */
static volatile sig_atomic_t got_signal;
static bool curses_on;
/* stderr is buffered while curses runs so a dying message shows after endwin. */
static char stderr_buf[8192];

static void
on_signal(int sig)
{
	got_signal = sig;
}

static void
restore_terminal(void)
{
	crash_disarm();
	if (curses_on) {
		curses_on = false;
		mousemask(0, NULL);
		curs_set(1);
		endwin();
	}
}

struct store *
ui_store(struct ui *ui)
{
	return ui->store;
}

bool
ui_wide(const struct ui *ui)
{
	return ui->cols >= UI_WIDE_COLS;
}

const char *
ui_person(struct ui *ui)
{
	const char *p = getenv("KALLELSE_USER");

	(void)ui;
	if (p == NULL || *p == '\0')
		p = getenv("USER");
	return p && *p ? p : "me";
}

void
ui_message(struct ui *ui, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	/* Formatted first: an argument may be the old message. */
	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	free(ui->message);
	ui->message = msg;
	ui->message_error = false;
}

void
ui_store_error(struct ui *ui, enum status st)
{
	const char *detail = store_error(ui->store);

	ui_message(ui, "%s%s%s", _(status_message(st)), detail && *detail ? ": " : "",
	    detail ? detail : "");
	ui->message_error = true;
}

void
view_set_title(struct view *v, const char *fmt, ...)
{
	va_list ap;
	char *title;

	va_start(ap, fmt);
	title = xvasprintf(fmt, ap);
	va_end(ap);
	free(v->title);
	v->title = title;
}

void
view_free_common(struct view *v)
{
	free(v->title);
	v->title = NULL;
}

void
ui_push(struct ui *ui, struct view *v)
{
	if (v == NULL)
		return;
	if (ui->depth == UI_MAX_DEPTH) {
		/* Drop the oldest view above the root to make room. */
		struct view *old = ui->stack[1];
		old->ops->free(old);
		memmove(&ui->stack[1], &ui->stack[2], sizeof ui->stack[0] * (UI_MAX_DEPTH - 2));
		ui->depth--;
	}
	v->ui = ui;
	ui->stack[ui->depth++] = v;
}

/* Close the top view; the one below reads its data again before it is drawn. */
static void
ui_pop(struct ui *ui)
{
	struct view *v = ui->stack[--ui->depth];
	v->ops->free(v);
	if (ui->depth > 0)
		ui->stack[ui->depth - 1]->stale = true;
}

char *
ui_short_time(const char *iso, char *buf, size_t size)
{
	struct tm tm = { 0 };
	const char *end;
	size_t i;

	/* UTC times ("…Z") are shown in the user's own time zone. */
	end = iso ? strptime(iso, "%Y-%m-%dT%H:%M:%S", &tm) : NULL;
	if (end && *end == 'Z' && end[1] == '\0') {
		time_t t = timegm(&tm);
		struct tm local;

		if (t != (time_t)-1 && localtime_r(&t, &local)) {
			strftime(buf, size, "%Y-%m-%d %H:%M", &local);
			return buf;
		}
	}
	snprintf(buf, size, "%.16s", iso ? iso : "");
	for (i = 0; buf[i]; i++)
		if (buf[i] == 'T')
			buf[i] = ' ';
	return buf;
}

static void
free_windows(struct ui *ui)
{
	WINDOW **w[] = { &ui->title, &ui->body, &ui->sep, &ui->side, &ui->status };

	for (size_t i = 0; i < sizeof w / sizeof w[0]; i++)
		if (*w[i]) {
			delwin(*w[i]);
			*w[i] = NULL;
		}
}

/* A fresh window set for the current size; side panes only when wanted. */
static void
layout(struct ui *ui, bool split)
{
	int h;

	free_windows(ui);
	getmaxyx(stdscr, ui->rows, ui->cols);
	ui->too_small = ui->rows < UI_MIN_ROWS || ui->cols < UI_MIN_COLS;
	if (ui->too_small) {
		ui->body = newwin(ui->rows > 0 ? ui->rows : 1, ui->cols > 0 ? ui->cols : 1, 0, 0);
	} else {
		h = ui->rows - 2;
		ui->title = newwin(1, ui->cols, 0, 0);
		ui->status = newwin(1, ui->cols, ui->rows - 1, 0);
		if (split) {
			int left = ui->cols * 11 / 20;
			ui->body = newwin(h, left, 1, 0);
			ui->sep = newwin(h, 1, 1, left);
			ui->side = newwin(h, ui->cols - left - 1, 1, left + 1);
		} else {
			ui->body = newwin(h, ui->cols, 1, 0);
		}
		keypad(ui->status, TRUE);
		wtimeout(ui->status, 100);
	}
	keypad(ui->body, TRUE);
	/* A timeout loop: ncurses 6.4 can miss a SIGWINCH before a blocking read (TESTING.md). */
	wtimeout(ui->body, 100);
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
	d.right = ui->cols - (hint.len ? draw_width(hint.data) + 2 : 0);
	if (d.right < d.x + 20)
		d.right = ui->cols;
	draw_str(&d, v->title, a);
	d.right = ui->cols;
	if (hint.len && d.x + draw_width(hint.data) + 2 <= ui->cols) {
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
static struct view *
ui_prepare(struct ui *ui)
{
	struct view *v = ui->stack[ui->depth - 1];

	if (v->stale) {
		v->stale = false;
		if (v->ops->reload)
			v->ops->reload(v);
	}
	if (!ui->too_small && ui_wide(ui) && v->ops->preview)
		return v->ops->preview(v);
	return NULL;
}

/* Draw the top view (and preview, from ui_prepare just before): no view data changes here. */
static void
ui_draw(struct ui *ui, struct view *preview)
{
	struct view *v = ui->stack[ui->depth - 1];
	int h;

	if (!ui_wide(ui))
		preview = NULL;
	if (!ui->too_small && (preview != NULL) != (ui->side != NULL))
		layout(ui, preview != NULL);
	if (ui->too_small) {
		draw_too_small(ui);
		doupdate();
		return;
	}
	h = ui->rows - 2;
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

/* One key: 1 and *key set, 0 on timeout, -1 on error. */
static int
read_key(WINDOW *w, int *key)
{
	wint_t ch;
	int r = wget_wch(w, &ch);

	if (r == ERR)
		return 0;
	*key = keys_from_input(r == KEY_CODE_YES, (unsigned int)ch);
	return 1;
}

char *
ui_prompt(struct ui *ui, const char *prompt, const char *initial)
{
	wchar_t line[256];
	size_t n = 0;
	char *out = NULL;

	if (initial && *initial && mbstowcs(line, initial, 255) != (size_t)-1) {
		line[255] = L'\0';
		n = wcslen(line);
	}
	curs_set(1);
	for (;;) {
		struct draw d;
		int key, cx;
		char mb[1024];
		size_t len;

		/* ^C cancels the prompt, as Esc does (mutt, less); it arrives as SIGINT. */
		if (got_signal == SIGINT) {
			got_signal = 0;
			break;
		}
		if (got_signal)
			break;
		if (ui->too_small || ui->status == NULL) {
			ui_draw(ui, ui_prepare(ui));
		} else {
			size_t skip = 0;

			/* A long line shows its end, where the typing is. */
			do {
				line[n] = L'\0';
				len = wcstombs(mb, line + skip, sizeof mb - 1);
				mb[len == (size_t)-1 ? 0 : len] = '\0';
			} while (skip < n && 2 + draw_width(prompt) + draw_width(mb) >= ui->cols &&
			    ++skip);
			d = draw_at(ui->status, 0, 0, ui->cols);
			werase(ui->status);
			draw_str(&d, " ", A_NORMAL);
			draw_str(&d, prompt, A_BOLD);
			draw_str(&d, mb, A_NORMAL);
			cx = d.x < ui->cols ? d.x : ui->cols - 1;
			draw_fill(&d, A_NORMAL);
			wmove(ui->status, 0, cx);
			wnoutrefresh(ui->status);
			doupdate();
		}
		if (read_key(ui->too_small ? ui->body : ui->status, &key) == 0)
			continue;
		if (key == (KEYS_FN | KEY_RESIZE)) {
			layout(ui, false);
			ui_draw(ui, ui_prepare(ui));
			continue;
		}
		if (key == '\n') {
			if (n > 0) {
				line[n] = L'\0';
				len = wcstombs(mb, line, sizeof mb - 1);
				if (len != (size_t)-1) {
					mb[len] = '\0';
					out = xstrdup(mb);
				}
			}
			break;
		}
		if (key == 27 || key == 7 || key == 3)
			break;
		if (key == (KEYS_FN | KEY_BACKSPACE)) {
			if (n > 0)
				n--;
			else
				break;
		} else if (key == 21) {
			n = 0;	/* ^U */
		} else if (!(key & KEYS_FN) && key >= 32 && n < 255) {
			line[n++] = (wchar_t)key;
		}
	}
	return out;
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
		return v->ops->action(v, ACTION_MOVE_UP) | v->ops->action(v, ACTION_MOVE_UP) |
		    v->ops->action(v, ACTION_MOVE_UP);
	if (ev.bstate & BUTTON5_PRESSED)
		return v->ops->action(v, ACTION_MOVE_DOWN) | v->ops->action(v, ACTION_MOVE_DOWN) |
		    v->ops->action(v, ACTION_MOVE_DOWN);
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
	default:
		break;
	}
	f = v->ops->action(v, a);
	if (f == 0 && a == ACTION_BACK)
		f = ui->depth > 1 ? UI_BACK : back_on_root(ui, v, key);
	if (f == 0 && a != ACTION_NONE)
		f = UI_BEEP;
	return f;
}

static int
ui_loop(struct ui *ui)
{
	bool redraw = true, idle = true;

	for (;;) {
		struct view *v = ui->stack[ui->depth - 1];
		unsigned f = 0;
		int key;

		if (got_signal)
			return 128 + got_signal;
		if (redraw) {
			ui_draw(ui, ui_prepare(ui));
			redraw = false;
		}
		if (idle && v->ops->idle && !ui->too_small) {
			/* The view's leftover work, only while no key is waiting. */
			int got;

			wtimeout(ui->body, 0);
			got = read_key(ui->body, &key);
			wtimeout(ui->body, 100);
			if (got == 0) {
				f = v->ops->idle(v);
				if (f == 0)
					idle = false;
				if (f & UI_REDRAW)
					redraw = true;
				continue;
			}
		} else if (read_key(ui->body, &key) == 0) {
			continue;
		}
		idle = true;
		if (key == (KEYS_FN | KEY_RESIZE)) {
			layout(ui, ui->side != NULL);
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

/* What tui_preview asks tui_main to open. */
static const char *start_preview;
static int start_variant;

int
tui_preview(struct store *store, const char *meeting_id, enum print_variant v)
{
	start_preview = meeting_id;
	start_variant = (int)v;
	return tui_main(store);
}

int
tui_main(struct store *store)
{
	struct ui ui = { 0 };
	struct sigaction sa = { 0 };
	char *keys_err = NULL;
	SCREEN *scr;
	int rc;

	ui.store = store;
	keys_init();
	keys_load_user(&keys_err);

	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);

	crash_save_tty();
	scr = newterm(NULL, stdout, stdin);
	if (scr == NULL) {
		const char *term = getenv("TERM");
		text_fprintf(stderr, "kallelse: ");
		text_fprintf(stderr, _("cannot use the terminal type '%s'"), term ? term : "");
		fputc('\n', stderr);
		free(keys_err);
		return 1;
	}
	curses_on = true;
	setvbuf(stderr, stderr_buf, _IOFBF, sizeof stderr_buf);
	atexit(restore_terminal);
	cbreak();
	noecho();
	nonl();
	curs_set(1);
	draw_init();
	mousemask(BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	/* stdscr is never drawn on; refresh it once so reading input never repaints it. */
	wnoutrefresh(stdscr);
	layout(&ui, false);
	/* From here a crash gives the terminal back too (crash.c). */
	crash_arm();

	/*
	 * Straight onto the agenda of the next meeting (else the latest), as
	 * a member opens the program before a meeting; the meetings list is
	 * one step back and reads its list only when first shown, so start-up
	 * does not grow with the archive.
	 */
	ui_push(&ui, meetings_view_new(&ui));
	{
		char *id = NULL;

		if (start_preview)	/* kallelse print --preview: that meeting, its pages on top */
			id = xstrdup(start_preview);
		else if (ui.depth && store_meeting_resolve(ui.store, NULL, &id) != STATUS_OK)
			id = NULL;
		if (ui.depth && id)
			ui_push(&ui, agenda_view_new(&ui, id));
		if (start_preview && ui.depth == 2)
			ui_push(&ui, preview_view_new(&ui, id, start_variant));
		free(id);
	}
	if (keys_err) {
		ui_message(&ui, "%s", keys_err);
		ui.message_error = true;
		free(keys_err);
	}
	rc = ui.depth ? ui_loop(&ui) : 1;

	while (ui.depth > 0)
		ui_pop(&ui);
	free_windows(&ui);
	free(ui.message);
	restore_terminal();
	delscreen(scr);
	fflush(stderr);
	return rc;
}
