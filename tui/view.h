/*
 * Views and the UI they live in. Each view is a file of its own ending in
 * a struct view_ops with designated initializers (tig's view_ops). A view
 * handler returns flags; the main loop in ui.c does the drawing: each
 * window wnoutrefresh, then one doupdate.
 */
#ifndef KALLELSE_VIEW_H
#define KALLELSE_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "curses_compat.h"
#include "actions.h"
#include "keys.h"
#include "store.h"
#include "xmalloc.h"

/* What a handler asks the loop to do. */
enum ui_flag {
	UI_HANDLED = 1 << 0,	/* the view used the action */
	UI_REDRAW = 1 << 1,	/* draw the screen again */
	UI_BACK = 1 << 2,	/* pop this view */
	UI_QUIT = 1 << 3,	/* leave the program */
	UI_BEEP = 1 << 4,	/* nothing to do there: tell the user */
};

struct ui;
struct view;

struct view_ops {
	const char *name;		/* for messages and tests */
	enum keymap keymap;
	/*
	 * Draw into w (its whole size). Set v->cursor_y to the selected row, or -1.
	 * Draw never reads the store or frees what the view holds: the loop may
	 * hold the preview while the view draws (ui.c ui_prepare). Laying out
	 * its own lines again for a new width is all a draw may change.
	 */
	void (*draw)(struct view *v, WINDOW *w, int rows, int cols);
	/* Handle an action; returns enum ui_flag bits (0: not handled). */
	unsigned (*action)(struct view *v, enum action a);
	/* A mouse click on row (0-based in the view's window); twice: double click. */
	unsigned (*click)(struct view *v, int row, bool twice);
	/* Fill the status line: left text and right text (position, percentage). */
	void (*status)(struct view *v, struct buf *left, struct buf *right);
	/*
	 * Work left over after the first draw (the rest of a search): called
	 * by the main loop when no key is waiting, one step a call, so keys
	 * stay responsive. Returns ui flags; 0 when there is nothing left to do.
	 * May be NULL.
	 */
	unsigned (*idle)(struct view *v);
	/*
	 * Read again what may have changed while the view was covered (read
	 * state, marks, counts): called by the main loop before the view is
	 * drawn on top again, and first of all for a view made with stale set.
	 * May be NULL.
	 */
	void (*reload)(struct view *v);
	/*
	 * The view to show beside this one on a wide terminal, or NULL. Called
	 * by the loop before anything of the frame is drawn; the view owns it,
	 * and it stays valid until this view's next action, click, idle step,
	 * reload or free.
	 */
	struct view *(*preview)(struct view *v);
	/* Free the view and everything it owns. */
	void (*free)(struct view *v);
};

/* The part every view starts with; views embed it as their first member. */
struct view {
	const struct view_ops *ops;
	struct ui *ui;
	char *title;		/* shown in the title line; owned */
	int cursor_y;		/* row for the terminal cursor (screen readers) or -1 */
	bool stale;		/* ops->reload is due before the next draw */
	bool gone;		/* reload found its meeting, item or document removed (a sync) */
};

/*
 * A list of rows, some of which may not be selectable (headings). The
 * list keeps the selection visible, scrolls by lines when the next
 * selectable row is far away, and shows a heading above its first row.
 */
struct list {
	size_t n;		/* rows */
	size_t sel;		/* selected row (selectable), or n when none */
	size_t top;		/* first row on screen */
	int height;		/* rows on screen at the last draw */
	const bool *skip;	/* skip[i]: row i is not selectable; NULL: all are */
};

void list_init(struct list *l, size_t n, const bool *skip);
/* Move for a movement action; returns ui flags (UI_BEEP at an end). */
unsigned list_action(struct list *l, enum action a);
/* Fit top to height so that sel shows. */
void list_fit(struct list *l, int height);
/* Select row top + row when it is selectable; returns ui flags. */
unsigned list_click(struct list *l, int row);
/* Scroll by delta lines (mouse wheel), keeping sel on screen if it can. */
void list_scroll(struct list *l, long delta);
/* "3/19" for the status line. */
void list_position(const struct list *l, struct buf *out);

