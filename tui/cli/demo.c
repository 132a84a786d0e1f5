/*
 * The demo content behind `kallelse --demo`: a fictitious board,
 * Demonämnden, and its sister body, written for kallelse in Swedish.
 * Nothing here is real; names, case numbers and decisions are invented.
 * The content goes through store_put_packet like any imported packet.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "demo.h"
#include "store_internal.h"
#include "xmalloc.h"

struct demo_doc {
	const char *kind;
	const char *title;
	const char *text;
};

struct demo_item {
	const char *number;
	int first, last;
	const char *section;
	const char *title;
	const char *time_start, *time_end;
	const char *presenter;		/* "Namn, titel" or NULL */
	const char *case_number;	/* "2026/1234" or NULL */
	int paragraph;
	const char *decision;
	const char *proposal[4];	/* lead-in, then bullets */
	int confidential;
	struct demo_doc docs[3];
};

struct demo_meeting {
	const char *body;
	int days;			/* from today; moved off a weekend to the Monday */
	const char *time, *place;
	int presidium_days;		/* before the meeting, or 0 for none */
	const char *const *people;	/* "group|name|party|role|title" */
	const struct demo_item *items;
	size_t n_items;
};

static const char *const demo_people[] = {
	"0|Åsa Öberg|S|ordförande|",
	"0|Örjan Lindqvist|M|1:a vice ordförande|",
	"0|Émile Andersson|C|2:a vice ordförande|",
	"0|Zeth Ek|S|ledamot|",
	"0|Ängla Persson|KD|ledamot|",
	"0|Gunnel Håkansson|L|ledamot|",
	"1|Tove Sjöström|S||",
	"1|Per-Åke Nyberg|M||",
	"2|Karin Wallén|||nämndsekreterare",
	"2|Jörgen Ström|||förvaltningsdirektör",
	"3|Märta Dahl|S||",
	NULL,
};

static const char proposal_text[] =
	"TJÄNSTESKRIVELSE\n"
	"Demonämnden\n\n"
	"Utökade öppettider i Ängsbackens bibliotek\n\n"
	"Förslag till beslut\n"
	"Demonämnden beslutar att\n"
	"• utöka öppettiderna i Ängsbackens bibliotek till och med lördagar,\n"
	"• finansiera utökningen inom befintlig ram.\n\n"
	"Sammanfattning\n"
	"Biblioteket i Ängsbacken är i dag öppet fyra dagar i veckan. Besökarna har i\n"
	"enkäten 2026 önskat längre öppettider, särskilt på lördagar. Förvaltningen\n"
	"föreslår att öppettiderna utökas med fem timmar i veckan från och med den\n"
	"1 februari 2027.\n\n"
	"Information i ärendet\n"
	"Antalet besök har ökat med 14 procent sedan 2024. Särskilt barnfamiljer och\n"
	"äldre efterfrågar öppet på helger. En lördagsöppning kräver 0,4 årsarbetare.\n"
	"Kostnaden ryms inom ramen genom att inköpen av tidskrifter minskas.\n\n"
	"Beslutsunderlag\n"
	"• Tjänsteskrivelse 2026-11-02\n"
	"• Besöksenkät 2026\n\n"
	"Jörgen Ström\n"
	"förvaltningsdirektör\n";

static const char survey_text[] =
	"BESÖKSENKÄT 2026\n\n"
	"Ängsbackens bibliotek\n\n"
	"Enkäten besvarades av 412 besökare under september och oktober 2026.\n\n"
	"Fråga 1. Hur ofta besöker du biblioteket?\n"
	"Varje vecka        38 %\n"
	"Varje månad        41 %\n"
	"Mer sällan         21 %\n\n"
	"Fråga 2. Vilka tider saknar du?\n"
	"Lördagar           57 %\n"
	"Kvällar efter 19   23 %\n"
	"Söndagar           12 %\n\n"
	"Kommentarer i urval\n"
	"– Öppna på lördagar, då har barnen ledigt.\n"
	"– Läsesalen behövs under tentaperioden.\n"
	"– Fler sittplatser vid fönstren, tack!\n";

static const char budget_text[] =
	"MÅNADSRAPPORT OKTOBER 2026\n"
	"Demonämnden\n\n"
	"Sammanfattning\n"
	"Nämnden redovisar ett överskott på 1,2 miljoner kronor efter tio månader.\n"
	"Prognosen för helåret är en budget i balans.\n\n"
	"Verksamhet    Budget   Utfall   Avvikelse\n"
	"Bibliotek       18,0     16,9        1,1\n"
	"Kulturskola     22,5     22,6       -0,1\n"
	"Fritidsgårdar   11,2     11,0        0,2\n\n"
	"Åtgärder\n"
	"Förvaltningen fortsätter att följa upp kostnaderna för lokaler och\n"
	"vikarier varje månad.\n";

