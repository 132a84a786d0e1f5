/*
 * The one option parser: getopt_long over a command's table (cli.h), for
 * the global options and every command alike; and the help printed from
 * the same table, so --help cannot miss an option.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "i18n.h"
#include "xmalloc.h"

/* The default of --limit: a screenful of hits. */
enum { CLI_DEFAULT_LIMIT = 20 };

/* The column the option help starts at in --help, and the width it wraps to. */
enum { HELP_COLUMN = 22, HELP_WIDTH = 79 };

static const struct cli_option help_only[] = { CLI_OPTION_HELP, CLI_OPTION_END };

static size_t
count_options(const struct cli_option *o)
{
	size_t n = 0;

	while (o && o[n].opt.name)
		n++;
	return n;
}

/* The getopt_long table of cmd: its options, then --help unless it has one. Caller frees. */
static struct option *
long_options(const struct cli_command *cmd, char *shorts, size_t shorts_size)
{
	size_t n = count_options(cmd->options), k = 0, s = 0;
	struct option *lo = xcalloc(n + 2, sizeof *lo);
	bool has_help = false;

	/*
	 * The global options stop at the first argument, the command, so
	 * that its options stay its own ("+"); ":" reports a missing
	 * argument apart from an unknown option.
	 */
	if (cmd == &cli_global)
		shorts[s++] = '+';
	shorts[s++] = ':';
	for (size_t i = 0; i < n; i++) {
		lo[k++] = cmd->options[i].opt;
		if (cmd->options[i].opt.val == OPT_HELP)
			has_help = true;
	}
	if (!has_help)
		lo[k++] = help_only[0].opt;
	for (size_t i = 0; i < k; i++)
		if (lo[i].val < 256 && s + 3 < shorts_size) {
			shorts[s++] = (char)lo[i].val;
			if (lo[i].has_arg != no_argument)
				shorts[s++] = ':';
			if (lo[i].has_arg == optional_argument)
				shorts[s++] = ':';
		}
	shorts[s] = '\0';
	return lo;
}

/* The name cmd goes by in messages: NULL for the global options. */
static const char *
who(const struct cli_command *cmd)
{
	return cmd == &cli_global ? NULL : cmd->name;
}

static bool
parse_count(const char *v, size_t *out)
{
	char *end;
	long n;

	if (v == NULL || *v < '0' || *v > '9')
		return false;
	n = strtol(v, &end, 10);
	if (*end != '\0' || n < 0)
		return false;
	*out = (size_t)n;
	return true;
}

int
cli_parse(const struct cli_command *cmd, int argc, char **argv, struct cli_args *a)
{
	char shorts[32];
	struct option *lo = long_options(cmd, shorts, sizeof shorts);
	int ch, rc = -1;

	memset(a, 0, sizeof *a);
	a->limit = CLI_DEFAULT_LIMIT;
	a->valid_days = -1;
	opterr = 0;
	optind = 0;		/* glibc: start afresh, on a new argv */
	while (rc < 0 && (ch = getopt_long(argc, argv, shorts, lo, NULL)) != -1) {
		const char *bad = argv[optind - 1];

		switch (ch) {
		case OPT_HELP:
			cli_print_help(stdout, cmd);
			rc = 0;
			break;
		case OPT_VERSION:
			text_printf("kallelse %s\n", PACKAGE_VERSION);
			rc = 0;
			break;
		case OPT_DB:
			a->db = optarg;
			break;
		case OPT_DEMO:
			a->demo = true;
			break;
		case OPT_AS:
			a->as = optarg;
			break;
		case OPT_JSON:
			a->json = true;
			break;
		case OPT_LIMIT:
			if (!parse_count(optarg, &a->limit))
				rc = cli_usage_error(who(cmd), _("--limit needs a number (0 for all)"));
			break;
		case OPT_MEETING:
			a->meeting = optarg;
			if (a->n_meetings < (int)(sizeof a->meetings / sizeof a->meetings[0]))
				a->meetings[a->n_meetings++] = optarg;
			else
				rc = cli_usage_error(who(cmd), _("too many --meeting options"));
			break;
		case OPT_EXPECT:
			a->expect = optarg;
			break;
		case OPT_VALID_DAYS: {
			size_t d;

			if (!parse_count(optarg, &d) || d > 3650)
				rc = cli_usage_error(who(cmd), _("--valid-days needs a number of days (0 to 3650)"));
			else
				a->valid_days = (int)d;
			break;
		}
		case OPT_ITEM:
			a->item = optarg;
			break;
		case OPT_WIDTH: {
			size_t w;
			if (!parse_count(optarg, &w) || w < 20 || w > 1000)
				rc = cli_usage_error(who(cmd), _("--width needs a number of columns from 20 to 1000"));
			else
				a->width = (int)w;
			break;
		}
		case OPT_RAW:
			a->raw = true;
			break;
		case OPT_REPAIR:
			a->repair = true;
			break;
		case OPT_OUTPUT:
			a->output = optarg;
			break;
		case OPT_FORMAT:
			a->format = optarg;
			break;
		case OPT_CHECK:
			a->check = true;
			break;
		case OPT_PREVIEW:
			a->preview = true;
			break;
		case OPT_LP:
			a->lp = true;
			a->printer = optarg;
			break;
		case OPT_VARIANT:
			a->variant = optarg;
			break;
		case OPT_COMMENT:
			a->comment = optarg;
			break;
		case OPT_REMOVE:
			a->remove = true;
			break;
		case OPT_CSV:
			a->csv = true;
			break;
		case ':':
			rc = cli_usage_error(who(cmd), _("option '%s' needs an argument"), bad);
			break;
		default:
			/* '?': argv[optind - 1] is the word getopt stopped at. */
			if (optopt >= 256)
				rc = cli_usage_error(who(cmd), _("option '%s' takes no argument"), bad);
			else if (optopt && bad[0] == '-' && bad[1] != '-')
				rc = cli_usage_error(who(cmd), _("unknown option '-%c'"), optopt);
			else
				rc = cli_usage_error(who(cmd), _("unknown option '%s'"), bad);
			break;
		}
	}
	if (rc < 0) {
		a->argc = argc - optind;
		a->argv = argv + optind;
		if (cmd != &cli_global && cmd->max_args >= 0 && a->argc > cmd->max_args)
			rc = cli_usage_error(cmd->name, _("unexpected argument '%s'"),
			    a->argv[cmd->max_args]);
	}
	free(lo);
	return rc;
}

