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

/* mkdir -p of path's folder, each new folder 0700. */
static int
make_parent_folders(const char *path)
{
	char *copy = xstrdup(path);
	int rc = 0;

	for (char *p = copy + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(copy, 0700) != 0 && errno != EEXIST) {
			rc = -1;
			break;
		}
		*p = '/';
	}
	free(copy);
	return rc;
}

static void
chmod_companions(const char *path)
{
	/* SQLite gives -wal and -shm the main file's mode; make sure anyway. */
	char *p = xasprintf("%s-wal", path);
	chmod(p, 0600);
	free(p);
	p = xasprintf("%s-shm", path);
	chmod(p, 0600);
	free(p);
}

static void
unlink_all(const char *path)
{
	char *p;

	unlink(path);
	p = xasprintf("%s-wal", path);
	unlink(p);
	free(p);
	p = xasprintf("%s-shm", path);
	unlink(p);
	free(p);
}

/*
 * Make the empty file ourselves so its mode is 0600 whatever the umask.
 * *created: false when another process made it first (then it is theirs).
 */
static enum status
create_file(struct store *s, bool *created)
{
	int fd;

	*created = false;
	if (make_parent_folders(s->path) != 0)
		goto fail;
	fd = open(s->path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 && errno == EEXIST)
		return STATUS_OK;
	if (fd < 0)
		goto fail;
	*created = true;
	if (fchmod(fd, 0600) != 0) {
		close(fd);
		unlink(s->path);
		goto fail;
	}
	close(fd);
	return STATUS_OK;
fail:
	if (errno == EACCES || errno == EROFS || errno == EPERM) {
		char *dir = store_dir_of(s->path);
		enum status st = store_fail(s, STATUS_READONLY,
		    _("cannot create the database %s: the folder %s is not writable (%s). "
		    "Choose another place with --db."), s->path, dir, strerror(errno));
		free(dir);
		return st;
	}
	return store_fail(s, STATUS_IO, _("cannot create the database %s: %s"), s->path,
	    strerror(errno));
}

/* Checks before SQLite sees the file: missing, a folder, not writable. */
static enum status
check_file(struct store *s, bool *create)
{
	struct stat sb;

	*create = false;
	if (stat(s->path, &sb) != 0) {
		if (errno != ENOENT)
			return store_fail(s, STATUS_IO, _("cannot open %s: %s"), s->path,
			    strerror(errno));
		if (!(s->flags & STORE_CREATE))
			return store_fail(s, STATUS_NOT_FOUND,
			    _("there is no database at %s yet. Import a meeting packet first "
			    "with 'kallelse import FILE', or try 'kallelse --demo'."), s->path);
		*create = true;
		return STATUS_OK;
	}
	if (S_ISDIR(sb.st_mode))
		return store_fail(s, STATUS_NOT_DATABASE,
		    _("%s is a folder, not a kallelse database. Give the database file "
		    "with --db."), s->path);
	if (access(s->path, R_OK) != 0)
		return store_fail(s, STATUS_READONLY,
		    _("%s cannot be read: %s. Check its permissions."), s->path, strerror(errno));
	if (!(s->flags & STORE_READONLY)) {
		char *dir = store_dir_of(s->path);
		bool file_ok = access(s->path, W_OK) == 0;
		bool dir_ok = access(dir, W_OK) == 0;
		enum status st = STATUS_OK;

		if (!file_ok || !dir_ok)
			st = store_fail(s, STATUS_READONLY,
			    _("%s cannot be written: the %s is read-only. Check the "
			    "permissions (chmod u+w), or copy the database to a writable "
			    "folder and use --db."), s->path,
			    !file_ok ? _("file") : _("folder it is in"));
		free(dir);
		return st;
	}
	return STATUS_OK;
}

/* Size of a file, -1 when it does not exist. */
static long long
file_size(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 ? (long long)sb.st_size : -1;
}

static unsigned
be16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static unsigned long
be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 | p[3];
}

static enum status
damaged(struct store *s, const char *what)
{
	char *advice = store_damage_advice(s->path);
	enum status st = store_fail(s, STATUS_CORRUPT, _("%s is damaged: %s. %s"),
	    s->path, what, advice);

	free(advice);
	return st;
}

/*
 * The cheap check at every open, before SQLite reads a page: the 100-byte
 * header's fixed fields, a size that is a whole number of pages, and (when
 * no WAL can hold the rest) no fewer pages than the header counts. Catches
 * a truncated copy, one byte short included, and a damaged header in
 * microseconds; damage inside a page is found on use (SQLITE_CORRUPT, with
 * its own message) or by store_check_all. PRAGMA quick_check would find
 * more, but reads every page: see store_check_all for what it costs.
 * A file that is not SQLite at all is left to SQLite (SQLITE_NOTADB).
 */
