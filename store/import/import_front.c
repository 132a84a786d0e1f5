/*
 * The kallelse front page: the body's name, "Tid: 2024-12-10 13.00", and
 * the people called, grouped under the headings Ledamöter, Ersättare,
 * Övriga and Regionråd ("Kallade" and "För kännedom" only group the
 * groups). A person line is "Name (PARTY), role", "Name (PARTY)",
 * "Name, title" or "Name (PARTY), title".
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "import_internal.h"
#include "text.h"

static const char *
skip_spaces(const char *s)
{
	while (*s == ' ')
		s++;
	return s;
}

bool
imp_parse_tid(const struct imp_line *l, struct packet *p)
{
	const char *s;
	size_t k;
	char date[11], t1[6], t2[6];

	if (imp_starts(l, "Datum:") || imp_starts(l, "Sammanträdesdag:")) {
		/* "Datum: 2024-12-10" with the time on a "Tid:" line of its own. */
		if (!imp_find_date(l->s, l->len, date))
			return false;
		if (p->date == NULL)
			p->date = xstrdup(date);
		return true;
	}
	if (!imp_starts(l, "Tid:") && !imp_starts(l, "Tid "))
		return false;
	s = skip_spaces(l->s + 4);
	if (imp_find_date(s, strlen(s), date)) {
		if (p->date == NULL)
			p->date = xstrdup(date);
		s = skip_spaces(strstr(s, date) + 10);
	}
	while (*s == ',' || *s == ' ')
		s++;
	if (strncmp(s, "kl.", 3) == 0 || strncmp(s, "kl ", 3) == 0)
		s = skip_spaces(s + 3);
	if ((k = imp_time_at(s, strlen(s), t1)) == 0)
		return p->date != NULL;
	if (p->time == NULL)
		p->time = xstrdup(t1);
	s = skip_spaces(s + k);
	if ((k = imp_dash_at(s, strlen(s))) > 0) {
		s = skip_spaces(s + k);
		if (imp_time_at(s, strlen(s), t2) && p->time_end == NULL)
			p->time_end = xstrdup(t2);
	}
	return true;
}

enum group_heading { H_NONE = -1, H_SKIP = -2 };

/* Which group a heading line starts: a person_group, H_SKIP for a heading without people, H_NONE otherwise. */
static int
heading(const struct imp_line *l)
{
	if (imp_eq_word(l, "Ledamöter") || imp_eq_word(l, "Ordinarie ledamöter"))
		return PERSON_MEMBER;
	if (imp_eq_word(l, "Ersättare"))
		return PERSON_SUBSTITUTE;
	if (imp_eq_word(l, "Övriga") || imp_eq_word(l, "Övriga deltagare") ||
	    imp_eq_word(l, "Tjänstepersoner"))
		return PERSON_OTHER;
	if (imp_eq_word(l, "Regionråd") || imp_eq_word(l, "Regionråden"))
		return PERSON_REGIONRAD;
	if (imp_eq_word(l, "Kallade") || imp_eq_word(l, "För kännedom") ||
	    imp_eq_word(l, "Kallelse"))
		return H_SKIP;
	return H_NONE;
}

/* A name: two to five words, each starting with a capital letter (or a particle such as "de"). */
static bool
looks_like_name(const char *s, size_t len)
{
	size_t words = 0;
	bool start = true;

	if (len == 0 || len > 60)
		return false;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ') {
			start = true;
			continue;
		}
		if (start) {
			bool cap = (c >= 'A' && c <= 'Z') ||
			    (c == 0xc3 && i + 1 < len && (unsigned char)s[i + 1] < 0xa0);
			bool particle = (len - i >= 3 && (strncmp(s + i, "de ", 3) == 0 ||
			    strncmp(s + i, "af ", 3) == 0 || strncmp(s + i, "av ", 3) == 0 ||
			    strncmp(s + i, "von ", 4) == 0 || strncmp(s + i, "van ", 4) == 0));
			if (!cap && !particle)
				return false;
			words++;
			start = false;
		}
		if (c >= '0' && c <= '9')
			return false;
	}
	return words >= 2 && words <= 5;
}

static char *
strip_dup(const char *s, size_t len)
{
	const char *t = text_trim(s, &len);
	while (len > 0 && (t[len - 1] == '.' || t[len - 1] == ',' || t[len - 1] == ' '))
		len--;
	while (len > 0 && (*t == ',' || *t == ' ')) {
		t++;
		len--;
	}
	return xstrndup(t, len);
}

/* Parse one person line into pp (group set by the caller). False when it is not one. */
static bool
parse_person(const struct imp_line *l, enum person_group g, struct person *pp)
{
	const char *s = l->s, *open = strchr(s, '('), *comma;
	size_t namelen;

	memset(pp, 0, sizeof *pp);
	pp->group = g;
	if (open != NULL) {
		const char *close = strchr(open, ')');
		if (close == NULL || close - open > 12)
			return false;
		namelen = (size_t)(open - s);
		while (namelen > 0 && s[namelen - 1] == ' ')
			namelen--;
		if (!looks_like_name(s, namelen))
			return false;
		pp->name = xstrndup(s, namelen);
		pp->party = strip_dup(open + 1, (size_t)(close - open - 1));
		comma = close + 1;
	} else {
		comma = strchr(s, ',');
		namelen = comma ? (size_t)(comma - s) : l->len;
		while (namelen > 0 && (s[namelen - 1] == ' ' || s[namelen - 1] == '.'))
			namelen--;
		if (!looks_like_name(s, namelen))
			return false;
		pp->name = xstrndup(s, namelen);
		if (comma == NULL)
			comma = s + l->len;
	}
	{
		char *rest = strip_dup(comma, strlen(comma));
		if (*rest == '\0') {
			free(rest);
			rest = NULL;
		}
		if (g == PERSON_MEMBER) {
			pp->role = rest ? rest : xstrdup("ledamot");
		} else if (g == PERSON_OTHER) {
			pp->title = rest;
		} else if (rest != NULL) {
			/* An ersättare or regionråd with a note: keep it as the title. */
			pp->title = rest;
		}
	}
	return true;
}

void
imp_front_parse(const struct imp_text *t, size_t from, size_t to, struct packet *p)
{
	int group = H_NONE;
	size_t cap = p->n_people, last_text = t->n, first_text = t->n;

	for (size_t i = imp_next(t, from); i < to; i = imp_next(t, i + 1)) {
		const struct imp_line *l = &t->v[i];
		struct person pp;
		int h;

		if (imp_parse_tid(l, p)) {
			/* The body's name stands right above the date and time. */
			if (p->body == NULL && last_text < t->n)
				p->body = xstrdup(t->v[last_text].s);
			continue;
		}
		h = heading(l);
		if (h != H_NONE) {
			group = h;
			continue;
		}
		if (group < 0) {
			if (p->body == NULL && !imp_agenda_heading(l) && !imp_starts(l, "Plats")) {
				last_text = i;
				if (first_text == t->n)
					first_text = i;
			}
			continue;
		}
		if (!parse_person(l, (enum person_group)group, &pp)) {
			group = H_NONE;	/* the list ended */
			continue;
		}
		if (p->n_people == cap) {
			cap = cap ? cap * 2 : 32;
			p->people = xreallocarray(p->people, cap, sizeof *p->people);
		}
		p->people[p->n_people++] = pp;
	}
	if (p->body == NULL && first_text < t->n)
		p->body = xstrdup(t->v[first_text].s);
}
