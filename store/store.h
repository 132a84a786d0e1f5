/*
 * The SQLite data layer: content (meetings, agenda items, proposals,
 * documents, people) owned by the publisher and replaced by import/sync,
 * and the user's own data (marks, notes, reading positions) that nothing
 * but the user overwrites. No curses here.
 *
 * Every function returns an enum status; on an error other than
 * STATUS_NOT_FOUND, store_error() tells the detail (file name, what to do).
 * Structs handed out are owned by the caller and freed with the matching
 * *_free function, which also accepts NULL.
 */
#ifndef KALLELSE_STORE_H
#define KALLELSE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "status.h"
#include "packet.h"

struct store;

/* Schema version written to PRAGMA user_version. */
#define STORE_SCHEMA_VERSION 13

enum store_open_flags {
	STORE_CREATE = 1 << 0,		/* create the file (0600, folder 0700) if missing */
	STORE_READONLY = 1 << 1,	/* open read-only; a file from an older version is
					   first upgraded by a writing handle of its own */
};

/*
 * Open (and create or migrate) the database at path (":memory:" works).
 * On failure *out is NULL and *err, when err is non-NULL, gets a message
 * naming the file and what to do (caller frees). The file is never
 * modified when the open fails. Missing file without STORE_CREATE:
 * STATUS_NOT_FOUND, nothing created. Waits for a lock held by another
 * process up to $KALLELSE_BUSY_TIMEOUT ms (default 5000), then
 * STATUS_LOCKED.
 */
enum status store_open(const char *path, unsigned flags, struct store **out, char **err);
void store_close(struct store **s);

/* The last error's detail, or "" (owned by the store, valid until the next call). */
const char *store_error(const struct store *s);
const char *store_path(const struct store *s);
/* Opened with STORE_READONLY: every write fails with STATUS_READONLY. */
bool store_readonly(const struct store *s);
/* The underlying sqlite3 * (for tests and benchmarks). */
void *store_db(struct store *s);

/* PRAGMA integrity_check; STATUS_OK when "ok". */
enum status store_check(struct store *s);

/*
 * Everything a `kallelse check` looks at: integrity_check (every page:
 * 0.15 s on the seed's 3 MB, 1.2 s on a 1.1 GB ten-year archive with a
 * warm cache, as is quick_check: too slow for every open, so store_open
 * checks the header and size only), the search index's own
 * integrity-check, and one index row per
 * searchable text. STATUS_CORRUPT with a message; *index_only (may be
 * NULL) set when only the search index is damaged, which
 * store_search_rebuild repairs. Reads only.
 */
enum status store_check_all(struct store *s, bool *index_only);

/* Rebuild the search index from the content tables, in one transaction. */
enum status store_search_rebuild(struct store *s);

/* How long a write waits for another program's lock, in ms (store_open sets
 * $KALLELSE_BUSY_TIMEOUT or 5000); the TUI waits briefly and retries later. */
void store_set_busy_timeout(struct store *s, int ms);
int store_busy_timeout(const struct store *s);

/* ---- the user's own data as a whole: backup, restore, repair ---- */

#define STORE_USER_TABLES_MAX 8
/* Per user table, what a backup, restore or repair carried. */
struct store_user_report {
	size_t n;
	struct store_user_count {
		const char *label;	/* untranslated (N_): "marks", "notes" ... */
		size_t copied;		/* rows written (a restore: rows added) */
		size_t updated;		/* a restore: rows replaced by a newer one */
		bool damaged;		/* a repair: some rows could not be read */
	} t[STORE_USER_TABLES_MAX];
};

/*
 * Write the user's own tables (marks, notes, reading state, settings:
 * every column they have) to file, a small SQLite file, replacing it
 * whole only when complete. Works on a read-only database.
 */
enum status store_backup(struct store *s, const char *file, struct store_user_report *rep);
/*
 * Merge a backup (or a whole kallelse database, e.g. one a repair moved
 * aside) into s, in one transaction: a row the database lacks is added;
 * where a table keeps the time of the last change, the newer row wins;
 * otherwise the row here stays. Nothing here is deleted.
 */
