/*
 * Import unit tests that need no seed: packets printed in other layouts,
 * one row per document-start marker and per agenda line kind (with a
 * near miss each), joining words hyphenated across lines, an attachment's
 * title and text, where a document's pages begin, and the sha256 of the
 * source file.
 */
#include "config.h"

#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "import_internal.h"
#include "testutil.h"

static void
eq_str(const char *what, const char *where, const char *want, const char *got)
{
	ck_assert_msg((want == NULL && got == NULL) ||
	    (want != NULL && got != NULL && strcmp(want, got) == 0),
	    "%s of %s: want \"%s\", parsed \"%s\"", what, where, want ? want : "null",
	    got ? got : "null");
}

static void
parse_ok(const char *bytes, size_t len, struct packet *p)
{
	char *err = NULL;
	enum status st = import_parse_packet(bytes, len, "variant", p, &err);
	ck_assert_msg(st == STATUS_OK, "parse failed: %s", err ? err : "?");
}

/* ---- another packet of the same kind, printed differently ---- */

START_TEST(test_other_layout)
{
	static const char text[] =
	    "Region Jönköpings län\n\nRegionstyrelsen\nDatum: 2025-01-14\nTid: kl. 09.00–12.00\n"
	    "Ledamöter\nAnna Andersson (S), ordförande\nBo Bengtsson (M)\n\nErsättare\n"
	    "Cecilia Carlsson (C)\n\f DAGORDNING\nPlats:Rosen, Regionens hus\n1 - 3\n"
	    "Inledande formalia\n09.00 - 09.10\nInformation\n4 Budgetuppföljning\n"
	    "Eva Ek, ekonomichef\n09.10-09.40\nDnr RJL 2025/17\n5\nÖvriga frågor\n"
	    "\f PROTOKOLL\nRegionstyrelsens arbetsutskott\nSammanträdesdatum\n2025-01-07\n"
	    "Protokollsutdrag\n§ 12\nBudgetuppföljning\nDiarienummer: RJL 2025/17\nBeslut\n"
	    "Arbetsutskottet lägger informationen\ntill handlingarna.\nSammanfattning\n"
	    "Arbetsutskottet informeras.\n";
	struct packet p;

	parse_ok(text, sizeof text - 1, &p);
	eq_str("body", "other layout", "Regionstyrelsen", p.body);
	eq_str("date", "other layout", "2025-01-14", p.date);
	eq_str("time", "other layout", "09.00", p.time);
	eq_str("time_end", "other layout", "12.00", p.time_end);
	eq_str("place", "other layout", "Rosen, Regionens hus", p.place);
	ck_assert_int_eq(p.n_people, 3);
	eq_str("role", "Anna", "ordförande", p.people[0].role);
	eq_str("role", "Bo", "ledamot", p.people[1].role);
	ck_assert_int_eq(p.people[2].group, PERSON_SUBSTITUTE);
	ck_assert_int_eq(p.n_items, 3);
	eq_str("number", "item 1", "1–3", p.items[0].number);
	eq_str("title", "item 1", "Inledande formalia", p.items[0].title);
	eq_str("time_end", "item 1", "09.10", p.items[0].time_end);
	ck_assert(p.items[0].section == NULL);
	eq_str("section", "item 4", "Information", p.items[1].section);
	eq_str("case", "item 4", "RJL 2025/17", p.items[1].case_number);
	ck_assert_int_eq(p.items[1].n_presenters, 1);
	eq_str("presenter", "item 4", "Eva Ek", p.items[1].presenters[0].name);
	ck_assert_int_eq(p.items[1].presidium_paragraph, 12);
	eq_str("decision", "item 4", "Arbetsutskottet lägger informationen till handlingarna.",
	    p.items[1].presidium_decision);
	eq_str("title", "item 5", "Övriga frågor", p.items[2].title);
	/* An arbetsutskott prepares the matters as a presidium does. */
	eq_str("presidium_date", "other layout", "2025-01-07", p.presidium_date);
	ck_assert_int_eq(p.n_docs, 3);
	ck_assert_int_eq(p.docs[2].item, 1);
	packet_free(&p);
}
END_TEST

