/*
 * kallelse check [--repair]: the integrity of the whole database (every
 * page) and of its search index. With --repair, what can be rebuilt is
 * rebuilt and damaged content is moved aside while the user's own data
 * is carried into a new database (store_repair); the output says exactly
 * what was done. Exit 1 when damage was found and not repaired.
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
	enum status st;

	/* Writable when it can be: the search index's own check is an INSERT. */
	st = store_open(c->db_path, 0, &s, &err);
	if (st == STATUS_READONLY) {
		free(err);
		err = NULL;
		st = store_open(c->db_path, STORE_READONLY, &s, &err);
	}
	if (st == STATUS_OK) {
		st = store_check_all(s, NULL);
		if (st != STATUS_OK)
			err = xstrdup(store_error(s));
		store_close(&s);
	}
	if (st == STATUS_OK) {
		text_printf(_("%s: the database and its search index are intact.\n"), c->db_path);
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

	if (st != STATUS_OK) {
		cli_error("%s", err ? err : _(status_message(st)));
		free(err);
		free(r.problem);
		free(r.moved_to);
		return 1;
	}
	if (r.problem)
		text_printf(_("Found: %s\n"), r.problem);
	switch (r.done) {
	case STORE_REPAIR_NOTHING:
		text_printf(_("%s: the database and its search index are intact; nothing was "
		    "changed.\n"), c->db_path);
		break;
	case STORE_REPAIR_INDEX:
		text_printf(_("Rebuilt the search index of %s from the meetings; nothing else was "
		    "changed.\n"), c->db_path);
		break;
	case STORE_REPAIR_MOVED:
		text_printf(_("Moved the damaged database to %s (kept, not deleted).\n"), r.moved_to);
		text_printf(_("Made a new database at %s with your own data:\n"), c->db_path);
		cli_print_user_report(&r.user, false);
		text_printf(_("The meetings are not in it: import the meeting packets again "
		    "(kallelse import FILE...).\n"));
		break;
	}
	free(r.problem);
	free(r.moved_to);
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
	.help = N_("check the database and its search index for damage"),
	.description = N_("Check every page of the database and its search index. With --repair,\n"
	    "a damaged search index is rebuilt from the meetings; damaged meetings are\n"
	    "moved aside (FILE.damaged-DATE) after your marks, notes, reading state and\n"
	    "settings are copied into a new database, where you import the packets again."),
	.store = CLI_STORE_NONE,
	.run = run_check,
};
