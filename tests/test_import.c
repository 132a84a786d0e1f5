/*
 * Import tests: the seed packet parsed into struct packet and compared
 * with the gold files field by field; the same packet through other
 * encodings and extractors (CP1252, UTF-16LE with BOM, CRLF, form feeds,
 * other spacing); where each document lands; readable text. The command
 * on the real binary is tested in test_import_cli.c.
 */
#include "config.h"

#include <check.h>
#include <iconv.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "import_internal.h"
#include "import_json.h"
#include "testutil.h"

static char *seed_bytes;
static size_t seed_len;
static struct packet seed;	/* the seed parsed once, before the tests fork */

/* ---- helpers ---- */

static void
eq_str(const char *what, const char *where, const char *gold, const char *got)
{
	ck_assert_msg((gold == NULL && got == NULL) ||
	    (gold != NULL && got != NULL && strcmp(gold, got) == 0),
	    "%s of %s: gold \"%s\", parsed \"%s\"", what, where, gold ? gold : "null",
	    got ? got : "null");
}

static struct jval *
gold(const char *name)
{
	char *text = tu_read_file(tu_gold(name), NULL);
	struct jval *v;

	ck_assert_msg(text != NULL, "cannot read gold %s", name);
	v = json_parse(text);
	free(text);
	return v;
}

/* Convert with iconv; caller frees. */
static char *
convert(const char *from, const char *to, const char *in, size_t len, size_t *out_len)
{
	iconv_t cd = iconv_open(to, from);
	size_t cap = len * 4 + 16, left = cap;
	char *out = malloc(cap), *o = out, *i = (char *)in;

	ck_assert(cd != (iconv_t)-1);
	while (len > 0) {
		if (iconv(cd, &i, &len, &o, &left) == (size_t)-1) {
			/* A character CP1252 lacks: write '?' as a lossy extractor would. */
			size_t skip = 1;
			while (skip < len && ((unsigned char)i[skip] & 0xc0) == 0x80)
				skip++;
			i += skip;
			len -= skip;
			*o++ = '?';
			left--;
		}
	}
	iconv_close(cd);
	*out_len = (size_t)(o - out);
	return out;
}

static void
parse_ok(const char *bytes, size_t len, struct packet *p)
{
	char *err = NULL;
	enum status st = import_parse_packet(bytes, len, "variant", p, &err);
	ck_assert_msg(st == STATUS_OK, "parse failed: %s", err ? err : "?");
}

static int
item_by_number(const struct packet *p, const char *number)
{
	for (size_t i = 0; i < p->n_items; i++)
		if (strcmp(p->items[i].number, number) == 0)
			return (int)i;
	return -2;
}

/* ---- the seed against the gold ---- */

START_TEST(test_gold_meeting)
{
	struct jval *g = gold("meeting.json");
	static const struct {
		const char *key;
		enum person_group group;
	} groups[] = { { "members", PERSON_MEMBER }, { "ersattare", PERSON_SUBSTITUTE },
	    { "others", PERSON_OTHER }, { "regionrad", PERSON_REGIONRAD } };

	eq_str("body", "meeting", json_str(json_get(g, "body")), seed.body);
	eq_str("date", "meeting", json_str(json_get(g, "date")), seed.date);
	eq_str("time", "meeting", json_str(json_get(g, "time")), seed.time);
	eq_str("place", "meeting", json_str(json_get(g, "place")), seed.place);
	eq_str("presidium_meeting_date", "meeting",
	    json_str(json_get(g, "presidium_meeting_date")), seed.presidium_date);
	for (size_t k = 0; k < sizeof groups / sizeof groups[0]; k++) {
		struct jval *list = json_get(g, groups[k].key);
		size_t n = 0;

		ck_assert_msg(list && list->type == J_ARR, "gold has no %s", groups[k].key);
		for (size_t i = 0; i < seed.n_people; i++) {
			const struct person *pp = &seed.people[i];
			char where[64];

			if (pp->group != groups[k].group)
				continue;
			ck_assert_msg(n < list->n, "%s: more people parsed than the gold's %zu (%s)",
			    groups[k].key, list->n, pp->name);
			snprintf(where, sizeof where, "%s[%zu]", groups[k].key, n);
			eq_str("name", where, json_str(json_get(list->items[n], "name")), pp->name);
			eq_str("party", where, json_str(json_get(list->items[n], "party")), pp->party);
			if (groups[k].group == PERSON_MEMBER)
				eq_str("role", where, json_str(json_get(list->items[n], "role")), pp->role);
			if (groups[k].group == PERSON_OTHER)
				eq_str("title", where, json_str(json_get(list->items[n], "title")), pp->title);
			n++;
		}
		ck_assert_msg(n == list->n, "%s: parsed %zu, gold %zu", groups[k].key, n, list->n);
	}
	json_free(g);
}
END_TEST

