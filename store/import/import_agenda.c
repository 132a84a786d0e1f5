/*
 * The DAGORDNING: a numbered list of items, each a number line ("6
 * Verksamhetsområde Bra Liv", "1–5 Upprop etc.") with its title going on
 * over the next lines (blank lines in between are extraction noise),
 * then in any order a time slot ("13.05–14.05", "16.25"), presenters
 * ("Name, title") and a case number ("2024/3942"). A line on its own
 * before an item is a section heading ("Information"). The page header
 * (DAGORDNING n(m), the body's name, Tid:, Plats:) may repeat on each
 * page; "Paus 14.35–14.50" is no item but a break (packet.breaks).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "import_internal.h"

/* An item number has at most this many digits ("2024/21" is a case number). */
#define ITEM_DIGITS_MAX 3
/* The first item may be numbered up to this (after an opening the agenda skips). */
#define FIRST_ITEM_MAX 3
/* A range "1–5" spans at most this many numbers. */
#define ITEM_RANGE_MAX 30
/* A presenter's name has this many capitalised words. */
#define NAME_WORDS_MIN 2
#define NAME_WORDS_MAX 5
/* A time slot, "13.00–13.05", is at most three words at the end of a title line. */
#define TAIL_WORDS_MAX 3

/*
 * "6 Title", "1–5 Title", "1 - 5 Title", "6. Title" or a bare "6" (the
 * title on the next line) whose first number is expect (or small, for the
 * first item when expect is 0). *title_off is l->len for a bare number.
 */
static bool
item_line(const struct imp_line *l, int expect, int *first, int *last, size_t *title_off)
{
	const char *s = l->s;
	size_t len = l->len, k = 0, d, j;
	int a = 0, b;

	while (k < len && k < ITEM_DIGITS_MAX && s[k] >= '0' && s[k] <= '9')
		a = a * 10 + (s[k++] - '0');
	if (k == 0 || (k < len && s[k] >= '0' && s[k] <= '9'))
		return false;
	if (expect > 0 && a != expect)
		return false;
	if (expect == 0 && (a < 1 || a > FIRST_ITEM_MAX))
		return false;	/* an agenda starts at 1 (or 2, 3 after a skipped opening) */
	b = a;
	j = k;
	while (j < len && s[j] == ' ')
		j++;
	if ((d = imp_dash_at(s + j, len - j)) > 0) {
		j += d;
		while (j < len && s[j] == ' ')
			j++;
		if (j < len && s[j] >= '0' && s[j] <= '9') {
			b = 0;
			while (j < len && s[j] >= '0' && s[j] <= '9')
				b = b * 10 + (s[j++] - '0');
			if (b <= a || b > a + ITEM_RANGE_MAX)
				return false;
			k = j;
		}
	}
	if (k < len && s[k] == '.' && (k + 1 == len || s[k + 1] == ' '))	/* "6. Title" */
		k++;
	if (k < len && s[k] != ' ')
		return false;
	while (k < len && s[k] == ' ')
		k++;
	/* "2024/21" or "14.05–14.35" are no items. */
	if (k < len && (s[k] == '/' || s[k] == '.' || s[k] == ':'))
		return false;
	*first = a;
	*last = b;
	*title_off = k;
	return true;
}

/* A case number alone on its line, maybe after "Dnr" or "Diarienummer:". */
static bool
case_line(const struct imp_line *l, char **norm, char **printed)
{
	static const char *const prefixes[] = { "Diarienummer:", "Diarienummer", "Dnr:", "Dnr." , "Dnr" };
	const char *s = l->s;
	size_t len = l->len;

	for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
		size_t n = strlen(prefixes[i]);
		if (len > n && strncmp(s, prefixes[i], n) == 0 && s[n] == ' ') {
			s += n + 1;
			len -= n + 1;
			break;
		}
	}
	return imp_case_number(s, len, true, norm, printed);
}

