/*
 * From classified lines to blocks: headings, list items, kept lines,
 * tables (reading_table.c), paragraphs; footnotes and page marks found by
 * reading_marks.c. A paragraph runs on across a page break (furniture and
 * the page's footnotes between) when the next page goes on in lower
 * case; what stood between comes after the paragraph.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reading_internal.h"
#include "xmalloc.h"

static const char *
T(const struct parse *p, size_t i)
{
	return rl_text(p->d, i);
}

static size_t
L(const struct parse *p, size_t i)
{
	return p->d->lines[i].len;
}

static enum rline_class
C(const struct parse *p, size_t i)
{
	return i < p->d->nlines ? p->d->lines[i].cls : RL_BLANK;
}

static int
cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

/*
 * The length at the 90th percentile of the text lines, counted rather
 * than sorted (a qsort of every line was 7% of parsing the SOU); lines
 * longer than the counts go reach count as the longest.
 */
size_t
rp_typical_len(const struct rdoc *d)
{
	enum { MAXLEN = 4096 };
	size_t *count = xcalloc(MAXLEN + 1, sizeof *count), n = 0, want, seen = 0, t = 80;

	for (size_t i = 0; i < d->nlines; i++)
		if (d->lines[i].cls == RL_TEXT) {
			count[d->lines[i].len < MAXLEN ? d->lines[i].len : MAXLEN]++;
			n++;
		}
	want = n * 9 / 10;
	for (size_t len = 0; n && len <= MAXLEN; len++) {
		seen += count[len];
		if (seen > want) {
			t = len;
			break;
		}
	}
	/* Past the counts: the exact length, as the sort found it. */
	if (n && t == MAXLEN) {
		size_t rank = want - (seen - count[MAXLEN]), *v = xcalloc(count[MAXLEN], sizeof *v), k = 0;

		for (size_t i = 0; i < d->nlines; i++)
			if (d->lines[i].cls == RL_TEXT && d->lines[i].len >= MAXLEN)
				v[k++] = d->lines[i].len;
		qsort(v, k, sizeof *v, cmp_size);
		t = v[rank];
		free(v);
	}
	free(count);
	return t;
}

static bool
ends_sentence(char c)
{
	return c == '.' || c == '!' || c == '?' || c == ':';
}

static size_t
emit_note(struct parse *p, size_t i)
{
	const char *s = T(p, i);
	size_t n = 0;
	struct reading_block *b;

	while (n < L(p, i) && s[n] >= '0' && s[n] <= '9')
		n++;
	b = rb_new(p->d, READING_NOTE, p->d->lines[i].off);
	b->label = xstrndup(s, n);
	b->owner = p->d->lines[i].ref_off;	/* a source offset until reading_parse resolves it */
	rb_extend(b, p->d->lines[i].off, L(p, i));
	rb_append_src(p->d, b, p->d->lines[i].off + n + 1, L(p, i) - n - 1);
	for (i++; C(p, i) == RL_NOTE_MORE; i++) {
		rb_append_sep(b, " ");
		rb_append_src(p->d, b, p->d->lines[i].off, L(p, i));
	}
	return i;
}

static void
emit_page(struct parse *p, size_t i)
{
	struct reading_block *b = rb_new(p->d, READING_PAGE, p->d->lines[i].off);
	char buf[16];

	b->page = p->d->lines[i].page;
	b->sheet = p->d->lines[i].sheet;
	rb_extend(b, p->d->lines[i].off, L(p, i));
	if (b->page >= 0) {
		snprintf(buf, sizeof buf, "%d", b->page);
		b->label = xstrdup(buf);
	}
}

static void
flush_deferred(struct parse *p)
{
	for (size_t k = 0; k < p->ndeferred; k++) {
		size_t i = p->deferred[k];
		if (C(p, i) == RL_NOTE)
			emit_note(p, i);
		else if (p->d->lines[i].group_start)
			emit_page(p, i);
	}
	p->ndeferred = 0;
}

static void
defer(struct parse *p, size_t i)
{
	p->deferred = xreallocarray(p->deferred, p->ndeferred + 1, sizeof *p->deferred);
	p->deferred[p->ndeferred++] = i;
}

