/*
 * Dokument: a pager for one document. The text is laid out lazily, block
 * by block, as far as the screen needs: paragraphs are joined and wrapped
 * to the window, list items, table rows and headings stay lines of their
 * own. Only the one document's text and an array of line offsets are in
 * memory. / and ? find with highlight, n N repeat; the position is
 * remembered per document through store_reading_set/get.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "draw.h"
#include "i18n.h"
#include "text.h"
#include "view.h"

enum pline_kind { PL_TEXT, PL_HEADING, PL_BLANK };

/* One line on screen: a byte range of the text. 16 bytes, so a 9,300-line SOU costs ~200 KB. */
struct pline {
	uint32_t off, len;
	uint32_t src;		/* source line where this line starts (0-based) */
	uint16_t kind;
	uint16_t indent;	/* columns: list items hang under their text */
};

struct pager_view {
	struct view v;
	struct store_doc doc;
	char *text;
	size_t len;
	size_t src_lines;	/* lines in the source text */
	struct pline *pl;
	size_t n_pl, cap_pl;
	size_t scan;		/* byte offset of the first source line not laid out */
	uint32_t scan_src;
	bool done;		/* all laid out */
	int width;		/* layout width, 0 before the first draw */
	size_t top;
	int height;
	size_t want_src;	/* before the first draw: the source line to show at the top */
	/* Search: the pattern as lower-case code points. */
	unsigned int *pat;
	size_t pat_n;
	char *pat_text;
	bool back;
	bool has_match;
	size_t match_line, match_off, match_len;
};

/* ---- source lines and their kinds ---- */

static size_t
line_end(const struct pager_view *pv, size_t p)
{
	const char *nl = memchr(pv->text + p, '\n', pv->len - p);
	return nl ? (size_t)(nl - pv->text) : pv->len;
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
		if (iswlower((wint_t)cp))
			upper = false;
		if (iswalpha((wint_t)cp))
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
		if (iswlower((wint_t)cp))
			return false;
	}
	text_next_char(s + i, end - i, &cp);
	if (iswupper((wint_t)cp))
		return true;
	/* "3.2 Förslag" */
	return cp >= '1' && cp <= '9' && memchr(s + i, ' ', end - i) && !is_list_item(s, n);
}

/* ---- layout ---- */

static void
add_pl(struct pager_view *pv, size_t off, size_t len, uint32_t src, enum pline_kind kind,
    int indent)
{
	if (pv->n_pl == pv->cap_pl) {
		pv->cap_pl = pv->cap_pl ? pv->cap_pl * 2 : 256;
		pv->pl = xreallocarray(pv->pl, pv->cap_pl, sizeof *pv->pl);
	}
	pv->pl[pv->n_pl++] = (struct pline){ (uint32_t)off, (uint32_t)len, src, (uint16_t)kind,
		(uint16_t)indent };
}

/*
 * Wrap [p, e) to the width; each line's source line counted from src.
 * Lines after the first hang by hang columns (list items).
 */
