/*
 * Page furniture and footnotes, found on the lines before any block is
 * built (so a page number is never read as a footnote reference and a
 * footnote never as a heading).
 *
 * Furniture comes in groups of lines standing alone between blank lines:
 * lone page numbers ("235") and running heads ("Uppdraget och utredningens
 * arbetsformer SOU 2024:60", "Folktandvården, Verksamhetsplan 6(18)"). A
 * head is a line that repeats across pages (digits aside) or that sits
 * next to a lone page number.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "reading_internal.h"
#include "text.h"
#include "xmalloc.h"

static bool
alone(const struct rdoc *d, size_t i)
{
	return d->lines[i].cls != RL_BLANK &&
	    (i == 0 || d->lines[i - 1].cls == RL_BLANK) &&
	    (i + 1 == d->nlines || d->lines[i + 1].cls == RL_BLANK);
}

/*
 * The number the digits at s make, reading no further than len: the
 * source is (text, len), not a C string -- atoi ran past the end of a
 * document that ended in a page number without a newline (fuzz_reading).
 */
static int
digits_value(const char *s, size_t len)
{
	int n = 0;

	for (size_t i = 0; i < len && s[i] >= '0' && s[i] <= '9' && n < 100000000; i++)
		n = n * 10 + (s[i] - '0');
	return n;
}

/* A lone page number: one to four digits, below any year. */
static int
page_number(const char *s, size_t len)
{
	if (len > 4 || !rl_is_digit_str(s, len))
		return -1;
	int n = digits_value(s, len);
	return n > 0 && n < 1900 ? n : -1;
}

/* The line with every run of digits as '#': "… 6(18)" and "… 7(18)" compare equal. Caller frees. */
static char *
shape(const char *s, size_t len)
{
	char *o = xmalloc(len + 1), *p = o;

	for (size_t i = 0; i < len; i++) {
		if (s[i] >= '0' && s[i] <= '9') {
			if (p == o || p[-1] != '#')
				*p++ = '#';
		} else
			*p++ = s[i];
	}
	*p = '\0';
	return o;
}