START_TEST(test_agenda_rows_on_one_line)
{
	/* pdftotext -layout flattens each agenda row onto one line. */
	static const char text[] = "Nämnd för folkhälsa och sjukvård\nTid: 2024-12-10 13.00\n"
	    "DAGORDNING 1(1)\nPlats: Spira, Insikten\n1–5 Upprop etc. 13.00–13.05\nInformation\n"
	    "6 Verksamhetsområde Bra Liv 13.05 – 14.05\nCharlotta Larsdotter, direktör Bra Liv\n"
	    "7 Intern kontroll – Månadsrapport 2024 Nämnd för 2024/21\nfolkhälsa och sjukvård\n"
	    "8 Övriga frågor 16.25\n"
	    "PROTOKOLL\nNämnd för folkhälsa och sjukvård\nSammanträdesdatum\n2024-10-08\n"
	    "Protokollsutdrag, bestyrkande\n§ 99\nÖvriga frågor\nBeslut\nNämnden noterar frågan.\n";
	struct packet p;

	parse_ok(text, sizeof text - 1, &p);
	ck_assert_int_eq(p.n_items, 4);
	eq_str("title", "item 1–5", "Upprop etc.", p.items[0].title);
	eq_str("time_end", "item 1–5", "13.05", p.items[0].time_end);
	eq_str("title", "item 6", "Verksamhetsområde Bra Liv", p.items[1].title);
	eq_str("time_start", "item 6", "13.05", p.items[1].time_start);
	eq_str("time_end", "item 6", "14.05", p.items[1].time_end);
	eq_str("section", "item 6", "Information", p.items[1].section);
	ck_assert_int_eq(p.items[1].n_presenters, 1);
	eq_str("title", "item 7", "Intern kontroll – Månadsrapport 2024 Nämnd för folkhälsa och sjukvård",
	    p.items[2].title);
	eq_str("case", "item 7", "RJL 2024/21", p.items[2].case_number);
	eq_str("title", "item 8", "Övriga frågor", p.items[3].title);
	eq_str("time_start", "item 8", "16.25", p.items[3].time_start);
	ck_assert(p.items[3].time_end == NULL);
	/* The nämnd's own earlier minutes: the item's paper, but no presidium decision. */
	ck_assert_int_eq(p.items[3].presidium_paragraph, 0);
	ck_assert(p.items[3].presidium_decision == NULL);
	ck_assert(p.presidium_date == NULL);
	ck_assert_int_eq(p.n_docs, 3);
	ck_assert_int_eq(p.docs[2].item, 3);
	packet_free(&p);
}
END_TEST

START_TEST(test_agenda_on_front_page)
{
	static const char text[] = "Kallelse\nKulturnämnden\nTid: 2025-02-01 10.00\n"
	    "Plats: Stora salen\n\nÄrenden\n1 Öppnande\n2 Bidrag till\nstudieförbund 2025\n"
	    "Dnr 2025/5\n";
	struct packet p;

	parse_ok(text, sizeof text - 1, &p);
	eq_str("body", "front-page agenda", "Kulturnämnden", p.body);
	eq_str("place", "front-page agenda", "Stora salen", p.place);
	ck_assert_int_eq(p.n_items, 2);
	eq_str("title", "item 2", "Bidrag till studieförbund 2025", p.items[1].title);
	eq_str("case", "item 2", "RJL 2025/5", p.items[1].case_number);
	packet_free(&p);
}
END_TEST

/* ---- document-start markers (import_markers.c), one row each ---- */

/*
 * A packet whose last document is a presidium's § on item 2 listing its
 * Beslutsunderlag; a row's text follows it on a new page.
 */
