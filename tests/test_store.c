/*
 * Unit tests of the store (store/store.h) against real SQLite files in a
 * scratch folder and ":memory:": packets in and out,
 * idempotent and corrected imports, rollback, marks/notes/reading.
 * Every test ends with PRAGMA integrity_check. Search is in test_search.c,
 * the error cases (foreign, newer, damaged, read-only, locked files) in
 * test_store_errors.c, open and the migrations in test_store_migrate.c.
 */
#include "config.h"

#include <check.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "store.h"
#include "store_check.h"
#include "store_internal.h"
#include "xmalloc.h"
#include "testutil.h"

/* ---- content ---- */

START_TEST(test_put_and_read)
{
	struct store *s = open_store(_i);
	struct store_meeting *ms = NULL, m;
	struct person *people;
	struct agenda_item *items, it;
	struct store_doc *docs, d;
	size_t n;
	char *text, *id;
	size_t len;
	bool changed = false;

	put_fixture(s, DATE, &changed);
	ck_assert(changed);
	ck_assert_int_eq(store_meetings(s, &ms, &n), STATUS_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(ms[0].id, MID);
	ck_assert_str_eq(ms[0].body, FX_BODY);
	ck_assert_str_eq(ms[0].organization_id, FX_ORG);
	ck_assert_str_eq(ms[0].date, DATE);
	ck_assert_str_eq(ms[0].time, "13.00");
	ck_assert_str_eq(ms[0].place, "Spira, Insikten");
	ck_assert_str_eq(ms[0].presidium_date, "2024-11-26");
	ck_assert_int_eq(ms[0].revision, 1);
	ck_assert_int_eq(ms[0].item_count, 4);
	/* Items with an unread document: two of the four (the meeting's own documents are no item). */
	ck_assert_int_eq(ms[0].unread_count, 2);
	ck_assert_int_eq(ms[0].marked_count, 0);
	ck_assert_ptr_nonnull(ms[0].imported_at);
	store_meetings_free(ms, n);

	ck_assert_int_eq(store_meeting_get(s, MID, &m), STATUS_OK);
	ck_assert_str_eq(m.state, "kallad");
	store_meeting_free(&m);
	ck_assert_int_eq(store_meeting_get(s, "nope", &m), STATUS_NOT_FOUND);

	ck_assert_int_eq(store_meeting_people(s, MID, &people, &n), STATUS_OK);
	ck_assert_uint_eq(n, 6);
	ck_assert_int_eq(people[0].group, PERSON_MEMBER);
	ck_assert_str_eq(people[0].role, "ordförande");
	ck_assert_str_eq(people[1].name, "Carina Källman");
	ck_assert_int_eq(people[2].group, PERSON_SUBSTITUTE);
	ck_assert_str_eq(people[3].title, "adjungerad");
	ck_assert_str_eq(people[3].party, "V");
	ck_assert_ptr_null(people[4].party);
	ck_assert_int_eq(people[5].group, PERSON_REGIONRAD);
	people_free(people, n);

	ck_assert_int_eq(store_agenda(s, MID, &items, &n), STATUS_OK);
	ck_assert_uint_eq(n, 4);
	ck_assert_str_eq(items[0].id, MID "/1-5");
	ck_assert_str_eq(items[0].number, "1–5");
	ck_assert_int_eq(items[0].first, 1);
	ck_assert_int_eq(items[0].last, 5);
	ck_assert_ptr_null(items[0].section);
	ck_assert_str_eq(items[0].time_end, "13.05");
	ck_assert_uint_eq(items[1].n_presenters, 1);
	ck_assert_str_eq(items[1].presenters[0].raw, "Charlotta Larsdotter, direktör Bra Liv");
	ck_assert_int_eq(items[1].presidium_paragraph, 126);
	ck_assert_int_eq(items[1].doc_count, 1);
	ck_assert_int_eq(items[1].unread_count, 1);
	ck_assert(items[2].confidential);
	ck_assert(!items[1].confidential);
	ck_assert_str_eq(items[3].id, MID "/15");
	ck_assert_uint_eq(items[3].n_proposal, 2);
	ck_assert_str_eq(items[3].proposal[1], "godkänna förslag till övergångsregler för tandvård.");
	ck_assert_str_eq(items[3].proposal_source, "tjänsteskrivelse");
	ck_assert_str_eq(items[3].case_number, "RJL 2024/3942");
	ck_assert_int_eq(items[3].ord, 3);
	agenda_items_free(items, n);

	/* Items by id, by printed number, by any number inside the range. */
	ck_assert_int_eq(store_item_get(s, MID "/15", &it), STATUS_OK);
	ck_assert_str_eq(it.title, "Övergångsregler för tandvård");
	agenda_item_free(&it);
	ck_assert_int_eq(store_item_find(s, MID, "1–5", &it), STATUS_OK);
	ck_assert_str_eq(it.id, MID "/1-5");
	agenda_item_free(&it);
	ck_assert_int_eq(store_item_find(s, MID, "3", &it), STATUS_OK);
	ck_assert_str_eq(it.id, MID "/1-5");
	agenda_item_free(&it);
	ck_assert_int_eq(store_item_find(s, MID, "1-5", &it), STATUS_OK);
	agenda_item_free(&it);
	ck_assert_int_eq(store_item_find(s, MID, "99", &it), STATUS_NOT_FOUND);
	ck_assert_int_eq(store_item_get(s, MID "/99", &it), STATUS_NOT_FOUND);

	ck_assert_int_eq(store_documents(s, MID, NULL, &docs, &n), STATUS_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(docs[0].id, MID "/d000");
	ck_assert_str_eq(docs[1].id, MID "/d003");
	ck_assert_ptr_null(docs[0].item_id);
	store_docs_free(docs, n);
	ck_assert_int_eq(store_documents(s, MID, MID "/6", &docs, &n), STATUS_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(docs[0].kind, "tjänsteskrivelse");
	ck_assert_uint_eq(docs[0].lines, 4);
	ck_assert(!docs[0].read);
	ck_assert(!docs[0].has_original);
	ck_assert_uint_eq(strlen(docs[0].sha256), 64);
	id = strdup(docs[0].id);
	store_docs_free(docs, n);
	ck_assert_int_eq(store_meeting_documents(s, MID, &docs, &n), STATUS_OK);
	ck_assert_uint_eq(n, 4);
	store_docs_free(docs, n);

	ck_assert_int_eq(store_doc_get(s, id, &d), STATUS_OK);
	ck_assert_str_eq(d.title, "Bra Liv");
	ck_assert_ptr_nonnull(d.item_id);
	/* chars counts characters: "Å" and "ä" are one each though two bytes. */
	ck_assert_uint_lt(d.chars, d.bytes);
	ck_assert_int_eq(store_doc_text(s, id, &text, &len), STATUS_OK);
	ck_assert_uint_eq(len, d.bytes);
	ck_assert_ptr_nonnull(strstr(text, "sjukvårdsdirektör"));
	free(text);
	store_doc_free(&d);
	ck_assert_int_eq(store_doc_lines(s, id, 1, 2, &text, &len), STATUS_OK);
	ck_assert_str_eq(text, "Bra Liv arbetar i länet.\n"
	    "Ansvarig är sjukvårdsdirektör Micael Edblom.");
	ck_assert_uint_eq(len, strlen(text));
	free(text);
	ck_assert_int_eq(store_doc_lines(s, id, 3, 10, &text, &len), STATUS_OK);
	ck_assert_str_eq(text, "Årets resultat redovisas av EU.");
	free(text);
	ck_assert_int_eq(store_doc_lines(s, id, 40, 10, &text, &len), STATUS_OK);
	ck_assert_str_eq(text, "");
	free(text);
	ck_assert_int_eq(store_doc_text(s, "nope", &text, &len), STATUS_NOT_FOUND);
	ck_assert_int_eq(store_doc_get(s, "nope", &d), STATUS_NOT_FOUND);
	free(id);
	close_checked(&s);
}
END_TEST

START_TEST(test_put_idempotent)
{
	struct store *s = open_store(_i);
	struct store_meeting m;
	struct agenda_item *a, *b;
	size_t na, nb;
	bool changed = true;

	put_fixture(s, DATE, NULL);
	ck_assert_int_eq(store_agenda(s, MID, &a, &na), STATUS_OK);
	put_fixture(s, DATE, &changed);
	ck_assert(!changed);
	ck_assert_int_eq(store_meeting_get(s, MID, &m), STATUS_OK);
	ck_assert_int_eq(m.revision, 1);
	store_meeting_free(&m);
	ck_assert_int_eq(store_agenda(s, MID, &b, &nb), STATUS_OK);
	ck_assert_uint_eq(na, nb);
	for (size_t i = 0; i < na; i++)
		ck_assert_str_eq(a[i].id, b[i].id);
	agenda_items_free(a, na);
	agenda_items_free(b, nb);
	{
		size_t total = 0, n;
		struct store_hit *h;
		ck_assert_int_eq(store_search(s, "tandvård", 0, &h, &n, &total), STATUS_OK);
		ck_assert_uint_eq(total, 3);	/* no duplicates in the index */
		store_hits_free(h, n);
	}
	close_checked(&s);
}
END_TEST

/* A corrected packet: item 6 gone, 15 changed; marks stay, orphans flagged. */
START_TEST(test_put_corrected_keeps_marks)
{
	struct store *s = open_store(_i);
	struct store_mark *marks;
	struct store_meeting m;
	struct store_doc *docs;
	struct packet p, att = { 0 };
	struct packet_doc ad = { 0 };
	char *aid = NULL, *aid2 = NULL, *gone = NULL;
	size_t n;
	bool changed = false;
	int64_t note;

	put_fixture(s, DATE, NULL);
	ck_assert_int_eq(store_mark_set(s, MID "/6", "Thomas Gustafsson", "Fråga om Bra Liv"),
	    STATUS_OK);
	ck_assert_int_eq(store_mark_set(s, MID "/15", "Thomas Gustafsson", NULL), STATUS_OK);
	ck_assert_int_eq(store_read_set(s, MID "/d001", true), STATUS_OK);
	ck_assert_int_eq(store_note_add(s, MID "/d001", NULL, 2, "Anteckning", &note), STATUS_OK);
	ck_assert_int_eq(store_reading_set(s, MID "/d001", 3), STATUS_OK);
	/* Attachments on 15 (kept) and on 6 (goes with its item). */
	ad.item = -1;
	ad.kind = strdup("bilaga");
	ad.title = strdup("Bilaga om tandvård");
	ad.text = strdup("Bilaga\nTandvårdsstöd för äldre.\n");
	ad.text_len = strlen(ad.text);
	ck_assert_int_eq(store_attach_document(s, MID, "15", &ad, &aid), STATUS_OK);
	ck_assert_ptr_nonnull(strstr(aid, MID "/a"));
	ck_assert_uint_eq(strlen(aid), strlen(MID "/a") + 12);
	{
		char *again = NULL;	/* the same file again: the same document */
		ck_assert_int_eq(store_attach_document(s, MID, "15", &ad, &again), STATUS_OK);
		ck_assert_str_eq(again, aid);
		free(again);
	}
	ck_assert_int_eq(store_attach_document(s, MID, "6", &ad, &gone), STATUS_OK);
	ck_assert_str_ne(gone, aid);
	ck_assert_int_eq(store_attach_document(s, MID, "42", &ad, &aid2), STATUS_NOT_FOUND);
	packet_doc_free(&ad);
	(void)att;

	fx_packet(&p, FX_BODY, DATE);
	/* Drop item 6 and its document; change 15's title. */
	free(p.items[3].title);
	p.items[3].title = strdup("Övergångsregler för tandvård, reviderad");
	{
		struct agenda_item six = p.items[1];
		memmove(&p.items[1], &p.items[2], 2 * sizeof *p.items);
		p.n_items--;
		p.items[p.n_items] = six;	/* freed below by hand */
		for (size_t i = 0; i < p.n_docs; i++)
			if (p.docs[i].item == 1)
				p.docs[i].item = -1;
			else if (p.docs[i].item > 1)
				p.docs[i].item--;
		free(six.number);
		free(six.title);
		free(six.section);
		free(six.presenters[0].name);
		free(six.presenters[0].title);
		free(six.presenters[0].raw);
		free(six.presenters);
		free(six.presidium_decision);
	}
	ck_assert_int_eq(store_put_packet(s, &p, NULL, &changed), STATUS_OK);
	ck_assert(changed);
	packet_free(&p);

	ck_assert_int_eq(store_meeting_get(s, MID, &m), STATUS_OK);
	ck_assert_int_eq(m.revision, 4);	/* + two attachments, + correction */
	ck_assert_int_eq(m.item_count, 3);
	ck_assert_int_eq(m.marked_count, 1);
	store_meeting_free(&m);
	/* The head: the same meeting without the counts (the agenda's title). */
	ck_assert_int_eq(store_meeting_head(s, MID, &m), STATUS_OK);
	ck_assert_str_eq(m.id, MID);
	ck_assert_int_eq(m.revision, 4);
	ck_assert_int_eq(m.item_count, 3);
	ck_assert_int_eq(m.marked_count, 0);
	ck_assert_ptr_nonnull(m.imported_at);
	store_meeting_free(&m);
	ck_assert_int_eq(store_meeting_head(s, "nope", &m), STATUS_NOT_FOUND);
	ck_assert_int_eq(store_marks(s, MID, false, &marks, &n), STATUS_OK);
	ck_assert_uint_eq(n, 2);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(marks[i].item_id, MID "/6") == 0) {
			ck_assert(marks[i].orphan);
			ck_assert_str_eq(marks[i].comment, "Fråga om Bra Liv");
			ck_assert_str_eq(marks[i].initials, "TG");
			ck_assert_ptr_null(marks[i].item_title);
		} else {
			ck_assert_str_eq(marks[i].item_id, MID "/15");
			ck_assert(!marks[i].orphan);
		}
	}
	store_marks_free(marks, n);
	/* The attachment on 15 stayed, the one on 6 went with its item. */
	ck_assert_int_eq(store_documents(s, MID, MID "/15", &docs, &n), STATUS_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(docs[1].id, aid);
	store_docs_free(docs, n);
	{
		struct store_doc d;
		ck_assert_int_eq(store_doc_get(s, gone, &d), STATUS_NOT_FOUND);
		size_t pos;
		ck_assert_int_eq(store_reading_get(s, MID "/d001", &pos), STATUS_OK);
		ck_assert_uint_eq(pos, 3);
		/* Read, and the correction left its text alone: still read. */
		ck_assert_int_eq(store_doc_get(s, MID "/d001", &d), STATUS_OK);
		ck_assert(d.read);
		ck_assert(!d.changed);
		store_doc_free(&d);
	}
	/* The note on the document stays. */
	{
		struct store_note *notes;
		ck_assert_int_eq(store_notes(s, NULL, MID "/d001", &notes, &n), STATUS_OK);
		ck_assert_uint_eq(n, 1);
		store_notes_free(notes, n);
	}
	/* Search follows the content: the new title is found, the attachment too. */
	{
		struct store_hit *h;
		size_t total;
		ck_assert_int_eq(store_search(s, "reviderad", 10, &h, &n, &total), STATUS_OK);
		ck_assert_uint_eq(total, 1);
		store_hits_free(h, n);
		ck_assert_int_eq(store_search(s, "Tandvårdsstöd", 10, &h, &n, &total), STATUS_OK);
		ck_assert_uint_eq(total, 1);
		ck_assert_str_eq(h[0].doc_id, aid);
		store_hits_free(h, n);
		ck_assert_int_eq(store_search(s, "Bra Liv", 10, &h, &n, &total), STATUS_OK);
		ck_assert_uint_eq(total, 1);	/* only the document now on the meeting */
		store_hits_free(h, n);
	}
	free(aid);
	free(gone);
	close_checked(&s);
}
END_TEST

/* A failure half-way leaves everything as it was. */
START_TEST(test_put_rollback)
{
	struct store *s = open_store(_i);
	struct store_meeting m;
	struct agenda_item *items;
	struct packet p;
	size_t n;
	char *id = (char *)"x";

	put_fixture(s, DATE, NULL);
	ck_assert_int_eq(sqlite3_exec(store_db(s), "CREATE TEMP TRIGGER boom BEFORE INSERT ON"
	    " main.document WHEN new.title='BOOM' BEGIN SELECT RAISE(ABORT, 'boom'); END",
	    NULL, NULL, NULL), SQLITE_OK);
	fx_packet(&p, FX_BODY, DATE);
	free(p.items[3].title);
	p.items[3].title = strdup("Ändrad rubrik");
	fx_doc(&p, 0, "bilaga", "BOOM", "text");
	ck_assert_int_ne(store_put_packet(s, &p, &id, NULL), STATUS_OK);
	ck_assert_ptr_null(id);
	ck_assert_str_ne(store_error(s), "");
	packet_free(&p);
	ck_assert_int_eq(store_meeting_get(s, MID, &m), STATUS_OK);
	ck_assert_int_eq(m.revision, 1);
	store_meeting_free(&m);
	ck_assert_int_eq(store_agenda(s, MID, &items, &n), STATUS_OK);
	ck_assert_str_eq(items[3].title, "Övergångsregler för tandvård");
	agenda_items_free(items, n);
	{
		struct store_hit *h;
		size_t total;
		ck_assert_int_eq(store_search(s, "Ändrad", 10, &h, &n, &total), STATUS_OK);
		ck_assert_uint_eq(total, 0);
		ck_assert_int_eq(store_search(s, "övergångsregler", 10, &h, &n, &total), STATUS_OK);
		ck_assert_uint_eq(total, 3);
		store_hits_free(h, n);
	}
	/* Bad input is refused before anything is written. */
	fx_packet(&p, FX_BODY, "10 december");
	ck_assert_int_eq(store_put_packet(s, &p, NULL, NULL), STATUS_BAD_INPUT);
	packet_free(&p);
	fx_packet(&p, FX_BODY, "2025-01-01");
	p.docs[1].item = 17;
	ck_assert_int_eq(store_put_packet(s, &p, NULL, NULL), STATUS_BAD_INPUT);
	free(p.items[1].number);
	p.items[1].number = strdup("1–5");
	p.docs[1].item = 0;
	ck_assert_int_eq(store_put_packet(s, &p, NULL, NULL), STATUS_BAD_INPUT);
	packet_free(&p);
	{
		struct store_meeting *ms;
		ck_assert_int_eq(store_meetings(s, &ms, &n), STATUS_OK);
		ck_assert_uint_eq(n, 1);
		store_meetings_free(ms, n);
	}
	close_checked(&s);
}
END_TEST

START_TEST(test_meetings_order_and_resolve)
{
	struct store *s = open_store(_i);
	struct store_meeting *ms;
	struct packet p;
	size_t n;
	char *id;

	put_fixture(s, "2020-03-01", NULL);
	put_fixture(s, "2099-05-01", NULL);
	put_fixture(s, "2098-01-15", NULL);
	put_fixture(s, "2021-06-01", NULL);
	fx_packet(&p, "Ägarråd för Spira", "2021-06-01");
	ck_assert_int_eq(store_put_packet(s, &p, &id, NULL), STATUS_OK);
	ck_assert_str_eq(id, "agarrad-for-spira-2021-06-01");
	free(id);
	packet_free(&p);

	/* Upcoming first, soonest first; then the past, newest first. */
	ck_assert_int_eq(store_meetings(s, &ms, &n), STATUS_OK);
	ck_assert_uint_eq(n, 5);
	ck_assert_str_eq(ms[0].date, "2098-01-15");
	ck_assert_str_eq(ms[1].date, "2099-05-01");
	ck_assert_str_eq(ms[2].date, "2021-06-01");
	ck_assert_str_eq(ms[4].date, "2020-03-01");
	/* Same day: by body in Swedish order (N before Ä). */
	ck_assert_str_eq(ms[2].body, FX_BODY);
	ck_assert_str_eq(ms[3].body, "Ägarråd för Spira");
	store_meetings_free(ms, n);

	ck_assert_int_eq(store_meeting_resolve(s, NULL, &id), STATUS_OK);
	ck_assert_str_eq(id, FX_ORG "-2098-01-15");
	free(id);
	ck_assert_int_eq(store_meeting_resolve(s, "", &id), STATUS_OK);
	free(id);
	ck_assert_int_eq(store_meeting_resolve(s, "2020-03-01", &id), STATUS_OK);
	ck_assert_str_eq(id, FX_ORG "-2020-03-01");
	free(id);
	ck_assert_int_eq(store_meeting_resolve(s, FX_ORG "-2099-05-01", &id), STATUS_OK);
	free(id);
	ck_assert_int_eq(store_meeting_resolve(s, "agarrad", &id), STATUS_OK);
	ck_assert_str_eq(id, "agarrad-for-spira-2021-06-01");
	free(id);
	ck_assert_int_eq(store_meeting_resolve(s, "2021-06-01", &id), STATUS_AMBIGUOUS);
	ck_assert_ptr_null(id);
	ck_assert_ptr_nonnull(strstr(store_error(s), "agarrad-for-spira-2021-06-01"));
	ck_assert_int_eq(store_meeting_resolve(s, FX_ORG, &id), STATUS_AMBIGUOUS);
	ck_assert_int_eq(store_meeting_resolve(s, "1999-01-01", &id), STATUS_NOT_FOUND);
	ck_assert_int_eq(store_meeting_resolve(s, "zzz", &id), STATUS_NOT_FOUND);
	close_checked(&s);
}
END_TEST

START_TEST(test_resolve_past_only_and_empty)
{
	struct store *s = open_store(_i);
	char *id;

	ck_assert_int_eq(store_meeting_resolve(s, NULL, &id), STATUS_NOT_FOUND);
	ck_assert_ptr_nonnull(strstr(store_error(s), "import"));
	put_fixture(s, "2020-03-01", NULL);
	put_fixture(s, "2021-03-01", NULL);
	ck_assert_int_eq(store_meeting_resolve(s, NULL, &id), STATUS_OK);
	ck_assert_str_eq(id, FX_ORG "-2021-03-01");
	free(id);
	close_checked(&s);
}
END_TEST

/* ---- the user's own data ---- */

START_TEST(test_userdata)
{
	struct store *s = open_store(_i);
	struct store_mark *marks;
	struct store_note *notes;
	struct agenda_item it;
	struct store_meeting m;
	size_t n, pos;
	int64_t a, b, c;
	char *v;

	put_fixture(s, DATE, NULL);
	/* The rules of marks are in test_marks.c; here, that they count. */
	ck_assert_int_eq(store_mark_set(s, MID "/15", "Thomas Gustafsson", "Varför?"), STATUS_OK);
	ck_assert_int_eq(store_item_get(s, MID "/15", &it), STATUS_OK);
	ck_assert(it.marked);
	ck_assert_str_eq(it.mark_initials, "TG");
	ck_assert(!it.has_notes);
	agenda_item_free(&it);

	ck_assert_int_eq(store_note_add(s, NULL, MID "/15", 0, "Om förslaget", &a), STATUS_OK);
	ck_assert_int_eq(store_note_add(s, MID "/d002", NULL, 2, "Rad två", &b), STATUS_OK);
	ck_assert_int_eq(store_note_add(s, MID "/d001", NULL, 1, "Annat", &c), STATUS_OK);
	ck_assert_int_eq(store_note_add(s, NULL, NULL, 1, "Ingenstans", NULL), STATUS_BAD_INPUT);
	ck_assert_int_ne(a, b);
	ck_assert_int_eq(store_notes(s, MID "/15", NULL, &notes, &n), STATUS_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(notes[0].text, "Om förslaget");
	ck_assert_str_eq(notes[1].doc_id, MID "/d002");
	ck_assert_uint_eq(notes[1].position, 2);
	store_notes_free(notes, n);
	ck_assert_int_eq(store_notes(s, NULL, MID "/d001", &notes, &n), STATUS_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(notes[0].id, c);
	store_notes_free(notes, n);
	ck_assert_int_eq(store_item_get(s, MID "/15", &it), STATUS_OK);
	ck_assert(it.has_notes);
	agenda_item_free(&it);
	ck_assert_int_eq(store_note_delete(s, b), STATUS_OK);
	ck_assert_int_eq(store_note_delete(s, b), STATUS_NOT_FOUND);

	ck_assert_int_eq(store_reading_get(s, MID "/d002", &pos), STATUS_NOT_FOUND);
	ck_assert_int_eq(store_reading_set(s, MID "/d002", 7), STATUS_OK);
	ck_assert_int_eq(store_reading_set(s, MID "/d002", 9), STATUS_OK);
	ck_assert_int_eq(store_reading_get(s, MID "/d002", &pos), STATUS_OK);
	ck_assert_uint_eq(pos, 9);
	ck_assert_int_eq(store_reading_set(s, "nope", 1), STATUS_NOT_FOUND);
	/* A position is not reading it to the end. */
	ck_assert_int_eq(store_meeting_get(s, MID, &m), STATUS_OK);
	ck_assert_int_eq(m.unread_count, 2);
	store_meeting_free(&m);
	ck_assert_int_eq(store_read_set(s, MID "/d002", true), STATUS_OK);
	ck_assert_int_eq(store_reading_get(s, MID "/d002", &pos), STATUS_OK);
	ck_assert_uint_eq(pos, 9);
	ck_assert_int_eq(store_meeting_get(s, MID, &m), STATUS_OK);
	ck_assert_int_eq(m.unread_count, 1);	/* d002 was its item's only document */
	ck_assert_int_eq(m.marked_count, 1);
	store_meeting_free(&m);
	ck_assert_int_eq(store_item_get(s, MID "/15", &it), STATUS_OK);
	ck_assert_int_eq(it.unread_count, 0);
	agenda_item_free(&it);

	ck_assert_int_eq(store_setting_get(s, "last_sync", &v), STATUS_NOT_FOUND);
	ck_assert_ptr_null(v);
	ck_assert_int_eq(store_setting_set(s, "last_sync", "2024-12-01T10:00:00Z"), STATUS_OK);
	ck_assert_int_eq(store_setting_set(s, "last_sync", "2024-12-02T10:00:00Z"), STATUS_OK);
	ck_assert_int_eq(store_setting_get(s, "last_sync", &v), STATUS_OK);
	ck_assert_str_eq(v, "2024-12-02T10:00:00Z");
	free(v);
	ck_assert_int_eq(store_setting_set(s, "last_sync", NULL), STATUS_OK);
	ck_assert_int_eq(store_setting_get(s, "last_sync", &v), STATUS_NOT_FOUND);

	/* A re-import of the same packet touches none of it. */
	put_fixture(s, DATE, NULL);
	ck_assert_int_eq(store_reading_get(s, MID "/d002", &pos), STATUS_OK);
	ck_assert_int_eq(store_item_get(s, MID "/15", &it), STATUS_OK);
	ck_assert_int_eq(it.unread_count, 0);
	agenda_item_free(&it);
	ck_assert_int_eq(store_marks(s, MID, false, &marks, &n), STATUS_OK);
	ck_assert_uint_eq(n, 1);
	store_marks_free(marks, n);
	close_checked(&s);
}
END_TEST

static Suite *
store_suite(void)
{
	Suite *su = suite_create("store");
	TCase *tc = tcase_create("store");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	/* _i: 0 = ":memory:", 1 = a file */
	tcase_add_loop_test(tc, test_put_and_read, 0, 2);
	tcase_add_loop_test(tc, test_put_idempotent, 0, 2);
	tcase_add_loop_test(tc, test_put_corrected_keeps_marks, 0, 2);
	tcase_add_loop_test(tc, test_put_rollback, 0, 2);
	tcase_add_loop_test(tc, test_meetings_order_and_resolve, 0, 2);
	tcase_add_loop_test(tc, test_resolve_past_only_and_empty, 0, 2);
	tcase_add_loop_test(tc, test_userdata, 0, 2);
	suite_add_tcase(su, tc);
	return su;
}

int
main(void)
{
	return tu_run_suite(store_suite(), CK_ENV);
}