/* Does a line end a run of text and start something else? */
static bool
starts_other(struct parse *p, size_t i)
{
	size_t lab;
	int lvl = rl_heading(T(p, i), L(p, i), &lab);

	return lvl > 1 || rl_known_heading(T(p, i), L(p, i)) || rl_bullet(T(p, i), L(p, i), false) ||
	    rl_has_prefix(T(p, i), L(p, i), "Tabell ");
}

/* A heading with a number; the one-number kind ("2 Uppdraget …") only where a heading can stand. */
static size_t
numbered_heading(struct parse *p, size_t i, bool after_break)
{
	size_t lab = 0, j;
	int lvl = rl_heading(T(p, i), L(p, i), &lab);
	char last = rl_last_char(T(p, i), L(p, i));

	if (lvl == 0 || L(p, i) > 100)
		return i;
	if (lvl == 1 && lab < L(p, i) && (!after_break || last == '.' || last == ',' || L(p, i) > 80))
		return i;
	if (lvl == 2 && last == '.')
		return i;
	struct reading_block *b = rb_new(p->d, READING_HEADING, p->d->lines[i].off);
	b->level = lvl;
	b->label = xstrndup(T(p, i), lab);
	rb_extend(b, p->d->lines[i].off, L(p, i));
	size_t rest = lab < L(p, i) && T(p, i)[lab] == ' ' ? lab + 1 : lab;
	if (rest < L(p, i))
		rb_append_src(p->d, b, p->d->lines[i].off + rest, L(p, i) - rest);
	/* A heading wrapped onto a second line goes on in lower case. */
	for (j = i + 1; j < i + 3 && C(p, j) == RL_TEXT && rl_is_lower(rl_first_cp(T(p, j), L(p, j))); j++) {
		rb_append_sep(b, " ");
		rb_append_src(p->d, b, p->d->lines[j].off, L(p, j));
	}
	if (lvl != 3)
		p->last_level = lvl;
	return j;
}

static size_t
plain_heading(struct parse *p, size_t i)
{
	struct reading_block *b = rb_new(p->d, READING_HEADING, p->d->lines[i].off);
	b->level = p->last_level ? p->last_level + 1 : 1;
	rb_append_src(p->d, b, p->d->lines[i].off, L(p, i));
	return i + 1;
}

/* A title standing alone: short, capital, no sentence punctuation, text or nothing after it. */
static bool
looks_heading(struct parse *p, size_t i, bool after_break)
{
	const char *s = T(p, i);
	size_t len = L(p, i), words = 1;
	char last = rl_last_char(s, len);

	if (rl_known_heading(s, len))
		return true;
	if (!after_break || len > 70 || !rl_is_upper(rl_first_cp(s, len)) || strchr(".,;:", last))
		return false;
	for (size_t k = 0; k < len; k++)
		words += s[k] == ' ';
	if (words > 9)
		return false;
	if (C(p, i + 1) == RL_BLANK)
		return true;
	/* Text right under it: only a short title, not a sentence's first line. */
	return C(p, i + 1) == RL_TEXT && words <= 6 && len * 10 < p->typical * 6 && L(p, i + 1) * 10 >= p->typical * 7 &&
	    rl_is_upper(rl_first_cp(T(p, i + 1), L(p, i + 1)));
}

/* A list item: bullet or number, its wrapped lines after it. */
static size_t
list_item(struct parse *p, size_t i, size_t skip, bool numbered)
{
	struct reading_block *b = rb_new(p->d, READING_ITEM, p->d->lines[i].off);
	size_t j = i + 1;

	if (numbered)
		b->label = xstrndup(T(p, i), skip - 1);
	rb_extend(b, p->d->lines[i].off, L(p, i));
	rb_append_src(p->d, b, p->d->lines[i].off + skip, L(p, i) - skip);
	for (;;) {
		size_t k = j;
		while (k < p->d->nlines && C(p, k) == RL_BLANK)
			k++;
		if (C(p, k) != RL_TEXT || starts_other(p, k) || rl_number_item(T(p, k), L(p, k)) ||
		    rl_bullet(T(p, k), L(p, k), true))
			break;
		bool lower = rl_is_lower(rl_first_cp(T(p, k), L(p, k)));
		char last = rl_last_char(b->text, rb_text_len(b));
		if (k > j ? !(lower && !ends_sentence(last)) : !(lower || !ends_sentence(last)))
			break;
		rb_append_sep(b, " ");
		rb_append_src(p->d, b, p->d->lines[k].off, L(p, k));
		j = k + 1;
	}
	return j;
}

