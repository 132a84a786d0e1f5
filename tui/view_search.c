/*
 * Sök: search across all meetings. Results are grouped by meeting; each
 * hit shows its item and document, then a line of context with the
 * matching words highlighted. Enter opens the document at the match (or
 * the item, for a hit in a title or proposal).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "i18n.h"
#include "view.h"

/*
 * At most this many hits are listed; the status line tells the total.
 * The first screenful is fetched and drawn first (a few ms even on a
 * ten-year archive); the total and the rest of the hits follow when the
 * main loop is idle (search_idle), or at once when the user moves near the
 * end of what is there. Counting every hit can cost ten times the first
 * page, so the user never waits for it.
 */
#define SEARCH_LIMIT 200
#define SEARCH_FIRST_MIN 10

/* What is still to fetch after the first page. */
enum stage { STAGE_TOTAL, STAGE_REST, STAGE_DONE };

enum row_kind { ROW_MEETING, ROW_HIT, ROW_SNIPPET };

struct row {
	enum row_kind kind;
	size_t hit;
};

struct search_view {
	struct view v;
	char *query;
	struct store_hit *hits;
	size_t n_hits, total;	/* total: 0 while not counted yet */
	size_t asked;		/* the limit the hits were fetched with */
	enum stage stage;
	struct row *rows;
	bool *skip;
	struct list list;
};

static const char *
hit_what(const struct store_hit *h)
{
	if (h->doc_title && *h->doc_title)
		return h->doc_title;
	if (h->what && strcmp(h->what, "title") == 0)
		return _("Item title");
	if (h->what && strcmp(h->what, "proposal") == 0)
		return _("Proposed decision");
	return h->what ? h->what : "";
}

static void
draw_snippet(struct draw *d, const struct store_hit *h)
{
	const char *s = h->snippet ? h->snippet : "";
	size_t len = strlen(s), at = 0;

	for (size_t k = 0; k < h->n_spans; k++) {
		size_t off = h->spans[k].off, n = h->spans[k].len;
		if (off < at || off > len)
			continue;
		if (off + n > len)
			n = len - off;
		draw_text(d, s + at, off - at, A_NORMAL);
		draw_text(d, s + off, n, draw_attr(STYLE_MATCH));
		at = off + n;
	}
	draw_text(d, s + at, len - at, A_NORMAL);
}

static void
search_draw(struct view *v, WINDOW *w, int rows, int cols)
{
	struct search_view *sv = (struct search_view *)v;

	if (sv->n_hits == 0) {
		struct draw d = draw_at(w, 1, 2, cols);
		draw_str(&d, _("No matches."), A_BOLD);
		d = draw_at(w, 2, 2, cols);
		draw_str(&d, _("Search finds words and parts of words of three letters or more."),
		    A_NORMAL);
		return;
	}
	list_fit(&sv->list, rows);
	/* A hit's context line belongs with it on screen. */
	if (sv->list.sel < sv->list.n && sv->list.sel + 1 == sv->list.top + (size_t)rows &&
	    sv->list.sel + 1 < sv->list.n && sv->rows[sv->list.sel + 1].kind == ROW_SNIPPET)
		sv->list.top++;
	for (int y = 0; y < rows && sv->list.top + (size_t)y < sv->list.n; y++) {
		size_t i = sv->list.top + (size_t)y;
		const struct row *r = &sv->rows[i];
		const struct store_hit *h = &sv->hits[r->hit];
		struct draw d = draw_at(w, y, 0, cols);
		bool sel = i == sv->list.sel;
		attr_t a = sel ? draw_attr(STYLE_SELECTED) : A_NORMAL;

		switch (r->kind) {
		case ROW_MEETING:
			draw_str(&d, " ", A_NORMAL);
			draw_str(&d, h->meeting_date, draw_attr(STYLE_SECTION));
			draw_str(&d, "  ", A_NORMAL);
			draw_str(&d, h->body, draw_attr(STYLE_SECTION));
			break;
		case ROW_HIT:
			if (sel)
				v->cursor_y = y;
			draw_str(&d, "   ", a);
			if (h->item_number) {
				char *s = xasprintf(_("Item %s"), h->item_number);
				draw_str(&d, s, a | A_BOLD);
				free(s);
				draw_str(&d, ": ", a);
			}
			draw_str(&d, hit_what(h), a);
			draw_fill(&d, a);
			break;
		case ROW_SNIPPET:
			draw_str(&d, "      ", A_NORMAL);
			draw_snippet(&d, h);
			break;
		}
	}
}