enum status store_restore(struct store *s, const char *file, struct store_user_report *rep);

enum store_repair_done {
	STORE_REPAIR_NOTHING,	/* nothing was damaged */
	STORE_REPAIR_INDEX,	/* the search index was rebuilt */
	STORE_REPAIR_MOVED,	/* content damaged: file moved aside, user data carried over */
};
struct store_repair_result {
	enum store_repair_done done;
	char *moved_to;		/* STORE_REPAIR_MOVED: where the damaged file went; caller frees */
	char *problem;		/* what was found damaged, or NULL; caller frees */
	/* From the damaged content of a file of schema 6 or older (user data
	 * inside); or from the damaged user file (user_repaired). */
	struct store_user_report user;
	/* The user file (NAME-user.db): */
	bool user_repaired;	/* it was damaged and was made again */
	char *user_problem;	/* what was found, or NULL; caller frees */
	char *user_moved_to;	/* where the damaged one went; caller frees */
	char *user_backup;	/* the backup merged in, or NULL (none found); caller frees */
	struct store_user_report from_backup;	/* rows added / replaced from it */
};
/*
 * `kallelse check --repair` on the database at path and its user file:
 * check both whole. A damaged user file is moved aside
 * (NAME-user.db.damaged-YYYYMMDD-HHMMSS) and made again from the rows it
 * still reads and the newest daily backup; a damaged search index is
 * rebuilt from the content; damaged content is moved aside
 * (path.damaged-YYYYMMDD-HHMMSS, with its -wal) and a new, empty database
 * made at path beside the user file, which is not touched; the packets
 * are then imported (or synced) again. A file that is not a kallelse
 * database, or is too new, is refused and left alone. On failure *err
 * says why (caller frees).
 */
enum status store_repair(const char *path, struct store_repair_result *out, char **err);
/* Frees what a repair result holds. */
void store_repair_result_free(struct store_repair_result *r);
/* The user file of the database at path: NAME-user.db for NAME.db. Caller frees. */
char *store_user_path(const char *path);
/* Whether s has a user file (false: in memory, or read-only with none made yet). */
bool store_has_user_file(const struct store *s);

/* ---- content: reading ---- */

struct store_meeting {
	char *id;		/* stable: "namnd-for-folkhalsa-och-sjukvard-2024-12-10" */
	char *organization_id;
	char *body;		/* organization name */
	char *date;		/* "2024-12-10" */
	char *time;		/* "13.00" or NULL */
	char *time_end;
	char *place;
	char *presidium_date;
	char *state;		/* "kallad" ... */
	int revision;		/* bumped by each import that changed it */
	int item_count;
	int unread_count;	/* items with a document not read as it is now (the agenda's N) */
	int marked_count;	/* items with a live mark */
	char *imported_at;	/* ISO time of the last import/sync */
};
void store_meeting_free(struct store_meeting *m);	/* frees the members, not m */
void store_meetings_free(struct store_meeting *list, size_t n);	/* frees members and array */

/* All meetings: upcoming first (soonest first, from today), then past (newest first). */
enum status store_meetings(struct store *s, struct store_meeting **list, size_t *n);

/*
 * Resolve a meeting given by the user: a full id, a unique id prefix, a
 * date "YYYY-MM-DD" when unique, or NULL/"" for the next upcoming meeting
 * (else the latest). *id: caller frees. STATUS_AMBIGUOUS when a date has
 * several meetings (store_error lists them).
 */
enum status store_meeting_resolve(struct store *s, const char *spec, char **id);
enum status store_meeting_get(struct store *s, const char *id, struct store_meeting *out);
/* As store_meeting_get, with unread_count and marked_count left 0 (cheaper). */
enum status store_meeting_head(struct store *s, const char *id, struct store_meeting *out);

