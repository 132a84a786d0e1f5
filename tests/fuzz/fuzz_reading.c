/*
 * libFuzzer target: the document reading model (store/reading/). Any text
 * is cut into blocks and laid out at a few widths; the result is checked
 * against what reading.h promises the pager: source ranges inside the
 * text, pieces ascending, display lines valid UTF-8 with their true
 * widths, headings and pages pointing at real lines. A broken promise aborts.
 *
 * The lazy parse and layout (reading_parse_start, reading_render_start)
 * must give the very blocks and lines of the whole ones, whatever steps
 * they are extended by, and a position looked up after
 * reading_view_extend_src the very line the whole layout gives.
 *
 * The first byte chooses the options (deck forced, deck refused, guessed;
 * page marks shown) and the first width; the rest is the document. The
 * model is given UTF-8 as the store keeps it: bytes that are not UTF-8 go
 * through text_decode first, as an import would.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reading.h"
#include "text.h"
#include "fuzz_check.h"

static void
check_layout(const struct doc_layout *o, size_t len)
{
	for (size_t b = 0; b < o->nblocks; b++) {
		const struct reading_block *x = &o->blocks[b];
		size_t tl = x->text ? strlen(x->text) : 0;

		must(x->src_off <= len && x->src_len <= len - x->src_off);
		must(x->text == NULL || text_is_utf8(x->text, tl));
		must(x->label == NULL || text_is_utf8(x->label, strlen(x->label)));
		for (size_t k = 0; k < x->npieces; k++) {
			must(x->pieces[k].src_off <= len);
			must(x->pieces[k].text_off <= tl);
			must(k == 0 || x->pieces[k].text_off >= x->pieces[k - 1].text_off);
		}
		for (size_t k = 0; k < x->nlines; k++)
			must(text_is_utf8(x->lines[k], strlen(x->lines[k])));
		for (size_t k = 0; k < x->nrows * x->ncols; k++)
			must(x->cells[k] != NULL && text_is_utf8(x->cells[k], strlen(x->cells[k])));
		must(x->kind != READING_TABLE || x->header_rows <= x->nrows);
		must(x->kind != READING_NOTE || x->owner == READING_NONE || x->owner < o->nblocks);
		must(reading_text_to_src(x, tl) <= len);
		(void)reading_kind_name(x->kind);
	}
	if (o->nblocks)
		must(reading_block_at(o, len) < o->nblocks);
}

static void
check_view(const struct doc_layout *o, const struct reading_view *v, size_t len)
{
	for (size_t k = 0; k < v->nlines; k++) {
		const struct reading_line *l = &v->lines[k];
		size_t tl = strlen(l->text);

		must(text_is_utf8(l->text, tl));
		must(l->block == READING_NONE || l->block < o->nblocks);
		must(l->src <= len);
		must(l->width <= v->max_width);
		/* The pager scrolls sideways by these widths: they must be true. Prose
		 * may be wider than a narrow width: a label's hanging indent comes on
		 * top of at least 10 columns of text. */
		must(l->width == text_width(l->text, tl));
	}
	for (size_t k = 0; k < v->nheadings; k++)
		must(v->headings[k].line < v->nlines || v->nlines == 0);
	for (size_t k = 0; k < v->npages; k++) {
		must(v->pages[k].line < v->nlines || v->nlines == 0);
		must(reading_view_page_line(v, v->pages[k].page) != READING_NONE);
	}
	if (v->nlines)
		must(reading_view_line_at(v, len) < v->nlines);
}

static bool
same_line(const struct reading_line *a, const struct reading_line *b)
{
	return strcmp(a->text, b->text) == 0 && a->width == b->width && a->flags == b->flags &&
	    a->block == b->block && a->src == b->src;
}

/* Parsed as laid out, the same blocks as parsed whole. */
static void
check_same_blocks(const struct doc_layout *o, const struct doc_layout *lo)
{
	must(lo->more == NULL && lo->nblocks == o->nblocks && lo->deck == o->deck);
	for (size_t b = 0; b < o->nblocks; b++) {
		const struct reading_block *x = &o->blocks[b], *y = &lo->blocks[b];

		must(x->kind == y->kind && x->src_off == y->src_off && x->src_len == y->src_len);
		must(x->owner == y->owner && x->npieces == y->npieces && x->nlines == y->nlines);
		must((x->text == NULL) == (y->text == NULL) && (!x->text || strcmp(x->text, y->text) == 0));
	}
}

/*
 * Parsed and laid out lazily, in growing steps and by source offsets:
 * the same as full.
 */
static void
check_lazy(const struct doc_layout *o, const struct reading_view *full, int width, unsigned flags,
    const char *in, size_t len, const struct reading_opts *ro)
{
	struct doc_layout *lo = reading_parse_start(in, len, ro);
	struct reading_view *v = reading_render_start(lo, width, flags);
	size_t at[] = { 0, len / 3, len / 2, len };

	for (size_t n = 0;; n = n * 2 + 1) {
		bool done = reading_view_extend(v, n);

		must(done == (v->more == NULL));
		must(done || v->nlines > n);
		for (size_t k = 0; k < n && k < v->nlines; k++)
			must(k < full->nlines && same_line(&v->lines[k], &full->lines[k]));
		if (done)
			break;
	}
	must(v->nlines == full->nlines && v->max_width == full->max_width);
	must(v->nheadings == full->nheadings && v->npages == full->npages);
	for (size_t k = 0; k < v->nlines; k++)
		must(same_line(&v->lines[k], &full->lines[k]));
	for (size_t k = 0; k < v->nheadings; k++)
		must(v->headings[k].line == full->headings[k].line);
	for (size_t k = 0; k < v->npages; k++)
		must(v->pages[k].line == full->pages[k].line && v->pages[k].page == full->pages[k].page);
	reading_view_free(&v);
	check_same_blocks(o, lo);
	reading_free(&lo);
	for (size_t i = 0; i < sizeof at / sizeof *at; i++) {
		lo = reading_parse_start(in, len, ro);
		v = reading_render_start(lo, width, flags);
		reading_view_extend_src(v, at[i]);
		for (size_t k = 0; k < v->nlines && k < full->nlines; k++)
			must(same_line(&v->lines[k], &full->lines[k]));
		must(reading_view_line_at(v, at[i]) == reading_view_line_at(full, at[i]));
		reading_view_free(&v);
		reading_free(&lo);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int widths[] = { 10, 37, 80 };
	unsigned opt = size ? data[0] : 0;
	struct reading_opts ro = { .deck = (opt & 3) == 1, .no_deck = (opt & 3) == 2 };
	unsigned flags = opt & 4 ? READING_SHOW_PAGES : 0;
	const char *in = size ? (const char *)data + 1 : "";
	size_t len = size ? size - 1 : 0;
	char *dec = NULL;
	struct doc_layout *o;

	if (!text_is_utf8(in, len)) {
		enum text_encoding enc;

		dec = text_decode(in, len, &len, &enc);
		in = dec;
	}
	o = reading_parse(in, len, &ro);
	check_layout(o, len);
	/* A width from the input (the pager's may be anything), then fixed ones. */
	for (int w = -1; w < (int)(sizeof widths / sizeof *widths); w++) {
		int width = w < 0 ? 1 + (int)(opt >> 3) * 5 : widths[w];
		struct reading_view *v = reading_render(o, width, flags);

		check_view(o, v, len);
		check_lazy(o, v, width, flags, in, len, &ro);
		reading_view_free(&v);
	}
	reading_free(&o);
	free(dec);
	return 0;
}
