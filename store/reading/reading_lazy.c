/*
 * Parsing on demand: the passes over the whole text (lines, page
 * furniture, footnotes found) when the document opens, the blocks only as
 * far as the lazy layout needs them (issue 17: parsing all of the SOU was
 * most of what opening it still cost once the layout was lazy).
 *
 * The blocks are the very ones reading_parse makes: the same steps run
 * in the same order, paused between two. What a pause could change is a
 * footnote's owner, looked for among the blocks parsed so far; so a
 * footnote keeps its reference's offset in owner (as reading_parse did
 * until its end) until no block still to come can hold that offset:
 * every block to come starts at or after the next line to parse.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "reading_internal.h"
#include "xmalloc.h"

/* A footnote's first line and the offset of its reference. */
struct note_line {
	size_t ref, line;
};

struct reading_parsing {
	struct rdoc d;
	struct parse p;
	size_t next;		/* the next line to parse */
	bool *resolved;		/* per block: not a footnote still without its owner */
	size_t cap_resolved;
	size_t *pending, npending;	/* footnotes without their owner yet */
	size_t *notes, nnotes, cap_notes;	/* every footnote block so far, ascending */
	struct note_line *nl;	/* footnote lines by their reference's offset */
	size_t nnl;
};

static int
cmp_note_line(const void *a, const void *b)
{
	const struct note_line *x = a, *y = b;

	if (x->ref != y->ref)
		return x->ref < y->ref ? -1 : 1;
	return (x->line > y->line) - (x->line < y->line);
}

struct doc_layout *
reading_parse_start(const char *text, size_t len, const struct reading_opts *opts)
{
	struct reading_parsing *m = xcalloc(1, sizeof *m);
	struct rdoc *d = &m->d;
	struct doc_layout *o;

	d->src = text ? text : "";
	d->srclen = text ? len : 0;
	d->out = xcalloc(1, sizeof *d->out);
	d->out->more = m;
	rl_split(d);
	rl_mark_furniture(d);
	if (opts && opts->deck ? true : (!(opts && opts->no_deck) && rl_is_deck(d))) {
		/* A deck is read whole: slides are few. */
		rd_deck(d);
		m->next = d->nlines;
	} else {
		rl_find_notes(d);
		m->p = (struct parse){ .d = d, .typical = rp_typical_len(d) };
		m->nl = xreallocarray(NULL, d->nlines ? d->nlines : 1, sizeof *m->nl);
		for (size_t i = 0; i < d->nlines; i++)
			if (d->lines[i].cls == RL_NOTE)
				m->nl[m->nnl++] = (struct note_line){ d->lines[i].ref_off, i };
		qsort(m->nl, m->nnl, sizeof *m->nl, cmp_note_line);
	}
	o = d->out;
	/* A deck, or no lines: all is parsed (and m freed). */
	if (m->next >= d->nlines)
		reading_parse_all(o);
	return o;
}

/* Owners are looked for among the blocks so far: right once none to come can hold ref. */
static bool
final(const struct reading_parsing *m, size_t ref)
{
	return m->next >= m->d.nlines || m->d.lines[m->next].off > ref;
}

static void
resolve(struct doc_layout *o, size_t b)
{
	o->blocks[b].owner = rp_owner_of(o, o->blocks[b].owner);
	o->more->resolved[b] = true;
}

/* One step more; then the footnotes whose owners are now sure. */
static void
step(struct doc_layout *o)
{
	struct reading_parsing *m = o->more;
	size_t from = o->nblocks, k = 0;

	m->next = rp_step(&m->p, m->next);
	if (o->nblocks > m->cap_resolved) {
		m->cap_resolved = o->nblocks * 2;
		m->resolved = xreallocarray(m->resolved, m->cap_resolved, sizeof *m->resolved);
	}
	for (size_t b = from; b < o->nblocks; b++) {
		bool note = o->blocks[b].kind == READING_NOTE;

		m->resolved[b] = !note;
		if (!note)
			continue;
		if (m->nnotes == m->cap_notes) {
			m->cap_notes = m->cap_notes ? 2 * m->cap_notes : 64;
			m->notes = xreallocarray(m->notes, m->cap_notes, sizeof *m->notes);
			m->pending = xreallocarray(m->pending, m->cap_notes, sizeof *m->pending);
		}
		m->notes[m->nnotes++] = b;
		m->pending[m->npending++] = b;
	}
	for (size_t i = 0; i < m->npending; i++) {
		if (final(m, o->blocks[m->pending[i]].owner))
			resolve(o, m->pending[i]);
		else
			m->pending[k++] = m->pending[i];
	}
	m->npending = k;
}

void
reading_parse_all(struct doc_layout *o)
{
	struct reading_parsing *m = o->more;

	if (m == NULL)
		return;
	while (m->next < m->d.nlines)
		step(o);
	/* As reading_parse did: every footnote's owner among all the blocks. */
	for (size_t i = 0; i < m->npending; i++)
		o->blocks[m->pending[i]].owner = rp_owner_of(o, o->blocks[m->pending[i]].owner);
	rp_free(o);
}

void
rp_free(struct doc_layout *o)
{
	struct reading_parsing *m = o->more;

	if (m == NULL)
		return;
	free(m->d.lines);
	free(m->d.refs);
	free(m->p.deferred);
	free(m->resolved);
	free(m->pending);
	free(m->notes);
	free(m->nl);
	free(m);
	o->more = NULL;
}

void
rp_need_blocks(struct doc_layout *o, size_t n)
{
	while (o->more && o->nblocks < n) {
		if (o->more->next >= o->more->d.nlines)
			reading_parse_all(o);
		else
			step(o);
	}
}

void
rp_need_past(struct doc_layout *o, size_t off)
{
	while (o->more && !final(o->more, off))
		step(o);
	if (o->more && o->more->next >= o->more->d.nlines)
		reading_parse_all(o);
}

void
rp_need_notes_in(struct doc_layout *o, size_t a, size_t b)
{
	struct reading_parsing *m = o->more;
	size_t lo = 0, hi, last = 0;
	bool any = false;

	if (m == NULL)
		return;
	hi = m->nnl;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (m->nl[mid].ref < a)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < m->nnl && m->nl[lo].ref < b; lo++) {
		last = m->nl[lo].line > last ? m->nl[lo].line : last;
		any = true;
	}
	while (any && o->more && o->more->next <= last)
		step(o);
	if (o->more && o->more->next >= o->more->d.nlines)
		reading_parse_all(o);
}

bool
rp_resolved(const struct doc_layout *o, size_t b)
{
	return o->more == NULL || o->more->resolved[b];
}

size_t
rp_notes(const struct doc_layout *o, const size_t **list)
{
	*list = o->more ? o->more->notes : NULL;
	return o->more ? o->more->nnotes : 0;
}
