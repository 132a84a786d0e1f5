/*
 * kallelse publish DIR [--meeting MEETING]... [--valid-days N]: the
 * secretary writes the publication every laptop syncs from (store/sync).
 */
#include "config.h"

#include <stdlib.h>

#include "cli.h"
#include "i18n.h"
#include "sync.h"

static int
check_publish(const struct cli_args *a)
{
	if (a->argc != 1)
		return cli_usage_error("publish", _("give the folder to publish to"));
	return 0;
}

static int
run_publish(struct cli *c, struct store *s, const struct cli_args *a)
{
	struct sync_publish_result r;
	struct sync_key k;
	char *ids[64], *err = NULL, fp[20];
	int n = 0, rc = 0;
	enum status st;

	if (sync_key_load(&k, true, NULL, &err) != STATUS_OK) {
		cli_error("%s", err);
		free(err);
		return 1;
	}
	s = cli_store(c, 0);
	for (int i = 0; i < a->n_meetings; i++) {
		if ((st = store_meeting_resolve(s, a->meetings[i], &ids[n])) != STATUS_OK) {
			cli_error(_("no meeting %s in %s; 'kallelse meetings' lists them"),
			    a->meetings[i], c->db_path);
			rc = 1;
			goto out;
		}
		n++;
	}
	st = sync_publish(s, &k, a->argv[0], ids, (size_t)n,
	    a->valid_days >= 0 ? a->valid_days : 30, &r, &err);
	if (st != STATUS_OK) {
		cli_error(_("not published: %s"), err ? err : _(status_message(st)));
		rc = 1;
		goto out;
	}
	sync_fingerprint(k.pk, fp);
	/* Counts after a colon: no plural forms to get wrong ("1 meetings"). */
	text_printf(_("Published to %s, serial %lld: meetings %zu, bundles written %zu, removed %zu, "
	    "%zu bytes. Publisher fingerprint %s.\n"), a->argv[0], r.serial, r.meetings, r.written,
	    r.removed, r.bytes, fp);
out:
	for (int i = 0; i < n; i++)
		free(ids[i]);
	free(err);
	return rc;
}

static const struct cli_option publish_options[] = {
	CLI_OPTION("meeting", required_argument, OPT_MEETING, N_("MEETING"),
	    N_("publish only this meeting (again for more); the others stay as published")),
	CLI_OPTION("valid-days", required_argument, OPT_VALID_DAYS, N_("N"),
	    N_("laptops accept the publication for N days (default 30)")),
	CLI_OPTION_END,
};

const struct cli_command cmd_publish_entry = {
	.name = "publish",
	.args = N_("DIR"),
	.max_args = 1,
	.options = publish_options,
	.help = N_("publish the meetings for the laptops to sync (the secretary)"),
	.description = N_("Writes one bundle per meeting (its whole content, named by its sha256) "
	    "and a manifest signed with your key into DIR: a folder a web server serves "
	    "or a shared folder. Every file is written under a temporary name and "
	    "renamed, the manifest last, so a laptop never reads half a publication. "
	    "Meetings no longer in the database are listed as removed. Each publish "
	    "has a higher serial; laptops refuse an older one."),
	.store = CLI_STORE_NONE,
	.check = check_publish,
	.run = run_publish,
};
