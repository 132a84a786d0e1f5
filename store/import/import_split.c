/*
 * Cutting a packet into its documents and putting each on its agenda item.
 *
 * A document starts at a marker that its kind always prints; the
 * markers are a table in import_markers.c, walked for every line. Right
 * after a § or a tjänsteskrivelse has listed its Beslutsunderlag, a line
 * that starts one of the listed titles starts that document too, and a
 * repeated page header of the current document is dropped from the text
 * instead of starting a document.
 *
 * Documents go to the agenda item whose § (matched by case number, then
 * title) or case number or title they carry; a document with none of
 * these belongs where the one before it did (a packet keeps an item's
 * papers together), and the front matter belongs to the meeting.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "import_split.h"

/* A title matches when this share of its words start the line. */
#define TITLE_MATCH_SHARE 0.6
/* ... looking this many words past the title's length. */
#define TITLE_MATCH_SLACK 3
/* A document's title names an item when each holds this share of the other's words. */
#define ITEM_OVERLAP 0.8
/* After a Beslutsunderlag, its listed titles may start documents for this many lines. */
#define LISTED_TITLE_WINDOW 25
#define PLACE_LEN (sizeof "Plats:" - 1)

struct seg *
split_push(struct split *sp, size_t start, const char *kind)
{
	struct seg *s;

	if (sp->n == sp->cap) {
		sp->cap = sp->cap ? sp->cap * 2 : 64;
		sp->v = xreallocarray(sp->v, sp->cap, sizeof *sp->v);
	}
	s = &sp->v[sp->n++];
	memset(s, 0, sizeof *s);
	s->start = start;
	s->kind = kind;
	s->item = sp->cur_item;
	sp->window = 0;
	return s;
}

/* Does title e start at the words of s? strict: the first words must agree. */
static bool
title_match(const char *e, const char *s, bool strict)
{
	struct imp_words we, ws;
	size_t hit = 0;
	bool ok;

	imp_words_init(&we, e, strlen(e));
	imp_words_init(&ws, s, strlen(s));
	ok = we.n >= 2 && ws.n >= 1;
	if (ok && strict)
		ok = strcmp(we.w[0], ws.w[0]) == 0;
	if (ok) {
		size_t lim = we.n + TITLE_MATCH_SLACK < ws.n ? we.n + TITLE_MATCH_SLACK : ws.n;
		for (size_t a = 0; a < we.n; a++)
			for (size_t b = 0; b < lim; b++)
				if (strcmp(we.w[a], ws.w[b]) == 0) {
					hit++;
					break;
				}
		ok = (double)hit >= TITLE_MATCH_SHARE * (double)we.n;
	}
	imp_words_free(&we);
	imp_words_free(&ws);
	return ok;
}

static struct imp_entries *
cur_entries(const struct split *sp)
{
	return &sp->ents[sp->cur_item + 1];
}

struct imp_entry *
split_entry_by_kind(const struct split *sp, const char *kind)
{
	struct imp_entries *e = cur_entries(sp);

	for (size_t k = 0; k < e->n; k++)
		if (!e->v[k].used && strcmp(e->v[k].kind, kind) == 0)
			return &e->v[k];
	return NULL;
}

struct imp_entry *
split_entry_by_title(const struct split *sp, const char *s, bool strict)
{
	struct imp_entries *e = cur_entries(sp);

	for (size_t k = 0; k < e->n; k++) {
		struct imp_entry *en = &e->v[k];
		if (en->used)
			continue;
		if (imp_title_eq(en->title, s) || title_match(en->title + en->match_off, s, strict))
			return en;
	}
	return NULL;
}

static int
match_item(const struct packet *p, const char *case_number, const char *title)
{
	int best = -1;

	if (case_number)
		for (size_t k = 0; k < p->n_items; k++)
			if (p->items[k].case_number && strcmp(p->items[k].case_number, case_number) == 0)
				return (int)k;
	if (title == NULL || *title == '\0')
		return -1;
	for (size_t k = 0; k < p->n_items; k++)
		if (imp_title_eq(p->items[k].title, title))
			return (int)k;
	for (size_t k = 0; k < p->n_items && best < 0; k++)
		if (imp_title_overlap(p->items[k].title, title) >= ITEM_OVERLAP &&
		    imp_title_overlap(title, p->items[k].title) >= ITEM_OVERLAP)
			best = (int)k;
	return best;
}