static enum status
check_header(struct store *s)
{
	unsigned char h[100];
	long long size = file_size(s->path), wal, pages;
	unsigned long page, count;
	char *walpath, *what;
	enum status st;
	FILE *f;

	if (size <= 0)
		return STATUS_OK;	/* new or empty: SQLite makes it */
	if ((f = fopen(s->path, "rb")) == NULL)
		return STATUS_OK;	/* check_file said why already, or SQLite will */
	size_t got = fread(h, 1, sizeof h, f);
	fclose(f);
	if (got < 16 || memcmp(h, "SQLite format 3", 16) != 0)
		return STATUS_OK;
	if (got < sizeof h)
		return damaged(s, _("the file ends inside its header"));
	page = be16(h + 16) == 1 ? 65536 : be16(h + 16);
	if (page < 512 || (page & (page - 1)) != 0 || h[21] != 64 || h[22] != 32 || h[23] != 32)
		return damaged(s, _("its header is not valid"));
	if (size % (long long)page != 0) {
		what = xasprintf(_("its size (%lld bytes) is not a whole number of %lu-byte "
		    "pages: it was cut short or grown by a broken copy"), size, page);
		st = damaged(s, what);
		free(what);
		return st;
	}
	count = be32(h + 28);
	walpath = xasprintf("%s-wal", s->path);
	wal = file_size(walpath);
	free(walpath);
	pages = size / (long long)page;
	/* The count is valid when the change counter matches version-valid-for;
	 * a WAL with frames may hold the pages the file lacks until a checkpoint. */
	if (wal <= 0 && count > 0 && be32(h + 24) == be32(h + 92) && pages < (long long)count) {
		what = xasprintf(_("it has %lld pages where its header counts %lu: it was cut "
		    "short"), pages, count);
		st = damaged(s, what);
		free(what);
		return st;
	}
	return STATUS_OK;
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
		return damaged(s, _("its schema version is 0 although it holds tables"));
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

static bool
folder_writable(const char *path)
{
	char *dir = store_dir_of(path);
	bool ok = access(dir, W_OK) == 0;

	free(dir);
	return ok;
}

/* A -wal file with frames in it (committed pages not yet in the file). */
static bool
wal_has_frames(const char *path)
{
	char *p = xasprintf("%s-wal", path);
	bool has = file_size(p) > 32;

	free(p);
	return has;
}

/* Every write to a user table marks the store for a backup at close (store_user_autobackup). */
static void
on_update(void *arg, int op, const char *schema, const char *table, sqlite3_int64 rowid)
{
	struct store *s = arg;

	(void)op;
	(void)schema;
	(void)rowid;
	if (!s->user_changed && store_user_table_is(table))
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
	else if ((s->flags & STORE_READONLY) && !folder_writable(s->path) && !wal_has_frames(s->path)) {
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
	if (store_search_register(s) != 0)
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
		return STATUS_OK;
	}
	if (version == 0 && !s->memory) {
		/* Before the first write: page size, then WAL (which fixes it). */
		if ((st = store_exec(s, "PRAGMA page_size=16384")) != STATUS_OK)
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
 * -shm, so a failed first import leaves nothing behind. Under an
 * exclusive lock, and only when it holds no meeting and no setting, so
 * that another process's first import into the same new file is kept.
 */
static void
discard_if_empty(struct store *s)
{
	long long n = 1;

	store_rollback(s);
	if (sqlite3_exec(s->db, "BEGIN EXCLUSIVE", NULL, NULL, NULL) != SQLITE_OK)
		return;
	if (query_int(s->db, "SELECT (SELECT count(*) FROM meeting) + (SELECT count(*) FROM setting)",
	    &n) == SQLITE_OK && n == 0)
		unlink_all(s->path);
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

enum status
store_open(const char *path, unsigned flags, struct store **out, char **err)
{
	struct store *s = xcalloc(1, sizeof *s);
	bool create = false;
	int version = 0;
	enum status st;

	*out = NULL;
	if (err)
		*err = NULL;
	s->path = xstrdup(path ? path : "");
	s->err = xstrdup("");
	s->flags = flags;
	s->memory = strcmp(s->path, ":memory:") == 0;
	if (s->memory)
		s->flags &= ~(unsigned)STORE_READONLY;

	if (!s->memory && !(s->flags & STORE_READONLY))
		ignore_xfsz();	/* before the first write: making the WAL may pass the limit */
	if (!s->memory) {
		st = check_file(s, &create);
		if (st == STATUS_OK && create)
			st = create_file(s, &create);
		if (st != STATUS_OK)
			goto fail;
	}
	if (!s->memory && !create && (st = check_header(s)) != STATUS_OK)
		goto fail;
	if ((st = open_db(s, &version)) != STATUS_OK)
		goto fail;
	if ((s->flags & STORE_READONLY) && version > 0 && version < STORE_SCHEMA_VERSION) {
		/* Made by an older kallelse: upgrade it through a writing handle of its own. */
		struct store *w = NULL;
		char *werr = NULL;

		sqlite3_close_v2(s->db);
		s->db = NULL;
		st = store_open(s->path, 0, &w, &werr);
		store_close(&w);
		if (st != STATUS_OK) {
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
		chmod_companions(s->path);
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
		unlink_all(s->path);
	free(s->path);
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

enum status
store_check(struct store *s)
{
	sqlite3_stmt *st;
	enum status r;
	int rc;

	if ((r = store_prepare(s, "PRAGMA integrity_check", &st)) != STATUS_OK)
		return r;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);
		if (t && strcmp(t, "ok") == 0)
			r = STATUS_OK;
		else {
			char *advice = store_damage_advice(s->path);

			r = store_fail(s, STATUS_CORRUPT, _("%s is damaged: %s. %s"), s->path,
			    t ? t : "?", advice);
			free(advice);
		}
	} else {
		r = store_sqlite_fail(s, rc, "integrity_check");
	}
	sqlite3_finalize(st);
	return r;
}
