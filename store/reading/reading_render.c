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
#include "reading_internal.h"
#include "text.h"
#include "xmalloc.h"

struct rv {
	struct reading_view *v;
	size_t cap;
	int width;
	struct doc_layout *o;	/* parsed further as laid out (reading_lazy.c) */
	/*
	 * The footnotes of each block, in order: first_note[owner] and
	 * next_note[note] (READING_NONE ends a list). Looking them up by
	 * scanning every block for every block was 13% of laying out the SOU.
	 * NULL while the layout is still being parsed: then the footnotes
	 * parsed so far are looked through (rp_notes), a few per block.
	 */
	size_t *first_note, *next_note;
};

/* Append a display line that takes text (malloc'd, len bytes, NUL-terminated) over. */
static void
add_owned(struct rv *r, char *text, size_t len, unsigned flags, size_t block, size_t src)
{
	struct reading_view *v = r->v;
	if (v->nlines == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 256;
		v->lines = xreallocarray(v->lines, r->cap, sizeof *v->lines);
	}
	struct reading_line *l = &v->lines[v->nlines++];
	l->text = text;
	l->width = text_width(text, len);
	l->flags = flags;
	l->block = block;
	l->src = src;
	if (l->width > v->max_width)
		v->max_width = l->width;
}

static void
add(struct rv *r, const char *s, size_t len, unsigned flags, size_t block, size_t src)
{
	add_owned(r, xstrndup(s, len), len, flags, block, src);
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
		line[plen + tl[k].len] = '\0';
		/* The line as built, not copied again. */
		add_owned(r, line, plen + tl[k].len, flags, bi, b ? reading_text_to_src(b, tl[k].off) : 0);
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
	const size_t *notes;
	size_t nn;

	if (r->first_note) {
		for (size_t n = r->first_note[owner]; n != READING_NONE; n = r->next_note[n])
			block(r, n, flags | 0x100);
		return;
	}
	nn = rp_notes(r->o, &notes);
	for (size_t k = 0; k < nn; k++)
		if (rp_resolved(r->o, notes[k]) && r->o->blocks[notes[k]].owner == owner)
			block(r, notes[k], flags | 0x100);
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

/* The lazy layout's state: the next step (a block, then its footnotes). */
struct reading_more {
	struct rv r;
	unsigned flags;
	size_t next;
};

struct reading_view *
reading_render_start(struct doc_layout *layout, int width, unsigned flags)
{
	struct reading_more *m = xcalloc(1, sizeof *m);

	m->r = (struct rv){ .v = xcalloc(1, sizeof *m->r.v), .width = width < 10 ? 10 : width,
		.o = layout };
	m->flags = flags & READING_SHOW_PAGES;
	m->r.v->more = m;
	return m->r.v;
}

/*
 * Parse as far as step bi needs (the layout may be parsed lazily,
 * reading_lazy.c): block bi and the one after (a list goes on, a
 * footnote follows another), and the footnotes bi refers to with their
 * owners, and the block after each of those. Parsing moves the blocks,
 * so it all happens here, before the step lays anything out.
 */
static void
ready(struct rv *r, size_t bi)
{
	struct doc_layout *o = r->o;
	const size_t *notes;
	size_t nn, a, end;

	if (o->more == NULL)
		return;
	rp_need_blocks(o, bi + 2);
	if (bi >= o->nblocks)
		return;
	a = o->blocks[bi].src_off;
	end = a + o->blocks[bi].src_len;
	/* Footnotes referred to in bi, parsed, and their owners sure. */
	rp_need_notes_in(o, a, end);
	rp_need_past(o, end > a ? end - 1 : a);
	for (size_t b = bi; b < bi + 2 && b < o->nblocks; b++)
		if (!rp_resolved(o, b))
			rp_need_past(o, o->blocks[b].owner);
	nn = rp_notes(o, &notes);
	for (size_t k = 0; k < nn; k++) {
		size_t n = notes[k];

		if (!rp_resolved(o, n) || o->blocks[n].owner != bi)
			continue;
		rp_need_blocks(o, n + 2);
		if (o->more == NULL)
			return;
		if (n + 1 < o->nblocks && !rp_resolved(o, n + 1))
			rp_need_past(o, o->blocks[n + 1].owner);
		nn = rp_notes(o, &notes);
	}
}

/* All is parsed: the footnotes by owner, as reading_render always had them. */
static void
index_if_parsed(struct rv *r)
{
	if (r->first_note == NULL && r->o->more == NULL)
		index_notes(r);
}

/* Lay out step bi: parse what it needs first. False when there is no block bi. */
static bool
step(struct reading_more *m)
{
	ready(&m->r, m->next);
	index_if_parsed(&m->r);
	if (m->next >= m->r.o->nblocks)
		return false;
	block(&m->r, m->next++, m->flags);
	return true;
}

/* All blocks laid out: what reading_render did after its loop. */
static void
finish(struct reading_view *v)
{
	struct reading_more *m = v->more;

	free(m->r.first_note);
	free(m->r.next_note);
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
	while (n == SIZE_MAX || v->nlines <= n)
		if (!step(m)) {
			finish(v);
			return true;
		}
	return false;
}

/*
 * The last step that lays out a line starting at or before src, from the
 * blocks parsed so far, or none (SIZE_MAX). A line starts at or after its
 * block's offset; a footnote is laid out at its owner's step.
 */
static size_t
last_step_at(struct reading_more *m, size_t src)
{
	const struct doc_layout *o = m->r.o;
	size_t last = SIZE_MAX;

	for (size_t b = m->next; b < o->nblocks; b++) {
		const struct reading_block *x = &o->blocks[b];
		size_t at = b;

		if (x->src_off > src)
			continue;
		if (x->kind == READING_NOTE && rp_resolved(o, b) && x->owner < o->nblocks)
			at = x->owner;
		if (at >= m->next && (last == SIZE_MAX || at > last))
			last = at;
	}
	/* Footnotes of a step laid out already are done; one owned by a later block counts there. */
	return last;
}

void
reading_view_extend_src(struct reading_view *v, size_t src)
{
	struct reading_more *m = v->more;
	struct doc_layout *o;
	const size_t *notes;
	size_t nn, last;

	if (m == NULL)
		return;
	o = m->r.o;
	/* No block still to parse starts at or before src, and no footnote there lacks its owner. */
	rp_need_past(o, src);
	nn = rp_notes(o, &notes);
	for (size_t k = 0; k < nn; k++)
		if (!rp_resolved(o, notes[k]) && o->blocks[notes[k]].src_off <= src) {
			rp_need_past(o, o->blocks[notes[k]].owner);
			nn = rp_notes(o, &notes);
		}
	while ((last = last_step_at(m, src)) != SIZE_MAX)
		while (m->next <= last)
			if (!step(m))
				break;
	if (o->more == NULL && m->next >= o->nblocks) {
		index_if_parsed(&m->r);
		finish(v);
	}
}

size_t
reading_view_blocks_done(const struct reading_view *v)
{
	return v->more ? v->more->next : SIZE_MAX;
}

struct reading_view *
reading_render(struct doc_layout *layout, int width, unsigned flags)
{
	struct reading_view *v;

	reading_parse_all(layout);
	v = reading_render_start(layout, width, flags);
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
