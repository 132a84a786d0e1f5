/*
 * What the files of the main loop share and the views do not see: the
 * UI state (struct ui), its sizes and timeouts, and the calls between
 * ui.c (view stack, start-up), ui_loop.c (keys, mouse, dispatch),
 * ui_layout.c (windows, title, status, drawing a frame) and prompt.c
 * (the line editor on the status line).
 */
#ifndef KALLELSE_UI_INTERNAL_H
#define KALLELSE_UI_INTERNAL_H

#include <signal.h>
#include <stdbool.h>

#include "identity.h"
#include "view.h"

/* Below this the views do not fit: a message says how big the window must be. */
#define UI_MIN_COLS 40
#define UI_MIN_ROWS 10
/* From this width on, a list shows the selected entry's preview beside it. */
#define UI_WIDE_COLS 140
/* Views deeper than this drop the oldest one above the root. */
#define UI_MAX_DEPTH 32
/*
 * Reading a key gives up after this long, so the loop looks at signals
 * and resizes: ncurses 6.4 can miss a SIGWINCH before a blocking read
 * (TESTING.md). Short enough to feel instant, long enough to cost nothing.
 */
#define UI_INPUT_TIMEOUT_MS 100
/* The body's share of a split screen, in twentieths (the preview gets the rest). */
#define UI_SPLIT_LEFT_TWENTIETHS 11
/* The title gives way to the key hints only when that leaves it this many columns. */
#define UI_TITLE_MIN_COLS 20

/* Control keys the loop and the prompt read as characters. */
#define UI_KEY_CTRL(c) ((c) & 0x1f)
#define UI_KEY_ESC 27

struct ui {
	struct store *store;
	struct view *stack[UI_MAX_DEPTH];
	int depth;
	WINDOW *title, *body, *sep, *side, *status;
	int rows, cols;
	bool too_small;
	char *message;
	bool message_error;
	struct identity id;	/* who the user is; name NULL when nobody said */
	struct ui_write *pending;	/* writes waiting for a busy database (pending.c) */
	size_t n_pending;
	double pending_tried;	/* when they were last tried, monotonic ms */
	int last_key;		/* the key of the action being handled (digits for jump) */
};

/* Set by the signal handler only (ui.c); the loop and the prompt look at it between keys. */
extern volatile sig_atomic_t ui_signal;

/* ui_layout.c */
/* A fresh window set for the current size; the side panes only when split. */
void ui_layout(struct ui *ui, bool split);
void ui_free_windows(struct ui *ui);
/* Reload a stale top view and fetch its preview, before anything is drawn. */
struct view *ui_prepare(struct ui *ui);
/* Draw the top view (and the preview from ui_prepare) and update the terminal. */
void ui_draw(struct ui *ui, struct view *preview);

/* Only the status line, now: progress while a long action blocks the loop (sync_ui.c). */
void ui_draw_status_now(struct ui *ui);

/* sync_ui.c */
/* S: sync from the remembered source; returns ui flags. */
unsigned ui_sync(struct ui *ui);

/* ui_loop.c */
/* One key from w: 1 and *key set, 0 on timeout or error. */
int ui_read_key(WINDOW *w, int *key);
/* Run until the user quits or a signal arrives; returns the exit status. */
int ui_loop(struct ui *ui);

/* pending.c */
/* Try the waiting writes again (from the loop's timeout tick); UI_REDRAW when any went through. */
unsigned ui_pending_retry(struct ui *ui);
/* At exit: one last try with the normal wait; what is still not saved is named on stderr. */
void ui_pending_finish(struct ui *ui);

/* ui.c */
/* Close the top view; the one below reads its data again before it is drawn. */
void ui_pop(struct ui *ui);

#endif