/* A time slot: "13.00–13.05", "13.00 - 13.05", "16.25", "kl. 13.00", all of s. */
static bool
time_line_n(const char *s, size_t len, char start[6], char end[6])
{
	size_t k, d;

	if (len >= sizeof "kl." - 1 && strncmp(s, "kl.", sizeof "kl." - 1) == 0) {
		s += sizeof "kl." - 1;
		len -= sizeof "kl." - 1;
		while (len > 0 && *s == ' ') {
			s++;
			len--;
		}
	}
	if ((k = imp_time_at(s, len, start)) == 0)
		return false;
	end[0] = '\0';
	while (k < len && s[k] == ' ')
		k++;
	if (k == len)
		return true;
	if ((d = imp_dash_at(s + k, len - k)) == 0)
		return false;
	k += d;
	while (k < len && s[k] == ' ')
		k++;
	d = imp_time_at(s + k, len - k, end);
	return d > 0 && k + d == len;
}

static bool
time_line(const struct imp_line *l, char start[6], char end[6])
{
	return time_line_n(l->s, l->len, start, end);
}

/*
 * A table row flattened onto one line ("6 Bra Liv 13.05–14.05 2024/21",
 * as pdftotext -layout gives): take a case number and a time slot off
 * the end of a title line. Returns the title's remaining length.
 */
static size_t
tail_attrs(const char *s, size_t len, struct agenda_item *it, bool *attrs)
{
	for (int round = 0; round < 2; round++) {
		size_t starts[TAIL_WORDS_MAX], n = 0, cut = len;
		bool found = false;

		/* Where the last one, two and three words start (a spaced dash makes three). */
		for (size_t k = len; k > 1 && n < TAIL_WORDS_MAX; k--)
			if (s[k - 1] == ' ')
				starts[n++] = k;
		/* The longest tail first: "13.05 – 14.05" before "14.05". */
		while (n-- > 0 && !found) {
			size_t k = starts[n];
			char ts[6], te[6], *norm, *printed;

			if (it->time_start == NULL && time_line_n(s + k, len - k, ts, te)) {
				it->time_start = xstrdup(ts);
				it->time_end = te[0] ? xstrdup(te) : NULL;
				found = true;
			} else if (it->case_number == NULL &&
			    imp_case_number(s + k, len - k, true, &norm, &printed)) {
				it->case_number = norm;
				it->case_number_printed = printed;
				found = true;
			}
			cut = k - 1;
		}
		if (!found)
			break;
		*attrs = false;	/* the title may still go on in the next line */
		len = cut;
		while (len > 0 && s[len - 1] == ' ')
			len--;
	}
	return len;
}

/* Whether s[0, n) is a name: two to five capitalised words (or "de", "af"), no digits. */
static bool
name_words(const char *s, size_t n)
{
	size_t words = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= '0' && c <= '9')
			return false;
		if (i == 0 || s[i - 1] == ' ') {
			bool cap = (c >= 'A' && c <= 'Z') ||
			    (c == 0xc3 && i + 1 < n && (unsigned char)s[i + 1] < 0xa0);
			if (!cap && strncmp(s + i, "de ", 3) != 0 && strncmp(s + i, "af ", 3) != 0)
				return false;
			words++;
		}
	}
	return words >= NAME_WORDS_MIN && words <= NAME_WORDS_MAX;
}

/* "Name, title": a name of two to five capitalised words, then a title. */
static bool
presenter_line(const struct imp_line *l, struct presenter *pr)
{
	const char *comma = strchr(l->s, ',');
	size_t n;
	const char *t;

	if (comma == NULL || comma == l->s)
		return false;
	n = (size_t)(comma - l->s);
	if (!name_words(l->s, n))
		return false;
	t = comma + 1;
	while (*t == ' ')
		t++;
	if (*t == '\0')
		return false;
	pr->name = xstrndup(l->s, n);
	pr->title = xstrdup(t);
	pr->raw = xstrdup(l->s);
	return true;
}

