/*
 * Tables of amounts, as in the grant tables ("Tabell 1. Sökande
 * länsorganisationer …"): a name, then amounts written with spaces
 * between thousands ("100 000 200 000 100 000"), then a comment that
 * wraps. Extraction puts a long name on lines of its own before its
 * amounts, and the comment's wrapped lines after them.
 *
 * Splitting the digits into amounts: an amount is a first group of one to
 * three digits and then groups of exactly three; a group "000" never
 * starts one, and a short group followed by a three-digit group always
 * goes on (no one writes 16 kronor beside 250 000). Of the ways left, the
 * one with most amounts up to the table's column count wins; a row with
 * fewer amounts fills the last columns (a new organisation has no
 * decision for the year before).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "reading_internal.h"
#include "xmalloc.h"

#define MAXTOK 64
#define MAXAMT 6

struct tok {
	const char *s;
	size_t len;
};

struct rowscan {
	struct tok t[MAXTOK];
	size_t nt;
	size_t run, nrun;	/* the longest run of digit groups */
};

static bool
group(const struct tok *t)
{
	return t->len >= 1 && t->len <= 3 && rl_is_digit_str(t->s, t->len);
}

static void
scan(const char *s, size_t len, struct rowscan *r)
{
	size_t i = 0;

	r->nt = r->run = r->nrun = 0;
	while (i < len && r->nt < MAXTOK) {
		while (i < len && s[i] == ' ')
			i++;
		size_t st = i;
		while (i < len && s[i] != ' ')
			i++;
		if (i > st)
			r->t[r->nt++] = (struct tok){ s + st, i - st };
	}
	for (size_t k = 0; k < r->nt;) {
		size_t e = k;
		while (e < r->nt && group(&r->t[e]))
			e++;
		if (e - k > r->nrun) {
			r->run = k;
			r->nrun = e - k;
		}
		k = e > k ? e : k + 1;
	}
}

struct splitter {
	const struct tok *t;
	size_t n, max;
	size_t cur[MAXAMT], best[MAXAMT], nbest;
};

static bool
is_zero(const struct tok *t)
{
	return t->len == 1 && t->s[0] == '0';
}

/* Amounts from token pos on, k found so far. */
static void
split_from(struct splitter *x, size_t pos, size_t k)
{
	if (pos == x->n) {
		if (k > x->nbest) {
			x->nbest = k;
			memcpy(x->best, x->cur, k * sizeof *x->cur);
		}
		return;
	}
	const struct tok *f = &x->t[pos];
	if (k == x->max || (f->s[0] == '0' && !is_zero(f)))
		return;
	x->cur[k] = pos;
	if (is_zero(f)) {
		split_from(x, pos + 1, k + 1);
		return;
	}
	/* A lone short group may stand only where no three-digit group follows. */
	size_t e = pos + 1;
	if (e == x->n || x->t[e].len != 3)
		split_from(x, e, k + 1);
	for (; e < x->n && x->t[e].len == 3; e++)
		if (e > pos)
			split_from(x, e + 1, k + 1);
}

/* Split tokens t[0..n) into at most max amounts, the most possible; start indices into starts. */
static size_t
split(const struct tok *t, size_t n, size_t max, size_t *starts)
{
	struct splitter x = { .t = t, .n = n, .max = max > MAXAMT ? MAXAMT : max };

	split_from(&x, 0, 0);
	memcpy(starts, x.best, x.nbest * sizeof *starts);
	return x.nbest;
}

static char *
join_toks(const struct tok *t, size_t from, size_t to)
{
	size_t len = 0;
	for (size_t k = from; k < to; k++)
		len += t[k].len + 1;
	char *o = xmalloc(len + 1), *p = o;
	for (size_t k = from; k < to; k++) {
		if (p > o)
			*p++ = ' ';
		memcpy(p, t[k].s, t[k].len);
		p += t[k].len;
	}
	*p = '\0';
	return o;
}

