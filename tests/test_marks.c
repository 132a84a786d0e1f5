/*
 * The rules of the user's own data (store/marks.c, store/reading.c,
 * store/userdata.c, store/identity.c) against real SQLite: who may mark
 * (the presidium of the meeting's body, named in the message when
 * someone else tries), the last change per person and item wins, a
 * removal is a row, orphans are kept; notes edited and listed per
 * meeting; a document read before its text changed is "ändrad" and its
 * new paragraphs are told apart; the identity config file.
 */
#include "config.h"

#include <check.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "identity.h"
#include "store.h"
#include "store_check.h"
#include "store_internal.h"
#include "xmalloc.h"
#include "testutil.h"

/* The fixture with a vice chair too: the presidium is two people. */
static void
put_with_vice(struct store *s, const char *doc_text)
{
	struct packet p;

	fx_packet(&p, FX_BODY, DATE);
	fx_person(&p, PERSON_MEMBER, "Monica Samuelsson", "KD", "2:a vice ordförande", NULL);
	if (doc_text) {
		/* Item 15's document (d002) corrected. */
		for (size_t i = 0; i < p.n_docs; i++)
			if (p.docs[i].item == 3) {
				free(p.docs[i].text);
				p.docs[i].text = strdup(doc_text);
				p.docs[i].text_len = strlen(doc_text);
			}
	}
	ck_assert_int_eq(store_put_packet(s, &p, NULL, NULL), STATUS_OK);
	packet_free(&p);
}

/* Take item k out of p, its documents with it (to the meeting, then gone). */
static void
drop_item(struct packet *p, size_t k)
{
	struct agenda_item gone = p->items[k];
	size_t keep = 0;

	memmove(&p->items[k], &p->items[k + 1], (p->n_items - k - 1) * sizeof *p->items);
	/* Kept past the end: the caller counts it back in before packet_free. */
	p->items[p->n_items - 1] = gone;
	p->n_items--;
	for (size_t i = 0; i < p->n_docs; i++) {
		if (p->docs[i].item == (int)k) {
			packet_doc_free(&p->docs[i]);
			continue;
		}
		if (p->docs[i].item > (int)k)
			p->docs[i].item--;
		p->docs[keep++] = p->docs[i];
	}
	p->n_docs = keep;
}

START_TEST(test_roles)
{
	static const struct {
		const char *name;
		enum store_role role;
		const char *canonical;
	} rows[] = {
		{ "Thomas Gustafsson", STORE_ROLE_PRESIDIUM, "Thomas Gustafsson" },
		{ "thomas  GUSTAFSSON", STORE_ROLE_PRESIDIUM, "Thomas Gustafsson" },
		{ "Monica Samuelsson", STORE_ROLE_PRESIDIUM, "Monica Samuelsson" },
		{ "Carina Källman", STORE_ROLE_LEDAMOT, "Carina Källman" },
		{ "Erik Wågman", STORE_ROLE_ERSATTARE, "Erik Wågman" },
		{ "Mats Bojestig", STORE_ROLE_CALLED, "Mats Bojestig" },
		{ "Nobody Here", STORE_ROLE_NONE, NULL },
	};
	struct store *s = open_store(0);

	put_with_vice(s, NULL);
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		enum store_role role;
		char *canonical = NULL;
		enum status st = store_person_role(s, MID, rows[i].name, &role, &canonical, NULL);

		ck_assert_msg(role == rows[i].role, "%s: role %d", rows[i].name, role);
		if (rows[i].canonical) {
			ck_assert_int_eq(st, STATUS_OK);
			ck_assert_str_eq(canonical, rows[i].canonical);
		} else {
			ck_assert_int_eq(st, STATUS_NOT_FOUND);
			ck_assert_ptr_null(canonical);
		}
		free(canonical);
	}
	ck_assert_int_eq(store_role_parse("sekreterare"), STORE_ROLE_SEKRETERARE);
	ck_assert_int_eq(store_role_parse("kung"), STORE_ROLE_NONE);
	close_checked(&s);
}
END_TEST

