/*
 * Growing blocks: text appended from the source keeps a piece map back to
 * the source, and footnote references claimed by rl_find_notes come out
 * as "[19]" wherever they fall.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "reading_internal.h"
#include "xmalloc.h"

struct reading_block *
rb_new(struct rdoc *d, enum reading_kind kind, size_t src_off)
{
	struct doc_layout *o = d->out;
	struct reading_block *b;

	if (o->nblocks == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 32;
		o->blocks = xreallocarray(o->blocks, d->cap, sizeof *o->blocks);
	}
	b = &o->blocks[o->nblocks++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	b->src_off = src_off;
	b->page = b->sheet = -1;
	b->owner = READING_NONE;
	return b;
}

size_t
rb_text_len(const struct reading_block *b)
{
	return b->text ? b->text_len : 0;
}

/*
 * Text and pieces grow by doubling, with the length kept: a strlen and a
 * realloc for every line appended were a fifth of parsing the SOU.
 */
static void
add_text(struct reading_block *b, const char *s, size_t len)
{
	size_t have = rb_text_len(b);

	if (b->text == NULL || have + len + 1 > b->text_cap) {
		b->text_cap = have + len + 1 > 2 * b->text_cap ? have + len + 1 : 2 * b->text_cap;
		b->text = xrealloc(b->text, b->text_cap);
	}
	memcpy(b->text + have, s, len);
	b->text[have + len] = '\0';
	/* As strlen would say: a NUL byte in the source ends the text there (fuzz_reading). */
	b->text_len = have + strnlen(s, len);
}

static void
add_piece(struct reading_block *b, size_t text_off, size_t src_off)
{
	if (b->npieces == b->pieces_cap) {
		b->pieces_cap = b->pieces_cap ? 2 * b->pieces_cap : 4;
		b->pieces = xreallocarray(b->pieces, b->pieces_cap, sizeof *b->pieces);
	}
	b->pieces[b->npieces].text_off = text_off;
	b->pieces[b->npieces].src_off = src_off;
	b->npieces++;
}

/* The block's source range grows to cover [off, off + len). */
void
rb_extend(struct reading_block *b, size_t off, size_t len)
{
	if (b->src_len == 0 && b->npieces == 0 && off < b->src_off)
		b->src_off = off;
	if (off + len > b->src_off + b->src_len)
		b->src_len = off + len - b->src_off;
}

void
rb_append_sep(struct reading_block *b, const char *s)
{
	add_text(b, s, strlen(s));
}

void
rb_append_src(struct rdoc *d, struct reading_block *b, size_t off, size_t len)
{
	size_t end = off + len;

	rb_extend(b, off, len);
	while (off < end) {
		/*
		 * The next claimed reference inside [off, end): the first one at
		 * or after off, found by bisection as refs are ascending (a scan
		 * of every reference for every line was 8% of reading the SOU).
		 */
		const struct rref *r = NULL;
		size_t lo = 0, hi = d->nrefs;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (d->refs[mid].off < off)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < d->nrefs && d->refs[lo].off < end)
			r = &d->refs[lo];
		size_t stop = r ? r->off : end;
		if (stop > off) {
			add_piece(b, rb_text_len(b), off);
			add_text(b, d->src + off, stop - off);
		}
		if (!r)
			break;
		add_text(b, "[", 1);
		add_piece(b, rb_text_len(b), r->off);
		add_text(b, d->src + r->off, r->len);
		add_text(b, "]", 1);
		off = r->off + r->len;
	}
}

void
rb_add_line(struct reading_block *b, const char *s, size_t len)
{
	b->lines = xreallocarray(b->lines, b->nlines + 1, sizeof *b->lines);
	b->lines[b->nlines++] = xstrndup(s, len);
}

size_t
reading_text_to_src(const struct reading_block *b, size_t text_off)
{
	size_t k = 0;

	if (b->npieces == 0)
		return b->src_off;
	while (k + 1 < b->npieces && b->pieces[k + 1].text_off <= text_off)
		k++;
	if (text_off < b->pieces[k].text_off)
		return b->pieces[k].src_off;
	return b->pieces[k].src_off + (text_off - b->pieces[k].text_off);
}

/* A kept line from the source, footnote references shown as "[1]" like in prose. */
void
rb_add_src_line(struct rdoc *d, struct reading_block *b, size_t off, size_t len)
{
	struct reading_block tmp = { .src_off = off };

	rb_append_src(d, &tmp, off, len);
	rb_extend(b, off, len);
	b->lines = xreallocarray(b->lines, b->nlines + 1, sizeof *b->lines);
	b->lines[b->nlines++] = tmp.text ? tmp.text : xstrdup("");
	free(tmp.pieces);
}
