/*
 * Laying the blocks out for a width: prose wrapped with the text module's
 * wrapper, list items with a hanging indent, tables in aligned columns
 * (the comment column wrapped when the rest fits, else the table is left
 * wide for sideways scrolling), footnotes after the block that refers to
 * them, and the headings and page marks collected as positions.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reading.h"
#include "text.h"
#include "xmalloc.h"

struct rv {
	struct reading_view *v;
	size_t cap;
	int width;
	const struct doc_layout *o;
	/*
	 * The footnotes of each block, in order: first_note[owner] and
	 * next_note[note] (READING_NONE ends a list). Looking them up by
	 * scanning every block for every block was 13% of laying out the SOU.
	 */
	size_t *first_note, *next_note;
};

static void
add(struct rv *r, const char *s, size_t len, unsigned flags, size_t block, size_t src)
{
	struct reading_view *v = r->v;
	if (v->nlines == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 256;
		v->lines = xreallocarray(v->lines, r->cap, sizeof *v->lines);
	}
	struct reading_line *l = &v->lines[v->nlines++];
	l->text = xstrndup(s, len);
	l->width = text_width(s, len);
	l->flags = flags;
	l->block = block;
	l->src = src;
	if (l->width > v->max_width)
		v->max_width = l->width;
}

static void
blank(struct rv *r)
{
	if (r->v->nlines && !(r->v->lines[r->v->nlines - 1].flags & READING_LINE_BLANK))
		add(r, "", 0, READING_LINE_BLANK, READING_NONE, r->v->nlines ? r->v->lines[r->v->nlines - 1].src : 0);
}

/* text wrapped to width with prefix on the first line and its width in spaces after. */
static void
wrapped(struct rv *r, const struct reading_block *b, size_t bi, const char *prefix, const char *text, unsigned flags)
{
	int pw = text_width(prefix, strlen(prefix));
	int w = r->width - pw < 10 ? 10 : r->width - pw;
	struct text_line *tl;
	size_t n = text_wrap(text, strlen(text), w, &tl);
	for (size_t k = 0; k < n; k++) {
		size_t plen = strlen(prefix);
		char *line = xmalloc(plen + tl[k].len + 1);
		if (k == 0)
			memcpy(line, prefix, plen);
		else
			memset(line, ' ', plen = (size_t)pw);
		memcpy(line + plen, text + tl[k].off, tl[k].len);
		add(r, line, plen + tl[k].len, flags, bi, b ? reading_text_to_src(b, tl[k].off) : 0);
		free(line);
	}
	free(tl);
}

static void
heading_entry(struct rv *r, const struct reading_block *b, size_t line)
{
	struct reading_view *v = r->v;
	v->headings = xreallocarray(v->headings, v->nheadings + 1, sizeof *v->headings);
	v->headings[v->nheadings++] = (struct reading_heading){ b->level, b->label, b->text ? b->text : "", line };
}

/* Append s padded to w columns, right-aligned when right. */
static void
cell(char **buf, size_t *len, const char *s, int w, bool right)
{
	int sw = text_width(s, strlen(s));
	size_t sl = strlen(s), pad = sw < w ? (size_t)(w - sw) : 0;
	*buf = xrealloc(*buf, *len + sl + pad + 3);
	if (right) {
		memset(*buf + *len, ' ', pad);
		memcpy(*buf + *len + pad, s, sl);
	} else {
		memcpy(*buf + *len, s, sl);
		memset(*buf + *len + sl, ' ', pad);
	}
	*len += sl + pad;
	memcpy(*buf + *len, "  ", 2);
	*len += 2;
}

