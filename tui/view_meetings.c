/*
 * Sammanträden: all meetings, upcoming first (soonest first), then past
 * (newest first), with body, item count, and the counts of items with an
 * unread document and of marked items.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "draw.h"
#include "i18n.h"
#include "text.h"
#include "view.h"

/* Rows: a column header, group headings, one row per meeting. */
enum row_kind { ROW_HEADER, ROW_GROUP, ROW_MEETING };

struct row {
	enum row_kind kind;
	size_t meeting;		/* index into meetings, for ROW_MEETING */
	const char *label;	/* for ROW_GROUP (untranslated) */
};

struct meetings_view {
	struct view v;
	struct store_meeting *meetings;
	size_t n_meetings;
	struct row *rows;
	bool *skip;
	struct list list;
	char *last_sync;	/* the newest import, for the status line before any sync; owned */
	char *sync_line;	/* the last sync, or NULL; owned */
	char *sync_failed;	/* a failed attempt after it, or NULL; owned */
	char *error;		/* why the list could not be read, or NULL; owned */
};

static void
load(struct meetings_view *mv)
{
	struct store *s = ui_store(mv->v.ui);
	char *keep = NULL, today[16];
	size_t n = 0, i;
	enum status st;
	time_t now = time(NULL);
	struct tm tm;
	int group = -1;

	if (mv->list.sel < mv->list.n && mv->rows[mv->list.sel].kind == ROW_MEETING)
		keep = xstrdup(mv->meetings[mv->rows[mv->list.sel].meeting].id);
	store_meetings_free(mv->meetings, mv->n_meetings);
	free(mv->rows);
	free(mv->skip);
	free(mv->last_sync);
	mv->meetings = NULL;
	mv->n_meetings = 0;
	mv->last_sync = NULL;
	free(mv->error);
	mv->error = NULL;
	st = store_meetings(s, &mv->meetings, &mv->n_meetings);
	if (st != STATUS_OK) {
		const char *detail = store_error(s);
		mv->error = xasprintf("%s%s%s", _(status_message(st)), *detail ? ": " : "", detail);
		mv->meetings = NULL;
		mv->n_meetings = 0;
	}

	localtime_r(&now, &tm);
	strftime(today, sizeof today, "%Y-%m-%d", &tm);
	mv->rows = xcalloc(mv->n_meetings * 2 + 3, sizeof *mv->rows);
	mv->skip = xcalloc(mv->n_meetings * 2 + 3, sizeof *mv->skip);
	if (mv->n_meetings)
		mv->rows[n++] = (struct row){ .kind = ROW_HEADER };
	for (i = 0; i < mv->n_meetings; i++) {
		const char *date = mv->meetings[i].date ? mv->meetings[i].date : "";
		int g = strcmp(date, today) >= 0 ? 0 : 1;

		if (g != group) {
			mv->rows[n++] = (struct row){ .kind = ROW_GROUP,
				.label = g == 0 ? N_("Upcoming") : N_("Past") };
			group = g;
		}
		mv->rows[n++] = (struct row){ .kind = ROW_MEETING, .meeting = i };
		if (mv->meetings[i].imported_at &&
		    (mv->last_sync == NULL || strcmp(mv->meetings[i].imported_at, mv->last_sync) > 0)) {
			free(mv->last_sync);
			mv->last_sync = xstrdup(mv->meetings[i].imported_at);
		}
	}
	for (i = 0; i < n; i++)
		mv->skip[i] = mv->rows[i].kind != ROW_MEETING;
	list_init(&mv->list, n, mv->skip);
	for (i = 0; keep && i < n; i++)
		if (mv->rows[i].kind == ROW_MEETING &&
		    strcmp(mv->meetings[mv->rows[i].meeting].id, keep) == 0)
			mv->list.sel = i;
	free(keep);
	/* What the last sync brought, read here and not in draw (before any sync the status line names the newest import). */
	free(mv->sync_line);
	free(mv->sync_failed);
	mv->sync_line = ui_sync_last(mv->v.ui, &mv->sync_failed);
}

