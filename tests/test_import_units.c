/*
 * Import unit tests that need no seed: packets printed in other layouts,
 * joining words hyphenated across lines, an attachment's title and text,
 * and the sha256 of the source file.
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
	tcase_add_loop_test(tc, test_hyphen_join, 0, sizeof hyphen_rows / sizeof hyphen_rows[0]);
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