static void
table(struct rv *r, const struct reading_block *b, size_t bi)
{
	int wd[8] = { 0 }, fixed = 0;
	size_t nc = b->ncols, last = nc - 1;

	if (b->text && *b->text)
		wrapped(r, b, bi, "", b->text, READING_LINE_TABLE | READING_LINE_HEADING);
	for (size_t k = 0; k < b->nlines; k++)
		add(r, b->lines[k], strlen(b->lines[k]), READING_LINE_TABLE | READING_LINE_HEADER, bi, b->src_off);
	if (nc == 0 || nc > 8)
		return;
	for (size_t row = 0; row < b->nrows; row++)
		for (size_t c = 0; c < nc; c++) {
			const char *s = b->cells[row * nc + c];
			int w = text_width(s, strlen(s));
			wd[c] = w > wd[c] ? w : wd[c];
		}
	for (size_t c = 0; c < last; c++)
		fixed += wd[c] + 2;
	/* The comment wraps in its column when at least 20 columns are left for it; else the table stays wide. */
	int cw = r->width - fixed >= 20 ? r->width - fixed : 0;
	for (size_t row = 0; row < b->nrows; row++) {
		char **cells = b->cells + row * nc;
		unsigned flags = READING_LINE_TABLE | (row < b->header_rows ? READING_LINE_HEADER : 0);
		const char *com = cells[last];
		struct text_line *tl = NULL;
		size_t n = 1;
		if (cw && *com)
			n = text_wrap(com, strlen(com), cw, &tl);
		for (size_t k = 0; k < n; k++) {
			char *buf = NULL;
			size_t len = 0;
			for (size_t c = 0; c < last; c++)
				cell(&buf, &len, k ? "" : cells[c], wd[c], c >= 1 && c <= b->amount_cols && row >= b->header_rows);
			const char *cs = tl ? com + tl[k].off : com;
			size_t cl = tl ? tl[k].len : strlen(com);
			buf = xrealloc(buf, len + cl + 1);
			memcpy(buf + len, cs, cl);
			len += cl;
			while (len && buf[len - 1] == ' ')
				len--;
			add(r, buf, len, flags, bi, b->src_off);
			free(buf);
		}
		free(tl);
	}
}

static void
page(struct rv *r, const struct reading_block *b, unsigned flags)
{
	struct reading_view *v = r->v;
	size_t k = v->nlines;
	/* The page starts inside the text laid out just before when that text came from after the mark. */
	while (k > 0 && v->lines[k - 1].src > b->src_off && !(v->lines[k - 1].flags & READING_LINE_NOTE))
		k--;
	/* The page's first words are on the line before, in the same block. */
	if (k > 0 && k < v->nlines && v->lines[k - 1].block == v->lines[k].block)
		k--;
	v->pages = xreallocarray(v->pages, v->npages + 1, sizeof *v->pages);
	v->pages[v->npages++] = (struct reading_page){ b->page, b->sheet, k };
	if ((flags & READING_SHOW_PAGES) && b->label) {
		char buf[64];
		snprintf(buf, sizeof buf, "— %s —", b->label);
		add(r, buf, strlen(buf), READING_LINE_PAGE, (size_t)(b - r->o->blocks), b->src_off);
	}
}

static void block(struct rv *r, size_t bi, unsigned flags);

static void
notes_of(struct rv *r, size_t owner, unsigned flags)
{
	for (size_t n = r->first_note[owner]; n != READING_NONE; n = r->next_note[n])
		block(r, n, flags | 0x100);
}

/* Fill r's footnote lists (see struct rv). */
static void
index_notes(struct rv *r)
{
	size_t nb = r->o->nblocks, *last = xcalloc(nb + 1, sizeof *last);

	r->first_note = xcalloc(nb + 1, sizeof *r->first_note);
	r->next_note = xcalloc(nb + 1, sizeof *r->next_note);
	for (size_t k = 0; k < nb; k++)
		r->first_note[k] = r->next_note[k] = last[k] = READING_NONE;
	for (size_t n = 0; n < nb; n++) {
		const struct reading_block *b = &r->o->blocks[n];
		if (b->kind != READING_NOTE || b->owner >= nb)
			continue;
		if (last[b->owner] == READING_NONE)
			r->first_note[b->owner] = n;
		else
			r->next_note[last[b->owner]] = n;
		last[b->owner] = n;
	}
	free(last);
}

