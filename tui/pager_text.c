/*
 * The pager's layout: which source lines are paragraphs, list items,
 * table rows and headings, and how they wrap. See pager_text.h.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "pager_text.h"
#include "reading.h"
#include "text.h"
#include "xmalloc.h"

/* ---- source lines and their kinds ---- */

static size_t
line_end(const struct pager_text *t, size_t p)
{
	const char *nl = memchr(t->text + p, '\n', t->len - p);
	return nl ? (size_t)(nl - t->text) : t->len;
}

/* Skip spaces, tabs and no-break spaces. */
static size_t
skip_space(const char *s, size_t i, size_t n)
{
	while (i < n) {
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r')
			i++;
		else if (i + 1 < n && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA0)
			i += 2;
		else
			break;
	}
	return i;
}

static bool
is_blank(const char *s, size_t n)
{
	return skip_space(s, 0, n) == n;
}

static bool
starts_with(const char *s, size_t n, const char *prefix)
{
	size_t k = strlen(prefix);
	return n >= k && memcmp(s, prefix, k) == 0;
}

/* A bullet or a numbered point: "• x", "o x", "- x", "– x", "1. x", "2) x", "a) x". */
static bool
is_list_item(const char *s, size_t n)
{
	static const char *const bullets[] = { "•", "o ", "- ", "– ", "* ", "▪", "·", "◦",
		"\xef\x82\xb7", "\xef\x82\xa7" };
	size_t i = skip_space(s, 0, n), d;

	for (size_t k = 0; k < sizeof bullets / sizeof bullets[0]; k++)
		if (starts_with(s + i, n - i, bullets[k]))
			return true;
	for (d = i; d < n && s[d] >= '0' && s[d] <= '9' && d - i < 3; d++)
		;
	if (d > i && d + 1 < n && (s[d] == '.' || s[d] == ')') && s[d + 1] == ' ')
		return true;
	return i + 2 < n && s[i] >= 'a' && s[i] <= 'z' && s[i + 1] == ')' && s[i + 2] == ' ';
}

/* Columns: a tab or a run of three spaces inside the line. */
static bool
is_table_row(const char *s, size_t n)
{
	size_t i = skip_space(s, 0, n), end = n;

	while (end > i && (s[end - 1] == ' ' || s[end - 1] == '\r'))
		end--;
	for (; i + 2 < end; i++)
		if (s[i] == '\t' || (s[i] == ' ' && s[i + 1] == ' ' && s[i + 2] == ' '))
			return true;
	return false;
}

/* A short line after a blank line, starting with a capital or a section number, not ending a sentence. */
static bool
is_heading(const char *s, size_t n, bool after_blank, const char *next, size_t next_n)
{
	size_t i = skip_space(s, 0, n), end = n, words = 1;
	unsigned int cp;
	bool upper = true, letters = false;

	while (end > i && (s[end - 1] == ' ' || s[end - 1] == '\r'))
		end--;
	if (end <= i || end - i > 70)
		return false;
	for (size_t k = i; k < end;) {
		size_t used = text_next_char(s + k, end - k, &cp);
		if (text_is_lower(cp))
			upper = false;
		if (text_is_letter(cp))
			letters = true;
		if (cp == ' ')
			words++;
		k += used;
	}
	if (upper && letters && end - i >= 4)
		return true;	/* TJÄNSTESKRIVELSE, BESLUTSUNDERLAG */
	if (!after_blank || words > 10 || strchr(".,;:-–", s[end - 1]))
		return false;
	/* A line that runs on into a lower-case one is the start of a sentence. */
	if (next && !is_blank(next, next_n)) {
		size_t j = skip_space(next, 0, next_n);
		text_next_char(next + j, next_n - j, &cp);
		if (text_is_lower(cp))
			return false;
	}
	text_next_char(s + i, end - i, &cp);
	if (text_is_upper(cp))
		return true;
	/* "3.2 Förslag" */
	return cp >= '1' && cp <= '9' && memchr(s + i, ' ', end - i) && !is_list_item(s, n);
}

/* ---- layout ---- */

static void
add_pl(struct pager_text *t, size_t off, size_t len, uint32_t src, enum pline_kind kind,
    int indent)
{
	if (t->n_pl == t->cap_pl) {
		t->cap_pl = t->cap_pl ? t->cap_pl * 2 : 256;
		t->pl = xreallocarray(t->pl, t->cap_pl, sizeof *t->pl);
	}
	t->pl[t->n_pl++] = (struct pline){ (uint32_t)off, (uint32_t)len, src, (uint16_t)kind,
		(uint16_t)indent };
}