static const char marker_prefix[] =
    "Nämnd för prov\nTid: 2024-12-10 13.00\nDAGORDNING\n1 Öppnande\n"
    "2 Verksamhetsplan och budget 2025\nDnr 2024/77\n"
    "\fPROTOKOLL\nNämnd för prov – presidium\nSammanträdesdatum\n2024-11-26\n"
    "Protokollsutdrag\n§ 5\nVerksamhetsplan och budget 2025\nDiarienummer: RJL 2024/77\n"
    "Beslut\nPresidiet föreslår nämnden att fastställa planen.\nBeslutsunderlag\n"
    "• Yttrande: Synpunkter från länsstyrelsen\n• Remiss: Framtidens stöd till prov\n"
    "• Missiv: Remiss av betänkandet\n• Bilaga: Sammanställning av synpunkter\n"
    "• Rapport: Uppföljning av planen för prov\n\f";

static const struct {
	const char *name;	/* the marker row */
	const char *text;	/* must start a document of kind (titled title, unless NULL) */
	const char *kind, *title;
	const char *near;	/* must start no document */
} marker_rows[] = {
	{ "agenda heading", "DAGORDNING\n1 Öppnande\n", "dagordning", NULL,
	  "Dagordningen ändras.\n" },
	{ "diary print-out of delegated decisions",
	  "Delegeringsbeslut\nUtskriven av: Anna Ek\nBeslut om bidrag\n", "delegeringsbeslut", NULL,
	  "Delegeringsbeslut\nInga beslut har fattats.\n" },
	{ "diary print-out of papers", "Ärenden\nUtskriftsdatum: 2024-12-01\nSkrivelse om vård\n",
	  "förteckning", NULL, "Ärenden\nSe bilagan.\n" },
	{ "list of reported papers", "Handling Dnr Datum\nAnmälda handlingar till nämnden\n",
	  "förteckning", "Anmälda handlingar", "Handling Dnr Datum\nLista över beslut\n" },
	{ "minutes header",
	  "PROTOKOLL\nNämnd för prov\nProtokollsutdrag\n§ 9\nÖppnande\nBeslut\nNämnden öppnar.\n",
	  "protokollsutdrag", NULL, "PROTOKOLL fört vid sammanträdet\nNämnd för prov\nText.\n" },
	{ "paragraph with its decision", "§ 6\nÖppnande\nBeslut\nNämnden öppnar mötet.\n",
	  "protokollsutdrag", NULL, "§ 6\nÖppnande\nNämnden diskuterar.\n" },
	{ "tjänsteskrivelse header",
	  "TJÄNSTESKRIVELSE\nPlanen för 2025\nFörslag till beslut\nNämnden fastställer planen.\n",
	  "tjänsteskrivelse", NULL, "TJÄNSTESKRIVELSE\nPlanen för 2025\nNämnden fastställer.\n" },
	{ "tjänsteskrivelse header (dated)",
	  "2024-11-20 RJL 2024/77\nPlanen för 2025\nFörslag till beslut\nNämnden fastställer.\n",
	  "tjänsteskrivelse", NULL, "2024-11-20 2024/77\nPlanen\nFörslag till beslut\nText.\n" },
	{ "tjänsteskrivelse header (office)",
	  "Regionledningskontoret\nPlanen för 2025\nFörslag till beslut\nNämnden fastställer.\n",
	  "tjänsteskrivelse", NULL, "Regionledningskontoret\nPlanen för 2025\nText om planen.\n" },
	{ "compilation by office", "Förvaltningsnamn\nAvsändare\nSammanställning av synpunkter\n",
	  "bilaga", "Sammanställning av synpunkter", "Förvaltningsnamn\nKontaktperson\nText.\n" },
	{ "letterhead", "Telefon: 010-22 36 000\nOrgnr 202100-1111\nYttrande över planen\n",
	  "yttrande", "Synpunkter från länsstyrelsen",
	  "Telefon: 010-22 36 000\nE-post: info@prov.se\nText\nMer text\n" },
	{ "SOU to the minister", "Till statsrådet Anna Andersson\nRegeringen beslutade.\n",
	  "remiss", "Framtidens stöd till prov", "Till statsministern\nText.\n" },
	{ "ministry's missiv", "2024-10-01\nSocialdepartementet\nRemiss av betänkandet\n",
	  "missiv", "Remiss av betänkandet", "2024-10-01\nLänsstyrelsen\nText.\n" },
	{ "e-mail header", "From: Anna Ek\nSent: den 1 december 2024\nTo: Nämnden\nSubject: Fråga\n",
	  "e-post", NULL, "From: Anna Ek\nTo: Bo\nCc: Eva\nSent: den 1 december 2024\n" },
	{ "e-mail header in Swedish", "Från: Anna Ek\nSkickat: den 1 december 2024\nTill: Bo\n",
	  "e-post", NULL, "Från: Anna Ek\nTill: Bo\nKopia: Eva\nSkickat: den 1 december\n" },
	{ "dated question", "Datum: 2024-11-30\nFråga till ordföranden\nVarför?\n", "skrivelse",
	  NULL, "Datum: 2024-11-30\nSvar från förvaltningen\n" },
	{ "questions from someone", "Frågor från Anna Ek (S)\nVarför?\n", "skrivelse", NULL,
	  "Frågorna från mötet besvaras.\n" },
	{ "question from someone", "Fråga från Bo Berg (M)\nVarför?\n", "skrivelse", NULL,
	  "Frågan från Bo besvaras.\n" },
	{ "verksamhetsplan", "Inledning\nText om planen.\nStrategiska mål\nMer text.\n",
	  "verksamhetsplan", NULL, "Inledning\nText om planen utan mål.\n" },
	{ "listed title", "Uppföljning av planen för prov\nEn text.\n", "rapport",
	  "Uppföljning av planen för prov", "Uppföljning sker varje år\nEn text.\n" },
};

