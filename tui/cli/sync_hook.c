/*
 * The sync as the interactive program gets it (tui.h struct tui_sync):
 * S runs sync_run from the remembered source, and the meetings view
 * shows the last sync. Here because tui/ may not use store/sync
 * (ARCHITECTURE.md); the words are the ones `kallelse sync` prints.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "i18n.h"
#include "sync.h"
#include "tui.h"
#include "xmalloc.h"

char *
cli_sync_summary(size_t added, size_t updated, size_t removed)
{
	struct buf b = { 0 };
	char *s;

	/* The msgids of kallelse sync's last line, so both say it alike in each language. */
	buf_printf(&b, P_("%zu new meeting", "%zu new meetings", added), added);
	buf_printf(&b, P_(", %zu updated", ", %zu updated", updated), updated);
	buf_printf(&b, P_(", %zu removed\n", ", %zu removed\n", removed), removed);
	s = buf_detach(&b, NULL);
	s[strcspn(s, "\n")] = '\0';
	return s;
}

/* "2026-12-05T06:10:00Z" in local time, "2026-12-05 07:10"; else as it is. */
static void
local_time(const char *iso, char *buf, size_t size)
{
	struct tm tm = { 0 }, local;
	const char *end = strptime(iso, "%Y-%m-%dT%H:%M:%S", &tm);
	time_t t;

	if (end && *end == 'Z' && (t = timegm(&tm)) != (time_t)-1 && localtime_r(&t, &local))
		strftime(buf, size, "%Y-%m-%d %H:%M", &local);
	else
		snprintf(buf, size, "%.16s", iso);
}

static char *
setting(struct store *s, const char *key)
{
	char *v = NULL;

	if (store_setting_get(s, key, &v) != STATUS_OK || (v && *v == '\0')) {
		free(v);
		return NULL;
	}
	return v;
}

static void
run(struct store *s, const char *person, tui_progress_fn progress, void *ctx,
    struct tui_sync_outcome *out)
{
	char *source = setting(s, SYNC_SET_SOURCE), *err = NULL;
	struct sync_result r;
	struct sync_key k;
	bool have_key;
	enum status st;

	memset(out, 0, sizeof *out);
	if (source == NULL) {
		out->message = xstrdup(_("No source to sync from yet: run 'kallelse sync SOURCE' once "
		    "(a folder or an http(s):// address); S then syncs from it."));
		out->error = true;
		return;
	}
	free(source);
	/* Marks go out only for a user who said who they are and has a key;
	 * the key alone tells the secretary's own publication (as kallelse sync). */
	have_key = sync_key_load(&k, false, NULL, &err) == STATUS_OK;
	free(err);
	err = NULL;
	st = sync_run(s, NULL, NULL, have_key ? &k : NULL, person && *person ? person : NULL,
	    progress, ctx, &r, &err);
	if (st != STATUS_OK) {
		/* sync_run's words say which: "the source … could not be reached: …", a refusal … */
		out->message = xasprintf(_("Sync failed, nothing changed: %s"),
		    err ? err : _(status_message(st)));
		out->error = true;
		free(err);
		return;
	}
	if (r.own) {
		out->message = xasprintf(_("Your own publication: the meetings stay as they are; "
		    "marks: %zu received, %zu sent"), r.marks_in, r.marks_out);
	} else {
		char *sum = cli_sync_summary(r.added, r.updated, r.removed);

		if (r.marks_in || r.marks_out)
			out->message = xasprintf(_("Synced: %s; marks: %zu received, %zu sent"), sum,
			    r.marks_in, r.marks_out);
		else
			out->message = xasprintf(_("Synced: %s"), sum);
		free(sum);
	}
	out->changed = r.added || r.updated || r.removed || r.marks_in;
	free(r.marks_note);
}

static char *
last(struct store *s, char **failed)
{
	char *when = setting(s, SYNC_SET_LAST), *what = setting(s, SYNC_SET_LAST_RESULT);
	char *from = setting(s, SYNC_SET_SOURCE), *fail_at = setting(s, SYNC_SET_FAILED);
	char *why = setting(s, SYNC_SET_FAILURE), *line = NULL, t[32];

	*failed = NULL;
	if (when) {
		unsigned long a = 0, u = 0, d = 0;
		char *sum;

		if (what)
			sscanf(what, "%lu %lu %lu", &a, &u, &d);
		sum = cli_sync_summary(a, u, d);
		local_time(when, t, sizeof t);
		line = xasprintf(_("Last sync %s: %s, from %s"), t, sum, from ? from : "?");
		free(sum);
	}
	if (fail_at) {
		local_time(fail_at, t, sizeof t);
		*failed = xasprintf(_("Sync failed %s: %s"), t, why ? why : "");
	}
	free(when);
	free(what);
	free(from);
	free(fail_at);
	free(why);
	return line;
}

const struct tui_sync cli_tui_sync = {
	.run = run,
	.last = last,
};
