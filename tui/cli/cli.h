/*
 * The command line: one table of commands in the style of tmux's
 * cmd_entry. Each command (tui/cli/cmd_*.c) is a struct cli_command: its
 * name, the synopsis of its arguments, its options (with their help), its
 * help text, how it uses the store, and a handler. One parser
 * (cli_parse.c, getopt_long) reads the global options and each command's
 * options from the same kind of table; --help, the man pages
 * (help/gen-keys) and tests/test_man.sh all read the table too.
 */
#ifndef KALLELSE_CLI_H
#define KALLELSE_CLI_H

#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

#include "store.h"
#include "text.h"

struct cli {
	const char *argv0;
	char *db_path;		/* resolved path of the database; owned */
	struct store *store;	/* opened by cli_store(), closed by main */
	bool demo;		/* --demo: db_path is the demo database */
	const char *as;		/* --as NAME: who the user is for this run, or NULL */
};

/* Exit statuses: 0 ok, 1 failure (a message was printed), 2 usage error. */
enum { EXIT_USAGE = 2 };

/* What an option sets in struct cli_args (the getopt_long val). */
enum cli_opt {
	OPT_HELP = 'h',
	OPT_VERSION = 'V',
	OPT_DB = 256,
	OPT_DEMO,
	OPT_AS,
	OPT_JSON,
	OPT_LIMIT,
	OPT_MEETING,
	OPT_ITEM,
	OPT_REPAIR,
	OPT_FORMAT,
	OPT_CHECK,
	OPT_PREVIEW,
	OPT_LP,
	OPT_VARIANT,
	OPT_WIDTH,
	OPT_COMMENT,
	OPT_REMOVE,
	OPT_CSV,
	OPT_EXPECT,
	OPT_VALID_DAYS,
	OPT_RAW,
	OPT_OUTPUT = 'o',	/* last: the ones after it would count on from 'o' */
};

/*
 * One option: its getopt_long entry, the name of its argument (NULL for
 * none) and its help, both for --help and the man pages. Written with
 * CLI_OPTION so tests/test_man.sh can find every option in the source.
 */
struct cli_option {
	struct option opt;
	const char *arg;	/* N_(); shown as --name ARG */
	const char *help;	/* N_(); one line, no final full stop */
};
#define CLI_OPTION(name, has_arg, val, arg, help) { { name, has_arg, NULL, val }, arg, help }
#define CLI_OPTION_END { { NULL, 0, NULL, 0 }, NULL, NULL }

/* -h, --help: every command takes it, and the global options too. */
#define CLI_OPTION_HELP CLI_OPTION("help", no_argument, OPT_HELP, NULL, N_("show this help and exit"))
/* --json: the reading commands share it. */
#define CLI_OPTION_JSON CLI_OPTION("json", no_argument, OPT_JSON, NULL, N_("write JSON instead of text"))

/* The options as parsed, handed to a command. */
struct cli_args {
	bool json;
	size_t limit;		/* --limit; 20 unless given */
	const char *meeting;	/* --meeting (the last one given) */
	const char *meetings[64];	/* publish: every --meeting */
	int n_meetings;
	const char *expect;	/* sync --expect FINGERPRINT */
	int valid_days;		/* publish --valid-days; -1 unless given */
	const char *item;	/* --item */
	int width;		/* read --width; 0 unless given */
	bool raw;		/* read --raw */
	bool repair;		/* check --repair */
	const char *output;	/* print -o FILE, original -o FILE */
	const char *format;	/* print --format pdf|text */
	bool check;		/* print --check */
	bool preview;		/* print --preview */
	bool lp;		/* print --lp[=PRINTER] */
	const char *printer;	/* ... its PRINTER, or NULL */
	const char *variant;	/* print --variant */
	const char *comment;	/* mark --comment */
	bool remove;		/* mark --remove */
	bool csv;		/* marks --csv */
	const char *db;		/* --db (global) */
	bool demo;		/* --demo (global) */
	const char *as;		/* --as NAME (global): who the user is for this run */
	int argc;		/* the arguments left after the options */
	char **argv;
};

/* How a command uses the database: opened for it before it runs, or by itself. */
enum cli_store_use {
	CLI_STORE_NONE,		/* opens it itself (import reads its files first) */
	CLI_STORE_READ,		/* read-only; never created */
	CLI_STORE_WRITE,	/* read and write (the user's own data); never created */
};