START_TEST(test_gold_agenda)
{
	struct jval *g = gold("agenda.json");

	ck_assert_msg(g->type == J_ARR && g->n == seed.n_items, "items: gold %zu, parsed %zu",
	    g->n, seed.n_items);
	for (size_t i = 0; i < g->n; i++) {
		const struct jval *e = g->items[i], *v;
		const struct agenda_item *it = &seed.items[i];
		char where[64], num[16];

		snprintf(where, sizeof where, "agenda entry %zu (%s)", i, it->number);
		v = json_get(e, "number");
		if (v->type == J_NUM) {
			snprintf(num, sizeof num, "%d", (int)v->num);
			eq_str("number", where, num, it->number);
			ck_assert_msg(it->first == (int)v->num && it->last == (int)v->num,
			    "first/last of %s", where);
		} else {
			eq_str("number", where, v->str, it->number);
		}
		if ((v = json_get(e, "numbers")) != NULL) {
			ck_assert_msg(it->last - it->first + 1 == (int)v->n, "numbers of %s", where);
			for (size_t k = 0; k < v->n; k++)
				ck_assert_int_eq(it->first + (int)k, (int)v->items[k]->num);
		}
		eq_str("title", where, json_str(json_get(e, "title")), it->title);
		eq_str("section", where, json_str(json_get(e, "section")), it->section);
		eq_str("time_start", where, json_str(json_get(e, "time_start")), it->time_start);
		eq_str("time_end", where, json_str(json_get(e, "time_end")), it->time_end);
		eq_str("case_number", where, json_str(json_get(e, "case_number")), it->case_number);
		eq_str("case_number_printed", where, json_str(json_get(e, "case_number_printed")),
		    it->case_number_printed);
		v = json_get(e, "presidium_paragraph");
		ck_assert_msg(v->type == J_NULL ? it->presidium_paragraph == 0 :
		    it->presidium_paragraph == (int)v->num, "presidium_paragraph of %s: parsed %d",
		    where, it->presidium_paragraph);
		eq_str("presidium_decision", where, json_str(json_get(e, "presidium_decision")),
		    it->presidium_decision);
		v = json_get(e, "presenters");
		ck_assert_msg(v->n == it->n_presenters, "presenters of %s: gold %zu, parsed %zu",
		    where, v->n, it->n_presenters);
		for (size_t k = 0; k < v->n; k++) {
			eq_str("presenter name", where, json_str(json_get(v->items[k], "name")),
			    it->presenters[k].name);
			eq_str("presenter title", where, json_str(json_get(v->items[k], "title")),
			    it->presenters[k].title);
			eq_str("presenter raw", where, json_str(json_get(v->items[k], "raw")),
			    it->presenters[k].raw);
		}
		v = json_get(e, "decision_proposal");
		if (v->type == J_NULL) {
			ck_assert_msg(it->n_proposal == 0, "%s: a proposal the gold has not", where);
		} else {
			ck_assert_msg(v->n == it->n_proposal, "proposal of %s: gold %zu lines, parsed %zu",
			    where, v->n, it->n_proposal);
			for (size_t k = 0; k < v->n; k++)
				eq_str("decision_proposal", where, v->items[k]->str, it->proposal[k]);
			eq_str("proposal_source", where, "tjänsteskrivelse", it->proposal_source);
		}
	}
	json_free(g);
}
END_TEST

/* ---- the same packet through other encodings and extractors ---- */