void
split_set_item(struct split *sp, struct seg *s, int item)
{
	s->item = item;
	sp->cur_item = item;
}

void
split_fill_para(struct split *sp, struct seg *s, size_t i)
{
	struct imp_para pp;

	imp_para_parse(sp->t, i, sp->t->n, &pp, NULL);
	s->para = pp.number;
	/*
	 * Whose minutes: the header says "presidium" (or "arbetsutskott"), or
	 * the decision speaks as one ("Presidiet föreslår ..."), or the header
	 * lost that line but carries the date of a presidium's minutes seen
	 * already; a § without a header continues the minutes before it.
	 */
	if (pp.decision && (strncmp(pp.decision, "Presidiet", sizeof "Presidiet" - 1) == 0 ||
	    strncmp(pp.decision, "Arbetsutskottet", sizeof "Arbetsutskottet" - 1) == 0))
		pp.presidium = true;
	if (pp.header && !pp.presidium && pp.date && sp->presidium_date &&
	    strcmp(pp.date, sp->presidium_date) == 0)
		pp.presidium = true;
	if (!pp.header)
		pp.presidium = pp.presidium || sp->para_presidium;
	sp->para_presidium = pp.presidium;
	if (pp.presidium && pp.date && sp->presidium_date == NULL)
		sp->presidium_date = xstrdup(pp.date);
	if (pp.date) {
		free(sp->para_date);
		sp->para_date = xstrdup(pp.date);
	}
	s->date = xstrdup_null(pp.date ? pp.date : sp->para_date);
	s->case_number = xstrdup_null(pp.case_number);
	s->title = pp.number ? xasprintf("§ %d %s", pp.number, pp.title ? pp.title : "")
	    : xstrdup_null(pp.title);
	if (sp->with_items) {
		int k = match_item(sp->p, pp.case_number, pp.title);
		split_set_item(sp, s, k);
		if (k >= 0 && pp.presidium && sp->p->items[k].presidium_paragraph == 0 && pp.number > 0) {
			struct agenda_item *it = &sp->p->items[k];
			it->presidium_paragraph = pp.number;
			it->presidium_decision = pp.decision;
			pp.decision = NULL;
		}
		if (pp.presidium && sp->p->presidium_date == NULL && s->date)
			sp->p->presidium_date = xstrdup(s->date);
	}
	imp_para_free(&pp);
}

void
split_fill_memo(struct split *sp, struct seg *s, size_t i, size_t fb)
{
	struct imp_memo m;
	struct imp_entry *e;

	s->fb = fb;
	imp_memo_parse(sp->t, i, fb + 1, &m, NULL);
	s->title = m.title;
	s->date = m.date;
	s->case_number = m.case_number;
	m.title = m.date = m.case_number = NULL;
	imp_memo_free(&m);
	if (!sp->with_items)
		return;
	{
		int k = match_item(sp->p, s->case_number, s->title);
		if (k >= 0)
			split_set_item(sp, s, k);
	}
	if ((e = split_entry_by_kind(sp, "tjänsteskrivelse")) != NULL)
		e->used = true;
}

int
split_plan_item(const struct split *sp)
{
	for (size_t k = 0; k < sp->p->n_items; k++)
		if (strcasestr(sp->p->items[k].title, "verksamhetsplan") != NULL)
			return (int)k;
	return sp->cur_item;
}

void
split_take_entry(struct seg *s, struct imp_entry *e)
{
	e->used = true;
	if (strcmp(e->kind, "bilaga") != 0 || strcmp(s->kind, "bilaga") == 0)
		s->kind = strcmp(e->kind, "tjänsteskrivelse") == 0 ? s->kind : e->kind;
	if (strcmp(s->kind, "bilaga") == 0 && strcasestr(e->title, "rapport") != NULL)
		s->kind = "rapport";
	free(s->title);
	s->title = xstrdup(e->title);
}

