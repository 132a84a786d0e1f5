/*
 * The store's open and its migrations, against real SQLite files in a
 * scratch folder: a new file is 0600 in a 0700 folder, a missing one is
 * not created without STORE_CREATE, and a file at every earlier schema
 * version migrates forward keeping what it holds. Split from test_store.c.
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

/* Version 2's content (also under version 3). */
#define CONTENT_V2 \
	"INSERT INTO organization VALUES ('namnd', 'Nämnd');" \
	"INSERT INTO meeting(id, organization_id, date, content_sha256, imported_at, fts_base," \
	" item_count, doc_count) VALUES ('" OLD_MID "', 'namnd', '2024-01-02', 'x'," \
	" '2024-01-01T00:00:00Z', 202401020000000, 2, 1);" \
	"INSERT INTO agenda_item(id, meeting_id, number, first, last, ord, title) VALUES" \
	" ('" OLD_MID "/1', '" OLD_MID "', '1', 1, 1, 0, 'Öppnande')," \
	" ('" OLD_MID "/2', '" OLD_MID "', '2', 2, 2, 1, 'Ärende');" \
	"INSERT INTO document(id, meeting_id, item_id, ord, kind, title, chars, bytes, lines," \
	" sha256, text) VALUES ('" OLD_MID "/d000', '" OLD_MID "', '" OLD_MID "/2', 0, 'bilaga'," \
	" 'Bilaga', 22, 24, 2, 'y', 'Åtgärd för anhöriga  \nsom vårdar');" \
	"INSERT INTO search_row(rowid, meeting_id, item_id, doc_id, what) VALUES" \
	" (202401020000000, '" OLD_MID "', '" OLD_MID "/1', NULL, 'title')," \
	" (202401020000001, '" OLD_MID "', '" OLD_MID "/2', NULL, 'title')," \
	" (202401020000002, '" OLD_MID "', '" OLD_MID "/2', '" OLD_MID "/d000', 'document');" \
	"INSERT INTO mark(item_id, person, kind, updated) VALUES ('" OLD_MID "/2', 'jag'," \
	" 'diskussion', '2024-01-01T00:00:00Z');"

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
	/* Version 2: the index held the text as it is, line breaks and all. */
	CONTENT_V2
	"INSERT INTO search(rowid, text) VALUES (202401020000000, 'Öppnande'),"
	" (202401020000001, 'Ärende'), (202401020000002, 'Åtgärd för anhöriga  \nsom vårdar');",
	/* Version 3: as 2 with the index squeezed, a note and a document opened (then: read). */
	CONTENT_V2
	"INSERT INTO search(rowid, text) VALUES (202401020000000, 'Öppnande'),"
	" (202401020000001, 'Ärende'), (202401020000002, 'Åtgärd för anhöriga som vårdar');"
	"INSERT INTO note(doc_id, item_id, position, text, updated) VALUES ('" OLD_MID "/d000',"
	" NULL, 1, 'Fråga\nom vård', '2024-01-01T00:00:00Z');"
	"INSERT INTO reading(doc_id, position, sha256, read_at) VALUES ('" OLD_MID "/d000', 1,"
	" 'y', '2024-01-01T00:00:00Z');",
	/* Version 4: as 3 with the marks, notes and reading made for sync; no breaks yet. */
	CONTENT_V2
	"INSERT INTO search(rowid, text) VALUES (202401020000000, 'Öppnande'),"
	" (202401020000001, 'Ärende'), (202401020000002, 'Åtgärd för anhöriga som vårdar');"
	"INSERT INTO note(doc_id, item_id, position, text, updated, created) VALUES ('" OLD_MID "/d000',"
	" NULL, 1, 'Fråga\nom vård', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z');"
	"INSERT INTO reading(doc_id, position, sha256, read_at, read_sha256) VALUES ('" OLD_MID "/d000', 1,"
	" 'y', '2024-01-01T00:00:00Z', 'y');"
	"UPDATE mark SET initials='J', updated='2024-01-01T00:00:00.000Z';",
	/* Version 5: as 4 with a break in the timetable; no presidium keys yet. */
	CONTENT_V2
	"INSERT INTO search(rowid, text) VALUES (202401020000000, 'Öppnande'),"
	" (202401020000001, 'Ärende'), (202401020000002, 'Åtgärd för anhöriga som vårdar');"
	"INSERT INTO note(doc_id, item_id, position, text, updated, created) VALUES ('" OLD_MID "/d000',"
	" NULL, 1, 'Fråga\nom vård', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z');"
	"INSERT INTO reading(doc_id, position, sha256, read_at, read_sha256) VALUES ('" OLD_MID "/d000', 1,"
	" 'y', '2024-01-01T00:00:00Z', 'y');"
	"UPDATE mark SET initials='J', updated='2024-01-01T00:00:00.000Z';"
	"INSERT INTO agenda_break VALUES ('" OLD_MID "', 0, 1, 'Paus', '14.35', '14.50');",
	/* Version 6: as 5 with a presidium key and sync settings, all in the content file. */
	CONTENT_V2
	"INSERT INTO search(rowid, text) VALUES (202401020000000, 'Öppnande'),"
	" (202401020000001, 'Ärende'), (202401020000002, 'Åtgärd för anhöriga som vårdar');"
	"INSERT INTO note(doc_id, item_id, position, text, updated, created) VALUES ('" OLD_MID "/d000',"
	" NULL, 1, 'Fråga\nom vård', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z');"
	"INSERT INTO reading(doc_id, position, sha256, read_at, read_sha256) VALUES ('" OLD_MID "/d000', 1,"
	" 'y', '2024-01-01T00:00:00Z', 'y');"
	"UPDATE mark SET initials='J', updated='2024-01-01T00:00:00.000Z';"
	"INSERT INTO agenda_break VALUES ('" OLD_MID "', 0, 1, 'Paus', '14.35', '14.50');"
	"INSERT INTO publish_key VALUES ('Anna Ordf', '" "00" "', '2024-01-01T00:00:00Z');"
	"INSERT INTO setting VALUES ('sync.serial', '41'), ('sync.publisher', 'ab'),"
	" ('sync.b." OLD_MID "', 'cd'), ('sync.etag', 'e1'), ('sync.manifest', '{}');",
	/* Version 7: as 6 with the user's tables moved to the user file
	 * (see USER_MOVE_AT), and a document of over 1 KB stored as plain text, not
	 * yet packed (version 8). */
	"INSERT INTO document(id, meeting_id, item_id, ord, kind, title, chars, bytes, lines,"
	" sha256, text) VALUES ('" OLD_MID "/d001', '" OLD_MID "', '" OLD_MID "/2', 1, 'bilaga',"
	" 'Lång bilaga', 1500, 3000, 1, 'z', printf('%.1500c', 'ö'));",
	/* Version 8: as 7 with the text packed; originals were one row per document then. */
	"INSERT INTO document_original VALUES ('" OLD_MID "/d000', 'x.pdf', x'25504446');",
	/* Version 9: as 8 with an original and the long document's page in it; the
	 * count of items with documents (version 10) not kept yet. */
	"INSERT INTO packet_original VALUES ('ab', 'x.pdf', 4, x'25504446');"
	"INSERT INTO document_page VALUES ('" OLD_MID "/d001', 'ab', 3);",
	/* Version 10: as 9 with the long document packed as version 10 packed it:
	 * format 1, the zlib stream after "KLz" 0x01 and the length (format 2 of
	 * one piece less its count of pieces). */
	"UPDATE document SET text=CAST(X'4B4C7A01' || substr(text, 5, 4) || substr(text, 13) AS BLOB)"
	" WHERE typeof(text)='blob';",
	/* Version 11: as 10; the listing index (version 12) changes no content. */
	NULL,
	/* Version 12: as 11; the page starts (version 13) stay NULL. */
	NULL,
};
_Static_assert(sizeof content_at / sizeof content_at[0] == STORE_SCHEMA_VERSION,
    "content for every earlier version");