static void
same_packet(const struct packet *a, const struct packet *b, const char *variant)
{
	char where[64];

	eq_str("body", variant, a->body, b->body);
	eq_str("date", variant, a->date, b->date);
	eq_str("time", variant, a->time, b->time);
	eq_str("place", variant, a->place, b->place);
	eq_str("presidium_date", variant, a->presidium_date, b->presidium_date);
	ck_assert_msg(a->n_people == b->n_people, "%s: people %zu vs %zu", variant, a->n_people,
	    b->n_people);
	for (size_t i = 0; i < a->n_people; i++) {
		snprintf(where, sizeof where, "%s person %zu", variant, i);
		eq_str("name", where, a->people[i].name, b->people[i].name);
		eq_str("party", where, a->people[i].party, b->people[i].party);
		eq_str("role", where, a->people[i].role, b->people[i].role);
		eq_str("title", where, a->people[i].title, b->people[i].title);
	}
	ck_assert_msg(a->n_items == b->n_items, "%s: items %zu vs %zu", variant, a->n_items,
	    b->n_items);
	for (size_t i = 0; i < a->n_items; i++) {
		const struct agenda_item *x = &a->items[i], *y = &b->items[i];
		snprintf(where, sizeof where, "%s item %s", variant, x->number);
		eq_str("number", where, x->number, y->number);
		eq_str("title", where, x->title, y->title);
		eq_str("section", where, x->section, y->section);
		eq_str("time_start", where, x->time_start, y->time_start);
		eq_str("time_end", where, x->time_end, y->time_end);
		eq_str("case_number", where, x->case_number, y->case_number);
		ck_assert_msg(x->presidium_paragraph == y->presidium_paragraph, "§ of %s", where);
		eq_str("presidium_decision", where, x->presidium_decision, y->presidium_decision);
		ck_assert_msg(x->n_presenters == y->n_presenters, "presenters of %s", where);
		for (size_t k = 0; k < x->n_presenters; k++)
			eq_str("presenter", where, x->presenters[k].raw, y->presenters[k].raw);
		ck_assert_msg(x->n_proposal == y->n_proposal, "proposal of %s", where);
		for (size_t k = 0; k < x->n_proposal; k++)
			eq_str("proposal", where, x->proposal[k], y->proposal[k]);
	}
	ck_assert_msg(a->n_docs == b->n_docs, "%s: documents %zu vs %zu", variant, a->n_docs,
	    b->n_docs);
	for (size_t i = 0; i < a->n_docs; i++) {
		snprintf(where, sizeof where, "%s document %zu", variant, i);
		eq_str("kind", where, a->docs[i].kind, b->docs[i].kind);
		ck_assert_msg(a->docs[i].item == b->docs[i].item, "item of %s: %d vs %d", where,
		    a->docs[i].item, b->docs[i].item);
	}
}

/* The seed with CRLF line ends and a form feed before each page's first line. */
static char *
crlf_pages(size_t *len)
{
	struct buf b = { 0 };

	for (size_t i = 0; i < seed_len; i++) {
		/* pdftotext starts a page's first line with one space: the page break goes there. */
		bool page = (i == 0 || seed_bytes[i - 1] == '\n') && seed_bytes[i] == ' ' &&
		    i + 1 < seed_len && seed_bytes[i + 1] != ' ' && seed_bytes[i + 1] != '\n';
		if (page && i > 0)
			buf_addc(&b, '\f');
		if (seed_bytes[i] == '\n')
			buf_addc(&b, '\r');
		buf_addc(&b, seed_bytes[i]);
	}
	return buf_detach(&b, len);
}

START_TEST(test_variant_cp1252)
{
	size_t len;
	char *bytes = convert("UTF-8", "CP1252", seed_bytes, seed_len, &len);
	struct packet p;

	parse_ok(bytes, len, &p);
	same_packet(&seed, &p, "CP1252");
	packet_free(&p);
	free(bytes);
}
END_TEST

START_TEST(test_variant_utf16_crlf_ff)
{
	size_t len, ulen;
	char *crlf = crlf_pages(&len);
	char *u16 = convert("UTF-8", "UTF-16LE", crlf, len, &ulen);
	char *bytes = malloc(ulen + 2);
	struct packet p;

	bytes[0] = (char)0xff;
	bytes[1] = (char)0xfe;
	memcpy(bytes + 2, u16, ulen);
	parse_ok(bytes, ulen + 2, &p);
	same_packet(&seed, &p, "UTF-16LE+BOM, CRLF, form feeds");
	packet_free(&p);
	free(bytes);
	free(u16);
	free(crlf);
}
END_TEST