/* The UI, as views see it. */
struct store *ui_store(struct ui *ui);
/* Push a view on top of the stack; it is drawn next. */
void ui_push(struct ui *ui, struct view *v);
/* A message on the status line until the next key. */
void ui_message(struct ui *ui, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A store error on the status line: the status message and store_error(). */
void ui_store_error(struct ui *ui, enum status st);

/*
 * A write to the user's data that must not freeze the screen while another
 * kallelse holds the database (tui/pending.c): fn is called with the store
 * and the write itself, whose strings a and b are copied when it is kept.
 */
struct ui_write {
	enum status (*fn)(struct store *s, struct ui_write *w);
	char *a, *b;
	size_t n;
	const char *what;	/* N_(): "reading position", for the message at exit */
};
/* Write now, waiting briefly for the lock; when busy keep it to retry and say so (STATUS_LOCKED). */
enum status ui_write(struct ui *ui, struct ui_write *w);
/* The status line's words while writes wait. */
const char *ui_busy_notice(void);
/*
 * Read a line on the status line after prompt, with an initial text
 * (prompt.c): Left, Right, Home (^A), End (^E), Backspace, Delete and ^U
 * edit it. Returns a fresh string (caller frees) or NULL when cancelled
 * with Esc or ^C/^G, or an empty line.
 */
char *ui_prompt(struct ui *ui, const char *prompt, const char *initial);
/* Who the user is (--as, else the config file's name), or NULL when nobody said. */
const char *ui_person(struct ui *ui);
/* The key that triggered the action being handled ('1' for jump). */
int ui_last_key(const struct ui *ui);
/* Whether the user was asked for a name already (or gave --as). */
bool ui_identity_asked(const struct ui *ui);
/* Who the user is from now on (NULL or "": nobody, and do not ask again). */
void ui_set_person(struct ui *ui, const char *name);
/* The last sync as a line for the meetings view, or NULL; *failed: a failed attempt after it, or NULL (sync_ui.c). Caller frees both. */
char *ui_sync_last(struct ui *ui, char **failed);
/* The role the config file gives ("sekreterare"), or NULL. */
const char *ui_config_role(struct ui *ui);

/* userdata_ui.c: marks and notes as several views use them; each returns ui flags. */
unsigned ui_mark_toggle(struct ui *ui, const char *item_id, const char *number);
unsigned ui_mark_comment(struct ui *ui, const char *item_id, const char *number);
/* Flip a document's read state; returns ui flags. */
unsigned ui_toggle_read(struct ui *ui, const struct store_doc *doc);
/* A note on a document at line (doc_id) or on an item. */
unsigned ui_note_add(struct ui *ui, const char *doc_id, const char *item_id, size_t line);
/* Text from the status line, or from $VISUAL/$EDITOR when use_editor. Caller frees; NULL: cancelled. */
char *ui_edit_text(struct ui *ui, const char *prompt, const char *initial, bool use_editor);
/* Whether the terminal is wide enough for a side-by-side preview. */
bool ui_wide(const struct ui *ui);
/* "2024-12-10T09:30:00Z" as "2024-12-10 09:30" (at most 16 characters). Returns buf. */
char *ui_short_time(const char *iso, char *buf, size_t size);

/* Set v->title (takes a printf format). */
void view_set_title(struct view *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Free the common part (title); views call it from their free. */
void view_free_common(struct view *v);

/* The widest "N lines" label among docs, for lining up document lists. */
int doc_count_width(const struct store_doc *docs, size_t n);

/* The views. Each returns NULL (after ui_message) when it cannot open. */
struct view *meetings_view_new(struct ui *ui);
struct view *agenda_view_new(struct ui *ui, const char *meeting_id);
/* item_id: an agenda item; owned by the caller. */
struct view *item_view_new(struct ui *ui, const char *item_id);
/* An item view drawn as a preview: no store lookups beyond the item itself. */
struct view *item_view_preview(struct ui *ui, const char *item_id);
/* Open a document at a source line (SIZE_MAX: the remembered position), with a search pattern or NULL. */
struct view *pager_view_new(struct ui *ui, const char *doc_id, size_t line, const char *pattern);
struct view *search_view_new(struct ui *ui, const char *query);
/* One heading in a document's table of contents. */
struct contents_entry {
	int level;		/* 1 = chapter ... */
	const char *label;	/* "1.3", "5 kap." or NULL */
	const char *title;
	size_t line;		/* display line in the pager */
	int page;		/* page of the original, or -1 */
};
/*
 * The headings of a document (copied), the one at current selected;
 * Enter calls pick(ctx, line) and goes back. The caller (the pager below
 * it) outlives the view.
 */
struct view *contents_view_new(struct ui *ui, const char *doc_title,
    const struct contents_entry *e, size_t n, size_t current,
    void (*pick)(void *ctx, size_t line), void *ctx);
/*
 * Open a document's original PDF in the PDF viewer ($KALLELSE_PDF_VIEWER,
 * else xdg-open) at the page that line (from 0) of its text is on, from a
 * private copy; the terminal is handed over while the viewer runs. Says on
 * the status line what happened (pager_open.c).
 */
void pager_open_original(struct ui *ui, const struct store_doc *doc, size_t line);
/*
 * The shell command for viewer (KALLELSE_PDF_VIEWER's value, or NULL) on
 * path at page: %f, %p and %% replaced, a known viewer's page option, or
 * xdg-open. *takes_page: whether the page was passed. Caller frees.
 */
char *pager_viewer_command(const char *viewer, const char *path, int page, bool *takes_page);
/* The agenda of a meeting as it will print: pages, and the checks above them. */
struct view *preview_view_new(struct ui *ui, const char *meeting_id, int variant);
/* Marks for discussion of one meeting, or of all (meeting_id NULL). */
struct view *marks_view_new(struct ui *ui, const char *meeting_id);
/* Private notes of one meeting, or of all (meeting_id NULL). */
struct view *notes_view_new(struct ui *ui, const char *meeting_id);
/* The keys of the view below (for_view). */
struct view *help_view_new(struct ui *ui, const struct view *for_view);

#endif
