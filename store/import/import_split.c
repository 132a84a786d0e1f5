/*
 * Cutting a packet into its documents and putting each on its agenda item.
 *
 * A document starts at a marker that its kind always prints: the
 * DAGORDNING heading, "Delegeringsbeslut" or "Handlingar"/"Ärenden" over
 * a diary print-out ("Utskriven av:"), "PROTOKOLL" over
 * "Protokollsutdrag" (or a new "§ N" with its "Beslut"), a tjänsteskrivelse
 * header (TJÄNSTESKRIVELSE, "2024-11-19 RJL 2024/3942" or the office's
 * name) with "Förslag till beslut" a few lines on, an e-mail header
 * (From:/Sent:), a letterhead (Telefon: … Orgnr), "Till statsrådet" (an
 * SOU), a dated letter from a ministry (the missiv), "Förvaltningsnamn /
 * Avsändare" (a compilation), "Inledning" opening a verksamhetsplan.
 * Right after a § or a tjänsteskrivelse has listed its Beslutsunderlag,
 * a line that starts one of the listed titles starts that document too.
 *
 * A repeated page header of the current document (the TJÄNSTESKRIVELSE
 * header on page 2, "DAGORDNING 2(2)" with the body and Tid:) is dropped
 * from the text instead of starting a document.
 *
 * Documents go to the agenda item whose § (matched by case number, then
 * title) or case number or title they carry; a document with none of
 * these belongs where the one before it did (a packet keeps an item's
 * papers together), and the front matter belongs to the meeting.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "import_internal.h"

struct seg {
	size_t start;
	const char *kind;	/* static string */
	char *title;		/* or NULL: made when the text is known */
	char *date, *case_number;
	int item;		/* index into p->items, or -1 */
	int para;		/* § of a protokollsutdrag */
	size_t fb;		/* "Förslag till beslut" of a tjänsteskrivelse */
	bool front;		/* front matter: always the meeting's */
};

struct split {
	const struct imp_text *t;
	struct packet *p;
	struct seg *v;
	size_t n, cap;
	bool *skip;		/* repeated page headers left out of the text */
	struct imp_entries *ents;	/* Beslutsunderlag of each item, [item + 1] */
	size_t n_ents;
	int cur_item;
	size_t window;		/* lines left in which a listed title may start a document */
	char *para_date;	/* Sammanträdesdatum of the last PROTOKOLL header */
	bool para_presidium;	/* and whether it was a presidium's (or arbetsutskott's) */
	char *presidium_date;	/* date of the presidium's minutes seen so far */
	bool with_items;	/* second pass: items are known */
};

static struct seg *
push(struct split *sp, size_t start, const char *kind)
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

static bool
memo_dateline(const struct imp_line *l)
{
	return l->len < 40 && imp_is_date_at(l->s, l->len) && strstr(l->s, "RJL") != NULL;
}

/* A tjänsteskrivelse header line with its "Förslag till beslut" close ahead: that line, else t->n. */
static size_t
memo_ahead(const struct imp_text *t, size_t i)
{
	const struct imp_line *l = &t->v[i];
	size_t fb;

	if (!imp_starts(l, "TJÄNSTESKRIVELSE") && !memo_dateline(l) &&
	    !imp_eq(l, "Regionledningskontoret"))
		return t->n;
	fb = imp_find_ahead(t, i, 14, "Förslag till beslut");
	return fb < t->n && imp_eq_word(&t->v[fb], "Förslag till beslut") ? fb : t->n;
}

/* Mark line i and the next lines repeating the current document's first lines as skipped. */
static void
drop_repeat(struct split *sp, size_t i)
{
	const struct imp_text *t = sp->t;
	size_t first = sp->v[sp->n - 1].start;

	sp->skip[i] = true;
	for (size_t k = imp_next(t, i + 1), n = 0; k < t->n && n < 5; k = imp_next(t, k + 1), n++) {
		bool same = false;
		for (size_t h = first, m = 0; h < t->n && m < 4; h = imp_next(t, h + 1), m++)
			if (strcmp(t->v[h].s, t->v[k].s) == 0)
				same = true;
		if (!same && !memo_dateline(&t->v[k]))
			break;
		sp->skip[k] = true;
	}
}

static bool
letterhead(const struct imp_text *t, size_t i)
{
	const struct imp_line *l = &t->v[i];

	if (strstr(l->s, "Telefon:") == NULL && strstr(l->s, "Tel:") == NULL)
		return false;
	if (strstr(l->s, "Organisationsuppgifter") != NULL)
		return true;
	for (size_t k = imp_next(t, i + 1), n = 0; k < t->n && n < 3; k = imp_next(t, k + 1), n++)
		if (strstr(t->v[k].s, "Orgnr") != NULL || strstr(t->v[k].s, "Org.nr") != NULL)
			return true;
	return false;
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
		size_t lim = we.n + 3 < ws.n ? we.n + 3 : ws.n;
		for (size_t a = 0; a < we.n; a++)
			for (size_t b = 0; b < lim; b++)
				if (strcmp(we.w[a], ws.w[b]) == 0) {
					hit++;
					break;
				}
		ok = (double)hit >= 0.6 * (double)we.n;
	}
	imp_words_free(&we);
	imp_words_free(&ws);
	return ok;
}