/* A running head has words: a row of amounts alone ("80 000 99 000 90 000") repeats too. */
static bool
has_words(const char *s, size_t len)
{
	size_t letters = 0;
	for (size_t i = 0; i < len; i++)
		letters += (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z');
	return letters >= 4;
}

/* The page number a running head carries: "Verksamhetsplan 6(18)" -> 6. */
static int
head_page(const char *s, size_t len)
{
	if (len < 4 || s[len - 1] != ')')
		return -1;
	size_t i = len - 1;
	while (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9')
		i--;
	if (i == 0 || s[i - 1] != '(')
		return -1;
	size_t e = i - 1;
	while (e > 0 && s[e - 1] >= '0' && s[e - 1] <= '9')
		e--;
	return e < i - 1 ? digits_value(s + e, i - 1 - e) : -1;
}

struct shape_at {
	const char *shape;
	size_t line;
};

static int
cmp_shape(const void *a, const void *b)
{
	const struct shape_at *x = a, *y = b;
	int c = strcmp(x->shape, y->shape);

	return c ? c : (x->line > y->line) - (x->line < y->line);
}

/*
 * head[i] for every shape with a digit ('#') that comes twice or more:
 * sorted, so equal shapes sit together (comparing each with every later
 * line was 10% of parsing the SOU).
 */
static void
mark_repeats(char **shapes, bool *head, size_t n)
{
	struct shape_at *v = xcalloc(n ? n : 1, sizeof *v);
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		if (shapes[i] && strchr(shapes[i], '#'))
			v[k++] = (struct shape_at){ shapes[i], i };
	qsort(v, k, sizeof *v, cmp_shape);
	for (size_t a = 0, b; a < k; a = b) {
		for (b = a + 1; b < k && strcmp(v[a].shape, v[b].shape) == 0; b++)
			;
		for (size_t m = a; b - a >= 2 && m < b; m++)
			head[v[m].line] = true;
	}
	free(v);
}

void
rl_mark_furniture(struct rdoc *d)
{
	size_t n = d->nlines;
	char **shapes = xcalloc(n ? n : 1, sizeof *shapes);
	bool *head = xcalloc(n ? n : 1, sizeof *head);

	/* Short lines standing alone that repeat (digits aside) are running heads. */
	for (size_t i = 0; i < n; i++)
		if (alone(d, i) && d->lines[i].len <= 90 && has_words(rl_text(d, i), d->lines[i].len))
			shapes[i] = shape(rl_text(d, i), d->lines[i].len);
	mark_repeats(shapes, head, n);
	/* Groups: lone numbers and heads, each alone, a blank line apart. */
	for (size_t i = 0; i < n; i++) {
		if (d->lines[i].cls != RL_TEXT || !alone(d, i))
			continue;
		size_t j = i, members[4];
		size_t k = 0;
		int nums = 0;
		bool has_head = false;
		while (j < n && k < 4 && alone(d, j)) {
			const char *t = rl_text(d, j);
			size_t len = d->lines[j].len;
			if (page_number(t, len) >= 0)
				nums++;
			else if (head[j] || (len <= 90 && k > 0 && page_number(rl_text(d, members[k - 1]), d->lines[members[k - 1]].len) >= 0 &&
			    j + 2 < n && page_number(rl_text(d, j + 2), d->lines[j + 2].len) >= 0 && alone(d, j + 2)))
				has_head = true;	/* repeats, or sits between two page numbers */
			else
				break;
			members[k++] = j;
			j += 2;
		}
		/* One lone number, or a head with or without numbers; never a head alone unless it repeats. */
		if (k == 0 || (nums == 0 && !has_head) || (nums > 2))
			continue;
		int first = -1, last = -1;
		for (size_t m = 0; m < k; m++) {
			const char *t = rl_text(d, members[m]);
			size_t len = d->lines[members[m]].len;
			int p = page_number(t, len);
			if (p < 0)
				p = head_page(t, len);
			if (p < 0)
				continue;
			if (first < 0)
				first = p;
			last = p;
			d->lines[members[m]].cls = RL_FURNITURE;
		}
		for (size_t m = 0; m < k; m++)
			d->lines[members[m]].cls = RL_FURNITURE;
		d->lines[i].group_start = true;
		d->lines[i].page = last;
		d->lines[i].sheet = first != last ? first : -1;
		i = members[k - 1];
	}
	for (size_t i = 0; i < n; i++)
		free(shapes[i]);
	free(shapes);
	free(head);
}

/* The character ending just before s[at] (at > 0). */
static unsigned int
prev_cp(const char *s, size_t at)
{
	size_t b = at - 1;
	unsigned int cp;

	while (b > 0 && ((unsigned char)s[b] & 0xC0) == 0x80)
		b--;
	text_next_char(s + b, at - b, &cp);
	return cp;
}

static bool
ref_before_ok(unsigned int cp)
{
	return rl_is_upper(cp) || rl_is_lower(cp) || cp == '.' || cp == ',' || cp == ';' ||
	    cp == ':' || cp == ')' || cp == 0x201D || cp == '"' || cp == 0x2019 || cp == 0xA7 || cp == '?' || cp == '!';
}

static bool
claimed(const struct rdoc *d, size_t off)
{
	for (size_t i = 0; i < d->nrefs; i++)
		if (d->refs[i].off == off)
			return true;
	return false;
}

/* The nearest unclaimed glued reference to number num in lines [from, to), from the end. */
static bool
find_ref(struct rdoc *d, size_t from, size_t to, const char *num, size_t numlen, struct rref *out)
{
	for (size_t i = to; i-- > from;) {
		const struct rline *l = &d->lines[i];
		if (l->cls != RL_TEXT)
			continue;
		const char *s = rl_text(d, i);
		for (size_t p = l->len; p-- > 1;) {
			if (s[p] < '0' || s[p] > '9' || (p + 1 < l->len && s[p + 1] >= '0' && s[p + 1] <= '9'))
				continue;
			/* s[p] ends a run of digits; find its start. */
			size_t st = p;
			while (st > 0 && s[st - 1] >= '0' && s[st - 1] <= '9')
				st--;
			if (st == 0 || p + 1 - st != numlen || memcmp(s + st, num, numlen) != 0)
				continue;
			if (p + 1 < l->len) {
				unsigned int after = rl_first_cp(s + p + 1, l->len - p - 1);
				if (rl_is_upper(after) || rl_is_lower(after))
					continue;
			}
			if (!ref_before_ok(prev_cp(s, st)) || claimed(d, l->off + st))
				continue;
			/* "2.4", "1,5", "2023:77": a number, not a reference. */
			if (st >= 2 && strchr(".,:", s[st - 1]) && s[st - 2] >= '0' && s[st - 2] <= '9')
				continue;
			out->off = l->off + st;
			out->len = numlen;
			return true;
		}
	}
	return false;
}

static int
cmp_ref(const void *a, const void *b)
{
	const struct rref *x = a, *y = b;
	return x->off < y->off ? -1 : x->off > y->off;
}

/* "19 Socialstyrelsen, …": a number, a space, then no digit. */
static size_t
note_number(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len && i < 3 && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i == 0 || i >= len || s[i] != ' ' || s[0] == '0' || i + 1 >= len)
		return 0;
	if (s[i + 1] >= '0' && s[i + 1] <= '9')
		return 0;
	return i;
}

/*
 * Footnotes: a line "N text" after a blank line (or another note) whose
 * number N is glued to the text above it ("demenssjukdom19", "7 §1") is
 * the note; the reference is claimed so each one serves one note. The
 * note's later lines run to a blank line, the next note or a heading.
 */
void
rl_find_notes(struct rdoc *d)
{
	size_t cap = 16;

	/* Notes are numbered in order (again from 1 in a new chapter or law), each reference after the one before. */
	int last_num = 0;
	size_t prev_ref_line = 0, prev_note_line = 0;

	d->refs = xcalloc(cap, sizeof *d->refs);
	for (size_t i = 1; i < d->nlines; i++) {
		struct rline *l = &d->lines[i];
		enum rline_class prev = d->lines[i - 1].cls;
		size_t nl;
		if (l->cls != RL_TEXT || (nl = note_number(rl_text(d, i), l->len)) == 0)
			continue;
		if (prev != RL_BLANK && prev != RL_NOTE && prev != RL_NOTE_MORE && prev != RL_FURNITURE)
			continue;
		struct rref r;
		int num = digits_value(rl_text(d, i), l->len);
		size_t from = i > 400 ? i - 400 : 0;
		if (num != 1 && last_num && (num <= last_num || num > last_num + 8))
			continue;
		if (num != 1 && prev_ref_line > from)
			from = prev_ref_line;
		if (num == 1 && prev_note_line > from)
			from = prev_note_line;
		if (!find_ref(d, from, i, rl_text(d, i), nl, &r))
			continue;
		if (num != 1 && d->nrefs && r.off <= d->refs[d->nrefs - 1].off)
			continue;
		last_num = num;
		prev_note_line = i;
		for (prev_ref_line = i; prev_ref_line > 0 && d->lines[prev_ref_line].off > r.off; prev_ref_line--)
			;
		if (d->nrefs == cap) {
			cap *= 2;
			d->refs = xreallocarray(d->refs, cap, sizeof *d->refs);
		}
		d->refs[d->nrefs++] = r;
		l->cls = RL_NOTE;
		l->ref_off = r.off;
		for (size_t j = i + 1; j < d->nlines; j++) {
			struct rline *m = &d->lines[j];
			size_t lab;
			if (m->cls != RL_TEXT || note_number(rl_text(d, j), m->len) ||
			    rl_heading(rl_text(d, j), m->len, &lab) > 1 || rl_known_heading(rl_text(d, j), m->len) ||
			    rl_bullet(rl_text(d, j), m->len, false))
				break;
			/* A finished note, then a capital: the body text goes on right under the notes. */
			if (rl_last_char(rl_text(d, j - 1), d->lines[j - 1].len) == '.' && rl_is_upper(rl_first_cp(rl_text(d, j), m->len)))
				break;
			m->cls = RL_NOTE_MORE;
		}
	}
	qsort(d->refs, d->nrefs, sizeof *d->refs, cmp_ref);
}

/*
 * A slide deck as extraction leaves it: nearly every line alone between
 * blank lines (a slide's wrapped lines), slides glued to each other.
 */
bool
rl_is_deck(const struct rdoc *d)
{
	size_t text = 0, alone_after = 0, lead = 0, run = 0;

	for (size_t i = 0; i < d->nlines; i++) {
		if (d->lines[i].cls == RL_BLANK) {
			run = 0;
			continue;
		}
		/* Four lines in a row make a paragraph: no slide has one. */
		if (++run >= 4)
			return false;
		text++;
		if (i + 1 < d->nlines && d->lines[i + 1].cls == RL_BLANK)
			alone_after++;
		if (d->lines[i].lead_space)
			lead++;
	}
	return text >= 10 && alone_after * 10 >= text * 6;
}