/* The document whose text starts with the first line of text, or NULL. */
static const struct packet_doc *
doc_at(const struct packet *p, const char *text)
{
	size_t n = strcspn(text, "\n");

	for (size_t k = 0; k < p->n_docs; k++)
		if (strncmp(p->docs[k].text, text, n) == 0 && p->docs[k].text[n] != ' ')
			return &p->docs[k];
	return NULL;
}

static void
parse_after(const char *prefix, const char *text, struct packet *p)
{
	char *all = xasprintf("%s%s", prefix, text);

	parse_ok(all, strlen(all), p);
	free(all);
}

START_TEST(test_marker)
{
	const char *name = marker_rows[_i].name;
	const struct packet_doc *d;
	struct packet p;

	parse_after(marker_prefix, marker_rows[_i].text, &p);
	d = doc_at(&p, marker_rows[_i].text);
	ck_assert_msg(d != NULL, "%s: no document starts at its marker", name);
	eq_str("kind", name, marker_rows[_i].kind, d->kind);
	if (marker_rows[_i].title)
		eq_str("title", name, marker_rows[_i].title, d->title);
	packet_free(&p);

	parse_after(marker_prefix, marker_rows[_i].near, &p);
	d = doc_at(&p, marker_rows[_i].near);
	ck_assert_msg(d == NULL, "%s: the near miss started a %s", name, d ? d->kind : "");
	packet_free(&p);
}
END_TEST

/* Rows that catch a repeated header: how often its line is left in the text (over the prefix's). */
static const struct {
	const char *name, *text, *line;
	int times;
	size_t docs;	/* documents after the prefix's */
} repeat_rows[] = {
	{ "tjänsteskrivelse page header", "TJÄNSTESKRIVELSE\nPlanen\nFörslag till beslut\nText.\n"
	  "\fTJÄNSTESKRIVELSE\nMer text.\n", "TJÄNSTESKRIVELSE", 1, 1 },
	{ "agenda page header", "DAGORDNING\n1 Öppnande\n\fDAGORDNING 2(2)\n2 Val\n",
	  "DAGORDNING", 1, 1 },
	{ "letterhead page header", "Telefon: 010-22 36 000\nOrgnr 202100-1111\nText.\n"
	  "\fTelefon: 010-22 36 000\nOrgnr 202100-1111\nMer text.\n", "Telefon:", 1, 1 },
	/* The § we are in, printed again: its text, not a new document. */
	{ "same paragraph", "§ 5\nFortsättning\nBeslut\nSom ovan.\n", "§ 5", 1, 0 },
};

