/*
 * Two kinds of formal documents in a packet:
 *
 * The presidium's Protokollsutdrag: a "PROTOKOLL" header (the body "–
 * presidium", Sammanträdesdatum), "Protokollsutdrag, bestyrkande", then
 * "§ 136", the title, "Diarienummer: RJL 2024/3942", "Beslut" with the
 * decision, "Sammanfattning", and "Beslutsunderlag" with one bullet per
 * document that follows ("• Tjänsteskrivelse: Övergångsregler ...").
 *
 * The tjänsteskrivelse: a header (TJÄNSTESKRIVELSE, date and case number,
 * the office, the addressee), the title, "Förslag till beslut" with a
 * lead-in line and one bullet per proposed decision, then Sammanfattning,
 * Ärendebeskrivning, Beslutsunderlag and the signatures.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "import_internal.h"

/* Headings that end the text under "Beslut" or "Förslag till beslut". */
static bool
section_heading(const struct imp_line *l)
{
	static const char *const heads[] = { "Sammanfattning", "Beslutsunderlag",
	    "Ärendebeskrivning", "Beslutet skickas till", "Justerare", "Justering",
	    "Reservation", "Protokollsanteckning", "Yrkanden", "Bakgrund", "Information i ärendet",
	    "Utdragsbestyrkande", "Beslutet expedieras till" };

	for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++)
		if (imp_eq_word(l, heads[i]))
			return true;
	return imp_starts(l, "PROTOKOLL") || imp_para_number(l) > 0;
}

int
imp_para_number(const struct imp_line *l)
{
	const char *s = l->s;
	int n = 0;

	if (strncmp(s, "§", 2) != 0)
		return 0;
	s += 2;
	while (*s == ' ')
		s++;
	if (*s < '0' || *s > '9')
		return 0;
	while (*s >= '0' && *s <= '9')
		n = n * 10 + (*s++ - '0');
	while (*s == ' ')
		s++;
	return *s == '\0' ? n : 0;
}

const char *
imp_kind_for_word(const char *word, size_t len)
{
	static const struct {
		const char *word, *kind;
	} kinds[] = {
		{ "tjänsteskrivelse", "tjänsteskrivelse" }, { "Tjänsteskrivelse", "tjänsteskrivelse" },
		{ "yttrande", "yttrande" }, { "Yttrande", "yttrande" },
		{ "remiss", "remiss" }, { "Remiss", "remiss" },
		{ "missiv", "missiv" }, { "Missiv", "missiv" },
		{ "rapport", "rapport" }, { "Rapport", "rapport" },
		{ "Protokoll", "protokoll" }, { "Protokollsutdrag", "protokollsutdrag" },
		{ "Skrivelse", "skrivelse" }, { "Motion", "motion" },
		{ "Verksamhetsplan", "verksamhetsplan" },
	};

	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strlen(kinds[i].word) == len && memcmp(kinds[i].word, word, len) == 0)
			return kinds[i].kind;
	return "bilaga";
}

void
imp_entries_free(struct imp_entries *e)
{
	for (size_t i = 0; i < e->n; i++) {
		free(e->v[i].kind);
		free(e->v[i].title);
	}
	free(e->v);
	e->v = NULL;
	e->n = 0;
}

/* Add "Kind: Title" (or a bare title) unless the same entry is there already. */
static void
entry_add(struct imp_entries *e, const char *text)
{
	const char *colon = strstr(text, ": ");
	const char *kind = "bilaga", *title = text;
	size_t wl = colon ? (size_t)(colon - text) : 0, match_off = 0;

	if (colon && wl > 0 && wl <= 24 && memchr(text, ' ', wl) == NULL) {
		kind = imp_kind_for_word(text, wl);
		if (strcmp(kind, "bilaga") != 0 || strncmp(text, "Bilaga", 6) == 0)
			title = colon + 2;
		else
			match_off = wl + 2;	/* "Sammanställning: Bidrag ..." looks for "Bidrag ..." */
	}
	for (size_t i = 0; i < e->n; i++)
		if (strcmp(e->v[i].kind, kind) == 0 && imp_title_eq(e->v[i].title, title))
			return;
	e->v = xreallocarray(e->v, e->n + 1, sizeof *e->v);
	e->v[e->n].kind = xstrdup(kind);
	e->v[e->n].title = xstrdup(title);
	e->v[e->n].match_off = match_off;
	e->v[e->n].used = false;
	e->n++;
}