static void
append(char **dst, const char *s, size_t len)
{
	size_t have = *dst ? strlen(*dst) : 0;
	*dst = xrealloc(*dst, have + len + 2);
	if (have)
		(*dst)[have++] = ' ';
	memcpy(*dst + have, s, len);
	(*dst)[have + len] = '\0';
}

struct trow {
	char *name, *comment;
	char *amt[MAXAMT];
	size_t line;
};

struct tbuild {
	struct trow *rows;
	size_t nrows;
	size_t k;		/* amount columns */
};

/* Does line i hold a row: the most amounts it can have (>= 1), 0 none. */
static size_t
row_amounts(const struct rdoc *d, size_t i, size_t max, struct rowscan *r)
{
	size_t starts[MAXAMT];

	if (d->lines[i].cls != RL_TEXT)
		return 0;
	scan(rl_text(d, i), d->lines[i].len, r);
	/* A name starts with a capital or a digit; a line in lower case goes on a comment. */
	if (r->nrun == 0 || rl_is_lower(rl_first_cp(rl_text(d, i), d->lines[i].len)))
		return 0;
	return split(r->t + r->run, r->nrun, max, starts);
}

static bool
table_end(const struct rdoc *d, size_t i, bool first)
{
	size_t lab;
	const char *s = rl_text(d, i);
	size_t len = d->lines[i].len;

	return d->lines[i].cls == RL_FURNITURE || d->lines[i].cls == RL_NOTE ||
	    (!first && rl_has_prefix(s, len, "Tabell ")) || rl_has_prefix(s, len, "* ") ||
	    rl_known_heading(s, len) || rl_heading(s, len, &lab) > 1;
}

/* Lines in buf (indices; READING_NONE marks a blank) given to the last row's comment, the rest named the next row. */
static void
share(const struct rdoc *d, struct tbuild *tb, const size_t *buf, size_t nbuf, bool next_named, char **name)
{
	size_t cut = nbuf;

	if (!next_named) {
		/* The next row's name: the lines after the last blank, after the last finished sentence. */
		size_t lastline = nbuf;
		while (lastline > 0 && buf[lastline - 1] == READING_NONE)
			lastline--;
		cut = 0;
		for (size_t k = 0; k + 1 < lastline; k++)
			if (buf[k] == READING_NONE || rl_last_char(rl_text(d, buf[k]), d->lines[buf[k]].len) == '.')
				cut = k + 1;
	}
	for (size_t k = 0; k < nbuf; k++) {
		if (buf[k] == READING_NONE)
			continue;
		const char *s = rl_text(d, buf[k]);
		size_t len = d->lines[buf[k]].len;
		if (k < cut && tb->nrows)
			append(&tb->rows[tb->nrows - 1].comment, s, len);
		else
			append(name, s, len);
	}
}

/* The header split at its years: "Beslut för 2024" | "Sökt för 2025" | … | "Anteckning". */
static bool
header_cells(const char *h, size_t k, char **cells)
{
	struct rowscan r;
	size_t cut[MAXAMT + 1], nc = 0;

	scan(h, strlen(h), &r);
	for (size_t i = 0; i < r.nt && nc < k; i++)
		if (r.t[i].len == 4 && rl_is_digit_str(r.t[i].s, 4))
			cut[nc++] = i + 1;
	if (nc != k || cut[0] < 2)
		return false;
	cells[0] = join_toks(r.t, 0, 1);
	cells[1] = join_toks(r.t, 1, cut[0]);
	for (size_t c = 1; c < k; c++)
		cells[c + 1] = join_toks(r.t, cut[c - 1], cut[c]);
	cells[k + 1] = join_toks(r.t, cut[k - 1], r.nt);
	return true;
}

/* The fewest amounts the row on line m can be split into; 0 when it is no row. */
static size_t
fewest(const struct rdoc *d, size_t m, struct rowscan *r)
{
	size_t starts[MAXAMT];

	if (row_amounts(d, m, MAXAMT, r) == 0)
		return 0;
	for (size_t want = 1; want <= MAXAMT; want++)
		if (split(r->t + r->run, r->nrun, want, starts) > 0)
			return want;
	return 0;
}

