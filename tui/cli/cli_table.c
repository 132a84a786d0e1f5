/*
 * The table of commands and the global options: what --help lists, what
 * main dispatches to, what help/gen-keys writes into the man pages. A new
 * command is a cmd_NAME.c with its struct cli_command, and a row here.
 */
#include "config.h"

#include <stddef.h>

#include "cli.h"
#include "i18n.h"

const struct cli_command *const cli_commands[] = {
	&cmd_meetings_entry,
	&cmd_agenda_entry,
	&cmd_show_entry,
	&cmd_search_entry,
	&cmd_read_entry,
	&cmd_original_entry,
	&cmd_import_entry,
	&cmd_print_entry,
	&cmd_mark_entry,
	&cmd_marks_entry,
	&cmd_note_entry,
	&cmd_notes_entry,
	&cmd_check_entry,
	&cmd_backup_entry,
	&cmd_restore_entry,
	&cmd_key_entry,
	&cmd_keys_entry,
	&cmd_publish_entry,
	&cmd_sync_entry,
	NULL,
};

static const struct cli_option global_options[] = {
	CLI_OPTION("db", required_argument, OPT_DB, N_("FILE"),
	    N_("use this database (default $KALLELSE_DB, else $XDG_DATA_HOME/kallelse/kallelse.db)")),
	CLI_OPTION("demo", no_argument, OPT_DEMO, NULL,
	    N_("open a demo database with a fictitious board, rebuilt each time with its meetings dated from today")),
	CLI_OPTION("as", required_argument, OPT_AS, N_("NAME"),
	    N_("act as NAME of the meeting's membership (default: name = in $XDG_CONFIG_HOME/kallelse/config)")),
	CLI_OPTION_HELP,
	CLI_OPTION("version", no_argument, OPT_VERSION, NULL, N_("show the version and exit")),
	CLI_OPTION_END,
};

const struct cli_command cli_global = {
	.name = "kallelse",
	.args = N_("[COMMAND [ARG]...]"),
	.max_args = -1,
	.options = global_options,
	.help = N_("read meeting packets offline"),
	.description = N_("Read meeting packets (kallelse med handlingar) offline.\n"
	    "Without a command, opens the interactive program."),
};
