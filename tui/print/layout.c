/*
 * The layout: the agenda as blocks (a section heading, an item, a break),
 * each a few lines of runs, put on pages so that an item is never split
 * and a heading never ends a page; then each page gets its header with
 * "DAGORDNING n(m)", known once the pages are counted. Columns follow the
 * packet's DAGORDNING: number, title with the presenters below it, time
 * slot, case number.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "print.h"
#include "text.h"
#include "xmalloc.h"

/* Columns of the item table. */
enum {
	COL_NUM = 0, W_NUM = 5,
	COL_TITLE = 5, W_TITLE = 44,
	COL_TIME = 50, W_TIME = 12,
	COL_CASE = 62, W_CASE = PRINT_COLS - 62,
};
/* The header takes lines [0, BODY_TOP); blocks go below it. */
enum { BODY_TOP = 7 };

/* A block being built: runs at lines relative to its top. */
struct block {
	enum print_box_kind kind;
	size_t item;
	bool keep_with_next;	/* a heading: never the last thing on a page */
	struct print_run *runs;
	size_t n_runs;
	int lines;
};

struct blocks {
	struct block *v;
	size_t n;
};

static void
add_run(struct print_run **runs, size_t *n, int line, int col, int width, enum print_style st,
    const char *text, size_t len)
{
	struct print_run *r;

	*runs = xreallocarray(*runs, *n + 1, sizeof **runs);
	r = &(*runs)[(*n)++];
	r->line = line;
	r->col = col;
	r->width = width;
	r->style = st;
	/* Content may hold controls; what is printed is made safe once, here. */
	r->text = text_scrub(text, len, NULL);
}