static void
free_rows(struct tbuild *tb)
{
	for (size_t r = 0; r < tb->nrows; r++) {
		free(tb->rows[r].name);
		free(tb->rows[r].comment);
		for (size_t c = 0; c < MAXAMT; c++)
			free(tb->rows[r].amt[c]);
	}
	free(tb->rows);
}

/* The block: caption as text, header row when its years split it, then the rows. */
static void
make_block(struct rdoc *d, struct tbuild *tb, size_t from, size_t to, char *caption, char *header)
{
	struct reading_block *b = rb_new(d, READING_TABLE, d->lines[from].off);
	size_t nc = tb->k + 2, hr = 0;
	char *hcells[MAXAMT + 2] = { 0 };

	rb_extend(b, d->lines[from].off, d->lines[to - 1].off + d->lines[to - 1].len - d->lines[from].off);
	if (caption) {
		rb_append_src(d, b, d->lines[from].off, d->lines[from].len);
		free(caption);
	}
	if (header && header_cells(header, tb->k, hcells))
		hr = 1;
	else if (header)
		rb_add_line(b, header, strlen(header));
	free(header);
	b->ncols = nc;
	b->amount_cols = tb->k;
	b->header_rows = hr;
	b->nrows = tb->nrows + hr;
	b->cells = xcalloc(b->nrows * nc, sizeof *b->cells);
	for (size_t c = 0; c < nc && hr; c++)
		b->cells[c] = hcells[c];
	for (size_t r = 0; r < tb->nrows; r++) {
		char **row = b->cells + (r + hr) * nc;
		struct trow *t = &tb->rows[r];
		row[0] = t->name ? t->name : xstrdup("");
		t->name = NULL;
		for (size_t c = 0; c < tb->k; c++) {
			row[c + 1] = t->amt[c] ? t->amt[c] : xstrdup("");
			t->amt[c] = NULL;
		}
		row[nc - 1] = t->comment ? t->comment : xstrdup("");
		t->comment = NULL;
	}
}