/* People called to the meeting, in printed order. */
enum status store_meeting_people(struct store *s, const char *meeting_id,
    struct person **list, size_t *n);

/* Items, people and presenters are the model's structs (packet.h), freed with
 * agenda_item_free, agenda_items_free and people_free. */

/* The agenda of a meeting, in order. */
enum status store_agenda(struct store *s, const char *meeting_id,
    struct agenda_item **list, size_t *n);
/* One item by id, or by meeting id + printed number ("15", "1-5", "1–5", or any number inside a range). */
enum status store_item_get(struct store *s, const char *item_id, struct agenda_item *out);
enum status store_item_find(struct store *s, const char *meeting_id, const char *number,
    struct agenda_item *out);

/* A break in the timetable printed among the items ("Paus 14.35–14.50"). */
struct store_break {
	int before_ord;		/* ord of the item it precedes; the item count: after the last */
	char *label;		/* "Paus" */
	char *time_start, *time_end;	/* or NULL */
};
void store_breaks_free(struct store_break *list, size_t n);
/* The breaks of a meeting's agenda, in order. */
enum status store_agenda_breaks(struct store *s, const char *meeting_id,
    struct store_break **list, size_t *n);

struct store_doc {
	char *id;		/* stable: meeting id + "/d" + three digits */
	char *meeting_id;
	char *item_id;		/* NULL: belongs to the meeting */
	int ord;
	char *kind;
	char *title;
	char *date;
	char *case_number;
	size_t chars;		/* characters (not bytes) of text */
	size_t bytes;
	size_t lines;
	char *sha256;
	bool has_original;	/* imported from a PDF that is kept */
	int original_page;	/* the page of it the document starts on (from 1); 0 when none */
	bool read;		/* read as it is now */
	bool changed;		/* read, but its text changed since (ändrad) */
	bool has_notes;
};
void store_doc_free(struct store_doc *d);
void store_docs_free(struct store_doc *list, size_t n);

/* Documents of an item (item_id non-NULL) or of the meeting itself (item_id NULL), in order. */
enum status store_documents(struct store *s, const char *meeting_id, const char *item_id,
    struct store_doc **list, size_t *n);
/* All documents of a meeting, whichever item they belong to, in order. */
enum status store_meeting_documents(struct store *s, const char *meeting_id,
    struct store_doc **list, size_t *n);
enum status store_doc_get(struct store *s, const char *doc_id, struct store_doc *out);
/* The document's whole text (one document, never the archive). Caller frees *text. */
enum status store_doc_text(struct store *s, const char *doc_id, char **text, size_t *len);
/*
 * The original file a document was imported from (a PDF), its bytes,
 * file name and the page, from 1, that line (from 0) of the document's text
 * is on: 0 gives the page it starts on (caller frees data and name; name
 * and page may be NULL). STATUS_NOT_FOUND, with a message, when it was
 * imported from text and no original is kept.
 */
enum status store_doc_original(struct store *s, const char *doc_id, size_t line, void **data,
    size_t *len, char **name, int *page);
/* Lines [first, first+count) of the text, joined with '\n'. Caller frees. */
enum status store_doc_lines(struct store *s, const char *doc_id, size_t first, size_t count,
    char **text, size_t *len);

/* ---- content: writing ---- */

/*
 * Write a parsed packet in one transaction: organization, meeting, people,
 * items and documents, upserted by stable ids derived from body, date and
 * printed numbers. Re-importing the same packet changes nothing; a
 * corrected packet updates the meeting in place (revision + 1) and removes
 * items and documents it no longer has; marks, notes and reading positions
 * stay (orphans are kept and reported by store_marks). On any error
 * nothing is written. *meeting_id (may be NULL): caller frees.
 * *changed (may be NULL): whether anything differed.
 */
enum status store_put_packet(struct store *s, const struct packet *p, char **meeting_id,
    bool *changed);
