/*
 * Who someone is at a meeting, and the presidium's marks for discussion.
 *
 * A mark is one row per (item, person), made for sync: the person's name
 * and initials, a tombstone flag (a removal is a row too, so that it can
 * travel), and a time in milliseconds; the last change per item and
 * person wins. The rows name items by stable id without a foreign key: a
 * mark whose item disappears is kept and reported as an orphan.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"
#include "store_internal.h"
#include "text.h"
#include "xmalloc.h"

/* ---- roles ---- */

const char *
store_role_name(enum store_role r)
{
	switch (r) {
	case STORE_ROLE_LEDAMOT: return "ledamot";
	case STORE_ROLE_ERSATTARE: return "ersättare";
	case STORE_ROLE_PRESIDIUM: return "presidium";
	case STORE_ROLE_SEKRETERARE: return "sekreterare";
	case STORE_ROLE_CALLED: return "kallad";
	case STORE_ROLE_NONE: break;
	}
	return "";
}

enum store_role
store_role_parse(const char *name)
{
	static const enum store_role all[] = {
		STORE_ROLE_LEDAMOT, STORE_ROLE_ERSATTARE, STORE_ROLE_PRESIDIUM,
		STORE_ROLE_SEKRETERARE, STORE_ROLE_CALLED,
	};

	for (size_t i = 0; name && i < sizeof all / sizeof all[0]; i++)
		if (strcmp(name, store_role_name(all[i])) == 0)
			return all[i];
	return STORE_ROLE_NONE;
}

enum status
store_person_role(struct store *s, const char *meeting_id, const char *name,
    enum store_role *role, char **canonical, char **detail)
{
	sqlite3_stmt *st;
	enum status r;
	char *slug;
	int rc;

	*role = STORE_ROLE_NONE;
	if (canonical)
		*canonical = NULL;
	if (detail)
		*detail = NULL;
	store_clear_error(s);
	if (name == NULL || *name == '\0')
		return STATUS_NOT_FOUND;
	/* Person ids are slugs of the printed name, so "thomas  GUSTAFSSON" matches too. */
	slug = text_slug(name, strlen(name));
	if ((r = store_prepare(s, "SELECT p.name, mp.grp, mp.role, mp.title FROM meeting_person mp"
	    " JOIN person p ON p.id=mp.person_id WHERE mp.meeting_id=?1 AND mp.person_id=?2"
	    " ORDER BY mp.grp, mp.ord LIMIT 1", &st)) != STATUS_OK) {
		free(slug);
		return r;
	}
	store_bind_str(st, 1, meeting_id);
	store_bind_str(st, 2, slug);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *prole = (const char *)sqlite3_column_text(st, 2);
		const char *title = (const char *)sqlite3_column_text(st, 3);

		switch (sqlite3_column_int(st, 1)) {
		case PERSON_MEMBER:
			*role = prole && strstr(prole, "ordförande") ? STORE_ROLE_PRESIDIUM
			    : STORE_ROLE_LEDAMOT;
			break;
		case PERSON_SUBSTITUTE:
			*role = STORE_ROLE_ERSATTARE;
			break;
		default:
			*role = title && strstr(title, "sekreterare") ? STORE_ROLE_SEKRETERARE
			    : STORE_ROLE_CALLED;
			break;
		}
		if (canonical)
			*canonical = store_col_str(st, 0);
		if (detail)
			*detail = store_col_str(st, prole ? 2 : 3);
		r = STATUS_OK;
	} else {
		r = rc == SQLITE_DONE ? STATUS_NOT_FOUND : store_sqlite_fail(s, rc, "person");
	}
	sqlite3_finalize(st);
	free(slug);
	return r;
}

