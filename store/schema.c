/*
 * The schema and its forward migrations. PRAGMA user_version says which
 * version a file has; migrations[v] takes it from v to v + 1, all of them
 * inside one transaction, so a failed upgrade leaves the file as it was.
 *
 * Content tables (organization ... document, search) belong to the
 * publisher: import and sync replace them. The user's tables (mark, note,
 * reading, setting, publish_key) refer to content by stable text ids
 * WITHOUT foreign keys, so that nothing the publisher does can delete
 * them; a mark whose item vanished is kept and reported as an orphan.
 * Since schema 7 they live in a file of their own (userfile.c); versions
 * 1 to 6 below still make them in the content file, and 7 moves them.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "search_internal.h"
#include "store_internal.h"
#include "xmalloc.h"

/* Version 0 (an empty file) to 1. */
static const char schema_v1[] =
	/* The body that meets: "Nämnd för folkhälsa och sjukvård"; id = text_slug(name). */
	"CREATE TABLE organization ("
	"  id TEXT PRIMARY KEY,"
	"  name TEXT NOT NULL"
	");"
	/* A person by name; id = text_slug(name). Party and role live in meeting_person. */
	"CREATE TABLE person ("
	"  id TEXT PRIMARY KEY,"
	"  name TEXT NOT NULL"
	");"
	/* id = organization id + '-' + date. fts_base: first rowid of its search rows
	 * (date-ordered, so newest-first search walks the index backwards and stops). */
	"CREATE TABLE meeting ("
	"  id TEXT PRIMARY KEY,"
	"  organization_id TEXT NOT NULL REFERENCES organization(id),"
	"  date TEXT NOT NULL,"
	"  time TEXT,"
	"  time_end TEXT,"
	"  place TEXT,"
	"  presidium_date TEXT,"
	"  state TEXT NOT NULL DEFAULT 'kallad',"
	"  revision INTEGER NOT NULL DEFAULT 1,"
	"  content_sha256 TEXT NOT NULL,"
	"  source_name TEXT,"
	"  source_sha256 TEXT,"
	"  imported_at TEXT NOT NULL,"
	"  fts_base INTEGER NOT NULL UNIQUE"
	");"
	"CREATE INDEX meeting_date ON meeting(date);"
	"CREATE INDEX meeting_organization ON meeting(organization_id);"
	/* Who is called to a meeting (membership as printed in that kallelse):
	 * grp 0 ledamot, 1 ersättare, 2 övriga, 3 regionråd (enum person_group). */
	"CREATE TABLE meeting_person ("
	"  meeting_id TEXT NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,"
	"  ord INTEGER NOT NULL,"
	"  person_id TEXT NOT NULL REFERENCES person(id),"
	"  grp INTEGER NOT NULL,"
	"  party TEXT,"
	"  role TEXT,"
	"  title TEXT,"
	"  PRIMARY KEY (meeting_id, ord)"
	") WITHOUT ROWID;"
	"CREATE INDEX meeting_person_person ON meeting_person(person_id);"
	/* id = meeting id + '/' + printed number with '–' as '-': ".../1-5", ".../15". */
	"CREATE TABLE agenda_item ("
	"  id TEXT PRIMARY KEY,"
	"  meeting_id TEXT NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,"
	"  number TEXT NOT NULL,"
	"  first INTEGER NOT NULL,"
	"  last INTEGER NOT NULL,"
	"  ord INTEGER NOT NULL,"
	"  section TEXT,"
	"  title TEXT NOT NULL,"
	"  time_start TEXT,"
	"  time_end TEXT,"
	"  case_number TEXT,"
	"  case_number_printed TEXT,"
	"  presidium_paragraph INTEGER,"
	"  presidium_decision TEXT,"
	"  confidential INTEGER NOT NULL DEFAULT 0"
	");"
	"CREATE INDEX agenda_item_meeting ON agenda_item(meeting_id, ord);"
	"CREATE TABLE presenter ("
	"  item_id TEXT NOT NULL REFERENCES agenda_item(id) ON DELETE CASCADE,"
	"  ord INTEGER NOT NULL,"
	"  name TEXT,"
	"  title TEXT,"
	"  raw TEXT,"
	"  PRIMARY KEY (item_id, ord)"
	") WITHOUT ROWID;"
	/* The förslag till beslut: lines joined with '\\n', [0] the lead-in. */
	"CREATE TABLE proposal ("
	"  item_id TEXT PRIMARY KEY REFERENCES agenda_item(id) ON DELETE CASCADE,"
	"  source TEXT,"
	"  text TEXT NOT NULL"
	");"
	/* id = meeting id + '/d' + %03d order for the packet's documents, + '/a' + 12 hex
	 * of the sha256 for attachments (attached = 1), which survive re-imports.
	 * Metadata first, the text last: listing documents never reads the text. */
	"CREATE TABLE document ("
	"  id TEXT PRIMARY KEY,"
	"  meeting_id TEXT NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,"
	"  item_id TEXT REFERENCES agenda_item(id) ON DELETE CASCADE,"
	"  ord INTEGER NOT NULL,"
	"  attached INTEGER NOT NULL DEFAULT 0,"
	"  kind TEXT,"
	"  title TEXT,"
	"  date TEXT,"
	"  case_number TEXT,"
	"  chars INTEGER NOT NULL,"
	"  bytes INTEGER NOT NULL,"
	"  lines INTEGER NOT NULL,"
	"  sha256 TEXT NOT NULL,"
	"  text TEXT NOT NULL"
	");"
	"CREATE INDEX document_meeting ON document(meeting_id, ord);"
	"CREATE INDEX document_item ON document(item_id, ord);"
	/* The original file (a PDF ...) apart, so the document rows stay small.
	 * Never filled; version 9 replaces it by packet_original. */
	"CREATE TABLE document_original ("
	"  doc_id TEXT PRIMARY KEY REFERENCES document(id) ON DELETE CASCADE,"
	"  name TEXT,"
	"  data BLOB NOT NULL"
	");"
	/* One row per indexed text: what = 'title' | 'proposal' | 'document'. */
	"CREATE TABLE search_row ("
	"  rowid INTEGER PRIMARY KEY,"
	"  meeting_id TEXT NOT NULL,"
	"  item_id TEXT,"
	"  doc_id TEXT,"
	"  what TEXT NOT NULL"
	");"
	"CREATE INDEX search_row_meeting ON search_row(meeting_id);"
	/* Contentless: the text is in the content tables; rows are removed with
	 * the 'delete' command and the text they were indexed with. */
	"CREATE VIRTUAL TABLE search USING fts5(text, content='', tokenize='trigram');"
	/* ---- the user's own data: no foreign keys into content, by design ---- */
	"CREATE TABLE mark ("
	"  item_id TEXT NOT NULL,"
	"  person TEXT NOT NULL,"
	"  kind TEXT,"
	"  comment TEXT,"
	"  shared INTEGER NOT NULL DEFAULT 0,"
	"  updated TEXT NOT NULL,"
	"  PRIMARY KEY (item_id, person)"
	");"
	"CREATE TABLE note ("
	"  id INTEGER PRIMARY KEY,"
	"  doc_id TEXT,"
	"  item_id TEXT,"
	"  position INTEGER NOT NULL DEFAULT 0,"
	"  text TEXT NOT NULL,"
	"  updated TEXT NOT NULL"
	");"
	"CREATE INDEX note_item ON note(item_id);"
	"CREATE INDEX note_doc ON note(doc_id);"
	"CREATE TABLE reading ("
	"  doc_id TEXT PRIMARY KEY,"
	"  position INTEGER NOT NULL DEFAULT 0,"
	"  sha256 TEXT,"
	"  read_at TEXT NOT NULL"
	");"
	"CREATE TABLE setting ("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT"
	");";

