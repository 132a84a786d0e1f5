/*
 * kallelse: entry point. Global options, the database path, and the
 * dispatch to a command or to the interactive program.
 */
#include "config.h"

#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "demo.h"
#include "i18n.h"
#include "tui.h"
#include "xmalloc.h"

struct command {
	const char *name;
	const char *args;	/* shown in --help */
	const char *help;
	int (*run)(struct cli *c, int argc, char **argv);
};

static const struct command commands[] = {
	{ "meetings", "[--json]", N_("list the meetings, upcoming first"), cmd_meetings },
	{ "agenda", "[MEETING] [--json]", N_("print the agenda of a meeting"), cmd_agenda },
	{ "show", "MEETING[/ITEM] [--json]", N_("show a meeting with its people, or one agenda item"), cmd_show },
	{ "search", "QUERY [--json]", N_("search titles, proposals and documents"), cmd_search },
	{ "import", "FILE... [--meeting MEETING --item N]", N_("import meeting packets, or attach a file to an item"), cmd_import },
};

static void
print_help(FILE *f)
{
	text_fprintf(f, _("Usage: kallelse [OPTION]... [COMMAND [ARG]...]\n"
	    "Read meeting packets (kallelse med handlingar) offline.\n"
	    "Without a command, opens the interactive program.\n\n"));
	text_fprintf(f, _("Options:\n"
	    "  --db FILE    use this database (default $KALLELSE_DB, else\n"
	    "               $XDG_DATA_HOME/kallelse/kallelse.db)\n"
	    "  --demo       open a demo database with a fictitious board\n"
	    "  --as NAME    act as NAME of the meeting's membership (default: name =\n"
	    "               in $XDG_CONFIG_HOME/kallelse/config)\n"
	    "  -h, --help   show this help and exit\n"
	    "  -V, --version  show the version and exit\n\n"));
	text_fprintf(f, _("Commands:\n"));
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		text_fprintf(f, "  %-9s %-38s %s\n", commands[i].name, commands[i].args,
		    _(commands[i].help));
	text_fprintf(f, _("\nMEETING is an id, or a date (YYYY-MM-DD) when unique; by default the next\n"
	    "upcoming meeting, else the latest. See kallelse(1).\n"));
}

