/*
 * The command line: global options, the database path, and the commands
 * (meetings, agenda, show, search, import ...). Each command lives in a
 * tui/cli/cmd_*.c file and is listed in the table in tui/cli/main.c.
 */
#ifndef KALLELSE_CLI_H
#define KALLELSE_CLI_H

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

/*
 * Open the database (creating it with mode 0600 in a 0700 folder when
 * flags has STORE_CREATE). On failure print the message to stderr and
 * exit(1). The store stays open in c->store until main closes it.
 */
struct store *cli_store(struct cli *c, unsigned flags);

/* Print "kallelse: " + message to stderr, scrubbed. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A usage error: message, a hint to run --help, and exit status EXIT_USAGE returned. */
int cli_usage_error(const char *command, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The commands. argv[0] is the command name. Return the exit status. */
int cmd_meetings(struct cli *c, int argc, char **argv);
int cmd_agenda(struct cli *c, int argc, char **argv);
int cmd_show(struct cli *c, int argc, char **argv);
int cmd_search(struct cli *c, int argc, char **argv);
int cmd_import(struct cli *c, int argc, char **argv);

/* Build (or reuse) the demo database from tui/cli/demo.c; returns its path (caller frees) or NULL after printing why. */
char *demo_database_path(void);

/* The interactive program: checks for a terminal, opens the store, runs tui_main. */
int cmd_tui(struct cli *c);

#endif