bool
imp_agenda_heading(const struct imp_line *l)
{
	return imp_starts(l, "DAGORDNING") || imp_eq_word(l, "Dagordning") ||
	    imp_starts(l, "FÖREDRAGNINGSLISTA") || imp_eq_word(l, "Föredragningslista");
}

size_t
imp_agenda_find(const struct imp_text *t, size_t from, size_t to)
{
	for (size_t i = imp_next(t, from); i < to; i = imp_next(t, i + 1)) {
		int first, last;
		size_t off;
		if (item_line(&t->v[i], 0, &first, &last, &off) && off < t->v[i].len)
			return i;
	}
	return to;
}

/* Lines that belong to the page header, not to any item. */
static bool
header_line(const struct imp_line *l, const struct packet *p)
{
	return imp_agenda_heading(l) ||
	    imp_starts(l, "Tid:") || (p->body && imp_eq(l, p->body));
}

static void
add_presenter(struct agenda_item *it, struct presenter *pr)
{
	it->presenters = xreallocarray(it->presenters, it->n_presenters + 1, sizeof *it->presenters);
	it->presenters[it->n_presenters++] = *pr;
}

/* Reading the agenda's lines, one at a time. */
struct agenda_parse {
	const struct imp_text *t;
	size_t to;		/* the line after the agenda */
	struct packet *p;
	struct agenda_item *it;	/* the item being read, or NULL before the first */
	struct buf title;	/* its title so far */
	char *section;		/* the heading in force */
	size_t found, cap;	/* items found; room in p->items */
	bool attrs;		/* the current item has a time, presenter or case number */
	int expect;		/* the number the next item line must start with (0: the first) */
};

/* What a classifier read off its line, for the row's take. */
struct agenda_hit {
	int first, last;	/* an item's numbers */
	size_t off;		/* and where its title starts */
	char ts[6], te[6];	/* a time slot */
	char *norm, *printed;	/* a case number; the take owns them */
	struct presenter pr;	/* a presenter; the take owns it */
};

/* ---- classifiers: is line i of this kind? ---- */

static bool
place_line(struct agenda_parse *ap, size_t i, struct agenda_hit *h)
{
	(void)h;
	return imp_starts(&ap->t->v[i], "Plats:");
}

/* The page header: heading, body, "Tid:" (read into the meeting as it is recognised). */
static bool
page_header(struct agenda_parse *ap, size_t i, struct agenda_hit *h)
{
	(void)h;
	return imp_parse_tid(&ap->t->v[i], ap->p) || header_line(&ap->t->v[i], ap->p);
}

static bool
item_start(struct agenda_parse *ap, size_t i, struct agenda_hit *h)
{
	return item_line(&ap->t->v[i], ap->expect, &h->first, &h->last, &h->off);
}

static bool
lead_time(struct agenda_parse *ap, size_t i, struct agenda_hit *h)
{
	return ap->it == NULL && time_line(&ap->t->v[i], h->ts, h->te);
}

static bool
lead_heading(struct agenda_parse *ap, size_t i, struct agenda_hit *h)
{
	(void)i, (void)h;
	return ap->it == NULL;
}

static bool
time_slot(struct agenda_parse *ap, size_t i, struct agenda_hit *h)
{
	return time_line(&ap->t->v[i], h->ts, h->te);
}

static bool
case_number(struct agenda_parse *ap, size_t i, struct agenda_hit *h)
{
	return case_line(&ap->t->v[i], &h->norm, &h->printed);
}

static bool
break_line(struct agenda_parse *ap, size_t i, struct agenda_hit *h)
{
	const struct imp_line *l = &ap->t->v[i];

	(void)h;
	return imp_starts(l, "Paus") || imp_starts(l, "Kaffe") || imp_starts(l, "Lunch");
}