void
cli_error(const char *fmt, ...)
{
	va_list ap;

	fputs("kallelse: ", stderr);
	va_start(ap, fmt);
	text_vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int
cli_usage_error(const char *command, const char *fmt, ...)
{
	va_list ap;

	fputs("kallelse: ", stderr);
	if (command)
		text_fprintf(stderr, "%s: ", command);
	va_start(ap, fmt);
	text_vfprintf(stderr, fmt, ap);
	va_end(ap);
	text_fprintf(stderr, _("\nTry 'kallelse --help' for more information.\n"));
	return EXIT_USAGE;
}

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

struct store *
cli_store(struct cli *c, unsigned flags)
{
	char *err = NULL;
	enum status st;

	if (c->store)
		return c->store;
	st = store_open(c->db_path, flags, &c->store, &err);
	if (st != STATUS_OK) {
		cli_error("%s", err ? err : _(status_message(st)));
		free(err);
		exit(1);
	}
	return c->store;
}

int
cmd_tui(struct cli *c)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		cli_error(_("the interactive program needs a terminal; see 'kallelse --help' for commands"));
		return 1;
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
	for (size_t k = 0; k < sizeof suffixes / sizeof suffixes[0]; k++) {
		char *f = xasprintf("%s%s", path, suffixes[k]);

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

/*
 * The catalogue folder when kallelse runs from its build folder: the
 * build puts the Swedish catalogue in po/locale beside the executable
 * (po/local.mk), and the README's first command runs ./kallelse from
 * there, before anything is installed. NULL for an installed program, or
 * where /proc is missing. Caller frees.
 */
static char *
build_tree_localedir(void)
{
	char exe[4096], *slash, *dir, *mo;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);

	if (n <= 0 || (size_t)n >= sizeof exe - 1)
		return NULL;
	exe[n] = '\0';
	if ((slash = strrchr(exe, '/')) == NULL)
		return NULL;
	*slash = '\0';
	dir = xasprintf("%s/po/locale", exe);
	mo = xasprintf("%s/sv/LC_MESSAGES/%s.mo", dir, PACKAGE);
	if (access(mo, R_OK) != 0) {
		free(dir);
		dir = NULL;
	}
	free(mo);
	return dir;
}

static void
setup_locale(void)
{
	const char *dir = getenv("KALLELSE_LOCALEDIR");
	char *beside = NULL;

	setlocale(LC_ALL, "");
	/*
	 * Without LANG (over ssh, from cron, in a minimal container) the
	 * locale is C, in which curses draws nothing but ASCII: every å ä ö of
	 * the packets would come out as garbage and columns would slip. Text
	 * here is Swedish, so characters are then taken as UTF-8, what
	 * terminals speak; messages stay in the user's language (English in C).
	 * A locale with a charset of its own (ISO 8859-1, say) is left alone:
	 * curses converts to it.
	 */
	if (strcmp(nl_langinfo(CODESET), "ANSI_X3.4-1968") == 0) {
		static const char *const utf8[] = { "C.UTF-8", "C.utf8", "en_US.UTF-8", "sv_SE.UTF-8" };

		for (size_t k = 0; k < sizeof utf8 / sizeof utf8[0]; k++)
			if (setlocale(LC_CTYPE, utf8[k]) != NULL)
				break;
	}
#ifdef HAVE_LIBINTL_H
	/* $KALLELSE_LOCALEDIR (the tests), else the build folder's, else the installed one. */
	if (dir == NULL || *dir == '\0')
		dir = beside = build_tree_localedir();
	bindtextdomain(PACKAGE, dir ? dir : LOCALEDIR);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
	free(beside);
#else
	(void)dir;
	(void)beside;
#endif
}

int
main(int argc, char **argv)
{
	struct cli c = { .argv0 = argv[0] };
	const char *db = NULL;
	int i, rc;

	/* First, before anything allocates: see xmalloc.c. */
	xmalloc_heap_reserve(KALLELSE_HEAP);
	setup_locale();
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			print_help(stdout);
			return 0;
		} else if (strcmp(a, "-V") == 0 || strcmp(a, "--version") == 0) {
			text_printf("kallelse %s\n", PACKAGE_VERSION);
			return 0;
		} else if (strcmp(a, "--db") == 0) {
			if (++i >= argc)
				return cli_usage_error(NULL, _("--db needs a FILE"));
			db = argv[i];
		} else if (strncmp(a, "--db=", 5) == 0) {
			db = a + 5;
		} else if (strcmp(a, "--demo") == 0) {
			c.demo = true;
		} else if (strcmp(a, "--as") == 0) {
			if (++i >= argc)
				return cli_usage_error(NULL, _("--as needs a NAME"));
			c.as = argv[i];
		} else if (strncmp(a, "--as=", 5) == 0) {
			c.as = a + 5;
		} else if (strcmp(a, "--") == 0) {
			i++;
			break;
		} else if (a[0] == '-') {
			return cli_usage_error(NULL, _("unknown option '%s'"), a);
		} else {
			break;
		}
	}

	if (c.demo) {
		c.db_path = demo_database_path();
		if (c.db_path == NULL)
			return 1;
	} else {
		c.db_path = db ? xstrdup(db) : default_db_path();
	}

	if (i >= argc) {
		rc = cmd_tui(&c);
	} else {
		const struct command *cmd = NULL;

		for (size_t k = 0; k < sizeof commands / sizeof commands[0]; k++)
			if (strcmp(argv[i], commands[k].name) == 0)
				cmd = &commands[k];
		if (cmd == NULL) {
			rc = cli_usage_error(NULL, _("unknown command '%s'"), argv[i]);
		} else {
			/* A command's own --help. */
			for (int k = i + 1; k < argc; k++)
				if (strcmp(argv[k], "--help") == 0 || strcmp(argv[k], "-h") == 0) {
					text_printf(_("Usage: kallelse %s %s\n%s.\n"), cmd->name, cmd->args,
					    _(cmd->help));
					free(c.db_path);
					return 0;
				}
			rc = cmd->run(&c, argc - i, argv + i);
		}
	}
	store_close(&c.store);
	free(c.db_path);
	return rc;
}
