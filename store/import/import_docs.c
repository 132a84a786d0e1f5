/*
 * From the splitter's segments to packet documents: a title for each
 * kind (the list's search, the e-mail's subject, the SOU's name from its
 * letter of transmittal, the verksamhetsplan's unit ...), the date, the
 * case number, the readable text; and each item's decision proposal
 * from its tjänsteskrivelse.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "import_internal.h"

/* Clean a title: box-drawing separators become spaces, runs of spaces one, no trailing ':'. */
static char *
clean_title(char *s)
{
	char *r = s, *w = s;
	bool sp = false;

	if (s == NULL)
		return NULL;
	while (*r) {
		if (strncmp(r, "│", 3) == 0 || *r == ' ' || *r == '\t') {
			r += *r == ' ' || *r == '\t' ? 1 : 3;
			sp = w > s;
			continue;
		}
		if (sp)
			*w++ = ' ';
		sp = false;
		*w++ = *r++;
	}
	while (w > s && (w[-1] == ':' || w[-1] == ' '))
		w--;
	*w = '\0';
	return s;
}

char *
imp_mail_subject(const struct imp_text *t, size_t i)
{
	size_t k = i;

	for (int n = 0; n < 6 && k < t->n; n++, k = imp_next(t, k + 1)) {
		const char *s = t->v[k].s;
		bool again = true;

		if (strncmp(s, "Subject:", 8) == 0)
			s += 8;
		else if (strncmp(s, "Ämne:", 6) == 0)
			s += 6;
		else
			continue;
		while (again) {
			static const char *const tags[] = { "Fwd:", "FW:", "Fw:", "VB:", "RE:", "Re:",
			    "SV:", "Sv:" };
			again = false;
			while (*s == ' ')
				s++;
			if (*s == '[') {
				const char *close = strchr(s, ']');
				if (close) {
					s = close + 1;
					again = true;
					continue;
				}
			}
			for (size_t j = 0; j < sizeof tags / sizeof tags[0]; j++)
				if (strncmp(s, tags[j], strlen(tags[j])) == 0) {
					s += strlen(tags[j]);
					again = true;
				}
		}
		return *s ? clean_title(xstrdup(s)) : NULL;
	}
	return NULL;
}

/* The value on the line after "label" within the first lines of [from, to). Caller frees. */
static char *
value_after(const struct imp_text *t, size_t from, size_t to, const char *label)
{
	for (size_t i = imp_next(t, from), n = 0; i < to && n < 60; i = imp_next(t, i + 1), n++) {
		if (!imp_starts(&t->v[i], label))
			continue;
		if (t->v[i].len > strlen(label) + 1)
			return xstrdup(t->v[i].s + strlen(label) + 1);
		i = imp_next(t, i + 1);
		return i < to ? xstrdup(t->v[i].s) : NULL;
	}
	return NULL;
}

static char *
list_title(const struct imp_text *t, const struct imp_doc_seg *s)
{
	char *what = value_after(t, s->start, s->end, "Handlingstyp:");
	char *title;

	if (what == NULL)
		what = value_after(t, s->start, s->end, "Beskrivning av sökning:");
	if (what == NULL)
		return xstrdup(t->v[s->start].s);
	title = xasprintf("%s: %s", t->v[s->start].s, what);
	free(what);
	return title;
}

/* The SOU's name from "Härmed överlämnar vi betänkandet NAME (SOU 2024:60)." */
static char *
sou_title(const struct imp_text *t, const struct imp_doc_seg *s)
{
	size_t to = imp_next_n(t, s->start, 60);
	char *all = imp_join(t, s->start, to < s->end ? to : s->end), *title = NULL;
	const char *p = strstr(all, "betänkandet ");

	if (p) {
		const char *e;
		p += strlen("betänkandet ");
		e = strstr(p, ").");
		if (e)
			title = xstrndup(p, (size_t)(e - p + 1));
		else if ((e = strstr(p, ". ")) != NULL)
			title = xstrndup(p, (size_t)(e - p));
	}
	free(all);
	return title ? title : xstrdup("Betänkande");
}