static bool
presenter(struct agenda_parse *ap, size_t i, struct agenda_hit *h)
{
	return presenter_line(&ap->t->v[i], &h->pr);
}

/*
 * A heading between items: a line just before the next item line, after
 * a title that is complete (the item has its attributes, or the title
 * does not go on and this line does not start in lower case).
 */
static bool
section_heading(struct agenda_parse *ap, size_t i, struct agenda_hit *h)
{
	const struct imp_text *t = ap->t;
	const struct imp_line *l = &t->v[i];
	size_t nx = imp_next(t, i + 1);
	struct agenda_hit next;

	(void)h;
	if (!(nx < ap->to && item_line(&t->v[nx], ap->expect, &next.first, &next.last, &next.off)))
		return false;
	return ap->title.len > 0 && (ap->attrs ||
	    (!imp_goes_on(ap->title.data, ap->title.len) &&
	    !((unsigned char)l->s[0] >= 'a' && (unsigned char)l->s[0] <= 'z')));
}

/*
 * A name alone after the item's attributes ("Anna Berg"): a presenter
 * whose title was left out (print --check reports it), not noise.
 */
static bool
bare_presenter(struct agenda_parse *ap, size_t i, struct agenda_hit *h)
{
	const struct imp_line *l = &ap->t->v[i];

	if (!ap->attrs || ap->it == NULL || strchr(l->s, ',') || !name_words(l->s, l->len))
		return false;
	h->pr.name = xstrdup(l->s);
	h->pr.title = NULL;
	h->pr.raw = xstrdup(l->s);
	return true;
}

/* The title goes on ("13 Anmälningsärende:" "Budget och ...") until an attribute. */
static bool
title_goes_on(struct agenda_parse *ap, size_t i, struct agenda_hit *h)
{
	(void)i, (void)h;
	return !ap->attrs;
}

/* ---- takes: what a line of that kind adds ---- */

static void
take_place(struct agenda_parse *ap, const struct imp_line *l, struct agenda_hit *h)
{
	const char *v = l->s + sizeof "Plats:" - 1;

	(void)h;
	while (*v == ' ')
		v++;
	if (ap->p->place == NULL && *v)
		ap->p->place = xstrdup(v);
}

static void
end_item(struct agenda_parse *ap)
{
	if (ap->it != NULL)
		ap->it->title = buf_detach(&ap->title, NULL);
}

static void
take_item(struct agenda_parse *ap, const struct imp_line *l, struct agenda_hit *h)
{
	struct packet *p = ap->p;
	struct agenda_item *it;

	end_item(ap);
	if (p->n_items == ap->cap) {
		ap->cap = ap->cap ? ap->cap * 2 : 16;
		p->items = xreallocarray(p->items, ap->cap, sizeof *p->items);
	}
	it = ap->it = &p->items[p->n_items++];
	memset(it, 0, sizeof *it);
	/* The number as printed, with the range's dash an en dash whatever the extractor gave. */
	it->number = h->first == h->last ? xasprintf("%d", h->first)
	    : xasprintf("%d–%d", h->first, h->last);
	it->first = h->first;
	it->last = h->last;
	it->section = xstrdup_null(ap->section);
	ap->attrs = false;
	buf_add(&ap->title, l->s + h->off, tail_attrs(l->s + h->off, l->len - h->off, it, &ap->attrs));
	ap->expect = h->last + 1;
	ap->found++;
}

static void
take_section(struct agenda_parse *ap, const struct imp_line *l, struct agenda_hit *h)
{
	(void)h;
	free(ap->section);
	ap->section = xstrdup(l->s);
}

static void
take_time(struct agenda_parse *ap, const struct imp_line *l, struct agenda_hit *h)
{
	(void)l;
	if (ap->it->time_start == NULL) {
		ap->it->time_start = xstrdup(h->ts);
		ap->it->time_end = h->te[0] ? xstrdup(h->te) : NULL;
	}
	ap->attrs = true;
}

