/*
 * Opening the database: checks that the file is ours before anything is
 * written (a foreign file, a newer schema, a damaged, read-only or locked
 * file are refused and left untouched), then WAL, foreign keys, the "sv"
 * collation and forward migrations. The SQL plumbing is in store_sql.c.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "store_internal.h"
#include "text.h"
#include "xmalloc.h"

/* How much of the file SQLite maps for reading (address space, not memory). */
#define STORE_MMAP_SIZE "1073741824"

static int
busy_timeout_ms(void)
{
	/* KALLELSE_BUSY_TIMEOUT (ms) lets tests fail fast on a locked file. */
	const char *e = getenv("KALLELSE_BUSY_TIMEOUT");

	if (e && *e) {
		long v = strtol(e, NULL, 10);
		if (v >= 0 && v < 600000)
			return (int)v;
	}
	return 5000;
}

/* One integer from a pragma or query; the SQLite code on failure. */
static int
query_int(sqlite3 *db, const char *sql, long long *out)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);

	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*out = sqlite3_column_int64(st, 0);
		rc = SQLITE_OK;
	} else if (rc == SQLITE_DONE) {
		*out = 0;
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc;
}

/* Is this file ours, and which version? Reads only. */
static enum status
check_identity(struct store *s, int *version)
{
	long long app = 0, ver = 0, tables = 0;
	int rc;

	rc = query_int(s->db, "SELECT count(*) FROM sqlite_master", &tables);
	if (rc == SQLITE_OK)
		rc = query_int(s->db, "PRAGMA application_id", &app);
	if (rc == SQLITE_OK)
		rc = query_int(s->db, "PRAGMA user_version", &ver);
	if (rc != SQLITE_OK)
		return store_sqlite_fail(s, rc, "open");
	if ((app != 0 && app != STORE_APPLICATION_ID) || (app == 0 && (ver != 0 || tables != 0)))
		return store_fail(s, STATUS_NOT_DATABASE,
		    _("%s is an SQLite database of another program, not a kallelse "
		    "database. Check the path given with --db or $KALLELSE_DB."), s->path);
	if (app == STORE_APPLICATION_ID && ver == 0 && tables != 0)
		return store_file_damaged(s, _("its schema version is 0 although it holds tables"));
	if (ver > STORE_SCHEMA_VERSION)
		return store_fail(s, STATUS_TOO_NEW,
		    _("%s was made by a newer version of kallelse (schema %lld; this one "
		    "knows up to %d). Update kallelse to open it."), s->path, ver,
		    STORE_SCHEMA_VERSION);
	if (ver < 0)
		return store_fail(s, STATUS_NOT_DATABASE,
		    _("%s is not a kallelse database (schema version %lld)."), s->path, ver);
	*version = (int)ver;
	return STATUS_OK;
}

/* Every write to a user table marks the store for a backup at close (store_user_autobackup). */
static void
on_update(void *arg, int op, const char *schema, const char *table, sqlite3_int64 rowid)
{
	struct store *s = arg;

	(void)op;
	(void)rowid;
	if (!s->user_changed && strcmp(schema, "user") == 0 && store_user_table_is(table))
		s->user_changed = true;
}

