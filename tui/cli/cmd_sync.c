/*
 * kallelse sync [SOURCE] [--expect FINGERPRINT]: bring the meetings in
 * from the secretariat's publication (a folder or an http(s):// URL,
 * remembered after the first time), and exchange the presidium's marks.
 */
#include "config.h"

#include <stdlib.h>
#include <unistd.h>

#include "cli.h"
#include "i18n.h"
#include "identity.h"
#include "sync.h"

static void
progress(void *ctx, size_t done, size_t total, size_t bytes)
{
	(void)ctx;
	if (total == 0)
		return;
	/* One line, rewritten in place; only for a person watching. */
	fputc('\r', stderr);
	fprintf(stderr, _("Meetings %zu/%zu, %.1f MB"), done, total, (double)bytes / 1e6);
	if (done == total)
		fputc('\n', stderr);
	fflush(stderr);
}

static int
run_sync(struct cli *c, struct store *s, const struct cli_args *a)
{
	struct identity id = { 0 };
	struct sync_result r;
	struct sync_key k;
	char *err = NULL;
	bool have_key;
	enum status st;

	/* Marks go out only for a user who said who they are and has a key;
	 * the key alone tells the secretary's own publication. */
	if (identity_load(c->as, &id, &err) != STATUS_OK) {
		cli_error("%s", err);
		free(err);
		err = NULL;
	}
	have_key = sync_key_load(&k, false, NULL, &err) == STATUS_OK;
	free(err);
	err = NULL;
	s = cli_store(c, STORE_CREATE);
	st = sync_run(s, a->argc ? a->argv[0] : NULL, a->expect, have_key ? &k : NULL,
	    id.name && *id.name ? id.name : NULL, isatty(2) ? progress : NULL, NULL, &r, &err);
	identity_free(&id);
	if (st != STATUS_OK) {
		cli_error("%s", err ? err : _(status_message(st)));
		free(err);
		return 1;
	}
	if (r.own)
		text_printf(_("Your own publication (serial %lld): this database is where its meetings "
		    "come from, and they were left as they are.\n"), r.serial);
	else if (r.first)
		text_printf(_("First sync: the publisher's key has fingerprint %s; this laptop now "
		    "trusts only that key. Check it with the secretariat.\n"), r.fingerprint);
	if (r.own)
		;
	else if (r.unchanged)
		text_printf(_("Up to date (serial %lld), %zu bytes read.\n"), r.serial, r.bytes);
	else
		text_printf(_("Serial %lld: meetings fetched %zu, %zu bytes read.\n"), r.serial,
		    r.bundles, r.bytes);
	if (!r.own) {
		char *sum = cli_sync_summary(r.added, r.updated, r.removed);

		text_printf("%s\n", sum);
		free(sum);
	}
	if (r.marks_in || r.marks_out)
		text_printf(_("Marks: %zu received, %zu sent.\n"), r.marks_in, r.marks_out);
	if (r.marks_note) {
		cli_error("%s", r.marks_note);
		free(r.marks_note);
	}
	return 0;
}

static const struct cli_option sync_options[] = {
	CLI_OPTION("expect", required_argument, OPT_EXPECT, N_("FINGERPRINT"),
	    N_("refuse the publication unless its key has this fingerprint")),
	CLI_OPTION_END,
};

const struct cli_command cmd_sync_entry = {
	.name = "sync",
	.args = N_("[SOURCE]"),
	.max_args = 1,
	.options = sync_options,
	.help = N_("bring in the meetings the secretariat published"),
	.description = N_("Reads the publication at SOURCE, a folder (a share, a USB stick) or an "
	    "http:// or https:// address, remembered after the first sync. The first "
	    "sync shows the publisher's key fingerprint and from then on trusts only "
	    "that key; a publication signed by another key, older than the last one "
	    "seen, past its valid-until date or damaged is refused and nothing changes. "
	    "Only changed meetings are fetched; marks, notes and reading state stay. "
	    "A presidium member's marks are sent and the others' received."),
	.store = CLI_STORE_NONE,
	.run = run_sync,
};