/* First shown, or back on top: counts may have changed in the views above. */
static void
meetings_reload(struct view *v)
{
	load((struct meetings_view *)v);
}

/*
 * The columns of a row: a margin, the date, the time, the body, then the
 * three counts right-aligned at the right edge with a margin after them.
 * Each is as wide as its content or its translated heading, whichever is
 * wider, so a longer translation moves the columns instead of cutting them.
 */
#define COL_MARGIN 1		/* before the date, and after the last count */
#define COL_GAP 2		/* between two columns */
#define DATE_COLS 10		/* "2024-12-10" */
#define TIME_COLS 5		/* "09:30" */
#define COUNT_MIN_COLS 4	/* four digits */
/* Narrower than this, the body gets the whole rest of the row and the counts are left out. */
#define COUNTS_MIN_TERM_COLS 60
/* The error and empty-list messages start this far from the left edge. */
#define MESSAGE_INDENT 2
/* Lower than this, the list keeps every row and the last-sync lines are left out. */
#define SYNC_LINE_MIN_ROWS 8
/* Each of the last-sync lines wraps to at most this many rows (then it is cut). */
#define SYNC_LINE_MAX_ROWS 2

enum count_column { COUNT_ITEMS, COUNT_UNREAD, COUNT_MARKED, COUNT__N };

struct columns {
	int date, time;		/* widths */
	int count[COUNT__N];	/* widths */
	int counts;		/* all the counts take, with their gaps and the right margin */
	bool show_counts;
};

/* What one row shows in each column (untranslated labels are translated by the caller). */
struct cells {
	const char *date, *time, *body;
	const char *count[COUNT__N];
};

static int
at_least(int w, int min)
{
	return w > min ? w : min;
}

static struct columns
columns(int cols)
{
	struct columns c = {
		.date = at_least(draw_width(_("Date")), DATE_COLS),
		.time = at_least(draw_width(_("Time")), TIME_COLS),
		.show_counts = cols >= COUNTS_MIN_TERM_COLS,
	};
	/* "Unread items": it counts items (the agenda's N), like the columns beside it. */
	const char *heads[COUNT__N] = { _("Items"), _("Unread items"), _("Marked") };

	c.counts = COL_MARGIN;
	for (int i = 0; i < COUNT__N; i++) {
		c.count[i] = at_least(draw_width(heads[i]), COUNT_MIN_COLS);
		c.counts += COL_GAP + c.count[i];
	}
	return c;
}

static void
draw_right_in(struct draw *d, int width, const char *s, attr_t a)
{
	int end = d->x + width;
	struct draw cell = draw_at(d->w, d->y, d->x, end < d->right ? end : d->right);

	draw_right(&cell, s, a);
	d->x = cell.x;
}

/* One row (the column header or a meeting) across the whole width, in a. */
static void
draw_cells(struct draw *d, const struct columns *c, const struct cells *cl, attr_t a)
{
	int cols = d->right;
	int x = COL_MARGIN;

	draw_to(d, x, a);
	draw_str(d, cl->date, a);
	draw_to(d, x += c->date + COL_GAP, a);
	draw_str(d, cl->time, a);
	draw_to(d, x += c->time + COL_GAP, a);
	if (c->show_counts) {
		d->right = cols - c->counts;
		draw_str(d, cl->body, a);
		draw_to(d, d->right, a);
		d->right = cols;
		for (int i = 0; i < COUNT__N; i++) {
			draw_to(d, d->x + COL_GAP, a);
			draw_right_in(d, c->count[i], cl->count[i], a);
		}
	} else {
		draw_str(d, cl->body, a);
	}
	draw_fill(d, a);
}