/* Lines that are not prose: an address, names under a letter, a law's two columns. */
static size_t
kept_lines(struct parse *p, size_t i, size_t end)
{
	struct reading_block *b = rb_new(p->d, READING_LINES, p->d->lines[i].off);

	for (; i < end; i++) {
		if (C(p, i) == RL_NOTE || (C(p, i) == RL_FURNITURE && p->d->lines[i].group_start)) {
			defer(p, i);
			continue;
		}
		if (C(p, i) != RL_TEXT)
			continue;
		rb_add_src_line(p->d, b, p->d->lines[i].off, L(p, i));
	}
	flush_deferred(p);
	return end;
}

static bool
short_bare(struct parse *p, size_t i)
{
	if (C(p, i) != RL_TEXT)
		return false;
	const char *s = T(p, i);
	unsigned int cp = rl_first_cp(s, L(p, i));

	return L(p, i) <= 50 && !rl_known_heading(s, L(p, i)) && !strchr(".,;:", rl_last_char(s, L(p, i))) &&
	    (rl_is_upper(cp) || (cp >= '0' && cp <= '9')) && !rl_bullet(s, L(p, i), true);
}

static size_t
paragraph(struct parse *p, size_t i)
{
	struct reading_block *b = rb_new(p->d, READING_PARAGRAPH, p->d->lines[i].off);
	size_t j = i;

	rb_append_src(p->d, b, p->d->lines[i].off, L(p, i));
	for (j = i + 1;; j++) {
		if (C(p, j) == RL_TEXT) {
			size_t prev = j - 1;
			char last = rl_last_char(T(p, prev), L(p, prev));
			if (starts_other(p, j) || rl_number_item(T(p, j), L(p, j)))
				break;
			/* A short line ending a sentence, then a capital: a new paragraph. */
			if (C(p, prev) == RL_TEXT && ends_sentence(last) && L(p, prev) * 4 < p->typical * 3 &&
			    rl_is_upper(rl_first_cp(T(p, j), L(p, j))))
				break;
			rb_append_sep(b, " ");
			rb_append_src(p->d, b, p->d->lines[j].off, L(p, j));
			continue;
		}
		/* Across blank lines, page furniture and footnotes: go on when the text goes on in lower case. */
		size_t k = j;
		while (k < p->d->nlines && C(p, k) != RL_TEXT)
			k++;
		char last = rl_last_char(b->text, rb_text_len(b));
		if (k >= p->d->nlines || ends_sentence(last) || !rl_is_lower(rl_first_cp(T(p, k), L(p, k))))
			break;
		for (; j < k; j++)
			if (C(p, j) == RL_NOTE || (C(p, j) == RL_FURNITURE && p->d->lines[j].group_start))
				defer(p, j);
		j--;
	}
	flush_deferred(p);
	return j;
}

