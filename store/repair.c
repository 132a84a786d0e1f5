/*
 * `kallelse check --repair`: what can be rebuilt is rebuilt (the search
 * index, from the content tables); damaged content is moved aside, after
 * the user's own data has been copied into a new database in its place.
 * Content can always be imported or synced again; marks, notes and reading
 * state cannot, so they are what a repair keeps, and the damaged file is
 * kept too (renamed, never deleted).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "store_internal.h"
#include "xmalloc.h"

static void
remove_with_companions(const char *path)
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

/* Rename path's -wal along with it (a stale WAL must never meet the new file); -shm is derived. */
static void
move_companions(const char *path, const char *to)
{
	char *from = xasprintf("%s-wal", path), *dest = xasprintf("%s-wal", to);

	if (access(from, F_OK) == 0)
		rename(from, dest);
	free(from);
	free(dest);
	from = xasprintf("%s-shm", path);
	unlink(from);
	free(from);
}

/*
 * "file:PATH?mode=ro": a read-only connection never checkpoints into the
 * file or truncates it, so the damaged file is moved aside as it was.
 * Caller frees.
 */
static char *
read_only_uri(const char *path)
{
	struct buf b = { 0 };

	buf_adds(&b, "file:");
	for (const char *p = path; *p; p++) {
		if (*p == '?' || *p == '#' || *p == '%')
			buf_printf(&b, "%%%02X", (unsigned char)*p);
		else
			buf_addc(&b, *p);
	}
	buf_adds(&b, "?mode=ro");
	return b.data;
}

/*
 * A new database at path.repair-new with the user's data read from path,
 * then path moved to path.damaged-DATE and the new one renamed to path.
 */
static enum status
move_aside(const char *path, struct store_repair_result *out, char **err)
{
	char *fresh = xasprintf("%s.repair-new", path), stamp[32], *e = NULL, *uri;
	bool attached;
	struct store *n = NULL;
	enum status st;
	time_t now = time(NULL);
	struct tm tm;

	remove_with_companions(fresh);
	if ((st = store_open(fresh, STORE_CREATE, &n, &e)) != STATUS_OK) {
		*err = xasprintf(_("cannot make a new database beside %s: %s"), path, e);
		free(e);
		free(fresh);
		return st;
	}
	n->created = false;	/* kept even when there was nothing to carry over */
	/*
	 * SQLite refuses a file shorter than its header says (one cut short)
	 * unless the schema is "writable": then it reads the pages there are.
	 * Nothing is written to the old file; off again before anything else.
	 */
	store_exec(n, "PRAGMA writable_schema=ON");
	uri = read_only_uri(path);
	attached = store_user_attach(n, uri, "old") == STATUS_OK;
	free(uri);
	if (attached) {
		if ((st = store_begin(n)) == STATUS_OK) {
			store_user_salvage(n, "old", &out->user);
			st = store_commit(n);
		}
		store_user_detach(n, "old");
		store_exec(n, "PRAGMA writable_schema=OFF");
	} else {
		store_exec(n, "PRAGMA writable_schema=OFF");
		/* Not even its schema reads: nothing could be carried over. */
		for (const struct store_user_table *t = store_user_tables; t->name; t++)
			if (out->user.n < STORE_USER_TABLES_MAX)
				out->user.t[out->user.n++] = (struct store_user_count){ t->label, 0, 0, true };
	}
	n->user_changed = false;	/* its daily backup would bear the temporary name */
	store_close(&n);
	if (st != STATUS_OK) {
		*err = xasprintf(_("cannot write the new database beside %s"), path);
		goto fail;
	}
	localtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
	out->moved_to = xasprintf("%s.damaged-%s", path, stamp);
	if (rename(path, out->moved_to) != 0) {
		*err = xasprintf(_("cannot move %s aside to %s: %s"), path, out->moved_to,
		    strerror(errno));
		st = STATUS_IO;
		goto fail;
	}
	move_companions(path, out->moved_to);
	if (rename(fresh, path) != 0) {
		*err = xasprintf(_("the damaged database was moved to %s, but the new one could "
		    "not be put in its place: %s. It is at %s."), out->moved_to, strerror(errno),
		    fresh);
		free(fresh);
		return STATUS_IO;
	}
	chmod(path, 0600);
	out->done = STORE_REPAIR_MOVED;
	free(fresh);
	return STATUS_OK;
fail:
	free(out->moved_to);
	out->moved_to = NULL;
	remove_with_companions(fresh);
	free(fresh);
	return st == STATUS_OK ? STATUS_IO : st;
}

/* The message without the advice to run the repair that is running. Takes msg. */
static char *
without_advice(char *msg, const char *path)
{
	char *advice = store_damage_advice(path);
	size_t n = strlen(msg), a = strlen(advice);

	if (n >= a && strcmp(msg + n - a, advice) == 0) {
		msg[n - a] = '\0';
		while (n - a > 0 && msg[n - a - 1] == ' ')
			msg[--n - a] = '\0';
	}
	free(advice);
	return msg;
}

enum status
store_repair(const char *path, struct store_repair_result *out, char **err)
{
	struct store *s = NULL;
	bool index_only = false;
	char *e = NULL;
	enum status st;

	memset(out, 0, sizeof *out);
	*err = NULL;
	st = store_open(path, 0, &s, &e);
	if (st == STATUS_CORRUPT) {
		out->problem = without_advice(e, path);
		return move_aside(path, out, err);
	}
	if (st != STATUS_OK) {
		/* Not ours, too new, locked, missing: nothing a repair should touch. */
		*err = e;
		return st;
	}
	st = store_check_all(s, &index_only);
	if (st == STATUS_CORRUPT) {
		out->problem = without_advice(xstrdup(store_error(s)), path);
		if (index_only) {
			st = store_search_rebuild(s);
			if (st == STATUS_OK)
				st = store_check_all(s, &index_only);
			if (st == STATUS_OK)
				out->done = STORE_REPAIR_INDEX;
		}
	}
	if (st == STATUS_CORRUPT) {
		store_close(&s);
		return move_aside(path, out, err);
	}
	if (st != STATUS_OK)
		*err = xstrdup(store_error(s));
	store_close(&s);
	return st;
}
