/*
 * kallelse check [--repair]: the integrity of the whole database (every
 * page), of its search index and of the user file beside it. With
 * --repair, what can be rebuilt is rebuilt, damaged content is moved
 * aside and a damaged user file made again from what it reads and the
 * newest backup (store_repair); the output says exactly what was done.
 * Exit 1 when damage was found and not repaired.
 */
#include "config.h"

#include <stdlib.h>

#include "cli.h"
#include "i18n.h"
#include "xmalloc.h"

static int
check_only(struct cli *c)
{
	struct store *s = NULL;
	char *err = NULL;
	bool user_file = false;
	enum status st;

	/* Writable when it can be: the search index's own check is an INSERT. */
	st = store_open(c->db_path, 0, &s, &err);
	if (st == STATUS_READONLY) {
		free(err);
		err = NULL;
		st = store_open(c->db_path, STORE_READONLY, &s, &err);
	}
	if (st == STATUS_OK) {
		user_file = store_has_user_file(s);
		st = store_check_all(s, NULL);
		if (st != STATUS_OK)
			err = xstrdup(store_error(s));
		store_close(&s);
	}
	if (st == STATUS_OK) {
		char *up = store_user_path(c->db_path);

		text_printf(_("%s: the database and its search index are intact.\n"), c->db_path);
		/* Read-only with no user file yet: nothing of the user's to vouch for. */
		if (user_file)
			text_printf(_("%s: your marks, notes and reading state are intact.\n"), up);
		else
			text_printf(_("%s: not there yet (no marks, notes or reading state saved).\n"), up);
		free(up);
		return 0;
	}
	cli_error("%s", err ? err : _(status_message(st)));
	free(err);
	return 1;
}

static int
repair(struct cli *c)
{
	struct store_repair_result r;
	char *err = NULL;
	enum status st = store_repair(c->db_path, &r, &err);

	if (r.user_problem)
		text_printf(_("Found: %s\n"), r.user_problem);
	if (r.user_repaired) {
		text_printf(_("Moved the damaged file to %s (kept, not deleted).\n"), r.user_moved_to);
		text_printf(_("Made it again from what it still held:\n"));
		cli_print_user_report(&r.user, false);
		if (r.user_backup) {
			text_printf(_("and merged the newest backup, %s:\n"), r.user_backup);
			cli_print_user_report(&r.from_backup, true);
			text_printf(_("Changes made after that backup to rows that could not be read "
			    "are lost.\n"));
		} else {
			text_printf(_("No backup was found: rows that could not be read are lost.\n"));
		}
	}
	if (st != STATUS_OK) {
		cli_error("%s", err ? err : _(status_message(st)));
		free(err);
		store_repair_result_free(&r);
		return 1;
	}
	if (r.problem)
		text_printf(_("Found: %s\n"), r.problem);
	switch (r.done) {
	case STORE_REPAIR_NOTHING:
		if (!r.user_repaired)
			text_printf(_("%s: the database and its search index are intact; nothing was "
			    "changed.\n"), c->db_path);
		break;
	case STORE_REPAIR_INDEX:
		text_printf(_("Rebuilt the search index of %s from the meetings; nothing else was "
		    "changed.\n"), c->db_path);
		break;
	case STORE_REPAIR_MOVED: {
		char *up = store_user_path(c->db_path);

		text_printf(_("Moved the damaged database to %s (kept, not deleted).\n"), r.moved_to);
		text_printf(_("Made a new, empty database at %s. Your marks, notes and reading "
		    "state are in %s, which was not touched.\n"), c->db_path, up);
		if (r.user.n > 0) {
			text_printf(_("Carried over from the damaged database into it:\n"));
			cli_print_user_report(&r.user, false);
		}
		text_printf(_("The meetings are not in it: import the meeting packets again "
		    "(kallelse import FILE...) or sync (kallelse sync).\n"));
		free(up);
		break;
	}
	}
	store_repair_result_free(&r);
	return 0;
}

static int
run_check(struct cli *c, struct store *s, const struct cli_args *a)
{
	(void)s;
	return a->repair ? repair(c) : check_only(c);
}

static const struct cli_option check_options[] = {
	CLI_OPTION("repair", no_argument, OPT_REPAIR, NULL,
	    N_("rebuild the search index, or move damaged content aside keeping your own data")),
	CLI_OPTION_END,
};

const struct cli_command cmd_check_entry = {
	.name = "check",
	.args = "",
	.max_args = 0,
	.options = check_options,
	.help = N_("check the database, its search index and your own data for damage"),
	.description = N_("Check every page of the database, its search index and the file of\n"
	    "your own data beside it (NAME-user.db). With --repair, a damaged search\n"
	    "index is rebuilt from the meetings; damaged meetings are moved aside\n"
	    "(FILE.damaged-DATE) and a new, empty database is made, where you import the\n"
	    "packets again or sync; your marks, notes and reading state are not touched.\n"
	    "A damaged file of your own data is moved aside and made again from what it\n"
	    "still holds and the newest daily backup."),
	.store = CLI_STORE_NONE,
	.run = run_check,
};
