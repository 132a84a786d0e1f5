/*
 * gen-keys: write the man page with its key list generated from the
 * action table and the compiled-in default keys (tui/actions.h,
 * tui/keys.c), and its options and commands from the command table
 * (tui/cli/cli.h), so the page cannot drift from the program. Copies the
 * template to stdout, replacing a line "@KEYS@" with the key list,
 * "@OPTIONS@" with the global options, "@COMMANDS@" with every command
 * and its options, and "@VERSION@" anywhere with the version.
 *
 *	gen-keys [-l sv] TEMPLATE > PAGE
 *
 * With -l sv the headings are Swedish, and the texts of the actions,
 * options and commands come from the message catalogue when the
 * environment selects Swedish (the build runs it with LANGUAGE=sv and
 * KALLELSE_LOCALEDIR pointing at po/locale); the set-up is the program's
 * own (i18n_init). Without -l the texts stay English.
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "i18n.h"
#include "keys.h"
#include "xmalloc.h"

/* Escape text for roff: backslashes, and a leading dot or quote. */
static void
roff(FILE *out, const char *s)
{
	if (*s == '.' || *s == '\'')
		fputs("\\&", out);
	for (; *s; s++) {
		if (*s == '\\')
			fputs("\\e", out);
		else if (*s == '-')
			fputs("\\-", out);
		else
			fputc(*s, out);
	}
}

/* Text of several lines, each escaped; a blank line starts a paragraph. */
static void
roff_lines(FILE *out, const char *s)
{
	while (*s) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);
		char *line = xstrndup(s, len);

		if (*line == '\0')
			fputs(".PP", out);
		else
			roff(out, line);
		fputc('\n', out);
		free(line);
		s += len + (nl != NULL);
	}
}

/* A synopsis: words of capitals (the arguments) in italics, brackets and dots in roman. */
static void
roff_synopsis(FILE *out, const char *s)
{
	bool italic = false;

	for (; *s; s++) {
		bool word = strchr("[]/. ", *s) == NULL;

		if (word != italic)
			fputs(word ? "\\fI" : "\\fR", out);
		italic = word;
		if (*s == '-')
			fputs("\\-", out);
		else
			fputc(*s, out);
	}
	if (italic)
		fputs("\\fR", out);
}

/* One option as a tagged paragraph: "-h, --help" or "--limit N", then its help. */
static void
option_item(FILE *out, const struct cli_option *o)
{
	fputs(".TP\n", out);
	if (o->opt.val < 256)
		fprintf(out, "\\fB\\-%c\\fR, ", o->opt.val);
	fputs("\\fB\\-\\-", out);
	roff(out, o->opt.name);
	fputs("\\fR", out);
	if (o->arg) {
		fputs(" \\fI", out);
		roff(out, _(o->arg));
		fputs("\\fR", out);
	}
	fputs("\n", out);
	roff(out, _(o->help));
	fputs("\n", out);
}

static void
options_section(FILE *out, const struct cli_command *cmd)
{
	static const struct cli_option help = CLI_OPTION_HELP;
	bool has_help = false;

	for (const struct cli_option *o = cmd->options; o && o->opt.name; o++) {
		option_item(out, o);
		has_help |= o->opt.val == OPT_HELP;
	}
	if (!has_help)
		option_item(out, &help);
}

/* Each command: its synopsis, its description, its options (the same table as --help). */
static void
commands_section(FILE *out)
{
	for (size_t k = 0; cli_commands[k]; k++) {
		const struct cli_command *cmd = cli_commands[k];
		const char *args = *cmd->args ? _(cmd->args) : "";
		/* The synopsis as --help prints it, so both languages say [OPTION] their way. */
		char *syn = xasprintf(_("%s [OPTION]...%s%s\n"), cmd->name, *args ? " " : "", args);

		syn[strlen(syn) - 1] = '\0';
		fprintf(out, ".SS %s\n\\fBkallelse %s\\fR", cmd->name, cmd->name);
		roff_synopsis(out, syn + strlen(cmd->name));
		fputs("\n.PP\n", out);
		roff_lines(out, _(cmd->description));
		options_section(out, cmd);
		free(syn);
	}
}