static int
times_in_docs(const struct packet *p, const char *line)
{
	int times = 0;

	for (size_t k = 0; k < p->n_docs; k++)
		for (const char *s = p->docs[k].text; (s = strstr(s, line)) != NULL; s++)
			times++;
	return times;
}

START_TEST(test_marker_repeat)
{
	struct packet p0, p;
	int times;

	parse_after(marker_prefix, "", &p0);
	parse_after(marker_prefix, repeat_rows[_i].text, &p);
	times = times_in_docs(&p, repeat_rows[_i].line) - times_in_docs(&p0, repeat_rows[_i].line);
	ck_assert_msg(times == repeat_rows[_i].times, "%s: \"%s\" %d times, want %d",
	    repeat_rows[_i].name, repeat_rows[_i].line, times, repeat_rows[_i].times);
	ck_assert_msg(p.n_docs == p0.n_docs + repeat_rows[_i].docs, "%s: %zu documents, want %zu",
	    repeat_rows[_i].name, p.n_docs, p0.n_docs + repeat_rows[_i].docs);
	packet_free(&p0);
	packet_free(&p);
}
END_TEST

/* ---- agenda line kinds (import_agenda.c), one row each ---- */

enum agenda_field { F_ITEMS, F_TITLE, F_SECTION, F_TIME, F_CASE, F_PRESENTER };

static const char *
agenda_field(const struct packet *p, int item, enum agenda_field f)
{
	static char count[16];
	const struct agenda_item *it = (size_t)item < p->n_items ? &p->items[item] : NULL;

	if (f == F_ITEMS) {
		snprintf(count, sizeof count, "%zu", p->n_items);
		return count;
	}
	ck_assert_msg(it != NULL, "no item %d", item);
	switch (f) {
	case F_TITLE: return it->title;
	case F_SECTION: return it->section;
	case F_TIME: return it->time_start;
	case F_CASE: return it->case_number;
	case F_PRESENTER: return it->n_presenters ? it->presenters[0].name : NULL;
	case F_ITEMS: break;
	}
	return NULL;
}

static const struct {
	const char *name;	/* the line kind */
	const char *lines;	/* agenda lines that hold one */
	int item;
	enum agenda_field field;
	const char *want;
	const char *near;	/* lines where it is not of that kind */
	const char *near_want;
} agenda_rows[] = {
	{ "place", "1 Öppnande\nPlats: Salen\n", 0, F_TITLE, "Öppnande",
	  "1 Öppnande\nPlatser: Salen\n", "Öppnande Platser: Salen" },
	{ "page header", "1 Öppnande\nTid: 2024-12-10 13.00\n", 0, F_TITLE, "Öppnande",
	  "1 Öppnande\nTiden räcker\n", "Öppnande Tiden räcker" },
	{ "item", "1 Öppnande\n2 Val av justerare\n", 0, F_ITEMS, "2",
	  "1 Öppnande\n4 Val av justerare\n", "1" },
	{ "time before the first item", "13.00\n1 Öppnande\n", 0, F_SECTION, NULL,
	  "Information\n1 Öppnande\n", "Information" },
	{ "heading before the first item", "Beslutsärenden\n1 Öppnande\n", 0, F_SECTION,
	  "Beslutsärenden", "kl. 13.00\n1 Öppnande\n", NULL },
	{ "time slot", "1 Öppnande\n13.00–13.05\n", 0, F_TIME, "13.00",
	  "1 Öppnande\n13.00 och framåt\n", NULL },
	/* After the time: a title line would give its tail as the case number too. */
	{ "case number", "1 Öppnande\n13.00\nDnr 2024/77\n", 0, F_CASE, "RJL 2024/77",
	  "1 Öppnande\n13.00\nDnr 2024 om 77\n", NULL },
	/* Dropped today; when breaks become agenda rows this row changes. */
	{ "break", "1 Öppnande\n13.00–13.05\nPaus 14.35–14.50\n2 Val\n", 1, F_SECTION, NULL,
	  "1 Öppnande\n13.00–13.05\nBeslutsärenden\n2 Val\n", "Beslutsärenden" },
	{ "presenter", "1 Öppnande\nAnna Andersson, ordförande\n", 0, F_PRESENTER,
	  "Anna Andersson", "1 Öppnande\nanna andersson, ordförande\n", NULL },
	{ "section heading", "1 Öppnande\n13.00\nBeslutsärenden\n2 Val\n", 1, F_SECTION,
	  "Beslutsärenden", "1 Öppnande\nom mötet\n2 Val\n", NULL },
	{ "title going on", "1 Bidrag till\nstudieförbund\n", 0, F_TITLE,
	  "Bidrag till studieförbund", "1 Bidrag\n13.00\nstudieförbund\n", "Bidrag" },
};