static void
block(struct rv *r, size_t bi, unsigned flags)
{
	const struct reading_block *b = &r->o->blocks[bi];
	char pre[32];
	bool next_item = bi + 1 < r->o->nblocks && r->o->blocks[bi + 1].kind == READING_ITEM;

	switch (b->kind) {
	case READING_PARAGRAPH:
		wrapped(r, b, bi, "", b->text ? b->text : "", 0);
		break;
	case READING_HEADING:
		snprintf(pre, sizeof pre, "%s%s", b->label ? b->label : "", b->label && b->text ? " " : "");
		heading_entry(r, b, r->v->nlines);
		wrapped(r, b, bi, pre, b->text ? b->text : "", READING_LINE_HEADING);
		break;
	case READING_ITEM:
		snprintf(pre, sizeof pre, "%s ", b->label ? b->label : "•");
		wrapped(r, b, bi, pre, b->text ? b->text : "", 0);
		break;
	case READING_NOTE:
		if (b->owner != READING_NONE && !(flags & 0x100))
			return;	/* laid out after its owner */
		snprintf(pre, sizeof pre, "[%s] ", b->label ? b->label : "");
		wrapped(r, b, bi, pre, b->text ? b->text : "", READING_LINE_NOTE);
		break;
	case READING_TABLE:
		table(r, b, bi);
		break;
	case READING_LINES:
		for (size_t k = 0; k < b->nlines; k++)
			add(r, b->lines[k], strlen(b->lines[k]), READING_LINE_TABLE, bi, b->src_off);
		break;
	case READING_PAGE:
		page(r, b, flags);
		return;
	case READING_SLIDE:
		heading_entry(r, b, r->v->nlines);
		wrapped(r, b, bi, "", b->text ? b->text : "", READING_LINE_HEADING);
		for (size_t k = 0; k < b->nlines; k++) {
			const char *s = b->lines[k];
			bool bul = strncmp(s, "• ", strlen("• ")) == 0;
			wrapped(r, b, bi, bul ? "• " : "", bul ? s + strlen("• ") : s, 0);
		}
		break;
	}
	if (!(flags & 0x100))
		notes_of(r, bi, flags);
	if (!(b->kind == READING_ITEM && next_item) && !(flags & 0x100 && b->kind == READING_NOTE &&
	    bi + 1 < r->o->nblocks && r->o->blocks[bi + 1].kind == READING_NOTE && r->o->blocks[bi + 1].owner == b->owner))
		blank(r);
}

/*
 * The lazy layout's state. Blocks are laid out in order, each followed by
 * its footnotes ("steps"); low[s] is the lowest source offset a line laid
 * out at step s or later can have, so extend_src knows when no line still
 * to come can start at or before a given offset.
 */
struct reading_more {
	struct rv r;
	unsigned flags;
	size_t next;		/* the next step (block index) */
	size_t *low;		/* nblocks + 1 entries */
};

/* Fill m->low (see struct reading_more). */
static void
index_low(struct reading_more *m)
{
	const struct doc_layout *o = m->r.o;
	size_t nb = o->nblocks;

	m->low = xreallocarray(NULL, nb + 1, sizeof *m->low);
	for (size_t b = 0; b < nb; b++) {
		const struct reading_block *x = &o->blocks[b];
		/* A footnote with an owner is laid out at its owner's step. */
		m->low[b] = x->kind == READING_NOTE && x->owner < nb ? SIZE_MAX : x->src_off;
	}
	for (size_t b = 0; b < nb; b++) {
		const struct reading_block *x = &o->blocks[b];
		if (x->kind == READING_NOTE && x->owner < nb && x->src_off < m->low[x->owner])
			m->low[x->owner] = x->src_off;
	}
	m->low[nb] = SIZE_MAX;
	for (size_t b = nb; b-- > 0;)
		if (m->low[b + 1] < m->low[b])
			m->low[b] = m->low[b + 1];
}