static const char *const map_titles[] = {
	"All views", "Meetings (Sammanträden)", "Agenda (Dagordning)", "Item (Ärende)",
	"Document (Dokument)", "Search (Sök)", "Print preview (Förhandsvisning)",
	"Marked for discussion (Markerat för diskussion)", "Notes (Anteckningar)", "Help (Hjälp)",
};

static const char *const map_titles_sv[] = {
	"Alla vyer", "Sammanträden", "Dagordning", "Ärende", "Dokument", "Sök", "Förhandsvisning",
	"Markerat för diskussion", "Anteckningar", "Hjälp",
};
/* One title per keymap, in the order of KEYMAPS. */
_Static_assert(sizeof map_titles / sizeof map_titles[0] == KEYMAP__COUNT, "map_titles");
_Static_assert(sizeof map_titles_sv / sizeof map_titles_sv[0] == KEYMAP__COUNT, "map_titles_sv");

static bool swedish;

static void
keys_section(FILE *out)
{
	for (int m = 0; m < KEYMAP__COUNT; m++) {
		int printed = 0;

		for (int a = 1; a < ACTION__COUNT; a++) {
			int keys[8];
			size_t n;

			/* Generic keys under "All views"; a view lists only what it binds itself. */
			if (m != KEYMAP_GENERIC && !keys_map_binds((enum keymap)m, (enum action)a))
				continue;
			n = keys_for((enum keymap)m, (enum action)a, keys, 8);
			if (n == 0)
				continue;
			if (!printed++) {
				fputs(".SS ", out);
				roff(out, swedish ? map_titles_sv[m] : map_titles[m]);
				fprintf(out, swedish ? " (tangentkarta \\fB%s\\fR)\n" : " (keymap \\fB%s\\fR)\n",
				    keymap_name((enum keymap)m));
			}
			fputs(".TP\n", out);
			for (size_t k = 0; k < n; k++) {
				char name[32];
				fputs(k ? ", " : "", out);
				fputs("\\fB", out);
				roff(out, keys_name(keys[k], name, sizeof name));
				fputs("\\fR", out);
			}
			fputs("\n", out);
			roff(out, _(action_help((enum action)a)));
			fprintf(out, swedish ? ".\nÅtgärd: \\fI" : ".\nAction name: \\fI");
			roff(out, action_name((enum action)a));
			fputs("\\fR.\n", out);
		}
	}
}

int
main(int argc, char **argv)
{
	FILE *in;
	char line[4096];
	const char *template;

	if (argc == 4 && strcmp(argv[1], "-l") == 0 && strcmp(argv[2], "sv") == 0) {
		swedish = true;
		i18n_init();
		template = argv[3];
	} else if (argc == 2) {
		template = argv[1];
	} else {
		fprintf(stderr, "usage: gen-keys [-l sv] TEMPLATE > PAGE\n");
		return 2;
	}
	in = fopen(template, "r");
	if (in == NULL) {
		perror(template);
		return 1;
	}
	keys_init();
	while (fgets(line, sizeof line, in)) {
		char *at;

		if (strcmp(line, "@KEYS@\n") == 0) {
			keys_section(stdout);
			continue;
		}
		if (strcmp(line, "@OPTIONS@\n") == 0) {
			options_section(stdout, &cli_global);
			continue;
		}
		if (strcmp(line, "@COMMANDS@\n") == 0) {
			commands_section(stdout);
			continue;
		}
		while ((at = strstr(line, "@VERSION@")) != NULL) {
			fwrite(line, 1, (size_t)(at - line), stdout);
			fputs(PACKAGE_VERSION, stdout);
			memmove(line, at + 9, strlen(at + 9) + 1);
		}
		fputs(line, stdout);
	}
	fclose(in);
	return ferror(stdout) ? 1 : 0;
}