static struct imp_entries *
cur_entries(struct split *sp)
{
	return &sp->ents[sp->cur_item + 1];
}

static struct imp_entry *
entry_by_kind(struct split *sp, const char *kind)
{
	struct imp_entries *e = cur_entries(sp);

	for (size_t k = 0; k < e->n; k++)
		if (!e->v[k].used && strcmp(e->v[k].kind, kind) == 0)
			return &e->v[k];
	return NULL;
}

/* An unused listed title starting at s. */
static struct imp_entry *
entry_by_title(struct split *sp, const char *s, bool strict)
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

/* The next few lines from i joined, to compare with a listed title. Caller frees. */
static char *
lines_from(const struct imp_text *t, size_t i, size_t count)
{
	return imp_join(t, i, imp_next_n(t, i, count));
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
		if (imp_title_overlap(p->items[k].title, title) >= 0.8 &&
		    imp_title_overlap(title, p->items[k].title) >= 0.8)
			best = (int)k;
	return best;
}

static void
set_item(struct split *sp, struct seg *s, int item)
{
	s->item = item;
	sp->cur_item = item;
}

/* A new protokollsutdrag at i: its §, and the item it treats. */
static void
start_para(struct split *sp, size_t i)
{
	struct seg *s = push(sp, i, "protokollsutdrag");
	struct imp_para pp;

	imp_para_parse(sp->t, i, sp->t->n, &pp, NULL);
	s->para = pp.number;
	/*
	 * Whose minutes: the header says "presidium" (or "arbetsutskott"), or
	 * the decision speaks as one ("Presidiet föreslår ..."), or the header
	 * lost that line but carries the date of a presidium's minutes seen
	 * already; a § without a header continues the minutes before it.
	 */
	if (pp.decision && (strncmp(pp.decision, "Presidiet", 9) == 0 ||
	    strncmp(pp.decision, "Arbetsutskottet", 15) == 0))
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
		set_item(sp, s, k);
		if (k >= 0 && pp.presidium && sp->p->items[k].presidium_paragraph == 0 && pp.number > 0) {
			struct packet_item *it = &sp->p->items[k];
			it->presidium_paragraph = pp.number;
			it->presidium_decision = pp.decision;
			pp.decision = NULL;
		}
		if (pp.presidium && sp->p->presidium_date == NULL && s->date)
			sp->p->presidium_date = xstrdup(s->date);
	}
	imp_para_free(&pp);
}

/* A new tjänsteskrivelse at i whose "Förslag till beslut" is at fb. */
static void
start_memo(struct split *sp, size_t i, size_t fb)
{
	struct seg *s = push(sp, i, "tjänsteskrivelse");
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
			set_item(sp, s, k);
	}
	if ((e = entry_by_kind(sp, "tjänsteskrivelse")) != NULL)
		e->used = true;
}

/* The first item whose title names a verksamhetsplan, or the current one. */
static int
plan_item(struct split *sp)
{
	for (size_t k = 0; k < sp->p->n_items; k++)
		if (strcasestr(sp->p->items[k].title, "verksamhetsplan") != NULL)
			return (int)k;
	return sp->cur_item;
}

/* Take a listed entry as the new document's kind and title. */
static void
take_entry(struct seg *s, struct imp_entry *e)
{
	e->used = true;
	if (strcmp(e->kind, "bilaga") != 0 || strcmp(s->kind, "bilaga") == 0)
		s->kind = strcmp(e->kind, "tjänsteskrivelse") == 0 ? s->kind : e->kind;
	if (strcmp(s->kind, "bilaga") == 0 && strcasestr(e->title, "rapport") != NULL)
		s->kind = "rapport";
	free(s->title);
	s->title = xstrdup(e->title);
}