static void
scan(struct split *sp)
{
	const struct imp_text *t = sp->t;
	size_t i0 = imp_next(t, 0);

	sp->cur_item = -1;
	if (i0 >= t->n)
		return;
	if (imp_agenda_heading(&t->v[i0]))
		split_push(sp, i0, "dagordning")->front = true;
	else
		split_push(sp, i0, "kallelse")->front = true;
	for (size_t i = imp_next(t, i0 + 1); i < t->n; i = imp_next(t, i + 1)) {
		struct seg *cur;

		if (split_check_marker(sp, i)) {
			/* Pass 1 reads only the front matter: stop at the first
			 * segment after it (half the parse's scanning on the seed). */
			if (!sp->with_items && !sp->v[sp->n - 1].front)
				return;
			continue;
		}
		cur = &sp->v[sp->n - 1];
		if (sp->window > 0)
			sp->window--;
		if (imp_eq_word(&t->v[i], "Beslutsunderlag") &&
		    (strcmp(cur->kind, "protokollsutdrag") == 0 ||
		    strcmp(cur->kind, "tjänsteskrivelse") == 0)) {
			size_t end = imp_entries_parse(t, i, t->n, sp->with_items ? cur_entries(sp) : NULL);
			i = end - 1;
			sp->window = LISTED_TITLE_WINDOW;
		}
	}
}

static void
sp_free(struct split *sp)
{
	for (size_t k = 0; k < sp->n; k++) {
		free(sp->v[k].title);
		free(sp->v[k].date);
		free(sp->v[k].case_number);
	}
	free(sp->v);
	free(sp->skip);
	free(sp->para_date);
	free(sp->presidium_date);
	if (sp->ents) {
		for (size_t k = 0; k < sp->n_ents; k++)
			imp_entries_free(&sp->ents[k]);
		free(sp->ents);
	}
	memset(sp, 0, sizeof *sp);
}

static void
sp_init(struct split *sp, const struct imp_text *t, struct packet *p, bool with_items)
{
	memset(sp, 0, sizeof *sp);
	sp->t = t;
	sp->p = p;
	sp->skip = xcalloc(t->n + 1, sizeof *sp->skip);
	sp->n_ents = p->n_items + 1;
	sp->ents = xcalloc(sp->n_ents, sizeof *sp->ents);
	sp->with_items = with_items;
	scan(sp);
}

bool
imp_split(const struct imp_text *t, struct packet *p)
{
	struct split sp;
	size_t agenda = (size_t)-1, front_end = 0;

	/* Pass 1: only the front matter's extent is needed. */
	sp_init(&sp, t, p, false);
	for (size_t k = 0; k < sp.n; k++) {
		if (!sp.v[k].front)
			break;
		if (strcmp(sp.v[k].kind, "dagordning") == 0 && agenda == (size_t)-1)
			agenda = k;
	}
	if (agenda == (size_t)-1) {
		/* No agenda heading: the numbered list may stand on the front page itself. */
		size_t end = sp.n > 1 ? sp.v[1].start : t->n;
		size_t first = sp.n > 0 ? imp_agenda_find(t, sp.v[0].start, end) : t->n;
		if (first < end) {
			imp_front_parse(t, 0, first, p);
			imp_agenda_parse(t, first, end, p);
		}
		front_end = end;
	} else {
		front_end = agenda + 1 < sp.n ? sp.v[agenda + 1].start : t->n;
		imp_front_parse(t, 0, front_end, p);
		imp_agenda_parse(t, sp.v[agenda].start, front_end, p);
	}
	/* The place is printed on the agenda; failing that, on the front page. */
	for (size_t i = 0; p->place == NULL && i < front_end; i++)
		if (imp_starts(&t->v[i], "Plats:") && t->v[i].len > PLACE_LEN)
			p->place = xstrdup(t->v[i].s + PLACE_LEN + (t->v[i].s[PLACE_LEN] == ' '));
	sp_free(&sp);
	if (p->n_items == 0)
		return false;

	/* Pass 2: documents, items known. */
	sp_init(&sp, t, p, true);
	{
		struct imp_doc_seg *segs = xcalloc(sp.n, sizeof *segs);
		for (size_t k = 0; k < sp.n; k++) {
			segs[k].start = sp.v[k].start;
			segs[k].end = k + 1 < sp.n ? sp.v[k + 1].start : t->n;
			segs[k].kind = sp.v[k].kind;
			segs[k].title = sp.v[k].title;
			segs[k].date = sp.v[k].date;
			segs[k].case_number = sp.v[k].case_number;
			segs[k].item = sp.v[k].front ? -1 : sp.v[k].item;
			sp.v[k].title = sp.v[k].date = sp.v[k].case_number = NULL;
		}
		imp_docs_build(t, p, segs, sp.n, sp.skip);
		free(segs);
	}
	sp_free(&sp);
	return true;
}