static size_t
text_block(struct parse *p, size_t i)
{
	const char *s = T(p, i);
	size_t len = L(p, i), j, skip;
	bool after_break = i == 0 || C(p, i - 1) != RL_TEXT;

	if (rl_known_heading(s, len))
		return plain_heading(p, i);
	/* Searched within the line: strstr ran past the end of a text that is
	 * (text, len), not a C string (fuzz_reading). */
	if (rl_has_prefix(s, len, "Nuvarande lydelse") &&
	    memmem(s, len, "Föreslagen lydelse", strlen("Föreslagen lydelse")) != NULL) {
		for (j = i + 1; j < p->d->nlines; j++) {
			size_t lab;
			if (C(p, j) == RL_TEXT && (rl_has_prefix(T(p, j), L(p, j), "Denna lag träder") ||
			    rl_heading(T(p, j), L(p, j), &lab) == 2))
				break;
		}
		return kept_lines(p, i, j);
	}
	if ((j = rt_table(p->d, i)) > i)
		return j;
	if ((j = numbered_heading(p, i, after_break)) > i)
		return j;
	if ((skip = rl_number_item(s, len)) != 0)
		return list_item(p, i, skip, true);
	bool loose = after_break || ends_sentence(rl_last_char(T(p, i - 1), L(p, i - 1))) ||
	    (p->d->out->nblocks && p->d->out->blocks[p->d->out->nblocks - 1].kind == READING_ITEM);
	if ((skip = rl_bullet(s, len, loose)) != 0)
		return list_item(p, i, skip, false);
	if (short_bare(p, i) && short_bare(p, i + 1) && !looks_heading(p, i, after_break)) {
		for (j = i + 1; short_bare(p, j); j++)
			;
		return kept_lines(p, i, j);
	}
	if (looks_heading(p, i, after_break))
		return plain_heading(p, i);
	return paragraph(p, i);
}

/* One step of parsing: the block (or blocks) starting at line i; returns the line after. */
size_t
rp_step(struct parse *p, size_t i)
{
	struct rdoc *d = p->d;

	switch (d->lines[i].cls) {
	case RL_NOTE:
		return emit_note(p, i);
	case RL_FURNITURE:
		if (d->lines[i].group_start)
			emit_page(p, i);
		return i + 1;
	case RL_TEXT:
		return text_block(p, i);
	default:
		return i + 1;
	}
}

/* A note's owner: the text block whose source holds its reference. */
size_t
rp_owner_of(const struct doc_layout *o, size_t ref)
{
	/* The block that shows it: "[N]" was written where a piece starts at the reference. */
	for (size_t b = 0; b < o->nblocks; b++)
		for (size_t k = 0; o->blocks[b].kind != READING_NOTE && k < o->blocks[b].npieces; k++)
			if (o->blocks[b].pieces[k].src_off == ref)
				return b;
	for (size_t b = 0; b < o->nblocks; b++) {
		const struct reading_block *x = &o->blocks[b];
		if (x->kind != READING_NOTE && x->kind != READING_PAGE && ref >= x->src_off && ref < x->src_off + x->src_len)
			return b;
	}
	return READING_NONE;
}

struct doc_layout *
reading_parse(const char *text, size_t len, const struct reading_opts *opts)
{
	struct doc_layout *o = reading_parse_start(text, len, opts);

	reading_parse_all(o);
	return o;
}

void
reading_free(struct doc_layout **layout)
{
	struct doc_layout *o = *layout;

	if (!o)
		return;
	for (size_t b = 0; b < o->nblocks; b++) {
		struct reading_block *x = &o->blocks[b];
		free(x->label);
		free(x->text);
		free(x->pieces);
		for (size_t k = 0; k < x->nlines; k++)
			free(x->lines[k]);
		free(x->lines);
		for (size_t k = 0; k < x->nrows * x->ncols; k++)
			free(x->cells[k]);
		free(x->cells);
	}
	free(o->blocks);
	rp_free(o);
	free(o);
	*layout = NULL;
}

const char *
reading_kind_name(enum reading_kind kind)
{
	static const char *const names[] = {
		[READING_PARAGRAPH] = "paragraph", [READING_HEADING] = "heading", [READING_ITEM] = "item",
		[READING_TABLE] = "table", [READING_LINES] = "lines", [READING_NOTE] = "note",
		[READING_PAGE] = "page", [READING_SLIDE] = "slide",
	};
	return (unsigned)kind < sizeof names / sizeof *names ? names[kind] : "?";
}

size_t
reading_block_at(const struct doc_layout *layout, size_t src_off)
{
	size_t best = READING_NONE;

	for (size_t b = 0; b < layout->nblocks; b++) {
		const struct reading_block *x = &layout->blocks[b];
		if (src_off >= x->src_off && src_off < x->src_off + x->src_len && x->kind != READING_PAGE)
			return b;
		if (x->src_off <= src_off && (best == READING_NONE || x->src_off >= layout->blocks[best].src_off))
			best = b;
	}
	return best;
}