/* Rows for the hits: a heading per meeting, each hit and its context line. */
static void
build_rows(struct search_view *sv)
{
	size_t n = 0;
	const char *meeting = NULL;

	free(sv->rows);
	free(sv->skip);
	sv->rows = xcalloc(sv->n_hits * 3 + 1, sizeof *sv->rows);
	sv->skip = xcalloc(sv->n_hits * 3 + 1, sizeof *sv->skip);
	for (size_t i = 0; i < sv->n_hits; i++) {
		const struct store_hit *h = &sv->hits[i];

		if (meeting == NULL || strcmp(meeting, h->meeting_id) != 0) {
			sv->skip[n] = true;
			sv->rows[n++] = (struct row){ ROW_MEETING, i };
			meeting = h->meeting_id;
		}
		sv->rows[n++] = (struct row){ ROW_HIT, i };
		if (h->snippet && *h->snippet) {
			sv->skip[n] = true;
			sv->rows[n++] = (struct row){ ROW_SNIPPET, i };
		}
	}
	list_init(&sv->list, n, sv->skip);
}

static bool
same_hit(const struct store_hit *a, const struct store_hit *b)
{
	return strcmp(a->meeting_id, b->meeting_id) == 0 &&
	    (a->item_id == NULL) == (b->item_id == NULL) &&
	    (a->item_id == NULL || strcmp(a->item_id, b->item_id) == 0) &&
	    (a->doc_id == NULL) == (b->doc_id == NULL) &&
	    (a->doc_id == NULL || strcmp(a->doc_id, b->doc_id) == 0) &&
	    a->match_off == b->match_off;
}

/*
 * Fetch the first limit hits (no count: see SEARCH_LIMIT), keeping the
 * selected hit and the scroll position. Returns false after a store error
 * (on the status line).
 */
static bool
fetch(struct search_view *sv, size_t limit)
{
	struct store_hit *hits = NULL, *old = NULL;
	size_t n = 0, top = sv->list.top, sel_hit = SIZE_MAX, want = SIZE_MAX;
	size_t sel_row = sv->rows && sv->list.sel < sv->list.n ? sv->list.sel : SIZE_MAX;
	enum status st;

	st = store_search(ui_store(sv->v.ui), sv->query, limit, &hits, &n, NULL);
	if (st != STATUS_OK && st != STATUS_NOT_FOUND) {
		ui_store_error(sv->v.ui, st);
		return false;
	}
	if (st != STATUS_OK)
		n = 0;
	if (sv->list.sel < sv->list.n && sv->rows)
		sel_hit = sv->rows[sv->list.sel].hit;
	if (sel_hit != SIZE_MAX)
		old = &sv->hits[sel_hit];
	/* The same hit stays selected when the list grows under it. */
	for (size_t i = 0; old && i < n; i++)
		if (same_hit(&hits[i], old)) {
			want = i;
			break;
		}
	store_hits_free(sv->hits, sv->n_hits);
	sv->hits = hits;
	sv->n_hits = n;
	sv->asked = limit;
	build_rows(sv);
	if (sel_row != SIZE_MAX) {
		for (size_t i = 0; want != SIZE_MAX && i < sv->list.n; i++)
			if (sv->rows[i].kind == ROW_HIT && sv->rows[i].hit == want) {
				sel_row = i;
				break;
			}
		if (sel_row < sv->list.n && !sv->skip[sel_row])
			sv->list.sel = sel_row;
		sv->list.top = top < sv->list.n ? top : 0;
	}
	if (n < limit) {
		/* All of them: the count is known without counting. */
		sv->total = n;
		sv->stage = STAGE_DONE;
	} else if (sv->total == 0) {
		sv->stage = STAGE_TOTAL;
	} else {
		sv->stage = limit >= SEARCH_LIMIT || sv->total <= n ? STAGE_DONE : STAGE_REST;
	}
	return true;
}

