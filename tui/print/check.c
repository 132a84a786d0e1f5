/*
 * The checks a secretary wants before the packet goes out, on the agenda
 * as it will print: numbering, time slots (breaks included), what the
 * public would see of a confidential matter, decision items without a
 * proposal, presenters without a title, case numbers that look wrong.
 * Each problem names the item and says what to fix.
 */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "print.h"
#include "text.h"
#include "xmalloc.h"

struct problems {
	struct print_problem *v;
	size_t n;
};

static void
add(struct problems *ps, const char *number, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
add(struct problems *ps, const char *number, const char *fmt, ...)
{
	struct buf b = { 0 };
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = NULL;
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	buf_adds(&b, msg ? msg : fmt);
	free(msg);
	ps->v = xreallocarray(ps->v, ps->n + 1, sizeof *ps->v);
	ps->v[ps->n].number = number ? xstrdup(number) : NULL;
	ps->v[ps->n++].message = buf_detach(&b, NULL);
}

/* "13.05" -> minutes since midnight, -1 when not a time. */
static int
minutes(const char *t)
{
	int h, m;
	char c;

	if (t == NULL || sscanf(t, "%d.%d%c", &h, &m, &c) != 2 || h < 0 || h > 24 || m < 0 || m > 59)
		return -1;
	return h * 60 + m;
}

/* Whether the folded text holds word (folded) at a word start. */
static bool
mentions(const char *text, const char *word)
{
	size_t n, wn;
	char *f, *w, *p;
	bool found = false;

	if (text == NULL)
		return false;
	f = text_fold(text, strlen(text), &n);
	w = text_fold(word, strlen(word), &wn);
	for (p = f; (p = strstr(p, w)) != NULL; p++)
		if (p == f || p[-1] == ' ' || p[-1] == '(') {
			found = true;
			break;
		}
	free(f);
	free(w);
	return found;
}

static void
check_numbers(const struct print_agenda *a, struct problems *ps)
{
	for (size_t i = 0; i < a->n_items; i++) {
		const struct agenda_item *it = &a->items[i];
		int want = i ? a->items[i - 1].last + 1 : 1;

		if (it->first == want + 1)
			add(ps, it->number, _("item %d is missing before item %s"), want, it->number);
		else if (it->first > want)
			add(ps, it->number, _("items %d–%d are missing before item %s"), want,
			    it->first - 1, it->number);
		else if (it->first < want)
			add(ps, it->number, _("item number %s repeats a number already used"), it->number);
	}
}

/* One entry of the timetable: an item or a break, with its slot in minutes. */
struct slot {
	const char *what;	/* the item's number, or the break's label */
	int start, end;		/* -1 when none */
};

static void
check_times(const struct print_agenda *a, struct problems *ps)
{
	struct slot *t = xcalloc(a->n_items + a->n_breaks + 1, sizeof *t);
	size_t n = 0, k = 0;
	int prev = -1;

	for (size_t i = 0; i <= a->n_items; i++) {
		for (; k < a->n_breaks && a->breaks[k].before_ord <= (int)i; k++)
			t[n++] = (struct slot){ a->breaks[k].label, minutes(a->breaks[k].time_start),
			    minutes(a->breaks[k].time_end) };
		if (i < a->n_items)
			t[n++] = (struct slot){ a->items[i].number, minutes(a->items[i].time_start),
			    minutes(a->items[i].time_end) };
	}
	for (size_t i = 0; i < n; i++) {
		if (t[i].start < 0)
			continue;
		if (t[i].end >= 0 && t[i].end < t[i].start)
			add(ps, t[i].what, _("%s ends before it starts"), t[i].what);
		if (prev >= 0) {
			const struct slot *p = &t[prev];

			if (t[i].start < p->start)
				add(ps, t[i].what, _("%s starts before %s, which comes before it"), t[i].what,
				    p->what);
			else if (p->end >= 0 && t[i].start < p->end)
				add(ps, t[i].what, _("%s starts before %s ends"), t[i].what, p->what);
		}
		prev = (int)i;
	}
	free(t);
	/*
	 * An item with no slot between two that have one, when time passes
	 * between them: the slot was forgotten. (An anmälningsärende between
	 * 15.55–16.00 and 16.00–16.05 takes no time and needs none.)
	 */
	for (size_t i = 1; i + 1 < a->n_items; i++) {
		const struct agenda_item *p = &a->items[i - 1], *it = &a->items[i], *nx = &a->items[i + 1];
		int pe = minutes(p->time_end ? p->time_end : p->time_start);

		if (it->time_start == NULL && p->time_start && nx->time_start &&
		    pe >= 0 && minutes(nx->time_start) > pe)
			add(ps, it->number, _("item %s has no time slot, but items %s and %s have"),
			    it->number, p->number, nx->number);
	}
}

/* Whether a printed case number looks like one: YYYY/N, a year near the meeting's. */
static bool
case_ok(const char *c, const char *meeting_date)
{
	int year, num, my = meeting_date ? atoi(meeting_date) : 0, used = 0;

	if (strncmp(c, "RJL ", 4) == 0)
		c += 4;
	if (sscanf(c, "%4d/%d%n", &year, &num, &used) != 2 || c[used] != '\0' || num <= 0)
		return false;
	if (c[5] == '0')	/* "2024/021": no number starts with 0 */
		return false;
	return year >= 1990 && (my == 0 || year <= my + 1);
}

static void
check_items(const struct print_agenda *a, enum print_variant v, struct problems *ps)
{
	for (size_t i = 0; i < a->n_items; i++) {
		const struct agenda_item *it = &a->items[i];

		if (v == PRINT_PUBLIC && !it->confidential &&
		    (mentions(it->title, "sekretess") || mentions(it->title, "OSL")))
			add(ps, it->number, _("item %s speaks of secrecy but is not marked confidential: "
			    "its title would be printed in the public agenda"), it->number);
		if (it->section && mentions(it->section, "beslutsärende") && it->n_proposal == 0)
			add(ps, it->number, _("item %s is under \"%s\" but has no proposed decision"),
			    it->number, it->section);
		for (size_t k = 0; k < it->n_presenters; k++)
			if (it->presenters[k].title == NULL || *it->presenters[k].title == '\0')
				add(ps, it->number, _("presenter %s of item %s has no title"),
				    it->presenters[k].name ? it->presenters[k].name : "?", it->number);
		if (it->case_number && !case_ok(it->case_number, a->meeting.date))
			add(ps, it->number, _("case number %s of item %s does not look like one "
			    "(YYYY/N, the year near the meeting's)"), it->case_number, it->number);
	}
}

size_t
print_check(const struct print_agenda *a, enum print_variant v, struct print_problem **out)
{
	struct problems ps = { 0 };

	check_numbers(a, &ps);
	check_times(a, &ps);
	check_items(a, v, &ps);
	*out = ps.v;
	return ps.n;
}

void
print_problems_free(struct print_problem *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(p[i].number);
		free(p[i].message);
	}
	free(p);
}