/* The migration from this version moves the user's tables into a file of
 * their own (schema.c, SCHEMA_USER_MOVE_VERSION): a file made by a later
 * version has its user file made, as kallelse made it, before the step. */
#define USER_MOVE_AT 6

/* Columns and indexes of every table of both files (content, and the user
 * file attached as "user"), to compare a migrated file with a new one. Caller frees. */
static char *
schema_signature(struct store *s)
{
	sqlite3_stmt *st;
	char *sig = NULL, *sql;

	sql = sqlite3_mprintf("SELECT group_concat(x, ';') FROM ("
	    "SELECT %s ORDER BY 1)",
	    "'main.' || m.name || '.' || p.name || ':' || p.type"
	    " || ':' || p.\"notnull\" || ':' || coalesce(p.dflt_value, '') || ':' || p.pk AS x"
	    " FROM main.sqlite_master m, pragma_table_info(m.name, 'main') p WHERE m.type='table'"
	    " UNION ALL SELECT 'main.index ' || m.name || '(' || (SELECT group_concat(coalesce(i.name,"
	    " '?'), ',') FROM pragma_index_info(m.name, 'main') i) || ')' FROM main.sqlite_master m"
	    " WHERE m.type='index'"
	    " UNION ALL SELECT 'user.' || m.name || '.' || p.name || ':' || p.type"
	    " || ':' || p.\"notnull\" || ':' || coalesce(p.dflt_value, '') || ':' || p.pk AS x"
	    " FROM user.sqlite_master m, pragma_table_info(m.name, 'user') p WHERE m.type='table'"
	    " UNION ALL SELECT 'user.index ' || m.name || '(' || (SELECT group_concat(coalesce(i.name,"
	    " '?'), ',') FROM pragma_index_info(m.name, 'user') i) || ')' FROM user.sqlite_master m"
	    " WHERE m.type='index'");
	ck_assert_msg(sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL) == SQLITE_OK, "%s",
	    sqlite3_errmsg(store_db(s)));
	sqlite3_free(sql);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	sig = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return sig;
}