static struct block *
new_block(struct blocks *bs, enum print_box_kind kind)
{
	struct block *b;

	bs->v = xreallocarray(bs->v, bs->n + 1, sizeof *bs->v);
	b = &bs->v[bs->n++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	return b;
}

/* Wrap text into the column [col, col + width) from line; returns the lines used. */
static int
wrap_into(struct block *b, int line, int col, int width, enum print_style st, const char *text)
{
	struct text_line *lines;
	size_t n;

	if (text == NULL || *text == '\0')
		return 0;
	n = text_wrap(text, strlen(text), width, &lines);
	for (size_t i = 0; i < n; i++)
		add_run(&b->runs, &b->n_runs, line + (int)i, col, width, st, text + lines[i].off,
		    lines[i].len);
	free(lines);
	return (int)n;
}

static void
one_line(struct block *b, int line, int col, int width, enum print_style st, const char *text)
{
	char *cut = text_truncate(text, strlen(text), width);

	add_run(&b->runs, &b->n_runs, line, col, width, st, cut, strlen(cut));
	free(cut);
}

/* "13.00–13.05", "16.25", or NULL. Caller frees. */
static char *
slot(const char *a, const char *b)
{
	if (a == NULL)
		return NULL;
	return b ? xasprintf("%s–%s", a, b) : xstrdup(a);
}

static void
item_block(struct blocks *bs, const struct agenda_item *it, size_t index, enum print_variant v)
{
	struct block *b = new_block(bs, PRINT_BOX_ITEM);
	int y;
	char *t;

	b->item = index;
	one_line(b, 0, COL_NUM, W_NUM - 1, PRINT_BOLD, it->number);
	if (it->confidential && v == PRINT_PUBLIC) {
		/* Only the number and that it is secret: the title may itself tell too much. */
		one_line(b, 0, COL_TITLE, W_TITLE, PRINT_BOLD, "Sekretess");
		b->lines = 2;
		return;
	}
	/* Bold type is wider: the title wraps a little short of the column. */
	y = wrap_into(b, 0, COL_TITLE, W_TITLE - 3, PRINT_BOLD, it->title);
	if (y == 0)
		y = 1;
	for (size_t k = 0; k < it->n_presenters; k++) {
		const struct presenter *p = &it->presenters[k];
		char *who = p->title && *p->title ? xasprintf("%s, %s", p->name ? p->name : "", p->title)
		    : xstrdup(p->name ? p->name : p->raw ? p->raw : "");

		y += wrap_into(b, y, COL_TITLE, W_TITLE, PRINT_PLAIN, who);
		free(who);
	}
	if ((t = slot(it->time_start, it->time_end)) != NULL) {
		one_line(b, 0, COL_TIME, W_TIME, PRINT_PLAIN, t);
		free(t);
	}
	if (it->case_number_printed || it->case_number)
		one_line(b, 0, COL_CASE, W_CASE, PRINT_PLAIN,
		    it->case_number_printed ? it->case_number_printed : it->case_number);
	b->lines = y + 1;	/* a blank line after each item */
}

static void
break_block(struct blocks *bs, const struct store_break *br)
{
	struct block *b = new_block(bs, PRINT_BOX_BREAK);
	char *t;

	one_line(b, 0, COL_TITLE, W_TITLE, PRINT_PLAIN, br->label);
	if ((t = slot(br->time_start, br->time_end)) != NULL) {
		one_line(b, 0, COL_TIME, W_TIME, PRINT_PLAIN, t);
		free(t);
	}
	b->lines = 2;
}

static void
section_block(struct blocks *bs, const char *section)
{
	struct block *b = new_block(bs, PRINT_BOX_SECTION);

	one_line(b, 0, COL_NUM, PRINT_COLS, PRINT_BOLD, section);
	b->keep_with_next = true;
	b->lines = 1;
}

static void
build_blocks(const struct print_agenda *a, enum print_variant v, struct blocks *bs)
{
	const char *section = NULL;
	size_t k = 0;

	for (size_t i = 0; i <= a->n_items; i++) {
		/* Breaks before the item they precede (before_ord is its ord). */
		for (; k < a->n_breaks && a->breaks[k].before_ord <= (int)i; k++)
			break_block(bs, &a->breaks[k]);
		if (i == a->n_items)
			break;
		if (a->items[i].section && (section == NULL || strcmp(section, a->items[i].section) != 0))
			section_block(bs, a->items[i].section);
		section = a->items[i].section;
		item_block(bs, &a->items[i], i, v);
	}
}

static struct print_page *
new_page(struct print_doc *d)
{
	d->pages = xreallocarray(d->pages, d->n_pages + 1, sizeof *d->pages);
	memset(&d->pages[d->n_pages], 0, sizeof d->pages[0]);
	return &d->pages[d->n_pages++];
}

/* Move block b onto page p at line y. */
static void
place(struct print_page *p, struct block *b, int y)
{
	struct print_box *box;

	p->runs = xreallocarray(p->runs, p->n_runs + b->n_runs + 1, sizeof *p->runs);
	for (size_t i = 0; i < b->n_runs; i++) {
		p->runs[p->n_runs] = b->runs[i];
		p->runs[p->n_runs++].line += y;
	}
	free(b->runs);
	b->runs = NULL;
	b->n_runs = 0;
	p->boxes = xreallocarray(p->boxes, p->n_boxes + 1, sizeof *p->boxes);
	box = &p->boxes[p->n_boxes++];
	box->kind = b->kind;
	box->line = y;
	box->lines = b->lines;
	box->item = b->item;
}

/* Lines block i needs at the foot of a page: itself and what it must not be parted from. */
static int
need(const struct blocks *bs, size_t i)
{
	int n = 0;

	for (; i < bs->n; i++) {
		/* A trailing blank line may fall off the page. */
		if (!bs->v[i].keep_with_next)
			return n + bs->v[i].lines - (bs->v[i].kind == PRINT_BOX_SECTION ? 0 : 1);
		n += bs->v[i].lines;
	}
	return n;
}

static void
header(const struct print_agenda *a, struct print_page *p, size_t n, size_t of)
{
	const struct store_meeting *m = &a->meeting;
	struct block b = { .kind = PRINT_BOX_HEADER, .lines = BODY_TOP };
	char *s, *right;
	int w;

	right = xasprintf("DAGORDNING %zu(%zu)", n, of);
	w = text_width(right, strlen(right));
	one_line(&b, 0, PRINT_COLS - w, w, PRINT_BOLD, right);
	free(right);
	one_line(&b, 2, 0, PRINT_COLS, PRINT_BIG, m->body ? m->body : "");
	s = xasprintf("Tid: %s%s%s%s%s", m->date ? m->date : "", m->time ? " " : "",
	    m->time ? m->time : "", m->time_end ? "–" : "", m->time_end ? m->time_end : "");
	one_line(&b, 4, 0, PRINT_COLS, PRINT_PLAIN, s);
	free(s);
	/* As in the packet: the place on the first page. */
	if (n == 1 && m->place) {
		s = xasprintf("Plats: %s", m->place);
		one_line(&b, 5, 0, PRINT_COLS, PRINT_PLAIN, s);
		free(s);
	}
	place(p, &b, 0);
}

void
print_layout(const struct print_agenda *a, enum print_variant v, struct print_doc *d)
{
	struct blocks bs = { 0 };
	struct print_page *p = NULL;
	int y = 0;

	memset(d, 0, sizeof *d);
	d->cols = PRINT_COLS;
	d->lines = PRINT_LINES;
	build_blocks(a, v, &bs);
	p = new_page(d);
	y = BODY_TOP;
	for (size_t i = 0; i < bs.n; i++) {
		struct block *b = &bs.v[i];

		/* A block that does not fit goes to a new page, unless it is the first there
		 * (a block longer than a page is then cut by the page's foot). */
		if (y > BODY_TOP && y + need(&bs, i) > PRINT_LINES) {
			p = new_page(d);
			y = BODY_TOP;
		}
		place(p, b, y);
		y += b->lines;
	}
	for (size_t i = 0; i < d->n_pages; i++)
		header(a, &d->pages[i], i + 1, d->n_pages);
	free(bs.v);
}

void
print_doc_free(struct print_doc *d)
{
	if (d == NULL)
		return;
	for (size_t i = 0; i < d->n_pages; i++) {
		for (size_t k = 0; k < d->pages[i].n_runs; k++)
			free(d->pages[i].runs[k].text);
		free(d->pages[i].runs);
		free(d->pages[i].boxes);
	}
	free(d->pages);
	memset(d, 0, sizeof *d);
}

bool
print_variant_parse(const char *name, enum print_variant *v)
{
	static const char *const names[] = { "public", "presidium", "personal" };

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(name, names[i]) == 0) {
			*v = (enum print_variant)i;
			return true;
		}
	return false;
}

enum status
print_agenda_load(struct store *s, const char *meeting_id, struct print_agenda *a)
{
	enum status st;

	memset(a, 0, sizeof *a);
	if ((st = store_meeting_get(s, meeting_id, &a->meeting)) == STATUS_OK &&
	    (st = store_agenda(s, meeting_id, &a->items, &a->n_items)) == STATUS_OK)
		st = store_agenda_breaks(s, meeting_id, &a->breaks, &a->n_breaks);
	if (st != STATUS_OK)
		print_agenda_free(a);
	return st;
}

void
print_agenda_free(struct print_agenda *a)
{
	store_meeting_free(&a->meeting);
	agenda_items_free(a->items, a->n_items);
	store_breaks_free(a->breaks, a->n_breaks);
	memset(a, 0, sizeof *a);
}