struct cli_command {
	const char *name;
	const char *args;	/* N_(); the arguments after the options, e.g. "QUERY" */
	int max_args;		/* how many arguments at most; -1: any number */
	const struct cli_option *options;	/* ends with CLI_OPTION_END; -h/--help is added */
	const char *help;	/* N_(); one line for the list of commands */
	const char *description;	/* N_(); paragraphs for COMMAND --help and the man page */
	enum cli_store_use store;
	/* Optional: check the arguments before the store opens; 0, or the usage exit status. */
	int (*check)(const struct cli_args *a);
	/* s is the open store with CLI_STORE_READ, else NULL. Returns the exit status. */
	int (*run)(struct cli *c, struct store *s, const struct cli_args *a);
};

/* The commands, in the order --help and the man page list them; NULL-terminated. */
extern const struct cli_command *const cli_commands[];
/* The global options (kallelse [OPTION]...), with their own name "kallelse". */
extern const struct cli_command cli_global;

extern const struct cli_command cmd_meetings_entry, cmd_agenda_entry, cmd_show_entry,
    cmd_search_entry, cmd_import_entry, cmd_print_entry, cmd_read_entry, cmd_original_entry,
    cmd_mark_entry, cmd_marks_entry, cmd_note_entry, cmd_notes_entry, cmd_check_entry,
    cmd_backup_entry, cmd_restore_entry, cmd_key_entry, cmd_keys_entry, cmd_publish_entry,
    cmd_sync_entry;

/*
 * Parse argv (argv[0] is the command's name) by cmd's options into *a.
 * The global options stop at the first argument (the command); a
 * command's options may come before or after its arguments, and "--"
 * ends them. Returns -1 to go on, or the exit status to end with: 0
 * after printing --help, EXIT_USAGE after a usage message naming cmd.
 */
int cli_parse(const struct cli_command *cmd, int argc, char **argv, struct cli_args *a);

/* The help of one command, or with &cli_global the whole program's: every command, every option. */
void cli_print_help(FILE *f, const struct cli_command *cmd);
/* The command called name, or NULL. */
const struct cli_command *cli_command_find(const char *name);

/*
 * Open the database (creating it with mode 0600 in a 0700 folder when
 * flags has STORE_CREATE). On failure print the message to stderr and
 * exit(1). The store stays open in c->store until main closes it.
 */
struct store *cli_store(struct cli *c, unsigned flags);

/* Print "kallelse: " + message to stderr, scrubbed. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A usage error: message, a hint to run COMMAND --help, and exit status EXIT_USAGE returned. */
int cli_usage_error(const char *command, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* What a backup, restore or repair carried, one line per user table, to stdout. */
void cli_print_user_report(const struct store_user_report *rep, bool restore);
/* Print the store's error (or st's message) and return exit status 1. */
int cli_fail(struct store *s, enum status st);

/* Output for people (cli_out.c). NULL prints as "". */
static inline const char *
cli_str(const char *s)
{
	return s ? s : "";
}
/* s, scrubbed, padded or cut to width columns. */
void cli_put_padded(const char *s, int width);
/* "13.00–13.05", "13.00" or "". Caller frees. */
char *cli_time_slot(const char *a, const char *b);
/* The meeting's body, then its date, time and place. */
void cli_print_meeting_head(const struct store_meeting *m);

/*
 * The documents MEETING/ITEM[/N] names (cmd_read.c): the item's documents
 * in order, or its N-th (1-based, as `show MEETING/ITEM` lists them); a
 * document id is taken as it is. Prints why and returns 1 when there are
 * none, else 0 with *docs (free with store_docs_free).
 */
int cli_docs_resolve(struct store *s, const char *spec, struct store_doc **docs, size_t *n);
/* Who the user is (--as, else the config's name): *name, caller frees; or a message and 1. */
int cli_identity(const struct cli *c, char **name);
/*
 * The agenda item spec names ("MEETING/ITEM"; with rest non-NULL also
 * "MEETING/ITEM/DOC", *rest then the DOC part or NULL): *mid and *it,
 * the caller frees both. Returns 0, or the exit status after a message.
 */
int cli_item_resolve(struct store *s, const char *command, const char *spec, char **mid,
    struct agenda_item *it, char **rest);

/* Build (or reuse) the demo database from tui/cli/demo.c; returns its path (caller frees) or NULL after printing why. */
char *demo_database_path(void);

/* sync_hook.c: "2 new meetings, 1 updated, 0 removed" (caller frees). */
char *cli_sync_summary(size_t added, size_t updated, size_t removed);
struct tui_sync;
/* What S and the meetings view's last-sync line use (tui_set_sync). */
extern const struct tui_sync cli_tui_sync;

/* The interactive program: checks for a terminal, opens the store, runs tui_main. */
int cmd_tui(struct cli *c);

#endif