static const char agenda_prefix[] = "Nämnd för prov\nTid: 2024-12-10 13.00\nDAGORDNING\n";

START_TEST(test_agenda_line)
{
	struct packet p;

	parse_after(agenda_prefix, agenda_rows[_i].lines, &p);
	eq_str(agenda_rows[_i].name, "its line", agenda_rows[_i].want,
	    agenda_field(&p, agenda_rows[_i].item, agenda_rows[_i].field));
	packet_free(&p);
	parse_after(agenda_prefix, agenda_rows[_i].near, &p);
	eq_str(agenda_rows[_i].name, "the near miss", agenda_rows[_i].near_want,
	    agenda_field(&p, agenda_rows[_i].item, agenda_rows[_i].field));
	packet_free(&p);
}
END_TEST

static const struct {
	const char *a, *b;
	int how;	/* imp_hyphen_join: 0 keep both, 1 join dropping the hyphen, 2 join keeping it */
} hyphen_rows[] = {
	{ "En informations-", "portal för anhöriga", 1 },
	{ "vidare-", "utvecklas och stärkas", 1 },
	{ "för-", "ändringen", 1 },
	{ "hälso-", "och sjukvård", 0 },
	{ "barn-", ", ungdoms- och vuxen", 0 },
	{ "kunskaps-", "eller forskningsstöd", 0 },
	{ "vård-", "eller omsorg", 0 },
	{ "hälso-", "som sjukvården", 0 },
	{ "metoder lik-", "som indikatorer", 1 },
	{ "det blir väldigt en-", "samt och man", 1 },
	{ "biblioteksplan 2025-", "2028", 2 },
	{ "HSLF-", "FS 2023:21", 2 },
	{ "enligt EU-", "kommissionens förslag", 2 },
	{ "digitala e-", "tjänster", 2 },
	{ "Intern kontroll -", "Nämnden", 0 },
	{ "slut.", "Nästa", 0 },
};

START_TEST(test_hyphen_join)
{
	ck_assert_msg(imp_hyphen_join(hyphen_rows[_i].a, strlen(hyphen_rows[_i].a),
	    hyphen_rows[_i].b, strlen(hyphen_rows[_i].b)) == hyphen_rows[_i].how,
	    "\"%s\" + \"%s\"", hyphen_rows[_i].a, hyphen_rows[_i].b);
}
END_TEST

/* The line of text that begins with prefix, or -1. */
static long
line_of(const char *text, const char *prefix)
{
	long line = 0;

	for (const char *l = text; l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL, line++)
		if (strncmp(l, prefix, strlen(prefix)) == 0)
			return line;
	return -1;
}

/*
 * Where a document's later pages begin in its text: a form feed followed
 * by a blank line, a word hyphenated across lines on the new page, blank
 * runs collapsed, and a page head that is skipped (it still turns the
 * page). The lines are looked up in the result, so the count is the
 * result's own.
 */