START_TEST(test_initials)
{
	static const char *const rows[][2] = {
		{ "Thomas Gustafsson", "TG" },
		{ "Martin Nedergaard-Hansen", "MN" },
		{ "Anna Tholén Olsson", "AO" },
		{ "Åsa Öberg", "ÅÖ" },
		{ "jag", "J" },
	};

	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		char *got = store_initials(rows[i][0]);
		ck_assert_str_eq(got, rows[i][1]);
		free(got);
	}
}
END_TEST

/* Only the presidium may mark; the message names who can and who you are. */
START_TEST(test_who_may_mark)
{
	struct store *s = open_store(_i);
	struct store_mark *marks;
	size_t n;

	put_with_vice(s, NULL);
	ck_assert_int_eq(store_mark_set(s, MID "/15", "Carina Källman", NULL), STATUS_DENIED);
	ck_assert_ptr_nonnull(strstr(store_error(s), "Thomas Gustafsson and Monica Samuelsson"));
	ck_assert_ptr_nonnull(strstr(store_error(s), "Carina Källman is ledamot"));
	ck_assert_int_eq(store_mark_set(s, MID "/15", "Erik Wågman", NULL), STATUS_DENIED);
	ck_assert_int_eq(store_mark_set(s, MID "/15", "Okänd Person", NULL), STATUS_DENIED);
	ck_assert_ptr_nonnull(strstr(store_error(s), "not called"));
	ck_assert_int_eq(store_mark_set(s, MID "/15", NULL, NULL), STATUS_BAD_INPUT);
	ck_assert_int_eq(store_mark_set(s, MID "/99", "Thomas Gustafsson", NULL), STATUS_NOT_FOUND);
	ck_assert_int_eq(store_marks(s, NULL, true, &marks, &n), STATUS_OK);
	ck_assert_uint_eq(n, 0);	/* nothing written by a refusal */
	store_marks_free(marks, n);

	ck_assert_int_eq(store_mark_set(s, MID "/15", "thomas gustafsson", "Varför nu?"), STATUS_OK);
	ck_assert_int_eq(store_mark_set(s, MID "/15", "Monica Samuelsson", NULL), STATUS_OK);
	ck_assert_int_eq(store_mark_set(s, MID "/6", "Monica Samuelsson", NULL), STATUS_OK);
	ck_assert_int_eq(store_marks(s, MID, false, &marks, &n), STATUS_OK);
	ck_assert_uint_eq(n, 3);
	/* Agenda order: 6 before 15; on 15 the first mark first. */
	ck_assert_str_eq(marks[0].item_number, "6");
	ck_assert_str_eq(marks[1].person, "Thomas Gustafsson");	/* the printed name */
	ck_assert_str_eq(marks[1].initials, "TG");
	ck_assert_str_eq(marks[1].comment, "Varför nu?");
	ck_assert_str_eq(marks[1].meeting_id, MID);
	ck_assert_str_eq(marks[2].initials, "MS");
	store_marks_free(marks, n);
	{
		struct agenda_item it;
		struct store_meeting m;

		ck_assert_int_eq(store_item_get(s, MID "/15", &it), STATUS_OK);
		ck_assert_str_eq(it.mark_initials, "TG MS");
		agenda_item_free(&it);
		ck_assert_int_eq(store_meeting_get(s, MID, &m), STATUS_OK);
		ck_assert_int_eq(m.marked_count, 2);
		store_meeting_free(&m);
	}
	/* Marking again keeps the comment; "" clears it. */
	for (int k = 0; k < 2; k++) {
		size_t i;

		ck_assert_int_eq(store_mark_set(s, MID "/15", "Thomas Gustafsson", k ? "" : NULL),
		    STATUS_OK);
		ck_assert_int_eq(store_marks(s, MID, false, &marks, &n), STATUS_OK);
		ck_assert_uint_eq(n, 3);
		for (i = 0; strcmp(marks[i].person, "Thomas Gustafsson") != 0; i++)
			;
		if (k)
			ck_assert_ptr_null(marks[i].comment);
		else
			ck_assert_str_eq(marks[i].comment, "Varför nu?");
		store_marks_free(marks, n);
	}
	close_checked(&s);
}
END_TEST

