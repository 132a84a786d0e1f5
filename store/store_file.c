/*
 * The database file itself, before SQLite opens it: its folder made 0700
 * and the file 0600, a missing file told apart from one we may create, the
 * cheap header check that catches a truncated or damaged copy, and what a
 * read-only folder or a WAL means for opening it. Split from store.c.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "store_internal.h"
#include "xmalloc.h"

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

void
store_chmod_companions(const char *path)
{
	/* SQLite gives -wal and -shm the main file's mode; make sure anyway. */
	char *p = xasprintf("%s-wal", path);
	chmod(p, 0600);
	free(p);
	p = xasprintf("%s-shm", path);
	chmod(p, 0600);
	free(p);
}

void
store_unlink_all(const char *path)
{
	char *p;

	unlink(path);
	p = xasprintf("%s-wal", path);
	unlink(p);
	free(p);
	p = xasprintf("%s-shm", path);
	unlink(p);
	free(p);
	p = xasprintf("%s-journal", path);	/* an archive's build (store_journal_build) */
	unlink(p);
	free(p);
}

/*
 * Make the empty file ourselves so its mode is 0600 whatever the umask.
 * *created: false when another process made it first (then it is theirs).
 */
enum status
store_create_file(struct store *s, bool *created)
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
enum status
store_check_file(struct store *s, bool *create)
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
long long
store_file_size(const char *path)
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

enum status
store_file_damaged(struct store *s, const char *what)
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
enum status
store_check_header(struct store *s)
{
	return store_check_header_at(s, s->path, false);
}

/* The damage message for the content file, or for the user file (user). */
static enum status
damaged(struct store *s, bool user, const char *what)
{
	char *advice;
	enum status st;

	if (!user)
		return store_file_damaged(s, what);
	advice = store_user_damage_advice(s->path);
	st = store_fail(s, STATUS_CORRUPT, _("%s (your marks, notes and reading state) is "
	    "damaged: %s. %s"), s->user_path, what, advice);
	free(advice);
	return st;
}

enum status
store_check_header_at(struct store *s, const char *path, bool user)
{
	unsigned char h[100];
	long long size = store_file_size(path), wal, pages;
	unsigned long page, count;
	char *walpath, *what;
	enum status st;
	FILE *f;

	if (size <= 0)
		return STATUS_OK;	/* new or empty: SQLite makes it */
	if ((f = fopen(path, "rb")) == NULL)
		return STATUS_OK;	/* check_file said why already, or SQLite will */
	size_t got = fread(h, 1, sizeof h, f);
	fclose(f);
	if (got < 16 || memcmp(h, "SQLite format 3", 16) != 0)
		return STATUS_OK;
	if (got < sizeof h)
		return damaged(s, user, _("the file ends inside its header"));
	page = be16(h + 16) == 1 ? 65536 : be16(h + 16);
	if (page < 512 || (page & (page - 1)) != 0 || h[21] != 64 || h[22] != 32 || h[23] != 32)
		return damaged(s, user, _("its header is not valid"));
	if (size % (long long)page != 0) {
		what = xasprintf(_("its size (%lld bytes) is not a whole number of %lu-byte "
		    "pages: it was cut short or grown by a broken copy"), size, page);
		st = damaged(s, user, what);
		free(what);
		return st;
	}
	count = be32(h + 28);
	walpath = xasprintf("%s-wal", path);
	wal = store_file_size(walpath);
	free(walpath);
	pages = size / (long long)page;
	/* The count is valid when the change counter matches version-valid-for;
	 * a WAL with frames may hold the pages the file lacks until a checkpoint. */
	if (wal <= 0 && count > 0 && be32(h + 24) == be32(h + 92) && pages < (long long)count) {
		what = xasprintf(_("it has %lld pages where its header counts %lu: it was cut "
		    "short"), pages, count);
		st = damaged(s, user, what);
		free(what);
		return st;
	}
	return STATUS_OK;
}

bool
store_folder_writable(const char *path)
{
	char *dir = store_dir_of(path);
	bool ok = access(dir, W_OK) == 0;

	free(dir);
	return ok;
}

/* A -wal file with frames in it (committed pages not yet in the file). */
bool
store_wal_has_frames(const char *path)
{
	char *p = xasprintf("%s-wal", path);
	bool has = store_file_size(p) > 32;

	free(p);
	return has;
}


char *
store_file_uri(const char *path, const char *query)
{
	struct buf b = { 0 };

	buf_adds(&b, "file:");
	for (const char *p = path; *p; p++) {
		if (*p == '?' || *p == '#' || *p == '%')
			buf_printf(&b, "%%%02X", (unsigned char)*p);
		else
			buf_addc(&b, *p);
	}
	buf_printf(&b, "?%s", query);
	return b.data;
}

int
store_fsync_path(const char *path, bool dir)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), rc;

	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	if (rc == 0 && dir) {
		char *d = store_dir_of(path);

		fd = open(d, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		free(d);
		if (fd < 0)
			return -1;
		rc = fsync(fd);
		close(fd);
	}
	return rc;
}

void
store_stamp(char buf[32])
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	strftime(buf, 32, "%Y%m%d-%H%M%S", &tm);
}

int
store_move_with_wal(const char *path, const char *to)
{
	char *from, *dest;

	if (rename(path, to) != 0)
		return -1;
	/* A stale WAL must never meet a new file of the old name. */
	from = xasprintf("%s-wal", path);
	dest = xasprintf("%s-wal", to);
	if (access(from, F_OK) == 0)
		rename(from, dest);
	free(from);
	free(dest);
	from = xasprintf("%s-shm", path);
	unlink(from);
	free(from);
	return 0;
}