static enum status
open_db(struct store *s, int *version)
{
	int oflags = (s->flags & STORE_READONLY) ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
	char *uri = NULL;
	int rc;

	if (s->memory)
		oflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	else if ((s->flags & STORE_READONLY) && !store_folder_writable(s->path) && !store_wal_has_frames(s->path)) {
		/*
		 * Reading a WAL database needs its -shm file, which SQLite cannot
		 * make in a folder it may not write: "meetings" failed on a CD or
		 * a read-only share. No one can be writing a WAL there either, so
		 * the file is opened as immutable: no locks, no -shm.
		 */
		if (strpbrk(s->path, "?#%") == NULL) {	/* else it would need escaping */
			uri = sqlite3_mprintf("file:%s?immutable=1", s->path);
			oflags |= SQLITE_OPEN_URI;
			s->immutable = true;
		}
	}
	/* URIs in ATTACH (a repair reads the damaged file with mode=ro); a path
	 * that itself starts with "file:" keeps its plain meaning. */
	if (uri == NULL && strncmp(s->path, "file:", 5) != 0)
		oflags |= SQLITE_OPEN_URI;
	rc = sqlite3_open_v2(uri ? uri : s->path, &s->db, oflags | SQLITE_OPEN_NOMUTEX, NULL);
	sqlite3_free(uri);
	if (rc != SQLITE_OK)
		return store_sqlite_fail(s, rc, "open");
	sqlite3_extended_result_codes(s->db, 1);
	s->busy_ms = busy_timeout_ms();
	sqlite3_busy_timeout(s->db, s->busy_ms);
	if (!s->memory && !(s->flags & STORE_READONLY))
		sqlite3_update_hook(s->db, on_update, s);
	if (store_register_collation(s->db) != 0)
		return store_fail(s, STATUS_INTERNAL, _("%s: cannot register the sv collation"),
		    s->path);
	if (store_search_register(s) != 0 || store_doctext_register(s) != 0)
		return store_fail(s, STATUS_INTERNAL, _("%s: cannot register the search functions"),
		    s->path);
	return check_identity(s, version);
}

/*
 * Switch to WAL unless already in it. Changing the journal mode does not go
 * through the busy handler, so another process opening the same new file at
 * this moment makes it fail at once: retry within the busy timeout.
 */
static enum status
set_wal(struct store *s)
{
	int waited = 0, limit = busy_timeout_ms();

	for (;;) {
		sqlite3_stmt *st;
		const char *mode;
		bool wal;
		int rc = sqlite3_prepare_v2(s->db, "PRAGMA journal_mode=WAL", -1, &st, NULL);

		if (rc == SQLITE_OK) {
			rc = sqlite3_step(st);
			mode = (const char *)sqlite3_column_text(st, 0);
			wal = rc == SQLITE_ROW && mode && strcmp(mode, "wal") == 0;
			sqlite3_finalize(st);
			if (wal)
				return STATUS_OK;
			if (rc == SQLITE_ROW)
				return store_fail(s, STATUS_IO, _("%s: cannot use WAL mode (%s)"),
				    s->path, mode ? mode : "?");
		}
		if ((rc & 0xff) != SQLITE_BUSY || waited >= limit)
			return store_sqlite_fail(s, rc, "journal_mode");
		sqlite3_sleep(20);
		waited += 20;
	}
}

bool
store_journal_build(struct store *s)
{
	sqlite3_stmt *st;
	bool empty = false, switched = false;

	if (s->memory || (s->flags & STORE_READONLY) || s->build_journal)
		return false;
	if (store_prepare(s, "SELECT NOT EXISTS (SELECT 1 FROM meeting)", &st) == STATUS_OK) {
		empty = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
	}
	if (!empty)
		return false;
	/* Fails (stays "wal") while another connection has the file open. */
	if (sqlite3_prepare_v2(s->db, "PRAGMA main.journal_mode=DELETE", -1, &st, NULL) == SQLITE_OK) {
		const char *mode;

		if (sqlite3_step(st) == SQLITE_ROW && (mode = (const char *)sqlite3_column_text(st, 0)))
			switched = strcmp(mode, "delete") == 0;
		sqlite3_finalize(st);
	}
	s->build_journal = switched;
	return switched;
}

void
store_journal_wal(struct store *s)
{
	if (!s->build_journal)
		return;
	s->build_journal = false;
	/* On failure the file stays in rollback mode; the next open sets WAL again. */
	(void)set_wal(s);
}

