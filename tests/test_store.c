/*
 * Unit tests of the store (store/store.h) against real SQLite files in a
 * scratch folder and ":memory:": open and migrate, packets in and out,
 * idempotent and corrected imports, rollback, marks/notes/reading, search.
 * Every test ends with PRAGMA integrity_check. The error cases (foreign,
 * newer, damaged, read-only, locked files) are in test_store_errors.c.
 */
#include "config.h"

#include <check.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "store.h"
#include "store_fixture.h"
#include "store_internal.h"
#include "testutil.h"
#include "xmalloc.h"

#define DATE "2024-12-10"
#define MID FX_ORG "-" DATE

static char *tmp;

static void
setup(void)
{
	tmp = tu_tmpdir();
}

static void
teardown(void)
{
	tu_rmrf(tmp);
	free(tmp);
	tmp = NULL;
}

/* A store at a real file (file != 0) or in memory, with the fixture put. */
static struct store *
open_store(int file)
{
	struct store *s = NULL;
	char *err = NULL, path[4200];
	enum status st;

	snprintf(path, sizeof path, "%s/sub/kallelse.db", tmp);
	st = store_open(file ? path : ":memory:", STORE_CREATE, &s, &err);
	ck_assert_msg(st == STATUS_OK, "open: %s", err ? err : "?");
	ck_assert_ptr_null(err);
	return s;
}

static void
put_fixture(struct store *s, const char *date, bool *changed)
{
	struct packet p;
	char *id = NULL;

	fx_packet(&p, FX_BODY, date);
	ck_assert_msg(store_put_packet(s, &p, &id, changed) == STATUS_OK, "put: %s",
	    store_error(s));
	ck_assert_ptr_nonnull(id);
	free(id);
	packet_free(&p);
}

static void
close_checked(struct store **s)
{
	ck_assert_msg(store_check(*s) == STATUS_OK, "integrity: %s", store_error(*s));
	store_close(s);
	ck_assert_ptr_null(*s);
}

