/*
 * Shared between the store's own files (store.c, schema.c, query.c, put.c,
 * search.c, userdata.c). Not for the TUI: it goes through store.h.
 */
#ifndef KALLELSE_STORE_INTERNAL_H
#define KALLELSE_STORE_INTERNAL_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "sha256.h"
#include "store.h"

/* PRAGMA application_id of a kallelse database: "KLLS". */
#define STORE_APPLICATION_ID 0x4b4c4c53
/* ... and of a backup of the user's own data (store_backup): "KLLU". */
#define STORE_BACKUP_ID 0x4b4c4c55
/* ... and of the user file NAME-user.db beside NAME.db (userfile.c): "KLLO", own. */
#define STORE_USERFILE_ID 0x4b4c4c4f
/* The user file's own schema version (its PRAGMA user_version), apart from the content's. */
#define STORE_USER_SCHEMA_VERSION 1

/*
 * usercopy.c: the user's own tables, in one place: what backup, restore
 * and repair carry. key: the columns naming the same row in two
 * databases; time: the column of the last change (or NULL); rowid: an
 * INTEGER PRIMARY KEY each database numbers itself (or NULL).
 */
struct store_user_table {
	const char *name;
	const char *label;	/* N_(): "marks" */
	const char *key;	/* comma-separated */
	const char *time;
	const char *rowid;
};
extern const struct store_user_table store_user_tables[];	/* ends with a NULL name */
/* Copy the user tables of the attached schema from into to (empty), salvaging what reads. */
void store_user_salvage_db(sqlite3 *db, const char *from, const char *to,
    struct store_user_report *rep);
/* Merge the user tables of from into to (a restore: newer wins, missing rows added); an SQLite code. */
int store_user_merge_db(sqlite3 *db, const char *from, const char *to, struct store_user_report *rep);
/* The newest daily backup of the user file of the database at path, or NULL. Caller frees. */
char *store_user_latest_backup(const char *path);
/* Whether name is one of the user tables. */
bool store_user_table_is(const char *name);
/* At close, after a change to the user's data: today's backup beside the database (usercopy.c). */
void store_user_autobackup(struct store *s);
/*
 * userfile.c: the user's tables live in NAME-user.db beside NAME.db,
 * attached as schema "user" at every open. The path of it (caller frees);
 * attach it (creating it when missing, read-only for a read-only store);
 * the move of schema 6's user tables out of the content file.
 */
char *store_user_path_of(const char *path);
enum status store_user_open(struct store *s);
enum status store_user_move(struct store *s);
/* Whether the content file (main) still holds user tables with rows (schema 6 layout). */
bool store_main_has_user_rows(struct store *s);
/*
 * Build a user file at path: fresh tables, then the rows of copy_from's
 * user tables (read row by row, salvaging what reads; NULL: none), then
 * merge_from merged in (NULL: none); written under path.tmp, synced and
 * renamed over path. copied/merged (may be NULL) say what came from
 * where. An SQLite-independent message in *err on failure (caller frees).
 */
enum status store_user_build(const char *path, const char *copy_from, const char *merge_from,
    struct store_user_report *copied, struct store_user_report *merged, char **err);
/* What to do about a damaged user file of the database at path. Caller frees. */
char *store_user_damage_advice(const char *path);
/* The SQLite settings keys that describe the content (what a sync applied): kept
 * with the content (content_state), so that they go when the content goes. */
#define STORE_CONTENT_KEYS_SQL "(key IN ('sync.etag', 'sync.manifest') OR key LIKE 'sync.b.%')"
/* ATTACH file AS as / DETACH as. */
enum status store_user_attach(struct store *s, const char *file, const char *as);
void store_user_detach(struct store *s, const char *as);