char *
store_initials(const char *name)
{
	const char *first = name, *last = NULL, *p;
	char out[16];
	size_t o = 0;

	while (*first == ' ')
		first++;
	for (p = first; *p; p++)
		if (*p == ' ' && p[1] != ' ' && p[1] != '\0')
			last = p + 1;
	for (int k = 0; k < 2; k++) {
		const char *w = k == 0 ? first : last;
		unsigned int cp;
		size_t len;

		if (w == NULL || *w == '\0')
			continue;
		len = text_next_char(w, strlen(w), &cp);
		if (len == 0 || o + len >= sizeof out)
			continue;
		memcpy(out + o, w, len);
		if (len == 1 && out[o] >= 'a' && out[o] <= 'z')
			out[o] = (char)(out[o] - 'a' + 'A');
		o += len;
	}
	out[o] = '\0';
	return xstrdup(o ? out : "?");
}

/* ---- marks ---- */

/* Now in UTC with milliseconds: marks of one second must still order. */
static void
now_ms(char buf[32])
{
	struct timespec ts;
	struct tm tm;
	char sec[24];

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(sec, sizeof sec, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf, 32, "%.19s.%03dZ", sec, (int)(ts.tv_nsec / 1000000) % 1000);
}

/* The presidium of a meeting, "A, B and C". Caller frees. */
static char *
presidium_names(struct store *s, const char *meeting_id)
{
	sqlite3_stmt *st;
	char **names = NULL, *out;
	size_t n = 0;

	if (store_prepare(s, "SELECT p.name FROM meeting_person mp JOIN person p"
	    " ON p.id=mp.person_id WHERE mp.meeting_id=?1 AND mp.grp=0"
	    " AND instr(mp.role, 'ordförande') > 0 ORDER BY mp.ord", &st) != STATUS_OK)
		return xstrdup("?");
	store_bind_str(st, 1, meeting_id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		names = xreallocarray(names, n + 1, sizeof *names);
		names[n++] = store_col_str(st, 0);
	}
	sqlite3_finalize(st);
	if (n == 0)
		return xstrdup(_("nobody is named"));
	out = xstrdup(names[0]);
	for (size_t i = 1; i < n; i++) {
		char *next = i + 1 < n ? xasprintf("%s, %s", out, names[i])
		    : xasprintf(_("%s and %s"), out, names[i]);

		free(out);
		out = next;
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return out;
}

/*
 * Whether person may mark item_id: a presidium member of its meeting.
 * *name gets the printed name (caller frees); *meeting the meeting id.
 */
static enum status
may_mark(struct store *s, const char *item_id, const char *person, char **name)
{
	sqlite3_stmt *st;
	enum store_role role;
	char *meeting = NULL, *detail = NULL;
	enum status r;

	*name = NULL;
	store_clear_error(s);
	if (item_id == NULL || person == NULL || *person == '\0')
		return store_fail(s, STATUS_BAD_INPUT, _("a mark needs an item and a person;"
		    " say who you are with --as NAME or name = in the config file"));
	if ((r = store_prepare(s, "SELECT meeting_id FROM agenda_item WHERE id=?1", &st)) != STATUS_OK)
		return r;
	store_bind_str(st, 1, item_id);
	if (sqlite3_step(st) == SQLITE_ROW)
		meeting = store_col_str(st, 0);
	sqlite3_finalize(st);
	if (meeting == NULL)
		return store_fail(s, STATUS_NOT_FOUND, _("there is no agenda item %s"), item_id);
	r = store_person_role(s, meeting, person, &role, name, &detail);
	if (r == STATUS_OK && role == STORE_ROLE_PRESIDIUM) {
		free(meeting);
		free(detail);
		return STATUS_OK;
	}
	if (r == STATUS_OK || r == STATUS_NOT_FOUND) {
		char *who = presidium_names(s, meeting);

		if (r == STATUS_NOT_FOUND)
			r = store_fail(s, STATUS_DENIED, _("only the presidium (%s) may mark items"
			    " for discussion; %s is not called to this meeting"), who, person);
		else
			r = store_fail(s, STATUS_DENIED, _("only the presidium (%s) may mark items"
			    " for discussion; %s is %s"), who, *name, detail ? detail
			    : store_role_name(role));
		free(who);
	}
	free(*name);
	*name = NULL;
	free(meeting);
	free(detail);
	return r;
}

/* Write one row as it is (insert or replace). */
static enum status
write_mark(struct store *s, const char *item_id, const char *person, const char *initials,
    const char *kind, const char *comment, bool removed, const char *updated)
{
	sqlite3_stmt *st;
	enum status r;
	int rc;

	if ((r = store_prepare(s, "INSERT INTO mark(item_id, person, initials, kind, comment,"
	    " removed, updated) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
	    " ON CONFLICT(item_id, person) DO UPDATE SET initials=excluded.initials,"
	    " kind=excluded.kind, comment=excluded.comment, removed=excluded.removed,"
	    " updated=excluded.updated", &st)) != STATUS_OK)
		return r;
	store_bind_str(st, 1, item_id);
	store_bind_str(st, 2, person);
	store_bind_str(st, 3, initials);
	store_bind_str(st, 4, kind ? kind : "diskussion");
	store_bind_str(st, 5, comment && *comment ? comment : NULL);
	sqlite3_bind_int(st, 6, removed ? 1 : 0);
	store_bind_str(st, 7, updated);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? STATUS_OK : store_sqlite_fail(s, rc, "mark");
}

/* The row of (item, person): whether there is one, and its fields. Caller frees. */
static bool
read_row(struct store *s, const char *item_id, const char *person, char **updated,
    char **comment, bool *removed)
{
	sqlite3_stmt *st;
	bool found = false;

	*updated = *comment = NULL;
	*removed = false;
	if (store_prepare(s, "SELECT updated, comment, removed FROM mark WHERE item_id=?1"
	    " AND person=?2", &st) != STATUS_OK)
		return false;
	store_bind_str(st, 1, item_id);
	store_bind_str(st, 2, person);
	if (sqlite3_step(st) == SQLITE_ROW) {
		found = true;
		*updated = store_col_str(st, 0);
		*comment = store_col_str(st, 1);
		*removed = sqlite3_column_int(st, 2) != 0;
	}
	sqlite3_finalize(st);
	return found;
}

/* A local change: after the row it replaces, even when the clock went back. */
static void
local_time(const char *old, char now[32])
{
	now_ms(now);
	if (old && strcmp(old, now) >= 0 && strlen(old) < 32)
		strcpy(now, old);
}

enum status
store_mark_set(struct store *s, const char *item_id, const char *person, const char *comment)
{
	char *name, *updated, *old_comment, *initials, now[32];
	bool removed, found;
	enum status r;

	if ((r = may_mark(s, item_id, person, &name)) != STATUS_OK)
		return r;
	found = read_row(s, item_id, name, &updated, &old_comment, &removed);
	local_time(updated, now);
	if (comment == NULL && found && !removed)
		comment = old_comment;
	initials = store_initials(name);
	r = write_mark(s, item_id, name, initials, "diskussion", comment, false, now);
	free(initials);
	free(updated);
	free(old_comment);
	free(name);
	return r;
}

enum status
store_mark_remove(struct store *s, const char *item_id, const char *person)
{
	char *name, *updated, *comment, *initials, now[32];
	bool removed;
	enum status r;

	if ((r = may_mark(s, item_id, person, &name)) != STATUS_OK)
		return r;
	if (!read_row(s, item_id, name, &updated, &comment, &removed) || removed) {
		r = STATUS_NOT_FOUND;
	} else {
		local_time(updated, now);
		initials = store_initials(name);
		/* The comment goes with the mark: a new mark starts without it. */
		r = write_mark(s, item_id, name, initials, "diskussion", NULL, true, now);
		free(initials);
	}
	free(updated);
	free(comment);
	free(name);
	return r;
}

enum status
store_mark_merge(struct store *s, const struct store_mark *m, bool *applied)
{
	char *updated, *comment, *initials;
	bool removed, newer = true;
	enum status r = STATUS_OK;

	if (applied)
		*applied = false;
	store_clear_error(s);
	if (m->item_id == NULL || m->person == NULL || m->updated == NULL)
		return store_fail(s, STATUS_BAD_INPUT, _("a mark needs an item, a person and a time"));
	if (read_row(s, m->item_id, m->person, &updated, &comment, &removed)) {
		int c = strcmp(m->updated, updated);

		if (c == 0 && m->removed != removed)
			c = m->removed ? 1 : -1;
		if (c == 0)
			c = strcmp(m->comment ? m->comment : "", comment ? comment : "");
		newer = c > 0;
	}
	if (newer) {
		initials = m->initials ? xstrdup(m->initials) : store_initials(m->person);
		r = write_mark(s, m->item_id, m->person, initials, m->kind, m->comment, m->removed,
		    m->updated);
		free(initials);
		if (r == STATUS_OK && applied)
			*applied = true;
	}
	free(updated);
	free(comment);
	return r;
}

void
store_marks_free(struct store_mark *list, size_t n)
{
	if (list == NULL)
		return;
	for (size_t i = 0; i < n; i++) {
		free(list[i].item_id);
		free(list[i].meeting_id);
		free(list[i].person);
		free(list[i].initials);
		free(list[i].kind);
		free(list[i].comment);
		free(list[i].updated);
		free(list[i].item_number);
		free(list[i].item_title);
	}
	free(list);
}

static void
read_mark(sqlite3_stmt *st, void *v)
{
	struct store_mark *m = v;

	m->item_id = store_col_str(st, 0);
	m->meeting_id = store_col_str(st, 1);
	m->person = store_col_str(st, 2);
	m->initials = store_col_str(st, 3);
	m->kind = store_col_str(st, 4);
	m->comment = store_col_str(st, 5);
	m->removed = sqlite3_column_int(st, 6) != 0;
	m->updated = store_col_str(st, 7);
	m->orphan = sqlite3_column_int(st, 8) != 0;
	m->item_number = store_col_str(st, 9);
	m->item_title = store_col_str(st, 10);
}

enum status
store_marks(struct store *s, const char *meeting_id, bool with_removed, struct store_mark **list,
    size_t *n)
{
	sqlite3_stmt *st;
	enum status r;
	void *arr = NULL;

	*list = NULL;
	*n = 0;
	store_clear_error(s);
	/* Item ids are the meeting's id, '/', the number: an orphan still belongs to it. */
	if ((r = store_prepare(s, "SELECT k.item_id, substr(k.item_id, 1, instr(k.item_id, '/') - 1)"
	    " AS mid, k.person, k.initials, k.kind, k.comment, k.removed, k.updated, i.id IS NULL,"
	    " i.number, i.title FROM mark k LEFT JOIN agenda_item i ON i.id=k.item_id"
	    " LEFT JOIN meeting m ON m.id=substr(k.item_id, 1, instr(k.item_id, '/') - 1)"
	    " WHERE (?1 IS NULL OR substr(k.item_id, 1, length(?1) + 1)=?1 || '/')"
	    " AND (?2 OR NOT k.removed)"
	    " ORDER BY m.date DESC, mid, i.id IS NULL, i.ord, k.item_id, k.updated, k.rowid",
	    &st)) != STATUS_OK)
		return r;
	store_bind_str(st, 1, meeting_id);
	sqlite3_bind_int(st, 2, with_removed ? 1 : 0);
	r = store_read_rows(s, st, &arr, n, sizeof **list, read_mark, "mark");
	if (r != STATUS_OK) {
		store_marks_free(arr, *n);
		*n = 0;
		return r;
	}
	*list = arr;
	return STATUS_OK;
}