static long long
pragma(struct store *s, const char *sql)
{
	sqlite3_stmt *st;
	long long v = -1;

	ck_assert_int_eq(sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* ---- open ---- */

static void
check_mode(const char *path)
{
	struct stat sb;

	ck_assert_msg(stat(path, &sb) == 0, "stat %s", path);
	ck_assert_msg((sb.st_mode & 0777) == 0600, "%s has mode %o", path, sb.st_mode & 0777);
}

START_TEST(test_open_creates_0600)
{
	static const mode_t masks[] = { 0, 022, 0277 };
	struct store *s = NULL;
	char path[4200], wal[4300];
	mode_t old = umask(masks[_i]);

	snprintf(path, sizeof path, "%s/new/folder/k.db", tmp);
	ck_assert_int_eq(store_open(path, STORE_CREATE, &s, NULL), STATUS_OK);
	umask(old);
	put_fixture(s, DATE, NULL);
	check_mode(path);
	snprintf(wal, sizeof wal, "%s-wal", path);
	check_mode(wal);
	snprintf(wal, sizeof wal, "%s-shm", path);
	check_mode(wal);
	ck_assert_int_eq(pragma(s, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	ck_assert_int_eq(pragma(s, "PRAGMA page_size"), 16384);
	ck_assert_int_eq(pragma(s, "PRAGMA foreign_keys"), 1);
	{
		sqlite3_stmt *st;
		sqlite3_prepare_v2(store_db(s), "PRAGMA journal_mode", -1, &st, NULL);
		ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
		ck_assert_str_eq((const char *)sqlite3_column_text(st, 0), "wal");
		sqlite3_finalize(st);
	}
	ck_assert_str_eq(store_path(s), path);
	ck_assert_str_eq(store_error(s), "");
	close_checked(&s);
	/* The folder it made is the user's alone. */
	snprintf(wal, sizeof wal, "%s/new/folder", tmp);
	{
		struct stat sb;
		ck_assert_int_eq(stat(wal, &sb), 0);
		ck_assert_int_eq(sb.st_mode & 077, 0);
	}
}
END_TEST

START_TEST(test_open_missing_without_create)
{
	struct store *s = NULL;
	char *err = NULL, path[4200];

	snprintf(path, sizeof path, "%s/none.db", tmp);
	ck_assert_int_eq(store_open(path, 0, &s, &err), STATUS_NOT_FOUND);
	ck_assert_ptr_null(s);
	ck_assert_ptr_nonnull(strstr(err, path));
	ck_assert_ptr_nonnull(strstr(err, "import"));
	ck_assert_int_ne(access(path, F_OK), 0);
	free(err);
	ck_assert_int_eq(store_open(path, STORE_READONLY, &s, &err), STATUS_NOT_FOUND);
	ck_assert_int_ne(access(path, F_OK), 0);
	free(err);
}
END_TEST

/* A little content in the shape of each version, to see it through the migrations. */
#define OLD_MID "namnd-2024-01-02"
static const char *const content_at[] = {
	NULL,	/* version 0: an empty file */
	"INSERT INTO organization VALUES ('namnd', 'Nämnd');"
	"INSERT INTO meeting(id, organization_id, date, content_sha256, imported_at, fts_base)"
	" VALUES ('" OLD_MID "', 'namnd', '2024-01-02', 'x', '2024-01-01T00:00:00Z',"
	" 202401020000000);"
	"INSERT INTO agenda_item(id, meeting_id, number, first, last, ord, title) VALUES"
	" ('" OLD_MID "/1', '" OLD_MID "', '1', 1, 1, 0, 'Öppnande'),"
	" ('" OLD_MID "/2', '" OLD_MID "', '2', 2, 2, 1, 'Ärende');"
	"INSERT INTO document(id, meeting_id, item_id, ord, kind, title, chars, bytes, lines,"
	" sha256, text) VALUES ('" OLD_MID "/d000', '" OLD_MID "', '" OLD_MID "/2', 0, 'bilaga',"
	" 'Bilaga', 6, 7, 1, 'y', 'Åtgärd');"
	"INSERT INTO mark(item_id, person, kind, updated) VALUES ('" OLD_MID "/2', 'jag',"
	" 'diskussion', '2024-01-01T00:00:00Z');",
};
_Static_assert(sizeof content_at / sizeof content_at[0] == STORE_SCHEMA_VERSION,
    "content for every earlier version");

/* Columns and indexes of every table, to compare a migrated file with a new one. Caller frees. */
static char *
schema_signature(struct store *s)
{
	sqlite3_stmt *st;
	char *sig = NULL;

	ck_assert_int_eq(sqlite3_prepare_v2(store_db(s),
	    "SELECT group_concat(x, ';') FROM (SELECT m.name || '.' || p.name || ':' || p.type"
	    " || ':' || p.\"notnull\" || ':' || coalesce(p.dflt_value, '') || ':' || p.pk AS x"
	    " FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type='table'"
	    " UNION ALL SELECT 'index ' || m.name || '(' || (SELECT group_concat(coalesce(i.name,"
	    " '?'), ',') FROM pragma_index_info(m.name) i) || ')' FROM sqlite_master m"
	    " WHERE m.type='index' ORDER BY 1)", -1, &st, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	sig = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return sig;
}

/* Every earlier schema version migrates forward, keeping what it holds. */
START_TEST(test_migrate_from_every_version)
{
	struct store *fresh = open_store(0);
	char *want = schema_signature(fresh);

	store_close(&fresh);
	for (int v = 0; v < STORE_SCHEMA_VERSION; v++) {
		struct store *s = NULL;
		char path[4200], *sql, *got;
		sqlite3 *db;

		/* The file as version v of kallelse left it. */
		snprintf(path, sizeof path, "%s/v%d.db", tmp, v);
		ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
		if (v > 0)
			ck_assert_int_eq(sqlite3_exec(db, "PRAGMA page_size=16384;"
			    "PRAGMA journal_mode=WAL", NULL, NULL, NULL), SQLITE_OK);
		for (int k = 0; k < v; k++)
			ck_assert_int_eq(sqlite3_exec(db, store_schema_migration(k), NULL, NULL,
			    NULL), SQLITE_OK);
		if (content_at[v])
			ck_assert_msg(sqlite3_exec(db, content_at[v], NULL, NULL, NULL) == SQLITE_OK,
			    "content v%d: %s", v, sqlite3_errmsg(db));
		sql = sqlite3_mprintf("PRAGMA application_id=%d; PRAGMA user_version=%d",
		    v ? 0x4b4c4c53 : 0, v);
		ck_assert_int_eq(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
		sqlite3_free(sql);
		ck_assert_int_eq(sqlite3_close(db), SQLITE_OK);

		/* A reading command upgrades it too (through a writing handle of its own). */
		ck_assert_int_eq(store_open(path, v ? STORE_READONLY : 0, &s, NULL), STATUS_OK);
		ck_assert_int_eq(pragma(s, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
		got = schema_signature(s);
		ck_assert_str_eq(got, want);
		free(got);
		if (v >= 1) {
			struct store_meeting m;
			struct store_mark *marks;
			size_t n;

			ck_assert_int_eq(store_meeting_get(s, OLD_MID, &m), STATUS_OK);
			ck_assert_int_eq(m.item_count, 2);
			ck_assert_int_eq(m.unread_count, 1);
			ck_assert_int_eq(m.marked_count, 1);
			store_meeting_free(&m);
			ck_assert_int_eq(store_marks(s, OLD_MID, &marks, &n), STATUS_OK);
			ck_assert_uint_eq(n, 1);
			ck_assert(!marks[0].orphan);
			store_marks_free(marks, n);
			close_checked(&s);
			ck_assert_int_eq(store_open(path, 0, &s, NULL), STATUS_OK);
		}
		put_fixture(s, DATE, NULL);
		close_checked(&s);
		/* Reopening a current file leaves it as it is. */
		ck_assert_int_eq(store_open(path, STORE_READONLY, &s, NULL), STATUS_OK);
		ck_assert_int_eq(pragma(s, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
		close_checked(&s);
	}
	free(want);
}
END_TEST

/* ---- content ---- */

START_TEST(test_put_and_read)
{
	struct store *s = open_store(_i);
	struct store_meeting *ms = NULL, m;
	struct store_person *people;
	struct store_item *items, it;
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
	ck_assert_int_eq(ms[0].unread_count, 4);
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
	store_people_free(people, n);

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
	store_items_free(items, n);

	/* Items by id, by printed number, by any number inside the range. */
	ck_assert_int_eq(store_item_get(s, MID "/15", &it), STATUS_OK);
	ck_assert_str_eq(it.title, "Övergångsregler för tandvård");
	store_item_free(&it);
	ck_assert_int_eq(store_item_find(s, MID, "1–5", &it), STATUS_OK);
	ck_assert_str_eq(it.id, MID "/1-5");
	store_item_free(&it);
	ck_assert_int_eq(store_item_find(s, MID, "3", &it), STATUS_OK);
	ck_assert_str_eq(it.id, MID "/1-5");
	store_item_free(&it);
	ck_assert_int_eq(store_item_find(s, MID, "1-5", &it), STATUS_OK);
	store_item_free(&it);
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
	struct store_item *a, *b;
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
	store_items_free(a, na);
	store_items_free(b, nb);
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
	ck_assert_int_eq(store_mark_set(s, MID "/6", "jag", "diskussion", "Fråga om Bra Liv", true),
	    STATUS_OK);
	ck_assert_int_eq(store_mark_set(s, MID "/15", "jag", "diskussion", NULL, false), STATUS_OK);
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
		struct packet_item six = p.items[1];
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
	ck_assert_int_eq(store_marks(s, MID, &marks, &n), STATUS_OK);
	ck_assert_uint_eq(n, 2);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(marks[i].item_id, MID "/6") == 0) {
			ck_assert(marks[i].orphan);
			ck_assert_str_eq(marks[i].comment, "Fråga om Bra Liv");
			ck_assert(marks[i].shared);
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
	struct store_item *items;
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
	store_items_free(items, n);
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
	struct store_item it;
	struct store_meeting m;
	size_t n, pos;
	int64_t a, b, c;
	char *v;

	put_fixture(s, DATE, NULL);
	ck_assert_int_eq(store_mark_set(s, MID "/15", "anna", "diskussion", "Varför?", false),
	    STATUS_OK);
	ck_assert_int_eq(store_mark_set(s, MID "/15", "anna", "fråga", "Ändrat", true), STATUS_OK);
	ck_assert_int_eq(store_mark_set(s, MID "/15", "bo", "diskussion", NULL, false), STATUS_OK);
	ck_assert_int_eq(store_mark_set(s, MID "/99", "bo", "diskussion", NULL, false),
	    STATUS_NOT_FOUND);
	ck_assert_int_eq(store_marks(s, MID, &marks, &n), STATUS_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(marks[0].person, "anna");
	ck_assert_str_eq(marks[0].kind, "fråga");
	ck_assert_str_eq(marks[0].comment, "Ändrat");
	ck_assert(marks[0].shared);
	ck_assert(!marks[0].orphan);
	ck_assert_ptr_nonnull(marks[0].updated);
	ck_assert_ptr_null(marks[1].comment);
	store_marks_free(marks, n);
	ck_assert_int_eq(store_marks(s, NULL, &marks, &n), STATUS_OK);
	ck_assert_uint_eq(n, 2);
	store_marks_free(marks, n);
	ck_assert_int_eq(store_marks(s, "other-2024-12-10", &marks, &n), STATUS_OK);
	ck_assert_uint_eq(n, 0);
	store_marks_free(marks, n);
	ck_assert_int_eq(store_item_get(s, MID "/15", &it), STATUS_OK);
	ck_assert(it.marked);
	ck_assert(!it.has_notes);
	store_item_free(&it);
	ck_assert_int_eq(store_mark_clear(s, MID "/15", "bo"), STATUS_OK);
	ck_assert_int_eq(store_mark_clear(s, MID "/15", "bo"), STATUS_NOT_FOUND);

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
	store_item_free(&it);
	ck_assert_int_eq(store_note_delete(s, b), STATUS_OK);
	ck_assert_int_eq(store_note_delete(s, b), STATUS_NOT_FOUND);

	ck_assert_int_eq(store_reading_get(s, MID "/d002", &pos), STATUS_NOT_FOUND);
	ck_assert_int_eq(store_reading_set(s, MID "/d002", 7), STATUS_OK);
	ck_assert_int_eq(store_reading_set(s, MID "/d002", 9), STATUS_OK);
	ck_assert_int_eq(store_reading_get(s, MID "/d002", &pos), STATUS_OK);
	ck_assert_uint_eq(pos, 9);
	ck_assert_int_eq(store_reading_set(s, "nope", 1), STATUS_NOT_FOUND);
	ck_assert_int_eq(store_meeting_get(s, MID, &m), STATUS_OK);
	ck_assert_int_eq(m.unread_count, 3);
	ck_assert_int_eq(m.marked_count, 1);
	store_meeting_free(&m);
	ck_assert_int_eq(store_item_get(s, MID "/15", &it), STATUS_OK);
	ck_assert_int_eq(it.unread_count, 0);
	store_item_free(&it);

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
	ck_assert_int_eq(store_marks(s, MID, &marks, &n), STATUS_OK);
	ck_assert_uint_eq(n, 1);
	store_marks_free(marks, n);
	close_checked(&s);
}
END_TEST

/* ---- search ---- */

/* Hits of query (limit 50): total, and whether any hit's snippet contains want. */
static size_t
search_count(struct store *s, const char *q, const char *want, bool *found)
{
	struct store_hit *h;
	size_t n, total = 99;

	ck_assert_msg(store_search(s, q, 50, &h, &n, &total) == STATUS_OK, "search %s: %s", q,
	    store_error(s));
	ck_assert_uint_eq(n, total);
	if (found)
		*found = false;
	for (size_t i = 0; i < n; i++) {
		ck_assert_uint_ge(h[i].n_spans, 1);
		for (size_t k = 0; k < h[i].n_spans; k++)
			ck_assert_uint_le(h[i].spans[k].off + h[i].spans[k].len, strlen(h[i].snippet));
		if (want && found && strstr(h[i].snippet, want))
			*found = true;
	}
	store_hits_free(h, n);
	return total;
}

static const struct {
	const char *query;
	const char *snippet;	/* some hit's snippet contains this */
	size_t total;
} search_cases[] = {
	{ "sjukvård", "sjukvårdsdirektör", 3 },	/* inside a compound, and */
	{ "sjukvård", "Hälso- och sjukvården", 3 },	/* at a word's start */
	{ "SJUKVÅRD", "sjukvårdsdirektör", 3 },	/* case-insensitive for Å */
	{ "sjukva\xcc\x8ard", "sjukvårdsdirektör", 3 },	/* decomposed å */
	{ "direktör", "sjukvårdsdirektör", 1 },	/* presenters are not indexed text */
	{ "övergångsregler", "Övergångsregler", 3 },
	{ "årets", "Årets resultat", 1 },	/* not "arets" */
	{ "arets", "arets plan", 1 },
	{ "år", "år är olika", 5 },	/* the scan: not "ar" in "arbetar", "arets" */
	{ "Å", "sjukvårdsdirektör", 6 },
	{ "EU", "av EU.", 1 },
	{ "ä", NULL, 0 },
	{ "xyzzy", NULL, 0 },
	{ "\"citat\"", NULL, 0 },	/* quotes are taken literally */
	{ "  tandvård  ", "Tandvård", 3 },
};

START_TEST(test_search_swedish)
{
	struct store *s = open_store(1);
	bool found;
	size_t total;

	put_fixture(s, DATE, NULL);
	if (search_cases[_i].total == 0 && strcmp(search_cases[_i].query, "ä") == 0) {
		/* "ä" is everywhere: just more than a handful, each with a span. */
		total = search_count(s, "ä", NULL, NULL);
		ck_assert_uint_ge(total, 5);
		close_checked(&s);
		return;
	}
	total = search_count(s, search_cases[_i].query, search_cases[_i].snippet, &found);
	ck_assert_msg(total == search_cases[_i].total, "'%s': %zu hits, want %zu",
	    search_cases[_i].query, total, search_cases[_i].total);
	if (search_cases[_i].snippet)
		ck_assert_msg(found, "'%s': no snippet with '%s'", search_cases[_i].query,
		    search_cases[_i].snippet);
	close_checked(&s);
}
END_TEST

START_TEST(test_search_hits)
{
	struct store *s = open_store(_i);
	struct store_hit *h;
	size_t n, total;
	char *text;

	put_fixture(s, "2023-01-10", NULL);
	put_fixture(s, DATE, NULL);
	put_fixture(s, "2022-05-03", NULL);
	/* Grouped by meeting, newest first. */
	ck_assert_int_eq(store_search(s, "sjukvård", 0, &h, &n, &total), STATUS_OK);
	ck_assert_uint_eq(n, 9);
	ck_assert_uint_eq(total, 9);
	ck_assert_str_eq(h[0].meeting_date, DATE);
	ck_assert_str_eq(h[2].meeting_date, DATE);
	ck_assert_str_eq(h[3].meeting_date, "2023-01-10");
	ck_assert_str_eq(h[8].meeting_date, "2022-05-03");
	ck_assert_str_eq(h[0].body, FX_BODY);
	/* The first match of the document, its line, and the spans in the snippet. */
	for (size_t i = 0; i < 3; i++) {
		if (h[i].doc_id == NULL || strcmp(h[i].doc_id, MID "/d001") != 0)
			continue;
		ck_assert_str_eq(h[i].item_id, MID "/6");
		ck_assert_str_eq(h[i].item_number, "6");
		ck_assert_str_eq(h[i].doc_title, "Bra Liv");
		ck_assert_str_eq(h[i].what, "document");
		ck_assert_uint_eq(h[i].match_line, 2);
		ck_assert_str_eq(h[i].snippet, "Ansvarig är sjukvårdsdirektör Micael Edblom.");
		ck_assert_uint_eq(h[i].n_spans, 1);
		ck_assert_int_eq(strncmp(h[i].snippet + h[i].spans[0].off, "sjukvård", 8 + 1), 0);
		ck_assert_uint_eq(h[i].spans[0].len, strlen("sjukvård"));
		ck_assert_int_eq(store_doc_text(s, h[i].doc_id, &text, NULL), STATUS_OK);
		ck_assert_int_eq(strncmp(text + h[i].match_off, "sjukvårdsdirektör", 18), 0);
		free(text);
	}
	store_hits_free(h, n);
	/* A limit keeps the newest; total still counts everything. */
	ck_assert_int_eq(store_search(s, "sjukvård", 1, &h, &n, &total), STATUS_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(total, 9);
	ck_assert_str_eq(h[0].meeting_date, DATE);
	store_hits_free(h, n);
	ck_assert_int_eq(store_search(s, "Å", 2, &h, &n, &total), STATUS_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_uint_eq(total, 18);
	ck_assert_str_eq(h[0].meeting_date, DATE);
	store_hits_free(h, n);
	ck_assert_int_eq(store_search(s, "Å", 2, &h, &n, NULL), STATUS_OK);
	store_hits_free(h, n);
	/* Titles and proposals are found too, without a document. */
	ck_assert_int_eq(store_search(s, "Verksamhetsområde", 0, &h, &n, &total), STATUS_OK);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(h[0].what, "title");
	ck_assert_ptr_null(h[0].doc_id);
	ck_assert_str_eq(h[0].snippet, "Verksamhetsområde Bra Liv");
	store_hits_free(h, n);
	ck_assert_int_eq(store_search(s, "regionfullmäktige att", 0, &h, &n, &total), STATUS_OK);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(h[0].what, "proposal");
	ck_assert_str_eq(h[0].item_id, MID "/15");
	store_hits_free(h, n);
	/* Several matches on one line: a span each. */
	ck_assert_int_eq(store_search(s, "ar", 1, &h, &n, &total), STATUS_OK);
	ck_assert_uint_ge(n, 1);
	ck_assert_uint_ge(h[0].n_spans, 1);
	store_hits_free(h, n);
	ck_assert_int_eq(store_search(s, "", 5, &h, &n, &total), STATUS_OK);
	ck_assert_uint_eq(n, 0);
	close_checked(&s);
}
END_TEST

/* A long line is cut around the match; the spans still point at it. */
START_TEST(test_search_long_line)
{
	struct store *s = open_store(0);
	struct store_hit *h;
	struct packet p;
	struct buf b = { 0 };
	size_t n, total;

	fx_packet(&p, FX_BODY, DATE);
	for (int i = 0; i < 300; i++)
		buf_adds(&b, "Lång rad utan radbrytning ");
	buf_adds(&b, "där nålen i höstacken finns ");
	for (int i = 0; i < 300; i++)
		buf_adds(&b, "och mera text efteråt ");
	fx_doc(&p, 0, "bilaga", "Lång", b.data);
	buf_free(&b);
	ck_assert_int_eq(store_put_packet(s, &p, NULL, NULL), STATUS_OK);
	packet_free(&p);
	ck_assert_int_eq(store_search(s, "nålen", 5, &h, &n, &total), STATUS_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_lt(strlen(h[0].snippet), 400);
	ck_assert_int_eq(strncmp(h[0].snippet, "…", 3), 0);
	ck_assert_uint_eq(h[0].n_spans, 1);
	ck_assert_int_eq(strncmp(h[0].snippet + h[0].spans[0].off, "nålen", 6), 0);
	ck_assert_uint_eq(h[0].match_line, 0);
	store_hits_free(h, n);
	close_checked(&s);
}
END_TEST

/* Totals stop counting past STORE_SEARCH_TOTAL_MAX, for the index and the scan alike. */
START_TEST(test_search_total_cap)
{
	struct store *s = open_store(0);
	struct store_hit *h;
	struct packet p;
	size_t n, total;

	fx_packet(&p, FX_BODY, DATE);
	for (int i = 0; i < STORE_SEARCH_TOTAL_MAX + 10; i++)
		fx_doc(&p, -1, "bilaga", "Bilaga", "Tandvård för alla.\n");
	ck_assert_int_eq(store_put_packet(s, &p, NULL, NULL), STATUS_OK);
	packet_free(&p);
	put_fixture(s, "2023-01-01", NULL);
	ck_assert_int_eq(store_search(s, "tandvård", 20, &h, &n, &total), STATUS_OK);
	ck_assert_uint_eq(n, 20);
	ck_assert_uint_gt(total, STORE_SEARCH_TOTAL_MAX);
	store_hits_free(h, n);
	ck_assert_int_eq(store_search(s, "å", 20, &h, &n, &total), STATUS_OK);
	ck_assert_uint_eq(n, 20);
	ck_assert_uint_gt(total, STORE_SEARCH_TOTAL_MAX);
	store_hits_free(h, n);
	/* Below the cap the count is exact, also when the page is smaller. */
	ck_assert_int_eq(store_search(s, "sjukvårdsdirektör", 1, &h, &n, &total), STATUS_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(total, 2);
	store_hits_free(h, n);
	ck_assert_int_eq(store_search(s, "EU", 1, &h, &n, &total), STATUS_OK);
	ck_assert_uint_eq(total, 2);
	store_hits_free(h, n);
	close_checked(&s);
}
END_TEST

/* A long document: the match far into it, found without reading it all. */
START_TEST(test_search_deep_match)
{
	struct store *s = open_store(1);
	struct store_hit *h;
	struct packet p;
	struct buf b = { 0 };
	size_t n, total;
	char *text;

	fx_packet(&p, FX_BODY, DATE);
	for (int i = 0; i < 5000; i++)
		buf_printf(&b, "Rad %d om välfärd, åtgärder och övrigt.\n", i);
	buf_adds(&b, "Här står anhörigkontakt i en lång rad som fortsätter och fortsätter ");
	for (int i = 0; i < 100; i++)
		buf_adds(&b, "med mera text på samma rad ");
	buf_adds(&b, "\nSista raden.\n");
	fx_doc(&p, 2, "rapport", "Lång rapport", b.data);
	buf_free(&b);
	ck_assert_int_eq(store_put_packet(s, &p, NULL, NULL), STATUS_OK);
	packet_free(&p);
	ck_assert_int_eq(store_search(s, "ANHÖRIGKONTAKT", 5, &h, &n, &total), STATUS_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(h[0].match_line, 5000);
	ck_assert_int_eq(strncmp(h[0].snippet, "Här står anhörigkontakt", 24), 0);
	ck_assert_int_eq(strcmp(h[0].snippet + strlen(h[0].snippet) - 3, "…"), 0);
	ck_assert_uint_eq(h[0].n_spans, 1);
	ck_assert_uint_eq(h[0].spans[0].off, strlen("Här står "));
	ck_assert_uint_eq(h[0].spans[0].len, strlen("anhörigkontakt"));
	ck_assert_int_eq(store_doc_text(s, h[0].doc_id, &text, NULL), STATUS_OK);
	ck_assert_int_eq(strncmp(text + h[0].match_off, "anhörigkontakt", 15), 0);
	free(text);
	store_hits_free(h, n);
	/* Past the window: the snippet is cut on both sides. */
	ck_assert_int_eq(store_search(s, "Sista raden", 5, &h, &n, &total), STATUS_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(h[0].snippet, "Sista raden.");
	ck_assert_uint_eq(h[0].match_line, 5001);
	store_hits_free(h, n);
	close_checked(&s);
}
END_TEST

/* Long queries are counted through covering trigrams: the same totals as the plain phrase. */
static const char *const cover_queries[] = {
	"abababa", "bababab", "ababababababab", "ababa ab", "aaaaaaa", "aaaaaaaa",
	"sjukvårdsdirektör", "Sjukvårdsdirektören", "Hälso- och sjukvården", "tandvårdstaxa",
	"xyzxyzxyq", "xyzxyzxyz", "för vuxna. Ar", "\"citat\" i text", "ÅÄÖåäöÅÄÖ",
};

START_TEST(test_search_cover_count)
{
	struct store *s = open_store(0);
	struct packet p;
	sqlite3_stmt *st;

	/* Two meetings, so that the first page stops early and the rest is counted. */
	for (int d = 0; d < 2; d++) {
		fx_packet(&p, FX_BODY, d ? DATE : "2023-02-03");
		fx_doc(&p, -1, "bilaga", "Mönster", "abababababab\nxyzxyzxyzxyz\naaaaaaa\n");
		fx_doc(&p, -1, "bilaga", "Mönster 2", "ababa ab ababa\nxyzxyzxyq\nååäääöööÅÄÖåäöÅÄÖ\n");
		fx_doc(&p, -1, "bilaga", "Citat", "ett \"citat\" i text, aaaaaa\n");
		fx_doc(&p, 1, "bilaga", "Taxa", "tandvård och taxa, tandvårdstaxa\n");
		ck_assert_int_eq(store_put_packet(s, &p, NULL, NULL), STATUS_OK);
		packet_free(&p);
	}
	ck_assert_int_eq(sqlite3_prepare_v2(store_db(s), "SELECT count(*) FROM search WHERE"
	    " search MATCH ?1", -1, &st, NULL), SQLITE_OK);
	for (size_t i = 0; i < sizeof cover_queries / sizeof cover_queries[0]; i++) {
		const char *q = cover_queries[i];
		struct store_hit *h;
		size_t n, total, k = 0;
		char phrase[256];

		phrase[k++] = '"';
		for (const char *c = q; *c; c++) {
			if (*c == '"')
				phrase[k++] = '"';
			phrase[k++] = *c;
		}
		phrase[k++] = '"';
		phrase[k] = '\0';
		sqlite3_bind_text(st, 1, phrase, -1, SQLITE_STATIC);
		ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
		/* limit 1 so that the total is counted, not taken from the page */
		ck_assert_int_eq(store_search(s, q, 1, &h, &n, &total), STATUS_OK);
		ck_assert_msg((long long)total == sqlite3_column_int64(st, 0), "'%s': %zu, phrase %lld",
		    q, total, sqlite3_column_int64(st, 0));
		store_hits_free(h, n);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	close_checked(&s);
}
END_TEST

/* The scan reads long documents in chunks: a match cut by a chunk's end is still found. */
START_TEST(test_search_scan_chunks)
{
	struct store *s = open_store(0);
	struct store_hit *h;
	struct packet p;
	struct buf b = { 0 };
	size_t n, total;

	fx_packet(&p, FX_BODY, DATE);
	for (int i = 0; i < 1638; i++)
		buf_adds(&b, "xxxxxxxxx\n");
	buf_adds(&b, "xxxåm slut\n");	/* "å" at bytes 16383-16384 */
	for (int i = 0; i < 3000; i++)
		buf_adds(&b, "yyyyyyyyy\n");
	fx_doc(&p, -1, "bilaga", "Bitar", b.data);
	buf_free(&b);
	ck_assert_int_eq(store_put_packet(s, &p, NULL, NULL), STATUS_OK);
	packet_free(&p);
	ck_assert_int_eq(store_search(s, "ÅM", 5, &h, &n, &total), STATUS_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(total, 1);
	ck_assert_uint_eq(h[0].match_off, 16383);
	ck_assert_uint_eq(h[0].match_line, 1638);
	ck_assert_str_eq(h[0].snippet, "xxxåm slut");
	ck_assert_uint_eq(h[0].n_spans, 1);
	ck_assert_uint_eq(h[0].spans[0].off, 3);
	ck_assert_uint_eq(h[0].spans[0].len, 3);
	store_hits_free(h, n);
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
	tcase_add_loop_test(tc, test_open_creates_0600, 0, 3);
	tcase_add_test(tc, test_open_missing_without_create);
	tcase_add_test(tc, test_migrate_from_every_version);
	/* _i: 0 = ":memory:", 1 = a file */
	tcase_add_loop_test(tc, test_put_and_read, 0, 2);
	tcase_add_loop_test(tc, test_put_idempotent, 0, 2);
	tcase_add_loop_test(tc, test_put_corrected_keeps_marks, 0, 2);
	tcase_add_loop_test(tc, test_put_rollback, 0, 2);
	tcase_add_loop_test(tc, test_meetings_order_and_resolve, 0, 2);
	tcase_add_loop_test(tc, test_resolve_past_only_and_empty, 0, 2);
	tcase_add_loop_test(tc, test_userdata, 0, 2);
	tcase_add_loop_test(tc, test_search_swedish, 0, (int)(sizeof search_cases / sizeof search_cases[0]));
	tcase_add_loop_test(tc, test_search_hits, 0, 2);
	tcase_add_test(tc, test_search_long_line);
	tcase_add_test(tc, test_search_total_cap);
	tcase_add_test(tc, test_search_deep_match);
	tcase_add_test(tc, test_search_scan_chunks);
	tcase_add_test(tc, test_search_cover_count);
	suite_add_tcase(su, tc);
	return su;
}

int
main(void)
{
	SRunner *sr = srunner_create(store_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