size_t
imp_entries_parse(const struct imp_text *t, size_t i, size_t to, struct imp_entries *e)
{
	struct buf cur = { 0 };
	size_t end = i + 1;

	for (size_t k = imp_next(t, i + 1); k < to; k = imp_next(t, k + 1)) {
		const struct imp_line *l = &t->v[k];
		size_t b = imp_bullet_at(l->s, l->len);
		unsigned char c = (unsigned char)l->s[0];

		if (b > 0) {
			if (cur.len > 0 && e)
				entry_add(e, cur.data);
			cur.len = 0;
			buf_add(&cur, l->s + b, l->len - b);
			end = k + 1;
			continue;
		}
		if (cur.len > 0 && !section_heading(l) &&
		    ((c >= 'a' && c <= 'z') || (c == 0xc3 && (unsigned char)l->s[1] >= 0xa0) ||
		    imp_goes_on(cur.data, cur.len))) {
			buf_addc(&cur, ' ');
			buf_add(&cur, l->s, l->len);
			end = k + 1;
			continue;
		}
		break;
	}
	if (cur.len > 0 && e)
		entry_add(e, cur.data);
	buf_free(&cur);
	return end;
}

void
imp_para_free(struct imp_para *pp)
{
	free(pp->title);
	free(pp->case_number);
	free(pp->decision);
	free(pp->date);
	memset(pp, 0, sizeof *pp);
}

void
imp_para_parse(const struct imp_text *t, size_t from, size_t to, struct imp_para *pp,
    struct imp_entries *entries)
{
	size_t i = imp_next(t, from), title_from = 0;

	memset(pp, 0, sizeof *pp);
	pp->end = to;
	/* The header, up to the § line. */
	for (; i < to; i = imp_next(t, i + 1)) {
		const struct imp_line *l = &t->v[i];
		char date[11];

		if ((pp->number = imp_para_number(l)) > 0)
			break;
		pp->header = true;
		if (strcasestr(l->s, "presidium") != NULL || strcasestr(l->s, "arbetsutskott") != NULL)
			pp->presidium = true;
		if (imp_starts(l, "Sammanträdesdatum") && pp->date == NULL) {
			size_t d = i;
			for (int k = 0; k < 3 && d < to; k++, d = imp_next(t, d + 1))
				if (imp_find_date(t->v[d].s, t->v[d].len, date)) {
					pp->date = xstrdup(date);
					break;
				}
		}
	}
	if (i >= to)
		return;
	/* The title, up to Diarienummer or Beslut. */
	title_from = i + 1;
	for (i = imp_next(t, i + 1); i < to; i = imp_next(t, i + 1)) {
		const struct imp_line *l = &t->v[i];
		if (imp_starts(l, "Diarienummer") || imp_starts(l, "Dnr")) {
			imp_case_number(l->s, l->len, false, &pp->case_number, NULL);
			break;
		}
		if (imp_eq_word(l, "Beslut") || section_heading(l))
			break;
	}
	pp->title = imp_join(t, title_from, i);
	/* The decision. */
	while (i < to && !imp_eq_word(&t->v[i], "Beslut") && !section_heading(&t->v[i]))
		i = imp_next(t, i + 1);
	if (i < to && imp_eq_word(&t->v[i], "Beslut")) {
		size_t d = imp_next(t, i + 1), e = d;
		while (e < to && !section_heading(&t->v[e]))
			e = imp_next(t, e + 1);
		pp->decision = imp_join(t, d, e);
		if (*pp->decision == '\0') {
			free(pp->decision);
			pp->decision = NULL;
		}
		i = e;
	}
	/* Sammanfattning ... Beslutsunderlag, until the next § or header. */
	for (; i < to; i = imp_next(t, i + 1)) {
		const struct imp_line *l = &t->v[i];
		if (imp_starts(l, "PROTOKOLL") || imp_para_number(l) > 0)
			break;
		if (imp_eq_word(l, "Beslutsunderlag")) {
			pp->end = imp_entries_parse(t, i, to, entries);
			return;
		}
	}
	pp->end = i < to ? i : to;
}