static void
draw_message(WINDOW *w, int rows, int cols, const struct meetings_view *mv)
{
	if (mv->error) {
		struct text_line *lines = NULL;
		char *msg = xasprintf(_("Cannot list the meetings: %s"), mv->error);
		int width = cols - 2 * MESSAGE_INDENT;
		size_t n = text_wrap(msg, strlen(msg), width > 2 ? width : 2, &lines);

		for (size_t i = 0; i < n && (int)i + 1 < rows; i++) {
			struct draw d = draw_at(w, (int)i + 1, MESSAGE_INDENT, cols);
			draw_text(&d, msg + lines[i].off, lines[i].len, draw_attr(STYLE_CONFIDENTIAL));
		}
		free(lines);
		free(msg);
	} else {
		struct draw d = draw_at(w, 1, MESSAGE_INDENT, cols);
		draw_str(&d, _("No meetings yet. Import a packet with: kallelse import FILE"), A_BOLD);
		d = draw_at(w, 2, MESSAGE_INDENT, cols);
		draw_str(&d, _("Or try the demo: kallelse --demo"), A_NORMAL);
	}
}

/*
 * The last sync at the foot of the list, and a failed attempt after it
 * (in the error colour), each wrapped to at most SYNC_LINE_MAX_ROWS rows,
 * with a blank row above. Returns the rows taken.
 */
static int
draw_sync_line(WINDOW *w, int rows, int cols, const struct meetings_view *mv)
{
	const char *text[2] = { mv->sync_line, mv->sync_failed };
	attr_t attrs[2] = { draw_attr(STYLE_DIM), draw_attr(STYLE_CONFIDENTIAL) };
	struct text_line *lines[2] = { NULL, NULL };
	size_t n[2] = { 0, 0 };
	int width = cols - 2 * MESSAGE_INDENT, used = 0, y;

	if ((text[0] == NULL && text[1] == NULL) || rows < SYNC_LINE_MIN_ROWS || width < 2)
		return 0;
	for (int k = 0; k < 2; k++) {
		if (text[k] == NULL)
			continue;
		n[k] = text_wrap(text[k], strlen(text[k]), width, &lines[k]);
		if (n[k] > SYNC_LINE_MAX_ROWS)
			n[k] = SYNC_LINE_MAX_ROWS;
		used += (int)n[k];
	}
	y = rows - used;
	for (int k = 0; k < 2; k++) {
		for (size_t i = 0; i < n[k]; i++) {
			struct draw d = draw_at(w, y++, MESSAGE_INDENT, cols - MESSAGE_INDENT);

			draw_text(&d, text[k] + lines[k][i].off, lines[k][i].len, attrs[k]);
		}
		free(lines[k]);
	}
	return used + 1;
}

static void
meetings_draw(struct view *v, WINDOW *w, int rows, int cols)
{
	struct meetings_view *mv = (struct meetings_view *)v;
	struct columns c = columns(cols);
	const struct cells header = { _("Date"), _("Time"), _("Body"),
		{ _("Items"), _("Unread items"), _("Marked") } };

	rows -= draw_sync_line(w, rows, cols, mv);
	if (mv->error || mv->n_meetings == 0) {
		draw_message(w, rows, cols, mv);
		return;
	}
	list_fit(&mv->list, rows);
	for (int y = 0; y < rows && mv->list.top + (size_t)y < mv->list.n; y++) {
		size_t i = mv->list.top + (size_t)y;
		const struct row *r = &mv->rows[i];
		bool sel = i == mv->list.sel;
		struct draw d = draw_at(w, y, 0, cols);
		const struct store_meeting *m;
		char num[COUNT__N][24];
		struct cells cl;

		if (r->kind == ROW_GROUP) {
			draw_str(&d, " ", A_NORMAL);
			draw_str(&d, _(r->label), draw_attr(STYLE_SECTION));
			continue;
		}
		if (r->kind == ROW_HEADER) {
			draw_cells(&d, &c, &header, draw_attr(STYLE_DIM) | A_UNDERLINE);
			continue;
		}
		m = &mv->meetings[r->meeting];
		if (sel)
			v->cursor_y = y;
		snprintf(num[COUNT_ITEMS], sizeof num[0], "%d", m->item_count);
		snprintf(num[COUNT_UNREAD], sizeof num[0], "%d", m->unread_count);
		snprintf(num[COUNT_MARKED], sizeof num[0], "%d", m->marked_count);
		cl = (struct cells){ m->date, m->time ? m->time : "", m->body,
			{ num[COUNT_ITEMS], num[COUNT_UNREAD], num[COUNT_MARKED] } };
		draw_cells(&d, &c, &cl, sel ? draw_attr(STYLE_SELECTED) : A_NORMAL);
	}
}