const struct cli_command *
cli_command_find(const char *name)
{
	for (size_t k = 0; cli_commands[k]; k++)
		if (strcmp(name, cli_commands[k]->name) == 0)
			return cli_commands[k];
	return NULL;
}

/*
 * "  -h, --help" or "      --limit N", indented by indent more, then the
 * help at HELP_COLUMN (or on the next line when the option is wider),
 * wrapped to HELP_WIDTH.
 */
static void
print_option(FILE *f, const struct cli_option *o, int indent)
{
	const char *help = _(o->help);
	struct text_line *lines = NULL;
	size_t n;
	char *head;
	int w, col = HELP_COLUMN + indent;

	if (o->opt.val < 256)
		head = xasprintf("%*s-%c, --%s%s%s", indent + 2, "", o->opt.val, o->opt.name,
		    o->arg ? " " : "", o->arg ? _(o->arg) : "");
	else
		head = xasprintf("%*s--%s%s%s", indent + 6, "", o->opt.name, o->arg ? " " : "",
		    o->arg ? _(o->arg) : "");
	w = text_width(head, strlen(head));
	text_fprintf(f, "%s", head);
	if (w + 2 > col)
		text_fprintf(f, "\n%*s", col, "");
	else
		text_fprintf(f, "%*s", col - w, "");
	n = text_wrap(help, strlen(help), HELP_WIDTH - col, &lines);
	for (size_t k = 0; k < n; k++)
		text_fprintf(f, "%*s%.*s\n", k ? col : 0, "", (int)lines[k].len, help + lines[k].off);
	free(lines);
	free(head);
}

/* Every option of cmd, --help last when the table leaves it out. */
static void
print_options(FILE *f, const struct cli_command *cmd, int indent)
{
	bool has_help = false;

	for (const struct cli_option *o = cmd->options; o && o->opt.name; o++) {
		print_option(f, o, indent);
		if (o->opt.val == OPT_HELP)
			has_help = true;
	}
	if (!has_help)
		print_option(f, &help_only[0], indent);
}

/* "search [OPTION]... QUERY", or the program's own. */
static void
print_synopsis(FILE *f, const struct cli_command *cmd)
{
	const char *args = *cmd->args ? _(cmd->args) : "";

	if (cmd == &cli_global)
		text_fprintf(f, _("kallelse [OPTION]... %s\n"), args);
	else
		text_fprintf(f, _("%s [OPTION]...%s%s\n"), cmd->name, *args ? " " : "", args);
}

void
cli_print_help(FILE *f, const struct cli_command *cmd)
{
	text_fprintf(f, "%s%s", _("Usage: "), cmd == &cli_global ? "" : "kallelse ");
	print_synopsis(f, cmd);
	text_fprintf(f, "%s\n\n", _(cmd->description));
	text_fprintf(f, "%s\n", _("Options:"));
	print_options(f, cmd, 0);
	if (cmd != &cli_global)
		return;
	text_fprintf(f, "\n%s\n", _("Commands:"));
	for (size_t k = 0; cli_commands[k]; k++) {
		text_fprintf(f, "%s", k ? "\n  " : "  ");
		print_synopsis(f, cli_commands[k]);
		text_fprintf(f, "    %s\n", _(cli_commands[k]->help));
		print_options(f, cli_commands[k], 2);
	}
	text_fprintf(f, _("\nMEETING is an id, or a date (YYYY-MM-DD) when unique; by default the next\n"
	    "upcoming meeting, else the latest. 'kallelse COMMAND --help' shows a command's\n"
	    "help; see kallelse(1).\n"));
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
	if (command)
		text_fprintf(stderr, _("\nTry 'kallelse %s --help' for more information.\n"), command);
	else
		text_fprintf(stderr, _("\nTry 'kallelse --help' for more information.\n"));
	return EXIT_USAGE;
}

int
cli_fail(struct store *s, enum status st)
{
	const char *e = store_error(s);

	cli_error("%s", *e ? e : _(status_message(st)));
	return 1;
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