static void
add_wrapped(struct pager_view *pv, size_t p, size_t e, uint32_t src, enum pline_kind kind,
    int hang)
{
	struct text_line *ls = NULL;
	size_t n = text_wrap(pv->text + p, e - p, pv->width, &ls), at = p;

	if (hang > 0 && n > 1 && pv->width - hang >= 10) {
		size_t first_end = ls[0].off + ls[0].len;
		size_t rest = p + ls[1].off;

		add_pl(pv, p + ls[0].off, ls[0].len, src, kind, 0);
		for (; at < p + first_end; at++)
			if (pv->text[at] == '\n')
				src++;
		free(ls);
		ls = NULL;
		n = text_wrap(pv->text + rest, e - rest, pv->width - hang, &ls);
		p = rest;
	} else {
		hang = 0;
		add_pl(pv, p + ls[0].off, ls[0].len, src, kind, 0);
		at = p + ls[0].off;
		for (size_t i = 1; i < n; i++)
			ls[i - 1] = ls[i];
		n = n > 0 ? n - 1 : 0;
	}
	for (size_t i = 0; i < n; i++) {
		size_t off = p + ls[i].off;
		for (; at < off; at++)
			if (pv->text[at] == '\n')
				src++;
		add_pl(pv, off, ls[i].len, src, kind, hang);
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
	return iswlower((wint_t)cp) || (cp >= '0' && cp <= '9');
}

/* Lay out the next block (a paragraph, a kept line or a blank). */
static void
layout_more(struct pager_view *pv)
{
	size_t p = pv->scan, e, q, start;
	uint32_t src = pv->scan_src, lines = 1;
	bool after_blank = pv->n_pl == 0 || pv->pl[pv->n_pl - 1].kind == PL_BLANK;

	if (p >= pv->len) {
		pv->done = true;
		return;
	}
	e = line_end(pv, p);
	q = e < pv->len ? line_end(pv, e + 1) : e;
	if (is_blank(pv->text + p, e - p)) {
		/* Runs of blank lines show as one. */
		if (!after_blank)
			add_pl(pv, p, 0, src, PL_BLANK, 0);
	} else if (is_heading(pv->text + p, e - p, after_blank,
	    e < pv->len ? pv->text + e + 1 : NULL, e < pv->len ? q - e - 1 : 0)) {
		start = skip_space(pv->text, p, e);
		add_wrapped(pv, start, e, src, PL_HEADING, 0);
	} else if (is_table_row(pv->text + p, e - p)) {
		add_wrapped(pv, p, e, src, PL_TEXT, 0);
	} else if (is_list_item(pv->text + p, e - p)) {
		int hang = list_hang(pv->text + p, e - p);
		/* Lines that run on from the item belong to it. */
		while (e < pv->len) {
			q = line_end(pv, e + 1);
			if (!continues(pv->text + e + 1, q - e - 1))
				break;
			e = q;
			lines++;
		}
		add_wrapped(pv, p, e, src, PL_TEXT, hang);
	} else {
		/* A paragraph: join lines up to a blank line, a list item or a table row. */
		while (e < pv->len) {
			q = line_end(pv, e + 1);
			if (is_blank(pv->text + e + 1, q - e - 1) ||
			    is_list_item(pv->text + e + 1, q - e - 1) ||
			    is_table_row(pv->text + e + 1, q - e - 1))
				break;
			e = q;
			lines++;
		}
		start = skip_space(pv->text, p, e);
		add_wrapped(pv, start, e, src, PL_TEXT, 0);
	}
	pv->scan = e < pv->len ? e + 1 : pv->len;
	pv->scan_src = src + lines;
	if (pv->scan >= pv->len)
		pv->done = true;
}

/* Lay out until there are at least n lines, or all. */
static void
ensure(struct pager_view *pv, size_t n)
{
	while (pv->n_pl < n && !pv->done)
		layout_more(pv);
}

static void
relayout(struct pager_view *pv, int width)
{
	size_t keep = pv->top < pv->n_pl ? pv->pl[pv->top].off : 0;

	pv->width = width;
	pv->n_pl = 0;
	pv->scan = 0;
	pv->scan_src = 0;
	pv->done = pv->len == 0;
	pv->top = 0;
	pv->has_match = false;
	while (!pv->done && (pv->n_pl == 0 || pv->pl[pv->n_pl - 1].off < keep))
		layout_more(pv);
	while (pv->top + 1 < pv->n_pl && pv->pl[pv->top + 1].off <= keep)
		pv->top++;
}

/* The display line showing source line src. */
static size_t
line_of_src(struct pager_view *pv, size_t src)
{
	size_t lo = 0, hi;

	while (!pv->done && (pv->n_pl == 0 || pv->pl[pv->n_pl - 1].src <= src))
		layout_more(pv);
	hi = pv->n_pl;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (pv->pl[mid].src <= src)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 ? lo - 1 : 0;
}

static size_t
max_top(struct pager_view *pv)
{
	size_t h = pv->height > 0 ? (size_t)pv->height : 1;

	ensure(pv, pv->top + 2 * h + 1);
	if (!pv->done)
		return SIZE_MAX;
	return pv->n_pl > h ? pv->n_pl - h : 0;
}

/* ---- search ---- */

/* Whether the pattern matches at s (newlines as spaces, case-insensitive); *mlen the bytes. */
static bool
match_at(const struct pager_view *pv, const char *s, size_t n, size_t *mlen)
{
	size_t i = 0;

	for (size_t k = 0; k < pv->pat_n; k++) {
		unsigned int cp;
		if (i >= n)
			return false;
		i += text_next_char(s + i, n - i, &cp);
		if (cp == '\n' || cp == 0xA0)
			cp = ' ';
		if ((unsigned int)towlower((wint_t)cp) != pv->pat[k])
			return false;
	}
	*mlen = i;
	return true;
}

/* The first match in display line l at or after byte from (relative), or false. */
static bool
find_in_line(const struct pager_view *pv, size_t l, size_t from, size_t last_before,
    size_t *off, size_t *mlen)
{
	const char *s = pv->text + pv->pl[l].off;
	size_t n = pv->pl[l].len;
	bool found = false;

	for (size_t i = from; i < n && i < last_before;) {
		unsigned int cp;
		size_t m;
		if (match_at(pv, s + i, n - i, &m)) {
			*off = i;
			*mlen = m;
			found = true;
			if (last_before == SIZE_MAX)
				return true;
		}
		i += text_next_char(s + i, n - i, &cp);
	}
	return found;
}

/* Show line l: scroll only when it is off screen, then with two lines of context. */
static void
show_line(struct pager_view *pv, size_t l)
{
	size_t h = pv->height > 0 ? (size_t)pv->height : 1;

	if (l >= pv->top && l < pv->top + h)
		return;
	pv->top = l > 2 ? l - 2 : 0;
}

static bool
find(struct pager_view *pv, bool backward, bool inclusive)
{
	size_t l, from, off, mlen;

	if (pv->pat_n == 0)
		return false;
	if (!backward) {
		l = pv->has_match ? pv->match_line : pv->top;
		from = pv->has_match ? pv->match_off + (inclusive ? 0 : 1) : 0;
		for (;; l++, from = 0) {
			ensure(pv, l + 1);
			if (l >= pv->n_pl)
				return false;
			if (find_in_line(pv, l, from, SIZE_MAX, &off, &mlen))
				break;
		}
	} else {
		l = pv->has_match ? pv->match_line : pv->top;
		{
			size_t before = pv->has_match ? pv->match_off : 0;
			ensure(pv, l + 1);
			if (l < pv->n_pl && before > 0 &&
			    find_in_line(pv, l, 0, before, &off, &mlen))
				goto found;
		}
		for (;;) {
			if (l == 0)
				return false;
			l--;
			if (find_in_line(pv, l, 0, SIZE_MAX - 1, &off, &mlen))
				break;
		}
	}
found:
	pv->has_match = true;
	pv->match_line = l;
	pv->match_off = off;
	pv->match_len = mlen;
	show_line(pv, l);
	return true;
}

static void
set_pattern(struct pager_view *pv, const char *pattern)
{
	size_t n = strlen(pattern), i = 0;

	free(pv->pat);
	free(pv->pat_text);
	pv->pat = xcalloc(n + 1, sizeof *pv->pat);
	pv->pat_n = 0;
	pv->pat_text = xstrdup(pattern);
	while (i < n) {
		unsigned int cp;
		i += text_next_char(pattern + i, n - i, &cp);
		pv->pat[pv->pat_n++] = (unsigned int)towlower((wint_t)(cp == 0xA0 ? ' ' : cp));
	}
	pv->has_match = false;
}

/* ---- drawing ---- */

static void
draw_line(struct pager_view *pv, WINDOW *w, int y, int cols, size_t l)
{
	const struct pline *p = &pv->pl[l];
	const char *s = pv->text + p->off;
	attr_t a = p->kind == PL_HEADING ? draw_attr(STYLE_HEADING) : A_NORMAL;
	struct draw d = draw_at(w, y, 1 + p->indent, cols);
	size_t at = 0, off, mlen;

	while (pv->pat_n && at < p->len && find_in_line(pv, l, at, SIZE_MAX, &off, &mlen)) {
		bool current = pv->has_match && pv->match_line == l && pv->match_off == off;
		draw_text(&d, s + at, off - at, a);
		draw_text(&d, s + off, mlen, draw_attr(STYLE_MATCH) |
		    (current ? A_REVERSE | A_BOLD : 0));
		at = off + (mlen ? mlen : 1);
	}
	if (at < p->len)
		draw_text(&d, s + at, p->len - at, a);
}

static void
pager_draw(struct view *v, WINDOW *w, int rows, int cols)
{
	struct pager_view *pv = (struct pager_view *)v;
	/* A margin of one column on each side. */
	int width = cols > 4 ? cols - 2 : cols;

	pv->height = rows;
	if (pv->width != width) {
		relayout(pv, width);
		if (pv->want_src != SIZE_MAX) {
			pv->top = line_of_src(pv, pv->want_src);
			pv->want_src = SIZE_MAX;
			if (pv->pat_n && find(pv, false, true))
				show_line(pv, pv->match_line);
		}
	}
	ensure(pv, pv->top + (size_t)rows);
	if (pv->len == 0) {
		struct draw d = draw_at(w, 0, 1, cols);
		draw_str(&d, _("This document has no text."), A_NORMAL);
	}
	for (int y = 0; y < rows && pv->top + (size_t)y < pv->n_pl; y++)
		draw_line(pv, w, y, cols, pv->top + (size_t)y);
	v->cursor_y = 0;
}


/* ---- actions ---- */

static unsigned
scroll_to(struct pager_view *pv, size_t top)
{
	size_t mt = max_top(pv);

	if (top > mt)
		top = mt;
	if (top == pv->top)
		return UI_HANDLED | UI_BEEP;
	pv->top = top;
	return UI_HANDLED | UI_REDRAW;
}

static unsigned
prompt_find(struct pager_view *pv, bool backward)
{
	char *q = ui_prompt(pv->v.ui, backward ? "?" : "/", NULL);

	if (q == NULL)
		return UI_HANDLED | UI_REDRAW;
	set_pattern(pv, q);
	free(q);
	pv->back = backward;
	if (!find(pv, backward, true))
		ui_message(pv->v.ui, _("Not found: %s"), pv->pat_text);
	return UI_HANDLED | UI_REDRAW;
}

static unsigned
pager_action(struct view *v, enum action a)
{
	struct pager_view *pv = (struct pager_view *)v;
	size_t h = pv->height > 1 ? (size_t)pv->height : 1;

	switch (a) {
	case ACTION_MOVE_DOWN:
		return scroll_to(pv, pv->top + 1);
	case ACTION_MOVE_UP:
		return scroll_to(pv, pv->top ? pv->top - 1 : 0);
	case ACTION_PAGE_DOWN:
		return scroll_to(pv, pv->top + h);
	case ACTION_PAGE_UP:
		return scroll_to(pv, pv->top > h ? pv->top - h : 0);
	case ACTION_FIRST:
		return scroll_to(pv, 0);
	case ACTION_LAST:
		ensure(pv, SIZE_MAX);
		return scroll_to(pv, SIZE_MAX);
	case ACTION_FIND:
		return prompt_find(pv, false);
	case ACTION_FIND_BACK:
		return prompt_find(pv, true);
	case ACTION_FIND_NEXT:
	case ACTION_FIND_PREV:
		if (pv->pat_n == 0) {
			ui_message(v->ui, "%s", _("No search yet: press / to find text"));
			return UI_HANDLED | UI_REDRAW;
		}
		if (!find(pv, pv->back != (a == ACTION_FIND_PREV), false))
			ui_message(v->ui, _("No more matches for %s"), pv->pat_text);
		return UI_HANDLED | UI_REDRAW;
	case ACTION_OPEN:
		return UI_BEEP;
	default:
		return 0;
	}
}

static void
pager_status(struct view *v, struct buf *left, struct buf *right)
{
	struct pager_view *pv = (struct pager_view *)v;
	size_t end = pv->len, last;
	unsigned pct = 100;

	if (pv->top < pv->n_pl)
		buf_printf(left, _("Line %zu of %zu"), (size_t)pv->pl[pv->top].src + 1, pv->src_lines);
	if (pv->pat_text)
		buf_printf(left, "  %s%s", pv->back ? "?" : "/", pv->pat_text);
	last = pv->top + (size_t)(pv->height > 0 ? pv->height : 1);
	if (last < pv->n_pl || !pv->done)
		end = last < pv->n_pl ? pv->pl[last].off : pv->scan;
	if (pv->len > 0 && end < pv->len)
		pct = (unsigned)((uint64_t)end * 100 / pv->len);
	buf_printf(right, "%u%%", pct);
}

static void
pager_free(struct view *v)
{
	struct pager_view *pv = (struct pager_view *)v;

	if (pv->doc.id && pv->v.ui) {
		size_t src = pv->top < pv->n_pl ? pv->pl[pv->top].src : 0;
		if (pv->want_src != SIZE_MAX)
			src = pv->want_src;
		/* Best effort: a read-only database just forgets the position. */
		store_reading_set(ui_store(v->ui), pv->doc.id, src);
	}
	store_doc_free(&pv->doc);
	free(pv->text);
	free(pv->pl);
	free(pv->pat);
	free(pv->pat_text);
	view_free_common(v);
	free(pv);
}

static const struct view_ops pager_ops = {
	.name = "pager",
	.keymap = KEYMAP_PAGER,
	.draw = pager_draw,
	.action = pager_action,
	.status = pager_status,
	.free = pager_free,
};

struct view *
pager_view_new(struct ui *ui, const char *doc_id, size_t line, const char *pattern)
{
	struct pager_view *pv = xcalloc(1, sizeof *pv);
	struct store *s = ui_store(ui);
	enum status st;
	size_t pos;

	pv->v.ops = &pager_ops;
	pv->v.ui = ui;
	pv->want_src = SIZE_MAX;
	st = store_doc_get(s, doc_id, &pv->doc);
	if (st == STATUS_OK)
		st = store_doc_text(s, doc_id, &pv->text, &pv->len);
	if (st != STATUS_OK) {
		ui_store_error(ui, st);
		pv->v.ui = NULL;
		pager_free(&pv->v);
		return NULL;
	}
	if (pv->len > UINT32_MAX)
		pv->len = UINT32_MAX;
	for (size_t i = 0; i < pv->len; i++)
		if (pv->text[i] == '\n')
			pv->src_lines++;
	if (pv->len && pv->text[pv->len - 1] != '\n')
		pv->src_lines++;
	if (line == (size_t)-1 && store_reading_get(s, doc_id, &pos) == STATUS_OK)
		line = pos;
	if (line != (size_t)-1)
		pv->want_src = line;
	else if (pattern)
		pv->want_src = 0;
	if (pattern && *pattern)
		set_pattern(pv, pattern);
	view_set_title(&pv->v, _("Document: %s"), pv->doc.title ? pv->doc.title : pv->doc.kind);
	return &pv->v;
}