static void
take_case(struct agenda_parse *ap, const struct imp_line *l, struct agenda_hit *h)
{
	(void)l;
	free(ap->it->case_number);
	free(ap->it->case_number_printed);
	ap->it->case_number = h->norm;
	ap->it->case_number_printed = h->printed;
	ap->attrs = true;
}

/*
 * "Paus 14.35–14.50": the words before the time slot are the label; it
 * goes before the next item (after the ones read so far).
 */
static void
take_break(struct agenda_parse *ap, const struct imp_line *l, struct agenda_hit *h)
{
	struct packet *p = ap->p;
	struct packet_break *b;
	size_t n = l->len, k;
	char ts[6] = "", te[6] = "";

	(void)h;
	/* The slot starts at the first digit after a space. */
	for (k = 1; k < l->len; k++)
		if (l->s[k - 1] == ' ' && l->s[k] >= '0' && l->s[k] <= '9' &&
		    time_line_n(l->s + k, l->len - k, ts, te)) {
			n = k - 1;
			break;
		}
	while (n > 0 && l->s[n - 1] == ' ')
		n--;
	p->breaks = xreallocarray(p->breaks, p->n_breaks + 1, sizeof *p->breaks);
	b = &p->breaks[p->n_breaks++];
	b->before = p->n_items;
	b->label = xstrndup(l->s, n);
	b->time_start = ts[0] ? xstrdup(ts) : NULL;
	b->time_end = te[0] ? xstrdup(te) : NULL;
}

static void
take_presenter(struct agenda_parse *ap, const struct imp_line *l, struct agenda_hit *h)
{
	(void)l;
	add_presenter(ap->it, &h->pr);
	ap->attrs = true;
}

static void
take_title(struct agenda_parse *ap, const struct imp_line *l, struct agenda_hit *h)
{
	size_t n = tail_attrs(l->s, l->len, ap->it, &ap->attrs);

	(void)h;
	if (ap->title.len > 0 && n > 0)
		buf_addc(&ap->title, ' ');
	buf_add(&ap->title, l->s, n);
}

/*
 * The kinds of agenda line, tried in this order; the first that matches
 * takes the line. A row without a take drops its lines.
 */
static const struct agenda_rule {
	const char *name;
	bool (*match)(struct agenda_parse *ap, size_t i, struct agenda_hit *h);
	void (*take)(struct agenda_parse *ap, const struct imp_line *l, struct agenda_hit *h);
} agenda_rules[] = {
	{ "place", place_line, take_place },
	{ "page header", page_header, NULL },
	{ "item", item_start, take_item },
	{ "time before the first item", lead_time, NULL },
	{ "heading before the first item", lead_heading, take_section },
	{ "time slot", time_slot, take_time },
	{ "case number", case_number, take_case },
	/* A break in the timetable ("Paus 14.35–14.50", "Lunch"): a row, no item. */
	{ "break", break_line, take_break },
	{ "presenter", presenter, take_presenter },
	{ "section heading", section_heading, take_section },
	{ "presenter without a title", bare_presenter, take_presenter },
	{ "title going on", title_goes_on, take_title },
	/* Anything else after the attributes is noise between items: no row takes it. */
};

size_t
imp_agenda_parse(const struct imp_text *t, size_t from, size_t to, struct packet *p)
{
	struct agenda_parse ap = { .t = t, .to = to, .p = p, .cap = p->n_items };

	for (size_t i = imp_next(t, from); i < to; i = imp_next(t, i + 1))
		for (size_t r = 0; r < sizeof agenda_rules / sizeof agenda_rules[0]; r++) {
			struct agenda_hit h;

			if (!agenda_rules[r].match(&ap, i, &h))
				continue;
			if (agenda_rules[r].take)
				agenda_rules[r].take(&ap, &t->v[i], &h);
			break;
		}
	end_item(&ap);
	buf_free(&ap.title);
	free(ap.section);
	return ap.found;
}