void
imp_memo_free(struct imp_memo *m)
{
	free(m->title);
	free(m->date);
	free(m->case_number);
	for (size_t i = 0; i < m->n_proposal; i++)
		free(m->proposal[i]);
	free(m->proposal);
	memset(m, 0, sizeof *m);
}

/* Header lines of a tjänsteskrivelse before its title. */
static bool
memo_header_line(const struct imp_line *l)
{
	char date[11];

	return imp_starts(l, "TJÄNSTESKRIVELSE") || imp_eq_word(l, "Tjänsteskrivelse") ||
	    imp_eq(l, "Regionledningskontoret") || imp_starts(l, "Nämnd ") ||
	    imp_starts(l, "Nämnden ") || imp_starts(l, "Regionstyrelsen") ||
	    imp_starts(l, "Regionfullmäktige") || imp_starts(l, "Till ") ||
	    (imp_find_date(l->s, l->len, date) && l->len < 40);
}

static void
proposal_add(struct imp_memo *m, struct buf *b)
{
	if (b->len == 0)
		return;
	m->proposal = xreallocarray(m->proposal, m->n_proposal + 1, sizeof *m->proposal);
	m->proposal[m->n_proposal++] = buf_detach(b, NULL);
}

void
imp_memo_parse(const struct imp_text *t, size_t from, size_t to, struct imp_memo *m,
    struct imp_entries *entries)
{
	size_t fb = to, title_from = from, i;
	struct buf cur = { 0 };

	memset(m, 0, sizeof *m);
	for (i = imp_next(t, from); i < to; i = imp_next(t, i + 1))
		if (imp_eq_word(&t->v[i], "Förslag till beslut")) {
			fb = i;
			break;
		}
	for (i = imp_next(t, from); i < fb; i = imp_next(t, i + 1)) {
		const struct imp_line *l = &t->v[i];
		char date[11];

		if (!memo_header_line(l))
			continue;
		title_from = i + 1;
		if (m->date == NULL && imp_find_date(l->s, l->len, date))
			m->date = xstrdup(date);
		if (m->case_number == NULL)
			imp_case_number(l->s, l->len, false, &m->case_number, NULL);
	}
	if (fb < to) {
		m->title = imp_join(t, title_from, fb);
		for (i = imp_next(t, fb + 1); i < to && !section_heading(&t->v[i]); i = imp_next(t, i + 1)) {
			const struct imp_line *l = &t->v[i];
			size_t b = imp_bullet_at(l->s, l->len);

			if (b > 0) {
				proposal_add(m, &cur);
				buf_add(&cur, l->s + b, l->len - b);
				continue;
			}
			if (cur.len > 0) {
				int how = imp_hyphen_join(cur.data, cur.len, l->s, l->len);
				if (how == 1)
					cur.len--;
				if (how == 0)
					buf_addc(&cur, ' ');
			}
			buf_add(&cur, l->s, l->len);
		}
		proposal_add(m, &cur);
	}
	buf_free(&cur);
	for (i = imp_next(t, fb < to ? fb : from); i < to; i = imp_next(t, i + 1))
		if (imp_eq_word(&t->v[i], "Beslutsunderlag"))
			i = imp_entries_parse(t, i, to, entries) - 1;
}
