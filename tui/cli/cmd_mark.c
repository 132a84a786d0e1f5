/*
 * kallelse mark MEETING/ITEM [--comment TEXT] [--remove]: mark an agenda
 * item for discussion (or unmark it) as the user, who must be of the
 * meeting's presidium; the store says who may when it refuses.
 */
#include "config.h"

#include <stdlib.h>

#include "cli.h"
#include "i18n.h"

static int
check_mark(const struct cli_args *a)
{
	if (a->argc < 1)
		return cli_usage_error("mark", _("which item? Write MEETING/ITEM, e.g. 2024-12-10/15"));
	if (a->remove && a->comment)
		return cli_usage_error("mark", _("--remove takes no --comment"));
	return 0;
}

static int
run_mark(struct cli *c, struct store *s, const struct cli_args *a)
{
	struct agenda_item it = { 0 };
	char *mid = NULL, *name = NULL;
	enum status st;
	int rc;

	if ((rc = cli_identity(c, &name)) != 0)
		return rc;
	if ((rc = cli_item_resolve(s, "mark", a->argv[0], &mid, &it, NULL)) != 0) {
		free(name);
		return rc;
	}
	if (a->remove)
		st = store_mark_remove(s, it.id, name);
	else
		st = store_mark_set(s, it.id, name, a->comment);
	if (st == STATUS_NOT_FOUND && a->remove) {
		cli_error(_("item %s of %s has no mark by %s to remove; 'kallelse marks' lists them"),
		    cli_str(it.number), mid, name);
		rc = 1;
	} else if (st != STATUS_OK) {
		rc = cli_fail(s, st);
	}
	if (st == STATUS_OK && a->remove)
		text_printf(_("Item %s of %s is no longer marked by %s.\n"), cli_str(it.number), mid, name);
	else if (st == STATUS_OK)
		text_printf(_("Item %s of %s is marked for discussion by %s.\n"), cli_str(it.number),
		    mid, name);
	agenda_item_free(&it);
	free(mid);
	free(name);
	return rc;
}

static const struct cli_option mark_options[] = {
	CLI_OPTION("comment", required_argument, OPT_COMMENT, N_("TEXT"),
	    N_("a short comment with the mark (\"\" clears it)")),
	CLI_OPTION("remove", no_argument, OPT_REMOVE, NULL, N_("remove your mark instead")),
	CLI_OPTION_END,
};

const struct cli_command cmd_mark_entry = {
	.name = "mark",
	.args = N_("MEETING/ITEM"),
	.max_args = 1,
	.options = mark_options,
	.help = N_("mark an agenda item for discussion (the presidium)"),
	.description = N_("Mark an agenda item for discussion as you (--as NAME, else name = in the\n"
	    "config file), with an optional comment, or remove your mark. Only the\n"
	    "presidium of the meeting (ordförande, vice ordförande) may mark items."),
	.store = CLI_STORE_WRITE,
	.check = check_mark,
	.run = run_mark,
};