/*
 * Wrap [p, e) to the width; each line's source line counted from src.
 * Lines after the first hang by hang columns (list items).
 */
static void
add_wrapped(struct pager_text *t, size_t p, size_t e, uint32_t src, enum pline_kind kind,
    int hang)
{
	struct text_line *ls = NULL;
	size_t n = text_wrap(t->text + p, e - p, t->width, &ls), at = p;

	if (hang > 0 && n > 1 && t->width - hang >= 10) {
		size_t first_end = ls[0].off + ls[0].len;
		size_t rest = p + ls[1].off;

		add_pl(t, p + ls[0].off, ls[0].len, src, kind, 0);
		for (; at < p + first_end; at++)
			if (t->text[at] == '\n')
				src++;
		free(ls);
		ls = NULL;
		n = text_wrap(t->text + rest, e - rest, t->width - hang, &ls);
		p = rest;
	} else {
		hang = 0;
		add_pl(t, p + ls[0].off, ls[0].len, src, kind, 0);
		at = p + ls[0].off;
		for (size_t i = 1; i < n; i++)
			ls[i - 1] = ls[i];
		n = n > 0 ? n - 1 : 0;
	}
	for (size_t i = 0; i < n; i++) {
		size_t off = p + ls[i].off;
		for (; at < off; at++)
			if (t->text[at] == '\n')
				src++;
		add_pl(t, off, ls[i].len, src, kind, hang);
	}
	free(ls);
}

/* Columns from the line start to the text after a bullet or number. */
static int
list_hang(const char *s, size_t n)
{
	size_t i = skip_space(s, 0, n);

	while (i < n && s[i] != ' ')
		i++;
	i = skip_space(s, i, n);
	return text_width(s, i);
}

/* Whether the line after a list item runs on from it (starts in lower case). */
static bool
continues(const char *s, size_t n)
{
	size_t j = skip_space(s, 0, n);
	unsigned int cp;

	if (j >= n || is_list_item(s, n) || is_table_row(s, n))
		return false;
	text_next_char(s + j, n - j, &cp);
	return text_is_lower(cp) || (cp >= '0' && cp <= '9');
}

/* Lay out the next block (a paragraph, a kept line or a blank). */
static void
layout_more(struct pager_text *t)
{
	size_t p = t->scan, e, q, start;
	uint32_t src = t->scan_src, lines = 1;
	bool after_blank = t->n_pl == 0 || t->pl[t->n_pl - 1].kind == PL_BLANK;

	if (p >= t->len) {
		t->done = true;
		return;
	}
	e = line_end(t, p);
	q = e < t->len ? line_end(t, e + 1) : e;
	if (is_blank(t->text + p, e - p)) {
		/* Runs of blank lines show as one. */
		if (!after_blank)
			add_pl(t, p, 0, src, PL_BLANK, 0);
	} else if (is_heading(t->text + p, e - p, after_blank,
	    e < t->len ? t->text + e + 1 : NULL, e < t->len ? q - e - 1 : 0)) {
		start = skip_space(t->text, p, e);
		add_wrapped(t, start, e, src, PL_HEADING, 0);
	} else if (is_table_row(t->text + p, e - p)) {
		add_wrapped(t, p, e, src, PL_TEXT, 0);
	} else if (is_list_item(t->text + p, e - p)) {
		int hang = list_hang(t->text + p, e - p);
		/* Lines that run on from the item belong to it. */
		while (e < t->len) {
			q = line_end(t, e + 1);
			if (!continues(t->text + e + 1, q - e - 1))
				break;
			e = q;
			lines++;
		}
		add_wrapped(t, p, e, src, PL_TEXT, hang);
	} else {
		/* A paragraph: join lines up to a blank line, a list item or a table row. */
		while (e < t->len) {
			q = line_end(t, e + 1);
			if (is_blank(t->text + e + 1, q - e - 1) ||
			    is_list_item(t->text + e + 1, q - e - 1) ||
			    is_table_row(t->text + e + 1, q - e - 1))
				break;
			e = q;
			lines++;
		}
		start = skip_space(t->text, p, e);
		add_wrapped(t, start, e, src, PL_TEXT, 0);
	}
	t->scan = e < t->len ? e + 1 : t->len;
	t->scan_src = src + lines;
	if (t->scan >= t->len)
		t->done = true;
}

/* Lay out until there are at least n lines, or all. */
void
pager_text_ensure(struct pager_text *t, size_t n)
{
	while (t->n_pl < n && !t->done)
		layout_more(t);
}