/* Lines from the first one starting with prefix, up to a blank-free block of at most 3 lines. */
static char *
block_from(const struct imp_text *t, const struct imp_doc_seg *s, const char *prefix, size_t within)
{
	for (size_t i = imp_next(t, s->start), n = 0; i < s->end && n < within;
	    i = imp_next(t, i + 1), n++) {
		size_t e = i + 1;
		if (!imp_starts(&t->v[i], prefix))
			continue;
		/* Go on while the line does not end a title. */
		while (e < s->end && imp_next(t, e) < s->end && e - i < 6 &&
		    (t->v[imp_next(t, e)].s[0] >= 'a' && t->v[imp_next(t, e)].s[0] <= 'z'))
			e = imp_next(t, e) + 1;
		return imp_join(t, i, e);
	}
	return NULL;
}

/* The unit a verksamhetsplan is for: "X, Verksamhetsplan 6(18)" footers, else its first sentence. */
static char *
plan_title(const struct imp_text *t, const struct imp_doc_seg *s)
{
	static const char *const verbs[] = { " består av", " följer ", " är ", " har ", " ansvarar " };

	for (size_t i = s->start; i < s->end; i++) {
		const char *v = strstr(t->v[i].s, ", Verksamhetsplan ");
		if (v && v > t->v[i].s && v - t->v[i].s < 60)
			return xasprintf("Verksamhetsplan %.*s", (int)(v - t->v[i].s), t->v[i].s);
	}
	for (size_t i = imp_next(t, s->start + 1), n = 0; i < s->end && n < 12;
	    i = imp_next(t, i + 1), n++) {
		for (size_t j = 0; j < sizeof verbs / sizeof verbs[0]; j++) {
			const char *v = strstr(t->v[i].s, verbs[j]);
			if (v && v > t->v[i].s && v - t->v[i].s < 80)
				return xasprintf("Verksamhetsplan %.*s", (int)(v - t->v[i].s), t->v[i].s);
		}
	}
	return xstrdup("Verksamhetsplan");
}

/* A letter's title: after the letterhead and the addressee, before "Sammanfattning". */
static char *
letter_title(const struct imp_text *t, const struct imp_doc_seg *s)
{
	size_t i = imp_next(t, s->start), first = s->end, sum = s->end;

	for (size_t n = 0; i < s->end && n < 25; i = imp_next(t, i + 1), n++) {
		const char *l = t->v[i].s;
		if (imp_eq_word(&t->v[i], "Sammanfattning")) {
			sum = i;
			break;
		}
		if (strstr(l, "Telefon:") || strstr(l, "E-post:") || strstr(l, "Orgnr") ||
		    strstr(l, "Hemsida:") || strstr(l, "Box ") || (l[0] >= '0' && l[0] <= '9'))
			continue;
		if (first == s->end)
			first = imp_next(t, i + 1);	/* the line after the addressee */
	}
	if (first < sum && sum < s->end)
		return imp_join(t, first, sum);
	return NULL;
}

