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

/* At most this many hits are listed; the status line tells the total. */
#define SEARCH_LIMIT 200

enum row_kind { ROW_MEETING, ROW_HIT, ROW_SNIPPET };

struct row {
	enum row_kind kind;
	size_t hit;
};

struct search_view {
	struct view v;
	char *query;
	struct store_hit *hits;
	size_t n_hits, total;
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

static unsigned
search_action(struct view *v, enum action a)
{
	struct search_view *sv = (struct search_view *)v;
	const struct store_hit *h;

	if (a != ACTION_OPEN)
		return list_action(&sv->list, a);
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

	buf_printf(left, P_("%zu hit", "%zu hits", sv->total), sv->total);
	if (sv->n_hits < sv->total)
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
	.free = search_free,
};

struct view *
search_view_new(struct ui *ui, const char *query)
{
	struct search_view *sv = xcalloc(1, sizeof *sv);
	enum status st;
	size_t n = 0;
	const char *meeting = NULL;

	sv->v.ops = &search_ops;
	sv->v.ui = ui;
	sv->query = xstrdup(query);
	view_set_title(&sv->v, _("Search: %s"), query);
	st = store_search(ui_store(ui), query, SEARCH_LIMIT, &sv->hits, &sv->n_hits, &sv->total);
	if (st != STATUS_OK && st != STATUS_NOT_FOUND) {
		ui_store_error(ui, st);
		search_free(&sv->v);
		return NULL;
	}
	if (st != STATUS_OK)
		sv->n_hits = sv->total = 0;
	if (sv->total < sv->n_hits)
		sv->total = sv->n_hits;
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
	return &sv->v;
}