/*
 * The same in two steps: store_packet_prepare does the part that needs no
 * database (each document's NFC text, sha256 and deflated form: an
 * eighth of an archive import's CPU) and may run on any thread, e.g. while
 * the files are parsed; store_put_prepared writes p with it (p unchanged
 * in between, except that it reads no document's text from p: the prep
 * holds it, so the caller may free p's texts). Free with store_prep_free
 * (NULL-safe, NULLs *prep).
 */
struct store_prep;
struct store_prep *store_packet_prepare(const struct packet *p);
enum status store_put_prepared(struct store *s, const struct packet *p,
    const struct store_prep *prep, char **meeting_id, bool *changed);
void store_prep_free(struct store_prep **prep);

/*
 * Writing many packets at once (an import of a folder of packets; later a
 * first sync): store_bulk_begin(s, n) before n calls of store_put_packet,
 * store_bulk_end after them, also after errors. In between, the search
 * index is not merged after each packet. At the end, when the packets
 * written (unchanged ones do not count) at least doubled the meetings, the
 * whole index is merged into one segment: a ten-year archive builds in
 * 55 s instead of 70, and a first search reads a quarter of the pages.
 * Otherwise (a few packets into a large archive, where merging everything
 * would cost as much as the whole index) it makes the merges FTS5 would
 * have made along the way. With nothing written, nothing is.
 * store_bulk_end returns an error only from that merge (what the puts
 * wrote is committed by then); *merged (may be NULL): whether it merged
 * the whole index.
 */
void store_bulk_begin(struct store *s, size_t n);
enum status store_bulk_end(struct store *s, bool *merged);
/* Instead of store_bulk_end when what was written is about to be rolled back: no merge. */
void store_bulk_cancel(struct store *s);

/*
 * Building a file that holds no meetings yet (a first import of an
 * archive, a laptop's first sync) in one transaction: store_journal_build
 * before store_batch_begin switches it from WAL to a rollback journal, and
 * store_journal_wal after the commit (or rollback) switches back. Every
 * page such a build writes is new, so the journal stays small and each
 * page is written once, where WAL writes it twice (into the log, then back
 * into the file); a kill leaves a journal that puts the file back as it
 * was. Does nothing (returns false) for a file with meetings (its readers
 * keep reading while it is written), in memory, or when another
 * connection has the file open.
 */
bool store_journal_build(struct store *s);
void store_journal_wal(struct store *s);


/*
 * Attach a document (a bilaga) to an agenda item: meeting id, printed
 * number. Idempotent by the document's sha256 on that item. *doc_id may be NULL.
 */
enum status store_attach_document(struct store *s, const char *meeting_id,
    const char *number, const struct packet_doc *d, char **doc_id);

/* ---- search ---- */

struct store_span {
	size_t off, len;	/* byte range inside the snippet */
};

struct store_hit {
	char *meeting_id;
	char *meeting_date;
	char *body;
	char *item_id;		/* NULL for a meeting-level document */
	char *item_number;
	char *doc_id;		/* NULL when the hit is an item title or proposal */
	char *doc_title;
	char *what;		/* "title", "proposal", "document" */
	char *snippet;		/* one line of context around the first match */
	struct store_span *spans;	/* the matches inside snippet */
	size_t n_spans;
	size_t match_off;	/* byte offset of the first match in the document text */
	size_t match_line;	/* its line number (0-based) in the document text */
	double rank;
};
void store_hits_free(struct store_hit *list, size_t n);

/*
 * Search titles, proposals and document text for query (NFC, case
 * insensitive, å ä ö distinct from a o, substrings inside compounds).
 * Queries of 3+ characters use the FTS5 trigram index; 1–2 characters a
 * scan. Results grouped by meeting (newest first), ranked within it.
 * limit 0 means no limit; *total (may be NULL) gets the count of all hits,
 * exact up to STORE_SEARCH_TOTAL_MAX; a total above it means "more than
 * STORE_SEARCH_TOTAL_MAX" (counting every hit of a common word would cost
 * more than the first page itself).
 */