/*
 * Version 1 to 2: the meetings list of a ten-year archive visited every
 * document row (small documents keep their text inline) to count unread
 * ones. Counts kept on the meeting by put.c, and document indexes that
 * cover the id.
 */
#define SCHEMA_V2_COLUMNS \
	"ALTER TABLE meeting ADD COLUMN item_count INTEGER NOT NULL DEFAULT 0;" \
	"ALTER TABLE meeting ADD COLUMN doc_count INTEGER NOT NULL DEFAULT 0;"
static const char schema_v2[] =
	SCHEMA_V2_COLUMNS
	"UPDATE meeting SET"
	" item_count=(SELECT count(*) FROM agenda_item i WHERE i.meeting_id=meeting.id),"
	" doc_count=(SELECT count(*) FROM document d WHERE d.meeting_id=meeting.id);"
	"DROP INDEX document_meeting;"
	"DROP INDEX document_item;"
	"CREATE INDEX document_meeting ON document(meeting_id, ord, id);"
	"CREATE INDEX document_item ON document(item_id, ord, id);";

/* Version 3: the index holds the text with white space squeezed
 * (kl_squeeze), so a phrase finds its words across a line break. */
static const char schema_v3[] =
	"INSERT INTO search(search) VALUES ('delete-all');"
	"INSERT INTO search(rowid, text) SELECT r.rowid, " STORE_INDEXED_TEXT_SQL
	" FROM search_row r;";