/* The first line with some letters in it. */
static char *
first_line(const struct imp_text *t, const struct imp_doc_seg *s)
{
	for (size_t i = imp_next(t, s->start); i < s->end; i = imp_next(t, i + 1)) {
		const char *l = t->v[i].s;
		int letters = 0;
		for (const char *c = l; *c && letters < 3; c++)
			if ((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') || (unsigned char)*c >= 0xc3)
				letters++;
		if (letters >= 3)
			return xstrdup(l);
	}
	return xstrdup("Dokument");
}

static char *
make_title(const struct imp_text *t, const struct imp_doc_seg *s)
{
	const char *k = s->kind;
	char *title = NULL;

	if (strcmp(k, "kallelse") == 0)
		return xstrdup("Kallelse");
	if (strcmp(k, "dagordning") == 0)
		return xstrdup("Dagordning");
	if (strcmp(k, "delegeringsbeslut") == 0)
		return xstrdup("Delegeringsbeslut");
	if (strcmp(k, "förteckning") == 0)
		return list_title(t, s);
	if (strcmp(k, "e-post") == 0)
		title = imp_mail_subject(t, s->start);
	else if (strcmp(k, "remiss") == 0)
		title = sou_title(t, s);
	else if (strcmp(k, "missiv") == 0)
		title = block_from(t, s, "Remiss", 30);
	else if (strcmp(k, "verksamhetsplan") == 0)
		title = plan_title(t, s);
	else if (strcmp(k, "skrivelse") == 0 && imp_starts(&t->v[s->start], "Datum:"))
		title = xstrdup(t->v[imp_next(t, s->start + 1)].s);
	else if (strcmp(k, "skrivelse") == 0 || strcmp(k, "yttrande") == 0)
		title = letter_title(t, s);
	else if (strcmp(k, "bilaga") == 0 && imp_eq(&t->v[s->start], "Förvaltningsnamn")) {
		/* A compilation: what stands between "Avsändare" and its first table. */
		size_t a = imp_next_n(t, s->start, 2), e = a;
		while (e < s->end && e - a < 12 && !imp_starts(&t->v[e], "Tabell"))
			e = imp_next(t, e + 1);
		if (a < e && e < s->end)
			title = imp_join(t, a, e);
	}
	return title ? title : first_line(t, s);
}

static void
add_proposal(const struct imp_text *t, struct packet *p, const struct imp_doc_seg *s)
{
	struct agenda_item *it;
	struct imp_memo m;

	if (s->item < 0 || strcmp(s->kind, "tjänsteskrivelse") != 0)
		return;
	it = &p->items[s->item];
	if (it->n_proposal > 0)
		return;
	imp_memo_parse(t, s->start, s->end, &m, NULL);
	if (m.n_proposal > 0) {
		it->proposal = m.proposal;
		it->n_proposal = m.n_proposal;
		it->proposal_source = xstrdup("tjänsteskrivelse");
		m.proposal = NULL;
		m.n_proposal = 0;
	}
	imp_memo_free(&m);
}

void
imp_docs_build(const struct imp_text *t, struct packet *p, struct imp_doc_seg *segs, size_t n,
    const bool *skip)
{
	size_t hint_line = 0;
	int hint_page = 0;

	p->docs = xcalloc(n ? n : 1, sizeof *p->docs);
	p->n_docs = 0;
	for (size_t k = 0; k < n; k++) {
		struct imp_doc_seg *s = &segs[k];
		struct packet_doc *d = &p->docs[p->n_docs];
		char date[11];
		size_t first = s->start;
		int from_page = imp_page_of(t, s->start, &hint_line, &hint_page);

		d->text = imp_doc_text(t, s->start, s->end, skip, &d->text_len, from_page,
		    &d->page_starts, &d->n_page_starts);
		if (d->text_len == 0) {
			free(d->text);
			d->text = NULL;
			free(d->page_starts);
			d->page_starts = NULL;
			d->n_page_starts = 0;
			free(s->title);
			free(s->date);
			free(s->case_number);
			continue;
		}
		/* The page of its first line of text (skipped page heads are not its text). */
		while (first < s->end && (t->v[first].len == 0 || (skip && skip[first])))
			first++;
		d->page = imp_page_of(t, first, &hint_line, &hint_page);
		d->kind = xstrdup(s->kind);
		d->item = s->item;
		d->title = clean_title(s->title ? s->title : make_title(t, s));
		d->date = s->date;
		if (d->date == NULL)
			for (size_t i = imp_next(t, s->start), m = 0; i < s->end && m < 8;
			    i = imp_next(t, i + 1), m++)
				if (imp_find_date(t->v[i].s, t->v[i].len, date)) {
					d->date = xstrdup(date);
					break;
				}
		d->case_number = s->case_number;
		if (d->case_number == NULL && s->item >= 0)
			d->case_number = xstrdup_null(p->items[s->item].case_number);
		s->title = s->date = s->case_number = NULL;
		add_proposal(t, p, s);
		p->n_docs++;
	}
}