static const char personal_text[] =
	"PROTOKOLLSUTDRAG\n\n"
	"Ärendet behandlas med stöd av offentlighets- och sekretesslagen\n"
	"(2009:400) 39 kap. 3 §. Handlingen lämnas inte ut.\n";

static const struct demo_item demo_items_next[] = {
	{ "1–4", 1, 4, NULL, "Upprop, val av justerare, godkännande av dagordning", "09.00", "09.05",
	  NULL, NULL, 0, NULL, { NULL }, 0, { { 0 } } },
	{ "5", 5, 5, "Information", "Månadsrapport oktober 2026", "09.05", "09.30",
	  "Jörgen Ström, förvaltningsdirektör", "2026/88", 41,
	  "Presidiet lägger informationen till handlingarna.", { NULL }, 0,
	  { { "rapport", "Månadsrapport oktober 2026", budget_text } } },
	{ "6", 6, 6, "Beslutsärenden", "Utökade öppettider i Ängsbackens bibliotek", "09.30", "10.00",
	  "Karin Wallén, nämndsekreterare", "2026/412", 42,
	  "Presidiet föreslår Demonämnden att • utöka öppettiderna i Ängsbackens bibliotek.",
	  { "Demonämnden beslutar att",
	    "utöka öppettiderna i Ängsbackens bibliotek till och med lördagar,",
	    "finansiera utökningen inom befintlig ram." }, 0,
	  { { "tjänsteskrivelse", "Utökade öppettider i Ängsbackens bibliotek", proposal_text },
	    { "bilaga", "Besöksenkät 2026", survey_text } } },
	{ "7", 7, 7, "Beslutsärenden", "Personalärende – sekretess", "10.00", "10.15",
	  "Jörgen Ström, förvaltningsdirektör", "2026/501", 43, NULL, { NULL }, 1,
	  { { "protokollsutdrag", "Personalärende", personal_text } } },
	{ "8", 8, 8, "Övrigt", "Övriga frågor", "10.15", NULL, NULL, NULL, 0, NULL, { NULL }, 0,
	  { { 0 } } },
};

static const struct demo_item demo_items_last[] = {
	{ "1–4", 1, 4, NULL, "Upprop, val av justerare, godkännande av dagordning", "09.00", "09.05",
	  NULL, NULL, 0, NULL, { NULL }, 0, { { 0 } } },
	{ "5", 5, 5, "Information", "Kulturskolans höstterminsstart", "09.05", "09.45",
	  "Tove Sjöström, kulturskolechef", NULL, 31,
	  "Presidiet lägger informationen till handlingarna.", { NULL }, 0, { { 0 } } },
	{ "6", 6, 6, "Övrigt", "Övriga frågor", "09.45", NULL, NULL, NULL, 0, NULL, { NULL }, 0,
	  { { 0 } } },
};

static const struct demo_item demo_items_sister[] = {
	{ "1", 1, 1, NULL, "Mötets öppnande", "13.00", "13.05", NULL, NULL, 0, NULL, { NULL }, 0,
	  { { 0 } } },
	{ "2", 2, 2, "Beslutsärenden", "Gång- och cykelväg längs Åbergsvägen", "13.05", "13.40",
	  "Jörgen Ström, förvaltningsdirektör", "2026/733", 12,
	  "Presidiet föreslår Demonämndens utskott att • godkänna förstudien.",
	  { "Demonämndens utskott beslutar att", "godkänna förstudien för gång- och cykelväg längs Åbergsvägen." },
	  0, { { 0 } } },
};

/*
 * The dates follow today, so that the demo always has what a member sees
 * before a meeting: the board's next meeting in a week (the one the
 * program opens on), its sister body's next month, and the board's last
 * meeting, six weeks ago.
 */
static const struct demo_meeting demo_meetings[] = {
	{ "Demonämnden", 7, "09.00", "Stadshuset, Sessionssalen", 14,
	  demo_people, demo_items_next, sizeof demo_items_next / sizeof demo_items_next[0] },
	{ "Demonämnden", -42, "09.00", "Stadshuset, Sessionssalen", 14,
	  demo_people, demo_items_last, sizeof demo_items_last / sizeof demo_items_last[0] },
	{ "Demonämndens utskott", 35, "13.00", "Ängsbackens bibliotek, Läsesalen", 0,
	  demo_people, demo_items_sister, sizeof demo_items_sister / sizeof demo_items_sister[0] },
};

/*
 * today ("YYYY-MM-DD") plus days, as "YYYY-MM-DD"; a Saturday or Sunday
 * moves on to the Monday when weekday is set (boards meet on weekdays).
 * Noon, so that no change to or from summer time moves the day. Caller frees.
 */