/*
 * Version 4: the user's data made for sync and for reading state.
 * A mark is one row per (item, person) carrying the person's initials,
 * a tombstone flag (a removal must travel too) and a time in
 * milliseconds, so that the last change per person and item wins.
 * A note has its creation time. Reading keeps, apart from the position,
 * the sha256 of the text that was read and its paragraphs' hashes, so a
 * corrected text shows as changed and the pager can tell where. An open
 * used to count as read, so the rows there are read as they were.
 * The document indexes cover sha256, so unread counts (read_sha256 =
 * sha256) still never visit a document row.
 */
static const char schema_v4[] =
	"ALTER TABLE mark ADD COLUMN initials TEXT;"
	"ALTER TABLE mark ADD COLUMN removed INTEGER NOT NULL DEFAULT 0;"
	"UPDATE mark SET initials=upper(substr(person, 1, 1)),"
	" kind=coalesce(kind, 'diskussion'),"
	" updated=substr(updated, 1, 19) || '.000Z' WHERE length(updated)=20;"
	"UPDATE mark SET initials=upper(substr(person, 1, 1)) WHERE initials IS NULL;"
	"CREATE INDEX mark_person ON mark(person, updated);"
	"ALTER TABLE note ADD COLUMN created TEXT;"
	"UPDATE note SET created=updated;"
	"ALTER TABLE reading ADD COLUMN read_sha256 TEXT;"
	"ALTER TABLE reading ADD COLUMN read_paras TEXT;"
	"UPDATE reading SET read_sha256=sha256;"
	"DROP INDEX document_meeting;"
	"DROP INDEX document_item;"
	"CREATE INDEX document_meeting ON document(meeting_id, ord, id, sha256);"
	"CREATE INDEX document_item ON document(item_id, ord, id, sha256);";

/*
 * Version 5: breaks in the timetable ("Paus 14.35–14.50"), rows of the
 * agenda that are not items. before_ord: the ord of the item the break
 * precedes (the meeting's item count: after the last). A file from
 * before gets its breaks at the next import of its packet (the content
 * hash of a packet with breaks differs from the one stored).
 */
static const char schema_breaks[] =
	"CREATE TABLE agenda_break ("
	"  meeting_id TEXT NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,"
	"  ord INTEGER NOT NULL,"
	"  before_ord INTEGER NOT NULL,"
	"  label TEXT NOT NULL,"
	"  time_start TEXT,"
	"  time_end TEXT,"
	"  PRIMARY KEY (meeting_id, ord)"
	") WITHOUT ROWID;";

/*
 * Version 6 (sync): the presidium members' public signing keys that the
 * secretary's publication lists (kallelse keys add). Self-contained, so it
 * can be renumbered when other steps land first.
 */
static const char schema_publish_keys[] =
	"CREATE TABLE publish_key ("
	"  person TEXT PRIMARY KEY,"
	"  key TEXT NOT NULL,"
	"  added TEXT NOT NULL"
	");";

/*
 * Version 7: the user's tables in a file of their own (userfile.c), so
 * that damage to the content cannot take them. This is the content
 * file's part, run only once the user file is complete (store_user_move):
 * the tables go, and what a sync applied (the bundles, the manifest and
 * its ETag), which describes the content, moves into content_state, so
 * that a repair that loses the content loses it too and the next sync
 * fetches everything again. The trust (publisher key, last serial, the
 * source) stays with the user's settings and survives. Self-contained,
 * so it can be renumbered when other steps land first.
 */
#define SCHEMA_USER_MOVE_VERSION 6
static const char schema_user_move[] =
	"CREATE TABLE content_state ("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT"
	");"
	"INSERT INTO main.content_state SELECT key, value FROM main.setting WHERE "
	STORE_CONTENT_KEYS_SQL ";"
	"DROP TABLE main.mark;"
	"DROP TABLE main.note;"
	"DROP TABLE main.reading;"
	"DROP TABLE main.setting;"
	"DROP TABLE main.publish_key;";

