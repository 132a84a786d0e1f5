/*
 * The UI state and its life: the calls views make on it (store, messages,
 * the view stack, titles), the signals, and tui_main, which sets curses
 * up, opens the first views, runs the loop (ui_loop.c) and gives the
 * terminal back. Layout and drawing are in ui_layout.c, the prompt in
 * prompt.c.
 */
#include "config.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "crash.h"
#include "draw.h"
#include "i18n.h"
#include "identity.h"
#include "text.h"
#include "tui.h"
#include "ui_internal.h"

volatile sig_atomic_t ui_signal;
static bool curses_on;
/* stderr is buffered while curses runs so a dying message shows after endwin. */
static char stderr_buf[8192];

static void
on_signal(int sig)
{
	ui_signal = sig;
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
	return ui->id.name;
}

int
ui_last_key(const struct ui *ui)
{
	return ui->last_key;
}

bool
ui_identity_asked(const struct ui *ui)
{
	return ui->id.asked || ui->id.from_as;
}

void
ui_set_person(struct ui *ui, const char *name)
{
	free(ui->id.name);
	ui->id.name = name && *name ? xstrdup(name) : NULL;
	ui->id.asked = true;
}

const char *
ui_config_role(struct ui *ui)
{
	return ui->id.role;
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
void
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

/* The mouse events the views use: click, double click, the wheel. */
#define UI_MOUSE_EVENTS \
	(BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED)


/* What tui_preview asks tui_main to open. */
static const char *start_preview;
static int start_variant;

int
tui_preview(struct store *store, const char *meeting_id, enum print_variant v)
{
	start_preview = meeting_id;
	start_variant = (int)v;
	return tui_main(store, NULL);
}

/*
 * ncurses 6.4 flushes its output after every cursor movement while a
 * screen is in its initial state, and only endwin() and the resume in the
 * next doupdate() leave that state: every frame went out in a write() per
 * line (the first agenda in about 55, each one waking the terminal, or a
 * packet over ssh). Suspend and resume once, right after newterm() and
 * before cbreak(), noecho() and keypad(): the terminal's modes are still
 * the shell's then, so the round trip changes nothing a key typed at
 * start-up meets. (An earlier try did it after keypad(), and a Left typed
 * on the first screen arrived before the keypad mode came back: lost.)
 */
static void
leave_initial_state(void)
{
	endwin();
	doupdate();
}

int
tui_main(struct store *store, const char *as)
{
	struct ui ui = { 0 };
	struct sigaction sa = { 0 };
	char *keys_err = NULL, *id_err = NULL;
	SCREEN *scr;
	int rc;

	ui.store = store;
	keys_init();
	keys_load_user(&keys_err);
	if (identity_load(as, &ui.id, &id_err) != STATUS_OK && keys_err == NULL) {
		keys_err = id_err;
		id_err = NULL;
	}
	free(id_err);

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
	leave_initial_state();
	cbreak();
	noecho();
	nonl();
	curs_set(1);
	draw_init();
	mousemask(UI_MOUSE_EVENTS, NULL);
	/* stdscr is never drawn on; refresh it once so reading input never repaints it. */
	wnoutrefresh(stdscr);
	ui_layout(&ui, false);
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
	} else if (store_readonly(ui.store)) {
		ui_message(&ui, "%s", _("read-only: reading works, marks and notes cannot be saved"));
	}
	rc = ui.depth ? ui_loop(&ui) : 1;

	while (ui.depth > 0)
		ui_pop(&ui);
	ui_pending_finish(&ui);
	ui_free_windows(&ui);
	free(ui.message);
	identity_free(&ui.id);
	restore_terminal();
	delscreen(scr);
	fflush(stderr);
	return rc;
}