START_TEST(test_page_starts)
{
	static const char src[] = "Rubrik\nförsta sidan rad två\f\nsida två börjar med ett bry-\n"
	    "tande ord\n\n\nsista stycket\fSida 3 av 3\nsida tre\n";
	char *buf = strdup(src), *text;
	struct imp_text t;
	struct packet_page_start *starts;
	size_t len, n, hl = 0;
	bool skip[16] = { false };
	int hp = 0;

	ck_assert_ptr_nonnull(buf);
	imp_text_init(&t, buf, strlen(buf));
	ck_assert_uint_lt(t.n, 16);
	for (size_t i = 0; i < t.n; i++)
		skip[i] = strncmp(t.v[i].s, "Sida 3 av", 9) == 0;
	text = imp_doc_text(&t, 0, t.n, skip, &len, imp_page_of(&t, 0, &hl, &hp), &starts, &n);
	ck_assert_msg(strstr(text, "Sida 3") == NULL, "the page head was kept: %s", text);
	ck_assert_msg(strstr(text, "brytande\nord") != NULL, "not joined: %s", text);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(starts[0].line, line_of(text, "sida två"));
	ck_assert_int_eq(starts[0].page, 2);
	ck_assert_int_eq(starts[1].line, line_of(text, "sida tre"));
	ck_assert_int_eq(starts[1].page, 3);
	free(starts);
	free(text);
	/* Without pages (text with no form feeds, from_page 0): none. */
	text = imp_doc_text(&t, 0, 2, NULL, &len, 0, &starts, &n);
	ck_assert_uint_eq(n, 0);
	ck_assert_ptr_null(starts);
	free(text);
	imp_text_free(&t);
}
END_TEST

START_TEST(test_attachment_text)
{
	static const char in[] = " Rubrik på bilden \r\n\r\n\r\n\r\nEn informations-\r\nportal för hälso-\r\n"
	    "och sjukvård   \r\n\f Nästa sida\r\n";
	struct packet_doc d;
	char *err = NULL;

	ck_assert_int_eq(import_parse_attachment(in, sizeof in - 1, "x.txt", &d, &err), STATUS_OK);
	ck_assert_str_eq(d.title, "Rubrik på bilden");
	ck_assert_str_eq(d.kind, "bilaga");
	ck_assert_str_eq(d.text, "Rubrik på bilden\n\nEn informationsportal\nför hälso-\noch sjukvård\n\nNästa sida");
	packet_doc_free(&d);
}
END_TEST

START_TEST(test_sha256)
{
	char hex[65];

	import_sha256_hex("", 0, hex);
	ck_assert_str_eq(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	import_sha256_hex("abc", 3, hex);
	ck_assert_str_eq(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	import_sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56, hex);
	ck_assert_str_eq(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	/* Many blocks in one call (the SHA extensions' loop, where the processor has them). */
	{
		enum { N = 1000000 };
		char *a = malloc(N);

		ck_assert_ptr_nonnull(a);
		memset(a, 'a', N);
		import_sha256_hex(a, N, hex);
		free(a);
		ck_assert_str_eq(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	}
}
END_TEST

static Suite *
units_suite(void)
{
	Suite *s = suite_create("import-units");
	TCase *tc = tcase_create("units");

	tcase_add_test(tc, test_other_layout);
	tcase_add_test(tc, test_agenda_on_front_page);
	tcase_add_test(tc, test_agenda_rows_on_one_line);
	tcase_add_loop_test(tc, test_marker, 0, sizeof marker_rows / sizeof marker_rows[0]);
	tcase_add_loop_test(tc, test_marker_repeat, 0, sizeof repeat_rows / sizeof repeat_rows[0]);
	tcase_add_loop_test(tc, test_agenda_line, 0, sizeof agenda_rows / sizeof agenda_rows[0]);
	tcase_add_loop_test(tc, test_hyphen_join, 0, sizeof hyphen_rows / sizeof hyphen_rows[0]);
	tcase_add_test(tc, test_page_starts);
	tcase_add_test(tc, test_attachment_text);
	tcase_add_test(tc, test_sha256);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	int failed;

	failed = tu_run_suite(units_suite(), CK_NORMAL);
	return failed ? 1 : 0;
}