START_TEST(test_variant_cp1252_crlf_ff)
{
	size_t len, clen;
	char *crlf = crlf_pages(&len);
	char *bytes = convert("UTF-8", "CP1252", crlf, len, &clen);
	struct packet p;

	parse_ok(bytes, clen, &p);
	same_packet(&seed, &p, "CP1252, CRLF, form feeds");
	packet_free(&p);
	free(bytes);
	free(crlf);
}
END_TEST

START_TEST(test_variant_utf8bom_utf16be)
{
	size_t len, blen;
	char *crlf = crlf_pages(&len);
	char *be = convert("UTF-8", "UTF-16BE", crlf, len, &blen);
	char *bytes = malloc(blen + 3);
	struct packet p, q;

	bytes[0] = (char)0xfe;
	bytes[1] = (char)0xff;
	memcpy(bytes + 2, be, blen);
	parse_ok(bytes, blen + 2, &p);
	same_packet(&seed, &p, "UTF-16BE+BOM, CRLF, form feeds");
	free(bytes);
	bytes = malloc(seed_len + 3);
	memcpy(bytes, "\xef\xbb\xbf", 3);
	memcpy(bytes + 3, seed_bytes, seed_len);
	parse_ok(bytes, seed_len + 3, &q);
	same_packet(&seed, &q, "UTF-8 with BOM");
	packet_free(&p);
	packet_free(&q);
	free(bytes);
	free(be);
	free(crlf);
}
END_TEST

START_TEST(test_variant_spacing)
{
	/* Another extractor: no blank lines, runs of spaces, indented lines. */
	struct buf b = { 0 };
	struct packet p;
	size_t len;
	char *bytes;

	for (size_t i = 0, start = 0; i <= seed_len; i++) {
		if (i < seed_len && seed_bytes[i] != '\n')
			continue;
		{
			const char *l = seed_bytes + start;
			size_t n = i - start;
			size_t k = 0;
			while (k < n && l[k] == ' ')
				k++;
			if (k < n) {
				buf_adds(&b, "  ");
				for (size_t j = k; j < n; j++)
					buf_add(&b, l[j] == ' ' ? "   " : l + j, l[j] == ' ' ? 3 : 1);
				buf_adds(&b, "\t \n");
			}
		}
		start = i + 1;
	}
	bytes = buf_detach(&b, &len);
	parse_ok(bytes, len, &p);
	same_packet(&seed, &p, "other spacing");
	packet_free(&p);
	free(bytes);
}
END_TEST

/* ---- documents ---- */

static bool
item_has(int item, const char *kind, const char *title_part)
{
	for (size_t i = 0; i < seed.n_docs; i++)
		if (seed.docs[i].item == item && strcmp(seed.docs[i].kind, kind) == 0 &&
		    (title_part == NULL || strstr(seed.docs[i].title, title_part) != NULL))
			return true;
	return false;
}

START_TEST(test_documents_assigned)
{
	int i15 = item_by_number(&seed, "15"), i18 = item_by_number(&seed, "18");
	int i13 = item_by_number(&seed, "13"), i9 = item_by_number(&seed, "9");
	int i16 = item_by_number(&seed, "16"), i17 = item_by_number(&seed, "17");

	ck_assert(item_has(-1, "kallelse", NULL));
	ck_assert(item_has(-1, "dagordning", NULL));
	ck_assert(item_has(-1, "delegeringsbeslut", NULL));
	ck_assert(item_has(-1, "förteckning", NULL));
	ck_assert_msg(item_has(-1, "protokollsutdrag", "Kurser och konferenser"),
	    "the § on courses and conferences belongs to the meeting");
	ck_assert(item_has(i9, "rapport", "Månadsrapport") || item_has(i9, "bilaga", "Månadsrapport"));
	ck_assert(item_has(i13, "verksamhetsplan", NULL));
	ck_assert(item_has(i15, "tjänsteskrivelse", "Övergångsregler"));
	ck_assert(item_has(i15, "bilaga", "SKR:s tandvårdsnätverks vägledning"));
	ck_assert(item_has(i16, "tjänsteskrivelse", NULL));
	ck_assert(item_has(i16, "bilaga", "Sammanställning"));
	ck_assert(item_has(i17, "tjänsteskrivelse", NULL));
	ck_assert(item_has(i17, "bilaga", "Sammanställning"));
	ck_assert(item_has(i18, "tjänsteskrivelse", "Stärkt stöd"));
	ck_assert(item_has(i18, "yttrande", "Stärkt stöd"));
	ck_assert(item_has(i18, "remiss", "SOU 2024:60"));
	ck_assert(item_has(i18, "missiv", NULL));
	for (size_t i = 0; i < seed.n_docs; i++) {
		const struct packet_doc *d = &seed.docs[i];
		int para;
		/* Each § sits on the item whose presidium paragraph it is. */
		if (strcmp(d->kind, "protokollsutdrag") == 0 && d->item >= 0 &&
		    sscanf(d->title, "§ %d", &para) == 1)
			ck_assert_int_eq(seed.items[d->item].presidium_paragraph, para);
		ck_assert_msg(d->title && *d->title, "document %zu has no title", i);
	}
	/* One tjänsteskrivelse per decision item: its second page is no new document. */
	for (int k = i15; k <= i18; k++) {
		int n = 0;
		for (size_t i = 0; i < seed.n_docs; i++)
			n += seed.docs[i].item == k && strcmp(seed.docs[i].kind, "tjänsteskrivelse") == 0;
		ck_assert_msg(n == 1, "item %s has %d tjänsteskrivelser", seed.items[k].number, n);
	}
}
END_TEST