struct store {
	sqlite3 *db;
	char *path;
	char *err;		/* last error detail, "" when none; owned */
	unsigned flags;
	bool memory;
	bool created;		/* this handle made the file: store_close removes it if still empty */
	bool immutable;		/* opened read-only with immutable=1 (folder not writable) */
	int busy_ms;		/* the busy timeout now set */
	bool user_changed;	/* a user table was written: store_close backs it up */
	bool bulk;		/* between store_bulk_begin and _end, for many packets */
	size_t bulk_written;	/* ... packets (or documents) written in bulk mode */
	size_t bulk_before;	/* ... meetings stored when it began */
	bool outer;		/* inside store_batch_begin: transactions are savepoints */
	bool build_journal;	/* store_journal_build switched main to a rollback journal */
	char *user_path;	/* NAME-user.db, attached as "user"; owned */
	bool user_created;	/* this handle made the user file */
	bool user_memory;	/* "user" is an empty in-memory schema (read-only, no file yet) */
	bool user_damaged;	/* store_check_all found the user file damaged */
};

/* Set the error detail (printf style); returns st so callers can `return store_fail(...)`. */
enum status store_fail(struct store *s, enum status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Map an SQLite result code to a status and set a message naming the file and what to do. */
enum status store_sqlite_fail(struct store *s, int rc, const char *what);
void store_clear_error(struct store *s);
/* What to do about a damaged file: the repair command for path. Caller frees. */
char *store_damage_advice(const char *path);

/* Prepare or fail with a message (status). */
enum status store_prepare(struct store *s, const char *sql, sqlite3_stmt **st);
/* Run a prepared statement to completion; resets it for reuse. */
enum status store_step_done(struct store *s, sqlite3_stmt *st, const char *what);
/* Prepare, bind ?1 = a (and ?2 = b unless NULL), run, finalize. */
enum status store_exec1(struct store *s, const char *sql, const char *a, const char *b);

/* Transactions: BEGIN IMMEDIATE / COMMIT / ROLLBACK. */
enum status store_begin(struct store *s);
enum status store_commit(struct store *s);
void store_rollback(struct store *s);

/*
 * query.c: step st to the end, growing *list by one zeroed element of size
 * elem per row and calling read on it; finalizes st. On an error (named
 * after what) the rows read so far stay in *list and *n: the caller frees.
 */
enum status store_read_rows(struct store *s, sqlite3_stmt *st, void **list, size_t *n,
    size_t elem, void (*read)(sqlite3_stmt *, void *), const char *what);

/* Column helpers: a fresh copy of a text column, or NULL for SQL NULL. Caller frees. */
char *store_col_str(sqlite3_stmt *st, int col);
/* Bind text, NULL when s is NULL. */
int store_bind_str(sqlite3_stmt *st, int col, const char *s);
/* A page cache of kib KiB for one big write; returns the old setting for
 * store_cache_restore (0: unknown, or already that large: nothing to undo). */
long long store_cache_grow(struct store *s, long long kib);
void store_cache_restore(struct store *s, long long was);

/* schema.c: create or migrate to STORE_SCHEMA_VERSION inside one transaction. */
enum status store_schema_migrate(struct store *s, int from_version);
/* The SQL taking a database from version from to from + 1 (tests build old files with it). */
const char *store_schema_migration(int from);
/* Whether the main tables of version 1 are there (sanity check after open). */
bool store_schema_looks_ok(struct store *s);


/* search.c: reindex every search row of a meeting from the content tables. */
enum status store_search_reindex_meeting(struct store *s, const char *meeting_id);
/* The same with the texts of the packet's documents (ord 0 .. n - 1) as
 * prepared (nd[i].indexed, NULL: read from the table). */
struct norm_doc;
enum status store_search_reindex_packet(struct store *s, const char *meeting_id,
    const struct norm_doc *nd, size_t n);
/* Remove a meeting's search rows (before its content changes). */
enum status store_search_unindex_meeting(struct store *s, const char *meeting_id);
/* Before writing the index inside a transaction: its merge settings for
 * this write (one packet, or bulk; see store_bulk_begin). */
enum status store_search_prepare_write(struct store *s);
/* Index one more document of a meeting (an attachment). */
enum status store_search_index_doc(struct store *s, const char *meeting_id, const char *doc_id);
/* Register the SQL functions the search needs (kl_first). 0 on success. */
int store_search_register(struct store *s);

/*
 * doctext.c: a document's text as stored, deflated when it is at least
 * STORE_PACK_MIN bytes and deflate saves a tenth (a BLOB), else TEXT.
 */
#define STORE_PACK_MIN 1024
/* A packed text is deflated in pieces of this many bytes of text, each inflated on its own. */
#define STORE_PACK_PIECE 16384
/* The packed form of text into *out (caller frees); false when it stays text. */
bool store_text_pack(const char *text, size_t len, unsigned char **out, size_t *out_len);
/* The text of a packed blob into *text, NUL-terminated (caller frees); false when damaged. */
bool store_text_unpack(const unsigned char *blob, size_t n, char **text, size_t *len);
/* The text of a document column, packed or not, into *text (caller frees; NULL for
 * SQL NULL); STATUS_CORRUPT with a message when it does not unpack. */
enum status store_col_doctext(struct store *s, sqlite3_stmt *st, int col, char **text,
    size_t *len);
/* Whether m matches in the text of a packed blob, inflating only until it
 * does (a 1-2 letter search's scan): 1, 0, or -1 when the blob is damaged. */
struct text_matcher;
int store_text_packed_find(const unsigned char *blob, size_t n, const struct text_matcher *m);
/* Register kl_text(x) and kl_pack(x) on the store's handle, or on any
 * handle (a test making a file as an older kallelse did). 0 on success. */
int store_doctext_register(struct store *s);
int store_doctext_register_db(sqlite3 *db);
/* A document's text read by byte offsets, inflating only as far as asked. */
struct store_doctext;
enum status store_doctext_open(struct store *s, sqlite3_int64 rowid, struct store_doctext **out);
size_t store_doctext_size(const struct store_doctext *d);
/* Where a walk toward character number chars of the squeezed text
 * (text_squeeze_space) can start: the byte offset of the piece that holds
 * it, with the count and the line breaks before that offset (0 for a text
 * in one piece). */
struct text_squeeze_count;
void store_doctext_seek_squeezed(const struct store_doctext *d, long long chars, size_t *off,
    struct text_squeeze_count *count, size_t *lines);
enum status store_doctext_read(struct store *s, struct store_doctext *d, void *buf, size_t n,
    size_t off);
void store_doctext_close(struct store_doctext **d);

/* The folder of path, for permission checks and messages. Caller frees. */
char *store_dir_of(const char *path);
/* Run sql (no rows); a message on the store on failure. */
enum status store_exec(struct store *s, const char *sql);
/* Register the text module's Swedish collation as "sv". 0 on success. */
int store_register_collation(sqlite3 *db);

/* Count characters (code points) in UTF-8. */
size_t store_utf8_chars(const char *s, size_t len);
/* Count lines as the pager shows them: '\n' separated, a trailing '\n' ends the last line. */
size_t store_count_lines(const char *s, size_t len);

/* put.c: the id part of a printed item number: "1–5" → "1-5". Caller frees. */
char *store_number_key(const char *number);

/* Today's local date "YYYY-MM-DD" into buf[11] ($KALLELSE_TODAY when it is such a date). */
void store_today(char buf[11]);
/* Current UTC time "YYYY-MM-DDTHH:MM:SSZ" into buf[21]. */
void store_now(char buf[21]);

/* store_file.c: the file before SQLite opens it. */
enum status store_create_file(struct store *s, bool *created);
enum status store_check_file(struct store *s, bool *create);
enum status store_check_header(struct store *s);
enum status store_file_damaged(struct store *s, const char *what);
void store_unlink_all(const char *path);
void store_chmod_companions(const char *path);
bool store_folder_writable(const char *path);
bool store_wal_has_frames(const char *path);
/* The cheap header check of store_check_header for another file (user: the user file). */
enum status store_check_header_at(struct store *s, const char *path, bool user);
/* "file:PATH?query" with PATH escaped for a URI. Caller frees. */
char *store_file_uri(const char *path, const char *query);
/* fsync a file (dir: its folder too, after a rename). 0 or -1. */
int store_fsync_path(const char *path, bool dir);
/* Today's stamp "YYYYMMDD-HHMMSS" for a file moved aside, into buf[32]. */
void store_stamp(char buf[32]);
/* Rename path (and its -wal) to to; its -shm is removed. 0 or -1. */
int store_move_with_wal(const char *path, const char *to);
long long store_file_size(const char *path);

#endif