static const struct store_meeting *
selected(struct meetings_view *mv)
{
	if (mv->list.sel >= mv->list.n || mv->rows[mv->list.sel].kind != ROW_MEETING)
		return NULL;
	return &mv->meetings[mv->rows[mv->list.sel].meeting];
}

static unsigned
meetings_action(struct view *v, enum action a)
{
	struct meetings_view *mv = (struct meetings_view *)v;
	const struct store_meeting *m;

	if (a == ACTION_OPEN) {
		if ((m = selected(mv)) == NULL)
			return UI_BEEP;
		ui_push(v->ui, agenda_view_new(v->ui, m->id));
		return UI_HANDLED | UI_REDRAW;
	}
	/* From the list of meetings: the marks and notes of all of them. */
	if (a == ACTION_MARKS) {
		ui_push(v->ui, marks_view_new(v->ui, NULL));
		return UI_HANDLED | UI_REDRAW;
	}
	if (a == ACTION_NOTES) {
		ui_push(v->ui, notes_view_new(v->ui, NULL));
		return UI_HANDLED | UI_REDRAW;
	}
	return list_action(&mv->list, a);
}

static unsigned
meetings_click(struct view *v, int row, bool twice)
{
	struct meetings_view *mv = (struct meetings_view *)v;
	unsigned f = list_click(&mv->list, row);

	if (f && twice)
		f |= meetings_action(v, ACTION_OPEN);
	return f;
}

static void
meetings_status(struct view *v, struct buf *left, struct buf *right)
{
	struct meetings_view *mv = (struct meetings_view *)v;
	char t[32];

	if (mv->sync_line || mv->sync_failed)
		;	/* said at the foot of the list */
	else if (mv->last_sync)
		buf_printf(left, _("Never synced; last import: %s"),
		    ui_short_time(mv->last_sync, t, sizeof t));
	else
		buf_adds(left, _("Never synced"));
	list_position(&mv->list, right);
}

static void
meetings_free(struct view *v)
{
	struct meetings_view *mv = (struct meetings_view *)v;

	store_meetings_free(mv->meetings, mv->n_meetings);
	free(mv->rows);
	free(mv->skip);
	free(mv->last_sync);
	free(mv->sync_line);
	free(mv->sync_failed);
	free(mv->error);
	view_free_common(v);
	free(mv);
}

static const struct view_ops meetings_ops = {
	.name = "meetings",
	.keymap = KEYMAP_MEETINGS,
	.draw = meetings_draw,
	.action = meetings_action,
	.click = meetings_click,
	.status = meetings_status,
	.reload = meetings_reload,
	.free = meetings_free,
};

struct view *
meetings_view_new(struct ui *ui)
{
	struct meetings_view *mv = xcalloc(1, sizeof *mv);

	mv->v.ops = &meetings_ops;
	mv->v.ui = ui;
	view_set_title(&mv->v, "%s", _("Meetings"));
	/* Not read yet: the program starts on an agenda above it (ui.c); read when first shown. */
	list_init(&mv->list, 0, NULL);
	mv->v.stale = true;
	return &mv->v;
}