size_t
pager_text_layout(struct pager_text *t, int width, size_t keep)
{
	size_t top = 0;

	t->width = width;
	t->n_pl = 0;
	t->scan = 0;
	t->scan_src = 0;
	t->done = t->len == 0;
	while (!t->done && (t->n_pl == 0 || t->pl[t->n_pl - 1].off < keep))
		layout_more(t);
	while (top + 1 < t->n_pl && t->pl[top + 1].off <= keep)
		top++;
	return top;
}

/* The display line showing source line src. */
size_t
pager_text_line_of_src(struct pager_text *t, size_t src)
{
	size_t lo = 0, hi;

	while (!t->done && (t->n_pl == 0 || t->pl[t->n_pl - 1].src <= src))
		layout_more(t);
	hi = t->n_pl;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (t->pl[mid].src <= src)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 ? lo - 1 : 0;
}

size_t
pager_text_line_of_off(struct pager_text *t, size_t off)
{
	size_t lo = 0, hi;

	while (!t->done && (t->n_pl == 0 || t->pl[t->n_pl - 1].off <= off))
		layout_more(t);
	hi = t->n_pl;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (t->pl[mid].off <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 ? lo - 1 : 0;
}

void
pager_text_clear(struct pager_text *t)
{
	free(t->text);
	free(t->pl);
	memset(t, 0, sizeof *t);
}

void
pager_text_sync(struct pager_text *t, const struct reading_view *rv, int width)
{
	size_t add = 0, at;

	/* Only trailing separators are ever taken back (reading_view_extend). */
	if (t->n_pl > rv->nlines) {
		t->n_pl = rv->nlines;
		t->len = t->n_pl ? (size_t)t->pl[t->n_pl - 1].off + t->pl[t->n_pl - 1].len : 0;
		t->text[t->len] = '\0';
	}
	for (size_t k = t->n_pl; k < rv->nlines; k++)
		add += strlen(rv->lines[k].text) + 1;
	if (t->len + add + 1 > t->cap_text) {
		t->cap_text = t->cap_text * 2 > t->len + add + 1 ? t->cap_text * 2 : t->len + add + 1;
		t->text = xrealloc(t->text, t->cap_text);
	}
	if (rv->nlines > t->cap_pl) {
		t->cap_pl = t->cap_pl * 2 > rv->nlines ? t->cap_pl * 2 : rv->nlines;
		t->pl = xreallocarray(t->pl, t->cap_pl, sizeof *t->pl);
	}
	/* Lines are joined by '\n', with none after the last: the next one writes it. */
	at = t->n_pl ? t->len + 1 : 0;
	for (size_t k = t->n_pl; k < rv->nlines; k++) {
		const struct reading_line *l = &rv->lines[k];
		size_t n = strlen(l->text);
		unsigned kind = l->flags & READING_LINE_BLANK ? PL_BLANK :
		    l->flags & READING_LINE_HEADING ? PL_HEADING : PL_TEXT;

		if (at > 0)
			t->text[at - 1] = '\n';
		memcpy(t->text + at, l->text, n);
		t->pl[k] = (struct pline){ (uint32_t)at, (uint32_t)n,
			(uint32_t)(l->src < UINT32_MAX ? l->src : UINT32_MAX), (uint16_t)kind, 0 };
		at += n + 1;
	}
	if (rv->nlines > t->n_pl)
		t->len = at - 1;
	t->n_pl = rv->nlines;
	if (t->text)
		t->text[t->len] = '\0';
	t->scan = t->len;
	t->scan_src = 0;
	t->done = rv->more == NULL;
	t->width = width;
}

bool
pager_text_find(const struct pager_text *t, const struct text_matcher *m, size_t from,
    size_t until, bool backward, size_t *start, size_t *len)
{
	const unsigned char *u = (const unsigned char *)t->text;
	size_t at, n;
	unsigned int cp;

	if (m->n == 0)
		return false;
	if (!backward) {
		for (at = from; at < t->len && at < until; at++)
			if (m->lead[u[at]] && text_matcher_at(m, t->text, t->len, at, len)) {
				*start = at;
				return true;
			}
		return false;
	}
	/* Backward: each character start before from, nearest first. */
	for (at = from < t->len ? from : t->len; at > until;) {
		if ((n = text_prev_char(t->text, at, &cp)) > at - until)
			break;
		at -= n;
		if (m->lead[u[at]] && text_matcher_at(m, t->text, t->len, at, len)) {
			*start = at;
			return true;
		}
	}
	return false;
}