#define STORE_SEARCH_TOTAL_MAX 1000
enum status store_search(struct store *s, const char *query, size_t limit,
    struct store_hit **list, size_t *n, size_t *total);

/* ---- the user's own data ---- */

/*
 * Who someone is at a meeting, from the membership printed in its
 * kallelse: the presidium (ordförande, vice ordförande) are members
 * whose role names it. The secretary is not in the list of members; the
 * config says so, or the "also called" list names a nämndsekreterare.
 */
enum store_role {
	STORE_ROLE_NONE,	/* not called to the meeting */
	STORE_ROLE_LEDAMOT,
	STORE_ROLE_ERSATTARE,
	STORE_ROLE_PRESIDIUM,
	STORE_ROLE_SEKRETERARE,
	STORE_ROLE_CALLED,	/* called for another reason (a civil servant ...) */
};
/* "ledamot", "ersättare", "presidium", "sekreterare", "kallad", "" (untranslated). */
const char *store_role_name(enum store_role r);
/* A role named in a config ("sekreterare", "ledamot" ...), STORE_ROLE_NONE if none matches. */
enum store_role store_role_parse(const char *name);

/*
 * The role of the person called name (matched as a slug: case and
 * spacing do not matter) at meeting. *canonical (may be NULL): the name as
 * printed, caller frees; NULL when not called. *detail (may be NULL): the
 * printed role ("1:a vice ordförande"), caller frees.
 */
enum status store_person_role(struct store *s, const char *meeting_id, const char *name,
    enum store_role *role, char **canonical, char **detail);
/* "TG" for "Thomas Gustafsson": the first letters of the first and last names. Caller frees. */
char *store_initials(const char *name);

struct store_mark {
	char *item_id;		/* stable id, also when the item is gone */
	char *meeting_id;	/* the part of item_id before the last '/' */
	char *person;		/* the name as printed in the membership */
	char *initials;
	char *kind;		/* "diskussion" */
	char *comment;		/* or NULL */
	bool removed;		/* a tombstone: kept so that the removal can sync */
	char *updated;		/* "2024-12-10T09:30:00.123Z" */
	bool orphan;		/* its item is gone from the content */
	char *item_number;	/* NULL for an orphan */
	char *item_title;	/* NULL for an orphan */
};
void store_marks_free(struct store_mark *list, size_t n);

/*
 * Mark item_id for discussion as person (a name; see store_person_role),
 * with comment (NULL keeps the comment a live mark has, "" clears it).
 * Only the presidium of the item's meeting may: STATUS_DENIED otherwise,
 * with a message naming who can. STATUS_NOT_FOUND: no such item.
 */
enum status store_mark_set(struct store *s, const char *item_id, const char *person,
    const char *comment);
/* Remove person's mark (a tombstone row). STATUS_NOT_FOUND when there is no live mark. */
enum status store_mark_remove(struct store *s, const char *item_id, const char *person);
/*
 * A mark from elsewhere (sync): kept when it is newer than the row for
 * the same item and person (last change wins; on a tie, a removal, then
 * the larger comment), so that every laptop ends with the same row.
 * *applied (may be NULL): whether it replaced what was there.
 */
enum status store_mark_merge(struct store *s, const struct store_mark *m, bool *applied);
/*
 * Live marks of a meeting (meeting_id non-NULL) or of all meetings, in
 * agenda order, orphans included and flagged; with_removed adds tombstones.
 */
enum status store_marks(struct store *s, const char *meeting_id, bool with_removed,
    struct store_mark **list, size_t *n);

struct store_note {
	int64_t id;
	char *doc_id;		/* or NULL */
	char *item_id;		/* or NULL */
	char *meeting_id;	/* of the item or document */
	size_t position;	/* line (0-based) in the document */
	char *text;		/* may hold several lines */
	char *created;
	char *updated;
	bool orphan;		/* its item or document is gone */
	char *item_number;	/* the item (of the document), or NULL */
	char *doc_title;	/* or NULL */
};
void store_notes_free(struct store_note *list, size_t n);
/* A note on a document at a line (doc_id), or on an agenda item (item_id). Never leaves the laptop. */
enum status store_note_add(struct store *s, const char *doc_id, const char *item_id,
    size_t position, const char *text, int64_t *id);