/* A removal is a tombstone row; the last change per person and item wins. */
START_TEST(test_last_change_wins)
{
	struct store *s = open_store(_i);
	struct store_mark *marks, in = { 0 };
	size_t n;
	bool applied;

	put_with_vice(s, NULL);
	ck_assert_int_eq(store_mark_set(s, MID "/15", "Thomas Gustafsson", "Först"), STATUS_OK);
	ck_assert_int_eq(store_mark_remove(s, MID "/15", "Thomas Gustafsson"), STATUS_OK);
	ck_assert_int_eq(store_mark_remove(s, MID "/15", "Thomas Gustafsson"), STATUS_NOT_FOUND);
	ck_assert_int_eq(store_mark_remove(s, MID "/15", "Carina Källman"), STATUS_DENIED);
	ck_assert_int_eq(store_marks(s, MID, false, &marks, &n), STATUS_OK);
	ck_assert_uint_eq(n, 0);
	store_marks_free(marks, n);
	ck_assert_int_eq(store_marks(s, MID, true, &marks, &n), STATUS_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert(marks[0].removed);
	ck_assert_ptr_null(marks[0].comment);
	ck_assert_uint_eq(strlen(marks[0].updated), 24);	/* milliseconds */
	store_marks_free(marks, n);

	/* From another laptop: an older mark loses to the local removal ... */
	in.item_id = MID "/15";
	in.person = "Thomas Gustafsson";
	in.kind = "diskussion";
	in.comment = "Gammal";
	in.updated = "2000-01-01T00:00:00.000Z";
	ck_assert_int_eq(store_mark_merge(s, &in, &applied), STATUS_OK);
	ck_assert(!applied);
	/* ... a newer one wins, initials made from the name ... */
	in.updated = "2999-01-01T00:00:00.000Z";
	in.comment = "Ny";
	ck_assert_int_eq(store_mark_merge(s, &in, &applied), STATUS_OK);
	ck_assert(applied);
	ck_assert_int_eq(store_marks(s, MID, false, &marks, &n), STATUS_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(marks[0].comment, "Ny");
	ck_assert_str_eq(marks[0].initials, "TG");
	store_marks_free(marks, n);
	/* ... on a tie the removal wins, whichever laptop sees it first. */
	in.removed = true;
	in.comment = NULL;
	ck_assert_int_eq(store_mark_merge(s, &in, &applied), STATUS_OK);
	ck_assert(applied);
	in.removed = false;
	in.comment = "Ny";
	ck_assert_int_eq(store_mark_merge(s, &in, &applied), STATUS_OK);
	ck_assert(!applied);
	/* Another person's mark is a row of its own. */
	in.person = "Monica Samuelsson";
	in.updated = "2001-01-01T00:00:00.000Z";
	ck_assert_int_eq(store_mark_merge(s, &in, &applied), STATUS_OK);
	ck_assert(applied);
	ck_assert_int_eq(store_marks(s, MID, false, &marks, &n), STATUS_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(marks[0].person, "Monica Samuelsson");
	store_marks_free(marks, n);
	in.updated = NULL;
	ck_assert_int_eq(store_mark_merge(s, &in, &applied), STATUS_BAD_INPUT);
	close_checked(&s);
}
END_TEST

/* Marks and notes on an item that goes are kept, flagged as orphans; a new import keeps all. */
START_TEST(test_orphans_kept)
{
	struct store *s = open_store(_i);
	struct store_mark *marks;
	struct store_note *notes;
	struct packet p;
	size_t n;
	int64_t id;

	put_with_vice(s, NULL);
	ck_assert_int_eq(store_mark_set(s, MID "/6", "Thomas Gustafsson", "Bra Liv"), STATUS_OK);
	ck_assert_int_eq(store_note_add(s, NULL, MID "/6", 0, "Fråga om\nBra Liv", &id), STATUS_OK);
	ck_assert_int_eq(store_note_add(s, MID "/d001", NULL, 1, "På raden", NULL), STATUS_OK);
	ck_assert_int_eq(store_note_add(s, "nope", NULL, 1, "x", NULL), STATUS_NOT_FOUND);
	ck_assert_int_eq(store_note_add(s, NULL, MID "/99", 1, "x", NULL), STATUS_NOT_FOUND);
	ck_assert_int_eq(store_note_add(s, NULL, MID "/6", 1, "", NULL), STATUS_BAD_INPUT);
	ck_assert_int_eq(store_note_edit(s, id, "Fråga om\nBra Liv, igen"), STATUS_OK);
	ck_assert_int_eq(store_note_edit(s, id + 100, "x"), STATUS_NOT_FOUND);

	/* The packet again without item 6: its document (d001) goes with it. */
	fx_packet(&p, FX_BODY, DATE);
	fx_person(&p, PERSON_MEMBER, "Monica Samuelsson", "KD", "2:a vice ordförande", NULL);
	drop_item(&p, 1);
	ck_assert_int_eq(store_put_packet(s, &p, NULL, NULL), STATUS_OK);
	p.n_items++;
	packet_free(&p);
	ck_assert_int_eq(store_marks(s, MID, false, &marks, &n), STATUS_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert(marks[0].orphan);
	ck_assert_str_eq(marks[0].comment, "Bra Liv");
	store_marks_free(marks, n);
	/* Both notes orphaned: d001 went with item 6, and no other document took its id. */
	ck_assert_int_eq(store_notes_all(s, MID, &notes, &n), STATUS_OK);
	ck_assert_uint_eq(n, 2);
	for (size_t i = 0; i < n; i++)
		ck_assert_msg(notes[i].orphan, "note %s", notes[i].text);
	store_notes_free(notes, n);
	ck_assert_int_eq(store_notes_all(s, "other", &notes, &n), STATUS_OK);
	ck_assert_uint_eq(n, 0);
	store_notes_free(notes, n);
	/*
	 * Item 6 back: its mark and note are whole again. Its document comes
	 * back as a new one (d001 was deleted, and a number is never given to
	 * another document), so the note on d001 stays orphaned, kept and shown.
	 */
	put_with_vice(s, NULL);
	ck_assert_int_eq(store_notes_all(s, NULL, &notes, &n), STATUS_OK);
	ck_assert_uint_eq(n, 2);
	for (size_t i = 0; i < n; i++)
		ck_assert_msg(notes[i].orphan == (strcmp(notes[i].text, "På raden") == 0),
		    "note %s", notes[i].text);
	store_notes_free(notes, n);
	ck_assert_int_eq(store_note_delete(s, id), STATUS_OK);
	close_checked(&s);
}
END_TEST

/*
 * A corrected packet with a document more before others, and later a
 * retitled one: each document keeps its id, so the note and the read
 * state stay on the document they were made on (ids by position moved
 * them onto the document before).
 */
START_TEST(test_doc_ids_follow_documents)
{
	struct store *s = open_store(_i);
	struct store_note *notes;
	struct store_doc d;
	struct packet p;
	size_t n;

	put_with_vice(s, NULL);
	ck_assert_int_eq(store_doc_get(s, MID "/d002", &d), STATUS_OK);
	ck_assert_str_eq(d.title, "Övergångsregler");
	store_doc_free(&d);
	ck_assert_int_eq(store_note_add(s, MID "/d002", NULL, 1, "Gäller vuxna", NULL), STATUS_OK);
	ck_assert_int_eq(store_read_set(s, MID "/d002", true), STATUS_OK);

	/* A missiv for item 6 comes first among the item documents. */
	fx_packet(&p, FX_BODY, DATE);
	fx_person(&p, PERSON_MEMBER, "Monica Samuelsson", "KD", "2:a vice ordförande", NULL);
	fx_doc(&p, 1, "missiv", "Missiv om Bra Liv", "Missiv\nBra Liv i korthet.\n");
	{
		struct packet_doc added = p.docs[p.n_docs - 1];
		memmove(&p.docs[2], &p.docs[1], (p.n_docs - 2) * sizeof *p.docs);
		p.docs[1] = added;
	}
	ck_assert_int_eq(store_put_packet(s, &p, NULL, NULL), STATUS_OK);
	packet_free(&p);
	ck_assert_int_eq(store_doc_get(s, MID "/d002", &d), STATUS_OK);
	ck_assert_str_eq(d.title, "Övergångsregler");
	ck_assert(d.read && !d.changed);
	store_doc_free(&d);
	/* The new one a number after every earlier one; the order is the packet's. */
	ck_assert_int_eq(store_doc_get(s, MID "/d004", &d), STATUS_OK);
	ck_assert_str_eq(d.title, "Missiv om Bra Liv");
	ck_assert_int_eq(d.ord, 1);
	store_doc_free(&d);
	ck_assert_int_eq(store_notes(s, NULL, MID "/d002", &notes, &n), STATUS_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(notes[0].text, "Gäller vuxna");
	ck_assert(!notes[0].orphan);
	store_notes_free(notes, n);

	/* Retitled: the one tjänsteskrivelse of item 15 is still d002. */
	fx_packet(&p, FX_BODY, DATE);
	fx_person(&p, PERSON_MEMBER, "Monica Samuelsson", "KD", "2:a vice ordförande", NULL);
	for (size_t i = 0; i < p.n_docs; i++)
		if (p.docs[i].item == 3) {
			free(p.docs[i].title);
			p.docs[i].title = strdup("Övergångsregler, reviderad");
		}
	ck_assert_int_eq(store_put_packet(s, &p, NULL, NULL), STATUS_OK);
	packet_free(&p);
	ck_assert_int_eq(store_doc_get(s, MID "/d002", &d), STATUS_OK);
	ck_assert_str_eq(d.title, "Övergångsregler, reviderad");
	ck_assert(d.read);
	store_doc_free(&d);
	/* The missiv is gone again, and its number is not given to another document. */
	ck_assert_int_eq(store_doc_get(s, MID "/d004", &d), STATUS_NOT_FOUND);
	close_checked(&s);
}
END_TEST

/* Read, then the text changes: ändrad until read again; the new paragraph is told apart. */
START_TEST(test_read_changed)
{
	struct store *s = open_store(_i);
	struct store_para *paras;
	struct store_doc d;
	struct agenda_item it;
	char *text;
	size_t n, len;

	put_with_vice(s, NULL);
	ck_assert_int_eq(store_doc_get(s, MID "/d002", &d), STATUS_OK);
	ck_assert(!d.read && !d.changed);
	store_doc_free(&d);
	ck_assert_int_eq(store_doc_changes(s, MID "/d002", &paras, &n), STATUS_NOT_FOUND);
	ck_assert_int_eq(store_read_set(s, MID "/d002", true), STATUS_OK);
	ck_assert_int_eq(store_doc_get(s, MID "/d002", &d), STATUS_OK);
	ck_assert(d.read && !d.changed);
	store_doc_free(&d);
	ck_assert_int_eq(store_doc_text(s, MID "/d002", &text, &len), STATUS_OK);

	/* The same text wrapped anew, and a paragraph added after a blank line. */
	{
		struct buf b = { 0 };

		for (size_t i = 0; i < len; i++)
			buf_addc(&b, text[i] == ' ' && i > 20 && i < 30 ? '\n' : text[i]);
		buf_adds(&b, "\n\nEtt nytt stycke\nom tandvård.\n");
		put_with_vice(s, b.data);
		buf_free(&b);
	}
	free(text);
	ck_assert_int_eq(store_doc_get(s, MID "/d002", &d), STATUS_OK);
	ck_assert(!d.read);
	ck_assert(d.changed);
	store_doc_free(&d);
	ck_assert_int_eq(store_item_get(s, MID "/15", &it), STATUS_OK);
	ck_assert_int_eq(it.unread_count, 1);
	ck_assert_int_eq(it.changed_count, 1);
	agenda_item_free(&it);
	ck_assert_int_eq(store_doc_changes(s, MID "/d002", &paras, &n), STATUS_OK);
	ck_assert_uint_ge(n, 2);
	for (size_t i = 0; i + 1 < n; i++)
		ck_assert_msg(!paras[i].changed, "paragraph %zu at line %zu", i, paras[i].first);
	ck_assert(paras[n - 1].changed);
	ck_assert_uint_eq(paras[n - 1].count, 2);
	free(paras);
	/* Read again: no longer changed; unread by hand: unread, not changed. */
	ck_assert_int_eq(store_read_set(s, MID "/d002", true), STATUS_OK);
	ck_assert_int_eq(store_doc_get(s, MID "/d002", &d), STATUS_OK);
	ck_assert(d.read && !d.changed);
	store_doc_free(&d);
	ck_assert_int_eq(store_read_set(s, MID "/d002", false), STATUS_OK);
	ck_assert_int_eq(store_doc_get(s, MID "/d002", &d), STATUS_OK);
	ck_assert(!d.read && !d.changed);
	store_doc_free(&d);
	ck_assert_int_eq(store_read_set(s, "nope", true), STATUS_NOT_FOUND);
	close_checked(&s);
}
END_TEST

START_TEST(test_identity_file)
{
	struct identity id;
	char path[4200], *err = NULL;
	FILE *f;

	setenv("XDG_CONFIG_HOME", tmp, 1);
	ck_assert_int_eq(identity_load(NULL, &id, &err), STATUS_OK);
	ck_assert_ptr_null(id.name);
	ck_assert(!id.asked);
	identity_free(&id);
	snprintf(path, sizeof path, "%s/kallelse", tmp);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/kallelse/config", tmp);
	f = fopen(path, "w");
	fputs("# mine\n  name =  Thomas Gustafsson  \nrole = sekreterare\ncolour = blå\n", f);
	fclose(f);
	ck_assert_int_eq(identity_load(NULL, &id, &err), STATUS_OK);
	ck_assert_str_eq(id.name, "Thomas Gustafsson");
	ck_assert_str_eq(id.role, "sekreterare");
	identity_free(&id);
	ck_assert_int_eq(identity_load("Monica Samuelsson", &id, &err), STATUS_OK);
	ck_assert_str_eq(id.name, "Monica Samuelsson");
	ck_assert(id.from_as);
	identity_free(&id);
	/* Saving replaces the name and keeps the rest. */
	ck_assert_int_eq(identity_save("Åsa Öberg", &err), STATUS_OK);
	ck_assert_int_eq(identity_load(NULL, &id, &err), STATUS_OK);
	ck_assert_str_eq(id.name, "Åsa Öberg");
	ck_assert_str_eq(id.role, "sekreterare");
	identity_free(&id);
	/* Skipped: asked, no name. */
	ck_assert_int_eq(identity_save("", &err), STATUS_OK);
	ck_assert_int_eq(identity_load(NULL, &id, &err), STATUS_OK);
	ck_assert_ptr_null(id.name);
	ck_assert(id.asked);
	identity_free(&id);
	f = fopen(path, "a");
	fputs("this is not a setting\n", f);
	fclose(f);
	ck_assert_int_eq(identity_load(NULL, &id, &err), STATUS_BAD_INPUT);
	ck_assert_ptr_nonnull(strstr(err, "config:5:"));
	free(err);
	identity_free(&id);
}
END_TEST

static Suite *
marks_suite(void)
{
	Suite *su = suite_create("marks");
	TCase *tc = tcase_create("marks");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_roles);
	tcase_add_test(tc, test_initials);
	/* _i: 0 = ":memory:", 1 = a file */
	tcase_add_loop_test(tc, test_who_may_mark, 0, 2);
	tcase_add_loop_test(tc, test_last_change_wins, 0, 2);
	tcase_add_loop_test(tc, test_orphans_kept, 0, 2);
	tcase_add_loop_test(tc, test_doc_ids_follow_documents, 0, 2);
	tcase_add_loop_test(tc, test_read_changed, 0, 2);
	tcase_add_test(tc, test_identity_file);
	suite_add_tcase(su, tc);
	return su;
}

int
main(void)
{
	return tu_run_suite(marks_suite(), CK_ENV) ? 1 : 0;
}
