/*
 * kallelse: entry point. The global options (cli_global, parsed by
 * cli_parse.c), the database path, and the dispatch to a command of the
 * table (cli_table.c) or to the interactive program.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "demo.h"
#include "i18n.h"
#include "tui.h"
#include "xmalloc.h"

/* The default database path. Caller frees. */
static char *
default_db_path(void)
{
	const char *env = getenv("KALLELSE_DB");
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");

	if (env && *env)
		return xstrdup(env);
	if (xdg && *xdg == '/')
		return xasprintf("%s/kallelse/kallelse.db", xdg);
	if (home == NULL || *home == '\0')
		home = ".";
	return xasprintf("%s/.local/share/kallelse/kallelse.db", home);
}

int
cmd_tui(struct cli *c)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		cli_error(_("the interactive program needs a terminal; see 'kallelse --help' for commands"));
		return 1;
	}
	tui_set_sync(&cli_tui_sync);
	/* A database that cannot be written (a read-only file or folder) is
	 * still read: the TUI says so and refuses writes with a message. */
	if (c->store == NULL) {
		char *err = NULL;
		enum status st = store_open(c->db_path, 0, &c->store, &err);

		free(err);
		if (st == STATUS_READONLY)
			return tui_main(cli_store(c, STORE_READONLY), c->as);
	}
	return tui_main(cli_store(c, 0), c->as);
}

/*
 * Where the demo database lives: in the cache folder (store_open creates
 * it 0700), built afresh on each --demo, so that what was read, marked or
 * noted in the last run is gone and the dates follow today (demo.c).
 */
char *
demo_database_path(void)
{
	static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
	const char *xdg = getenv("XDG_CACHE_HOME");
	const char *home = getenv("HOME");
	char *path;
	struct store *s = NULL;
	char *err = NULL;

	if (xdg && *xdg == '/')
		path = xasprintf("%s/kallelse/demo.db", xdg);
	else
		path = xasprintf("%s/.cache/kallelse/demo.db", home && *home ? home : "/tmp");
	/* The demo's user file (demo-user.db) goes too: a demo starts unread and unmarked. */
	for (size_t k = 0; k < 2 * (sizeof suffixes / sizeof suffixes[0]); k++) {
		size_t n = sizeof suffixes / sizeof suffixes[0];
		char *f = k < n ? xasprintf("%s%s", path, suffixes[k]) :
		    xasprintf("%.*s-user.db%s", (int)strlen(path) - 3, path, suffixes[k - n]);

		if (unlink(f) != 0 && errno != ENOENT) {
			cli_error(_("cannot rebuild the demo database %s: %s"), f, strerror(errno));
			free(f);
			free(path);
			return NULL;
		}
		free(f);
	}
	if (store_open(path, STORE_CREATE, &s, &err) != STATUS_OK) {
		cli_error("%s", err ? err : path);
		free(err);
		free(path);
		return NULL;
	}
	for (int i = 0;; i++) {
		struct packet p = { 0 };
		enum status st;

		if (!demo_packet(i, &p))
			break;
		st = store_put_packet(s, &p, NULL, NULL);
		packet_free(&p);
		if (st != STATUS_OK) {
			cli_error(_("cannot build the demo database %s: %s"), path, store_error(s));
			store_close(&s);
			free(path);
			return NULL;
		}
	}
	store_close(&s);
	return path;
}

/* The heap reserved at start (address space; memory only as it is used). */
enum { KALLELSE_HEAP = 32 << 20 };

/* Run the command cmd on argv (argv[0] its name): parse, check, open the store, run. */
static int
run_command(struct cli *c, const struct cli_command *cmd, int argc, char **argv)
{
	struct cli_args a;
	int rc = cli_parse(cmd, argc, argv, &a);

	if (rc >= 0)
		return rc;
	if (cmd->check && (rc = cmd->check(&a)) != 0)
		return rc;
	return cmd->run(c, cmd->store == CLI_STORE_READ ? cli_store(c, STORE_READONLY) :
	    cmd->store == CLI_STORE_WRITE ? cli_store(c, 0) : NULL, &a);
}

int
main(int argc, char **argv)
{
	struct cli c = { .argv0 = argv[0] };
	struct cli_args g;
	int rc;

	/* First, before anything allocates: see xmalloc.c. */
	xmalloc_heap_reserve(KALLELSE_HEAP);
	i18n_init();
	if ((rc = cli_parse(&cli_global, argc, argv, &g)) >= 0)
		return rc;
	c.demo = g.demo;
	c.as = g.as;
	if (c.demo) {
		c.db_path = demo_database_path();
		if (c.db_path == NULL)
			return 1;
	} else {
		c.db_path = g.db ? xstrdup(g.db) : default_db_path();
	}

	if (g.argc == 0) {
		rc = cmd_tui(&c);
	} else {
		const struct cli_command *cmd = cli_command_find(g.argv[0]);

		if (cmd == NULL)
			rc = cli_usage_error(NULL, _("unknown command '%s'"), g.argv[0]);
		else
			rc = run_command(&c, cmd, g.argc, g.argv);
	}
	store_close(&c.store);
	free(c.db_path);
	return rc;
}