/* Check line i for the start of a document (or a repeated header); true when one started. */
static bool
check_marker(struct split *sp, size_t i)
{
	const struct imp_text *t = sp->t;
	const struct imp_line *l = &t->v[i];
	struct seg *cur = &sp->v[sp->n - 1], *s;
	struct imp_entry *e;
	size_t fb, nx = imp_next(t, i + 1);

	if (imp_agenda_heading(l)) {
		if (strcmp(cur->kind, "dagordning") == 0)
			drop_repeat(sp, i);
		else
			push(sp, i, "dagordning")->front = true;
		return true;
	}
	if ((imp_eq(l, "Delegeringsbeslut") || imp_eq(l, "Handlingar") || imp_eq(l, "Ärenden")) &&
	    (imp_find_ahead(t, i, 12, "Utskriven av") < t->n ||
	    imp_find_ahead(t, i, 12, "Utskriftsdatum") < t->n)) {
		s = push(sp, i, imp_eq(l, "Delegeringsbeslut") ? "delegeringsbeslut" : "förteckning");
		s->front = sp->cur_item < 0;
		return true;
	}
	if (imp_starts(l, "Handling ") && strstr(l->s, "Dnr") != NULL && nx < t->n &&
	    strstr(t->v[nx].s, "handlingar") != NULL) {
		s = push(sp, i, "förteckning");
		s->front = sp->cur_item < 0;
		s->title = xstrdup("Anmälda handlingar");
		return true;
	}
	if (imp_starts(l, "PROTOKOLL") && (strstr(l->s, "Protokollsutdrag") != NULL ||
	    imp_find_ahead(t, i, 15, "Protokollsutdrag") < t->n)) {
		start_para(sp, i);
		return true;
	}
	if (imp_para_number(l) > 0) {
		int n = imp_para_number(l);
		if (strcmp(cur->kind, "protokollsutdrag") == 0 && cur->para == n)
			return false;
		if (imp_find_ahead(t, i, 8, "Beslut") < t->n) {
			start_para(sp, i);
			return true;
		}
	}
	if ((fb = memo_ahead(t, i)) < t->n) {
		if (strcmp(cur->kind, "tjänsteskrivelse") == 0 && cur->fb == fb)
			return false;	/* more of the header we are in */
		start_memo(sp, i, fb);
		return true;
	}
	if (strcmp(cur->kind, "tjänsteskrivelse") == 0 &&
	    (imp_starts(l, "TJÄNSTESKRIVELSE") || memo_dateline(l))) {
		drop_repeat(sp, i);
		return true;
	}
	if (imp_eq(l, "Förvaltningsnamn") && nx < t->n && imp_eq(&t->v[nx], "Avsändare")) {
		s = push(sp, i, "bilaga");
		for (size_t k = imp_next(t, nx + 1), n = 0; sp->with_items && k < t->n && n < 3;
		    k = imp_next(t, k + 1), n++) {
			char *b = lines_from(t, k, 4);
			e = entry_by_title(sp, b, false);
			free(b);
			if (e) {
				take_entry(s, e);
				break;
			}
		}
		return true;
	}
	if (letterhead(t, i)) {
		if (cur->start < t->n && strcmp(t->v[cur->start].s, l->s) == 0) {
			drop_repeat(sp, i);
			return true;
		}
		s = push(sp, i, "skrivelse");
		if (sp->with_items && (e = entry_by_kind(sp, "yttrande")) != NULL)
			take_entry(s, e);
		return true;
	}
	if (imp_starts(l, "Till statsrådet")) {
		s = push(sp, i, "remiss");
		if (sp->with_items && (e = entry_by_kind(sp, "remiss")) != NULL)
			take_entry(s, e);
		return true;
	}
	if (l->len == 10 && imp_is_date_at(l->s, l->len) && nx < t->n &&
	    imp_ends(&t->v[nx], "departementet")) {
		s = push(sp, i, "missiv");
		if (sp->with_items && (e = entry_by_kind(sp, "missiv")) != NULL)
			take_entry(s, e);
		return true;
	}
	if ((imp_starts(l, "From:") && imp_find_ahead(t, i, 2, "Sent:") < t->n) ||
	    (imp_starts(l, "Från:") && imp_find_ahead(t, i, 2, "Skickat:") < t->n)) {
		s = push(sp, i, "e-post");
		if (sp->with_items) {
			char *subject = imp_mail_subject(t, i);
			if (subject && (e = entry_by_title(sp, subject, false)) != NULL) {
				take_entry(s, e);
				s->kind = "e-post";
			}
			free(subject);
		}
		return true;
	}
	if ((imp_starts(l, "Datum:") && imp_find_ahead(t, i, 3, "Fråga") < t->n) ||
	    imp_starts(l, "Frågor från ") || imp_starts(l, "Fråga från ")) {
		push(sp, i, "skrivelse");
		return true;
	}
	if (imp_eq(l, "Inledning") &&
	    (imp_find_ahead(t, i, 80, "Perspektiv och strategiska mål") < t->n ||
	    imp_find_ahead(t, i, 80, "Strategiska mål") < t->n)) {
		s = push(sp, i, "verksamhetsplan");
		if (sp->with_items)
			set_item(sp, s, plan_item(sp));
		return true;
	}
	if (sp->window > 0 && sp->with_items && imp_bullet_at(l->s, l->len) == 0) {
		char *b = lines_from(t, i, 4);
		e = entry_by_title(sp, b, true);
		free(b);
		if (e) {
			s = push(sp, i, "bilaga");
			take_entry(s, e);
			return true;
		}
	}
	return false;
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
		push(sp, i0, "dagordning")->front = true;
	else
		push(sp, i0, "kallelse")->front = true;
	for (size_t i = imp_next(t, i0 + 1); i < t->n; i = imp_next(t, i + 1)) {
		struct seg *cur;

		if (check_marker(sp, i)) {
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
			sp->window = 25;
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
		if (imp_starts(&t->v[i], "Plats:") && t->v[i].len > 6)
			p->place = xstrdup(t->v[i].s + 6 + (t->v[i].s[6] == ' '));
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
