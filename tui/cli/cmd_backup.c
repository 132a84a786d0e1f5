/*
 * kallelse backup FILE / kallelse restore FILE: the user's own data
 * (marks, notes, reading state, settings) to a small SQLite file and back.
 * A restore merges: rows the database lacks are added, and where a row
 * keeps the time of its last change, the newer one wins (store_restore).
 */
#include "config.h"

#include "cli.h"
#include "i18n.h"

void
cli_print_user_report(const struct store_user_report *rep, bool restore)
{
	for (size_t i = 0; i < rep->n; i++) {
		const struct store_user_count *t = &rep->t[i];

		if (restore)
			text_printf(_("  %s: %zu added, %zu replaced by a newer one\n"), _(t->label),
			    t->copied, t->updated);
		else if (t->damaged)
			text_printf(_("  %s: %zu kept; some could not be read (damaged)\n"),
			    _(t->label), t->copied);
		else
			text_printf(_("  %s: %zu\n"), _(t->label), t->copied);
	}
}

static int
run_backup(struct cli *c, struct store *s, const struct cli_args *a)
{
	struct store_user_report rep;
	enum status st;

	(void)c;
	if (a->argc != 1)
		return cli_usage_error("backup", _("give the file to write the backup to"));
	if ((st = store_backup(s, a->argv[0], &rep)) != STATUS_OK)
		return cli_fail(s, st);
	text_printf(_("Wrote your own data to %s:\n"), a->argv[0]);
	cli_print_user_report(&rep, false);
	return 0;
}

static int
run_restore(struct cli *c, struct store *s, const struct cli_args *a)
{
	struct store_user_report rep;
	enum status st;

	if (a->argc != 1)
		return cli_usage_error("restore", _("give the backup file to restore from"));
	s = cli_store(c, STORE_CREATE);
	if ((st = store_restore(s, a->argv[0], &rep)) != STATUS_OK)
		return cli_fail(s, st);
	text_printf(_("Restored your own data from %s into %s:\n"), a->argv[0], store_path(s));
	cli_print_user_report(&rep, true);
	return 0;
}

static const struct cli_option no_options[] = {
	CLI_OPTION_END,
};

const struct cli_command cmd_backup_entry = {
	.name = "backup",
	.args = N_("FILE"),
	.max_args = 1,
	.options = no_options,
	.help = N_("save your marks, notes, reading state and settings to a file"),
	.description = N_("Save your own data (marks, notes, reading state, settings), every column\n"
	    "of it, to FILE, a small SQLite file. The meetings are not in it: they can\n"
	    "be imported again."),
	.store = CLI_STORE_READ,
	.run = run_backup,
};

const struct cli_command cmd_restore_entry = {
	.name = "restore",
	.args = N_("FILE"),
	.max_args = 1,
	.options = no_options,
	.help = N_("merge your own data back from a backup"),
	.description = N_("Merge your own data from FILE (made by backup, or a database a repair\n"
	    "moved aside) into the database. Nothing is deleted: what the database\n"
	    "lacks is added, and of two versions of a mark, note or reading position\n"
	    "the newer one wins."),
	.store = CLI_STORE_NONE,
	.run = run_restore,
};