START_TEST(test_documents_read_well)
{
	bool portal = false, suspended = false;

	for (size_t i = 0; i < seed.n_docs; i++) {
		const char *t = seed.docs[i].text;
		const char *first = strstr(t, "TJÄNSTESKRIVELSE");

		ck_assert_msg(first == NULL || strstr(first + 1, "TJÄNSTESKRIVELSE") == NULL,
		    "a repeated page header stayed in %s", seed.docs[i].title);
		ck_assert_msg(strstr(t, " \n") == NULL, "trailing space in %s", seed.docs[i].title);
		ck_assert_msg(strstr(t, "\n\n\n") == NULL, "blank lines not collapsed in %s",
		    seed.docs[i].title);
		ck_assert_msg(strstr(t, "informations-\nportal") == NULL, "hyphen not joined");
		ck_assert_int_eq(strlen(t), seed.docs[i].text_len);
		portal |= strstr(t, "informationsportal") != NULL;
		suspended |= strstr(t, "hälso- och sjukvård") != NULL;
	}
	ck_assert(portal);
	ck_assert(suspended);
}
END_TEST

START_TEST(test_attachment_seed)
{
	size_t len = 0;
	char *bytes = tu_read_file(tu_seed("001_0a8010a3815bf54a.txt"), &len);
	struct packet_doc d;
	char *err = NULL;

	ck_assert_int_eq(import_parse_attachment(bytes, len, "slides.txt", &d, &err), STATUS_OK);
	ck_assert_str_eq(d.title, "Kort om utredningens uppdrag (direktiv 2023:77)");
	ck_assert(strstr(d.text, "Kort om utredningen och vissa utgångspunkter") != NULL);
	packet_doc_free(&d);
	free(bytes);
}
END_TEST

static Suite *
import_suite(void)
{
	Suite *s = suite_create("import");
	TCase *tc = tcase_create("parse");

	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_gold_meeting);
	tcase_add_test(tc, test_gold_agenda);
	tcase_add_test(tc, test_variant_cp1252);
	tcase_add_test(tc, test_variant_utf16_crlf_ff);
	tcase_add_test(tc, test_variant_cp1252_crlf_ff);
	tcase_add_test(tc, test_variant_utf8bom_utf16be);
	tcase_add_test(tc, test_variant_spacing);
	tcase_add_test(tc, test_documents_assigned);
	tcase_add_test(tc, test_documents_read_well);
	tcase_add_test(tc, test_attachment_seed);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	int failed;
	char *err = NULL;

	seed_bytes = tu_read_file(tu_seed("000_064591761fb2138b.txt"), &seed_len);
	if (seed_bytes == NULL || import_parse_packet(seed_bytes, seed_len, "seed", &seed, &err) != STATUS_OK) {
		fprintf(stderr, "FAIL: the seed does not parse: %s\n", err ? err : "cannot read it");
		return 1;
	}
	failed = tu_run_suite(import_suite(), CK_NORMAL);
	packet_free(&seed);
	free(seed_bytes);
	return failed ? 1 : 0;
}