static enum status
setup(struct store *s, int version)
{
	enum status st;

	if (store_exec(s, "PRAGMA foreign_keys=ON") != STATUS_OK)
		return STATUS_INTERNAL;
	/*
	 * Read the file through a mapping, not pread() into the page cache: the
	 * first agenda read 32 pages of 16 KB (512 KB copied into fresh heap,
	 * about 130 of the 420 page faults of a start); mapped, only the 4 KB
	 * pages touched are faulted in, from the kernel's cache. SQLite never
	 * writes through the mapping, and maps at most the file's size.
	 */
	if (!s->memory && store_exec(s, "PRAGMA mmap_size=" STORE_MMAP_SIZE) != STATUS_OK)
		return STATUS_INTERNAL;
	if (s->flags & STORE_READONLY) {
		if (version == 0)
			return store_fail(s, STATUS_NOT_FOUND,
			    _("%s has no meetings yet. Import a meeting packet first with "
			    "'kallelse import FILE'."), s->path);
		if (version < STORE_SCHEMA_VERSION)
			return store_fail(s, STATUS_NOT_DATABASE,
			    _("%s was made by an older version of kallelse; open it once "
			    "for writing (e.g. 'kallelse import') to upgrade it."), s->path);
		return store_user_open(s);
	}
	if (version == 0 && !s->memory) {
		/* Before the first write: page size, then WAL (which fixes it). */
		if ((st = store_exec(s, "PRAGMA page_size=16384")) != STATUS_OK)
			return st;
		/* Free pages can be given back (store_bulk_end): merging the search
		 * index of an archive left 4-5 % of the file free (48 MB of the
		 * ten-year archive). Only a new file can switch this on. */
		if ((st = store_exec(s, "PRAGMA auto_vacuum=INCREMENTAL")) != STATUS_OK)
			return st;
	}
	if (!s->memory && (st = set_wal(s)) != STATUS_OK)
		return st;
	if ((st = store_exec(s, "PRAGMA synchronous=NORMAL")) != STATUS_OK)
		return st;
	/* Statement journals (every multi-row write inside the import's
	 * transaction: the FTS5 index, document upserts) in memory, not in a
	 * temp file: a 40-packet import 5.3 -> 4.9 s, 5.0 -> 4.7 s. */
	if ((st = store_exec(s, "PRAGMA temp_store=MEMORY")) != STATUS_OK)
		return st;
	if (version < STORE_SCHEMA_VERSION &&
	    (st = store_schema_migrate(s, version)) != STATUS_OK)
		return st;
	if ((st = store_user_open(s)) != STATUS_OK)
		return st;
	if (!store_schema_looks_ok(s))
		return store_fail(s, STATUS_CORRUPT,
		    _("%s says it is a kallelse database but its tables are missing. "
		    "Move it away and import the meeting packets again."), s->path);
	return STATUS_OK;
}

/*
 * A write past `ulimit -f` raises SIGXFSZ, whose default kills the process
 * without a word (an import vanished mid-way). Ignored, the write fails
 * with EFBIG, SQLite reports SQLITE_FULL and the transaction rolls back
 * with a message. Only when nobody chose a handler of their own.
 */
static void
ignore_xfsz(void)
{
	struct sigaction sa;

	if (sigaction(SIGXFSZ, NULL, &sa) == 0 && sa.sa_handler == SIG_DFL) {
		sa.sa_handler = SIG_IGN;
		sigemptyset(&sa.sa_mask);
		sa.sa_flags = 0;
		sigaction(SIGXFSZ, &sa, NULL);
	}
}

/*
 * A file this handle created and nothing was ever put in (the first
 * import failed: a full disk, a bad packet) is removed with its -wal and
 * -shm, so a failed first import leaves nothing behind; so is the user
 * file when this handle made it and nothing is in it. Under an exclusive
 * lock, and only when empty, so that another process's first import into
 * the same new file is kept.
 */