struct reading_view *
reading_render_start(const struct doc_layout *layout, int width, unsigned flags)
{
	struct reading_more *m = xcalloc(1, sizeof *m);

	m->r = (struct rv){ .v = xcalloc(1, sizeof *m->r.v), .width = width < 10 ? 10 : width,
		.o = layout };
	m->flags = flags & READING_SHOW_PAGES;
	m->r.v->more = m;
	index_notes(&m->r);
	index_low(m);
	return m->r.v;
}

/* All blocks laid out: what reading_render did after its loop. */
static void
finish(struct reading_view *v)
{
	struct reading_more *m = v->more;

	free(m->r.first_note);
	free(m->r.next_note);
	free(m->low);
	free(m);
	v->more = NULL;
	/* No trailing separator. */
	while (v->nlines && (v->lines[v->nlines - 1].flags & READING_LINE_BLANK))
		free(v->lines[--v->nlines].text);
	/* A page mark at the very end (the last page number) was given the
	 * line after the last, or a separator just dropped: point it at a real
	 * line (fuzz_reading found line 245 of 244). */
	for (size_t k = 0; k < v->npages; k++)
		if (v->pages[k].line >= v->nlines)
			v->pages[k].line = v->nlines ? v->nlines - 1 : 0;
}

bool
reading_view_extend(struct reading_view *v, size_t n)
{
	struct reading_more *m = v->more;

	if (m == NULL)
		return true;
	/*
	 * One line more than asked: a separator laid out last may yet be
	 * dropped at the very end, so the n-th line is only sure once a line
	 * follows it.
	 */
	while (m->next < m->r.o->nblocks && (n == SIZE_MAX || v->nlines <= n))
		block(&m->r, m->next++, m->flags);
	if (m->next < m->r.o->nblocks)
		return false;
	finish(v);
	return true;
}

void
reading_view_extend_src(struct reading_view *v, size_t src)
{
	struct reading_more *m = v->more;

	if (m == NULL)
		return;
	while (m->next < m->r.o->nblocks && m->low[m->next] <= src)
		block(&m->r, m->next++, m->flags);
	if (m->next >= m->r.o->nblocks)
		finish(v);
}

size_t
reading_view_blocks_done(const struct reading_view *v)
{
	return v->more ? v->more->next : SIZE_MAX;
}

struct reading_view *
reading_render(const struct doc_layout *layout, int width, unsigned flags)
{
	struct reading_view *v = reading_render_start(layout, width, flags);

	reading_view_extend(v, SIZE_MAX);
	return v;
}

void
reading_view_free(struct reading_view **view)
{
	struct reading_view *v = *view;
	if (!v)
		return;
	if (v->more) {
		free(v->more->r.first_note);
		free(v->more->r.next_note);
		free(v->more->low);
		free(v->more);
	}
	for (size_t k = 0; k < v->nlines; k++)
		free(v->lines[k].text);
	free(v->lines);
	free(v->headings);
	free(v->pages);
	free(v);
	*view = NULL;
}

size_t
reading_view_line_at(const struct reading_view *view, size_t src)
{
	size_t best = 0;
	for (size_t k = 0; k < view->nlines; k++)
		if (!(view->lines[k].flags & READING_LINE_BLANK) && view->lines[k].src <= src &&
		    view->lines[k].src >= view->lines[best].src)
			best = k;
	return best;
}

size_t
reading_view_page_line(const struct reading_view *view, int pg)
{
	for (size_t k = 0; k < view->npages; k++)
		if (view->pages[k].page == pg)
			return view->pages[k].line;
	for (size_t k = 0; k < view->npages; k++)
		if (view->pages[k].sheet == pg)
			return view->pages[k].line;
	return READING_NONE;
}