size_t
rt_table(struct rdoc *d, size_t i)
{
	struct rowscan r;
	bool caption = rl_has_prefix(rl_text(d, i), d->lines[i].len, "Tabell ") &&
	    d->lines[i].len > 7 && rl_text(d, i)[7] >= '0' && rl_text(d, i)[7] <= '9';
	size_t j = caption ? i + 1 : i, k = 0, rows = 0, misses = 0, m;
	char *header = NULL;

	/*
	 * Uncaptioned, a table only goes on one met before, ending at most
	 * 2,000 bytes back (below): with none that close, skip looking at
	 * the lines ahead (that look was a quarter of parsing the SOU).
	 */
	for (; d->table_seen < d->out->nblocks; d->table_seen++) {
		const struct reading_block *t = &d->out->blocks[d->table_seen];
		if (t->kind == READING_TABLE && t->src_off + t->src_len + 2000 > d->table_reach)
			d->table_reach = t->src_off + t->src_len + 2000;
	}
	if (!caption && d->lines[i].off > d->table_reach)
		return i;

	/* The column count: the most amounts any row must have. Uncaptioned, a row needs two amounts. */
	for (m = j; m < d->nlines && misses < 12; m++) {
		if (d->lines[m].cls == RL_BLANK)
			continue;
		if (table_end(d, m, m == i))
			break;
		size_t f = fewest(d, m, &r);
		if (f == 0 || (!caption && r.nrun < 2)) {
			if (!caption && rows == 0 && m > i + 3)
				return i;
			misses++;
			continue;
		}
		misses = 0;
		rows++;
		k = f > k ? f : k;
	}
	if (rows < (caption ? 1u : 2u))
		return i;
	/*
	 * Without a caption, only the rest of a table met before with as many
	 * amount columns (its rows went on after another table or a page
	 * break, close after it); prose with a few numbers in it is no table.
	 */
	const struct reading_block *before = NULL;
	for (size_t b = d->out->nblocks; !caption && b-- > 0;)
		if (d->out->blocks[b].kind == READING_TABLE && d->out->blocks[b].amount_cols == k) {
			before = &d->out->blocks[b];
			break;
		}
	if (!caption && (!before || d->lines[i].off > before->src_off + before->src_len + 2000))
		return i;
	if (!caption && fewest(d, i, &r) == 0) {
		/* Uncaptioned tables start at a row's name, not in prose. */
		size_t n = i;
		while (n < d->nlines && d->lines[n].cls != RL_BLANK && fewest(d, n, &r) == 0)
			n++;
		if (n - i > 3)
			return i;
	}

	struct tbuild tb = { .k = k };
	size_t buf[64], nbuf = 0, end = j, last_row = READING_NONE;
	for (m = j; m < d->nlines; m++) {
		if (d->lines[m].cls == RL_BLANK) {
			if (nbuf && nbuf < 64)
				buf[nbuf++] = READING_NONE;
			continue;
		}
		if (table_end(d, m, false) || (last_row != READING_NONE && m - last_row > 12) || nbuf >= 60)
			break;
		size_t starts[MAXAMT], n = 0;
		if (row_amounts(d, m, k, &r) && (caption || r.nrun >= 2))
			n = split(r.t + r.run, r.nrun, k, starts);
		/* Amounts alone on a line are a row only two or more at a time: "25 % av …" goes on a comment. */
		if (n == 1 && r.run == 0)
			n = 0;
		if (n == 0) {
			buf[nbuf++] = m;
			continue;
		}
		if (last_row == READING_NONE) {
			/* Before the first row: the header, the lines after the caption. */
			size_t hn = 0, hend = nbuf;
			/* A first row without a name has it on the lines just before, after a blank. */
			if (r.run == 0) {
				while (hend > 0 && buf[hend - 1] == READING_NONE)
					hend--;
				while (hend > 0 && buf[hend - 1] != READING_NONE)
					hend--;
			}
			for (size_t q = 0; q < hend; q++)
				if (buf[q] != READING_NONE) {
					append(&header, rl_text(d, buf[q]), d->lines[buf[q]].len);
					hn++;
				}
			if (!caption && hn) {
				free(header);
				header = NULL;
				goto named;
			}
			memmove(buf, buf + hend, (nbuf - hend) * sizeof *buf);
			nbuf -= hend;
		}
	named:;
		char *name = NULL;
		share(d, &tb, buf, nbuf, r.run > 0, &name);
		nbuf = 0;
		tb.rows = xreallocarray(tb.rows, tb.nrows + 1, sizeof *tb.rows);
		struct trow *row = &tb.rows[tb.nrows++];
		memset(row, 0, sizeof *row);
		row->line = m;
		if (r.run > 0)
			append(&name, r.t[0].s, (size_t)(r.t[r.run - 1].s + r.t[r.run - 1].len - r.t[0].s));
		row->name = name;
		for (size_t a = 0; a < n; a++) {
			size_t to = a + 1 < n ? starts[a + 1] : r.nrun;
			row->amt[k - n + a] = join_toks(r.t + r.run, starts[a], to);
		}
		if (r.run + r.nrun < r.nt)
			row->comment = join_toks(r.t, r.run + r.nrun, r.nt);
		last_row = m;
		end = m + 1;
	}
	/* What follows the last row up to a blank line still belongs to its comment. */
	/* ... when there is a row: with none, rows[nrows - 1] was rows[-1] of NULL (fuzz_reading). */
	for (size_t q = 0; tb.nrows > 0 && q < nbuf && buf[q] != READING_NONE; q++) {
		append(&tb.rows[tb.nrows - 1].comment, rl_text(d, buf[q]), d->lines[buf[q]].len);
		end = buf[q] + 1;
	}
	make_block(d, &tb, i, end, caption ? xstrdup("") : NULL, header);
	free_rows(&tb);
	return end;
}