/* The next step after the first page; the main loop calls it when no key waits. */
static unsigned
search_idle(struct view *v)
{
	struct search_view *sv = (struct search_view *)v;
	struct store_hit *one = NULL;
	size_t n = 0, total = 0;
	enum status st;

	switch (sv->stage) {
	case STAGE_TOTAL:
		st = store_search(ui_store(v->ui), sv->query, 1, &one, &n, &total);
		store_hits_free(one, n);
		if (st != STATUS_OK && st != STATUS_NOT_FOUND) {
			ui_store_error(v->ui, st);
			sv->stage = STAGE_DONE;
			return UI_REDRAW;
		}
		sv->total = total > sv->n_hits ? total : sv->n_hits;
		sv->stage = sv->asked >= SEARCH_LIMIT || sv->total <= sv->n_hits ?
		    STAGE_DONE : STAGE_REST;
		return UI_REDRAW;
	case STAGE_REST:
		if (!fetch(sv, SEARCH_LIMIT))
			sv->stage = STAGE_DONE;
		return UI_REDRAW;
	case STAGE_DONE:
		break;
	}
	return 0;
}
static unsigned
search_action(struct view *v, enum action a)
{
	struct search_view *sv = (struct search_view *)v;
	const struct store_hit *h;

	if (a != ACTION_OPEN) {
		unsigned f = list_action(&sv->list, a);

		/* Near the end of a partial list: the rest now, not after the count. */
		if (sv->asked < SEARCH_LIMIT && sv->stage != STAGE_DONE &&
		    (sv->list.sel + 2 * (size_t)(sv->list.height > 0 ? sv->list.height : 1) >=
		    sv->list.n || f & UI_BEEP)) {
			bool end = f & UI_BEEP;

			if (fetch(sv, SEARCH_LIMIT) && end)
				f = list_action(&sv->list, a);
		}
		return f;
	}
	if (sv->list.sel >= sv->list.n)
		return UI_BEEP;
	h = &sv->hits[sv->rows[sv->list.sel].hit];
	if (h->doc_id)
		ui_push(v->ui, pager_view_new(v->ui, h->doc_id, h->match_line, sv->query));
	else if (h->item_id)
		ui_push(v->ui, item_view_new(v->ui, h->item_id));
	else
		return UI_BEEP;
	return UI_HANDLED | UI_REDRAW;
}

static unsigned
search_click(struct view *v, int row, bool twice)
{
	struct search_view *sv = (struct search_view *)v;
	size_t i = sv->list.top + (size_t)(row < 0 ? 0 : row);
	unsigned f;

	/* A click on the context line selects its hit. */
	if (row > 0 && i < sv->list.n && sv->rows[i].kind == ROW_SNIPPET)
		row--;
	f = list_click(&sv->list, row);
	if (f && twice)
		f |= search_action(v, ACTION_OPEN);
	return f;
}

static void
search_status(struct view *v, struct buf *left, struct buf *right)
{
	struct search_view *sv = (struct search_view *)v;
	size_t k = 0, total = 0;

	if (sv->total == 0 && sv->n_hits == 0)
		/* Never "0+": nothing found yet is either still searching or none. */
		buf_adds(left, sv->stage == STAGE_DONE ? _("No hits") : _("searching…"));
	else if (sv->total == 0)
		/* Not counted yet: the first page is full, more may follow. */
		buf_printf(left, P_("%zu+ hit", "%zu+ hits", sv->n_hits), sv->n_hits);
	else if (sv->total > STORE_SEARCH_TOTAL_MAX)
		buf_printf(left, P_("more than %d hit", "more than %d hits",
		    STORE_SEARCH_TOTAL_MAX), STORE_SEARCH_TOTAL_MAX);
	else
		buf_printf(left, P_("%zu hit", "%zu hits", sv->total), sv->total);
	if (sv->total && sv->n_hits < sv->total)
		buf_printf(left, _(", the first %zu shown"), sv->n_hits);
	for (size_t i = 0; i < sv->list.n; i++)
		if (sv->rows[i].kind == ROW_HIT) {
			total++;
			if (i <= sv->list.sel)
				k++;
		}
	if (total)
		buf_printf(right, "%zu/%zu", k, total);
}

static void
search_free(struct view *v)
{
	struct search_view *sv = (struct search_view *)v;

	store_hits_free(sv->hits, sv->n_hits);
	free(sv->rows);
	free(sv->skip);
	free(sv->query);
	view_free_common(v);
	free(sv);
}

static const struct view_ops search_ops = {
	.name = "search",
	.keymap = KEYMAP_SEARCH,
	.draw = search_draw,
	.action = search_action,
	.click = search_click,
	.status = search_status,
	.idle = search_idle,
	.free = search_free,
};

struct view *
search_view_new(struct ui *ui, const char *query)
{
	struct search_view *sv = xcalloc(1, sizeof *sv);
	/* A hit takes two rows (its line and its context): what fits, and one more. */
	size_t first = LINES > 2 ? (size_t)(LINES - 2) / 2 + 1 : 1;

	sv->v.ops = &search_ops;
	sv->v.ui = ui;
	sv->query = xstrdup(query);
	view_set_title(&sv->v, _("Search: %s"), query);
	if (!fetch(sv, first < SEARCH_FIRST_MIN ? SEARCH_FIRST_MIN : first)) {
		search_free(&sv->v);
		return NULL;
	}
	return &sv->v;
}