static void
same_text(sqlite3_context *ctx, int n, sqlite3_value **v)
{
	(void)n;
	sqlite3_result_value(ctx, v[0]);
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
		/* Version 3's migration names the store's kl_squeeze; no rows reach it here. */
		ck_assert_int_eq(sqlite3_create_function(db, "kl_squeeze", 1, SQLITE_UTF8, NULL,
		    same_text, NULL, NULL), SQLITE_OK);
		/* Version 8's packs the text with the store's kl_pack. */
		ck_assert_int_eq(store_doctext_register_db(db), 0);
		if (v > 0)
			ck_assert_int_eq(sqlite3_exec(db, "PRAGMA page_size=16384;"
			    "PRAGMA journal_mode=WAL", NULL, NULL, NULL), SQLITE_OK);
		/* Version 3's reindex needs the store's SQL functions; on the empty
		 * index of a file being built it changes nothing, so it is left out. */
		for (int k = 0; k < v; k++) {
			/* From the move on, each version's content adds to the one before. */
			if (k >= USER_MOVE_AT)
				ck_assert_msg(sqlite3_exec(db, content_at[k], NULL, NULL, NULL) == SQLITE_OK,
				    "content v%d: %s", k, sqlite3_errmsg(db));
			if (k == USER_MOVE_AT) {
				char *user = store_user_path_of(path), *err = NULL;

				ck_assert_int_eq(store_user_build(user, path, NULL, NULL, NULL, &err),
				    STATUS_OK);
				free(user);
			}
			if (k != 2)
				ck_assert_int_eq(sqlite3_exec(db, store_schema_migration(k), NULL, NULL,
				    NULL), SQLITE_OK);
		}
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
			/* Version 3 had opened the document: that counted as read;
			 * version 7's long document was never opened. */
			ck_assert_int_eq(m.unread_count, v >= 3 && v <= USER_MOVE_AT ? 0 : 1);
			ck_assert_int_eq(m.marked_count, 1);
			store_meeting_free(&m);
			ck_assert_int_eq(store_marks(s, OLD_MID, false, &marks, &n), STATUS_OK);
			ck_assert_uint_eq(n, 1);
			ck_assert(!marks[0].orphan);
			ck_assert_str_eq(marks[0].kind, "diskussion");
			ck_assert_str_eq(marks[0].initials, "J");
			ck_assert_str_eq(marks[0].updated, "2024-01-01T00:00:00.000Z");
			store_marks_free(marks, n);
			{
				/* Version 7: no document has an original page yet (version 6's
				 * table is gone, its never-written rows with it). */
				struct store_doc d;
				void *data = NULL;
				size_t len = 1;

				ck_assert_int_eq(store_doc_get(s, OLD_MID "/d000", &d), STATUS_OK);
				ck_assert(!d.has_original);
				ck_assert_int_eq(d.original_page, 0);
				store_doc_free(&d);
				ck_assert_int_eq(store_doc_original(s, OLD_MID "/d000", 0, &data, &len, NULL,
				    NULL), STATUS_NOT_FOUND);
				ck_assert_ptr_null(data);
				ck_assert_uint_eq(len, 0);
			}
			if (v >= 3) {
				/* The note has its creation time; what was opened counts as read. */
				struct store_note *notes;
				struct store_doc d;

				ck_assert_int_eq(store_notes_all(s, OLD_MID, &notes, &n), STATUS_OK);
				ck_assert_uint_eq(n, 1);
				ck_assert_str_eq(notes[0].text, "Fråga\nom vård");
				ck_assert_str_eq(notes[0].created, "2024-01-01T00:00:00Z");
				ck_assert_str_eq(notes[0].item_number, "2");
				store_notes_free(notes, n);
				ck_assert_int_eq(store_doc_get(s, OLD_MID "/d000", &d), STATUS_OK);
				ck_assert(d.read);
				ck_assert(d.has_notes);
				store_doc_free(&d);
			}
			if (v >= 2) {
				/* The index was rebuilt with white space squeezed. */
				struct store_hit *h;
				size_t total;

				ck_assert_int_eq(store_search(s, "anhöriga som", 10, &h, &n, &total),
				    STATUS_OK);
				ck_assert_uint_eq(n, 1);
				ck_assert_uint_eq(total, 1);
				ck_assert_str_eq(h[0].snippet, "Åtgärd för anhöriga   som vårdar");
				store_hits_free(h, n);
			}
			if (v > USER_MOVE_AT) {
				/* The long text is stored packed now and reads as it was. */
				sqlite3_stmt *st;

				ck_assert_int_eq(sqlite3_prepare_v2(store_db(s), "SELECT typeof(text) || ' ' ||"
				    " hex(substr(text, 1, 4)), kl_text(text) = printf('%.1500c', 'ö')"
				    " FROM document WHERE id='" OLD_MID "/d001'", -1, &st, NULL), SQLITE_OK);
				ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
				/* In pieces (format 2) since version 11, the format 1 of version 10 too. */
				ck_assert_str_eq((const char *)sqlite3_column_text(st, 0), "blob 4B4C7A02");
				ck_assert_int_eq(sqlite3_column_int(st, 1), 1);
				sqlite3_finalize(st);
			}
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

static Suite *
migrate_suite(void)
{
	Suite *su = suite_create("store-open");
	TCase *tc = tcase_create("open");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_loop_test(tc, test_open_creates_0600, 0, 3);
	tcase_add_test(tc, test_open_missing_without_create);
	tcase_add_test(tc, test_migrate_from_every_version);
	suite_add_tcase(su, tc);
	return su;
}

int
main(void)
{
	return tu_run_suite(migrate_suite(), CK_ENV);
}