/*
 * Version 8 (issue 17): a document's text of 1 KB or more is stored
 * deflated, as a BLOB (store/doctext.c; kl_text() reads either form), which
 * took the ten-year archive from 3.1 to under 2.5 times its text. The texts
 * already there are packed here, so that every row of a version 8 file
 * reads the same way; an older kallelse refuses the file (schema too new)
 * instead of showing a BLOB as text. Self-contained, renumbered freely.
 */
static const char schema_packed_text[] =
	"UPDATE document SET text=kl_pack(text) WHERE typeof(text)='text'"
	" AND length(CAST(text AS BLOB)) >= 1024;";

/*
 * Version 9 (originals): the PDF a packet was imported from, kept once
 * by its sha256 however many documents and re-imports name it, and the
 * page of that PDF on which each document starts (pdftotext's form feeds
 * counted), so the pager can open the viewer there. The pages live in a
 * table of their own: a column added to document would come after its
 * inline text, and listing documents would read the text to reach it.
 * document_original (one copy per document, never filled) goes.
 * Self-contained, so it can be renumbered when other steps land first.
 */
static const char schema_originals[] =
	"CREATE TABLE packet_original ("
	"  sha256 TEXT PRIMARY KEY,"
	"  name TEXT,"
	"  size INTEGER NOT NULL,"
	"  data BLOB NOT NULL"
	");"
	"CREATE TABLE document_page ("
	"  doc_id TEXT PRIMARY KEY REFERENCES document(id) ON DELETE CASCADE,"
	"  original_sha256 TEXT NOT NULL REFERENCES packet_original(sha256),"
	"  page INTEGER NOT NULL"
	") WITHOUT ROWID;"
	"CREATE INDEX document_page_original ON document_page(original_sha256);"
	"DROP TABLE document_original;";

/*
 * Version 10 (issue 17): how many agenda items of a meeting have documents,
 * kept with the other counts. The meetings list's unread count was an
 * anti-join of every document of every meeting against the reading table:
 * on the ten-year archive 20,000 documents through a 3.5 MB index, 15 to 28
 * ms of a 20 ms start. Now it is this count less the items whose every
 * document was read, found from the reading rows (query.c). Self-contained.
 */
static const char schema_doc_items[] =
	"ALTER TABLE meeting ADD COLUMN doc_items INTEGER NOT NULL DEFAULT 0;"
	"UPDATE meeting SET doc_items=(SELECT count(DISTINCT d.item_id) FROM document d"
	" WHERE d.meeting_id=meeting.id);";

/*
 * Version 11 (issue 17): a packed text in pieces of 16 KB that inflate on
 * their own, each with the counts a search hit needs to start there
 * (doctext.c, format 2). A search's first page inflated the long reports
 * up to each snippet; "barnkonventionen" on the archive took 25 ms of
 * which most was inflating the SOU. The texts packed in format 1 are
 * packed again here. Self-contained.
 */
static const char schema_text_pieces[] =
	"UPDATE document SET text=kl_pack(kl_text(text)) WHERE typeof(text)='blob'"
	" AND substr(text, 1, 4)=X'4B4C7A01';";

/*
 * Version 12 (issue 17): the agenda lists the meeting's own documents
 * (item_id IS NULL) and an item its documents; through document_meeting
 * (meeting_id, ord, id, sha256) each of the meeting's document rows was
 * read to test item_id and fetch the title: a leaf page apiece, as the
 * packed text shares the row (13 page faults of a start on the ten-year
 * archive, against 3 on the seed). The index now holds what a listing
 * shows, so a listing reads no row: a start on the archive 0.95 ms faster
 * (median of 25 alternating runs in the pty). Self-contained.
 */
static const char schema_doc_listing[] =
	"DROP INDEX document_meeting;"
	"CREATE INDEX document_meeting ON document(meeting_id, item_id, ord, id, kind, title, date,"
	" case_number, chars, bytes, lines, sha256);";

/*
 * Version 13 (issue 15): where each later page of a document begins in its
 * text ("LINE:PAGE ..." from 0, NULL when it fits on its first page), so
 * o in the pager opens the original at the page on screen, not at the
 * document's first. Files imported before keep NULL (the first page) until
 * the packet is imported again from its PDF. Self-contained.
 */
static const char schema_page_starts[] =
	"ALTER TABLE document_page ADD COLUMN starts TEXT;";