static char *
demo_date(const char *today, int days, bool weekday)
{
	struct tm tm = { 0 };
	char out[16];

	tm.tm_year = atoi(today) - 1900;
	tm.tm_mon = atoi(today + 5) - 1;
	tm.tm_mday = atoi(today + 8) + days;
	tm.tm_hour = 12;
	tm.tm_isdst = -1;
	mktime(&tm);
	if (weekday && (tm.tm_wday == 6 || tm.tm_wday == 0)) {
		tm.tm_mday += tm.tm_wday == 6 ? 2 : 1;
		tm.tm_isdst = -1;
		mktime(&tm);
	}
	strftime(out, sizeof out, "%Y-%m-%d", &tm);
	return xstrdup(out);
}

/* Split "group|name|party|role|title" into a person; empty fields are NULL. */
static void
demo_person(const char *spec, struct person *p)
{
	char *fields[5] = { 0 };
	const char *s = spec;

	for (int i = 0; i < 5; i++) {
		const char *bar = strchr(s, '|');
		size_t n = bar ? (size_t)(bar - s) : strlen(s);
		fields[i] = n ? xstrndup(s, n) : NULL;
		s = bar ? bar + 1 : s + n;
	}
	p->group = (enum person_group)(fields[0][0] - '0');
	free(fields[0]);
	p->name = fields[1];
	p->party = fields[2];
	p->role = fields[3];
	p->title = fields[4];
}

static void
demo_presenter(const char *spec, struct agenda_item *it)
{
	const char *comma = strchr(spec, ',');

	it->presenters = xcalloc(1, sizeof *it->presenters);
	it->n_presenters = 1;
	it->presenters[0].raw = xstrdup(spec);
	it->presenters[0].name = xstrndup(spec, (size_t)(comma - spec));
	it->presenters[0].title = xstrdup(comma + 2);
}

static void
demo_add_doc(struct packet *out, int item, const struct demo_doc *d, const char *date,
    const char *case_number)
{
	struct packet_doc *pd;

	out->docs = xreallocarray(out->docs, out->n_docs + 1, sizeof *out->docs);
	pd = &out->docs[out->n_docs++];
	memset(pd, 0, sizeof *pd);
	pd->item = item;
	pd->kind = xstrdup(d->kind);
	pd->title = xstrdup(d->title);
	pd->date = xstrdup(date);
	pd->case_number = xstrdup_null(case_number);
	pd->text = xstrdup(d->text);
	pd->text_len = strlen(d->text);
}

bool
demo_packet(int index, struct packet *out)
{
	const struct demo_meeting *m;
	char today[11];

	if (index < 0 || (size_t)index >= sizeof demo_meetings / sizeof demo_meetings[0])
		return false;
	m = &demo_meetings[index];
	store_today(today);
	out->body = xstrdup(m->body);
	out->date = demo_date(today, m->days, true);
	out->time = xstrdup(m->time);
	out->place = xstrdup(m->place);
	out->presidium_date = m->presidium_days ? demo_date(out->date, -m->presidium_days, false)
	    : NULL;
	out->source_name = xstrdup("demo");
	for (size_t i = 0; m->people[i]; i++)
		out->n_people++;
	out->people = xcalloc(out->n_people, sizeof *out->people);
	for (size_t i = 0; i < out->n_people; i++)
		demo_person(m->people[i], &out->people[i]);

	out->n_items = m->n_items;
	out->items = xcalloc(m->n_items, sizeof *out->items);
	for (size_t i = 0; i < m->n_items; i++) {
		const struct demo_item *d = &m->items[i];
		struct agenda_item *it = &out->items[i];
		char *rjl = d->case_number ? xasprintf("RJL %s", d->case_number) : NULL;

		it->number = xstrdup(d->number);
		it->first = d->first;
		it->last = d->last;
		it->title = xstrdup(d->title);
		it->section = xstrdup_null(d->section);
		it->time_start = xstrdup_null(d->time_start);
		it->time_end = xstrdup_null(d->time_end);
		if (d->presenter)
			demo_presenter(d->presenter, it);
		it->case_number = rjl;
		it->case_number_printed = xstrdup_null(d->case_number);
		it->presidium_paragraph = d->paragraph;
		it->presidium_decision = xstrdup_null(d->decision);
		it->confidential = d->confidential != 0;
		while (it->n_proposal < 4 && d->proposal[it->n_proposal])
			it->n_proposal++;
		if (it->n_proposal) {
			it->proposal = xcalloc(it->n_proposal, sizeof *it->proposal);
			for (size_t k = 0; k < it->n_proposal; k++)
				it->proposal[k] = xstrdup(d->proposal[k]);
			it->proposal_source = xstrdup("tjänsteskrivelse");
		}
		for (size_t k = 0; k < 3 && d->docs[k].kind; k++)
			demo_add_doc(out, (int)i, &d->docs[k], out->date, rjl);
	}
	return true;
}