enum status store_note_edit(struct store *s, int64_t id, const char *text);
enum status store_note_delete(struct store *s, int64_t id);
/* Notes on an item and its documents (item_id), or on one document (doc_id). */
enum status store_notes(struct store *s, const char *item_id, const char *doc_id,
    struct store_note **list, size_t *n);
/* All notes of a meeting (or of all meetings when NULL), orphans flagged. */
enum status store_notes_all(struct store *s, const char *meeting_id,
    struct store_note **list, size_t *n);

/* Remember the reading position (line) in a document. Does not make it read. */
enum status store_reading_set(struct store *s, const char *doc_id, size_t position);
/* STATUS_NOT_FOUND when never opened. */
enum status store_reading_get(struct store *s, const char *doc_id, size_t *position);
/*
 * Make a document read (the text as it is now: its sha256 and its
 * paragraphs' hashes are kept) or unread. A document read before its text
 * changed is "ändrad" (store_doc.changed) until read again.
 */
enum status store_read_set(struct store *s, const char *doc_id, bool read);

/* A paragraph (a run of non-blank lines) of a document's text now. */
struct store_para {
	size_t first, count;	/* lines */
	bool changed;		/* not in the version that was read */
};
/*
 * The paragraphs of a document, each flagged when its text is not among
 * the paragraphs of the version read. STATUS_NOT_FOUND when it was never
 * read (or read before kallelse kept paragraphs). Caller frees *list.
 */
enum status store_doc_changes(struct store *s, const char *doc_id, struct store_para **list,
    size_t *n);

/* ---- sync (store/export.c) ---- */

/* A meeting's content read back whole (its own documents with their text;
 * not attachments, not originals): what publish writes as a bundle. */
enum status store_meeting_packet(struct store *s, const char *meeting_id, struct packet *p);
/* Remove a meeting and everything of its content (a publication withdrew it); user data stays. */
enum status store_meeting_delete(struct store *s, const char *meeting_id);
/*
 * One transaction around many writers (a whole sync): in between, each
 * writer's own transaction is a savepoint, so store_batch_rollback
 * leaves the file exactly as it was before store_batch_begin.
 */
enum status store_batch_begin(struct store *s);
enum status store_batch_commit(struct store *s);
void store_batch_rollback(struct store *s);

/* The presidium members' public signing keys, listed in a publication. */
struct store_key {
	char *person;		/* the name as the membership prints it */
	char *key;		/* 64 hex digits (Ed25519 public key) */
	char *added;		/* ISO time */
};
void store_keys_free(struct store_key *list, size_t n);
/* Add or replace person's key. */
enum status store_key_add(struct store *s, const char *person, const char *key);
enum status store_keys(struct store *s, struct store_key **list, size_t *n);

/* Key/value settings kept in the user file (last sync time ...). Caller frees *value. */
enum status store_setting_get(struct store *s, const char *key, char **value);
enum status store_setting_set(struct store *s, const char *key, const char *value);
/*
 * Key/value bookkeeping about the content itself (what a sync applied),
 * kept in the content file: a repair that loses the content loses it
 * too, so nothing claims to have what is gone. NULL value: delete.
 */
enum status store_state_get(struct store *s, const char *key, char **value);
enum status store_state_set(struct store *s, const char *key, const char *value);
/*
 * A setting that is the program's own bookkeeping (when sync last ran,
 * from where, a failure): it can be had again, so writing it does not call for the
 * daily backup of the user's data at close (store_user_autobackup) that
 * marks, notes and reading state do. value NULL deletes the key.
 */
enum status store_bookkeeping_set(struct store *s, const char *key, const char *value);

#endif