/* migrations[v]: from version v to v + 1. A new file runs them all. */
static const char *const migrations[] = {
	schema_v1,
	schema_v2,
	schema_v3,
	schema_v4,
	schema_breaks,
	schema_publish_keys,
	schema_user_move,
	schema_packed_text,
	schema_originals,
	schema_doc_items,
	schema_text_pieces,
	schema_doc_listing,
	schema_page_starts,
};

const char *
store_schema_migration(int from)
{
	if (from < 0 || from >= STORE_SCHEMA_VERSION)
		return NULL;
	return migrations[from];
}

_Static_assert(sizeof migrations / sizeof migrations[0] == STORE_SCHEMA_VERSION,
    "one migration per schema version");

static bool
has_column(struct store *s, const char *table, const char *column)
{
	sqlite3_stmt *st;
	bool found = false;

	if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM pragma_table_info(?1) WHERE name=?2", -1,
	    &st, NULL) != SQLITE_OK)
		return false;
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, column, -1, SQLITE_STATIC);
	found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return found;
}

/* The version of the file as it is now, under the lock just taken. */
static int
version_now(struct store *s, int from)
{
	sqlite3_stmt *q;

	if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &q, NULL) == SQLITE_OK) {
		if (sqlite3_step(q) == SQLITE_ROW)
			from = sqlite3_column_int(q, 0);
		sqlite3_finalize(q);
	}
	return from;
}

static enum status
fail_migrate(struct store *s, int rc)
{
	enum status st = store_sqlite_fail(s, rc, "migrate");

	store_rollback(s);
	return st;
}

static enum status
set_version(struct store *s, int v)
{
	char *sql = xasprintf("PRAGMA application_id=%d; PRAGMA user_version=%d;",
	    STORE_APPLICATION_ID, v);
	int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);

	free(sql);
	return rc == SQLITE_OK ? STATUS_OK : fail_migrate(s, rc);
}

/*
 * Each step in one transaction with the rest, except the move of the
 * user's tables (6 -> 7) when they hold rows: the user file is built by
 * a connection of its own, which sees only what is committed, so the
 * steps before it are committed first (at version 6) and the move runs
 * in a transaction of its own. A new file (or one with no user rows)
 * goes all the way in one transaction.
 */
enum status
store_schema_migrate(struct store *s, int from)
{
	enum status st;
	int rc;

	if ((st = store_begin(s)) != STATUS_OK)
		return st;
	/* Another process may have migrated it while we waited for the lock. */
	if ((from = version_now(s, from)) >= STORE_SCHEMA_VERSION) {
		store_rollback(s);
		return STATUS_OK;
	}
	for (int v = from; v < STORE_SCHEMA_VERSION; v++) {
		const char *sql_v = migrations[v];

		if (v == SCHEMA_USER_MOVE_VERSION && store_main_has_user_rows(s)) {
			if (v > from) {
				/* Commit what came before, so the move's reader sees it. */
				if ((st = set_version(s, v)) != STATUS_OK)
					return st;
				if ((st = store_commit(s)) != STATUS_OK ||
				    (st = store_begin(s)) != STATUS_OK)
					return st;
				if (version_now(s, v) != v) {
					store_rollback(s);
					return STATUS_OK;
				}
			}
			if ((st = store_user_move(s)) != STATUS_OK) {
				store_rollback(s);
				return st;
			}
		}
		/* Development builds of version 1 already had the version 2 columns. */
		if (v == 1 && has_column(s, "meeting", "item_count"))
			sql_v += strlen(SCHEMA_V2_COLUMNS);
		rc = sqlite3_exec(s->db, sql_v, NULL, NULL, NULL);
		if (rc != SQLITE_OK)
			return fail_migrate(s, rc);
	}
	if ((st = set_version(s, STORE_SCHEMA_VERSION)) != STATUS_OK)
		return st;
	return store_commit(s);
}

bool
store_schema_looks_ok(struct store *s)
{
	/*
	 * The tables every version has, counted in one pass over sqlite_master
	 * (a start looked each one up in its own scan: 285,000 instructions of
	 * about 10 million, callgrind; now one scan).
	 */
	static const char sql[] = "SELECT count(*) FROM main.sqlite_master WHERE type='table'"
	    " AND name IN ('organization', 'person', 'meeting', 'meeting_person', 'agenda_item',"
	    " 'presenter', 'proposal', 'document', 'packet_original', 'document_page',"
	    " 'search_row', 'search', 'content_state')";
	enum { N_TABLES = 13 };
	sqlite3_stmt *st;
	bool ok;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return false;
	ok = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == N_TABLES;
	sqlite3_finalize(st);
	return ok;
}