static void
discard_if_empty(struct store *s)
{
	long long n = 1, u = 1;

	store_rollback(s);
	if (sqlite3_exec(s->db, "BEGIN EXCLUSIVE", NULL, NULL, NULL) != SQLITE_OK)
		return;
	if (query_int(s->db, "SELECT (SELECT count(*) FROM main.meeting) +"
	    " (SELECT count(*) FROM main.content_state)", &n) != SQLITE_OK || n != 0) {
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		return;
	}
	store_unlink_all(s->path);
	/* The user file goes with it only when this handle made it and it is empty. */
	if (s->user_created && !s->user_memory &&
	    query_int(s->db, "SELECT (SELECT count(*) FROM user.mark) + (SELECT count(*) FROM"
	    " user.note) + (SELECT count(*) FROM user.reading) + (SELECT count(*) FROM"
	    " user.setting) + (SELECT count(*) FROM user.publish_key)", &u) == SQLITE_OK && u == 0)
		store_unlink_all(s->user_path);
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Open path for writing and close it again (what opening does: migrate,
 * play back a journal), for a reading handle that cannot. *err: why not. */
static enum status
open_writer_once(const char *path, char **err)
{
	struct store *w = NULL;
	enum status st = store_open(path, 0, &w, err);

	store_close(&w);
	return st;
}

/*
 * An archive's build killed half-way (store_journal_build) leaves a
 * rollback journal that the next reader must play back, which a read-only
 * handle cannot: "meetings" said the file could not be written. A reading
 * command plays it back through a writing handle of its own first. The
 * journal is hot only while no process holds the file, which is the
 * writing handle's business to find out; a folder it may not write is
 * left to the read-only open, which says so.
 */
static enum status
roll_back_build(struct store *s)
{
	char *journal = xasprintf("%s-journal", s->path);
	struct stat sb;
	bool hot = stat(journal, &sb) == 0 && sb.st_size > 0;
	char *werr = NULL;
	enum status st;

	free(journal);
	if (!hot || !store_folder_writable(s->path))
		return STATUS_OK;
	if ((st = open_writer_once(s->path, &werr)) != STATUS_OK) {
		store_fail(s, st, _("%s was left half-written by an import that was stopped, and "
		    "putting it back failed: %s"), s->path, werr ? werr : "");
		free(werr);
	}
	return st;
}

/*
 * Before SQLite's first use in the process: no bulk page cache. By default
 * each connection allocates 20 cache pages at once (330 KB at our 16 KB
 * pages) and writes a header into each: about 55 of a start's 235 page
 * faults (perf stat, kallelse agenda on the seed), for pages the mapped
 * file mostly makes needless. Without it a page is allocated when first
 * cached. A start: 0.45 ms less on the seed, 1.1 ms on the archive
 * (medians of 200 interleaved runs). Called by store_open, first; does
 * nothing once SQLite is initialized (sqlite3_config refuses then).
 */
static void
configure_sqlite(void)
{
	static bool done;

	if (done)
		return;
	done = true;
	sqlite3_config(SQLITE_CONFIG_PAGECACHE, NULL, 0, 0);
}

enum status
store_open(const char *path, unsigned flags, struct store **out, char **err)
{
	struct store *s = xcalloc(1, sizeof *s);
	bool create = false;
	int version = 0;
	enum status st;

	configure_sqlite();
	*out = NULL;
	if (err)
		*err = NULL;
	s->path = xstrdup(path ? path : "");
	s->err = xstrdup("");
	s->flags = flags;
	s->memory = strcmp(s->path, ":memory:") == 0;
	if (s->memory)
		s->flags &= ~(unsigned)STORE_READONLY;
	s->user_path = s->memory ? xstrdup(":memory:") : store_user_path_of(s->path);

	if (!s->memory && !(s->flags & STORE_READONLY))
		ignore_xfsz();	/* before the first write: making the WAL may pass the limit */
	if (!s->memory) {
		st = store_check_file(s, &create);
		if (st == STATUS_OK && create)
			st = store_create_file(s, &create);
		if (st != STATUS_OK)
			goto fail;
	}
	if (!s->memory && !create && (st = store_check_header(s)) != STATUS_OK)
		goto fail;
	if ((s->flags & STORE_READONLY) && !s->memory && (st = roll_back_build(s)) != STATUS_OK)
		goto fail;
	if ((st = open_db(s, &version)) != STATUS_OK)
		goto fail;
	if ((s->flags & STORE_READONLY) && version > 0 && version < STORE_SCHEMA_VERSION) {
		/* Made by an older kallelse: upgrade it through a writing handle of its own. */
		char *werr = NULL;

		sqlite3_close_v2(s->db);
		s->db = NULL;
		if ((st = open_writer_once(s->path, &werr)) != STATUS_OK) {
			store_fail(s, st, _("%s was made by an older version of kallelse and must be "
			    "upgraded, which failed: %s"), s->path, werr ? werr : "");
			free(werr);
			goto fail;
		}
		if ((st = open_db(s, &version)) != STATUS_OK)
			goto fail;
	}
	if ((st = setup(s, version)) != STATUS_OK)
		goto fail;
	if (!s->memory && !(s->flags & STORE_READONLY)) {
		store_chmod_companions(s->path);
	}
	s->created = create;
	store_clear_error(s);
	*out = s;
	return STATUS_OK;
fail:
	if (err)
		*err = xstrdup(*s->err ? s->err : _(status_message(st)));
	if (s->db)
		sqlite3_close_v2(s->db);
	s->db = NULL;
	if (create)
		store_unlink_all(s->path);
	if (s->user_created)
		store_unlink_all(s->user_path);
	free(s->path);
	free(s->user_path);
	free(s->err);
	free(s);
	return st;
}

void
store_close(struct store **sp)
{
	struct store *s;

	if (sp == NULL || *sp == NULL)
		return;
	s = *sp;
	if (s->db) {
		store_rollback(s);
		if (s->user_changed)
			store_user_autobackup(s);
		if (s->created && !s->memory)
			discard_if_empty(s);
		sqlite3_close_v2(s->db);
	}
	free(s->path);
	free(s->user_path);
	free(s->err);
	free(s);
	*sp = NULL;
}

const char *
store_error(const struct store *s)
{
	return s && s->err ? s->err : "";
}

const char *
store_path(const struct store *s)
{
	return s ? s->path : "";
}

bool
store_readonly(const struct store *s)
{
	return s && (s->flags & STORE_READONLY);
}

void
store_set_busy_timeout(struct store *s, int ms)
{
	if (s && s->db && ms != s->busy_ms) {
		s->busy_ms = ms;
		sqlite3_busy_timeout(s->db, ms);
	}
}

int
store_busy_timeout(const struct store *s)
{
	return s ? s->busy_ms : 0;
}

void *
store_db(struct store *s)
{
	return s ? s->db : NULL;
}

/* PRAGMA integrity_check of one attached schema: "ok", else the first problem. Caller frees. */
static char *
integrity_of(struct store *s, const char *schema, int *rc)
{
	char *sql = sqlite3_mprintf("PRAGMA \"%w\".integrity_check", schema), *out = NULL;
	sqlite3_stmt *st;

	*rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	sqlite3_free(sql);
	if (*rc != SQLITE_OK)
		return NULL;
	*rc = sqlite3_step(st);
	if (*rc == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);

		out = xstrdup(t ? t : "?");
		*rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return out;
}

enum status
store_check(struct store *s)
{
	enum status r = STATUS_OK;
	char *t;
	int rc;

	s->user_damaged = false;
	/* The user file first: small, and a repair restores it before it looks at the content. */
	if (!s->user_memory) {
		t = integrity_of(s, "user", &rc);
		if (t == NULL && (rc & 0xff) != SQLITE_CORRUPT && (rc & 0xff) != SQLITE_NOTADB)
			return store_sqlite_fail(s, rc, "integrity_check");
		if (t == NULL || strcmp(t, "ok") != 0) {
			char *advice = store_user_damage_advice(s->path);

			s->user_damaged = true;
			r = store_fail(s, STATUS_CORRUPT, _("%s (your marks, notes and reading state) "
			    "is damaged: %s. %s"), s->user_path, t ? t : sqlite3_errmsg(s->db), advice);
			free(advice);
			free(t);
			return r;
		}
		free(t);
	}
	t = integrity_of(s, "main", &rc);
	if (t == NULL && (rc & 0xff) != SQLITE_CORRUPT)
		return store_sqlite_fail(s, rc, "integrity_check");
	if (t == NULL || strcmp(t, "ok") != 0) {
		char *advice = store_damage_advice(s->path);

		r = store_fail(s, STATUS_CORRUPT, _("%s is damaged: %s. %s"), s->path,
		    t ? t : sqlite3_errmsg(s->db), advice);
		free(advice);
	}
	free(t);
	return r;
}
